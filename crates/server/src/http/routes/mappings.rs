//! The mappings shared in the organization (`/api/mappings/{signature}`).

use axum::{
    Json,
    extract::{FromRequestParts, Path, State},
    http::request::Parts,
};
use customer_import_domain::wire::{ApiError, SharedMapping, SharedMappingSave};

use crate::{
    error::AppError,
    http::json::{Body, BodyCodes},
    http::state::AppState,
    identity::user::CurrentUser,
    imports::mappings,
};

impl BodyCodes for SharedMappingSave {
    const INVALID: &'static str = "mapping.invalid_body";
    const TOO_LARGE: Option<&'static str> = Some("mapping.body_too_large");
}

/// The layout signature of the path; checked before the body is read.
pub struct Signature(String);

impl<S: Send + Sync> FromRequestParts<S> for Signature {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        match Path::<String>::from_request_parts(parts, state).await {
            Ok(Path(sig)) if mappings::is_signature(&sig) => Ok(Signature(sig)),
            _ => Err(AppError::BadRequest("mapping.invalid_signature")),
        }
    }
}

#[utoipa::path(
    get,
    path = "/api/mappings/{signature}",
    params(("signature" = String, Path, description = "The layout of headings: `mapping::signature(headings)`, 16 hexadecimal digits")),
    responses(
        (status = 200, description = "The mapping last saved for this layout in the caller's organization, and who saved it when", body = SharedMapping),
        (status = 400, description = "Not a signature", body = ApiError),
        (status = 401, description = "No valid token", body = ApiError),
        (status = 404, description = "None saved for this layout in the organization", body = ApiError),
    ),
)]
pub async fn get_mapping(
    State(state): State<AppState>,
    user: CurrentUser,
    Signature(sig): Signature,
) -> Result<Json<SharedMapping>, AppError> {
    Ok(Json(mappings::get(&state.db, &user, &sig).await?))
}

#[utoipa::path(
    put,
    path = "/api/mappings/{signature}",
    params(("signature" = String, Path, description = "The layout of headings: `mapping::signature(headings)`, 16 hexadecimal digits")),
    request_body = SharedMappingSave,
    responses(
        (status = 200, description = "Saved for the organization, replacing any earlier mapping of the layout", body = SharedMapping),
        (status = 400, description = "Not a signature, or a malformed body", body = ApiError),
        (status = 401, description = "No valid token", body = ApiError),
        (status = 413, description = "Body too large", body = ApiError),
        (status = 422, description = "`mapping.unknown_field`, `mapping.column_out_of_range`, `mapping.column_mapped_twice`, `mapping.not_file_wide`, `mapping.columns_count` (1 to 1,000), `mapping.text_too_long` (500 characters), `mapping.hidden_character` (a control, bidirectional-override or invisible character)", body = ApiError),
    ),
)]
pub async fn put_mapping(
    State(state): State<AppState>,
    user: CurrentUser,
    Signature(sig): Signature,
    Body(save): Body<SharedMappingSave>,
) -> Result<Json<SharedMapping>, AppError> {
    Ok(Json(mappings::put(&state.db, &user, &sig, &save).await?))
}
