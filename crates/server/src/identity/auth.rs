//! Bearer-token authentication, two kinds: the server's own tokens
//! ([`crate::identity::tokens`]), and, when a portal is configured, the portal's signed
//! JWTs ([`crate::identity::portal_token`]), whose user is created or updated on sight
//! ([`crate::identity::portal_session`]).

use std::sync::Arc;

use axum::{
    extract::{FromRef, FromRequestParts},
    http::request::Parts,
};
use customer_import_domain::wire::Role;

use crate::{
    basics::unix_now,
    db::Db,
    error::AppError,
    identity::{
        portal_session,
        portal_token::PortalTrust,
        tokens::{TOKEN_PREFIX, bearer_token, hash_token},
        user::CurrentUser,
    },
};

/// Any state that holds the database and the portal's trust, if any.
impl<S> FromRequestParts<S> for CurrentUser
where
    S: Send + Sync,
    Db: FromRef<S>,
    Option<Arc<PortalTrust>>: FromRef<S>,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let db = Db::from_ref(state);
        let token = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(bearer_token)
            .filter(|t| !t.is_empty())
            .ok_or(AppError::Unauthenticated)?;
        if !token.starts_with(TOKEN_PREFIX)
            && let Some(portal) = Option::<Arc<PortalTrust>>::from_ref(state)
        {
            let claims = portal.verify(token).await.map_err(AppError::TokenRefused)?;
            return portal_session::sign_in(&db, &claims).await;
        }
        let row: TokenUser = sqlx::query_as(
            "SELECT u.id, u.organization_id, o.name AS organization_name, u.name, u.email, u.role
             FROM api_tokens t
             JOIN users u ON u.id = t.user_id
             JOIN organizations o ON o.id = u.organization_id
             WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.archived_at IS NULL
               AND (t.expires_at IS NULL OR t.expires_at > $2)",
        )
        .bind(hash_token(token))
        .bind(unix_now())
        .fetch_optional(&db.pool)
        .await?
        .ok_or(AppError::Unauthenticated)?;
        let role = match row.role.as_str() {
            "admin" => Role::Admin,
            _ => Role::Member,
        };
        Ok(CurrentUser {
            id: row.id,
            organization_id: row.organization_id,
            organization_name: row.organization_name,
            name: row.name,
            email: row.email,
            role,
        })
    }
}

/// The user a server token belongs to, as stored.
#[derive(sqlx::FromRow)]
struct TokenUser {
    id: i64,
    organization_id: i64,
    organization_name: String,
    name: String,
    email: String,
    role: String,
}
