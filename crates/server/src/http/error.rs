//! How each kind of [`AppError`] is answered: its status, its stable code, a message
//! safe to show, and the headers some answers carry (`Retry-After`, `WWW-Authenticate`).

use axum::{
    Json,
    http::StatusCode,
    response::{IntoResponse, Response},
};
use customer_import_domain::wire::ApiError;

use crate::error::AppError;

fn status_and_code(error: &AppError) -> (StatusCode, &'static str) {
    match error {
        AppError::Unauthenticated => (StatusCode::UNAUTHORIZED, "auth.unauthenticated"),
        AppError::TokenRefused(refusal) => (StatusCode::UNAUTHORIZED, refusal.code()),
        AppError::Forbidden => (StatusCode::FORBIDDEN, "auth.forbidden"),
        AppError::Refused(code) => (StatusCode::FORBIDDEN, code),
        AppError::OriginNotAllowed => (StatusCode::FORBIDDEN, "auth.origin_not_allowed"),
        AppError::UnknownHost => (StatusCode::MISDIRECTED_REQUEST, "request.unknown_host"),
        AppError::NotFound => (StatusCode::NOT_FOUND, "not_found"),
        AppError::BadRequest(code) => (StatusCode::BAD_REQUEST, code),
        AppError::Conflict(code) => (StatusCode::CONFLICT, code),
        AppError::InvalidField { .. } => {
            (StatusCode::UNPROCESSABLE_ENTITY, "request.invalid_field")
        }
        AppError::Unprocessable(code) => (StatusCode::UNPROCESSABLE_ENTITY, code),
        AppError::InvalidDefinition(_) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            "provisioning.invalid_custom_fields",
        ),
        AppError::TooLarge(code) => (StatusCode::PAYLOAD_TOO_LARGE, code),
        AppError::Unavailable(_) | AppError::Conflicted(_) | AppError::Stale => {
            (StatusCode::SERVICE_UNAVAILABLE, "server.unavailable")
        }
        AppError::Database(_) | AppError::Corrupt(_) | AppError::Workbook(_) => {
            (StatusCode::INTERNAL_SERVER_ERROR, "server.internal")
        }
    }
}

/// Seconds a client should wait before sending a 503'd request again.
const RETRY_AFTER_SECONDS: &str = "2";

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, code) = status_and_code(&self);
        let message = if status == StatusCode::SERVICE_UNAVAILABLE {
            tracing::warn!(error = %self, "request answered 503");
            "the service is unavailable for a moment; send the same request again".to_owned()
        } else if status.is_server_error() {
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
        if status == StatusCode::SERVICE_UNAVAILABLE {
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from_static(RETRY_AFTER_SECONDS),
            );
        }
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer"),
            );
        }
        response
    }
}
