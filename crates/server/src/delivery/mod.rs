//! Every customer created reaches the portal: a transactional outbox and its
//! dispatcher.
//!
//! An import that creates customers writes one event per 1,000 of them in the same
//! transaction ([`record_created`]), so an event exists exactly when its customers do.
//! The [`Dispatcher`] claims due events (on PostgreSQL with `FOR UPDATE SKIP LOCKED`,
//! so several instances never claim the same one; a claim is a lease, so an instance
//! killed mid-delivery leaves the event to another, or to itself restarted, once the
//! lease ends: `--webhook-lease`), POSTs each to the organization's webhook signed with
//! HMAC-SHA256 over the timestamp and the body (`Customer-Import-Signature: t=…,v1=…`,
//! as Stripe does), and records every attempt. Organizations are served side by side,
//! so one whose receiver hangs or fails delays no other's events. A failure is retried
//! with exponential backoff and jitter; an event still undelivered a day after it was
//! made is dead, listed, and sent again on request. Delivery is at least once: the
//! portal drops repeats by the event id (`Customer-Import-Event-Id`). Undoing an
//! import writes `customers.removed` events the same way ([`record_removed`]).
mod dispatcher;
mod outbox;
mod url;

pub use dispatcher::{DEFAULT_LEASE, Dispatcher, GIVE_UP_AFTER, retry_delay, signature};
pub use outbox::{Delivered, EVENT_CUSTOMERS, Removed, record_created, record_removed};
pub use url::{UnsafeUrl, check_url};

use serde::Serialize;
use sqlx::Row;

use crate::{auth::unix_now, db::Db, error::AppError};

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
