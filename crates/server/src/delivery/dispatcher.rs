//! The dispatcher: claims due events with a lease, sends them signed, records every
//! attempt, and retries with backoff until a day has passed.

use std::{sync::Arc, time::Duration};

use hmac::{Hmac, Mac};
use sha2::Sha256;
use sqlx::Row;

use super::url::{PublicOnly, check_url};
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

/// How long an event is retried before it is dead: "at least 24 hours".
pub const GIVE_UP_AFTER: Duration = Duration::from_secs(25 * 3600);

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
}
