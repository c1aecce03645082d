//! `/api/provisioning/deliveries…`: the webhook events of the organization, as the
//! portal's backend sees them, and sending one again.

use axum::{
    Json,
    extract::{
        Path, Query, State,
        rejection::{PathRejection, QueryRejection},
    },
    http::StatusCode,
};
use customer_import_domain::wire::ApiError;
use serde::Deserialize;

use crate::{
    error::AppError,
    http::state::AppState,
    identity::org_keys::OrganizationKey,
    portal::delivery::{self, EventStatus},
};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Page {
    /// Only the events after this one (its number, without `evt_`).
    #[serde(default)]
    after: i64,
}

/// Events one page lists.
const PAGE: i64 = 100;

#[utoipa::path(
    get,
    path = "/api/provisioning/deliveries",
    security(("organization_key" = [])),
    params(Page),
    responses(
        (status = 200, description = "The organization's events, oldest first, 100 a page", body = Vec<EventStatus>),
        (status = 400, description = "Malformed query", body = ApiError),
        (status = 401, description = "No valid organization key", body = ApiError),
    ),
)]
pub async fn deliveries(
    State(state): State<AppState>,
    key: OrganizationKey,
    page: Result<Query<Page>, QueryRejection>,
) -> Result<Json<Vec<EventStatus>>, AppError> {
    let Query(page) = page.map_err(|_| AppError::BadRequest("provisioning.invalid_query"))?;
    Ok(Json(
        delivery::list(&state.db, key.organization_id, page.after, PAGE).await?,
    ))
}

#[utoipa::path(
    post,
    path = "/api/provisioning/deliveries/{id}/redeliver",
    security(("organization_key" = [])),
    params(("id" = i64, Path, description = "The event's number (`evt_` + number)")),
    responses(
        (status = 204, description = "The event will be sent again now"),
        (status = 400, description = "Not an event number", body = ApiError),
        (status = 401, description = "No valid organization key", body = ApiError),
        (status = 404, description = "No such event of the organization", body = ApiError),
    ),
)]
pub async fn redeliver(
    State(state): State<AppState>,
    key: OrganizationKey,
    id: Result<Path<i64>, PathRejection>,
) -> Result<StatusCode, AppError> {
    let Path(id) = id.map_err(|_| AppError::BadRequest("provisioning.invalid_event"))?;
    if delivery::redeliver(&state.db, key.organization_id, id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(AppError::NotFound)
    }
}
