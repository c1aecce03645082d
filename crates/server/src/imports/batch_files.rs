//! The files of an import of several (issue 29): one batch, and for each of its files
//! (`import_batch_files`) its name, the rows the browser said it had to import, and what
//! the rows sent from it did.
//!
//! Every chunk of such an import names all its files ([`ImportChunk::files`]) and the
//! one its rows come from ([`ImportChunk::file`]); the files are kept from the batch's
//! first chunk that names them. A chunk's rows are counted in its file in the chunk's
//! transaction, right after they were counted in the batch's row
//! (`import::count_in`): that row's lock (PostgreSQL) orders the chunks of one batch,
//! so the files' rows are written by one chunk at a time and after every other write
//! of the chunk, whatever order the chunks come in. A chunk answered again for its
//! `Idempotency-Key` is replayed before its transaction, so it is never counted twice.
//!
//! What the counts mean after an undo: what the rows did when they were imported, as
//! the batch's own `created` and `rejected` (the batch's `removed` says what the undo
//! did; customers do not record which file they came from).

use std::collections::HashMap;

use customer_import_domain::wire::{
    ImportChunk, ImportFileCounts, MAX_FILE_ROWS, MAX_IMPORT_FILES,
};
use sqlx::AnyConnection;

use crate::{
    error::{AppError, Reason},
    imports::plan::{Counts, clean_file_name},
};

/// A file of an import as it is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    /// Its name as [`clean_file_name`] keeps it.
    pub name: Option<String>,
    /// Its rows to import, at most the most a file may have.
    pub rows: i64,
}

/// The chunk's files as they are stored, or why its `files` and `file` do not go
/// together: at most [`MAX_IMPORT_FILES`], and with files a chunk names the one its
/// rows come from, and only then.
pub fn files_of(chunk: &ImportChunk) -> Result<Vec<StoredFile>, AppError> {
    if chunk.files.len() > MAX_IMPORT_FILES {
        let most = Reason::TooMuch(MAX_IMPORT_FILES as u64);
        return Err(AppError::invalid("/files", most));
    }
    let wrong = |reason| Err(AppError::invalid("/file", reason));
    match (chunk.file, chunk.files.len()) {
        (None, 0) => {}
        (Some(file), n) if (file as usize) < n => {}
        (Some(_), 0) | (None, _) => return wrong(Reason::FileUnnamed),
        (Some(_), _) => return wrong(Reason::UnknownFile),
    }
    Ok(chunk
        .files
        .iter()
        .map(|f| StoredFile {
            name: clean_file_name(&f.name),
            rows: f.rows.min(MAX_FILE_ROWS) as i64,
        })
        .collect())
}

/// Counts the chunk's rows in file `file` of batch `batch`; the batch's first chunk
/// that names its files writes them. Called right after the batch's row was counted.
/// A file the batch's files do not have (a later chunk naming more files than the first
/// did) is refused, and the chunk rolls back.
pub async fn count_in(
    conn: &mut AnyConnection,
    batch: i64,
    file: Option<u32>,
    files: &[StoredFile],
    counts: Counts,
) -> Result<(), AppError> {
    let Some(file) = file else {
        return Ok(());
    };
    if add(conn, batch, file, counts).await? {
        return Ok(());
    }
    let stored: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM import_batch_files WHERE batch_id = $1")
            .bind(batch)
            .fetch_one(&mut *conn)
            .await?;
    if stored == 0 {
        keep(conn, batch, files).await?;
        if add(conn, batch, file, counts).await? {
            return Ok(());
        }
    }
    Err(AppError::invalid("/file", Reason::UnknownFile))
}

/// Adds `counts` to the file's row; whether it has one.
async fn add(
    conn: &mut AnyConnection,
    batch: i64,
    file: u32,
    counts: Counts,
) -> Result<bool, AppError> {
    let added = sqlx::query(
        "UPDATE import_batch_files
         SET created = created + $1, rejected = rejected + $2,
             updated = updated + $3, unchanged = unchanged + $4
         WHERE batch_id = $5 AND file_index = $6",
    )
    .bind(counts.created)
    .bind(counts.rejected)
    .bind(counts.updated)
    .bind(counts.unchanged)
    .bind(batch)
    .bind(i64::from(file))
    .execute(&mut *conn)
    .await?
    .rows_affected();
    Ok(added == 1)
}

/// Writes the batch's files, in one statement.
async fn keep(conn: &mut AnyConnection, batch: i64, files: &[StoredFile]) -> Result<(), AppError> {
    if files.is_empty() {
        return Ok(());
    }
    let mut sql = String::from(
        "INSERT INTO import_batch_files (batch_id, file_index, name, file_rows) VALUES ",
    );
    for i in 0..files.len() {
        let n = i * 4;
        if i > 0 {
            sql.push_str(", ");
        }
        sql.push_str(&format!("(${}, ${}, ${}, ${})", n + 1, n + 2, n + 3, n + 4));
    }
    sql.push_str(" ON CONFLICT DO NOTHING");
    let mut query = sqlx::query(&sql);
    for (index, file) in files.iter().enumerate() {
        query = query
            .bind(batch)
            .bind(index as i64)
            .bind(file.name.clone())
            .bind(file.rows);
    }
    query.execute(&mut *conn).await?;
    Ok(())
}

/// One file's row as [`of_batches`] reads it.
#[derive(sqlx::FromRow)]
struct FileRow {
    batch_id: i64,
    name: Option<String>,
    file_rows: i64,
    created: i64,
    rejected: i64,
    updated: i64,
    unchanged: i64,
}

/// The files of the project's batches `low..=high`, by batch, each batch's in the
/// user's order; a batch of one file has none.
pub async fn of_batches(
    conn: &mut AnyConnection,
    project: i64,
    low: i64,
    high: i64,
) -> Result<HashMap<i64, Vec<ImportFileCounts>>, AppError> {
    let rows: Vec<FileRow> = sqlx::query_as(
        "SELECT f.batch_id, f.name, f.file_rows, f.created, f.rejected, f.updated, f.unchanged
         FROM import_batch_files f JOIN import_batches b ON b.id = f.batch_id
         WHERE b.project_id = $1 AND f.batch_id BETWEEN $2 AND $3
         ORDER BY f.batch_id, f.file_index",
    )
    .bind(project)
    .bind(low)
    .bind(high)
    .fetch_all(&mut *conn)
    .await?;
    let mut files: HashMap<i64, Vec<ImportFileCounts>> = HashMap::new();
    for row in rows {
        files
            .entry(row.batch_id)
            .or_default()
            .push(ImportFileCounts {
                name: row.name,
                rows: row.file_rows,
                created: row.created,
                rejected: row.rejected,
                updated: row.updated,
                unchanged: row.unchanged,
            });
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use customer_import_domain::wire::ImportFile;

    use super::*;

    fn chunk(files: &[(&str, u64)], file: Option<u32>) -> ImportChunk {
        let files: Vec<ImportFile> = files
            .iter()
            .map(|(name, rows)| ImportFile {
                name: (*name).to_owned(),
                rows: *rows,
            })
            .collect();
        serde_json::from_value(serde_json::json!({
            "rows": [{ "row": 2, "values": { "name": "Kari" } }],
            "files": files,
            "file": file,
        }))
        .unwrap()
    }

    /// Where and why `result` refused the chunk's files.
    fn refused(result: Result<Vec<StoredFile>, AppError>) -> (String, Reason) {
        match result {
            Err(AppError::Invalid(mut invalid)) if invalid.len() == 1 => {
                let one = invalid.remove(0);
                (one.pointer, one.reason)
            }
            other => panic!("not refused for one value: {other:?}"),
        }
    }

    fn at(pointer: &str, reason: Reason) -> (String, Reason) {
        (pointer.to_owned(), reason)
    }

    #[test]
    fn a_chunk_of_one_file_has_no_files() {
        assert_eq!(files_of(&chunk(&[], None)).unwrap(), []);
    }

    #[test]
    fn files_are_kept_by_their_cleaned_names_in_the_users_order() {
        let files = files_of(&chunk(
            &[
                ("C:\\data\\vest.csv", 3),
                ("øst\u{202e}.xlsx", 2),
                ("  ", 5_000_000),
            ],
            Some(2),
        ))
        .unwrap();
        assert_eq!(
            files,
            [
                StoredFile {
                    name: Some("vest.csv".into()),
                    rows: 3
                },
                StoredFile {
                    name: Some("øst.xlsx".into()),
                    rows: 2
                },
                StoredFile {
                    name: None,
                    rows: MAX_FILE_ROWS as i64
                },
            ]
        );
    }

    #[test]
    fn the_file_of_a_chunk_is_one_of_its_files() {
        let two = [("a.csv", 1), ("b.csv", 1)];
        let refused_at = |files, file| refused(files_of(&chunk(files, file)));
        assert_eq!(refused_at(&two, Some(2)), at("/file", Reason::UnknownFile));
        assert_eq!(refused_at(&two, None), at("/file", Reason::FileUnnamed));
        assert_eq!(refused_at(&[], Some(0)), at("/file", Reason::FileUnnamed));
        assert_eq!(files_of(&chunk(&two, Some(1))).unwrap().len(), 2);
    }

    #[test]
    fn an_import_takes_at_most_its_most_files() {
        let many: Vec<(&str, u64)> = vec![("a.csv", 1); MAX_IMPORT_FILES + 1];
        assert_eq!(
            refused(files_of(&chunk(&many, Some(0)))),
            at("/files", Reason::TooMuch(MAX_IMPORT_FILES as u64))
        );
        assert!(files_of(&chunk(&many[1..], Some(99))).is_ok());
    }
}
