//! `POST /api/projects/{id}/import`: one chunk of rows, answered with a verdict per row.

use std::sync::Arc;

use axum::{
    Json,
    extract::{FromRequestParts, State},
    http::request::Parts,
};
use customer_import_domain::{
    validate::Date,
    wire::{ApiError, ImportChunk, ImportResult},
};

use crate::{
    error::AppError,
    http::json::{Body, BodyCodes},
    http::state::AppState,
    identity::access::ProjectAccess,
    imports::import,
};

#[utoipa::path(
    post,
    path = "/api/projects/{id}/import",
    params(
        ("id" = String, Path, description = "The project: the server's id (`12`), or `portal:` and the id the portal provisioned it with (`portal:p-elv`)"),
        ("Idempotency-Key" = String, Header, description = "Names this chunk: the same key with the same body replays the first answer; with another body it is refused (409)"),
    ),
    request_body = ImportChunk,
    responses(
        (status = 200, description = "A verdict for every row; the created rows were committed together", body = ImportResult),
        (status = 400, description = "No key, an unknown field, or a malformed body", body = ApiError),
        (status = 401, description = "No valid token", body = ApiError),
        (status = 403, description = "Not a project the caller may import into", body = ApiError),
        (status = 404, description = "No such project in the caller's organization", body = ApiError),
        (status = 409, description = "`import.idempotency_key_reused`: the key was used for another body; `import.in_progress`: its first request is still running; `import.batch_undone`: the batch was undone (also when the key is sent again after the undo); `import.batch_full`: the batch would create more customers than its first chunk's `file_rows`, or take more than three times as many rows in all (each row may be refused, fixed and sent again twice)", body = ApiError),
        (status = 413, description = "More than 5,000 rows or 8 MiB", body = ApiError),
        (status = 422, description = "`request.invalid_field`, the message naming the field: `file` is not the index of one of the chunk's `files` (or of the files the import's first chunk named), is missing beside `files`, or is given without them; or more than 100 `files`", body = ApiError),
    ),
)]
pub async fn import_chunk(
    State(state): State<AppState>,
    ProjectAccess { user, project }: ProjectAccess,
    IdempotencyKey(key): IdempotencyKey,
    Body(chunk): Body<ImportChunk>,
) -> Result<Json<ImportResult>, AppError> {
    let result = import::import_chunk(
        &state.db,
        state.creating,
        &user,
        &project,
        &key,
        Arc::new(chunk),
        today(),
    )
    .await?;
    Ok(Json(result))
}

impl BodyCodes for ImportChunk {
    const INVALID: &'static str = "import.invalid_body";
    const TOO_LARGE: Option<&'static str> = Some("import.body_too_large");
}

/// The `Idempotency-Key` header, required; checked before the body is read.
pub struct IdempotencyKey(String);

impl<S: Send + Sync> FromRequestParts<S> for IdempotencyKey {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        parts
            .headers
            .get("idempotency-key")
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .filter(|k| !k.is_empty() && k.len() <= 200)
            .map(|k| IdempotencyKey(k.to_owned()))
            .ok_or(AppError::BadRequest("import.idempotency_key_required"))
    }
}

/// Today's date (UTC), for "not in the future".
fn today() -> Date {
    Date::from_days_since_1970(crate::basics::days_since_1970())
}
