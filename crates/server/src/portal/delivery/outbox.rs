//! The outbox: events written in the import's (or the undo's) own transaction, so an
//! event exists exactly when its customers do (or stop to, or change).

use customer_import_domain::{update::FieldChange, validate::Customer};
use serde::Serialize;
use sqlx::AnyConnection;

use crate::{basics::unix_now, db::json_text, error::AppError, portal::sequence};

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

/// One customer removed (an import undone) as the portal receives it.
#[derive(Debug, Clone, Serialize)]
pub struct Removed<'a> {
    pub id: i64,
    /// The row of the user's file it came from, when known.
    pub row: Option<u64>,
    /// The customer number it had, by which a portal may know it.
    pub external_id: Option<&'a str>,
}

#[derive(Serialize)]
struct RemovedPayload<'a> {
    project_id: i64,
    project_portal_id: Option<&'a str>,
    batch_id: i64,
    /// Why they were removed: `import_undone`.
    reason: &'static str,
    customers: &'a [Removed<'a>],
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
    let Some(portal_id) = hooked_project(conn, organization, project).await? else {
        return Ok(());
    };
    for customers in created.chunks(EVENT_CUSTOMERS) {
        let payload = json_text(&CreatedPayload {
            project_id: project,
            project_portal_id: portal_id.as_deref(),
            batch_id: batch,
            customers,
        })?;
        insert(conn, organization, "customers.created", payload).await?;
    }
    Ok(())
}

/// Writes the events of the customers `removed` by undoing import `batch`, in the
/// undo's transaction, when the organization has a webhook: `customers.removed`, one
/// per 1,000 customers.
pub async fn record_removed(
    conn: &mut AnyConnection,
    organization: i64,
    project: i64,
    batch: i64,
    removed: &[Removed<'_>],
) -> Result<(), AppError> {
    if removed.is_empty() {
        return Ok(());
    }
    let Some(portal_id) = hooked_project(conn, organization, project).await? else {
        return Ok(());
    };
    for customers in removed.chunks(EVENT_CUSTOMERS) {
        let payload = json_text(&RemovedPayload {
            project_id: project,
            project_portal_id: portal_id.as_deref(),
            batch_id: batch,
            reason: "import_undone",
            customers,
        })?;
        insert(conn, organization, "customers.removed", payload).await?;
    }
    Ok(())
}

/// One customer changed (an import updated it, or an undo put its values back) as
/// the portal receives it: every field that changed, old → new, and the version it is
/// at now.
#[derive(Debug, Clone, Serialize)]
pub struct Changed<'a> {
    pub id: i64,
    /// The row of the user's file that changed it (of the import undone, for an undo).
    pub row: u64,
    /// The customer number it has now, by which a portal may know it.
    pub external_id: Option<&'a str>,
    pub version: i64,
    pub changes: &'a [FieldChange],
}

/// Why customers changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UpdateReason {
    /// An import's row updated it.
    Import,
    /// Undoing an import put its previous values back.
    ImportUndone,
}

#[derive(Serialize)]
struct UpdatedPayload<'a> {
    project_id: i64,
    project_portal_id: Option<&'a str>,
    batch_id: i64,
    reason: UpdateReason,
    customers: &'a [Changed<'a>],
}

/// Writes the events of the customers `changed` in this transaction, when the
/// organization has a webhook: `customers.updated`, one per 1,000 customers.
pub async fn record_updated(
    conn: &mut AnyConnection,
    organization: i64,
    project: i64,
    batch: i64,
    reason: UpdateReason,
    changed: &[Changed<'_>],
) -> Result<(), AppError> {
    if changed.is_empty() {
        return Ok(());
    }
    let Some(portal_id) = hooked_project(conn, organization, project).await? else {
        return Ok(());
    };
    for customers in changed.chunks(EVENT_CUSTOMERS) {
        let payload = json_text(&UpdatedPayload {
            project_id: project,
            project_portal_id: portal_id.as_deref(),
            batch_id: batch,
            reason,
            customers,
        })?;
        insert(conn, organization, "customers.updated", payload).await?;
    }
    Ok(())
}

/// Whether the organization's portal hears of its customers by webhook.
pub async fn has_webhook(conn: &mut AnyConnection, organization: i64) -> Result<bool, AppError> {
    let hooked: Option<Option<String>> =
        sqlx::query_scalar("SELECT webhook_url FROM organizations WHERE id = $1")
            .bind(organization)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(matches!(hooked, Some(Some(_))))
}

/// `None` when the organization has no webhook; else the project's portal id (if any).
async fn hooked_project(
    conn: &mut AnyConnection,
    organization: i64,
    project: i64,
) -> Result<Option<Option<String>>, AppError> {
    if !has_webhook(conn, organization).await? {
        return Ok(None);
    }
    let portal_id: Option<String> =
        sqlx::query_scalar("SELECT external_id FROM projects WHERE id = $1")
            .bind(project)
            .fetch_one(&mut *conn)
            .await?;
    Ok(Some(portal_id))
}

async fn insert(
    conn: &mut AnyConnection,
    organization: i64,
    event_type: &str,
    payload: String,
) -> Result<(), AppError> {
    let now = unix_now();
    // Its place among the organization's changes: the portal applies events by it.
    let sequence = sequence::reserve(conn, organization, 1).await?;
    sqlx::query(
        "INSERT INTO outbox_events
             (organization_id, event_type, payload, created_at, next_attempt_at, seq)
         VALUES ($1, $2, $3, $4, $4, $5)",
    )
    .bind(organization)
    .bind(event_type)
    .bind(payload)
    .bind(now)
    .bind(sequence)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
