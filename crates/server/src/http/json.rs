//! The one JSON extractor: [`Body`] reads a request's JSON body and answers a body it
//! cannot read with the product's error, in the codes of the body's own kind
//! ([`BodyCodes`]), e.g. `import.invalid_body` for a chunk and
//! `provisioning.invalid_body` for a provisioning call.

use axum::{
    Json,
    extract::{FromRequest, Request},
    http::StatusCode,
};
use serde::de::DeserializeOwned;

use crate::error::AppError;

/// The codes a body of this kind is refused with.
pub trait BodyCodes {
    /// The body is no JSON, not of this shape, or not sent as `application/json`.
    const INVALID: &'static str;
    /// The body is larger than the route takes; without a code of its own it is
    /// answered as [`BodyCodes::INVALID`].
    const TOO_LARGE: Option<&'static str> = None;
}

/// A JSON body of type `T`; extract it last, after what the path and headers say.
#[derive(Debug)]
pub struct Body<T>(pub T);

impl<T, S> FromRequest<S> for Body<T>
where
    T: DeserializeOwned + BodyCodes,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, AppError> {
        match Json::<T>::from_request(request, state).await {
            Ok(Json(body)) => Ok(Body(body)),
            Err(rejection) => Err(match (rejection.status(), T::TOO_LARGE) {
                (StatusCode::PAYLOAD_TOO_LARGE, Some(code)) => AppError::TooLarge(code),
                _ => AppError::BadRequest(T::INVALID),
            }),
        }
    }
}
