//! For portals that prefer to pull: a project's customers and import batches as JSON
//! pages in creation order, each page naming the cursor of the next (`?after=`), so a
//! portal can catch up from where it stopped without missing or repeating anyone.
//!
//! On PostgreSQL an id is given out when a row is inserted but seen when its
//! transaction commits, so a long import may commit id 100 after a short one's 101
//! was read: a cursor at 101 would pass over 100 for good. A page therefore ends
//! before the first row younger than [`SETTLED`]: every request (and so every import
//! transaction) is cut off after 60 s, so by then whatever took a lower id has
//! committed or rolled back. SQLite has one writer at a time, so its ids are seen in
//! order and nothing waits.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{
    db::{Backend, Db},
    error::AppError,
};

/// Rows one page holds.
pub const PAGE: i64 = 500;

/// How old a row must be before a page may hand it out on PostgreSQL: over twice the
/// longest a request may run (its 60 s timeout, transaction included).
pub const SETTLED: &str = "3 minutes";

/// One customer as stored, with its references by the names the import uses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct StoredCustomer {
    pub id: i64,
    pub batch_id: Option<i64>,
    pub created_at: String,
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
    /// The values of the project's own fields, by key (`custom.parking`), as the
    /// webhook's `custom` has them.
    #[sqlx(try_from = "String")]
    pub custom: CustomValues,
}

/// The stored JSON object of a customer's own fields' values, read back as an object.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(transparent)]
pub struct CustomValues(pub BTreeMap<String, String>);

impl TryFrom<String> for CustomValues {
    type Error = serde_json::Error;

    fn try_from(stored: String) -> Result<CustomValues, serde_json::Error> {
        serde_json::from_str(&stored).map(CustomValues)
    }
}

/// One import batch: who, when, and its counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct StoredBatch {
    pub id: i64,
    pub created_at: String,
    pub user_email: String,
    pub created: i64,
    pub rejected: i64,
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

/// A row and whether it is old enough to hand out (1) or not yet (0).
#[derive(sqlx::FromRow)]
struct Aged<T> {
    #[sqlx(flatten)]
    row: T,
    settled: i64,
}

/// The rows up to the first one not settled yet, and the cursor after them: the last
/// id of a full page. A page cut short (the end, or rows not settled yet) has none,
/// and the portal asks again later from its last id.
fn page<T>(rows: Vec<Aged<T>>, id: impl Fn(&T) -> i64) -> (Vec<T>, Option<i64>) {
    let full = rows.len() as i64 == PAGE && rows.iter().all(|r| r.settled == 1);
    let items: Vec<T> = rows
        .into_iter()
        .take_while(|r| r.settled == 1)
        .map(|r| r.row)
        .collect();
    let next = items.last().map(&id).filter(|_| full);
    (items, next)
}

/// SQL saying whether the row made at `created_at` is settled (see the module doc).
fn settled_sql(db: &Db, created_at: &str) -> String {
    match db.backend {
        Backend::Postgres => format!(
            "CASE WHEN CAST({created_at} AS TIMESTAMPTZ) < now() - INTERVAL '{SETTLED}' \
             THEN 1 ELSE 0 END"
        ),
        Backend::Sqlite => "1".to_owned(),
    }
}

pub async fn customers(db: &Db, project: i64, after: i64) -> Result<CustomerPage, AppError> {
    let sql = format!(
        "SELECT c.id, c.batch_id, c.created_at, c.name, c.email, c.phone, c.birth_date,
                c.address, c.postal_code, c.city, c.country, u.code AS unit, c.company_name,
                c.business_id, t.key AS company_type, g.name AS customer_group,
                m.email AS account_manager, c.external_id, c.notes,
                COALESCE(c.custom_fields, '{{}}') AS custom,
                {} AS settled
         FROM customers c
         LEFT JOIN units u ON u.id = c.unit_id
         LEFT JOIN company_types t ON t.id = c.company_type_id
         LEFT JOIN customer_groups g ON g.id = c.customer_group_id
         LEFT JOIN users m ON m.id = c.account_manager_id
         WHERE c.project_id = $1 AND c.id > $2
         ORDER BY c.id LIMIT $3",
        settled_sql(db, "c.created_at")
    );
    let rows: Vec<Aged<StoredCustomer>> = sqlx::query_as(&sql)
        .bind(project)
        .bind(after)
        .bind(PAGE)
        .fetch_all(&db.pool)
        .await?;
    let (items, next_after) = page(rows, |c| c.id);
    Ok(CustomerPage { items, next_after })
}

pub async fn batches(db: &Db, project: i64, after: i64) -> Result<BatchPage, AppError> {
    let sql = format!(
        "SELECT b.id, b.created_at, u.email AS user_email, b.created, b.rejected,
                {} AS settled
         FROM import_batches b JOIN users u ON u.id = b.user_id
         WHERE b.project_id = $1 AND b.id > $2
         ORDER BY b.id LIMIT $3",
        settled_sql(db, "b.created_at")
    );
    let rows: Vec<Aged<StoredBatch>> = sqlx::query_as(&sql)
        .bind(project)
        .bind(after)
        .bind(PAGE)
        .fetch_all(&db.pool)
        .await?;
    let (items, next_after) = page(rows, |b| b.id);
    Ok(BatchPage { items, next_after })
}

/// The project of the organization with that portal id.
pub async fn project(db: &Db, organization: i64, portal_id: &str) -> Result<i64, AppError> {
    let mut conn = db.pool.acquire().await?;
    crate::provisioning::project_by_portal_id(&mut conn, organization, portal_id)
        .await?
        .ok_or(AppError::NotFound)
}
