//! `PUT /api/provisioning/…`: the portal's backend says how its projects, units,
//! users, customer groups and company types should be, by its own ids, signed with an
//! organization API key. Idempotent: the answer counts what was created, updated, and
//! already as asked.

use axum::{
    Json,
    extract::{
        Path, Query, State,
        rejection::{JsonRejection, QueryRejection},
    },
    http::StatusCode,
};
use customer_import_domain::wire::ApiError;
use serde::Deserialize;

use crate::{
    AppState,
    error::AppError,
    identity::org_keys::OrganizationKey,
    portal::delivery::{self, EventStatus},
    portal::provisioning::{
        self, CompanyTypesSpec, GroupsSpec, ProjectSpec, Provisioned, UnitsSpec, UserSpec,
        WebhookSpec,
    },
    portal::pull::{self, BatchPage, CustomerPage, RemovalPage},
};

fn body<T>(body: Result<Json<T>, JsonRejection>) -> Result<T, AppError> {
    body.map(|Json(b)| b)
        .map_err(|_| AppError::BadRequest("provisioning.invalid_body"))
}

#[utoipa::path(
    put,
    path = "/api/provisioning/projects/{id}",
    security(("organization_key" = [])),
    params(("id" = String, Path, description = "The portal's id of the project")),
    request_body = ProjectSpec,
    responses(
        (status = 200, description = "The project is as asked", body = Provisioned),
        (status = 400, description = "Malformed body", body = ApiError),
        (status = 401, description = "No valid organization key", body = ApiError),
        (status = 409, description = "Another project of the organization has that name", body = ApiError),
        (status = 422, description = "A value that is empty, too long, or not allowed", body = ApiError),
    ),
)]
pub async fn put_project(
    State(state): State<AppState>,
    key: OrganizationKey,
    Path(id): Path<String>,
    spec: Result<Json<ProjectSpec>, JsonRejection>,
) -> Result<Json<Provisioned>, AppError> {
    let spec = body(spec)?;
    Ok(Json(
        provisioning::put_project(&state.db, key.organization_id, &id, &spec).await?,
    ))
}

#[utoipa::path(
    put,
    path = "/api/provisioning/projects/{id}/units",
    security(("organization_key" = [])),
    params(("id" = String, Path, description = "The portal's id of the project")),
    request_body = UnitsSpec,
    responses(
        (status = 200, description = "The listed units are as asked", body = Provisioned),
        (status = 400, description = "Malformed body", body = ApiError),
        (status = 401, description = "No valid organization key", body = ApiError),
        (status = 404, description = "No project with that id in the organization", body = ApiError),
        (status = 413, description = "More than 20,000 units", body = ApiError),
        (status = 422, description = "A unit code that is empty, too long, or not allowed", body = ApiError),
    ),
)]
pub async fn put_units(
    State(state): State<AppState>,
    key: OrganizationKey,
    Path(id): Path<String>,
    spec: Result<Json<UnitsSpec>, JsonRejection>,
) -> Result<Json<Provisioned>, AppError> {
    let spec = body(spec)?;
    Ok(Json(
        provisioning::put_units(&state.db, key.organization_id, &id, &spec).await?,
    ))
}

#[utoipa::path(
    put,
    path = "/api/provisioning/users/{id}",
    security(("organization_key" = [])),
    params(("id" = String, Path, description = "The portal's id of the user")),
    request_body = UserSpec,
    responses(
        (status = 200, description = "The user and their projects are as asked", body = Provisioned),
        (status = 400, description = "Malformed body", body = ApiError),
        (status = 401, description = "No valid organization key", body = ApiError),
        (status = 409, description = "Another user has that e-mail", body = ApiError),
        (status = 422, description = "A value that is not allowed, or a project the organization does not have", body = ApiError),
    ),
)]
pub async fn put_user(
    State(state): State<AppState>,
    key: OrganizationKey,
    Path(id): Path<String>,
    spec: Result<Json<UserSpec>, JsonRejection>,
) -> Result<Json<Provisioned>, AppError> {
    let spec = body(spec)?;
    Ok(Json(
        provisioning::put_user(&state.db, key.organization_id, &id, &spec).await?,
    ))
}

#[utoipa::path(
    put,
    path = "/api/provisioning/groups",
    security(("organization_key" = [])),
    request_body = GroupsSpec,
    responses(
        (status = 200, description = "The listed customer groups are as asked", body = Provisioned),
        (status = 400, description = "Malformed body", body = ApiError),
        (status = 401, description = "No valid organization key", body = ApiError),
        (status = 422, description = "A name that is empty, too long, or not allowed", body = ApiError),
    ),
)]
pub async fn put_groups(
    State(state): State<AppState>,
    key: OrganizationKey,
    spec: Result<Json<GroupsSpec>, JsonRejection>,
) -> Result<Json<Provisioned>, AppError> {
    let spec = body(spec)?;
    Ok(Json(
        provisioning::put_groups(&state.db, key.organization_id, &spec).await?,
    ))
}

#[utoipa::path(
    put,
    path = "/api/provisioning/company-types",
    security(("organization_key" = [])),
    request_body = CompanyTypesSpec,
    responses(
        (status = 200, description = "The listed company types are as asked", body = Provisioned),
        (status = 400, description = "Malformed body", body = ApiError),
        (status = 401, description = "No valid organization key", body = ApiError),
        (status = 422, description = "A key or name that is empty, too long, or not allowed", body = ApiError),
    ),
)]
pub async fn put_company_types(
    State(state): State<AppState>,
    key: OrganizationKey,
    spec: Result<Json<CompanyTypesSpec>, JsonRejection>,
) -> Result<Json<Provisioned>, AppError> {
    let spec = body(spec)?;
    Ok(Json(
        provisioning::put_company_types(&state.db, key.organization_id, &spec).await?,
    ))
}

#[utoipa::path(
    put,
    path = "/api/provisioning/webhook",
    security(("organization_key" = [])),
    request_body = WebhookSpec,
    responses(
        (status = 200, description = "Created customers are delivered there from now on", body = Provisioned),
        (status = 400, description = "Malformed body", body = ApiError),
        (status = 401, description = "No valid organization key", body = ApiError),
        (status = 422, description = "A URL the server may not send to, or a short secret", body = ApiError),
    ),
)]
pub async fn put_webhook(
    State(state): State<AppState>,
    key: OrganizationKey,
    spec: Result<Json<WebhookSpec>, JsonRejection>,
) -> Result<Json<Provisioned>, AppError> {
    let spec = body(spec)?;
    Ok(Json(
        provisioning::put_webhook(
            &state.db,
            key.organization_id,
            &spec,
            state.allow_private_webhooks,
        )
        .await?,
    ))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct Page {
    /// Only the events after this one (its number, without `evt_`).
    #[serde(default)]
    after: i64,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
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
    id: Result<Path<i64>, axum::extract::rejection::PathRejection>,
) -> Result<StatusCode, AppError> {
    let Path(id) = id.map_err(|_| AppError::BadRequest("provisioning.invalid_event"))?;
    if delivery::redeliver(&state.db, key.organization_id, id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(AppError::NotFound)
    }
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
