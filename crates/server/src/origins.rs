//! Which other web origins may use the API: the portals that embed the wizard. None by
//! default. A request whose `Origin` is neither our own nor a configured portal is
//! refused before it reaches a handler, so a page elsewhere cannot make a signed-in
//! browser import anything; a configured portal gets the CORS headers it needs, and
//! the same list becomes the pages' `frame-ancestors`.

use axum::{
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

use crate::{AppState, error::AppError};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error(
    "portal origin {0:?} is not an origin: write scheme and host, with a port if not the \
     default, e.g. https://portal.example.com"
)]
pub struct BadOrigin(pub String);

/// Exact origins, lower-cased, as browsers send them in `Origin`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PortalOrigins(Vec<String>);

impl PortalOrigins {
    pub fn parse<S: AsRef<str>>(list: &[S]) -> Result<PortalOrigins, BadOrigin> {
        let mut origins = Vec::new();
        for item in list {
            let item = item.as_ref().trim();
            if item.is_empty() {
                continue;
            }
            let origin = item.to_ascii_lowercase();
            let host = origin
                .strip_prefix("https://")
                .or_else(|| origin.strip_prefix("http://"))
                .ok_or_else(|| BadOrigin(item.to_owned()))?;
            let valid_host = !host.is_empty()
                && host
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
            if !valid_host {
                return Err(BadOrigin(item.to_owned()));
            }
            origins.push(origin);
        }
        Ok(PortalOrigins(origins))
    }

    pub fn allows(&self, origin: &str) -> bool {
        self.0.iter().any(|o| o.eq_ignore_ascii_case(origin))
    }

    /// The CSP source list of who may frame our pages.
    pub fn frame_ancestors(&self) -> String {
        if self.0.is_empty() {
            "'none'".to_owned()
        } else {
            self.0.join(" ")
        }
    }
}

/// A browser sends `Origin` on cross-origin requests (and on same-origin POSTs); the
/// `Host` it addressed tells whether the origin is ours.
fn is_same_origin(origin: &str, headers: &HeaderMap) -> bool {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let origin_host = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"));
    matches!((origin_host, host), (Some(o), Some(h)) if o.eq_ignore_ascii_case(h))
}

/// The layer on every route: lets through requests without `Origin` and same-origin
/// ones, answers a configured portal's preflight and adds CORS headers to its
/// answers, and refuses every other origin.
pub async fn check_origin(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Result<Response, AppError> {
    let Some(origin) = request.headers().get(header::ORIGIN).cloned() else {
        return Ok(next.run(request).await);
    };
    let origin_text = origin.to_str().unwrap_or_default();
    if is_same_origin(origin_text, request.headers()) {
        return Ok(next.run(request).await);
    }
    if !state.portals.allows(origin_text) {
        return Err(AppError::OriginNotAllowed);
    }
    let preflight = request.method() == Method::OPTIONS
        && request
            .headers()
            .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
    let mut response = if preflight {
        let mut r = StatusCode::NO_CONTENT.into_response();
        let h = r.headers_mut();
        h.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static("GET, POST"),
        );
        h.insert(
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static("authorization, content-type, idempotency-key"),
        );
        h.insert(
            header::ACCESS_CONTROL_MAX_AGE,
            HeaderValue::from_static("600"),
        );
        r
    } else {
        next.run(request).await
    };
    let h = response.headers_mut();
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    // Downloads are named by the server; the portal's page needs to read the name.
    h.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("content-disposition"),
    );
    h.append(header::VARY, HeaderValue::from_static("origin"));
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_checked_and_lower_cased() {
        let o = PortalOrigins::parse(&["https://Portal.example", " http://localhost:3000 ", ""])
            .unwrap();
        assert!(o.allows("https://portal.example"));
        assert!(o.allows("http://localhost:3000"));
        assert!(!o.allows("http://portal.example"));
        assert!(!o.allows("https://portal.example.evil"));
        assert_eq!(
            o.frame_ancestors(),
            "https://portal.example http://localhost:3000"
        );
        for bad in [
            "portal.example",
            "https://portal.example/",
            "https://a.example/path",
            "*",
            "https://",
            "https://a b",
        ] {
            assert_eq!(
                PortalOrigins::parse(&[bad]),
                Err(BadOrigin(bad.to_owned())),
                "{bad}"
            );
        }
    }

    #[test]
    fn nothing_is_allowed_by_default() {
        let o = PortalOrigins::default();
        assert!(!o.allows("https://portal.example"));
        assert!(!o.allows("null"));
        assert_eq!(o.frame_ancestors(), "'none'");
    }

    #[test]
    fn same_origin_is_told_by_the_host_header() {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_static("127.0.0.1:8080"));
        assert!(is_same_origin("http://127.0.0.1:8080", &h));
        assert!(!is_same_origin("http://127.0.0.1:8081", &h));
        assert!(!is_same_origin("null", &h));
        assert!(!is_same_origin("http://127.0.0.1:8080", &HeaderMap::new()));
    }
}
