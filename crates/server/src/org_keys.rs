//! Organization API keys: how a portal's backend calls the provisioning API. A key
//! belongs to one organization, is made on the command line, shown once and stored
//! only as its SHA-256, like the users' tokens; it opens nothing but provisioning.

use axum::{extract::FromRequestParts, http::request::Parts};

use crate::{
    AppState,
    auth::{bearer_token, hash_token, new_secret},
    db::Db,
    error::AppError,
};

const KEY_PREFIX: &str = "cik_";

/// Makes a key for `organization` and returns it in clear text.
pub async fn issue(db: &Db, organization: i64, label: &str) -> Result<String, sqlx::Error> {
    let key = new_secret(KEY_PREFIX)?;
    sqlx::query(
        "INSERT INTO organization_api_keys (organization_id, key_hash, label, created_at)
         VALUES ($1, $2, $3, CAST(CURRENT_TIMESTAMP AS TEXT))",
    )
    .bind(organization)
    .bind(hash_token(&key))
    .bind(label)
    .execute(&db.pool)
    .await?;
    Ok(key)
}

/// The organization whose key signed the request.
#[derive(Debug, Clone, Copy)]
pub struct OrganizationKey {
    pub organization_id: i64,
}

impl FromRequestParts<AppState> for OrganizationKey {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let key = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(bearer_token)
            .filter(|k| k.starts_with(KEY_PREFIX))
            .ok_or(AppError::Unauthenticated)?;
        let organization_id: i64 = sqlx::query_scalar(
            "SELECT organization_id FROM organization_api_keys
             WHERE key_hash = $1 AND revoked_at IS NULL",
        )
        .bind(hash_token(key))
        .fetch_optional(&state.db.pool)
        .await?
        .ok_or(AppError::Unauthenticated)?;
        Ok(OrganizationKey { organization_id })
    }
}
