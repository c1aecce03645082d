//! The one error type of the HTTP layer. Handlers return `Result<_, AppError>`; this
//! file alone decides the status code and the body (`wire::ApiError`). The client gets
//! a stable code and a safe message; the cause of a server fault is logged once, here.

use axum::{
    Json,
    http::StatusCode,
    response::{IntoResponse, Response},
};
use customer_import_domain::wire::ApiError;

use crate::db;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// No bearer token, or one that is unknown or revoked.
    #[error("a valid bearer token is required")]
    Unauthenticated,
    /// A portal's token that is not valid; the refusal says why.
    #[error("{0}")]
    TokenRefused(crate::identity::portal_token::TokenRefusal),
    /// Known user, but not allowed to do this.
    #[error("you do not have access to this")]
    Forbidden,
    /// Known user, not allowed to do this particular thing; the code says why (e.g.
    /// `undo.not_allowed`: a member undoing a colleague's import).
    #[error("not allowed: {0}")]
    Refused(&'static str),
    /// The request came from a web page of an origin that is neither ours nor a
    /// configured portal.
    #[error("requests from this web origin are not allowed")]
    OriginNotAllowed,
    /// The request addressed a host name that is not one of the server's public
    /// addresses (the shape of DNS rebinding).
    #[error("this server does not answer for that host name")]
    UnknownHost,
    /// Does not exist, or belongs to another organization: the two are not told apart.
    #[error("not found")]
    NotFound,
    /// The request itself is malformed; the code says how.
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    /// The request conflicts with an earlier one (e.g. an idempotency key reused).
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// A value the caller sent is not acceptable; says which field and why.
    #[error("{field}: {reason}")]
    InvalidField {
        field: &'static str,
        reason: &'static str,
    },
    /// The request is well formed but its content cannot be used; the code says why.
    #[error("unprocessable: {0}")]
    Unprocessable(&'static str),
    /// A portal's declaration of a project's own fields that could not be used.
    #[error("{0}")]
    InvalidDefinition(#[from] customer_import_domain::schema::DefinitionError),
    #[error("too large: {0}")]
    TooLarge(&'static str),
    /// The database cannot answer now (stopped, unreachable, out of disk, busy): the
    /// same request may pass later, so it is answered 503 with `Retry-After`.
    #[error("the database is unavailable: {0}")]
    Unavailable(sqlx::Error),
    /// The database failed the transaction to break a deadlock or a serialization
    /// conflict; [`crate::Db::write`] runs it again.
    #[error("the transaction conflicted with another: {0}")]
    Conflicted(sqlx::Error),
    /// What a request was checked against changed before it was written (a chunk's
    /// rows against the project's units and groups); it is checked again, and told
    /// as a moment's unavailability if that keeps happening.
    #[error("what the request was checked against changed while it was checked")]
    Stale,
    #[error(transparent)]
    Database(sqlx::Error),
    /// Something the server stored itself cannot be read back.
    #[error("stored data is unreadable: {0}")]
    Corrupt(String),
    #[error("writing a workbook failed: {0}")]
    Workbook(#[from] rust_xlsxwriter::XlsxError),
}

impl AppError {
    fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
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
}

/// Seconds a client should wait before sending a 503'd request again.
const RETRY_AFTER_SECONDS: &str = "2";

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> AppError {
        if db::is_conflict(&e) {
            AppError::Conflicted(e)
        } else if db::is_unavailable(&e) {
            AppError::Unavailable(e)
        } else {
            AppError::Database(e)
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
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
