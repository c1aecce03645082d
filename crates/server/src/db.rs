//! The database handle. SQLite by default (a file created and migrated on first
//! start); PostgreSQL when the URL says `postgres://`, so several server instances can
//! share one database. Queries are written once in SQL both accept (`$1` parameters,
//! `RETURNING`), through sqlx's `Any` driver.

use std::{path::Path, str::FromStr};

use sqlx::{
    AnyPool, Executor,
    any::{AnyPoolOptions, install_default_drivers},
    sqlite::SqliteConnectOptions,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
}

impl Db {
    pub async fn connect(url: &str) -> anyhow::Result<Db> {
        install_default_drivers();
        let backend = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else {
            anyhow::bail!("unsupported database URL (use sqlite://FILE or postgres://…): {url}");
        };
        if backend == Backend::Sqlite {
            create_sqlite_file(url).await?;
        }
        let pool = AnyPoolOptions::new()
            .max_connections(if backend == Backend::Sqlite { 4 } else { 16 })
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
            .connect(url)
            .await?;
        let db = Db { pool, backend };
        db.migrate().await?;
        Ok(db)
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
