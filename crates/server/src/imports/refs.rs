//! What rows of an import may refer to in one project and its organization: units,
//! company types, customer groups and users. Loaded once per chunk by the import
//! (ids to store) and per request by the schema endpoint (lists to show and check).

use std::collections::HashMap;

use customer_import_domain::validate::{
    Lists,
    row::{AccountManager, CompanyType},
};
use sqlx::{AnyConnection, Row};

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
    let units_rows = sqlx::query(
        "SELECT id, code FROM units WHERE project_id = $1 AND archived_at IS NULL ORDER BY code",
    )
    .bind(project)
    .fetch_all(&mut *conn)
    .await?;
    let type_rows = sqlx::query(
        "SELECT id, key, name_nb, name_fi, name_en, name_sv FROM company_types
         WHERE organization_id = $1 AND archived_at IS NULL ORDER BY id",
    )
    .bind(organization)
    .fetch_all(&mut *conn)
    .await?;
    let group_rows = sqlx::query(
        "SELECT id, name FROM customer_groups
         WHERE organization_id = $1 AND archived_at IS NULL ORDER BY name",
    )
    .bind(organization)
    .fetch_all(&mut *conn)
    .await?;
    let manager_rows = sqlx::query(
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
    for r in &units_rows {
        let code: String = r.try_get(1)?;
        refs.units.insert(code.clone(), r.try_get(0)?);
        units.push(code);
    }
    for r in &type_rows {
        let key: String = r.try_get(1)?;
        refs.company_types.insert(key.clone(), r.try_get(0)?);
        // The columns are in `CompanyType::NAME_ORDER`.
        types.push(CompanyType {
            key,
            names: (2..6).map(|i| r.try_get(i)).collect::<Result<_, _>>()?,
        });
    }
    for r in &group_rows {
        let name: String = r.try_get(1)?;
        refs.groups.insert(name.clone(), r.try_get(0)?);
        groups.push(name);
    }
    for r in &manager_rows {
        let email: String = r.try_get(1)?;
        refs.managers.insert(email.clone(), r.try_get(0)?);
        managers.push(AccountManager {
            email,
            name: r.try_get(2)?,
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
