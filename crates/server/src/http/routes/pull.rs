//! `GET /api/provisioning/projects/{id}/{customers,removals,batches}`: the portal's
//! backend pulls what imports committed, in the organization's change order.

use axum::{
    Json,
    extract::{Path, Query, State, rejection::QueryRejection},
};
use customer_import_domain::wire::ApiError;
use serde::Deserialize;

use crate::{
    error::AppError,
    http::state::AppState,
    identity::org_keys::OrganizationKey,
    portal::pull::{self, BatchPage, CustomerPage, RemovalPage},
};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Feed {
    /// Only what comes after this `sequence`: the previous page's `next_after`, or the
    /// `sequence` of the last item you have.
    #[serde(default)]
    after: i64,
}

fn feed(page: Result<Query<Feed>, QueryRejection>) -> Result<i64, AppError> {
    page.map(|Query(f)| f.after)
        .map_err(|_| AppError::BadRequest("provisioning.invalid_query"))
}

#[utoipa::path(
    get,
    path = "/api/provisioning/projects/{id}/customers",
    security(("organization_key" = [])),
    params(("id" = String, Path, description = "The portal's id of the project"), Feed),
    responses(
        (status = 200, description = "The project's customers in the order they were committed (by `sequence`), 500 a page; a customer removed since is not listed (see removals)", body = CustomerPage),
        (status = 400, description = "Malformed query", body = ApiError),
        (status = 401, description = "No valid organization key", body = ApiError),
        (status = 404, description = "No project with that id in the organization", body = ApiError),
    ),
)]
pub async fn customers(
    State(state): State<AppState>,
    key: OrganizationKey,
    Path(id): Path<String>,
    page: Result<Query<Feed>, QueryRejection>,
) -> Result<Json<CustomerPage>, AppError> {
    let after = feed(page)?;
    let project = pull::project(&state.db, key.organization_id, &id).await?;
    Ok(Json(pull::customers(&state.db, project, after).await?))
}

#[utoipa::path(
    get,
    path = "/api/provisioning/projects/{id}/removals",
    security(("organization_key" = [])),
    params(("id" = String, Path, description = "The portal's id of the project"), Feed),
    responses(
        (status = 200, description = "The project's customers removed (imports undone) in the order they were committed (by `sequence`), 500 a page", body = RemovalPage),
        (status = 400, description = "Malformed query", body = ApiError),
        (status = 401, description = "No valid organization key", body = ApiError),
        (status = 404, description = "No project with that id in the organization", body = ApiError),
    ),
)]
pub async fn removals(
    State(state): State<AppState>,
    key: OrganizationKey,
    Path(id): Path<String>,
    page: Result<Query<Feed>, QueryRejection>,
) -> Result<Json<RemovalPage>, AppError> {
    let after = feed(page)?;
    let project = pull::project(&state.db, key.organization_id, &id).await?;
    Ok(Json(pull::removals(&state.db, project, after).await?))
}

#[utoipa::path(
    get,
    path = "/api/provisioning/projects/{id}/batches",
    security(("organization_key" = [])),
    params(("id" = String, Path, description = "The portal's id of the project"), Feed),
    responses(
        (status = 200, description = "The project's import batches in the order of their latest change (by `sequence`: a batch is listed again once rows are counted in or it is undone), 500 a page", body = BatchPage),
        (status = 400, description = "Malformed query", body = ApiError),
        (status = 401, description = "No valid organization key", body = ApiError),
        (status = 404, description = "No project with that id in the organization", body = ApiError),
    ),
)]
pub async fn batches(
    State(state): State<AppState>,
    key: OrganizationKey,
    Path(id): Path<String>,
    page: Result<Query<Feed>, QueryRejection>,
) -> Result<Json<BatchPage>, AppError> {
    let after = feed(page)?;
    let project = pull::project(&state.db, key.organization_id, &id).await?;
    Ok(Json(pull::batches(&state.db, project, after).await?))
}
