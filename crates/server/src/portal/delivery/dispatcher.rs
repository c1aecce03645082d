//! The dispatcher: claims due events with a lease, sends them signed, records every
//! attempt, and retries with backoff until a day has passed.
//!
//! Each organization's events are claimed and sent one at a time by a task of its
//! own, and several organizations are served at once: a receiver that hangs or fails
//! holds up only its own organization's events, never another's.

use std::{
    collections::{HashMap, HashSet},
    sync::Arc,
    time::Duration,
};

use base64::{Engine, engine::general_purpose::STANDARD};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use tokio::task::{Id, JoinSet};

use super::{
    secret,
    url::{PublicOnly, check_url},
};
use crate::{
    basics::{unix_now, unix_now_ms},
    db::{Backend, Db},
    error::AppError,
};

/// How long one delivery may take, resolving and connecting included.
const SEND_TIMEOUT: Duration = Duration::from_secs(10);
/// Events of one organization claimed at a time; they are sent one after another.
const CLAIM_EVENTS: i64 = 5;
/// Organizations one instance sends to at once: a receiver that hangs takes one of
/// these, not the dispatcher.
const PARALLEL_ORGANIZATIONS: usize = 8;

/// How long claimed events are an instance's own by default: longer than all of a
/// claim's sends timing out, so a slow receiver is not sent an event twice.
pub const DEFAULT_LEASE: Duration =
    Duration::from_secs(SEND_TIMEOUT.as_secs() * 2 * CLAIM_EVENTS as u64);

/// How long an event is retried before it is dead by default: "at least 24 hours".
pub const GIVE_UP_AFTER: Duration = Duration::from_secs(25 * 3600);
/// The pause before the first retry by default; each later one doubles.
pub const FIRST_RETRY: Duration = Duration::from_secs(10);
/// The longest pause between retries by default.
pub const LONGEST_RETRY: Duration = Duration::from_secs(3600);

/// The `webhook-signature` header of event `id` with `body`, signed at `timestamp`
/// with the HMAC `key`, per the Standard Webhooks specification:
/// `v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`.
pub fn signature(key: &[u8], id: &str, timestamp: i64, body: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes a key of any size");
    mac.update(format!("{id}.{timestamp}.{body}").as_bytes());
    format!("v1,{}", STANDARD.encode(mac.finalize().into_bytes()))
}

/// Sends due events; one per server instance.
#[derive(Clone)]
pub struct Dispatcher {
    db: Db,
    client: reqwest::Client,
    pub allow_private: bool,
    /// How long a claimed event is left to this instance before another may take it.
    pub lease: Duration,
    /// The pause before the first retry; each later one doubles, up to `longest_retry`.
    pub first_retry: Duration,
    pub longest_retry: Duration,
    /// How long after it was made (or redelivered) an event is given up on.
    pub give_up_after: Duration,
}

/// An event as the claim returns it.
#[derive(sqlx::FromRow)]
struct ClaimedRow {
    id: i64,
    event_type: String,
    payload: String,
    created_at: i64,
    seq: i64,
    attempts: i64,
    /// When its day of retries began: when it was made, or last redelivered.
    retries_from: i64,
}

struct Claimed {
    row: ClaimedRow,
    /// The lease's end (unix milliseconds): settled only while it is still ours.
    claimed_until: i64,
    url: Option<String>,
    secret: Option<String>,
}

impl Dispatcher {
    pub fn new(db: Db, allow_private: bool) -> Dispatcher {
        Dispatcher {
            db,
            client: reqwest::Client::builder()
                // Redirects and proxies could lead anywhere, past the address check.
                .redirect(reqwest::redirect::Policy::none())
                .no_proxy()
                .dns_resolver(Arc::new(PublicOnly { allow_private }))
                .build()
                .expect("an HTTP client"),
            allow_private,
            lease: DEFAULT_LEASE,
            first_retry: FIRST_RETRY,
            longest_retry: LONGEST_RETRY,
            give_up_after: GIVE_UP_AFTER,
        }
    }

    /// Delivers until `shutdown` completes; sends cut short leave their events to be
    /// claimed again once their lease ends.
    pub async fn run(self, shutdown: impl std::future::Future<Output = ()>) {
        let mut shutdown = std::pin::pin!(shutdown);
        let mut sending = JoinSet::new();
        // The organization each task is sending to: never two tasks for one.
        let mut busy: HashMap<Id, i64> = HashMap::new();
        // When each organization was last served: the least recently served go first,
        // so a few failing organizations cannot keep every slot.
        let mut served: HashMap<i64, u64> = HashMap::new();
        for round in 1u64.. {
            if busy.len() < PARALLEL_ORGANIZATIONS {
                match self.due_organizations().await {
                    Ok(mut due) => {
                        let taken: HashSet<i64> = busy.values().copied().collect();
                        due.retain(|o| !taken.contains(o));
                        // Stable: equally served ones stay oldest event first.
                        due.sort_by_key(|o| served.get(o).copied().unwrap_or(0));
                        for organization in
                            due.into_iter().take(PARALLEL_ORGANIZATIONS - busy.len())
                        {
                            served.insert(organization, round);
                            let this = self.clone();
                            let task =
                                sending.spawn(async move { this.deliver_next(organization).await });
                            busy.insert(task.id(), organization);
                        }
                    }
                    Err(e) => tracing::warn!(error = %e, "finding events to deliver failed"),
                }
            }
            // Look again when a task is done or after a second, for events that have
            // come due for the organizations not being served.
            tokio::select! {
                Some(done) = sending.join_next_with_id() => {
                    let id = match done {
                        Ok((id, Ok(_))) => id,
                        Ok((id, Err(e))) => {
                            tracing::warn!(error = %e, "delivering events failed");
                            id
                        }
                        Err(e) => {
                            tracing::error!(error = %e, "a delivery task failed");
                            e.id()
                        }
                    };
                    busy.remove(&id);
                }
                () = tokio::time::sleep(Duration::from_secs(1)) => {}
                () = &mut shutdown => return,
            }
        }
    }

    /// Claims and sends the events due now, each organization's at the same time;
    /// how many it tried.
    pub async fn tick(&self) -> Result<usize, AppError> {
        let mut sending = JoinSet::new();
        for organization in self
            .due_organizations()
            .await?
            .into_iter()
            .take(PARALLEL_ORGANIZATIONS)
        {
            let this = self.clone();
            sending.spawn(async move { this.deliver_next(organization).await });
        }
        let mut tried = 0;
        while let Some(done) = sending.join_next().await {
            match done {
                Ok(sent) => tried += sent?,
                Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
                // Only aborted when this future is dropped, which drops the set too.
                Err(_) => {}
            }
        }
        Ok(tried)
    }

    /// The organizations with events due and not claimed, oldest event first.
    async fn due_organizations(&self) -> Result<Vec<i64>, AppError> {
        Ok(sqlx::query_scalar(
            "SELECT organization_id FROM outbox_events
             WHERE delivered_at IS NULL AND dead_at IS NULL AND next_attempt_at <= $1
               AND (claimed_until IS NULL OR claimed_until <= $2)
             GROUP BY organization_id ORDER BY MIN(id)",
        )
        .bind(unix_now())
        .bind(unix_now_ms())
        .fetch_all(&self.db.pool)
        .await?)
    }

    /// Claims the organization's next due events and sends them in order; how many
    /// it tried.
    async fn deliver_next(&self, organization: i64) -> Result<usize, AppError> {
        let claimed = self.claim(organization).await?;
        for event in &claimed {
            let outcome = self.send(event).await;
            self.settle(event, outcome).await?;
        }
        Ok(claimed.len())
    }

    async fn claim(&self, organization: i64) -> Result<Vec<Claimed>, AppError> {
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
                          WHERE organization_id = $4
                            AND delivered_at IS NULL AND dead_at IS NULL AND next_attempt_at <= $1
                            AND (claimed_until IS NULL OR claimed_until <= $2)
                          ORDER BY id LIMIT {CLAIM_EVENTS} {skip_locked})
             RETURNING id, event_type, payload, created_at, seq, attempts,
                       COALESCE(retries_from, created_at) AS retries_from"
        );
        let rows: Vec<ClaimedRow> = sqlx::query_as(&sql)
            .bind(now)
            .bind(now_ms)
            .bind(claimed_until)
            .bind(organization)
            .fetch_all(&self.db.pool)
            .await?;
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let (url, secret): (Option<String>, Option<String>) =
            sqlx::query_as("SELECT webhook_url, webhook_secret FROM organizations WHERE id = $1")
                .bind(organization)
                .fetch_one(&self.db.pool)
                .await?;
        let mut claimed: Vec<Claimed> = rows
            .into_iter()
            .map(|row| Claimed {
                row,
                claimed_until,
                url: url.clone(),
                secret: secret.clone(),
            })
            .collect();
        claimed.sort_by_key(|c| c.row.id);
        Ok(claimed)
    }

    /// The receiver's status, or why nothing was received: a receiver that does not
    /// answer within [`SEND_TIMEOUT`] (a name that does not resolve included) has
    /// failed this attempt.
    async fn send(&self, event: &Claimed) -> Result<u16, String> {
        tokio::time::timeout(SEND_TIMEOUT, self.try_send(event))
            .await
            .unwrap_or_else(|_| Err(format!("no answer within {} s", SEND_TIMEOUT.as_secs())))
    }

    async fn try_send(&self, event: &Claimed) -> Result<u16, String> {
        let (Some(url), Some(secret)) = (&event.url, &event.secret) else {
            return Err("the organization has no webhook".to_owned());
        };
        check_url(url, self.allow_private)
            .await
            .map_err(|e| e.to_string())?;
        let event = &event.row;
        let body = format!(
            "{{\"id\":\"evt_{}\",\"type\":{},\"created_at\":{},\"sequence\":{},\"data\":{}}}",
            event.id,
            serde_json::Value::String(event.event_type.clone()),
            event.created_at,
            event.seq,
            event.payload
        );
        let id = format!("evt_{}", event.id);
        let timestamp = unix_now();
        let response = self
            .client
            .post(url)
            .header("content-type", "application/json")
            .header("webhook-id", &id)
            .header("webhook-timestamp", timestamp.to_string())
            .header(
                "webhook-signature",
                signature(&secret::key(secret), &id, timestamp, &body),
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
        .bind(event.row.id)
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
            .bind(event.row.id)
            .bind(now)
            .bind(event.claimed_until)
            .execute(&self.db.pool)
            .await?;
            if settled.rows_affected() == 0 {
                tracing::warn!(
                    event = event.row.id,
                    "delivered after its lease ended; another instance may send it again"
                );
            }
            return Ok(());
        }
        let given_up = now - event.row.retries_from >= self.give_up_after.as_secs() as i64;
        // Only while the claim is ours: else the instance that took it over decides.
        sqlx::query(
            "UPDATE outbox_events SET next_attempt_at = $2, claimed_until = NULL, last_error = $3,
                 dead_at = $4
             WHERE id = $1 AND claimed_until = $5",
        )
        .bind(event.row.id)
        .bind(
            now + retry_delay(self.first_retry, self.longest_retry, event.row.attempts).as_secs()
                as i64,
        )
        .bind(error)
        .bind(given_up.then_some(now))
        .bind(event.claimed_until)
        .execute(&self.db.pool)
        .await?;
        Ok(())
    }
}

/// The pause after failed attempt `attempts` (1 = the first): doubling from `first`
/// up to `longest`, stretched by up to half again at random so that many events that
/// failed together do not all come back at once.
pub fn retry_delay(first: Duration, longest: Duration, attempts: i64) -> Duration {
    let doublings = (attempts.max(1) - 1).min(16) as u32;
    let base = first.saturating_mul(1 << doublings).min(longest);
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
            let d = retry_delay(first, LONGEST_RETRY, attempts).as_secs_f64();
            assert!(
                (base as f64..=base as f64 * 1.5).contains(&d),
                "{attempts}: {d}"
            );
        }
    }

    #[test]
    fn a_shorter_longest_pause_caps_the_retries() {
        let d = retry_delay(Duration::from_secs(5), Duration::from_secs(60), 30);
        assert!((60.0..=90.0).contains(&d.as_secs_f64()), "{d:?}");
    }

    #[test]
    fn the_signature_is_the_standard_webhooks_one() {
        // Computed independently, with the specification's Python library
        // (standardwebhooks 1.3.0): Webhook("whsec_" + base64(b"k" * 32))
        //     .sign("evt_1", datetime.fromtimestamp(1700000000, timezone.utc), '{"a":1}')
        assert_eq!(
            signature(&[b'k'; 32], "evt_1", 1_700_000_000, r#"{"a":1}"#),
            "v1,xsrKrSc6Z9cAn/br4kO7TvhjtnkMIFoZTCPnw3cDwF4="
        );
    }
}
