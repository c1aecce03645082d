//! The portal's backend tells us its projects, units, users, case handlers, customer
//! groups and company types, by its own ids. Every call says how things should be
//! (PUT), so sending the same call twice changes nothing the second time and a call
//! that failed halfway may simply be sent again; each answers what it created,
//! updated, and found as it should be. Nothing is deleted: `archived` hides a thing
//! from new imports while customers made before keep pointing at it.

use customer_import_domain::{country::Country, schema::CustomField, wire::Role};
use serde::{Deserialize, Serialize};
use sqlx::{AnyConnection, Row};

use crate::{
    cpu::off_runtime,
    db::Db,
    error::AppError,
    identity::{
        access::{project_by_portal_id, set_case_handler_projects},
        outside_text,
    },
};

/// Units one call may carry.
pub const MAX_UNITS: usize = 20_000;

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectSpec {
    pub name: String,
    /// `NO`, `FI` or `SE`: decides phone numbers' and postal codes' rules.
    pub country: String,
    #[serde(default)]
    pub archived: bool,
    /// The project's own fields, in the order the wizard lists them after the built-in
    /// ones. The list replaces the one before; customers keep the values they have.
    #[serde(default)]
    pub custom_fields: Vec<CustomField>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitsSpec {
    /// The units to create or update; units not listed are left as they are.
    pub units: Vec<UnitSpec>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitSpec {
    pub code: String,
    #[serde(default)]
    pub archived: bool,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserSpec {
    pub email: String,
    pub name: String,
    pub role: Role,
    /// For a member: the portal's ids of the projects they handle (exactly these).
    #[serde(default)]
    pub projects: Vec<String>,
    #[serde(default)]
    pub archived: bool,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupsSpec {
    pub groups: Vec<GroupSpec>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupSpec {
    pub name: String,
    #[serde(default)]
    pub archived: bool,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompanyTypesSpec {
    pub types: Vec<CompanyTypeSpec>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompanyTypeSpec {
    /// Stable key, as imports and exports name the type.
    pub key: String,
    pub name_nb: String,
    pub name_fi: String,
    pub name_en: String,
    pub name_sv: String,
    #[serde(default)]
    pub archived: bool,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WebhookSpec {
    /// Where created customers are POSTed: https (plain http only to loopback).
    pub url: String,
    /// The Standard Webhooks secret that signs every delivery (`webhook-signature`):
    /// `whsec_` and the base64 of 24 to 64 random bytes, known only to the portal and
    /// us. Give it to a Standard Webhooks library as it is.
    #[schema(
        pattern = "^whsec_[A-Za-z0-9+/]+={0,2}$",
        example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    )]
    pub secret: String,
}

/// What a call did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Provisioned {
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
}

impl Provisioned {
    fn count(&mut self, change: Change) {
        match change {
            Change::Created => self.created += 1,
            Change::Updated => self.updated += 1,
            Change::Unchanged => self.unchanged += 1,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    Created,
    Updated,
    Unchanged,
}

/// A text the portal sends, held to the rule of every text from outside, with the
/// length `rule` names.
fn checked<'a>(field: &'static str, value: &'a str, rule: &str) -> Result<&'a str, AppError> {
    outside_text::line(value, rule).map_err(|refusal| AppError::InvalidField {
        field,
        reason: refusal.reason(),
    })
}

/// One row of `table`, found by `key` within `scope`, made to hold `values` and to be
/// archived or not. The names are this module's constants, never input.
struct Put<'a> {
    table: &'static str,
    scope: (&'static str, i64),
    key: (&'static str, &'a str),
    values: Vec<(&'static str, &'a str)>,
    archived: bool,
}

impl Put<'_> {
    async fn run(&self, conn: &mut AnyConnection) -> Result<(Change, i64), AppError> {
        let columns: Vec<&str> = self.values.iter().map(|(c, _)| *c).collect();
        let select = format!(
            "SELECT id, archived_at{} FROM {} WHERE {} = $1 AND {} = $2",
            columns.iter().map(|c| format!(", {c}")).collect::<String>(),
            self.table,
            self.scope.0,
            self.key.0,
        );
        let found = sqlx::query(&select)
            .bind(self.scope.1)
            .bind(self.key.1)
            .fetch_optional(&mut *conn)
            .await?;
        let archived_at = if self.archived {
            "CAST(CURRENT_TIMESTAMP AS TEXT)"
        } else {
            "NULL"
        };
        let Some(row) = found else {
            let names = columns.iter().map(|c| format!(", {c}")).collect::<String>();
            let params = (0..columns.len())
                .map(|i| format!(", ${}", i + 3))
                .collect::<String>();
            let insert = format!(
                "INSERT INTO {} ({}, {}{names}, archived_at) VALUES ($1, $2{params}, {archived_at})
                 ON CONFLICT DO NOTHING RETURNING id",
                self.table, self.scope.0, self.key.0,
            );
            let mut query = sqlx::query_scalar(&insert)
                .bind(self.scope.1)
                .bind(self.key.1);
            for (_, v) in &self.values {
                query = query.bind(*v);
            }
            if let Some(id) = query.fetch_optional(&mut *conn).await? {
                return Ok((Change::Created, id));
            }
            // Refused by a unique index: a concurrent call made this very row (run the
            // call again, which finds it), or another row holds the name or e-mail.
            let appeared = sqlx::query(&select)
                .bind(self.scope.1)
                .bind(self.key.1)
                .fetch_optional(&mut *conn)
                .await?;
            return Err(match appeared {
                Some(_) => AppError::Conflicted(sqlx::Error::RowNotFound),
                None => AppError::Conflict("provisioning.value_taken"),
            });
        };
        let id: i64 = row.try_get("id")?;
        let was_archived = row.try_get::<Option<String>, _>("archived_at")?.is_some();
        let mut same = was_archived == self.archived;
        for (column, v) in &self.values {
            same &= row.try_get::<String, _>(*column)? == *v;
        }
        if same {
            return Ok((Change::Unchanged, id));
        }
        // An archived row keeps the moment it was archived.
        let archived_at = match (was_archived, self.archived) {
            (true, true) => "archived_at",
            _ => archived_at,
        };
        let sets = columns
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c} = ${}, ", i + 2))
            .collect::<String>();
        let update = format!(
            "UPDATE {} SET {sets}archived_at = {archived_at} WHERE id = $1",
            self.table
        );
        let mut query = sqlx::query(&update).bind(id);
        for (_, v) in &self.values {
            query = query.bind(*v);
        }
        query.execute(&mut *conn).await.map_err(taken)?;
        Ok((Change::Updated, id))
    }
}

/// A unique name or e-mail held by another row is the caller's conflict, not ours.
fn taken(e: sqlx::Error) -> AppError {
    match e.as_database_error() {
        Some(d) if d.is_unique_violation() => AppError::Conflict("provisioning.value_taken"),
        _ => e.into(),
    }
}

/// Checks a project's declarations away from the threads that answer requests: a
/// pattern's size is found by compiling it up to 20 times.
async fn check_fields(fields: Vec<CustomField>) -> Result<(), AppError> {
    off_runtime(move || CustomField::check_all(&fields)).await?;
    Ok(())
}

pub async fn put_project(
    db: &Db,
    organization: i64,
    id: &str,
    spec: &ProjectSpec,
) -> Result<Provisioned, AppError> {
    let id = checked("id", id, "external_id")?;
    let name = checked("name", &spec.name, "name")?;
    let country = Country::from_code(spec.country.trim())
        .ok_or(AppError::InvalidField {
            field: "country",
            reason: "not NO, FI or SE",
        })?
        .code();
    check_fields(spec.custom_fields.clone()).await?;
    // Serialised from the checked declarations, so the same call stores the same text.
    let custom_fields = serde_json::to_string(&spec.custom_fields).unwrap_or_default();
    let put = Put {
        table: "projects",
        scope: ("organization_id", organization),
        key: ("external_id", id),
        values: vec![
            ("name", name),
            ("country", country),
            ("custom_fields", &custom_fields),
        ],
        archived: spec.archived,
    };
    let mut done = Provisioned::default();
    done.count(
        db.write(&put, |conn, put| {
            Box::pin(async move { put.run(conn).await })
        })
        .await?
        .0,
    );
    Ok(done)
}

pub async fn put_units(
    db: &Db,
    organization: i64,
    project: &str,
    spec: &UnitsSpec,
) -> Result<Provisioned, AppError> {
    if spec.units.len() > MAX_UNITS {
        return Err(AppError::TooLarge("provisioning.too_many_units"));
    }
    let codes = spec
        .units
        .iter()
        .map(|u| Ok((checked("code", &u.code, "unit")?, u.archived)))
        .collect::<Result<Vec<_>, AppError>>()?;
    let project = checked("id", project, "external_id")?;
    let input = (organization, project, codes);
    db.write(&input, |conn, (organization, project, codes)| {
        Box::pin(async move {
            let project_id = project_by_portal_id(conn, *organization, project)
                .await?
                .ok_or(AppError::NotFound)?;
            let mut done = Provisioned::default();
            for (code, archived) in codes {
                let put = Put {
                    table: "units",
                    scope: ("project_id", project_id),
                    key: ("code", code),
                    values: Vec::new(),
                    archived: *archived,
                };
                done.count(put.run(conn).await?.0);
            }
            Ok(done)
        })
    })
    .await
}

pub async fn put_user(
    db: &Db,
    organization: i64,
    id: &str,
    spec: &UserSpec,
) -> Result<Provisioned, AppError> {
    let id = checked("id", id, "external_id")?;
    let email = outside_text::email(&spec.email).map_err(|refusal| AppError::InvalidField {
        field: "email",
        reason: refusal.reason(),
    })?;
    let email = email.as_str();
    let name = checked("name", &spec.name, "name")?;
    let role = match spec.role {
        Role::Admin => "admin",
        Role::Member => "member",
    };
    let input = (organization, id, email, name, role, spec);
    db.write(
        &input,
        |conn, (organization, id, email, name, role, spec)| {
            Box::pin(async move {
                let put = Put {
                    table: "users",
                    scope: ("organization_id", *organization),
                    key: ("external_id", id),
                    values: vec![("email", email), ("name", name), ("role", role)],
                    archived: spec.archived,
                };
                let (change, user) = put.run(conn).await?;
                let projects = if spec.role == Role::Member {
                    spec.projects.as_slice()
                } else {
                    &[]
                };
                let assigned = set_case_handler_projects(conn, *organization, user, projects)
                    .await?
                    .ok_or(AppError::InvalidField {
                        field: "projects",
                        reason: "names a project the organization does not have",
                    })?;
                let mut done = Provisioned::default();
                done.count(match (change, assigned) {
                    (Change::Unchanged, true) => Change::Updated,
                    (change, _) => change,
                });
                Ok(done)
            })
        },
    )
    .await
}

pub async fn put_groups(
    db: &Db,
    organization: i64,
    spec: &GroupsSpec,
) -> Result<Provisioned, AppError> {
    let groups = spec
        .groups
        .iter()
        .map(|g| Ok((checked("name", &g.name, "customer_group")?, g.archived)))
        .collect::<Result<Vec<_>, AppError>>()?;
    let input = (organization, groups);
    db.write(&input, |conn, (organization, groups)| {
        Box::pin(async move {
            let mut done = Provisioned::default();
            for (name, archived) in groups {
                let put = Put {
                    table: "customer_groups",
                    scope: ("organization_id", *organization),
                    key: ("name", name),
                    values: Vec::new(),
                    archived: *archived,
                };
                done.count(put.run(conn).await?.0);
            }
            Ok(done)
        })
    })
    .await
}

pub async fn put_company_types(
    db: &Db,
    organization: i64,
    spec: &CompanyTypesSpec,
) -> Result<Provisioned, AppError> {
    let types = spec
        .types
        .iter()
        .map(|t| {
            Ok(Put {
                table: "company_types",
                scope: ("organization_id", organization),
                key: ("key", checked("key", &t.key, "company_type")?),
                values: vec![
                    ("name_nb", checked("name_nb", &t.name_nb, "company_type")?),
                    ("name_fi", checked("name_fi", &t.name_fi, "company_type")?),
                    ("name_en", checked("name_en", &t.name_en, "company_type")?),
                    ("name_sv", checked("name_sv", &t.name_sv, "company_type")?),
                ],
                archived: t.archived,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    db.write(&types, |conn, types| {
        Box::pin(async move {
            let mut done = Provisioned::default();
            for put in types {
                done.count(put.run(conn).await?.0);
            }
            Ok(done)
        })
    })
    .await
}

pub async fn put_webhook(
    db: &Db,
    organization: i64,
    spec: &WebhookSpec,
    allow_private: bool,
) -> Result<Provisioned, AppError> {
    let url = spec.url.trim();
    crate::portal::delivery::check_url(url, allow_private)
        .await
        .map_err(|e| AppError::InvalidField {
            field: "url",
            reason: e.reason(),
        })?;
    crate::portal::delivery::check_secret(&spec.secret).map_err(|reason| {
        AppError::InvalidField {
            field: "secret",
            reason,
        }
    })?;
    let input = (url, spec.secret.as_str(), organization);
    let changed = db
        .write(&input, |conn, (url, secret, organization)| {
            Box::pin(async move {
                Ok(sqlx::query(
                    "UPDATE organizations SET webhook_url = $1, webhook_secret = $2
                     WHERE id = $3 AND (webhook_url IS NULL OR webhook_url <> $1
                                        OR webhook_secret IS NULL OR webhook_secret <> $2)",
                )
                .bind(*url)
                .bind(*secret)
                .bind(*organization)
                .execute(conn)
                .await?
                .rows_affected())
            })
        })
        .await?;
    let mut done = Provisioned::default();
    done.count(if changed == 1 {
        Change::Updated
    } else {
        Change::Unchanged
    });
    Ok(done)
}
