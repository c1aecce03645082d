//! The one JSON extractor: [`Body`] reads a request's JSON body and answers a body it
//! cannot read with the product's error, in the codes of the body's own kind
//! ([`BodyCodes`]), e.g. `import.invalid_body` for a chunk and
//! `provisioning.invalid_body` for a provisioning call. A body that is JSON but not of
//! the shape names where it stopped fitting (a JSON Pointer in the answer's `errors`),
//! so a program sees which value to change without reading English.

use axum::{
    body::Bytes,
    extract::{FromRequest, Request},
    http::{StatusCode, header},
};
use serde::de::DeserializeOwned;

use crate::error::{AppError, Invalid, Reason, pointer_part};

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
        let json = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|media| {
                let media = media.trim().to_ascii_lowercase();
                media == "application/json" || media.ends_with("+json")
            });
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| match (rejection.status(), T::TOO_LARGE) {
                (StatusCode::PAYLOAD_TOO_LARGE, Some(code)) => AppError::TooLarge(code),
                _ => AppError::BadRequest(T::INVALID),
            })?;
        if !json {
            return Err(AppError::BadRequest(T::INVALID));
        }
        read(&bytes).map(Body).map_err(|problem| match problem {
            Some(problem) => AppError::BadValues(T::INVALID, vec![problem]),
            None => AppError::BadRequest(T::INVALID),
        })
    }
}

/// `bytes` as a `T`; else where and why it is not one (`None`: not JSON at all).
fn read<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Option<Invalid>> {
    let mut json = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut json);
    value
        .map_err(|e| {
            if !e.inner().is_data() {
                return None;
            }
            let pointer: String = e
                .path()
                .iter()
                .filter_map(|segment| match segment {
                    serde_path_to_error::Segment::Seq { index } => Some(format!("/{index}")),
                    serde_path_to_error::Segment::Map { key } => {
                        Some(format!("/{}", pointer_part(key)))
                    }
                    serde_path_to_error::Segment::Enum { .. }
                    | serde_path_to_error::Segment::Unknown => None,
                })
                .collect();
            Some(Invalid::new(pointer, Reason::Shape(e.inner().to_string())))
        })
        .and_then(|value| json.end().map(|()| value).map_err(|_| None))
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)] // read, never used
    struct Spec {
        name: String,
        units: Vec<Unit>,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Unit {
        code: String,
    }

    fn pointer(body: &str) -> Option<String> {
        read::<Spec>(body.as_bytes())
            .unwrap_err()
            .map(|i| i.pointer)
    }

    #[test]
    fn a_body_of_another_shape_says_where() {
        assert_eq!(
            pointer(r#"{"name": "A", "units": [{"code": "1"}, {"code": 2}]}"#).as_deref(),
            Some("/units/1/code")
        );
        assert_eq!(
            pointer(r#"{"name": 1, "units": []}"#).as_deref(),
            Some("/name")
        );
        // A member missing is said at the object that lacks it.
        assert_eq!(pointer(r#"{"units": []}"#).as_deref(), Some(""));
        // A member the shape lacks is said where it is, escaped as pointers are.
        assert_eq!(
            pointer(r#"{"name": "A", "units": [], "x/y": 1}"#).as_deref(),
            Some("/x~1y")
        );
        // No JSON at all: nothing to point at.
        assert_eq!(pointer("{"), None);
        assert_eq!(pointer(r#"{"name": "A", "units": []} x"#), None);
    }
}
