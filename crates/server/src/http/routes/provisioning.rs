//! `PUT /api/provisioning/…`: the portal's backend says how its projects, units,
//! users, customer groups and company types should be, by its own ids, signed with an
//! organization API key. Idempotent: the answer counts what was created, updated, and
//! already as asked.

use axum::{
    Json,
    extract::{Path, State},
};
use customer_import_domain::wire::ApiError;

use crate::{
    error::AppError,
    http::json::{Body, BodyCodes},
    http::state::AppState,
    identity::org_keys::OrganizationKey,
    portal::provisioning::{
        self, CompanyTypesSpec, GroupsSpec, ProjectSpec, Provisioned, UnitsSpec, UserSpec,
        WebhookSpec,
    },
};

macro_rules! provisioning_bodies {
    ($($body:ty),*) => {$(
        impl BodyCodes for $body {
            const INVALID: &'static str = "provisioning.invalid_body";
        }
    )*};
}
provisioning_bodies!(
    ProjectSpec,
    UnitsSpec,
    UserSpec,
    GroupsSpec,
    CompanyTypesSpec,
    WebhookSpec
);

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
    Body(spec): Body<ProjectSpec>,
) -> Result<Json<Provisioned>, AppError> {
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
    Body(spec): Body<UnitsSpec>,
) -> Result<Json<Provisioned>, AppError> {
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
    Body(spec): Body<UserSpec>,
) -> Result<Json<Provisioned>, AppError> {
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
    Body(spec): Body<GroupsSpec>,
) -> Result<Json<Provisioned>, AppError> {
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
    Body(spec): Body<CompanyTypesSpec>,
) -> Result<Json<Provisioned>, AppError> {
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
    Body(spec): Body<WebhookSpec>,
) -> Result<Json<Provisioned>, AppError> {
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
