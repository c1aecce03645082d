//! The rows of a chunk that update customers (issue 28), inside the import's
//! transaction: which customer each row is about ([`identify`]), whether that customer
//! is still as the browser saw it, and what the row changes ([`compare`]).
//!
//! Optimistic concurrency: a row carries the version of the customer it was compared
//! against, and the UPDATE takes effect only `WHERE version = $that`, adding one. Two
//! chunks updating one customer (two tabs, two instances) both compared against the
//! same version; the second's UPDATE waits for the first to commit (PostgreSQL holds
//! the row) or for its write lock (SQLite), then finds another version and changes
//! nothing: that row is answered [`Verdict::ChangedSince`] with the customer as it is
//! now. Neither wins silently. Customers are written in the order of their ids, so
//! two chunks never wait for each other round a circle.
//!
//! Each update is kept (`customer_updates`): the fields it changed, the columns as they
//! were (what the undo puts back) and the version it left (the undo restores only a
//! customer still at it).
//!
//! [`identify`]: customer_import_domain::update::identify
//! [`compare`]: customer_import_domain::update::compare

use std::collections::BTreeMap;

use customer_import_domain::{
    update::{FieldChange, Found, MatchKey, changes, has_name, identify, merged},
    validate::{Customer, FieldError, Problem},
    wire::{ImportChunk, UpdateChoice, Verdict},
};
use sqlx::AnyConnection;

use crate::{
    db::json_text,
    error::AppError,
    imports::{
        plan::Checked,
        refs::{self, Refs},
        stored::{self, Column, StoredRow, Target},
    },
    portal::delivery::Changed,
};

/// A customer the chunk updated, for its event and its new change number.
#[derive(Debug, Clone)]
pub struct Updated {
    pub id: i64,
    pub row: u64,
    pub external_id: Option<String>,
    pub version: i64,
    pub changes: Vec<FieldChange>,
}

impl Updated {
    /// The customer as its event tells it.
    pub fn announced(&self) -> Changed<'_> {
        Changed {
            id: self.id,
            row: self.row,
            external_id: self.external_id.as_deref(),
            version: self.version,
            changes: &self.changes,
        }
    }
}

/// What the chunk's writes work from.
pub struct Rows<'a> {
    pub project: i64,
    pub batch: i64,
    pub chunk: &'a ImportChunk,
    pub checked: &'a [Checked],
}

/// Decides every valid row of `order` of an updating chunk: those that match a
/// customer are updated (or answered unchanged, changed since, refused) into
/// `outcomes`; the rows left to create are answered, in their order, with the
/// customers updated. A chunk that only creates passes through untouched.
pub async fn apply(
    conn: &mut AnyConnection,
    refs: &mut Refs,
    rows: &Rows<'_>,
    order: Vec<usize>,
    outcomes: &mut [Option<Verdict>],
) -> Result<(Vec<usize>, Vec<Updated>), AppError> {
    let Some(choice) = rows.chunk.update.as_ref().filter(|u| u.mode.updates()) else {
        return Ok((order, Vec::new()));
    };
    let valid: Vec<(usize, &Customer)> = order
        .iter()
        .filter_map(|&i| Some((i, rows.checked[i].as_ref().ok()?)))
        .collect();
    let key = choice.match_key;
    let by_key = found(conn, rows.project, key, &valid).await?;
    let by_other = found(conn, rows.project, key.other(), &valid).await?;
    let mut create = Vec::new();
    let mut existing: Vec<(usize, &Customer, &StoredRow)> = Vec::new();
    for (i, customer) in valid {
        let number = rows.chunk.rows[i].row;
        let found = identify(key, customer, |k, value| {
            let map = if k == key { &by_key } else { &by_other };
            map.get(value).map(|r| r.id)
        });
        match found {
            // Compared against a customer that is gone now.
            Found::New if rows.chunk.rows[i].version.is_some() => {
                outcomes[i] = Some(Verdict::ChangedSince {
                    row: number,
                    current: None,
                });
            }
            Found::New if choice.mode.creates() => {
                if customer.name.is_some() || customer.company_name.is_some() {
                    create.push(i);
                } else {
                    outcomes[i] = Some(refused(number, "name", Problem::NameOrCompanyRequired, ""));
                }
            }
            Found::New => {
                let value = key.of(customer).unwrap_or_default();
                outcomes[i] = Some(refused(
                    number,
                    key.field(),
                    Problem::CustomerNotFound,
                    &value,
                ));
            }
            Found::Two(..) => {
                let other = key.other();
                let value = other.of(customer).unwrap_or_default();
                outcomes[i] = Some(refused(
                    number,
                    other.field(),
                    Problem::MatchesTwoCustomers,
                    &value,
                ));
            }
            Found::Existing(_) => {
                let value = key.of(customer).unwrap_or_default();
                if let Some(stored) = by_key.get(&value) {
                    existing.push((i, customer, stored));
                }
            }
        }
    }
    // One order of writes for every chunk: no two wait for each other round a circle.
    existing.sort_unstable_by_key(|(.., stored)| stored.id);
    let mut updated = Vec::new();
    for (i, customer, stored) in existing {
        let row = &rows.chunk.rows[i];
        let outcome = update_one(
            conn,
            refs,
            rows,
            choice,
            row.row,
            row.version,
            customer,
            stored,
        )
        .await?;
        outcomes[i] = Some(match outcome {
            Ok(done) => {
                let verdict = Verdict::Updated {
                    row: row.row,
                    customer_id: done.id,
                    changes: done.changes.clone(),
                };
                updated.push(done);
                verdict
            }
            Err(verdict) => verdict,
        });
    }
    Ok((create, updated))
}

/// The project's customers whose `key` one of the rows has, by that value.
async fn found(
    conn: &mut AnyConnection,
    project: i64,
    key: MatchKey,
    rows: &[(usize, &Customer)],
) -> Result<std::collections::HashMap<String, StoredRow>, AppError> {
    let values: Vec<String> = rows.iter().filter_map(|(_, c)| key.of(c)).collect();
    let values: Vec<&str> = values.iter().map(String::as_str).collect();
    Ok(stored::by_key(conn, project, key, &values).await?)
}

fn refused(row: u64, field: &str, problem: Problem, value: &str) -> Verdict {
    Verdict::Rejected {
        row,
        errors: vec![FieldError::new(field, problem, value)],
    }
}

/// Updates one customer the row matched, if it is still at the version the row was
/// compared against: the update made, or the row's verdict when none was.
#[allow(clippy::too_many_arguments)]
async fn update_one(
    conn: &mut AnyConnection,
    refs: &mut Refs,
    rows: &Rows<'_>,
    choice: &UpdateChoice,
    row: u64,
    version: Option<i64>,
    customer: &Customer,
    stored: &StoredRow,
) -> Result<Result<Updated, Verdict>, AppError> {
    if version != Some(stored.version) {
        return Ok(Err(Verdict::ChangedSince {
            row,
            current: Some(stored.current()),
        }));
    }
    let before = stored.values();
    let after = merged(&before, &customer.to_values(), &choice.blank);
    if !has_name(&after) {
        return Ok(Err(refused(
            row,
            "name",
            Problem::NameOrCompanyRequired,
            "",
        )));
    }
    let changes = changes(&before, &after);
    if changes.is_empty() {
        return Ok(Err(Verdict::Unchanged {
            row,
            customer_id: stored.id,
        }));
    }
    let mut sets: Vec<(Target, Option<Column>)> = Vec::new();
    for change in &changes {
        let Some(target) = Target::of(&change.field) else {
            continue;
        };
        if sets.iter().any(|(t, _)| *t == target) {
            continue;
        }
        match column_value(conn, refs, target, change, &after).await? {
            Ok(value) => sets.push((target, value)),
            Err(problem) => {
                let value = change.new.as_deref().unwrap_or_default();
                return Ok(Err(refused(row, &change.field, problem, value)));
            }
        }
    }
    let previous: BTreeMap<&str, Option<Column>> = sets
        .iter()
        .map(|(t, _)| (t.column(), stored.column(*t)))
        .collect();
    if !write(conn, stored.id, stored.version, &sets).await? {
        // Changed by a chunk that committed while this one compared.
        let current = stored::by_id(conn, rows.project, stored.id).await?;
        return Ok(Err(Verdict::ChangedSince {
            row,
            current: current.map(|c| c.current()),
        }));
    }
    let version = stored.version + 1;
    sqlx::query(
        "INSERT INTO customer_updates
             (batch_id, project_id, customer_id, source_row, changes, previous, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(rows.batch)
    .bind(rows.project)
    .bind(stored.id)
    .bind(row as i64)
    .bind(json_text(&changes)?)
    .bind(json_text(&previous)?)
    .bind(version)
    .execute(&mut *conn)
    .await?;
    Ok(Ok(Updated {
        id: stored.id,
        row,
        external_id: after.get("external_id").cloned(),
        version,
        changes,
    }))
}

/// What `target`'s column becomes after `change`: the value, or the id it names; or
/// the problem when it names nothing (a group archived meanwhile).
async fn column_value(
    conn: &mut AnyConnection,
    refs: &mut Refs,
    target: Target,
    change: &FieldChange,
    after: &BTreeMap<String, String>,
) -> Result<Result<Option<Column>, Problem>, AppError> {
    let Some(new) = change.new.as_deref() else {
        return Ok(Ok(if target == Target::Custom {
            custom_json(after)?.map(Column::Text)
        } else {
            None
        }));
    };
    let id = |map: &std::collections::HashMap<String, i64>, problem| {
        map.get(new).map(|id| Some(Column::Id(*id))).ok_or(problem)
    };
    Ok(match target {
        Target::Text(_) => Ok(Some(Column::Text(new.to_owned()))),
        Target::Custom => Ok(custom_json(after)?.map(Column::Text)),
        Target::Unit => id(&refs.units, Problem::UnitUnknown),
        Target::CompanyType => id(&refs.company_types, Problem::CompanyTypeUnknown),
        Target::Manager => id(&refs.managers, Problem::AccountManagerUnknown),
        Target::Group => refs::group(conn, refs, new)
            .await?
            .map(|id| Some(Column::Id(id)))
            .ok_or(Problem::GroupUnknown),
    })
}

/// The `custom_fields` JSON of a customer's values: its own fields' (`None`: none).
fn custom_json(values: &BTreeMap<String, String>) -> Result<Option<String>, AppError> {
    let custom: BTreeMap<&String, &String> = values
        .iter()
        .filter(|(k, _)| k.starts_with("custom."))
        .collect();
    (!custom.is_empty()).then(|| json_text(&custom)).transpose()
}

/// Writes `sets` into customer `id` if it is still at `version`, adding one to it;
/// whether it was. A unique value another customer took since it was checked (a
/// concurrent chunk) is told as [`AppError::Stale`]: the chunk is checked again, and
/// then refused as taken.
pub async fn write(
    conn: &mut AnyConnection,
    id: i64,
    version: i64,
    sets: &[(Target, Option<Column>)],
) -> Result<bool, AppError> {
    let mut sql = String::from("UPDATE customers SET ");
    for (n, (target, _)) in sets.iter().enumerate() {
        sql.push_str(&format!("{} = ${}, ", target.column(), n + 1));
    }
    let n = sets.len();
    sql.push_str(&format!(
        "version = version + 1 WHERE id = ${} AND version = ${}",
        n + 1,
        n + 2
    ));
    let mut query = sqlx::query(&sql);
    for (target, value) in sets {
        query = match (target, value) {
            (_, Some(Column::Id(id))) => query.bind(Some(*id)),
            (_, Some(Column::Text(text))) => query.bind(Some(text.clone())),
            (Target::Text(_) | Target::Custom, None) => query.bind(None::<String>),
            (_, None) => query.bind(None::<i64>),
        };
    }
    match query.bind(id).bind(version).execute(&mut *conn).await {
        Ok(done) => Ok(done.rows_affected() == 1),
        Err(e)
            if e.as_database_error()
                .is_some_and(|d| d.is_unique_violation()) =>
        {
            Err(AppError::Stale)
        }
        Err(e) => Err(e.into()),
    }
}
