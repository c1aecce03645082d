//! Setting up accounts from the command line: organizations, users, projects, units,
//! case-handler assignments and tokens. Things are named as the operator knows them
//! (organization and project names, user e-mails); every mistake is a typed error that
//! says which name was wrong, and nothing is half-created.

use customer_import_domain::{country::Country, validate::storable};

use crate::{
    db::Db, identity::org_keys, identity::organization::ensure_default_company_types,
    identity::outside_text, identity::tokens,
};

#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error("an organization named {0:?} exists already")]
    OrganizationExists(String),
    #[error("there is no organization named {0:?}")]
    NoOrganization(String),
    #[error("a user with the e-mail address {0:?} exists already")]
    UserExists(String),
    #[error("there is no user with the e-mail address {0:?}")]
    NoUser(String),
    #[error(
        "users of several organizations have the e-mail address {0:?}: name the \
         organization with --organization"
    )]
    AmbiguousUser(String),
    #[error("{0:?} is not an e-mail address")]
    BadEmail(String),
    #[error("organization {organization:?} has a project named {project:?} already")]
    ProjectExists {
        organization: String,
        project: String,
    },
    #[error("organization {organization:?} has no project named {project:?}")]
    NoProject {
        organization: String,
        project: String,
    },
    #[error("the country must be NO, FI or SE, not {0:?}")]
    BadCountry(String),
    #[error("a name must not be empty")]
    EmptyName,
    #[error(
        "{0:?} holds a control, bidirectional-override or invisible character, or a space \
         other than the plain one"
    )]
    HiddenCharacter(String),
    /// Names show in menus and file names, and units must fit what an import stores.
    #[error("a name may be at most {limit} characters long, this one has {length}")]
    NameTooLong { limit: usize, length: usize },
    #[error("{user} is not a user of organization {organization:?}")]
    OtherOrganization { user: String, organization: String },
    #[error("organization {organization:?} has no API key {id}")]
    NoKey { id: i64, organization: String },
    #[error("the key file {0}: {1}")]
    KeyFile(String, std::io::Error),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Server(#[from] crate::error::AppError),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum UserRole {
    /// May import into every project of the organization.
    Admin,
    /// May import into the projects they are case handler of.
    Member,
}

impl UserRole {
    fn code(self) -> &'static str {
        match self {
            UserRole::Admin => "admin",
            UserRole::Member => "member",
        }
    }
}

/// `name` trimmed, neither empty nor longer than `limit` (counted as the import counts),
/// and held to the rule of every text from outside.
fn checked_name(name: &str, limit: usize) -> Result<&str, AdminError> {
    let name = name.trim();
    let length = storable::length(name);
    if name.is_empty() {
        Err(AdminError::EmptyName)
    } else if length > limit {
        Err(AdminError::NameTooLong { limit, length })
    } else if outside_text::has_hidden(name) {
        Err(AdminError::HiddenCharacter(name.to_owned()))
    } else {
        Ok(name)
    }
}

/// A name of an organization, project or user: one line of text, as the import allows.
fn non_empty(name: &str) -> Result<&str, AdminError> {
    checked_name(name, storable::LINE_MAX)
}

/// Creates an organization with the default company types.
pub async fn create_organization(db: &Db, name: &str) -> Result<i64, AdminError> {
    let name = non_empty(name)?;
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO organizations (name) VALUES ($1) ON CONFLICT (name) DO NOTHING RETURNING id",
    )
    .bind(name)
    .fetch_optional(&db.pool)
    .await?;
    let id = id.ok_or_else(|| AdminError::OrganizationExists(name.to_owned()))?;
    ensure_default_company_types(db, id).await?;
    Ok(id)
}

/// Names the organization by the portal's id for it, as the portal's tokens do.
pub async fn set_organization_portal_id(
    db: &Db,
    organization: i64,
    portal_id: &str,
) -> Result<(), AdminError> {
    let portal_id = checked_name(portal_id, storable::SHORT_MAX)?;
    sqlx::query("UPDATE organizations SET external_id = $1 WHERE id = $2")
        .bind(portal_id)
        .bind(organization)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// A new organization API key, in clear text: shown once, stored hashed.
pub async fn issue_api_key(db: &Db, organization: &str, label: &str) -> Result<String, AdminError> {
    let issued = rotate_api_key(db, organization, label, org_keys::DEFAULT_OVERLAP_HOURS).await?;
    Ok(issued.key)
}

/// A new API key for the organization; the keys valid before it stay valid for
/// `overlap_hours`, those already being replaced end now.
pub async fn rotate_api_key(
    db: &Db,
    organization: &str,
    label: &str,
    overlap_hours: u32,
) -> Result<org_keys::IssuedKey, AdminError> {
    let organization = organization_id(db, organization).await?;
    let label = non_empty(label)?;
    Ok(org_keys::issue(db, organization, label, overlap_hours).await?)
}

/// The organization's valid key kept in `file` (a script's own, across restarts),
/// or a new one written there (readable by its owner only) when it holds none.
pub async fn kept_api_key(
    db: &Db,
    organization: &str,
    label: &str,
    file: &std::path::Path,
) -> Result<String, AdminError> {
    let org = organization_id(db, organization).await?;
    if let Ok(kept) = std::fs::read_to_string(file)
        && org_keys::is_valid(db, org, kept.trim()).await?
    {
        return Ok(kept.trim().to_owned());
    }
    let key = issue_api_key(db, organization, label).await?;
    write_private(file, &key).map_err(|e| AdminError::KeyFile(file.display().to_string(), e))?;
    Ok(key)
}

fn write_private(file: &std::path::Path, key: &str) -> std::io::Result<()> {
    use std::io::Write;
    if let Some(folder) = file.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(file)?.write_all(format!("{key}\n").as_bytes())
}

pub async fn list_api_keys(
    db: &Db,
    organization: &str,
) -> Result<Vec<org_keys::KeyInfo>, AdminError> {
    let org = organization_id(db, organization).await?;
    Ok(org_keys::list(&mut *db.pool.acquire().await?, org).await?)
}

pub async fn revoke_api_key(db: &Db, organization: &str, id: i64) -> Result<(), AdminError> {
    let org = organization_id(db, organization).await?;
    if org_keys::revoke(db, org, id).await? {
        Ok(())
    } else {
        Err(AdminError::NoKey {
            id,
            organization: organization.to_owned(),
        })
    }
}

pub async fn organization_id(db: &Db, name: &str) -> Result<i64, AdminError> {
    sqlx::query_scalar("SELECT id FROM organizations WHERE name = $1")
        .bind(name.trim())
        .fetch_optional(&db.pool)
        .await?
        .ok_or_else(|| AdminError::NoOrganization(name.to_owned()))
}

pub async fn create_user(
    db: &Db,
    organization: &str,
    email: &str,
    name: &str,
    role: UserRole,
) -> Result<i64, AdminError> {
    let org = organization_id(db, organization).await?;
    let email = outside_text::email(email).map_err(|_| AdminError::BadEmail(email.to_owned()))?;
    let name = non_empty(name)?;
    // The unique index on the organization and lower(email) decides, also against a
    // concurrent call.
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO users (organization_id, email, name, role) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(org)
    .bind(&email)
    .bind(name)
    .bind(role.code())
    .fetch_optional(&db.pool)
    .await?;
    id.ok_or(AdminError::UserExists(email))
}

/// The user with `email`, of `organization` when named: an address is unique within
/// an organization only.
async fn user(db: &Db, organization: Option<&str>, email: &str) -> Result<(i64, i64), AdminError> {
    let found: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT users.id, users.organization_id FROM users
         JOIN organizations ON organizations.id = users.organization_id
         WHERE lower(users.email) = lower($1) AND ($2 IS NULL OR organizations.name = $2)",
    )
    .bind(email.trim())
    .bind(organization)
    .fetch_all(&db.pool)
    .await?;
    match found[..] {
        [one] => Ok(one),
        [] => Err(AdminError::NoUser(email.to_owned())),
        _ => Err(AdminError::AmbiguousUser(email.to_owned())),
    }
}

pub async fn create_project(
    db: &Db,
    organization: &str,
    name: &str,
    country: &str,
) -> Result<i64, AdminError> {
    let org = organization_id(db, organization).await?;
    let country = Country::from_code(&country.trim().to_ascii_uppercase())
        .ok_or_else(|| AdminError::BadCountry(country.to_owned()))?;
    let name = non_empty(name)?;
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO projects (organization_id, name, country) VALUES ($1, $2, $3)
         ON CONFLICT (organization_id, name) DO NOTHING RETURNING id",
    )
    .bind(org)
    .bind(name)
    .bind(country.code())
    .fetch_optional(&db.pool)
    .await?;
    id.ok_or_else(|| AdminError::ProjectExists {
        organization: organization.to_owned(),
        project: name.to_owned(),
    })
}

async fn project_id(db: &Db, organization: &str, project: &str) -> Result<i64, AdminError> {
    let org = organization_id(db, organization).await?;
    sqlx::query_scalar("SELECT id FROM projects WHERE organization_id = $1 AND name = $2")
        .bind(org)
        .bind(project.trim())
        .fetch_optional(&db.pool)
        .await?
        .ok_or_else(|| AdminError::NoProject {
            organization: organization.to_owned(),
            project: project.to_owned(),
        })
}

/// Adds the units a project lacks, in one transaction; returns how many were new.
pub async fn add_units(
    db: &Db,
    organization: &str,
    project: &str,
    codes: &[String],
) -> Result<u64, AdminError> {
    let project = project_id(db, organization, project).await?;
    let mut tx = db.pool.begin().await?;
    let mut added = 0;
    for code in codes {
        // An import stores a unit as the project lists it, within the unit's limit.
        let code = checked_name(code, storable::max_length("unit"))?;
        added += sqlx::query(
            "INSERT INTO units (project_id, code) VALUES ($1, $2)
             ON CONFLICT (project_id, code) DO NOTHING",
        )
        .bind(project)
        .bind(code)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    }
    tx.commit().await?;
    Ok(added)
}

/// Makes a member case handler of a project of their own organization.
pub async fn assign_case_handler(
    db: &Db,
    organization: &str,
    project: &str,
    user_email: &str,
) -> Result<(), AdminError> {
    let project = project_id(db, organization, project).await?;
    let (user, _) = user(db, Some(organization), user_email)
        .await
        .map_err(|e| match e {
            AdminError::NoUser(_) => AdminError::OtherOrganization {
                user: user_email.to_owned(),
                organization: organization.to_owned(),
            },
            other => other,
        })?;
    sqlx::query(
        "INSERT INTO project_case_handlers (project_id, user_id) VALUES ($1, $2)
         ON CONFLICT DO NOTHING",
    )
    .bind(project)
    .bind(user)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// A new token for the user, in clear text: shown once, stored hashed; it stops
/// working after `expires_in_days`, or when revoked.
pub async fn issue_token(
    db: &Db,
    organization: Option<&str>,
    user_email: &str,
    label: &str,
    expires_in_days: Option<u32>,
) -> Result<String, AdminError> {
    let (user, _) = user(db, organization, user_email).await?;
    let expires_at =
        expires_in_days.map(|days| crate::basics::unix_now() + i64::from(days) * 86_400);
    Ok(tokens::issue_token_until(db, user, label, expires_at).await?)
}

/// Revokes every token of the user; returns how many were active.
pub async fn revoke_tokens(
    db: &Db,
    organization: Option<&str>,
    user_email: &str,
) -> Result<u64, AdminError> {
    let (user, _) = user(db, organization, user_email).await?;
    Ok(sqlx::query(
        "UPDATE api_tokens SET revoked_at = CAST(CURRENT_TIMESTAMP AS TEXT)
         WHERE user_id = $1 AND revoked_at IS NULL",
    )
    .bind(user)
    .execute(&db.pool)
    .await?
    .rows_affected())
}
