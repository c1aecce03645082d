//! Which web origins may use the server: its own public address(es), and the portals
//! that embed the wizard (none by default).
//!
//! Our own origin comes from configuration, never from the request: a request whose
//! `Host` is not one of our public addresses is refused (a page on `evil.example`
//! whose name was rebound to our address sends `Host: evil.example`), and an `Origin`
//! is ours only when it equals one of them, scheme and port included. A request whose
//! `Origin` is neither ours nor a configured portal is refused before it reaches a
//! handler, so a page elsewhere cannot make a signed-in browser import anything; a
//! configured portal gets the CORS headers it needs, and the same list becomes the
//! pages' `frame-ancestors`.

use std::sync::Arc;

use axum::{
    extract::{Request, State},
    http::{HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

use crate::error::AppError;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error(
    "{0:?} is not an origin: write scheme and host, with a port if not the default, \
     e.g. https://portal.example.com"
)]
pub struct BadOrigin(pub String);

/// Exact origins, lower-cased, as browsers send them in `Origin`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origins(Vec<String>);

impl Origins {
    pub fn parse<S: AsRef<str>>(list: &[S]) -> Result<Origins, BadOrigin> {
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
            // A browser leaves the default port out of `Origin`.
            let origin = origin
                .strip_suffix(if origin.starts_with("https:") {
                    ":443"
                } else {
                    ":80"
                })
                .map_or(origin.clone(), str::to_owned);
            origins.push(origin);
        }
        Ok(Origins(origins))
    }

    /// The addresses a server bound to `addr` is reached at when none is configured:
    /// only a loopback address can be named without asking the operator.
    pub fn loopback(addr: std::net::SocketAddr) -> Option<Origins> {
        let port = addr.port();
        addr.ip().is_loopback().then(|| {
            Origins(vec![
                format!("http://127.0.0.1:{port}"),
                format!("http://localhost:{port}"),
                format!("http://[::1]:{port}"),
            ])
        })
    }

    /// Whether `host` (a `Host` header) names one of these origins.
    pub fn has_host(&self, host: &str) -> bool {
        let host = host.trim().to_ascii_lowercase();
        self.0.iter().any(|origin| {
            let (scheme, own) = origin.split_once("://").unwrap_or_default();
            let default_port = if scheme == "https" { ":443" } else { ":80" };
            own == host || host.strip_suffix(default_port) == Some(own)
        })
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

/// Every method the API answers to: a portal's page may use each of them (the wizard
/// saves a shared mapping with `PUT`).
const API_METHODS: &str = "GET, POST, PUT";

/// Whether the request addressed a host that is not ours. A request without `Host`
/// (HTTP/1.0) names none; `/healthz` answers whoever asks, e.g. a load balancer
/// probing an internal address.
fn is_for_another_host(own: &Origins, request: &Request) -> bool {
    if request.uri().path() == "/healthz" {
        return false;
    }
    let host = request
        .headers()
        .get(header::HOST)
        .map(|h| h.to_str().unwrap_or_default());
    host.is_some_and(|h| !own.has_host(h))
}

/// What [`check_origin`] checks against: the server's own origins (`--public-url`) and
/// the configured portals'.
#[derive(Clone)]
pub struct OriginCheck {
    pub public: Arc<Origins>,
    pub portals: Arc<Origins>,
}

/// The layer on every route: refuses a request for another host; lets through
/// requests without `Origin` and those of our own origin; answers a configured
/// portal's preflight and adds CORS headers to its answers; refuses every other
/// origin.
pub async fn check_origin(
    State(state): State<OriginCheck>,
    request: Request,
    next: Next,
) -> Result<Response, AppError> {
    if is_for_another_host(&state.public, &request) {
        return Err(AppError::UnknownHost);
    }
    let Some(origin) = request.headers().get(header::ORIGIN).cloned() else {
        return Ok(next.run(request).await);
    };
    let origin_text = origin.to_str().unwrap_or_default();
    if state.public.allows(origin_text) {
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
            HeaderValue::from_static(API_METHODS),
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
    // Downloads are named by the server, and a 503 says when to come back: the
    // portal's page needs to read both.
    h.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("content-disposition, retry-after"),
    );
    h.append(header::VARY, HeaderValue::from_static("origin"));
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_checked_and_lower_cased() {
        let o = Origins::parse(&["https://Portal.example", " http://localhost:3000 ", ""]).unwrap();
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
                Origins::parse(&[bad]),
                Err(BadOrigin(bad.to_owned())),
                "{bad}"
            );
        }
    }

    #[test]
    fn nothing_is_allowed_by_default() {
        let o = Origins::default();
        assert!(!o.allows("https://portal.example"));
        assert!(!o.allows("null"));
        assert_eq!(o.frame_ancestors(), "'none'");
    }

    #[test]
    fn our_hosts_come_from_our_origins_with_default_ports_either_way() {
        let o = Origins::parse(&["https://import.example:443", "http://127.0.0.1:8080"]).unwrap();
        assert!(o.allows("https://import.example"));
        assert!(!o.allows("http://import.example"), "the scheme counts");
        for host in [
            "import.example",
            "import.example:443",
            "IMPORT.example",
            "127.0.0.1:8080",
        ] {
            assert!(o.has_host(host), "{host}");
        }
        for host in [
            "evil.example",
            "import.example:80",
            "127.0.0.1:8081",
            "127.0.0.1",
            "",
        ] {
            assert!(!o.has_host(host), "{host}");
        }
    }

    #[test]
    fn only_a_loopback_address_names_itself() {
        let local = Origins::loopback("127.0.0.1:8080".parse().unwrap()).unwrap();
        assert!(local.allows("http://localhost:8080") && local.has_host("127.0.0.1:8080"));
        assert!(local.has_host("[::1]:8080") && !local.has_host("evil.example:8080"));
        assert_eq!(Origins::loopback("0.0.0.0:8080".parse().unwrap()), None);
        assert_eq!(Origins::loopback("192.0.2.1:80".parse().unwrap()), None);
    }
}
