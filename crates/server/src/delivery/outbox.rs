//! The outbox: events written in the import's own transaction, so an event exists
//! exactly when its customers do.

use customer_import_domain::validate::Customer;
use serde::Serialize;
use sqlx::AnyConnection;

use crate::{auth::unix_now, error::AppError};

/// Customers one event carries.
pub const EVENT_CUSTOMERS: usize = 1_000;

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
