//! The one error type of the HTTP layer. Handlers return `Result<_, AppError>`; this
//! file alone decides the status code and the body (`wire::ApiError`). The client gets
//! a stable code and a safe message; the cause of a server fault is logged once, here.

use axum::{
    Json,
    http::StatusCode,
    response::{IntoResponse, Response},
};
use customer_import_domain::wire::ApiError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// No bearer token, or one that is unknown or revoked.
    #[error("a valid bearer token is required")]
    Unauthenticated,
    /// Known user, but not allowed to do this.
    #[error("you do not have access to this")]
    Forbidden,
    /// The request came from a web page of an origin that is neither ours nor a
    /// configured portal.
    #[error("requests from this web origin are not allowed")]
    OriginNotAllowed,
    /// Does not exist, or belongs to another organization: the two are not told apart.
    #[error("not found")]
    NotFound,
    /// The request itself is malformed; the code says how.
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    /// The request conflicts with an earlier one (e.g. an idempotency key reused).
    #[error("conflict: {0}")]
    Conflict(&'static str),
    #[error("too large: {0}")]
    TooLarge(&'static str),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error("writing a workbook failed: {0}")]
    Workbook(#[from] rust_xlsxwriter::XlsxError),
}

impl AppError {
    fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
            AppError::Unauthenticated => (StatusCode::UNAUTHORIZED, "auth.unauthenticated"),
            AppError::Forbidden => (StatusCode::FORBIDDEN, "auth.forbidden"),
            AppError::OriginNotAllowed => (StatusCode::FORBIDDEN, "auth.origin_not_allowed"),
            AppError::NotFound => (StatusCode::NOT_FOUND, "not_found"),
            AppError::BadRequest(code) => (StatusCode::BAD_REQUEST, code),
            AppError::Conflict(code) => (StatusCode::CONFLICT, code),
            AppError::TooLarge(code) => (StatusCode::PAYLOAD_TOO_LARGE, code),
            AppError::Database(_) | AppError::Workbook(_) => {
                (StatusCode::INTERNAL_SERVER_ERROR, "server.internal")
            }
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        let message = if status.is_server_error() {
            tracing::error!(error = %self, "request failed");
            "internal server error".to_owned()
        } else {
            self.to_string()
        };
        let mut response = (
            status,
            Json(ApiError {
                code: code.to_owned(),
                message,
            }),
        )
            .into_response();
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer"),
            );
        }
        response
    }
}
