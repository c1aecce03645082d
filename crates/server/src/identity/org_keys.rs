//! Organization API keys: how a portal's backend calls the provisioning API. A key
//! belongs to one organization, is made on the command line or by the portal itself
//! (rotation), shown once and stored only as its SHA-256, like the users' tokens; it
//! opens nothing but provisioning.
//!
//! Two keys are valid at once only during a rotation: a new key starts the keys valid
//! before it on their way out (valid for the overlap the caller chose, so the portal
//! can switch without a gap), and ends at once those already on their way out. Any
//! key can be revoked at once.

use axum::{
    extract::{FromRef, FromRequestParts},
    http::request::Parts,
};
use serde::Serialize;
use sqlx::AnyConnection;

use crate::{
    basics::unix_now,
    db::Db,
    error::AppError,
    identity::tokens::{bearer_token, hash_token, new_secret},
};

const KEY_PREFIX: &str = "cik_";

/// How long the keys a new key replaces stay valid when nobody says otherwise.
pub const DEFAULT_OVERLAP_HOURS: u32 = 24;
/// The longest a replaced key may stay valid.
pub const MAX_OVERLAP_HOURS: u32 = 168;

/// A key made: its id, and itself in clear text (shown once).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct IssuedKey {
    pub id: i64,
    pub key: String,
    /// Until when (unix seconds) the keys it replaces stay valid; `None` when there
    /// were none.
    pub replaced_until: Option<i64>,
}

/// One key of the organization, as listed (never the key itself).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct KeyInfo {
    pub id: i64,
    pub label: String,
    pub created_at: String,
    /// When a replaced key stops working (unix seconds).
    pub expires_at: Option<i64>,
    pub revoked_at: Option<String>,
    /// Whether it opens provisioning now.
    #[sqlx(skip)]
    pub valid: bool,
}

/// Makes a key for `organization`, starting the valid keys before it on their way out
/// for `overlap_hours` (at most [`MAX_OVERLAP_HOURS`]).
pub async fn issue(
    db: &Db,
    organization: i64,
    label: &str,
    overlap_hours: u32,
) -> Result<IssuedKey, AppError> {
    let key = new_secret(KEY_PREFIX)?;
    let input = (
        organization,
        label,
        overlap_hours.min(MAX_OVERLAP_HOURS),
        key,
    );
    db.write(&input, |conn, (organization, label, overlap_hours, key)| {
        Box::pin(async move {
            let now = unix_now();
            let until = now + i64::from(*overlap_hours) * 3600;
            // Those on their way out already: a second rotation completes the first.
            sqlx::query(
                "UPDATE organization_api_keys SET expires_at = $2
                 WHERE organization_id = $1 AND revoked_at IS NULL AND expires_at > $2",
            )
            .bind(*organization)
            .bind(now)
            .execute(&mut *conn)
            .await?;
            let replaced = sqlx::query(
                "UPDATE organization_api_keys SET expires_at = $2
                 WHERE organization_id = $1 AND revoked_at IS NULL AND expires_at IS NULL",
            )
            .bind(*organization)
            .bind(until)
            .execute(&mut *conn)
            .await?
            .rows_affected();
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO organization_api_keys (organization_id, key_hash, label, created_at)
                 VALUES ($1, $2, $3, CAST(CURRENT_TIMESTAMP AS TEXT)) RETURNING id",
            )
            .bind(*organization)
            .bind(hash_token(key))
            .bind(*label)
            .fetch_one(&mut *conn)
            .await?;
            Ok(IssuedKey {
                id,
                key: key.clone(),
                replaced_until: (replaced > 0).then_some(until),
            })
        })
    })
    .await
}

/// The organization's keys, newest first.
pub async fn list(conn: &mut AnyConnection, organization: i64) -> Result<Vec<KeyInfo>, AppError> {
    let mut keys: Vec<KeyInfo> = sqlx::query_as(
        "SELECT id, label, created_at, expires_at, revoked_at FROM organization_api_keys
         WHERE organization_id = $1 ORDER BY id DESC",
    )
    .bind(organization)
    .fetch_all(&mut *conn)
    .await?;
    let now = unix_now();
    for key in &mut keys {
        key.valid = key.revoked_at.is_none() && key.expires_at.is_none_or(|at| at > now);
    }
    Ok(keys)
}

/// Revokes the organization's key `id` at once; `false` when it has no such key.
/// Revoking a revoked key changes nothing.
pub async fn revoke(db: &Db, organization: i64, id: i64) -> Result<bool, AppError> {
    let found: Option<i64> = sqlx::query_scalar(
        "UPDATE organization_api_keys
         SET revoked_at = COALESCE(revoked_at, CAST(CURRENT_TIMESTAMP AS TEXT))
         WHERE organization_id = $1 AND id = $2 RETURNING id",
    )
    .bind(organization)
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(found.is_some())
}

/// Whether `key` is a valid key of `organization` (the start script keeps its key
/// across starts).
pub async fn is_valid(db: &Db, organization: i64, key: &str) -> Result<bool, AppError> {
    Ok(holder(db, key)
        .await?
        .is_some_and(|k| k.organization_id == organization))
}

async fn holder(db: &Db, key: &str) -> Result<Option<OrganizationKey>, AppError> {
    #[derive(sqlx::FromRow)]
    struct Holder {
        id: i64,
        organization_id: i64,
    }
    let found: Option<Holder> = sqlx::query_as(
        "SELECT id, organization_id FROM organization_api_keys
         WHERE key_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2)",
    )
    .bind(hash_token(key))
    .bind(unix_now())
    .fetch_optional(&db.pool)
    .await?;
    Ok(found.map(|h| OrganizationKey {
        key_id: h.id,
        organization_id: h.organization_id,
    }))
}

/// The organization whose key signed the request, and which key.
#[derive(Debug, Clone, Copy)]
pub struct OrganizationKey {
    pub key_id: i64,
    pub organization_id: i64,
}

impl<S> FromRequestParts<S> for OrganizationKey
where
    S: Send + Sync,
    Db: FromRef<S>,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let key = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(bearer_token)
            .filter(|k| k.starts_with(KEY_PREFIX))
            .ok_or(AppError::Unauthenticated)?;
        holder(&Db::from_ref(state), key)
            .await?
            .ok_or(AppError::Unauthenticated)
    }
}
