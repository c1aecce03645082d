//! The portal's backend tells us its projects, units, users, case handlers, customer
//! groups and company types, by its own ids. Every call says how things should be
//! (PUT), so sending the same call twice changes nothing the second time and a call
//! that failed halfway may simply be sent again; each answers what it created,
//! updated, and found as it should be, with our id of each thing next to the portal's
//! (`ids`). Every value is checked before any is refused, so one answer lists every
//! value that cannot be used (as data: where, and why). Nothing is deleted: `archived`
//! hides a thing from new imports while customers made before keep pointing at it.

use customer_import_domain::{country::Country, schema::CustomField, wire::Role};
use serde::{Deserialize, Serialize};
use sqlx::{AnyConnection, Row};

use crate::{
    cpu::off_runtime,
    db::Db,
    error::{AppError, Checks, Invalid, Reason},
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
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Provisioned {
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
    /// Each thing the call named, in the order it named them: the portal's id (a
    /// project's or user's id, a unit's code, a group's name, a company type's key) and
    /// ours. Empty for the webhook.
    #[serde(default)]
    pub ids: Vec<ProvisionedId>,
}

/// One thing provisioned: the portal's id and the server's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ProvisionedId {
    pub portal_id: String,
    pub id: i64,
}

impl Provisioned {
    fn count(&mut self, change: Change) {
        match change {
            Change::Created => self.created += 1,
            Change::Updated => self.updated += 1,
            Change::Unchanged => self.unchanged += 1,
        }
    }

    fn add(&mut self, (change, id): (Change, i64), portal_id: &str) {
        self.count(change);
        self.ids.push(ProvisionedId {
            portal_id: portal_id.to_owned(),
            id,
        });
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    Created,
    Updated,
    Unchanged,
}

/// A text the portal sends, held to the rule of every text from outside, with the
/// length `rule` names; noted in `checks` at `pointer` when it is not one.
fn checked<'a>(checks: &mut Checks, pointer: &str, value: &'a str, rule: &str) -> &'a str {
    checks.check(pointer, outside_text::line(value, rule))
}

/// The pointer of the portal's id in the URL.
const PATH_ID: &str = "#/path/id";

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
    let mut checks = Checks::default();
    let id = checked(&mut checks, PATH_ID, id, "external_id");
    let name = checked(&mut checks, "/name", &spec.name, "name");
    let country = checks.check(
        "/country",
        Country::from_code(spec.country.trim())
            .map(Country::code)
            .ok_or(Reason::Country),
    );
    checks.done()?;
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
    done.add(
        db.write(&put, |conn, put| {
            Box::pin(async move { put.run(conn).await })
        })
        .await?,
        id,
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
    let mut checks = Checks::default();
    let project = checked(&mut checks, PATH_ID, project, "external_id");
    let codes: Vec<(&str, bool)> = spec
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let code = checked(&mut checks, &format!("/units/{i}/code"), &u.code, "unit");
            (code, u.archived)
        })
        .collect();
    checks.done()?;
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
                done.add(put.run(conn).await?, code);
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
    let mut checks = Checks::default();
    let id = checked(&mut checks, PATH_ID, id, "external_id");
    let email: String = checks.check("/email", outside_text::email(&spec.email));
    let email = email.as_str();
    let name = checked(&mut checks, "/name", &spec.name, "name");
    checks.done()?;
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
                    .map_err(|unknown| {
                        AppError::Invalid(
                            unknown
                                .into_iter()
                                .map(|i| {
                                    Invalid::new(
                                        format!("/projects/{i}"),
                                        Reason::UnknownProject(projects[i].clone()),
                                    )
                                })
                                .collect(),
                        )
                    })?;
                let mut done = Provisioned::default();
                let change = match (change, assigned) {
                    (Change::Unchanged, true) => Change::Updated,
                    (change, _) => change,
                };
                done.add((change, user), id);
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
    let mut checks = Checks::default();
    let groups: Vec<(&str, bool)> = spec
        .groups
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let name = checked(
                &mut checks,
                &format!("/groups/{i}/name"),
                &g.name,
                "customer_group",
            );
            (name, g.archived)
        })
        .collect();
    checks.done()?;
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
                done.add(put.run(conn).await?, name);
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
    let mut checks = Checks::default();
    let types: Vec<Put> = spec
        .types
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut text = |member: &str, value| {
                checked(
                    &mut checks,
                    &format!("/types/{i}/{member}"),
                    value,
                    "company_type",
                )
            };
            Put {
                table: "company_types",
                scope: ("organization_id", organization),
                key: ("key", text("key", &t.key)),
                values: vec![
                    ("name_nb", text("name_nb", &t.name_nb)),
                    ("name_fi", text("name_fi", &t.name_fi)),
                    ("name_en", text("name_en", &t.name_en)),
                    ("name_sv", text("name_sv", &t.name_sv)),
                ],
                archived: t.archived,
            }
        })
        .collect();
    checks.done()?;
    db.write(&types, |conn, types| {
        Box::pin(async move {
            let mut done = Provisioned::default();
            for put in types {
                done.add(put.run(conn).await?, put.key.1);
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
    let mut checks = Checks::default();
    checks.check(
        "/url",
        crate::portal::delivery::check_url(url, allow_private).await,
    );
    checks.check(
        "/secret",
        crate::portal::delivery::check_secret(&spec.secret).map_err(Reason::Secret),
    );
    checks.done()?;
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
