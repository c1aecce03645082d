//! Importing one chunk of rows into a project.
//!
//! Every row is validated by the domain crate, exactly as the browser did, then
//! checked for what only the server knows (e-mail or external id already in the
//! project). Accepted rows are created in one transaction with the idempotency record,
//! so a chunk is all-or-nothing and a retry with the same key replays the answer: the
//! answer is given only once the transaction committed ([`Db::write`]). The new
//! customers are written in one statement ([`crate::imports::bulk`]), which yields to
//! the unique indexes (`ON CONFLICT DO NOTHING`): if a concurrent chunk created the same
//! e-mail first, only that row is rejected. Rows are written in one
//! global order ([`Plan`]), so overlapping chunks never deadlock. What is pure (checking
//! the rows, finding repeats, the order of writes, the verdicts) is in
//! [`crate::imports::plan`]; this file does the reads and writes around it.

use std::{collections::HashMap, sync::Arc};

use customer_import_domain::{
    country::Country,
    schema::Field,
    validate::{Customer, Date, FieldError, Lists, Problem, RowContext},
    wire::{ImportChunk, ImportResult, MAX_FILE_ROWS, ProjectSummary, Verdict},
};
use sqlx::AnyConnection;

use crate::{
    basics::sha256_hex,
    cpu::off_runtime,
    db::Db,
    error::{AppError, Invalid, Reason, pointer_part},
    identity::user::CurrentUser,
    imports::batch_files::{self, StoredFile},
    imports::bulk::{self, COLUMNS, Creating, NewCustomer, taken_error},
    imports::fields,
    imports::plan::{self, Checked, Counts, Plan},
    imports::refs::{self, Refs},
    imports::update::{self, Updated},
    portal::delivery::{self, Delivered},
    portal::sequence,
};

/// Rows one chunk may carry; the app sends 2,000 (`src/steps/save/save_loop.rs`).
pub const MAX_ROWS: usize = 5_000;

/// Values an answer refusing a chunk lists at most.
const MAX_LISTED: usize = 100;

/// Times a chunk is checked again when the project's lists changed while it was
/// checked, before it is answered 503.
const CHECK_ATTEMPTS: usize = 3;

pub async fn import_chunk(
    db: &Db,
    creating: Creating,
    user: &CurrentUser,
    project: &ProjectSummary,
    idempotency_key: &str,
    chunk: Arc<ImportChunk>,
    today: Date,
) -> Result<ImportResult, AppError> {
    if chunk.rows.is_empty() {
        return Err(AppError::BadRequest("import.no_rows"));
    }
    if chunk.rows.len() > MAX_ROWS {
        return Err(AppError::TooLarge("import.too_many_rows"));
    }
    let fields = fields::of_project(&mut *db.pool.acquire().await?, project.id).await?;
    let known = |k: &String| fields.iter().any(|f| &f.key == k);
    let mut unknown: Vec<Invalid> = chunk
        .rows
        .iter()
        .enumerate()
        .flat_map(|(i, r)| {
            r.values.keys().filter(|k| !known(k)).map(move |k| {
                Invalid::new(
                    format!("/rows/{i}/values/{}", pointer_part(k)),
                    Reason::UnknownField(k.clone()),
                )
            })
        })
        .collect();
    // Only a field the project has may be blanked (first and last name make the name).
    if let Some(update) = &chunk.update {
        unknown.extend(
            update
                .blank
                .iter()
                .enumerate()
                .filter(|(_, k)| !matches!(k.as_str(), "first_name" | "last_name") && !known(k))
                .map(|(i, k)| {
                    Invalid::new(
                        format!("/update/blank/{i}"),
                        Reason::UnknownField(k.clone()),
                    )
                }),
        );
    }
    if !unknown.is_empty() {
        // The first hundred find the mistake; 2,000 rows need not each say it.
        unknown.truncate(MAX_LISTED);
        return Err(AppError::BadValues("import.unknown_field", unknown));
    }
    let files = batch_files::files_of(&chunk)?;
    let request_hash = sha256_hex(&serde_json::to_vec(&(project.id, &*chunk)).unwrap_or_default());
    // A chunk sent again is answered without checking its rows again.
    if key_claimed(db, user, idempotency_key).await? {
        return replay(db, user, idempotency_key, &request_hash).await;
    }
    let fields = Arc::new(fields);
    for _ in 0..CHECK_ATTEMPTS {
        let (_, lists) = refs::load(
            &mut *db.pool.acquire().await?,
            user.organization_id,
            project.id,
        )
        .await?;
        // Checked before the transaction: no lock is held while the rows are.
        let checked = check_rows(
            chunk.clone(),
            fields.clone(),
            lists.clone(),
            project.country,
            today,
        )
        .await;
        let input = Input {
            creating,
            user,
            project,
            idempotency_key,
            request_hash: &request_hash,
            chunk: &chunk,
            files: &files,
            lists: &lists,
            checked: &checked,
        };
        let answered = db
            .write(&input, |conn, input| Box::pin(import_in(conn, input)))
            .await;
        return match answered {
            Ok(Some(result)) => Ok(result),
            Ok(None) => replay(db, user, idempotency_key, &request_hash).await,
            Err(AppError::Stale) => continue,
            Err(e) => Err(e),
        };
    }
    Err(AppError::Stale)
}

/// Every row of the chunk checked ([`plan::checked_rows`]) on a blocking thread, since
/// a chunk's checks may take seconds of CPU.
async fn check_rows(
    chunk: Arc<ImportChunk>,
    fields: Arc<Vec<Field>>,
    mut lists: Lists,
    country: Country,
    today: Date,
) -> Vec<Checked> {
    lists.create_missing_groups = chunk.create_missing_groups;
    off_runtime(move || {
        let ctx = RowContext {
            fields: &fields,
            country,
            today,
            lists: &lists,
        };
        plan::checked_rows(&chunk, ctx)
    })
    .await
}

/// Whether `key` was used before by this user (answered or still being answered).
async fn key_claimed(db: &Db, user: &CurrentUser, key: &str) -> Result<bool, AppError> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM idempotency_keys WHERE user_id = $1 AND key = $2")
            .bind(user.id)
            .bind(key)
            .fetch_optional(&db.pool)
            .await?;
    Ok(found.is_some())
}

/// What one attempt of the import's transaction works from.
struct Input<'a> {
    creating: Creating,
    user: &'a CurrentUser,
    project: &'a ProjectSummary,
    idempotency_key: &'a str,
    request_hash: &'a str,
    chunk: &'a ImportChunk,
    /// The chunk's files, when it is of an import of several.
    files: &'a [StoredFile],
    /// The lists the rows were checked against, and what came of each row.
    lists: &'a Lists,
    checked: &'a [Checked],
}

/// The most rows a batch takes when its first chunk does not say how many its file
/// has: the most a file may have.
/// How many times each row of a file may reach its import: sent, and after being
/// refused, fixed and sent again twice more. Bounds what a batch stores and answers.
const SENDS_PER_ROW: i64 = 3;

fn batch_rows(chunk: &ImportChunk) -> i64 {
    let most = MAX_FILE_ROWS;
    chunk.file_rows.unwrap_or(most).min(most) as i64
}

/// The import inside its transaction; `None` when the key was claimed before, so the
/// first answer is to be replayed.
async fn import_in(
    conn: &mut AnyConnection,
    input: &Input<'_>,
) -> Result<Option<ImportResult>, AppError> {
    let Input {
        creating,
        user,
        project,
        idempotency_key,
        request_hash,
        chunk,
        files,
        lists,
        checked,
    } = *input;
    // Claims the key first: a write, so SQLite takes its write lock at once, and a
    // concurrent request with the same key waits here until this one commits.
    let claimed = sqlx::query(
        "INSERT INTO idempotency_keys (user_id, key, request_hash, created_at)
         VALUES ($1, $2, $3, CAST(CURRENT_TIMESTAMP AS TEXT)) ON CONFLICT DO NOTHING",
    )
    .bind(user.id)
    .bind(idempotency_key)
    .bind(request_hash)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if claimed == 0 {
        return Ok(None);
    }

    let file_name = chunk.file_name.as_deref().and_then(plan::clean_file_name);
    let batch_id = batch(conn, user, project, chunk, file_name.as_deref()).await?;
    let (mut refs, now) = refs::load(conn, user.organization_id, project.id).await?;
    // The rows were checked against the lists as they were before this transaction.
    if now != *lists {
        return Err(AppError::Stale);
    }
    // Rows are written in the plan's one global order (groups, then e-mails, then
    // customer numbers), so two chunks sharing values wait for each other instead of
    // each holding what the other needs: no deadlock, whatever order the files had.
    let Plan { groups, order } = Plan::of(checked);
    for name in groups {
        refs::group(conn, &mut refs, name).await?;
    }
    let mut outcomes: Vec<Option<Verdict>> = vec![None; chunk.rows.len()];
    // Rows that match a customer update it (when the chunk updates); the rest go on to
    // be created.
    let rows = update::Rows {
        project: project.id,
        batch: batch_id,
        chunk,
        checked,
    };
    let (order, updated) = update::apply(conn, &mut refs, &rows, order, &mut outcomes).await?;
    // Every row's group first: the plan created the missing ones, so this only finds
    // ids, and refuses rows whose group was archived.
    let mut new = Vec::with_capacity(order.len());
    for &i in &order {
        let (row, Ok(customer)) = (&chunk.rows[i], &checked[i]) else {
            continue;
        };
        match group_of(conn, &mut refs, customer).await? {
            Ok(group_id) => new.push(NewCustomer {
                index: i,
                row: row.row,
                customer,
                group_id,
            }),
            Err(errors) => {
                outcomes[i] = Some(Verdict::Rejected {
                    row: row.row,
                    errors,
                })
            }
        }
    }
    let mut created_customers = Vec::new();
    match creating {
        Creating::Bulk => {
            let mut ids = bulk::insert(conn, &refs, project.id, batch_id, &new).await?;
            let refused = settle(&new, &mut ids, &mut outcomes, &mut created_customers);
            let customers: Vec<&Customer> = refused.iter().map(|r| r.customer).collect();
            let errors = bulk::taken(conn, project.id, &customers).await?;
            for (r, errors) in refused.into_iter().zip(errors) {
                outcomes[r.index] = Some(Verdict::Rejected { row: r.row, errors });
            }
        }
        Creating::Rows => {
            for part in new.chunks(ROWS_PER_STATEMENT) {
                let mut ids = insert(conn, &refs, project.id, batch_id, part).await?;
                let refused = settle(part, &mut ids, &mut outcomes, &mut created_customers);
                for r in refused {
                    let errors = taken(conn, project.id, r.customer).await?;
                    outcomes[r.index] = Some(Verdict::Rejected { row: r.row, errors });
                }
            }
        }
    }
    // Answered in the order sent.
    created_customers.sort_unstable_by_key(|(_, row, _)| *row);
    let verdicts = plan::verdicts(chunk, checked, outcomes);
    let counts = Counts::of(&verdicts);
    // The batch's row is written last, so that chunks of one batch in flight at once
    // hold its lock (PostgreSQL) only while they commit, not while they validate and
    // insert. An undo committed meanwhile leaves no row to count in: this chunk then
    // rolls back, and no customer joins an undone batch.
    let offset = count_in(conn, batch_id, chunk, file_name.as_deref(), counts).await?;
    // Its file's row right after the batch's, whose lock orders the chunks of a batch.
    batch_files::count_in(conn, batch_id, chunk.file, files, counts).await?;
    // Numbered after the batch's row is taken (the lock order of `sequence`), and the
    // portal hears of these customers exactly when they exist: same transaction.
    let organization = user.organization_id;
    let ids: Vec<i64> = created_customers.iter().map(|(id, ..)| *id).collect();
    sequence::number_created(conn, organization, project.id, &ids).await?;
    let updated_ids: Vec<i64> = updated.iter().map(|u| u.id).collect();
    sequence::number_updated(conn, organization, &updated_ids).await?;
    sequence::number_batch(conn, organization, batch_id).await?;
    let delivered: Vec<Delivered> = created_customers
        .iter()
        .map(|(id, row, customer)| Delivered {
            id: *id,
            row: *row,
            customer,
        })
        .collect();
    delivery::record_created(conn, organization, project.id, batch_id, &delivered).await?;
    let changed: Vec<delivery::Changed> = updated.iter().map(Updated::announced).collect();
    delivery::record_updated(
        conn,
        organization,
        project.id,
        batch_id,
        delivery::UpdateReason::Import,
        &changed,
    )
    .await?;
    let result = ImportResult { batch_id, verdicts };
    sqlx::query(
        "UPDATE idempotency_keys SET response = $1, batch_id = $2, batch_offset = $3
         WHERE user_id = $4 AND key = $5",
    )
    .bind(serde_json::to_string(&result).unwrap_or_default())
    .bind(batch_id)
    .bind(offset)
    .bind(user.id)
    .bind(idempotency_key)
    .execute(&mut *conn)
    .await?;
    Ok(Some(result))
}

/// Counts the chunk's rows in its batch, with what the browser told; answers how many
/// rows the batch had before them (where the chunk's answer starts in the history's
/// pages). The batch's row is written last, so that chunks of one batch in flight at
/// once hold its lock (PostgreSQL) only while they commit, not while they insert. An
/// undo committed meanwhile leaves no row to count in, and neither does a batch that
/// would grow past its file: more customers than the file has rows, or more rows sent
/// in all than [`SENDS_PER_ROW`] times them (a row refused, fixed and sent again goes
/// into the same import). The chunk then rolls back.
async fn count_in(
    conn: &mut AnyConnection,
    batch_id: i64,
    chunk: &ImportChunk,
    file_name: Option<&str>,
    counts: Counts,
) -> Result<i64, AppError> {
    // Rows of every outcome count in the rows sent ($2): refused, updated, unchanged.
    let counted: Option<i64> = sqlx::query_scalar(
        "UPDATE import_batches
         SET created = created + $1, rejected = rejected + $2 - $1 - $9 - $10,
             updated = updated + $9, unchanged = unchanged + $10,
             file_name = COALESCE(file_name, $4),
             held_back = COALESCE($5, held_back), left_out = COALESCE($6, left_out)
         WHERE id = $3 AND undone_at IS NULL
           AND created + $1 <= COALESCE(file_rows, $7)
           AND created + rejected + updated + unchanged + $2 <= $8 * COALESCE(file_rows, $7)
         RETURNING created + rejected + updated + unchanged",
    )
    .bind(counts.created)
    .bind(counts.rows())
    .bind(batch_id)
    .bind(file_name)
    .bind(chunk.held_back.map(|n| n as i64))
    .bind(chunk.left_out.map(|n| n as i64))
    .bind(batch_rows(chunk))
    .bind(SENDS_PER_ROW)
    .bind(counts.updated)
    .bind(counts.unchanged)
    .fetch_optional(&mut *conn)
    .await?;
    match counted {
        Some(total) => Ok(total - counts.rows()),
        None if batch_undone(conn, batch_id).await? => {
            Err(AppError::Conflict("import.batch_undone"))
        }
        None => Err(AppError::Conflict("import.batch_full")),
    }
}

async fn batch_undone(conn: &mut AnyConnection, batch_id: i64) -> Result<bool, AppError> {
    let undone: Option<i64> =
        sqlx::query_scalar("SELECT undone_at FROM import_batches WHERE id = $1")
            .bind(batch_id)
            .fetch_one(&mut *conn)
            .await?;
    Ok(undone.is_some())
}

/// What was stored for an idempotency key, and whether its batch was undone since.
#[derive(sqlx::FromRow)]
struct Stored {
    request_hash: String,
    response: Option<String>,
    undone_at: Option<i64>,
}

/// The answer already given for this key, if the request is the same one. A chunk
/// whose batch was undone since is answered with the undo: its verdicts name
/// customers that are gone.
async fn replay(
    db: &Db,
    user: &CurrentUser,
    key: &str,
    request_hash: &str,
) -> Result<ImportResult, AppError> {
    let stored: Stored = sqlx::query_as(
        "SELECT k.request_hash, k.response, b.undone_at FROM idempotency_keys k
         LEFT JOIN import_batches b ON b.id = k.batch_id
         WHERE k.user_id = $1 AND k.key = $2",
    )
    .bind(user.id)
    .bind(key)
    .fetch_one(&db.pool)
    .await?;
    if stored.request_hash != request_hash {
        return Err(AppError::Conflict("import.idempotency_key_reused"));
    }
    let response = stored
        .response
        .ok_or(AppError::Conflict("import.in_progress"))?;
    if stored.undone_at.is_some() {
        return Err(AppError::Conflict("import.batch_undone"));
    }
    serde_json::from_str(&response).map_err(|e| AppError::Database(sqlx::Error::Decode(e.into())))
}

/// The batch these rows belong to: the given one if it is this user's for this
/// project and not undone, else a new one, which takes at most the rows the chunk
/// says its file has. A given batch is only read here; its row is written when the
/// chunk is counted in it, at the end of the transaction.
async fn batch(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    project: &ProjectSummary,
    chunk: &ImportChunk,
    file_name: Option<&str>,
) -> Result<i64, AppError> {
    if let Some(id) = chunk.batch_id {
        let undone: Option<Option<i64>> = sqlx::query_scalar(
            "SELECT undone_at FROM import_batches WHERE id = $1 AND project_id = $2 AND user_id = $3",
        )
        .bind(id)
        .bind(project.id)
        .bind(user.id)
        .fetch_optional(&mut *conn)
        .await?;
        return match undone {
            Some(None) => Ok(id),
            Some(Some(_)) => Err(AppError::Conflict("import.batch_undone")),
            None => Err(AppError::NotFound),
        };
    }
    Ok(sqlx::query_scalar(
        "INSERT INTO import_batches (project_id, user_id, created_at, file_name, file_rows)
         VALUES ($1, $2, CAST(CURRENT_TIMESTAMP AS TEXT), $3, $4) RETURNING id",
    )
    .bind(project.id)
    .bind(user.id)
    .bind(file_name)
    .bind(chunk.file_rows.map(|_| batch_rows(chunk)))
    .fetch_one(&mut *conn)
    .await?)
}

/// Answers the rows `ids` names as created (taking each row's id), and the rest, which
/// a unique index refused, for the caller to say which value was taken.
fn settle<'n, 'c>(
    new: &'n [NewCustomer<'c>],
    ids: &mut HashMap<u64, Vec<i64>>,
    outcomes: &mut [Option<Verdict>],
    created: &mut Vec<(i64, u64, &'c Customer)>,
) -> Vec<&'n NewCustomer<'c>> {
    let mut refused = Vec::new();
    for new in new {
        match ids.get_mut(&new.row).and_then(|ids| ids.pop()) {
            Some(id) => {
                created.push((id, new.row, new.customer));
                outcomes[new.index] = Some(Verdict::Created {
                    row: new.row,
                    customer_id: id,
                });
            }
            None => refused.push(new),
        }
    }
    refused
}

/// The id of the customer's group, or the row's problem: its group was archived.
async fn group_of(
    conn: &mut AnyConnection,
    refs: &mut Refs,
    c: &Customer,
) -> Result<Result<Option<i64>, Vec<FieldError>>, AppError> {
    let Some(name) = &c.customer_group else {
        return Ok(Ok(None));
    };
    Ok(match refs::group(conn, refs, name).await? {
        Some(id) => Ok(Some(id)),
        None => Err(vec![taken_error(
            "customer_group",
            Problem::GroupUnknown,
            Some(name),
        )]),
    })
}

/// Rows one INSERT of the row path carries ([`Creating::Rows`]). Measured with `cargo bench --bench import` (100,000 rows in
/// chunks of 1,000, rows/s on SQLite / PostgreSQL): one row a statement 30.7k / –,
/// 25 rows 40.7k / 32.1k, 100 rows 18.1k / 32.3k, 500 rows 4.7k / 25.3k. Round trips
/// cost PostgreSQL most; SQLite (through sqlx) grows slower than linearly with the
/// values bound to one statement, so a few dozen rows serve both.
const ROWS_PER_STATEMENT: usize = 25;

/// Values [`insert`] binds for each row (every column of [`bulk::COLUMNS`] but
/// `created_at`).
const BOUND: usize = 20;

/// Creates the customers in one statement, in the order given; answers the ids
/// created for each row number, the last row's first (a client may number two rows
/// alike: ids rise in the order rows are written, so each takes its own). A row left
/// out was refused by a unique index: the indexes
/// decide, also against a concurrent chunk (PostgreSQL waits for it to commit). One
/// statement for hundreds of rows instead of one each: the round trips were most of
/// an import's time. Written here rather than with `QueryBuilder::push_values`: through
/// the `Any` driver that writes `?` placeholders (sqlx-core 0.8's default
/// `Arguments::format_placeholder`, which `AnyArguments` keeps), and PostgreSQL takes
/// only `$n`.
async fn insert(
    conn: &mut AnyConnection,
    refs: &Refs,
    project: i64,
    batch: i64,
    rows: &[NewCustomer<'_>],
) -> Result<HashMap<u64, Vec<i64>>, AppError> {
    if rows.is_empty() {
        return Ok(HashMap::new());
    }
    let mut sql = format!("INSERT INTO customers ({COLUMNS}) VALUES ");
    for r in 0..rows.len() {
        sql.push_str(if r == 0 { "(" } else { ", (" });
        for c in 1..=BOUND {
            sql.push_str(&format!("${}, ", r * BOUND + c));
        }
        sql.push_str("CAST(CURRENT_TIMESTAMP AS TEXT))");
    }
    sql.push_str(" ON CONFLICT DO NOTHING RETURNING id, source_row");
    let lookup = |map: &HashMap<String, i64>, key: &Option<String>| {
        key.as_ref().and_then(|k| map.get(k).copied())
    };
    let mut query = sqlx::query_as::<_, (i64, i64)>(&sql);
    for NewCustomer {
        row,
        customer: c,
        group_id,
        ..
    } in rows
    {
        let custom =
            (!c.custom.is_empty()).then(|| serde_json::to_string(&c.custom).unwrap_or_default());
        query = query
            .bind(project)
            .bind(lookup(&refs.units, &c.unit))
            .bind(batch)
            .bind(c.name.clone())
            .bind(c.email.clone())
            .bind(c.phone.clone())
            .bind(c.birth_date.clone())
            .bind(c.address.clone())
            .bind(c.postal_code.clone())
            .bind(c.city.clone())
            .bind(c.country.map(|k| k.code().to_owned()))
            .bind(c.company_name.clone())
            .bind(c.business_id.clone())
            .bind(lookup(&refs.company_types, &c.company_type))
            .bind(*group_id)
            .bind(lookup(&refs.managers, &c.account_manager))
            .bind(c.external_id.clone())
            .bind(c.notes.clone())
            .bind(custom)
            .bind(*row as i64);
    }
    let mut created: Vec<(i64, i64)> = query.fetch_all(&mut *conn).await?;
    created.sort_unstable();
    let mut ids: HashMap<u64, Vec<i64>> = HashMap::new();
    for (id, row) in created.into_iter().rev() {
        ids.entry(row as u64).or_default().push(id);
    }
    Ok(ids)
}

/// Which of a refused row's unique values the project already has.
async fn taken(
    conn: &mut AnyConnection,
    project: i64,
    c: &Customer,
) -> Result<Vec<FieldError>, AppError> {
    let taken = taken_values(conn, project, c).await?;
    // Only e-mail and external id are unique, so one of them was taken.
    Ok(if taken.is_empty() {
        vec![taken_error(
            "email",
            Problem::EmailTaken,
            c.email.as_deref(),
        )]
    } else {
        taken
    })
}

async fn taken_values(
    conn: &mut AnyConnection,
    project: i64,
    c: &Customer,
) -> Result<Vec<FieldError>, sqlx::Error> {
    let mut errors = Vec::new();
    if let Some(email) = &c.email {
        // `email IS NOT NULL` lets both databases use the partial unique index: they
        // cannot infer it from the comparison on `lower(email)`, and scan otherwise.
        let found = sqlx::query(
            "SELECT 1 FROM customers
             WHERE project_id = $1 AND email IS NOT NULL AND lower(email) = lower($2)",
        )
        .bind(project)
        .bind(email)
        .fetch_optional(&mut *conn)
        .await?;
        if found.is_some() {
            errors.push(taken_error("email", Problem::EmailTaken, Some(email)));
        }
    }
    if let Some(id) = &c.external_id {
        let found =
            sqlx::query("SELECT 1 FROM customers WHERE project_id = $1 AND external_id = $2")
                .bind(project)
                .bind(id)
                .fetch_optional(&mut *conn)
                .await?;
        if found.is_some() {
            errors.push(taken_error(
                "external_id",
                Problem::ExternalIdTaken,
                Some(id),
            ));
        }
    }
    Ok(errors)
}
