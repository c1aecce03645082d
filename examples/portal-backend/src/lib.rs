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
//!    wrong, applies them by their `sequence` ([`CustomerCopy`]: events may arrive out
//!    of order, and more than once), and lists the customers on its page
//!    (`GET /customers`).
//!
//! Everything is kept in memory: a real portal would write the customers, and the
//! sequence applied to each, into its own database in the webhook handler, in one
//! transaction.

use std::{
    collections::BTreeMap,
    path::PathBuf,
    sync::{Arc, Mutex},
    time::{Duration, SystemTime, UNIX_EPOCH},
};

use axum::{
    Json, Router,
    extract::State,
    http::{HeaderMap, StatusCode},
    routing::{get, post},
};
use hmac::{Hmac, Mac};
use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
use serde_json::{Value, json};
use sha2::Sha256;

/// The portal's ids, as its own database would have them.
pub const ORGANIZATION: &str = "demo-nordbygg";
pub const PROJECT: &str = "p-elvebredden";
pub const USER: &str = "portal-user-1";
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

/// The portal's copy of the customers, kept by the rule the import server documents:
/// an event changes a customer only if its `sequence` is newer than the last one
/// applied to that customer, and a removal is remembered, so a creation that arrives
/// after it (a retry, a redelivery) changes nothing. A repeat changes nothing either.
#[derive(Debug, Default)]
pub struct CustomerCopy {
    /// By customer id: the sequence last applied, and the customer (`None`: removed).
    applied: BTreeMap<i64, (i64, Option<Value>)>,
}

impl CustomerCopy {
    /// Applies one event; an event of a type this portal does not know is ignored.
    pub fn apply(&mut self, event: &Value) -> Result<(), &'static str> {
        let removes = match event["type"].as_str() {
            Some("customers.created") => false,
            Some("customers.removed") => true,
            _ => return Ok(()),
        };
        let sequence = event["sequence"]
            .as_i64()
            .ok_or("an event without a sequence")?;
        let customers = event["data"]["customers"]
            .as_array()
            .ok_or("an event without customers")?;
        if customers.iter().any(|c| c["id"].as_i64().is_none()) {
            return Err("a customer without an id");
        }
        for customer in customers {
            let id = customer["id"].as_i64().unwrap_or_default();
            if self
                .applied
                .get(&id)
                .is_some_and(|(seen, _)| *seen >= sequence)
            {
                continue;
            }
            let kept = (!removes).then(|| customer.clone());
            self.applied.insert(id, (sequence, kept));
        }
        Ok(())
    }

    /// The customers the portal has, by id.
    pub fn customers(&self) -> Vec<Value> {
        self.applied
            .values()
            .filter_map(|(_, customer)| customer.clone())
            .collect()
    }
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
                        "role": "member", "projects": [PROJECT] }),
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
            "org": ORGANIZATION, "role": "member", "projects": [PROJECT],
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
    let Ok(event) = serde_json::from_str::<Value>(&body) else {
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

async fn customers(State(portal): State<Arc<Portal>>) -> Json<Vec<Value>> {
    Json(
        portal
            .received
            .lock()
            .map(|r| r.customers())
            .unwrap_or_default(),
    )
}

#[cfg(test)]
mod tests {
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

    fn event(kind: &str, sequence: i64, ids: &[i64]) -> Value {
        let customers: Vec<Value> = ids.iter().map(|id| json!({ "id": id })).collect();
        json!({ "id": format!("evt_{sequence}"), "type": kind, "sequence": sequence,
                "data": { "customers": customers } })
    }

    fn ids(copy: &CustomerCopy) -> Vec<i64> {
        copy.customers()
            .iter()
            .map(|c| c["id"].as_i64().unwrap())
            .collect()
    }

    #[test]
    fn a_removal_wins_over_an_older_creation_whenever_it_arrives() {
        let mut copy = CustomerCopy::default();
        copy.apply(&event("customers.created", 7, &[3])).unwrap();
        copy.apply(&event("customers.removed", 9, &[1, 2])).unwrap();
        // The creation of 1 and 2 failed at first and comes after their removal.
        copy.apply(&event("customers.created", 4, &[1, 2])).unwrap();
        assert_eq!(ids(&copy), [3]);
        // Repeats change nothing; a later removal removes.
        copy.apply(&event("customers.created", 7, &[3])).unwrap();
        copy.apply(&event("customers.removed", 9, &[1, 2])).unwrap();
        assert_eq!(ids(&copy), [3]);
        copy.apply(&event("customers.removed", 12, &[3])).unwrap();
        assert!(ids(&copy).is_empty());
        assert!(copy.apply(&json!({ "type": "customers.created" })).is_err());
        copy.apply(&json!({ "type": "project.renamed" })).unwrap();
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
}
