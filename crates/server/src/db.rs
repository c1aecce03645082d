//! The database handle. SQLite by default (a file created and migrated on first
//! start); PostgreSQL when the URL says `postgres://`, so several server instances can
//! share one database. Queries are written once in SQL both accept (`$1` parameters,
//! `RETURNING`), through sqlx's `Any` driver.
//!
//! Every write goes through [`Db::write`], which owns the rules that make an answer
//! true: a transaction whose COMMIT or ROLLBACK failed leaves its connection closed,
//! never back in the pool (SQLite may already have rolled back by itself, and sqlx
//! would otherwise turn the next `BEGIN` into a savepoint inside a transaction that
//! never commits); deadlocks and serialization failures are retried here; and a
//! database that does not answer is told within [`ACQUIRE_TIMEOUT`].

use std::{
    future::Future,
    path::Path,
    pin::Pin,
    str::FromStr,
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
    time::Duration,
};

use sqlx::{
    AnyConnection, AnyPool, Connection, Executor,
    any::{AnyPoolOptions, install_default_drivers},
    sqlite::SqliteConnectOptions,
};

use crate::error::AppError;

/// How long a request waits for a connection before it is answered 503: long enough
/// for a busy pool, short enough that a stopped database is told at once.
pub const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(3);

/// How long a starting server waits for its database before it gives up.
pub const START_WAIT: Duration = Duration::from_secs(60);

/// Whether opening the database failed because it could not be reached, at any depth
/// (a migration cut off mid-way fails with the connection's error inside).
fn unreachable(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<sqlx::Error>()
            .is_some_and(crate::error::is_unavailable)
    })
}

/// Attempts of one transaction that lost a deadlock or a serialization check.
const WRITE_ATTEMPTS: u32 = 6;

/// The future of one attempt of a [`Db::write`].
pub type Work<'c, T> = Pin<Box<dyn Future<Output = Result<T, AppError>> + Send + 'c>>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
    /// Transactions run again after a deadlock or serialization failure, since start:
    /// the write order should make this stay at zero (tests check it).
    conflicts: Arc<AtomicU64>,
}

impl Db {
    /// [`Db::connect`] for a starting server: a PostgreSQL that cannot be reached
    /// (stopped, restarting, its link down) is waited for up to [`START_WAIT`], trying
    /// again with a growing pause, so an instance restarted during a database outage
    /// comes up when the database does instead of exiting into its supervisor's crash
    /// loop. A refusal (wrong password, no such database) fails at once, as does every
    /// SQLite error: a local file does not come back by waiting.
    pub async fn connect_waiting(url: &str) -> anyhow::Result<Db> {
        let started = std::time::Instant::now();
        let mut attempt = 1;
        loop {
            match Db::connect(url).await {
                Err(e)
                    if started.elapsed() < START_WAIT
                        && !url.starts_with("sqlite:")
                        && unreachable(&e) =>
                {
                    tracing::warn!(
                        error = format!("{e:#}"),
                        attempt,
                        "the database is unavailable; waiting for it"
                    );
                    tokio::time::sleep(backoff(attempt).max(Duration::from_millis(250))).await;
                    attempt += 1;
                }
                done => return done,
            }
        }
    }

    /// Opens the pool (creating a SQLite file) and migrates.
    pub async fn connect(url: &str) -> anyhow::Result<Db> {
        install_default_drivers();
        let backend = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else {
            anyhow::bail!(
                "unsupported database URL (use sqlite://FILE or postgres://…): {}",
                redacted(url)
            );
        };
        if backend == Backend::Sqlite {
            create_sqlite_file(url).await?;
        }
        let pool = AnyPoolOptions::new()
            .max_connections(if backend == Backend::Sqlite { 4 } else { 16 })
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL lets readers run beside the one writer; the busy timeout
                        // makes concurrent writers wait instead of failing at once.
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                        conn.execute("PRAGMA busy_timeout = 10000").await?;
                    }
                    Ok(())
                })
            })
            // A connection that still believes it is inside a transaction (a rollback
            // of a dropped transaction failed) is closed, not handed out.
            .before_acquire(|conn, _| Box::pin(async move { Ok(!conn.is_in_transaction()) }))
            .connect(url)
            .await?;
        let db = Db {
            pool,
            backend,
            conflicts: Arc::default(),
        };
        db.migrate().await?;
        Ok(db)
    }

    /// Runs `work` in one transaction and commits it. The work is run again, from the
    /// start and on a fresh transaction, when the database broke a deadlock or a
    /// serialization conflict by failing it; so it must read everything it decides on
    /// inside the transaction. A failed COMMIT is an outage (503), never a success.
    ///
    /// `work` gets what it needs as `input` rather than capturing it, so its future
    /// may borrow both for the same lifetime.
    pub async fn write<I: Sync + ?Sized, T>(
        &self,
        input: &I,
        work: impl for<'c> Fn(&'c mut AnyConnection, &'c I) -> Work<'c, T>,
    ) -> Result<T, AppError> {
        self.write_as(Begin::Deferred, input, &work).await
    }

    async fn write_as<I: Sync + ?Sized, T>(
        &self,
        begin: Begin,
        input: &I,
        work: &impl for<'c> Fn(&'c mut AnyConnection, &'c I) -> Work<'c, T>,
    ) -> Result<T, AppError> {
        let mut attempt = 1;
        loop {
            match self.write_once(begin, input, work).await {
                Err(AppError::Conflicted(e)) if attempt < WRITE_ATTEMPTS => {
                    self.conflicts.fetch_add(1, Ordering::Relaxed);
                    tracing::info!(error = %e, attempt, "transaction conflicted; running it again");
                    tokio::time::sleep(backoff(attempt)).await;
                    attempt += 1;
                }
                Err(AppError::Conflicted(e)) => return Err(AppError::Unavailable(e)),
                other => return other,
            }
        }
    }

    /// [`Db::write`] for work that mostly only reads and writes now and then (a
    /// sign-in brings its user up to date only when the token changed). It starts as
    /// a reader, so requests that change nothing never queue for SQLite's one write
    /// lock; when it does write and SQLite refuses to turn the reader into the writer
    /// (another connection wrote meanwhile: `SQLITE_BUSY`, `SQLITE_BUSY_SNAPSHOT`),
    /// it runs again as a writer from its `BEGIN`, waiting its turn.
    pub async fn write_reading_first<I: Sync + ?Sized, T>(
        &self,
        input: &I,
        work: impl for<'c> Fn(&'c mut AnyConnection, &'c I) -> Work<'c, T>,
    ) -> Result<T, AppError> {
        match self.write(input, &work).await {
            Err(AppError::Unavailable(e))
                if self.backend == Backend::Sqlite && is_busy_upgrading(&e) =>
            {
                self.write_as(Begin::Immediate, input, &work).await
            }
            other => other,
        }
    }

    /// How many transactions were run again after a conflict since this handle was made.
    pub fn conflicts(&self) -> u64 {
        self.conflicts.load(Ordering::Relaxed)
    }

    async fn write_once<I: Sync + ?Sized, T>(
        &self,
        begin: Begin,
        input: &I,
        work: &impl for<'c> Fn(&'c mut AnyConnection, &'c I) -> Work<'c, T>,
    ) -> Result<T, AppError> {
        let mut conn = self.pool.acquire().await?;
        let begin = match (begin, self.backend) {
            (Begin::Immediate, Backend::Sqlite) => Some("BEGIN IMMEDIATE"),
            _ => None,
        };
        let (result, ended_cleanly) = in_transaction(&mut conn, begin, input, work).await;
        if !ended_cleanly {
            conn.close_on_drop();
        }
        result
    }

    async fn migrate(&self) -> anyhow::Result<()> {
        match self.backend {
            Backend::Sqlite => {
                sqlx::migrate!("./migrations/sqlite")
                    .run(&self.pool)
                    .await?
            }
            Backend::Postgres => {
                sqlx::migrate!("./migrations/postgres")
                    .run(&self.pool)
                    .await?
            }
        }
        Ok(())
    }
}

/// Runs `work` between BEGIN and COMMIT (or ROLLBACK when it fails); `false` when
/// BEGIN, COMMIT or ROLLBACK failed, so the connection's state is unknown.
async fn in_transaction<I: Sync + ?Sized, T>(
    conn: &mut AnyConnection,
    begin: Option<&'static str>,
    input: &I,
    work: &impl for<'c> Fn(&'c mut AnyConnection, &'c I) -> Work<'c, T>,
) -> (Result<T, AppError>, bool) {
    let began = match begin {
        Some(statement) => conn.begin_with(statement).await,
        None => conn.begin().await,
    };
    let mut tx = match began {
        Ok(tx) => tx,
        Err(e) => return (Err(e.into()), false),
    };
    let outcome = work(&mut tx, input).await;
    let ended = match outcome {
        Ok(_) => tx.commit().await,
        Err(_) => tx.rollback().await,
    };
    match (outcome, ended) {
        (outcome, Ok(())) => (outcome, true),
        (outcome, Err(e)) => {
            tracing::warn!(error = %e, "COMMIT or ROLLBACK failed; closing the connection");
            let result = match outcome {
                // Stored or not, the client may send the same request again: a commit
                // that did happen is replayed by its idempotency key.
                Ok(_) => Err(AppError::Unavailable(e)),
                Err(work_error) => Err(work_error),
            };
            (result, false)
        }
    }
}

/// The pause before attempt `attempt + 1`: doubling from 10 ms, with jitter so that
/// the transactions that deadlocked together do not meet again.
fn backoff(attempt: u32) -> Duration {
    let base = 10u64 << attempt.min(6);
    let mut byte = [0u8; 1];
    let jitter = getrandom::fill(&mut byte).map_or(0, |()| u64::from(byte[0]));
    Duration::from_millis(base + base * jitter / 255)
}

/// How a write transaction starts on SQLite: as a reader that becomes the writer at
/// its first write, or as the writer at once (waiting for the lock under the busy
/// timeout). PostgreSQL has no such difference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Begin {
    Deferred,
    Immediate,
}

/// Whether SQLite refused to make a reading transaction the writer: another
/// connection holds the write lock or wrote since this one's snapshot. SQLite answers
/// at once rather than wait (waiting could deadlock two readers), so the transaction
/// must start again.
fn is_busy_upgrading(e: &sqlx::Error) -> bool {
    e.as_database_error()
        .and_then(|d| d.code())
        .and_then(|c| c.parse::<i32>().ok())
        .is_some_and(|c| c == 5 || c == 517)
}

/// Creates the SQLite file (and its folder) and switches it to WAL once; the journal
/// mode is stored in the file, so later connections inherit it.
async fn create_sqlite_file(url: &str) -> anyhow::Result<()> {
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal);
    if let Some(parent) = Path::new(options.get_filename()).parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent)?;
    }
    let pool = sqlx::SqlitePool::connect_with(options).await?;
    pool.close().await;
    Ok(())
}

/// `value` as JSON text, to bind into a column or expand in a statement. It cannot
/// fail for the plain data it is given; if it did, it is an encoding error of the
/// query, as sqlx's own are.
pub fn json_text(value: &impl serde::Serialize) -> Result<String, AppError> {
    serde_json::to_string(value).map_err(|e| AppError::Database(sqlx::Error::Encode(e.into())))
}

/// A database URL fit to print: its password, if any, replaced by `***`.
pub fn redacted(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    // The credentials end at the last `@` before the path: a password may hold `@`.
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let Some(at) = rest[..authority_end].rfind('@') else {
        return url.to_owned();
    };
    match rest[..at].split_once(':') {
        Some((user, _password)) => format!("{scheme}://{user}:***{}", &rest[at..]),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_with_jitter_and_stays_bounded() {
        for attempt in 1..20 {
            let d = backoff(attempt).as_millis() as u64;
            let base = 10u64 << attempt.min(6);
            assert!((base..=2 * base).contains(&d), "{attempt}: {d}");
        }
    }

    #[test]
    fn a_database_password_is_never_printed() {
        for (url, shown) in [
            (
                "postgres://ci:secret@db.example:5432/x",
                "postgres://ci:***@db.example:5432/x",
            ),
            (
                "postgresql://ci:se@cr:et@db/x?sslmode=require",
                "postgresql://ci:***@db/x?sslmode=require",
            ),
            ("postgres://ci@db/x", "postgres://ci@db/x"),
            ("sqlite://data/a@b.db", "sqlite://data/a@b.db"),
            ("not a url", "not a url"),
        ] {
            assert_eq!(redacted(url), shown, "{url}");
        }
    }
}
