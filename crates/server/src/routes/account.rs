//! The caller and what they may import into.

use axum::{Json, extract::State};
use customer_import_domain::wire::{Me, ProjectSummary};

use crate::{AppState, access, auth::CurrentUser, error::AppError};

/// `GET /api/me`
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
pub async fn projects(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<Vec<ProjectSummary>>, AppError> {
    Ok(Json(access::importable_projects(&state.db, &user).await?))
}
