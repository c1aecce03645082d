//! Every customer created reaches the portal: a transactional outbox and its
//! dispatcher.
//!
//! An import that creates customers writes one event per 1,000 of them in the same
//! transaction ([`record_created`]), so an event exists exactly when its customers do.
//! The [`Dispatcher`] claims due events (on PostgreSQL with `FOR UPDATE SKIP LOCKED`,
//! so several instances never claim the same one; a claim is a lease, so an instance
//! killed mid-delivery leaves the event to another, or to itself restarted, once the
//! lease ends: `--webhook-lease`), POSTs each to the organization's webhook signed per
//! the Standard Webhooks specification (`webhook-id`, `webhook-timestamp`,
//! `webhook-signature: v1,<base64 HMAC-SHA256>`, the secret `whsec_…`: a vendor-neutral
//! scheme every common language has a maintained library for), and records every
//! attempt. Organizations are served side by side,
//! so one whose receiver hangs or fails delays no other's events. A failure is retried
//! with exponential backoff and jitter (`--webhook-retry-*`); an event still undelivered
//! a day after it was made is dead, listed, and sent again on request (with the time it
//! was made). Delivery is at least once: the portal drops repeats by the event id
//! (`webhook-id`). Undoing an import writes `customers.removed` events
//! the same way ([`record_removed`]); an import that updates customers, and an undo
//! that puts their values back, writes `customers.updated` ([`record_updated`]). Events of one organization may arrive out of
//! order (a retry waits while later events go out), so each carries its `sequence`
//! ([`crate::portal::sequence`]): the portal applies an event to a customer only if it is newer
//! than what it applied to that customer, so a removal wins over an older creation.
mod dispatcher;
mod outbox;
mod secret;
mod url;

pub use dispatcher::{
    DEFAULT_LEASE, Dispatcher, FIRST_RETRY, GIVE_UP_AFTER, LONGEST_RETRY, retry_delay, signature,
};
pub use outbox::{
    Changed, Delivered, EVENT_CUSTOMERS, Removed, UpdateReason, has_webhook, record_created,
    record_removed, record_updated,
};
pub use secret::{check as check_secret, key as secret_key};
pub use url::{UnsafeUrl, check_url};

use serde::Serialize;

use crate::{basics::unix_now, db::Db, error::AppError};

/// One event as the delivery API lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct EventStatus {
    pub id: String,
    pub event_type: String,
    /// When the event was made (unix seconds); a redelivery keeps it.
    pub created_at: i64,
    /// Its place among the organization's changes, in the order they committed: a
    /// portal applies an event to a customer only if it is newer than what it
    /// applied to that customer before.
    pub sequence: i64,
    pub attempts: i64,
    /// `pending`, `delivered`, or `dead` (given up on; redeliver to try again).
    pub state: String,
    pub last_error: Option<String>,
}

/// An event's row as [`list`] reads it.
#[derive(sqlx::FromRow)]
struct EventRow {
    id: i64,
    event_type: String,
    created_at: i64,
    seq: i64,
    attempts: i64,
    delivered_at: Option<i64>,
    dead_at: Option<i64>,
    last_error: Option<String>,
}

impl From<EventRow> for EventStatus {
    fn from(r: EventRow) -> EventStatus {
        let state = match (r.delivered_at, r.dead_at) {
            (Some(_), _) => "delivered",
            (None, Some(_)) => "dead",
            (None, None) => "pending",
        };
        EventStatus {
            id: format!("evt_{}", r.id),
            event_type: r.event_type,
            created_at: r.created_at,
            sequence: r.seq,
            attempts: r.attempts,
            state: state.to_owned(),
            last_error: r.last_error,
        }
    }
}

/// The organization's events after event `after`, oldest first, at most `limit`.
pub async fn list(
    db: &Db,
    organization: i64,
    after: i64,
    limit: i64,
) -> Result<Vec<EventStatus>, AppError> {
    let rows: Vec<EventRow> = sqlx::query_as(
        "SELECT id, event_type, created_at, seq, attempts, delivered_at, dead_at, last_error
         FROM outbox_events WHERE organization_id = $1 AND id > $2 ORDER BY id LIMIT $3",
    )
    .bind(organization)
    .bind(after)
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.into_iter().map(EventStatus::from).collect())
}

/// Sends the event again now, whatever became of it, with the time it was made and
/// another day of retries; `false` when it is not the organization's.
pub async fn redeliver(db: &Db, organization: i64, event: i64) -> Result<bool, AppError> {
    Ok(sqlx::query(
        "UPDATE outbox_events SET delivered_at = NULL, dead_at = NULL, claimed_until = NULL,
             next_attempt_at = $3, retries_from = $3
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
