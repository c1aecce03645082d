//! `/api/provisioning/keys`: a portal lists its organization's API keys, rotates the
//! one it calls with (the new key is answered once; the old one stays valid for the
//! overlap asked), and revokes a key at once, e.g. one that leaked.

use axum::{
    Json,
    extract::{Path, State, rejection::PathRejection},
    http::StatusCode,
};
use customer_import_domain::wire::ApiError;
use serde::Deserialize;

use crate::{
    error::{AppError, Checks, Reason},
    http::json::{Body, BodyCodes},
    http::state::AppState,
    identity::org_keys::{
        self, DEFAULT_OVERLAP_HOURS, IssuedKey, KeyInfo, MAX_OVERLAP_HOURS, OrganizationKey,
    },
    identity::outside_text,
};

/// What a new key is called, and how long the keys it replaces stay valid.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct KeyRequest {
    /// A name to tell keys apart in the list, e.g. the host that holds it.
    pub label: String,
    /// Hours the keys valid now stay valid (0 to 168, 24 when left out); keys already
    /// being replaced end now, so at most two keys are valid at once.
    #[serde(default)]
    pub overlap_hours: Option<u32>,
}

impl BodyCodes for KeyRequest {
    const INVALID: &'static str = "provisioning.invalid_body";
}

#[utoipa::path(
    get,
    path = "/api/provisioning/keys",
    operation_id = "list_keys",
    security(("organization_key" = [])),
    responses(
        (status = 200, description = "The organization's keys, newest first (never the keys themselves)", body = [KeyInfo]),
        (status = 401, description = "No valid organization key", body = ApiError),
    ),
)]
pub async fn list(
    State(state): State<AppState>,
    key: OrganizationKey,
) -> Result<Json<Vec<KeyInfo>>, AppError> {
    let mut conn = state.db.pool.acquire().await?;
    Ok(Json(org_keys::list(&mut conn, key.organization_id).await?))
}

#[utoipa::path(
    post,
    path = "/api/provisioning/keys",
    security(("organization_key" = [])),
    request_body = KeyRequest,
    responses(
        (status = 201, description = "The new key, shown this once", body = IssuedKey),
        (status = 400, description = "Malformed body", body = ApiError),
        (status = 401, description = "No valid organization key", body = ApiError),
        (status = 422, description = "A label that is empty, too long or not allowed, or an overlap over 168 hours", body = ApiError),
    ),
)]
pub async fn rotate(
    State(state): State<AppState>,
    key: OrganizationKey,
    Body(request): Body<KeyRequest>,
) -> Result<(StatusCode, Json<IssuedKey>), AppError> {
    let mut checks = Checks::default();
    let label = checks.check("/label", outside_text::line(&request.label, "name"));
    let overlap = request.overlap_hours.unwrap_or(DEFAULT_OVERLAP_HOURS);
    if overlap > MAX_OVERLAP_HOURS {
        checks.refuse("/overlap_hours", Reason::TooMuch(MAX_OVERLAP_HOURS.into()));
    }
    checks.done()?;
    let issued = org_keys::issue(&state.db, key.organization_id, label, overlap).await?;
    Ok((StatusCode::CREATED, Json(issued)))
}

#[utoipa::path(
    post,
    path = "/api/provisioning/keys/{id}/revoke",
    security(("organization_key" = [])),
    params(("id" = i64, Path, description = "The key's id, from the list")),
    responses(
        (status = 204, description = "The key opens nothing from now on (also when it was revoked before)"),
        (status = 401, description = "No valid organization key", body = ApiError),
        (status = 404, description = "The organization has no such key", body = ApiError),
    ),
)]
pub async fn revoke(
    State(state): State<AppState>,
    key: OrganizationKey,
    id: Result<Path<i64>, PathRejection>,
) -> Result<StatusCode, AppError> {
    // An id that is no number names no key.
    let Path(id) = id.map_err(|_| AppError::NotFound)?;
    if org_keys::revoke(&state.db, key.organization_id, id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(AppError::NotFound)
    }
}
