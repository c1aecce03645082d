//! Every customer created reaches the portal: a transactional outbox and its
//! dispatcher.
//!
//! An import that creates customers writes one event per 1,000 of them in the same
//! transaction ([`record_created`]), so an event exists exactly when its customers
//! do. The [`Dispatcher`] claims due events (on PostgreSQL with `FOR UPDATE SKIP
//! LOCKED`, so several instances never claim the same one; a claim is a lease, so an
//! instance killed mid-delivery leaves the event to another once the lease ends),
//! POSTs each to the organization's webhook signed with HMAC-SHA256 over the
//! timestamp and the body (`Customer-Import-Signature: t=…,v1=…`, as Stripe does), and
//! records every attempt. A failure is retried with exponential backoff and jitter;
//! an event still undelivered a day after it was made is dead, listed, and sent
//! again on request. Delivery is at least once: the portal drops repeats by the
//! event id (`Customer-Import-Event-Id`).

use std::{net::IpAddr, sync::Arc, time::Duration};

use customer_import_domain::validate::Customer;
use hmac::{Hmac, Mac};
use serde::Serialize;
use sha2::Sha256;
use sqlx::{AnyConnection, Row};

use crate::{
    auth::unix_now,
    db::{Backend, Db},
    error::AppError,
};

/// How long one delivery may take, connecting included.
const SEND_TIMEOUT: Duration = Duration::from_secs(10);
/// Events one instance claims at a time; they are sent one after another, so the
/// lease is longer than all of them timing out.
const CLAIM_EVENTS: i64 = 5;

/// Customers one event carries.
pub const EVENT_CUSTOMERS: usize = 1_000;
/// How long an event is retried before it is dead: "at least 24 hours".
pub const GIVE_UP_AFTER: Duration = Duration::from_secs(25 * 3600);

/// One created customer as the portal receives it.
#[derive(Debug, Clone, Serialize)]
pub struct Delivered<'a> {
    pub id: i64,
    /// The row of the user's file it came from.
    pub row: u64,
    #[serde(flatten)]
    pub customer: &'a Customer,
}

#[derive(Serialize)]
struct CreatedPayload<'a> {
    project_id: i64,
    project_portal_id: Option<&'a str>,
    batch_id: i64,
    customers: &'a [Delivered<'a>],
}

/// Writes the events of the customers `created` in this transaction, when the
/// organization has a webhook.
pub async fn record_created(
    conn: &mut AnyConnection,
    organization: i64,
    project: i64,
    batch: i64,
    created: &[Delivered<'_>],
) -> Result<(), AppError> {
    if created.is_empty() {
        return Ok(());
    }
    let hooked: Option<Option<String>> =
        sqlx::query_scalar("SELECT webhook_url FROM organizations WHERE id = $1")
            .bind(organization)
            .fetch_optional(&mut *conn)
            .await?;
    if !matches!(hooked, Some(Some(_))) {
        return Ok(());
    }
    let portal_id: Option<String> =
        sqlx::query_scalar("SELECT external_id FROM projects WHERE id = $1")
            .bind(project)
            .fetch_one(&mut *conn)
            .await?;
    let now = unix_now();
    for customers in created.chunks(EVENT_CUSTOMERS) {
        let payload = serde_json::to_string(&CreatedPayload {
            project_id: project,
            project_portal_id: portal_id.as_deref(),
            batch_id: batch,
            customers,
        })
        .map_err(|e| AppError::Database(sqlx::Error::Encode(e.into())))?;
        sqlx::query(
            "INSERT INTO outbox_events (organization_id, event_type, payload, created_at, next_attempt_at)
             VALUES ($1, 'customers.created', $2, $3, $3)",
        )
        .bind(organization)
        .bind(payload)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Milliseconds since 1970: leases are shorter than the seconds the rest is kept in.
fn unix_now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// The signature header of `body` sent at `timestamp`.
pub fn signature(secret: &str, timestamp: i64, body: &str) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes a key of any size");
    mac.update(format!("{timestamp}.{body}").as_bytes());
    let digest = mac.finalize().into_bytes();
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("t={timestamp},v1={hex}")
}

/// Why a webhook address is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.reason())]
pub enum UnsafeUrl {
    Malformed,
    NotHttps,
    Private,
    Unresolved,
}

impl UnsafeUrl {
    pub fn reason(self) -> &'static str {
        match self {
            UnsafeUrl::Malformed => "not an http(s) URL with a host",
            UnsafeUrl::NotHttps => "plain http is only for a loopback address",
            UnsafeUrl::Private => "resolves to a private, loopback or link-local address",
            UnsafeUrl::Unresolved => "the host name does not resolve",
        }
    }
}

/// Whether the server may send to `url`: https to a public address; plain http only
/// to loopback; private, loopback and link-local addresses only when the operator
/// allows them (`--allow-private-webhooks`). Checked when the URL is set and again
/// before each delivery, since a name can be made to point elsewhere later.
pub async fn check_url(url: &str, allow_private: bool) -> Result<(), UnsafeUrl> {
    let parsed = reqwest::Url::parse(url).map_err(|_| UnsafeUrl::Malformed)?;
    let host = parsed.host_str().ok_or(UnsafeUrl::Malformed)?;
    let port = parsed.port_or_known_default().ok_or(UnsafeUrl::Malformed)?;
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let addresses: Vec<IpAddr> = match host.parse::<IpAddr>() {
        Ok(ip) => vec![ip],
        Err(_) => tokio::net::lookup_host((host, port))
            .await
            .map_err(|_| UnsafeUrl::Unresolved)?
            .map(|a| a.ip())
            .collect(),
    };
    if addresses.is_empty() {
        return Err(UnsafeUrl::Unresolved);
    }
    match parsed.scheme() {
        "https" => {}
        "http" if addresses.iter().all(IpAddr::is_loopback) => {}
        "http" => return Err(UnsafeUrl::NotHttps),
        _ => return Err(UnsafeUrl::Malformed),
    }
    if !allow_private && addresses.iter().any(|ip| is_internal(*ip)) {
        return Err(UnsafeUrl::Private);
    }
    Ok(())
}

fn is_internal(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            v4.is_private()
                || v4.is_loopback()
                || v4.is_link_local()
                || v4.is_broadcast()
                || v4.is_multicast()
                || a == 0 // "this network", 0.0.0.0/8
                || (a == 100 && (b & 0xc0) == 64) // carrier-grade NAT, 100.64.0.0/10
                || (a == 198 && (b & 0xfe) == 18) // benchmarking, 198.18.0.0/15
                || a >= 240 // reserved, 240.0.0.0/4
        }
        IpAddr::V6(v6) => {
            let s = v6.segments();
            // An IPv4 address inside an IPv6 one reaches that IPv4 address.
            let embedded = |hi: u16, lo: u16| {
                is_internal(IpAddr::V4(std::net::Ipv4Addr::new(
                    (hi >> 8) as u8,
                    hi as u8,
                    (lo >> 8) as u8,
                    lo as u8,
                )))
            };
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (s[0] & 0xfe00) == 0xfc00 // unique local
                || (s[0] & 0xffc0) == 0xfe80 // link-local
                || (s[0] & 0xffc0) == 0xfec0 // site-local (deprecated, still routed inside)
                || v6.to_ipv4_mapped().is_some_and(|v4| is_internal(IpAddr::V4(v4)))
                || (s[..6] == [0; 6] && embedded(s[6], s[7])) // IPv4-compatible
                || (s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] && embedded(s[6], s[7])) // NAT64
                || (s[0] == 0x2002 && embedded(s[1], s[2])) // 6to4
        }
    }
}

/// Resolves a webhook's host for the HTTP client itself and refuses internal
/// addresses there, so the address checked is the address connected to: a name that
/// answers differently a second later (DNS rebinding) gains nothing.
struct PublicOnly {
    allow_private: bool,
}

impl reqwest::dns::Resolve for PublicOnly {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let allow_private = self.allow_private;
        Box::pin(async move {
            let found: Vec<std::net::SocketAddr> = tokio::time::timeout(
                Duration::from_secs(5),
                tokio::net::lookup_host((name.as_str(), 0)),
            )
            .await
            .map_err(|_| "the name did not resolve in time")??
            .collect();
            if !allow_private && found.iter().any(|a| is_internal(a.ip())) {
                return Err(UnsafeUrl::Private.reason().into());
            }
            let addrs: reqwest::dns::Addrs = Box::new(found.into_iter());
            Ok(addrs)
        })
    }
}

/// Sends due events; one per server instance.
#[derive(Clone)]
pub struct Dispatcher {
    db: Db,
    client: reqwest::Client,
    pub allow_private: bool,
    /// How long a claimed event is left to this instance before another may take it.
    pub lease: Duration,
    /// The pause before the first retry; each later one doubles, up to an hour.
    pub first_retry: Duration,
}

struct Claimed {
    id: i64,
    /// The lease's end (unix milliseconds): settled only while it is still ours.
    claimed_until: i64,
    event_type: String,
    payload: String,
    created_at: i64,
    attempts: i64,
    url: Option<String>,
    secret: Option<String>,
}

impl Dispatcher {
    pub fn new(db: Db, allow_private: bool) -> Dispatcher {
        Dispatcher {
            db,
            client: reqwest::Client::builder()
                .timeout(SEND_TIMEOUT)
                // Redirects and proxies could lead anywhere, past the address check.
                .redirect(reqwest::redirect::Policy::none())
                .no_proxy()
                .dns_resolver(Arc::new(PublicOnly { allow_private }))
                .build()
                .expect("an HTTP client"),
            allow_private,
            lease: SEND_TIMEOUT * 2 * CLAIM_EVENTS as u32,
            first_retry: Duration::from_secs(10),
        }
    }

    /// Delivers until `shutdown` completes; a round cut short leaves its events to be
    /// claimed again once their lease ends.
    pub async fn run(self, shutdown: impl std::future::Future<Output = ()>) {
        let mut shutdown = std::pin::pin!(shutdown);
        loop {
            let sent = tokio::select! {
                sent = self.tick() => sent.unwrap_or_else(|e| {
                    tracing::warn!(error = %e, "delivering events failed");
                    0
                }),
                () = &mut shutdown => return,
            };
            if sent == 0 {
                tokio::select! {
                    () = tokio::time::sleep(Duration::from_secs(1)) => {}
                    () = &mut shutdown => return,
                }
            }
        }
    }

    /// Claims and sends the events due now; how many it tried.
    pub async fn tick(&self) -> Result<usize, AppError> {
        let claimed = self.claim().await?;
        for event in &claimed {
            let outcome = self.send(event).await;
            self.settle(event, outcome).await?;
        }
        Ok(claimed.len())
    }

    async fn claim(&self) -> Result<Vec<Claimed>, AppError> {
        let now = unix_now();
        let now_ms = unix_now_ms();
        let claimed_until = now_ms + self.lease.as_millis() as i64;
        let skip_locked = match self.db.backend {
            Backend::Postgres => "FOR UPDATE SKIP LOCKED",
            Backend::Sqlite => "",
        };
        let sql = format!(
            "UPDATE outbox_events SET claimed_until = $3, attempts = attempts + 1
             WHERE id IN (SELECT id FROM outbox_events
                          WHERE delivered_at IS NULL AND dead_at IS NULL AND next_attempt_at <= $1
                            AND (claimed_until IS NULL OR claimed_until <= $2)
                          ORDER BY id LIMIT {CLAIM_EVENTS} {skip_locked})
             RETURNING id, organization_id, event_type, payload, created_at, attempts"
        );
        let rows = sqlx::query(&sql)
            .bind(now)
            .bind(now_ms)
            .bind(claimed_until)
            .fetch_all(&self.db.pool)
            .await?;
        let mut claimed = Vec::with_capacity(rows.len());
        for row in rows {
            let organization: i64 = row.try_get(1)?;
            let hook =
                sqlx::query("SELECT webhook_url, webhook_secret FROM organizations WHERE id = $1")
                    .bind(organization)
                    .fetch_one(&self.db.pool)
                    .await?;
            claimed.push(Claimed {
                id: row.try_get(0)?,
                claimed_until,
                event_type: row.try_get(2)?,
                payload: row.try_get(3)?,
                created_at: row.try_get(4)?,
                attempts: row.try_get(5)?,
                url: hook.try_get(0)?,
                secret: hook.try_get(1)?,
            });
        }
        claimed.sort_by_key(|c| c.id);
        Ok(claimed)
    }

    /// The receiver's status, or why nothing was received.
    async fn send(&self, event: &Claimed) -> Result<u16, String> {
        let (Some(url), Some(secret)) = (&event.url, &event.secret) else {
            return Err("the organization has no webhook".to_owned());
        };
        check_url(url, self.allow_private)
            .await
            .map_err(|e| e.to_string())?;
        let body = format!(
            "{{\"id\":\"evt_{}\",\"type\":{},\"created_at\":{},\"data\":{}}}",
            event.id,
            serde_json::Value::String(event.event_type.clone()),
            event.created_at,
            event.payload
        );
        let response = self
            .client
            .post(url)
            .header("content-type", "application/json")
            .header("customer-import-event-id", format!("evt_{}", event.id))
            .header(
                "customer-import-signature",
                signature(secret, unix_now(), &body),
            )
            .body(body)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        let status = response.status().as_u16();
        if response.status().is_success() {
            Ok(status)
        } else {
            Err(format!("answered {status}"))
        }
    }

    async fn settle(&self, event: &Claimed, outcome: Result<u16, String>) -> Result<(), AppError> {
        let now = unix_now();
        let (status, error) = match &outcome {
            Ok(status) => (Some(i64::from(*status)), None),
            Err(e) => (None, Some(e.as_str())),
        };
        sqlx::query(
            "INSERT INTO outbox_attempts (event_id, at, status, error) VALUES ($1, $2, $3, $4)",
        )
        .bind(event.id)
        .bind(now)
        .bind(status)
        .bind(error)
        .execute(&self.db.pool)
        .await?;
        if outcome.is_ok() {
            let settled = sqlx::query(
                "UPDATE outbox_events SET delivered_at = $2, claimed_until = NULL, last_error = NULL
                 WHERE id = $1 AND claimed_until = $3",
            )
            .bind(event.id)
            .bind(now)
            .bind(event.claimed_until)
            .execute(&self.db.pool)
            .await?;
            if settled.rows_affected() == 0 {
                tracing::warn!(
                    event = event.id,
                    "delivered after its lease ended; another instance may send it again"
                );
            }
            return Ok(());
        }
        let given_up = now - event.created_at >= GIVE_UP_AFTER.as_secs() as i64;
        // Only while the claim is ours: else the instance that took it over decides.
        sqlx::query(
            "UPDATE outbox_events SET next_attempt_at = $2, claimed_until = NULL, last_error = $3,
                 dead_at = $4
             WHERE id = $1 AND claimed_until = $5",
        )
        .bind(event.id)
        .bind(now + retry_delay(self.first_retry, event.attempts).as_secs() as i64)
        .bind(error)
        .bind(given_up.then_some(now))
        .bind(event.claimed_until)
        .execute(&self.db.pool)
        .await?;
        Ok(())
    }
}

/// The pause after failed attempt `attempts` (1 = the first): doubling from `first`
/// up to an hour, stretched by up to half again at random so that many events that
/// failed together do not all come back at once.
pub fn retry_delay(first: Duration, attempts: i64) -> Duration {
    let doublings = (attempts.max(1) - 1).min(16) as u32;
    let base = first
        .saturating_mul(1 << doublings)
        .min(Duration::from_secs(3600));
    let mut byte = [0u8; 1];
    let jitter = getrandom::fill(&mut byte).map_or(0, |()| u32::from(byte[0]));
    base + base.mul_f64(f64::from(jitter) / 510.0)
}

/// One event as the delivery API lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct EventStatus {
    pub id: String,
    pub event_type: String,
    pub created_at: i64,
    pub attempts: i64,
    /// `pending`, `delivered`, or `dead` (given up on; redeliver to try again).
    pub state: String,
    pub last_error: Option<String>,
}

/// The organization's events after event `after`, oldest first, at most `limit`.
pub async fn list(
    db: &Db,
    organization: i64,
    after: i64,
    limit: i64,
) -> Result<Vec<EventStatus>, AppError> {
    let rows = sqlx::query(
        "SELECT id, event_type, created_at, attempts, delivered_at, dead_at, last_error
         FROM outbox_events WHERE organization_id = $1 AND id > $2 ORDER BY id LIMIT $3",
    )
    .bind(organization)
    .bind(after)
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            let delivered: Option<i64> = r.try_get(4)?;
            let dead: Option<i64> = r.try_get(5)?;
            Ok(EventStatus {
                id: format!("evt_{}", r.try_get::<i64, _>(0)?),
                event_type: r.try_get(1)?,
                created_at: r.try_get(2)?,
                attempts: r.try_get(3)?,
                state: match (delivered, dead) {
                    (Some(_), _) => "delivered",
                    (None, Some(_)) => "dead",
                    (None, None) => "pending",
                }
                .to_owned(),
                last_error: r.try_get(6)?,
            })
        })
        .collect()
}

/// Sends the event again now, whatever became of it; `false` when it is not the
/// organization's.
pub async fn redeliver(db: &Db, organization: i64, event: i64) -> Result<bool, AppError> {
    Ok(sqlx::query(
        "UPDATE outbox_events SET delivered_at = NULL, dead_at = NULL, claimed_until = NULL,
             next_attempt_at = $3, created_at = $3
         WHERE id = $1 AND organization_id = $2",
    )
    .bind(event)
    .bind(organization)
    .bind(unix_now())
    .execute(&db.pool)
    .await?
    .rows_affected()
        == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_double_with_jitter_up_to_an_hour() {
        let first = Duration::from_secs(10);
        for (attempts, base) in [(1, 10), (2, 20), (3, 40), (10, 3600), (40, 3600)] {
            let d = retry_delay(first, attempts).as_secs_f64();
            assert!(
                (base as f64..=base as f64 * 1.5).contains(&d),
                "{attempts}: {d}"
            );
        }
    }

    #[test]
    fn the_signature_is_hmac_sha256_of_time_and_body() {
        // Computed independently: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac s3cret
        assert_eq!(
            signature("s3cret", 1_700_000_000, r#"{"a":1}"#),
            "t=1700000000,v1=1698a50bc74d1ff1db85c4e0a5297c2ad9fdba245d5737cdb789e4cc6e098940"
        );
    }

    #[tokio::test]
    async fn the_client_itself_refuses_names_that_resolve_inside() {
        use reqwest::dns::Resolve;
        let name = |n: &str| n.parse::<reqwest::dns::Name>().unwrap();
        let strict = PublicOnly {
            allow_private: false,
        };
        assert!(strict.resolve(name("localhost")).await.is_err());
        let lenient = PublicOnly {
            allow_private: true,
        };
        let found: Vec<_> = lenient.resolve(name("localhost")).await.unwrap().collect();
        assert!(found.iter().all(|a| a.ip().is_loopback()) && !found.is_empty());
    }

    #[test]
    fn internal_addresses_are_told_apart() {
        for ip in [
            "10.1.2.3",
            "192.168.0.1",
            "127.0.0.1",
            "169.254.169.254",
            "100.64.0.1",
            "::1",
            "fd00::1",
            "fe80::1",
            "::ffff:10.0.0.1",
            "0.0.0.0",
        ] {
            assert!(is_internal(ip.parse().unwrap()), "{ip}");
        }
        for ip in [
            "8.8.8.8",
            "2001:4860:4860::8888",
            "100.128.0.1",
            "64:ff9b::808:808",
            "2002:808:808::1",
        ] {
            assert!(!is_internal(ip.parse().unwrap()), "{ip}");
        }
    }
}
