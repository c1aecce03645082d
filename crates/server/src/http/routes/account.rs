//! The caller and what they may import into.

use axum::{Json, extract::State};
use customer_import_domain::wire::{ApiError, Me, ProjectSummary};

use crate::{
    error::AppError, http::state::AppState, identity::access, identity::user::CurrentUser,
};

/// `GET /api/me`
#[utoipa::path(
    get,
    path = "/api/me",
    responses(
        (status = 200, description = "The caller", body = Me),
        (status = 401, description = "No valid token", body = ApiError),
    ),
)]
pub async fn me(user: CurrentUser) -> Json<Me> {
    Json(Me {
        name: user.name,
        email: user.email,
        role: user.role,
        organization: user.organization_name,
    })
}

/// `GET /api/projects`: only the projects the caller may import into; empty for a
/// user without access, which the app tells them in words.
#[utoipa::path(
    get,
    path = "/api/projects",
    responses(
        (status = 200, description = "Projects the caller may import into, by name", body = Vec<ProjectSummary>),
        (status = 401, description = "No valid token", body = ApiError),
    ),
)]
pub async fn projects(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<Vec<ProjectSummary>>, AppError> {
    Ok(Json(access::importable_projects(&state.db, &user).await?))
}
