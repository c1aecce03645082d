//! Bearer-token authentication, two kinds: the server's own tokens (`cit_…`), random,
//! shown once when issued and stored only as their SHA-256 (a copy of the database
//! does not let anyone sign in), optionally expiring; and, when a portal is
//! configured, the portal's signed JWTs ([`crate::identity::portal_token`]), whose user is
//! created or updated on sight ([`crate::identity::portal_session`]).

use axum::{extract::FromRequestParts, http::request::Parts};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use customer_import_domain::wire::Role;
use sha2::{Digest, Sha256};
use sqlx::Row;

use crate::{AppState, db::Db, error::AppError, identity::portal_session};

const TOKEN_PREFIX: &str = "cit_";

/// Issues a new token for `user_id` and returns it in clear text; only its hash is kept.
pub async fn issue_token(db: &Db, user_id: i64, label: &str) -> Result<String, sqlx::Error> {
    issue_token_until(db, user_id, label, None).await
}

/// Seconds since 1970, as token expiries are stored.
pub fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// As [`issue_token`], valid until `expires_at` (unix seconds) when given.
pub async fn issue_token_until(
    db: &Db,
    user_id: i64,
    label: &str,
    expires_at: Option<i64>,
) -> Result<String, sqlx::Error> {
    let token = new_secret(TOKEN_PREFIX)?;
    sqlx::query(
        "INSERT INTO api_tokens (user_id, token_hash, label, created_at, expires_at)
         VALUES ($1, $2, $3, CAST(CURRENT_TIMESTAMP AS TEXT), $4)",
    )
    .bind(user_id)
    .bind(hash_token(&token))
    .bind(label)
    .bind(expires_at)
    .execute(&db.pool)
    .await?;
    Ok(token)
}

/// A new secret for a bearer header: `prefix` and 256 random bits, base64url. Only its
/// [`hash_token`] is ever stored.
pub fn new_secret(prefix: &str) -> Result<String, sqlx::Error> {
    let mut random = [0u8; 32];
    getrandom::fill(&mut random)
        .map_err(|e| sqlx::Error::Protocol(format!("no randomness: {e}")))?;
    Ok(format!("{prefix}{}", URL_SAFE_NO_PAD.encode(random)))
}

pub fn hash_token(token: &str) -> String {
    sha256_hex(token.as_bytes())
}

/// SHA-256 of `bytes` as lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The authenticated caller. Extracting it from a request fails with 401 unless the
/// request carries a valid `Authorization: Bearer …` header.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub id: i64,
    pub organization_id: i64,
    pub organization_name: String,
    pub name: String,
    pub email: String,
    pub role: Role,
}

impl CurrentUser {
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }
}

/// The token of an `Authorization` value; the scheme's name is case-insensitive
/// (RFC 9110 §11.1).
pub(crate) fn bearer_token(value: &str) -> Option<&str> {
    let (scheme, token) = value.trim().split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let token = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(bearer_token)
            .filter(|t| !t.is_empty())
            .ok_or(AppError::Unauthenticated)?;
        if !token.starts_with(TOKEN_PREFIX)
            && let Some(portal) = &state.portal
        {
            let claims = portal.verify(token).await.map_err(AppError::TokenRefused)?;
            return portal_session::sign_in(&state.db, &claims).await;
        }
        let row = sqlx::query(
            "SELECT u.id, u.organization_id, o.name, u.name, u.email, u.role
             FROM api_tokens t
             JOIN users u ON u.id = t.user_id
             JOIN organizations o ON o.id = u.organization_id
             WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.archived_at IS NULL
               AND (t.expires_at IS NULL OR t.expires_at > $2)",
        )
        .bind(hash_token(token))
        .bind(unix_now())
        .fetch_optional(&state.db.pool)
        .await?
        .ok_or(AppError::Unauthenticated)?;
        let role = match row.try_get::<String, _>(5)?.as_str() {
            "admin" => Role::Admin,
            _ => Role::Member,
        };
        Ok(CurrentUser {
            id: row.try_get(0)?,
            organization_id: row.try_get(1)?,
            organization_name: row.try_get(2)?,
            name: row.try_get(3)?,
            email: row.try_get(4)?,
            role,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_hex_sha256() {
        assert_eq!(
            hash_token("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn the_bearer_scheme_is_case_insensitive_and_others_are_not_bearer() {
        for value in [
            "Bearer cit_1",
            "bearer cit_1",
            "BEARER  cit_1 ",
            " Bearer cit_1",
        ] {
            assert_eq!(bearer_token(value), Some("cit_1"), "{value:?}");
        }
        for value in ["Basic cit_1", "Bearercit_1", "cit_1", ""] {
            assert_eq!(bearer_token(value), None, "{value:?}");
        }
    }
}
