//! A project's import history and undoing an import (`/api/projects/{id}/imports…`),
//! and the mappings shared in the organization (`/api/mappings/{signature}`).

use axum::{
    Json,
    extract::{
        Path, Query, State,
        rejection::{JsonRejection, PathRejection, QueryRejection},
    },
    http::StatusCode,
};
use customer_import_domain::wire::{
    ApiError, ImportDetail, ImportPage, SharedMapping, SharedMappingSave, UndoResult,
};
use serde::Deserialize;

use crate::{
    AppState, error::AppError, identity::access::ProjectAccess, identity::user::CurrentUser,
    imports::history, imports::mappings,
};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct Before {
    /// Only imports older than this one: the previous page's `next_before`.
    before: Option<i64>,
}

#[utoipa::path(
    get,
    path = "/api/projects/{id}/imports",
    params(("id" = i64, Path, description = "The project"), Before),
    responses(
        (status = 200, description = "The project's imports, newest first, 50 a page", body = ImportPage),
        (status = 400, description = "Malformed query", body = ApiError),
        (status = 401, description = "No valid token", body = ApiError),
        (status = 403, description = "Not a project the caller handles", body = ApiError),
        (status = 404, description = "No such project in the caller's organization", body = ApiError),
    ),
)]
pub async fn list(
    State(state): State<AppState>,
    ProjectAccess { user, project }: ProjectAccess,
    query: Result<Query<Before>, QueryRejection>,
) -> Result<Json<ImportPage>, AppError> {
    let Query(query) = query.map_err(|_| AppError::BadRequest("history.invalid_query"))?;
    Ok(Json(
        history::list(&state.db, &user, project.id, query.before, state.undo_days).await?,
    ))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct PageStart {
    /// Where the page starts among the import's rows: the previous page's `next_from`.
    from: Option<u64>,
}

/// The batch of the path; a malformed one is an import that does not exist.
fn batch(path: Result<Path<(i64, i64)>, PathRejection>) -> Result<i64, AppError> {
    let Path((_, batch)) = path.map_err(|_| AppError::NotFound)?;
    Ok(batch)
}

#[utoipa::path(
    get,
    path = "/api/projects/{id}/imports/{batch}",
    params(
        ("id" = i64, Path, description = "The project"),
        ("batch" = i64, Path, description = "The import (its batch id)"),
        PageStart,
    ),
    responses(
        (status = 200, description = "The import and a page of its rows' outcomes (the chunks that start within 2,000 rows of `from`), by row number within the page; `next_from` names the next page", body = ImportDetail),
        (status = 400, description = "Malformed query", body = ApiError),
        (status = 401, description = "No valid token", body = ApiError),
        (status = 403, description = "Not a project the caller handles", body = ApiError),
        (status = 404, description = "No such project, or no such import in it", body = ApiError),
    ),
)]
pub async fn detail(
    State(state): State<AppState>,
    ProjectAccess { user, project }: ProjectAccess,
    path: Result<Path<(i64, i64)>, PathRejection>,
    query: Result<Query<PageStart>, QueryRejection>,
) -> Result<Json<ImportDetail>, AppError> {
    let batch = batch(path)?;
    let Query(query) = query.map_err(|_| AppError::BadRequest("history.invalid_query"))?;
    Ok(Json(
        history::detail(
            &state.db,
            &user,
            project.id,
            batch,
            query.from,
            state.undo_days,
        )
        .await?,
    ))
}

#[utoipa::path(
    post,
    path = "/api/projects/{id}/imports/{batch}/undo",
    params(
        ("id" = i64, Path, description = "The project"),
        ("batch" = i64, Path, description = "The import (its batch id)"),
    ),
    responses(
        (status = 200, description = "The import's customers still present were removed, in one transaction; those already gone are listed with the reason", body = UndoResult),
        (status = 401, description = "No valid token", body = ApiError),
        (status = 403, description = "Not a project the caller handles, `undo.not_allowed`: a member may undo only their own imports, or `undo.disabled`: the server was started with `--undo-days 0`", body = ApiError),
        (status = 404, description = "No such project, or no such import in it", body = ApiError),
        (status = 409, description = "`undo.already_undone`, or `undo.too_old`: made longer ago than the server allows (`--undo-days`)", body = ApiError),
    ),
)]
pub async fn undo(
    State(state): State<AppState>,
    ProjectAccess { user, project }: ProjectAccess,
    path: Result<Path<(i64, i64)>, PathRejection>,
) -> Result<Json<UndoResult>, AppError> {
    let batch = batch(path)?;
    Ok(Json(
        history::undo(&state.db, &user, project.id, batch, state.undo_days).await?,
    ))
}

fn signature(path: Result<Path<String>, PathRejection>) -> Result<String, AppError> {
    match path {
        Ok(Path(sig)) if mappings::is_signature(&sig) => Ok(sig),
        _ => Err(AppError::BadRequest("mapping.invalid_signature")),
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
    path: Result<Path<String>, PathRejection>,
) -> Result<Json<SharedMapping>, AppError> {
    let sig = signature(path)?;
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
    path: Result<Path<String>, PathRejection>,
    body: Result<Json<SharedMappingSave>, JsonRejection>,
) -> Result<Json<SharedMapping>, AppError> {
    let sig = signature(path)?;
    let Json(save) = body.map_err(|rejection| match rejection.status() {
        StatusCode::PAYLOAD_TOO_LARGE => AppError::TooLarge("mapping.body_too_large"),
        _ => AppError::BadRequest("mapping.invalid_body"),
    })?;
    Ok(Json(mappings::put(&state.db, &user, &sig, &save).await?))
}
