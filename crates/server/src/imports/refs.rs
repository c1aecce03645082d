//! What rows of an import may refer to in one project and its organization: units,
//! company types, customer groups and users. Loaded once per chunk by the import
//! (ids to store) and per request by the schema endpoint (lists to show and check).

use std::collections::HashMap;

use customer_import_domain::validate::{
    Lists,
    row::{AccountManager, CompanyType},
};
use sqlx::AnyConnection;

/// Ids by the value rows carry.
pub struct Refs {
    pub organization: i64,
    pub units: HashMap<String, i64>,
    pub company_types: HashMap<String, i64>,
    pub groups: HashMap<String, i64>,
    pub managers: HashMap<String, i64>,
}

/// The ids, and the same as lists (in display order) for the domain's checks.
pub async fn load(
    conn: &mut AnyConnection,
    organization: i64,
    project: i64,
) -> Result<(Refs, Lists), sqlx::Error> {
    let units_rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, code FROM units WHERE project_id = $1 AND archived_at IS NULL ORDER BY code",
    )
    .bind(project)
    .fetch_all(&mut *conn)
    .await?;
    let type_rows: Vec<TypeRow> = sqlx::query_as(
        "SELECT id, key, name_nb, name_fi, name_en, name_sv FROM company_types
         WHERE organization_id = $1 AND archived_at IS NULL ORDER BY id",
    )
    .bind(organization)
    .fetch_all(&mut *conn)
    .await?;
    let group_rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, name FROM customer_groups
         WHERE organization_id = $1 AND archived_at IS NULL ORDER BY name",
    )
    .bind(organization)
    .fetch_all(&mut *conn)
    .await?;
    let manager_rows: Vec<ManagerRow> = sqlx::query_as(
        "SELECT id, email, name FROM users
             WHERE organization_id = $1 AND archived_at IS NULL ORDER BY name",
    )
    .bind(organization)
    .fetch_all(&mut *conn)
    .await?;

    let mut refs = Refs {
        organization,
        units: HashMap::new(),
        company_types: HashMap::new(),
        groups: HashMap::new(),
        managers: HashMap::new(),
    };
    let (mut units, mut types, mut groups, mut managers) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (id, code) in units_rows {
        refs.units.insert(code.clone(), id);
        units.push(code);
    }
    for r in type_rows {
        refs.company_types.insert(r.key.clone(), r.id);
        // The names are in `CompanyType::NAME_ORDER`.
        types.push(CompanyType {
            key: r.key,
            names: [r.name_nb, r.name_fi, r.name_en, r.name_sv].into(),
        });
    }
    for (id, name) in group_rows {
        refs.groups.insert(name.clone(), id);
        groups.push(name);
    }
    for r in manager_rows {
        refs.managers.insert(r.email.clone(), r.id);
        managers.push(AccountManager {
            email: r.email,
            name: r.name,
        });
    }
    let lists = Lists {
        units: Some(units),
        company_types: Some(types),
        groups: Some(groups),
        create_missing_groups: false,
        account_managers: Some(managers),
    };
    Ok((refs, lists))
}

/// A company type as stored: its key and its name in each language.
#[derive(sqlx::FromRow)]
struct TypeRow {
    id: i64,
    key: String,
    name_nb: String,
    name_fi: String,
    name_en: String,
    name_sv: String,
}

/// A user who may be named a customer's account manager.
#[derive(sqlx::FromRow)]
struct ManagerRow {
    id: i64,
    email: String,
    name: String,
}

/// The id of group `name`, created when missing: the row was only accepted with an
/// unknown group because the request allowed creating it. `None` when the portal
/// archived a group of that name: archived means no new customers, so the row is
/// refused rather than the group revived.
pub async fn group(
    conn: &mut AnyConnection,
    refs: &mut Refs,
    name: &str,
) -> Result<Option<i64>, sqlx::Error> {
    if let Some(id) = refs.groups.get(name) {
        return Ok(Some(*id));
    }
    sqlx::query("INSERT INTO customer_groups (organization_id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .bind(refs.organization)
        .bind(name)
        .execute(&mut *conn)
        .await?;
    let (id, archived_at): (i64, Option<String>) = sqlx::query_as(
        "SELECT id, archived_at FROM customer_groups WHERE organization_id = $1 AND name = $2",
    )
    .bind(refs.organization)
    .bind(name)
    .fetch_one(&mut *conn)
    .await?;
    if archived_at.is_some() {
        return Ok(None);
    }
    refs.groups.insert(name.to_owned(), id);
    Ok(Some(id))
}
