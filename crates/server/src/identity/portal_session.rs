//! Who a portal's token signs in: the portal's user in the portal's organization,
//! created on first sight and kept as the token says (name, e-mail, role, and for a
//! member the projects they handle). Nothing is written when nothing changed, so a
//! token used for every request of an import costs reads only.

use customer_import_domain::wire::Role;
use sqlx::AnyConnection;

use crate::{
    db::Db,
    error::AppError,
    error::TokenRefusal,
    identity::user::CurrentUser,
    identity::{access::set_case_handler_projects, portal_token::PortalClaims},
};

/// The user `claims` describe, brought up to date.
pub async fn sign_in(db: &Db, claims: &PortalClaims) -> Result<CurrentUser, AppError> {
    // Concurrent first requests of a new user (a page load sends several) and claim
    // changes meet here: the transaction is run again until one of them made the user.
    db.write_reading_first(claims, |conn, claims| Box::pin(sign_in_in(conn, claims)))
        .await
}

async fn sign_in_in(
    conn: &mut AnyConnection,
    claims: &PortalClaims,
) -> Result<CurrentUser, AppError> {
    let refused = |r: TokenRefusal| AppError::TokenRefused(r);
    let (organization_id, organization_name): (i64, String) =
        sqlx::query_as("SELECT id, name FROM organizations WHERE external_id = $1")
            .bind(&claims.org)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or(refused(TokenRefusal::Organization))?;
    let role = match claims.role {
        Role::Admin => "admin",
        Role::Member => "member",
    };
    let known: Option<KnownUser> = sqlx::query_as(
        "SELECT id, email, name, role, archived_at FROM users
         WHERE organization_id = $1 AND external_id = $2",
    )
    .bind(organization_id)
    .bind(&claims.sub)
    .fetch_optional(&mut *conn)
    .await?;
    let id: i64 = match known {
        Some(row) => {
            let id = row.id;
            // The portal archived this user through provisioning: its word stands.
            if row.archived_at.is_some() {
                return Err(refused(TokenRefusal::UserArchived));
            }
            let current = (row.email, row.name, row.role);
            if current != (claims.email.clone(), claims.name.clone(), role.to_owned()) {
                ensure_email_free(conn, organization_id, &claims.email, id).await?;
                sqlx::query("UPDATE users SET email = $1, name = $2, role = $3 WHERE id = $4")
                    .bind(&claims.email)
                    .bind(&claims.name)
                    .bind(role)
                    .bind(id)
                    .execute(&mut *conn)
                    .await?;
            }
            id
        }
        None => adopt_or_create(conn, organization_id, claims, role).await?,
    };

    // An admin handles every project; a member exactly the claimed ones, when the
    // token names them.
    let projects: Option<&[String]> = match claims.role {
        Role::Admin => Some(&[]),
        Role::Member => claims.projects.as_deref(),
    };
    if let Some(projects) = projects {
        set_case_handler_projects(conn, organization_id, id, projects)
            .await?
            .map_err(|_| refused(TokenRefusal::Project))?;
    }
    Ok(CurrentUser {
        id,
        organization_id,
        organization_name,
        name: claims.name.clone(),
        email: claims.email.clone(),
        role: claims.role,
    })
}

/// The portal's user as stored.
#[derive(sqlx::FromRow)]
struct KnownUser {
    id: i64,
    email: String,
    name: String,
    role: String,
    archived_at: Option<String>,
}

/// A user of the organization made before the portal signed anyone in (on the
/// command line) is the portal's user with the same e-mail; otherwise a new user.
async fn adopt_or_create(
    conn: &mut AnyConnection,
    organization_id: i64,
    claims: &PortalClaims,
    role: &str,
) -> Result<i64, AppError> {
    let same_email: Option<SameEmail> = sqlx::query_as(
        "SELECT id, external_id FROM users
         WHERE organization_id = $1 AND lower(email) = lower($2)",
    )
    .bind(organization_id)
    .bind(&claims.email)
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(SameEmail { id, external_id }) = same_email {
        match external_id {
            // A concurrent first request with this token made the user after this one
            // looked for it (PostgreSQL reads each statement afresh): run it again.
            Some(made) if made == claims.sub => {
                return Err(AppError::Conflicted(sqlx::Error::RowNotFound));
            }
            Some(_) => return Err(AppError::TokenRefused(TokenRefusal::EmailTaken)),
            None => {}
        }
        sqlx::query("UPDATE users SET external_id = $1, name = $2, role = $3 WHERE id = $4")
            .bind(&claims.sub)
            .bind(&claims.name)
            .bind(role)
            .bind(id)
            .execute(&mut *conn)
            .await?;
        return Ok(id);
    }
    let created: Option<i64> = sqlx::query_scalar(
        "INSERT INTO users (organization_id, email, name, role, external_id)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(organization_id)
    .bind(&claims.email)
    .bind(&claims.name)
    .bind(role)
    .bind(&claims.sub)
    .fetch_optional(&mut *conn)
    .await?;
    // A concurrent first request with the same token created the user a moment ago:
    // run the sign-in again, which now finds them.
    created.ok_or(AppError::Conflicted(sqlx::Error::RowNotFound))
}

/// A user of the organization with the token's e-mail.
#[derive(sqlx::FromRow)]
struct SameEmail {
    id: i64,
    external_id: Option<String>,
}

/// Refuses an e-mail another user of the same organization has; other organizations'
/// users are none of this one's business.
async fn ensure_email_free(
    conn: &mut AnyConnection,
    organization_id: i64,
    email: &str,
    except: i64,
) -> Result<(), AppError> {
    let other: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM users WHERE organization_id = $1 AND lower(email) = lower($2) AND id <> $3",
    )
    .bind(organization_id)
    .bind(email)
    .bind(except)
    .fetch_optional(&mut *conn)
    .await?;
    match other {
        Some(_) => Err(AppError::TokenRefused(TokenRefusal::EmailTaken)),
        None => Ok(()),
    }
}
