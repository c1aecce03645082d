//! The backend of a made-up portal ("Nordbygg Portal") that adopts customer-import the
//! way a real one would, in four steps:
//!
//! 1. it provisions its project, units and user through the provisioning API, with the
//!    organization API key it was given ([`Portal::provision`]);
//! 2. it tells the import server where to deliver created customers (its webhook);
//! 3. it signs its signed-in user in to the wizard with a short-lived HS256 JWT
//!    (`GET /session`; the page hands it to `mount` through `getToken`), so nobody
//!    types a token;
//! 4. it receives `customers.created` and `customers.removed` events
//!    (`POST /webhooks/customer-import`), refuses any whose signature or time is
//!    wrong, and applies them by their `sequence` ([`CustomerCopy`]: events may arrive
//!    out of order, and more than once);
//! 5. its page lists the customers of its signed-in user's projects, the newest first
//!    with their count (`GET /customers`), and asks every second whether anything
//!    changed (`GET /customers?since=<version>`, answered `304 Not Modified` while
//!    nothing did), so a list of 100,000 customers costs the browser nothing while it
//!    stays the same.
//!
//! Everything is kept in memory: a real portal would write the customers, and the
//! sequence applied to each, into its own database in the webhook handler, in one
//! transaction, and page its list with a query.

mod copy;

use std::{
    path::PathBuf,
    sync::{Arc, Mutex},
    time::{Duration, SystemTime, UNIX_EPOCH},
};

use axum::{
    Json, Router,
    extract::{Query, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::{get, post},
};
use hmac::{Hmac, Mac};
use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
use serde::Deserialize;
use serde_json::{Value, json};
use sha2::Sha256;

pub use copy::{Customer, CustomerCopy, Event, ListPage};

/// The portal's ids, as its own database would have them.
pub const ORGANIZATION: &str = "demo-nordbygg";
pub const PROJECT: &str = "p-elvebredden";
pub const USER: &str = "portal-user-1";
/// The projects the signed-in user belongs to: what the token says and the list shows.
pub const USER_PROJECTS: &[&str] = &[PROJECT];
/// Customers the list shows at once, the newest.
pub const PAGE_SIZE: usize = 50;
/// Signatures older than this are refused: a captured delivery cannot be replayed.
const SIGNATURE_TOLERANCE: Duration = Duration::from_secs(300);

/// How this portal reaches the import server and how they trust each other.
#[derive(Debug, Clone)]
pub struct Config {
    /// The import server, e.g. `http://127.0.0.1:8080`.
    pub import_server: String,
    /// This portal's own address, where the import server delivers.
    pub portal_url: String,
    /// The organization API key (`issue-api-key`).
    pub api_key: String,
    /// Shared with the import server (`--jwt-hs256-secret`).
    pub jwt_secret: String,
    pub jwt_issuer: String,
    pub jwt_audience: String,
    /// Known to the portal and the import server only; signs each delivery.
    pub webhook_secret: String,
}

pub struct Portal {
    config: Config,
    received: Mutex<CustomerCopy>,
    page: PathBuf,
}

fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

impl Portal {
    pub fn new(config: Config) -> Arc<Portal> {
        Arc::new(Portal {
            config,
            received: Mutex::default(),
            page: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("page"),
        })
    }

    /// Steps 1 and 2: the project, its units, the user and the webhook, sent as the
    /// portal's state; safe to run at every start.
    pub async fn provision(&self) -> anyhow::Result<()> {
        let units: Vec<Value> = ["E-101", "E-102", "E-201", "E-202"]
            .iter()
            .map(|code| json!({ "code": code }))
            .collect();
        let calls = [
            (
                format!("projects/{PROJECT}"),
                // A field of the portal's own, checked in the wizard like the others.
                json!({ "name": "Elvebredden", "country": "NO", "custom_fields": [
                    { "name": "parking", "label": { "nb": "Parkeringsplass", "en": "Parking space" },
                      "help": { "nb": "Plassen i garasjen.", "en": "The space in the garage." },
                      "type": "pattern", "pattern": "P-[0-9]{3}", "example": "P-012" },
                ] }),
            ),
            (
                format!("projects/{PROJECT}/units"),
                json!({ "units": units }),
            ),
            (
                format!("users/{USER}"),
                json!({ "email": "liv@nordbygg.example", "name": "Liv Portal",
                        "role": "member", "projects": USER_PROJECTS }),
            ),
            (
                "webhook".to_owned(),
                json!({ "url": format!("{}/webhooks/customer-import", self.config.portal_url),
                        "secret": self.config.webhook_secret }),
            ),
        ];
        let client = reqwest::Client::new();
        for (path, body) in calls {
            let response = client
                .put(format!(
                    "{}/api/provisioning/{path}",
                    self.config.import_server
                ))
                .bearer_auth(&self.config.api_key)
                .json(&body)
                .send()
                .await?;
            anyhow::ensure!(
                response.status().is_success(),
                "provisioning {path}: {} {}",
                response.status(),
                response.text().await.unwrap_or_default()
            );
        }
        Ok(())
    }

    /// Step 3: a token for the user this portal has signed in, valid five minutes.
    fn session_token(&self) -> anyhow::Result<String> {
        let now = unix_now();
        let claims = json!({
            "iss": self.config.jwt_issuer, "aud": self.config.jwt_audience,
            "iat": now, "nbf": now, "exp": now + 300,
            "sub": USER, "email": "liv@nordbygg.example", "name": "Liv Portal",
            "org": ORGANIZATION, "role": "member", "projects": USER_PROJECTS,
        });
        Ok(encode(
            &Header::new(Algorithm::HS256),
            &claims,
            &EncodingKey::from_secret(self.config.jwt_secret.as_bytes())?,
        )?)
    }

    /// Step 4: whether `signature` (`t=…,v1=…`) signs `body` with our secret, recently.
    pub fn verify(&self, signature: &str, body: &str, now: i64) -> bool {
        let mut time = None;
        let mut given = None;
        for part in signature.split(',') {
            match part.split_once('=') {
                Some(("t", t)) => time = t.parse::<i64>().ok(),
                Some(("v1", v)) => given = Some(v),
                _ => {}
            }
        }
        let (Some(time), Some(given)) = (time, given) else {
            return false;
        };
        if (now - time).unsigned_abs() > SIGNATURE_TOLERANCE.as_secs() {
            return false;
        }
        let Ok(given) = decode_hex(given) else {
            return false;
        };
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(self.config.webhook_secret.as_bytes())
        else {
            return false;
        };
        mac.update(format!("{time}.{body}").as_bytes());
        // Compared in constant time by the library.
        mac.verify_slice(&given).is_ok()
    }
}

fn decode_hex(hex: &str) -> Result<Vec<u8>, ()> {
    if !hex.len().is_multiple_of(2) {
        return Err(());
    }
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2).ok_or(())?, 16).map_err(|_| ()))
        .collect()
}

/// The portal's web server: its page and the three endpoints.
pub fn router(portal: Arc<Portal>) -> Router {
    Router::new()
        .route("/session", get(session))
        .route("/webhooks/customer-import", post(webhook))
        .route("/customers", get(customers))
        .fallback(page)
        .with_state(portal)
}

/// The page and its stylesheet; nothing else of the folder.
async fn page(
    State(portal): State<Arc<Portal>>,
    uri: axum::http::Uri,
) -> Result<([(axum::http::HeaderName, &'static str); 1], String), StatusCode> {
    let (path, kind) = match uri.path() {
        "/" => (portal.page.join("index.html"), "text/html; charset=utf-8"),
        // The same look as the static example portal next door.
        "/portal.css" => (portal.page.join("../../portal/portal.css"), "text/css"),
        _ => return Err(StatusCode::NOT_FOUND),
    };
    let body = tokio::fs::read_to_string(path)
        .await
        .map_err(|_| StatusCode::NOT_FOUND)?;
    Ok(([(axum::http::header::CONTENT_TYPE, kind)], body))
}

async fn session(State(portal): State<Arc<Portal>>) -> Result<Json<Value>, StatusCode> {
    let token = portal
        .session_token()
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok(Json(
        json!({ "server": portal.config.import_server, "token": token }),
    ))
}

async fn webhook(
    State(portal): State<Arc<Portal>>,
    headers: HeaderMap,
    body: String,
) -> StatusCode {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let signed =
        header("customer-import-signature").is_some_and(|s| portal.verify(s, &body, unix_now()));
    if !signed {
        return StatusCode::BAD_REQUEST;
    }
    let Ok(event) = serde_json::from_str::<Event>(&body) else {
        return StatusCode::BAD_REQUEST;
    };
    let Ok(mut received) = portal.received.lock() else {
        return StatusCode::INTERNAL_SERVER_ERROR;
    };
    match received.apply(&event) {
        Ok(()) => StatusCode::NO_CONTENT,
        Err(_) => StatusCode::BAD_REQUEST,
    }
}

#[derive(Deserialize)]
struct Since {
    /// The version of the list the page shows, if it shows one.
    since: Option<u64>,
}

/// The signed-in user's list: `304 Not Modified` while it is still the version the
/// page shows, else its newest customers and their count ([`ListPage`]).
async fn customers(State(portal): State<Arc<Portal>>, Query(since): Query<Since>) -> Response {
    let Ok(received) = portal.received.lock() else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if since.since == Some(received.version()) {
        return StatusCode::NOT_MODIFIED.into_response();
    }
    Json(received.page(USER_PROJECTS, PAGE_SIZE)).into_response()
}

#[cfg(test)]
mod tests {
    use axum::{body::Body, http::Request};
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    use super::*;

    fn portal() -> Arc<Portal> {
        Portal::new(Config {
            import_server: String::new(),
            portal_url: String::new(),
            api_key: String::new(),
            jwt_secret: String::new(),
            jwt_issuer: String::new(),
            jwt_audience: String::new(),
            webhook_secret: "s3cret".to_owned(),
        })
    }

    #[test]
    fn a_forged_or_stale_signature_is_refused() {
        let p = portal();
        let body = r#"{"a":1}"#;
        // HMAC-SHA256("s3cret", '1700000000.{"a":1}'), computed with openssl.
        let good =
            "t=1700000000,v1=1698a50bc74d1ff1db85c4e0a5297c2ad9fdba245d5737cdb789e4cc6e098940";
        assert!(p.verify(good, body, 1_700_000_100));
        assert!(!p.verify(good, r#"{"a":2}"#, 1_700_000_100), "another body");
        assert!(!p.verify(good, body, 1_700_001_000), "too old");
        let forged =
            "t=1700000000,v1=0698a50bc74d1ff1db85c4e0a5297c2ad9fdba245d5737cdb789e4cc6e098940";
        assert!(!p.verify(forged, body, 1_700_000_100));
        for broken in [
            "",
            "t=1700000000",
            "v1=00",
            "t=x,v1=00",
            "t=1700000000,v1=zz",
        ] {
            assert!(!p.verify(broken, body, 1_700_000_100), "{broken}");
        }
    }

    /// Answers `request` as the portal's web server would: the status and the body.
    async fn answer(portal: &Arc<Portal>, request: Request<Body>) -> (StatusCode, Value) {
        let response = router(portal.clone()).oneshot(request).await.unwrap();
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (status, serde_json::from_slice(&bytes).unwrap_or_default())
    }

    /// The event POSTed to the webhook, signed as the import server signs it.
    async fn deliver(portal: &Arc<Portal>, event: Value) -> StatusCode {
        let body = event.to_string();
        let now = unix_now();
        let mut mac = Hmac::<Sha256>::new_from_slice(b"s3cret").unwrap();
        mac.update(format!("{now}.{body}").as_bytes());
        let hex: String = mac
            .finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let request = Request::post("/webhooks/customer-import")
            .header("customer-import-signature", format!("t={now},v1={hex}"))
            .body(Body::from(body))
            .unwrap();
        answer(portal, request).await.0
    }

    async fn list(portal: &Arc<Portal>, query: &str) -> (StatusCode, Value) {
        let request = Request::get(format!("/customers{query}"))
            .body(Body::empty())
            .unwrap();
        answer(portal, request).await
    }

    #[tokio::test]
    async fn the_list_is_sent_again_only_once_it_changed() {
        let p = portal();
        let (status, first) = list(&p, "").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(first["total"], 0);
        let version = first["version"].as_u64().unwrap();
        let since = format!("?since={version}");
        assert_eq!(list(&p, &since).await.0, StatusCode::NOT_MODIFIED);

        let created = json!({ "id": "evt_1", "type": "customers.created", "sequence": 1,
            "data": { "project_id": 4, "project_portal_id": PROJECT, "batch_id": 2,
                      "customers": [{ "id": 10, "row": 2, "name": "Kari", "email": null }] } });
        assert_eq!(deliver(&p, created.clone()).await, StatusCode::NO_CONTENT);
        let (status, now) = list(&p, &since).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(now["total"], 1);
        assert_eq!(now["customers"][0]["name"], "Kari");
        // Delivered again: nothing changed, and the page is told so.
        assert_eq!(deliver(&p, created).await, StatusCode::NO_CONTENT);
        let since = format!("?since={}", now["version"]);
        assert_eq!(list(&p, &since).await.0, StatusCode::NOT_MODIFIED);

        let unreadable = json!({ "type": "customers.created", "sequence": 2, "data": {} });
        assert_eq!(deliver(&p, unreadable).await, StatusCode::BAD_REQUEST);
        assert_eq!(list(&p, &since).await.0, StatusCode::NOT_MODIFIED);
    }
}
