//! The order a portal applies changes in (issue 25).
//!
//! Every customer created or updated (`customer_sequences`) or removed, every change to an
//! import batch and every webhook event takes a number from its organization's counter
//! (`organizations.last_sequence`), at the end of the transaction that makes the
//! change. Taking a number locks the counter's row until that transaction commits, so
//! numbers grow in the order changes commit: whoever sees number n sees every smaller
//! number that will ever exist. On PostgreSQL an id is given at insert but seen at
//! commit, so a long import may show a lower id after a short one's higher id was
//! read; a cursor on these numbers passes over nothing committed late, and needs no
//! wait. SQLite has one writer, and the same code holds there. Numbers have gaps.
//!
//! Lock order: a transaction takes its batch's row before the counter (the import's
//! count, the undo's claim), so two never wait for each other the other way round.

use sqlx::AnyConnection;

use crate::error::AppError;

/// Takes `count` numbers of the organization's counter, held until this transaction
/// ends; the first of them.
pub async fn reserve(
    conn: &mut AnyConnection,
    organization: i64,
    count: i64,
) -> Result<i64, AppError> {
    let last: i64 = sqlx::query_scalar(
        "UPDATE organizations SET last_sequence = last_sequence + $2 WHERE id = $1
         RETURNING last_sequence",
    )
    .bind(organization)
    .bind(count)
    .fetch_one(&mut *conn)
    .await?;
    Ok(last - count + 1)
}

/// Numbers the customers this transaction created (`ids`), in the order of their ids.
pub async fn number_created(
    conn: &mut AnyConnection,
    organization: i64,
    project: i64,
    ids: &[i64],
) -> Result<(), AppError> {
    let (Some(low), Some(high)) = (ids.iter().min(), ids.iter().max()) else {
        return Ok(());
    };
    // One number for every id in the range, in one statement: on PostgreSQL a
    // concurrent import's ids may lie between ours (its rows are invisible here, or
    // committed and numbered already: left as they are).
    let first = reserve(conn, organization, high - low + 1).await?;
    sqlx::query(
        "INSERT INTO customer_sequences (customer_id, project_id, seq)
         SELECT id, project_id, $1 + id - $3 FROM customers
         WHERE project_id = $2 AND id BETWEEN $3 AND $4
         ON CONFLICT DO NOTHING",
    )
    .bind(first)
    .bind(project)
    .bind(low)
    .bind(high)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Numbers a change of the batch (rows counted in, undone): a pull portal paging
/// batches sees it again.
pub async fn number_batch(
    conn: &mut AnyConnection,
    organization: i64,
    batch: i64,
) -> Result<(), AppError> {
    let number = reserve(conn, organization, 1).await?;
    sqlx::query("UPDATE import_batches SET seq = $1 WHERE id = $2")
        .bind(number)
        .bind(batch)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Numbers the customers this transaction changed (`ids`, each once), in the order of
/// their ids: each takes a new number in the customers feed, so a portal paging it
/// after its last number gets the customer again with its new values.
pub async fn number_updated(
    conn: &mut AnyConnection,
    organization: i64,
    ids: &[i64],
) -> Result<(), AppError> {
    if ids.is_empty() {
        return Ok(());
    }
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    let first = reserve(conn, organization, ids.len() as i64).await?;
    for (n, id) in ids.into_iter().enumerate() {
        sqlx::query("UPDATE customer_sequences SET seq = $1 WHERE customer_id = $2")
            .bind(first + n as i64)
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}
