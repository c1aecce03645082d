//! A project's import history, and undoing an import (issue 20).
//!
//! Every import is a batch (`import_batches`): who, when, the file's name (only its
//! name, sent by the client), its counts, and each chunk's stored answer
//! (`idempotency_keys.response`, linked to the batch) gives every row's verdict. The
//! history lists a project's batches newest first, paged by `?before=` (on
//! PostgreSQL a batch that commits after an older page was read appears on the next
//! reading of the first page: fine for people, who are not a portal catching up, see
//! [`crate::portal::pull`]). Access is the project's: an admin sees every project of the
//! organization, a member the projects they handle (the `ProjectAccess` layer).
//!
//! An import may be undone by an organization admin or by the user who made it, for
//! `--undo-days` after it was made, once. The undo is one transaction through
//! [`Db::write`]: it first claims the batch with a conditional UPDATE (a write, so
//! SQLite takes its write lock at once, and on PostgreSQL a concurrent undo waits for
//! the row and then finds it undone): a second undo, concurrent or not, is answered
//! `undo.already_undone` and removes nothing. Then the batch's customers still present
//! are recorded in `removed_customers` (the history says which rows were undone) and
//! deleted, and, when the organization has a webhook, a `customers.removed` event is
//! written in the same transaction. An import chunk writes its batch's row first too
//! (see `import::batch`), so no customer is ever added to an undone batch. No table
//! references customers, so deleting them needs nothing else; customers the import
//! updated get their previous values back first ([`restore`]), unless changed since; SQLite's customer ids
//! are AUTOINCREMENT since migration 0010, so a removed customer's id is never given
//! to another.

use std::collections::{HashMap, HashSet};

use customer_import_domain::wire::{
    ImportDetail, ImportPage, ImportResult, ImportSummary, NotRemoved, RemovalReason, RowOutcome,
    RowStatus, UndoResult, Verdict,
};
use sqlx::AnyConnection;

use crate::{
    basics::unix_now,
    db::{Backend, Db},
    error::AppError,
    identity::user::CurrentUser,
    imports::{batch_files, restore},
    portal::delivery::{self, Changed, Removed, UpdateReason},
    portal::sequence,
};

/// Days an import may be undone when `--undo-days` does not say.
pub const DEFAULT_UNDO_DAYS: u32 = 14;

/// Imports one page of the history holds.
pub const PAGE: i64 = 50;

/// SQL giving the unix seconds of the text timestamp `column` (written by
/// `CAST(CURRENT_TIMESTAMP AS TEXT)`, whose form differs between the databases).
fn epoch_sql(backend: Backend, column: &str) -> String {
    match backend {
        Backend::Sqlite => format!("CAST(strftime('%s', {column}) AS INTEGER)"),
        Backend::Postgres => {
            format!("CAST(EXTRACT(EPOCH FROM CAST({column} AS TIMESTAMPTZ)) AS BIGINT)")
        }
    }
}

fn summary_sql(db: &Db, filter: &str) -> String {
    format!(
        "SELECT b.id AS id, u.name AS user_name, u.email AS user_email,
                {created} AS created_at, b.file_name AS file_name, b.created AS created,
                b.rejected AS rejected, b.updated AS updated, b.unchanged AS unchanged,
                (SELECT COUNT(*) FROM customers c WHERE c.batch_id = b.id) AS present,
                b.removed AS removed, b.undone_at AS undone_at, ub.name AS undone_by,
                b.user_id AS made_by, b.file_rows AS file_rows, b.held_back AS held_back,
                b.left_out AS left_out
         FROM import_batches b
         JOIN users u ON u.id = b.user_id
         LEFT JOIN users ub ON ub.id = b.undone_by
         WHERE b.project_id = $1 AND {filter}",
        created = epoch_sql(db.backend, "b.created_at"),
    )
}

/// One batch as [`summary_sql`] reads it.
#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: i64,
    user_name: String,
    user_email: String,
    created_at: i64,
    file_name: Option<String>,
    created: i64,
    rejected: i64,
    updated: i64,
    unchanged: i64,
    present: i64,
    removed: i64,
    undone_at: Option<i64>,
    undone_by: Option<String>,
    made_by: i64,
    file_rows: Option<i64>,
    held_back: Option<i64>,
    left_out: Option<i64>,
}

fn summary(row: SummaryRow, user: &CurrentUser, undo_days: u32) -> ImportSummary {
    let undo_until = row.created_at + i64::from(undo_days) * 86_400;
    let can_undo = undo_days > 0
        && row.undone_at.is_none()
        && unix_now() <= undo_until
        && may_undo(user, row.made_by);
    ImportSummary {
        id: row.id,
        user_name: row.user_name,
        user_email: row.user_email,
        created_at: row.created_at,
        file_name: row.file_name,
        created: row.created,
        rejected: row.rejected,
        updated: row.updated,
        unchanged: row.unchanged,
        present: row.present,
        removed: row.removed,
        // Created, and neither here nor removed by the undo: deleted elsewhere.
        missing: (row.created - row.present - row.removed).max(0),
        file_rows: row.file_rows,
        held_back: row.held_back,
        left_out: row.left_out,
        undone_at: row.undone_at,
        undone_by: row.undone_by,
        undo_until,
        can_undo,
        files: Vec::new(),
    }
}

/// An organization admin may undo any import of a project they see; a member only
/// their own.
fn may_undo(user: &CurrentUser, made_by: i64) -> bool {
    user.is_admin() || user.id == made_by
}

/// The project's imports older than `before` (all when `None`), newest first.
pub async fn list(
    db: &Db,
    user: &CurrentUser,
    project: i64,
    before: Option<i64>,
    undo_days: u32,
) -> Result<ImportPage, AppError> {
    let sql = summary_sql(db, "b.id < $2") + " ORDER BY b.id DESC LIMIT $3";
    let rows: Vec<SummaryRow> = sqlx::query_as(&sql)
        .bind(project)
        .bind(before.unwrap_or(i64::MAX))
        .bind(PAGE)
        .fetch_all(&db.pool)
        .await?;
    let mut items: Vec<ImportSummary> = rows
        .into_iter()
        .map(|r| summary(r, user, undo_days))
        .collect();
    with_files(db, project, &mut items).await?;
    let next_before = items
        .last()
        .map(|i| i.id)
        .filter(|_| items.len() as i64 == PAGE);
    let portal_told =
        delivery::has_webhook(&mut *db.pool.acquire().await?, user.organization_id).await?;
    Ok(ImportPage {
        items,
        next_before,
        portal_told,
    })
}

/// Each import's files, when it had several: read for the page's batches at once.
async fn with_files(db: &Db, project: i64, items: &mut [ImportSummary]) -> Result<(), AppError> {
    let ids = items.iter().map(|i| i.id);
    let (Some(low), Some(high)) = (ids.clone().min(), ids.max()) else {
        return Ok(());
    };
    let mut files =
        batch_files::of_batches(&mut *db.pool.acquire().await?, project, low, high).await?;
    for item in items {
        item.files = files.remove(&item.id).unwrap_or_default();
    }
    Ok(())
}

/// Rows of chunks one page of an import's detail starts: a page holds the chunks that
/// start within this many rows of its `from`, so at most this many rows and one
/// chunk's ([`crate::imports::import::MAX_ROWS`], whose body the server took whole).
pub const DETAIL_ROWS: u64 = 2_000;

/// One chunk's stored answer.
#[derive(sqlx::FromRow)]
struct ChunkAnswer {
    response: String,
}

/// One import of the project and the outcome of the rows of its chunks that start at
/// `from` or in the [`DETAIL_ROWS`] after (the first page when `None`).
pub async fn detail(
    db: &Db,
    user: &CurrentUser,
    project: i64,
    batch: i64,
    from: Option<u64>,
    undo_days: u32,
) -> Result<ImportDetail, AppError> {
    let row: SummaryRow = sqlx::query_as(&summary_sql(db, "b.id = $2"))
        .bind(project)
        .bind(batch)
        .fetch_optional(&db.pool)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut import = summary(row, user, undo_days);
    with_files(db, project, std::slice::from_mut(&mut import)).await?;
    let from = i64::try_from(from.unwrap_or(0)).unwrap_or(i64::MAX);
    let until = from.saturating_add(DETAIL_ROWS as i64);
    let mut conn = db.pool.acquire().await?;
    let verdicts = page_verdicts(&mut conn, batch, from, until).await?;
    let next_from: Option<i64> = sqlx::query_scalar(
        "SELECT MIN(batch_offset) FROM idempotency_keys WHERE batch_id = $1 AND batch_offset >= $2",
    )
    .bind(batch)
    .bind(until)
    .fetch_one(&mut *conn)
    .await?;
    let (present, undone) = whereabouts(&mut conn, batch, &verdicts).await?;
    let rows = verdicts
        .into_iter()
        .map(|v| outcome(v, &present, &undone))
        .collect();
    Ok(ImportDetail {
        import,
        rows,
        next_from: next_from.map(|n| n as u64),
    })
}

/// The verdicts of the batch's chunks that start in `from..until`, by row number;
/// chunks stored before their start was (migration 0013) come on the first page.
async fn page_verdicts(
    conn: &mut AnyConnection,
    batch: i64,
    from: i64,
    until: i64,
) -> Result<Vec<Verdict>, AppError> {
    let answers: Vec<ChunkAnswer> = sqlx::query_as(
        "SELECT response FROM idempotency_keys
         WHERE batch_id = $1 AND response IS NOT NULL
           AND ((batch_offset >= $2 AND batch_offset < $3) OR (batch_offset IS NULL AND $2 = 0))",
    )
    .bind(batch)
    .bind(from)
    .bind(until)
    .fetch_all(&mut *conn)
    .await?;
    decoded(batch, answers.into_iter().map(|a| a.response))
}

/// Which of the page's customers are still here, and which its undo removed: looked
/// up among the page's ids only, so the work follows the page, not the batch.
async fn whereabouts(
    conn: &mut AnyConnection,
    batch: i64,
    verdicts: &[Verdict],
) -> Result<(HashSet<i64>, HashSet<i64>), AppError> {
    let ids = verdicts.iter().filter_map(|v| match v {
        Verdict::Created { customer_id, .. } => Some(*customer_id),
        _ => None,
    });
    let (Some(low), Some(high)) = (ids.clone().min(), ids.max()) else {
        return Ok(Default::default());
    };
    let present = sqlx::query_scalar::<_, i64>(
        "SELECT id FROM customers WHERE batch_id = $1 AND id BETWEEN $2 AND $3",
    )
    .bind(batch)
    .bind(low)
    .bind(high)
    .fetch_all(&mut *conn)
    .await?;
    let undone = sqlx::query_scalar::<_, i64>(
        "SELECT customer_id FROM removed_customers
         WHERE batch_id = $1 AND customer_id BETWEEN $2 AND $3",
    )
    .bind(batch)
    .bind(low)
    .bind(high)
    .fetch_all(&mut *conn)
    .await?;
    Ok((present.into_iter().collect(), undone.into_iter().collect()))
}

/// What the history says of a row with verdict `v`.
fn outcome(v: Verdict, present: &HashSet<i64>, undone: &HashSet<i64>) -> RowOutcome {
    let row = v.row();
    let (status, customer_id, errors, changes) = match v {
        Verdict::Created { customer_id, .. } => (
            RowStatus::Created,
            Some(customer_id),
            Vec::new(),
            Vec::new(),
        ),
        Verdict::Rejected { errors, .. } => (RowStatus::Rejected, None, errors, Vec::new()),
        Verdict::Updated {
            customer_id,
            changes,
            ..
        } => (RowStatus::Updated, Some(customer_id), Vec::new(), changes),
        Verdict::Unchanged { customer_id, .. } => (
            RowStatus::Unchanged,
            Some(customer_id),
            Vec::new(),
            Vec::new(),
        ),
        Verdict::ChangedSince { .. } => (RowStatus::ChangedSince, None, Vec::new(), Vec::new()),
    };
    RowOutcome {
        row,
        customer_id,
        errors,
        // Only a customer the import created is removed by its undo.
        removed: match status {
            RowStatus::Created => customer_id.and_then(|id| removal(id, present, undone)),
            _ => None,
        },
        status,
        changes,
    }
}

fn removal(id: i64, present: &HashSet<i64>, undone: &HashSet<i64>) -> Option<RemovalReason> {
    if present.contains(&id) {
        None
    } else if undone.contains(&id) {
        Some(RemovalReason::Undone)
    } else {
        Some(RemovalReason::Missing)
    }
}

/// Every row's verdict of the batch, by row number, from its chunks' stored answers.
async fn verdicts(conn: &mut AnyConnection, batch: i64) -> Result<Vec<Verdict>, AppError> {
    let answers: Vec<String> = sqlx::query_scalar(
        "SELECT response FROM idempotency_keys WHERE batch_id = $1 AND response IS NOT NULL",
    )
    .bind(batch)
    .fetch_all(&mut *conn)
    .await?;
    decoded(batch, answers.into_iter())
}

/// The verdicts of stored chunk answers, by row number.
fn decoded(batch: i64, answers: impl Iterator<Item = String>) -> Result<Vec<Verdict>, AppError> {
    let mut verdicts = Vec::new();
    for answer in answers {
        let result: ImportResult = serde_json::from_str(&answer)
            .map_err(|e| AppError::Corrupt(format!("batch {batch}'s stored answer: {e}")))?;
        verdicts.extend(result.verdicts);
    }
    verdicts.sort_by_key(Verdict::row);
    Ok(verdicts)
}

/// What one attempt of the undo's transaction works from.
struct Undo<'a> {
    user: &'a CurrentUser,
    project: i64,
    batch: i64,
    undo_days: u32,
    backend: Backend,
}

/// Removes the customers the import created, once, if the caller may.
pub async fn undo(
    db: &Db,
    user: &CurrentUser,
    project: i64,
    batch: i64,
    undo_days: u32,
) -> Result<UndoResult, AppError> {
    // `--undo-days 0`: the operator turned undo off.
    if undo_days == 0 {
        return Err(AppError::Refused("undo.disabled"));
    }
    let input = Undo {
        user,
        project,
        batch,
        undo_days,
        backend: db.backend,
    };
    db.write(&input, |conn, input| Box::pin(undo_in(conn, input)))
        .await
}

async fn undo_in(conn: &mut AnyConnection, input: &Undo<'_>) -> Result<UndoResult, AppError> {
    let Undo {
        user,
        project,
        batch,
        undo_days,
        backend,
    } = *input;
    let now = unix_now();
    let oldest = now - i64::from(undo_days) * 86_400;
    let created = epoch_sql(backend, "created_at");
    // The claim: every condition in one conditional write, so that of two undos only
    // one can pass, whatever the database.
    let claimed = sqlx::query(&format!(
        "UPDATE import_batches SET undone_at = $1, undone_by = $2
         WHERE id = $3 AND project_id = $4 AND undone_at IS NULL
           AND ($5 OR user_id = $2) AND {created} >= $6"
    ))
    .bind(now)
    .bind(user.id)
    .bind(batch)
    .bind(project)
    .bind(user.is_admin())
    .bind(oldest)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if claimed == 0 {
        return Err(refusal(conn, input, &created, oldest).await?);
    }
    let organization = user.organization_id;
    // What the import updated gets its previous values back first (the customers it
    // created, which go next, are skipped), each numbered anew and told as updated.
    let (restored, not_restored) = restore::restore(conn, project, batch).await?;
    let restored_ids: Vec<i64> = restored.iter().map(|r| r.id).collect();
    sequence::number_updated(conn, organization, &restored_ids).await?;
    let changed: Vec<Changed> = restored
        .iter()
        .map(|r| Changed {
            id: r.id,
            row: r.row,
            external_id: r.external_id.as_deref(),
            version: r.version,
            changes: &r.changes,
        })
        .collect();
    delivery::record_updated(
        conn,
        organization,
        project,
        batch,
        UpdateReason::ImportUndone,
        &changed,
    )
    .await?;
    // Numbered after the claim took the batch's row (the lock order of `sequence`):
    // each removal after the creation it undoes, then the batch's change.
    let present: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM customers WHERE batch_id = $1 AND project_id = $2",
    )
    .bind(batch)
    .bind(project)
    .fetch_one(&mut *conn)
    .await?;
    let first = sequence::reserve(conn, organization, present + 1).await?;
    sqlx::query(
        "INSERT INTO removed_customers
             (customer_id, project_id, batch_id, external_id, reason, removed_at, removed_by, seq)
         SELECT id, project_id, batch_id, external_id, 'undone', $3, $4,
                $5 + ROW_NUMBER() OVER (ORDER BY id) - 1
         FROM customers WHERE batch_id = $1 AND project_id = $2",
    )
    .bind(batch)
    .bind(project)
    .bind(now)
    .bind(user.id)
    .bind(first)
    .execute(&mut *conn)
    .await?;
    // The customers' numbers go with them: the removals feed numbers them anew.
    sqlx::query(
        "DELETE FROM customer_sequences WHERE customer_id IN
             (SELECT id FROM customers WHERE batch_id = $1 AND project_id = $2)",
    )
    .bind(batch)
    .bind(project)
    .execute(&mut *conn)
    .await?;
    let mut removed: Vec<(i64, Option<String>)> = sqlx::query_as(
        "DELETE FROM customers WHERE batch_id = $1 AND project_id = $2
         RETURNING id, external_id",
    )
    .bind(batch)
    .bind(project)
    .fetch_all(&mut *conn)
    .await?;
    removed.sort_unstable();
    sqlx::query("UPDATE import_batches SET removed = $1, seq = $3, restored = $4 WHERE id = $2")
        .bind(removed.len() as i64)
        .bind(batch)
        .bind(first + present)
        .bind(restored_ids.len() as i64)
        .execute(&mut *conn)
        .await?;
    let removed_ids: HashSet<i64> = removed.iter().map(|(id, _)| *id).collect();
    let rows: HashMap<i64, u64> = verdicts(conn, batch)
        .await?
        .into_iter()
        .filter_map(|v| match v {
            Verdict::Created { row, customer_id } => Some((customer_id, row)),
            _ => None,
        })
        .collect();
    let mut already_removed: Vec<NotRemoved> = rows
        .iter()
        .filter(|(id, _)| !removed_ids.contains(id))
        .map(|(id, row)| NotRemoved {
            row: *row,
            customer_id: *id,
            reason: RemovalReason::Missing,
        })
        .collect();
    already_removed.sort_by_key(|n| n.row);
    let announced: Vec<Removed> = removed
        .iter()
        .map(|(id, external_id)| Removed {
            id: *id,
            row: rows.get(id).copied(),
            external_id: external_id.as_deref(),
        })
        .collect();
    delivery::record_removed(conn, organization, project, batch, &announced).await?;
    Ok(UndoResult {
        batch_id: batch,
        removed: removed.len() as i64,
        removed_ids: removed.into_iter().map(|(id, _)| id).collect(),
        already_removed,
        restored: restored_ids.len() as i64,
        restored_ids,
        not_restored,
        undone_at: now,
        undone_by: user.name.clone(),
    })
}

/// Why the claim did not pass: no such import in the project, not the caller's to
/// undo, undone already, or too old (in that order).
async fn refusal(
    conn: &mut AnyConnection,
    input: &Undo<'_>,
    created: &str,
    oldest: i64,
) -> Result<AppError, AppError> {
    let row: Option<(i64, Option<i64>, i64)> = sqlx::query_as(&format!(
        "SELECT user_id, undone_at, {created} FROM import_batches WHERE id = $1 AND project_id = $2"
    ))
    .bind(input.batch)
    .bind(input.project)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((made_by, undone_at, created_at)) = row else {
        return Ok(AppError::NotFound);
    };
    Ok(if !may_undo(input.user, made_by) {
        AppError::Refused("undo.not_allowed")
    } else if undone_at.is_some() {
        AppError::Conflict("undo.already_undone")
    } else if created_at < oldest {
        AppError::Conflict("undo.too_old")
    } else {
        // Only a concurrent change can get here; the next attempt decides.
        AppError::Conflict("undo.already_undone")
    })
}

/// What became of one import batch: who ran it, when, the counts, and the verdict of
/// every row of its chunks by row number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchOutcome {
    pub user_id: i64,
    pub created_at: String,
    pub created: i64,
    pub rejected: i64,
    pub verdicts: Vec<Verdict>,
}

pub async fn batch_outcome(db: &Db, batch: i64) -> Result<Option<BatchOutcome>, AppError> {
    let Some(batch_row) = sqlx::query_as::<_, BatchRow>(
        "SELECT user_id, created_at, created, rejected FROM import_batches WHERE id = $1",
    )
    .bind(batch)
    .fetch_optional(&db.pool)
    .await?
    else {
        return Ok(None);
    };
    let answers: Vec<String> = sqlx::query_scalar(
        "SELECT response FROM idempotency_keys
         WHERE batch_id = $1 AND response IS NOT NULL",
    )
    .bind(batch)
    .fetch_all(&db.pool)
    .await?;
    let mut verdicts = Vec::new();
    for answer in answers {
        let result: ImportResult = serde_json::from_str(&answer)
            .map_err(|e| AppError::Database(sqlx::Error::Decode(e.into())))?;
        verdicts.extend(result.verdicts);
    }
    verdicts.sort_by_key(Verdict::row);
    Ok(Some(BatchOutcome {
        user_id: batch_row.user_id,
        created_at: batch_row.created_at,
        created: batch_row.created,
        rejected: batch_row.rejected,
        verdicts,
    }))
}

/// A batch's counts as stored.
#[derive(sqlx::FromRow)]
struct BatchRow {
    user_id: i64,
    created_at: String,
    created: i64,
    rejected: i64,
}
