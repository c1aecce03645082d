//! Undoing what an import updated (issue 28): each customer it updated gets back the
//! columns it had before the import's first update of it, unless it changed again
//! since the import's last update of it (its version moved on: another import, or a
//! chunk of this one's undo raced): then it is left as it is and reported, never
//! overwritten. Runs inside the undo's transaction ([`crate::imports::history`]),
//! before the import's created customers are removed; those it skips, since they go.

use std::collections::BTreeMap;

use customer_import_domain::{update::FieldChange, wire::NotRestored};
use sqlx::AnyConnection;

use crate::{
    error::AppError,
    imports::{
        stored::{self, Column, Target},
        update,
    },
};

/// One update the import made, as `customer_updates` keeps it.
#[derive(sqlx::FromRow)]
struct UpdateRow {
    customer_id: i64,
    source_row: i64,
    changes: String,
    previous: String,
    version: i64,
}

/// What the import did to one customer, over all its updates of it.
struct Done {
    row: u64,
    /// The columns as they were before the first update.
    previous: BTreeMap<String, Option<Column>>,
    /// Field → (value before the first update, value after the last).
    fields: BTreeMap<String, (Option<String>, Option<String>)>,
    /// The version the last update left.
    version: i64,
}

/// A customer given its previous values back, for its event and its change number.
pub struct Restored {
    pub id: i64,
    pub row: u64,
    pub external_id: Option<String>,
    pub version: i64,
    /// What the restoration changed: the import's changes the other way round.
    pub changes: Vec<FieldChange>,
}

/// Puts back the previous values of the customers import `batch` updated; answers
/// those restored and those left as they are.
pub async fn restore(
    conn: &mut AnyConnection,
    project: i64,
    batch: i64,
) -> Result<(Vec<Restored>, Vec<NotRestored>), AppError> {
    let updates: Vec<UpdateRow> = sqlx::query_as(
        "SELECT u.customer_id, u.source_row, u.changes, u.previous, u.version
         FROM customer_updates u
         WHERE u.batch_id = $1 AND NOT EXISTS
             (SELECT 1 FROM customers c WHERE c.id = u.customer_id AND c.batch_id = $1)
         ORDER BY u.id",
    )
    .bind(batch)
    .fetch_all(&mut *conn)
    .await?;
    let mut done: BTreeMap<i64, Done> = BTreeMap::new();
    for update in updates {
        let corrupt = |e: serde_json::Error| {
            AppError::Corrupt(format!(
                "batch {batch}'s update of {}: {e}",
                update.customer_id
            ))
        };
        let changes: Vec<FieldChange> = serde_json::from_str(&update.changes).map_err(corrupt)?;
        let previous: BTreeMap<String, Option<Column>> =
            serde_json::from_str(&update.previous).map_err(corrupt)?;
        let entry = done.entry(update.customer_id).or_insert_with(|| Done {
            row: update.source_row as u64,
            previous: BTreeMap::new(),
            fields: BTreeMap::new(),
            version: update.version,
        });
        entry.version = update.version;
        for (column, value) in previous {
            entry.previous.entry(column).or_insert(value);
        }
        for change in changes {
            entry
                .fields
                .entry(change.field)
                .and_modify(|(_, new)| new.clone_from(&change.new))
                .or_insert((change.old, change.new));
        }
    }
    let (mut restored, mut left) = (Vec::new(), Vec::new());
    // In the order of ids, as every write of customers.
    for (id, done) in done {
        let sets: Vec<(Target, Option<Column>)> = done
            .previous
            .iter()
            .filter_map(|(column, value)| Some((Target::of_column(column)?, value.clone())))
            .collect();
        let taken = unique_taken(conn, project, id, &sets).await?;
        if !taken && update::write(conn, id, done.version, &sets).await? {
            let changes: Vec<FieldChange> = done
                .fields
                .into_iter()
                .map(|(field, (old, new))| FieldChange {
                    field,
                    old: new,
                    new: old,
                })
                .collect();
            let external_id = sqlx::query_scalar("SELECT external_id FROM customers WHERE id = $1")
                .bind(id)
                .fetch_one(&mut *conn)
                .await?;
            restored.push(Restored {
                id,
                row: done.row,
                external_id,
                version: done.version + 1,
                changes,
            });
        } else {
            let current_version: Option<i64> =
                sqlx::query_scalar("SELECT version FROM customers WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&mut *conn)
                    .await?;
            left.push(NotRestored {
                row: done.row,
                customer_id: id,
                current_version,
            });
        }
    }
    left.sort_by_key(|n| n.row);
    Ok((restored, left))
}

/// Whether an e-mail or customer number to put back now belongs to another customer:
/// checked first, since a unique index refusing the write would end the undo's
/// transaction on PostgreSQL.
async fn unique_taken(
    conn: &mut AnyConnection,
    project: i64,
    id: i64,
    sets: &[(Target, Option<Column>)],
) -> Result<bool, AppError> {
    for (target, value) in sets {
        let key = match target {
            Target::Text("email") => customer_import_domain::update::MatchKey::Email,
            Target::Text("external_id") => customer_import_domain::update::MatchKey::ExternalId,
            _ => continue,
        };
        let Some(Column::Text(value)) = value else {
            continue;
        };
        let comparable = key.comparable(value);
        let found = stored::by_key(conn, project, key, &[comparable.as_str()]).await?;
        if found.values().any(|c| c.id != id) {
            return Ok(true);
        }
    }
    Ok(false)
}
