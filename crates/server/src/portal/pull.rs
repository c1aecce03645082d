//! For portals that prefer to pull: a project's customers, removals and import
//! batches as JSON pages in the order they were committed, each item with its
//! `sequence` and each full page naming the cursor of the next (`?after=`), so a portal
//! can catch up from where it stopped without missing or repeating anything.
//!
//! The order is the organization's change numbers ([`crate::portal::sequence`]), taken at the
//! end of each transaction and held until it commits: a number seen means every
//! smaller one that will ever exist is seen too. So a page hands out every committed
//! row at once, on PostgreSQL as on SQLite, and a long import still open is never
//! passed over: its rows are numbered when it commits, after everything seen before.
//! A customer updated (by an import, or by an undo putting its values back) takes a
//! new number and comes again in the customers feed with its values and version.
//! A customer removed by an undo leaves the customers feed and appears in the removals
//! feed with a number after its creation's; a batch appears again in the batches feed
//! whenever it changes (rows counted in, undone).

use std::collections::BTreeMap;

use customer_import_domain::schema::custom_values;
use serde::{Deserialize, Serialize};

use crate::{db::Db, error::AppError};

/// Rows one page holds.
pub const PAGE: i64 = 500;

/// One customer as stored, with its references by the names the import uses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct StoredCustomer {
    pub id: i64,
    /// Its place in the organization's changes: ask for `?after=` the last one you have.
    pub sequence: i64,
    pub batch_id: Option<i64>,
    pub created_at: String,
    /// Grows by one with every change (an import's update, an undo's restoration): a
    /// customer updated comes again in this feed, at a new `sequence`.
    pub version: i64,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub birth_date: Option<String>,
    pub address: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub country: Option<String>,
    pub unit: Option<String>,
    pub company_name: Option<String>,
    pub business_id: Option<String>,
    pub company_type: Option<String>,
    pub customer_group: Option<String>,
    pub account_manager: Option<String>,
    pub external_id: Option<String>,
    pub notes: Option<String>,
    /// The values of the project's own fields, by the name the portal declared
    /// (`parking`), as the webhook's `custom` has them.
    #[sqlx(try_from = "String")]
    pub custom: CustomValues,
}

/// The stored JSON object of a customer's own fields' values, read back as an object
/// keyed by the fields' declared names (stored by field key, `custom.parking`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(transparent)]
pub struct CustomValues(pub BTreeMap<String, String>);

impl TryFrom<String> for CustomValues {
    type Error = serde_json::Error;

    fn try_from(stored: String) -> Result<CustomValues, serde_json::Error> {
        let by_key: BTreeMap<String, String> = serde_json::from_str(&stored)?;
        Ok(CustomValues(
            by_key
                .into_iter()
                .map(|(k, v)| (custom_values::name(&k).to_owned(), v))
                .collect(),
        ))
    }
}

/// One import batch: who, when, its counts, and whether it was undone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct StoredBatch {
    pub id: i64,
    /// The place of its latest change (rows counted in, undone) in the organization's
    /// changes: a batch is listed again after every change.
    pub sequence: i64,
    pub created_at: String,
    pub user_email: String,
    pub created: i64,
    pub rejected: i64,
    /// When it was undone (unix seconds), if it was: its customers are removed.
    pub undone_at: Option<i64>,
    /// How many of its customers the undo removed.
    pub removed: i64,
}

/// One customer removed (an import undone): a portal deletes its copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct StoredRemoval {
    /// After the `sequence` of the customer's creation.
    pub sequence: i64,
    pub customer_id: i64,
    pub batch_id: Option<i64>,
    /// The customer number it had.
    pub external_id: Option<String>,
    /// Why: `import_undone`.
    pub reason: String,
    /// When (unix seconds).
    pub removed_at: i64,
}

/// A page of customers and the cursor of the next one (`None`: this was the last).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CustomerPage {
    pub items: Vec<StoredCustomer>,
    pub next_after: Option<i64>,
}

/// A page of import batches and the cursor of the next one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct BatchPage {
    pub items: Vec<StoredBatch>,
    pub next_after: Option<i64>,
}

/// A page of removed customers and the cursor of the next one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct RemovalPage {
    pub items: Vec<StoredRemoval>,
    pub next_after: Option<i64>,
}

/// The cursor after a page: the last item's sequence when the page is full. A page
/// cut short was the end for now; the portal asks again later from its last item.
fn next_after<T>(items: &[T], sequence: impl Fn(&T) -> i64) -> Option<i64> {
    items
        .last()
        .map(sequence)
        .filter(|_| items.len() as i64 == PAGE)
}

pub async fn customers(db: &Db, project: i64, after: i64) -> Result<CustomerPage, AppError> {
    let items: Vec<StoredCustomer> = sqlx::query_as(
        "SELECT c.id, s.seq AS sequence, c.batch_id, c.created_at, c.version, c.name, c.email, c.phone,
                c.birth_date, c.address, c.postal_code, c.city, c.country, u.code AS unit,
                c.company_name, c.business_id, t.key AS company_type,
                g.name AS customer_group, m.email AS account_manager, c.external_id, c.notes,
                COALESCE(c.custom_fields, '{}') AS custom
         FROM customer_sequences s
         JOIN customers c ON c.id = s.customer_id
         LEFT JOIN units u ON u.id = c.unit_id
         LEFT JOIN company_types t ON t.id = c.company_type_id
         LEFT JOIN customer_groups g ON g.id = c.customer_group_id
         LEFT JOIN users m ON m.id = c.account_manager_id
         WHERE s.project_id = $1 AND s.seq > $2
         ORDER BY s.seq LIMIT $3",
    )
    .bind(project)
    .bind(after)
    .bind(PAGE)
    .fetch_all(&db.pool)
    .await?;
    let next_after = next_after(&items, |c| c.sequence);
    Ok(CustomerPage { items, next_after })
}

pub async fn batches(db: &Db, project: i64, after: i64) -> Result<BatchPage, AppError> {
    let items: Vec<StoredBatch> = sqlx::query_as(
        "SELECT b.id, b.seq AS sequence, b.created_at, u.email AS user_email, b.created,
                b.rejected, b.undone_at, b.removed
         FROM import_batches b JOIN users u ON u.id = b.user_id
         WHERE b.project_id = $1 AND b.seq > $2
         ORDER BY b.seq LIMIT $3",
    )
    .bind(project)
    .bind(after)
    .bind(PAGE)
    .fetch_all(&db.pool)
    .await?;
    let next_after = next_after(&items, |b| b.sequence);
    Ok(BatchPage { items, next_after })
}

pub async fn removals(db: &Db, project: i64, after: i64) -> Result<RemovalPage, AppError> {
    let items: Vec<StoredRemoval> = sqlx::query_as(
        "SELECT seq AS sequence, customer_id, batch_id, external_id,
                CASE reason WHEN 'undone' THEN 'import_undone' ELSE reason END AS reason,
                removed_at
         FROM removed_customers
         WHERE project_id = $1 AND seq > $2
         ORDER BY seq LIMIT $3",
    )
    .bind(project)
    .bind(after)
    .bind(PAGE)
    .fetch_all(&db.pool)
    .await?;
    let next_after = next_after(&items, |r| r.sequence);
    Ok(RemovalPage { items, next_after })
}

/// The project of the organization with that portal id.
pub async fn project(db: &Db, organization: i64, portal_id: &str) -> Result<i64, AppError> {
    let mut conn = db.pool.acquire().await?;
    crate::identity::access::project_by_portal_id(&mut conn, organization, portal_id)
        .await?
        .ok_or(AppError::NotFound)
}
