//! A project's import history and undoing an import (`/api/projects/{id}/imports…`).

use axum::{
    Json,
    extract::{
        Path, Query, State,
        rejection::{PathRejection, QueryRejection},
    },
};
use customer_import_domain::wire::{ApiError, ImportDetail, ImportPage, UndoResult};
use serde::Deserialize;

use crate::{
    error::AppError, http::state::AppState, identity::access::ProjectAccess, imports::history,
};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Before {
    /// Only imports older than this one: the previous page's `next_before`.
    before: Option<i64>,
}

#[utoipa::path(
    get,
    path = "/api/projects/{id}/imports",
    operation_id = "list_imports",
    params(("id" = String, Path, description = "The project: the server's id (`12`), or `portal:` and the id the portal provisioned it with (`portal:p-elv`)"), Before),
    responses(
        (status = 200, description = "The project's imports, newest first, 50 a page; an import of several files lists each file with its counts", body = ImportPage),
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
#[into_params(parameter_in = Query)]
pub struct PageStart {
    /// Where the page starts among the import's rows: the previous page's `next_from`.
    from: Option<u64>,
}

/// The batch of the path; a malformed one is an import that does not exist.
fn batch(path: Result<Path<(String, i64)>, PathRejection>) -> Result<i64, AppError> {
    let Path((_, batch)) = path.map_err(|_| AppError::NotFound)?;
    Ok(batch)
}

#[utoipa::path(
    get,
    path = "/api/projects/{id}/imports/{batch}",
    params(
        ("id" = String, Path, description = "The project: the server's id (`12`), or `portal:` and the id the portal provisioned it with (`portal:p-elv`)"),
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
    path: Result<Path<(String, i64)>, PathRejection>,
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
        ("id" = String, Path, description = "The project: the server's id (`12`), or `portal:` and the id the portal provisioned it with (`portal:p-elv`)"),
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
    path: Result<Path<(String, i64)>, PathRejection>,
) -> Result<Json<UndoResult>, AppError> {
    let batch = batch(path)?;
    Ok(Json(
        history::undo(&state.db, &user, project.id, batch, state.undo_days).await?,
    ))
}
