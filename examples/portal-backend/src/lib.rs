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
//!    (`POST /webhooks/customer-import`), refuses any whose Standard Webhooks signature
//!    or time is wrong (checked by the specification's own library, `standardwebhooks`), and applies them by their `sequence` ([`CustomerCopy`]: events may arrive
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
    time::{SystemTime, UNIX_EPOCH},
};

use axum::{
    Json, Router,
    extract::{Query, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::{get, post},
};
use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
use serde::Deserialize;
use serde_json::{Value, json};

pub use copy::{Customer, CustomerCopy, Event, ListPage};

/// The portal's ids, as its own database would have them.
pub const ORGANIZATION: &str = "demo-nordbygg";
pub const PROJECT: &str = "p-elvebredden";
pub const USER: &str = "portal-user-1";
/// The projects the signed-in user belongs to: what the token says and the list shows.
pub const USER_PROJECTS: &[&str] = &[PROJECT];
/// Customers the list shows at once, the newest.
pub const PAGE_SIZE: usize = 50;

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
    /// Known to the portal and the import server only; signs each delivery. In the
    /// Standard Webhooks format: `whsec_` and the base64 of 24 to 64 random bytes.
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

    /// Every customer of the signed-in user's projects the portal holds now, in id
    /// order: what a check compares with the import server's own records.
    pub fn customers(&self) -> Vec<Customer> {
        let received = self.received.lock().unwrap_or_else(|p| p.into_inner());
        let mut all: Vec<Customer> = received
            .page(USER_PROJECTS, usize::MAX)
            .customers
            .into_iter()
            .cloned()
            .collect();
        all.reverse();
        all
    }

    /// Step 4: whether the delivery's `webhook-id`, `webhook-timestamp` and
    /// `webhook-signature` sign `body` with our secret, within five minutes of now
    /// (a captured delivery cannot be replayed later). The Standard Webhooks library
    /// does it all; any language has one.
    pub fn verify(&self, headers: &HeaderMap, body: &str) -> bool {
        standardwebhooks::Webhook::new(&self.config.webhook_secret)
            .and_then(|hook| hook.verify(body.as_bytes(), headers))
            .is_ok()
    }
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
        // The project the page opens the wizard on, by our own id: the import server
        // takes it as `portal:<id>`, so we never need to learn its ids.
        json!({ "server": portal.config.import_server, "token": token, "project": PROJECT }),
    ))
}

async fn webhook(
    State(portal): State<Arc<Portal>>,
    headers: HeaderMap,
    body: String,
) -> StatusCode {
    if !portal.verify(&headers, &body) {
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
            webhook_secret: SECRET.to_owned(),
        })
    }

    const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwJ5cLQ3lO8Gs=";

    /// The three headers of a delivery of `body` as event `id`, signed at `time`.
    fn signed(id: &str, time: i64, body: &str) -> HeaderMap {
        let hook = standardwebhooks::Webhook::new(SECRET).unwrap();
        let mut headers = HeaderMap::new();
        headers.insert("webhook-id", id.parse().unwrap());
        headers.insert("webhook-timestamp", time.to_string().parse().unwrap());
        let signature = hook.sign(id, time, body.as_bytes()).unwrap();
        headers.insert("webhook-signature", signature.parse().unwrap());
        headers
    }

    #[test]
    fn a_forged_or_stale_signature_is_refused() {
        let p = portal();
        let body = r#"{"a":1}"#;
        let now = unix_now();
        assert!(p.verify(&signed("evt_1", now, body), body));
        assert!(
            !p.verify(&signed("evt_1", now, body), r#"{"a":2}"#),
            "another body"
        );
        assert!(
            !p.verify(&signed("evt_1", now - 1000, body), body),
            "too old"
        );
        let mut other_id = signed("evt_1", now, body);
        other_id.insert("webhook-id", "evt_2".parse().unwrap());
        assert!(!p.verify(&other_id, body), "another event's signature");
        let mut forged = signed("evt_1", now, body);
        forged.insert("webhook-signature", "v1,AAAA".parse().unwrap());
        assert!(!p.verify(&forged, body));
        assert!(!p.verify(&HeaderMap::new(), body), "unsigned");
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
        let id = event["id"].as_str().unwrap_or("evt_0");
        let mut request = Request::post("/webhooks/customer-import");
        for (name, value) in &signed(id, unix_now(), &body) {
            request = request.header(name, value);
        }
        let request = request.body(Body::from(body)).unwrap();
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
