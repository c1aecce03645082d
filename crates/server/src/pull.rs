//! For portals that prefer to pull: a project's customers and import batches as JSON
//! pages in creation order, each page naming the cursor of the next (`?after=`), so a
//! portal can catch up from where it stopped without missing or repeating anyone.

use serde::{Deserialize, Serialize};

use crate::{db::Db, error::AppError};

/// Rows one page holds.
pub const PAGE: i64 = 500;

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
    /// Custom fields as a JSON object of text values.
    pub custom_fields: Option<String>,
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

/// The cursor after `items`: the last id of a full page.
fn next_after(ids: impl DoubleEndedIterator<Item = i64> + ExactSizeIterator) -> Option<i64> {
    let full = ids.len() as i64 == PAGE;
    ids.last().filter(|_| full)
}

pub async fn customers(db: &Db, project: i64, after: i64) -> Result<CustomerPage, AppError> {
    let items: Vec<StoredCustomer> = sqlx::query_as(
        "SELECT c.id, c.batch_id, c.created_at, c.name, c.email, c.phone, c.birth_date,
                c.address, c.postal_code, c.city, c.country, u.code AS unit, c.company_name,
                c.business_id, t.key AS company_type, g.name AS customer_group,
                m.email AS account_manager, c.external_id, c.notes, c.custom_fields
         FROM customers c
         LEFT JOIN units u ON u.id = c.unit_id
         LEFT JOIN company_types t ON t.id = c.company_type_id
         LEFT JOIN customer_groups g ON g.id = c.customer_group_id
         LEFT JOIN users m ON m.id = c.account_manager_id
         WHERE c.project_id = $1 AND c.id > $2
         ORDER BY c.id LIMIT $3",
    )
    .bind(project)
    .bind(after)
    .bind(PAGE)
    .fetch_all(&db.pool)
    .await?;
    Ok(CustomerPage {
        next_after: next_after(items.iter().map(|c| c.id)),
        items,
    })
}

pub async fn batches(db: &Db, project: i64, after: i64) -> Result<BatchPage, AppError> {
    let items: Vec<StoredBatch> = sqlx::query_as(
        "SELECT b.id, b.created_at, u.email AS user_email, b.created, b.rejected
         FROM import_batches b JOIN users u ON u.id = b.user_id
         WHERE b.project_id = $1 AND b.id > $2
         ORDER BY b.id LIMIT $3",
    )
    .bind(project)
    .bind(after)
    .bind(PAGE)
    .fetch_all(&db.pool)
    .await?;
    Ok(BatchPage {
        next_after: next_after(items.iter().map(|b| b.id)),
        items,
    })
}

/// The project of the organization with that portal id.
pub async fn project(db: &Db, organization: i64, portal_id: &str) -> Result<i64, AppError> {
    let mut conn = db.pool.acquire().await?;
    crate::provisioning::project_by_portal_id(&mut conn, organization, portal_id)
        .await?
        .ok_or(AppError::NotFound)
}
