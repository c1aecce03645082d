//! `GET /healthz`: the process answers and the database responds.

use axum::{extract::State, http::StatusCode};

use customer_import_domain::wire::ApiError;

use crate::{error::AppError, http::state::AppState};

#[utoipa::path(
    get,
    path = "/healthz",
    security(()),
    responses(
        (status = 200, description = "Serving, and the database answers"),
        (status = 503, description = "The database does not answer; Retry-After says when to ask again", body = ApiError),
    ),
)]
pub async fn healthz(
    State(state): State<AppState>,
) -> Result<(StatusCode, &'static str), AppError> {
    // Any failure to reach the database is an outage here: 503 with Retry-After.
    match sqlx::query("SELECT 1").execute(&state.db.pool).await {
        Ok(_) => Ok((StatusCode::OK, "ok")),
        Err(e) => Err(AppError::Unavailable(e)),
    }
}
