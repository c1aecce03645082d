//! Several files, one import (issue 29) through the router against a real database
//! (SQLite, and PostgreSQL in scripts/test.sh): the chunks of an import of several files
//! make one batch, whose history lists each file with what its rows did; a chunk's
//! `file` is one of its `files`; a chunk sent again is counted once, chunks in flight at
//! once each in their file; an undo leaves the files' counts as they were.
#![allow(clippy::unwrap_used)]

use crate::common::{Client, chunk, row, test_app};
use axum::http::StatusCode;
use customer_import_domain::wire::{ImportChunk, ImportFile, ImportFileCounts, ImportRow};

/// The files of the import, as the browser names them on every chunk.
fn three_files() -> Vec<ImportFile> {
    [
        ("C:\\Users\\aino\\Myyjä Virtanen.csv", 3),
        ("øst/Kari Nordmann.csv", 2),
        ("Nord.xlsx", 2),
    ]
    .into_iter()
    .map(|(name, rows)| ImportFile {
        name: name.to_owned(),
        rows,
    })
    .collect()
}

/// A chunk of rows of file `file`, joining `batch` when one is given.
fn of_file(batch: Option<i64>, file: u32, rows: Vec<ImportRow>) -> ImportChunk {
    ImportChunk {
        batch_id: batch,
        file_name: Some(three_files()[0].name.clone()),
        file_rows: Some(7),
        files: three_files(),
        file: Some(file),
        ..chunk(rows)
    }
}

fn person(number: u64, name: &str, email: &str) -> ImportRow {
    row(number, &[("name", name), ("email", email)])
}

fn counts(name: &str, rows: i64, created: i64, rejected: i64) -> ImportFileCounts {
    ImportFileCounts {
        name: Some(name.to_owned()),
        rows,
        created,
        rejected,
        updated: 0,
        unchanged: 0,
    }
}

/// What the history says of the project's one import: its files.
async fn files_listed(admin: &Client, project: i64) -> Vec<ImportFileCounts> {
    let page = admin.imports(project).await.unwrap();
    assert_eq!(page.items.len(), 1, "one import for the three files");
    page.items[0].files.clone()
}

#[tokio::test]
async fn three_files_are_one_import_listing_each_file_with_its_counts() {
    let t = test_app(None).await;
    let admin = t.admin();
    let project = admin.project_id("Fjordparken").await;
    // The first file: two customers and a malformed e-mail, in two chunks.
    let first = of_file(
        None,
        0,
        vec![
            person(2, "Aino Virtanen", "aino@x.fi"),
            person(3, "Feil Adresse", "not-an-address"),
        ],
    );
    let batch = admin
        .import_with_key(project, "file-0-a", &first)
        .await
        .unwrap()
        .batch_id;
    let rest = of_file(Some(batch), 0, vec![person(4, "Eero Mäkinen", "eero@x.fi")]);
    admin.import(project, &rest).await.unwrap();
    // The second file: one new customer, and one whose e-mail the first file took.
    let second = of_file(
        Some(batch),
        1,
        vec![
            person(2, "Kari Nordmann", "kari@x.no"),
            person(3, "Aino igjen", "AINO@x.fi"),
        ],
    );
    let answer = admin
        .import_with_key(project, "file-1", &second)
        .await
        .unwrap();
    assert_eq!(answer.batch_id, batch);
    // The third file: two customers; its chunk's answer is lost and sent again.
    let third = of_file(
        Some(batch),
        2,
        vec![
            person(2, "Nils Nord", "nils@x.no"),
            person(3, "Siri Nord", "siri@x.no"),
        ],
    );
    let answered = admin
        .import_with_key(project, "file-2", &third)
        .await
        .unwrap();
    let replayed = admin
        .import_with_key(project, "file-2", &third)
        .await
        .unwrap();
    assert_eq!(replayed, answered, "the first answer replayed");

    let expected = vec![
        counts("Myyjä Virtanen.csv", 3, 2, 1),
        counts("Kari Nordmann.csv", 2, 1, 1),
        counts("Nord.xlsx", 2, 2, 0),
    ];
    assert_eq!(files_listed(&admin, project).await, expected);
    let page = admin.imports(project).await.unwrap();
    let import = &page.items[0];
    assert_eq!(import.file_name.as_deref(), Some("Myyjä Virtanen.csv"));
    assert_eq!((import.created, import.rejected), (5, 2), "the files' sums");
    assert_eq!(import.file_rows, Some(7));
    let detail = admin.import_detail(project, batch).await.unwrap();
    assert_eq!(detail.import.files, expected);
    assert_eq!(
        t.count_with(
            "SELECT COUNT(*) FROM import_batch_files WHERE batch_id = $1",
            batch
        )
        .await,
        3
    );

    // An undo removes the customers; the files still say what their rows did.
    let undone = admin.undo(project, batch).await.unwrap();
    assert_eq!(undone.removed, 5);
    assert_eq!(files_listed(&admin, project).await, expected);
}

#[tokio::test]
async fn an_import_of_one_file_lists_no_files() {
    let t = test_app(None).await;
    let admin = t.admin();
    let project = admin.project_id("Fjordparken").await;
    let one = ImportChunk {
        file_name: Some("kunder.csv".to_owned()),
        ..chunk(vec![person(2, "Ola", "ola@x.no")])
    };
    admin.import(project, &one).await.unwrap();
    assert_eq!(files_listed(&admin, project).await, []);
    let json = t
        .admin()
        .get::<serde_json::Value>(&format!("/api/projects/{project}/imports"))
        .await
        .unwrap();
    assert_eq!(json["items"][0]["files"], serde_json::json!([]));
}

#[tokio::test]
async fn a_chunk_s_file_is_one_of_the_import_s_files() {
    let t = test_app(None).await;
    let admin = t.admin();
    let project = admin.project_id("Fjordparken").await;
    let refused_for = |answer: Result<_, crate::common::client::Refused>, field: &str| {
        let refused = answer.unwrap_err();
        assert_eq!(
            refused,
            (StatusCode::UNPROCESSABLE_ENTITY, "request.invalid_field")
        );
        let pointers: Vec<&str> = refused.errors.iter().map(|e| e.pointer.as_str()).collect();
        assert_eq!(pointers, [format!("/{field}")], "{refused:?}");
    };
    let rows = || vec![person(2, "Ola", "ola@x.no")];
    // Past the last of its files, beside no files, or missing beside them.
    refused_for(
        admin.import(project, &of_file(None, 3, rows())).await,
        "file",
    );
    let alone = ImportChunk {
        file: Some(0),
        ..chunk(rows())
    };
    refused_for(admin.import(project, &alone).await, "file");
    let unnamed = ImportChunk {
        file: None,
        ..of_file(None, 0, rows())
    };
    refused_for(admin.import(project, &unnamed).await, "file");
    let many = ImportChunk {
        files: vec![three_files()[0].clone(); 101],
        ..of_file(None, 0, rows())
    };
    refused_for(admin.import(project, &many).await, "files");
    assert_eq!(t.count("SELECT COUNT(*) FROM import_batches").await, 0);
    assert_eq!(t.count("SELECT COUNT(*) FROM customers").await, 0);

    // A later chunk naming a file the import's first chunk did not name: the chunk
    // rolls back, nothing of it is counted.
    let batch = admin
        .import(project, &of_file(None, 0, rows()))
        .await
        .unwrap()
        .batch_id;
    let mut four = three_files();
    four.push(ImportFile {
        name: "fjerde.csv".to_owned(),
        rows: 1,
    });
    let later = ImportChunk {
        files: four,
        ..of_file(Some(batch), 3, vec![person(2, "Fire", "fire@x.no")])
    };
    refused_for(admin.import(project, &later).await, "file");
    let page = admin.imports(project).await.unwrap();
    assert_eq!((page.items[0].created, page.items[0].rejected), (1, 0));
    assert_eq!(
        page.items[0].files,
        [
            counts("Myyjä Virtanen.csv", 3, 1, 0),
            counts("Kari Nordmann.csv", 2, 0, 0),
            counts("Nord.xlsx", 2, 0, 0),
        ]
    );
    assert_eq!(t.count("SELECT COUNT(*) FROM customers").await, 1);
}

/// The app sends up to three chunks at once after the first: of one file or of the next
/// ones. Each is counted in its file, none lost, whatever order they commit in.
#[tokio::test(flavor = "multi_thread", worker_threads = 3)]
async fn chunks_in_flight_at_once_are_each_counted_in_their_file() {
    let t = test_app(None).await;
    let admin = t.admin();
    let project = admin.project_id("Fjordparken").await;
    let first = of_file(None, 0, vec![person(2, "En", "en@x.no")]);
    let batch = admin.import(project, &first).await.unwrap().batch_id;
    let sent = [
        of_file(
            Some(batch),
            0,
            vec![person(3, "To", "to@x.no"), person(4, "Tre", "x")],
        ),
        of_file(
            Some(batch),
            1,
            vec![person(2, "Fire", "fire@x.no"), person(3, "Fem", "fem@x.no")],
        ),
        of_file(
            Some(batch),
            2,
            vec![person(2, "Seks", "seks@x.no"), person(3, "Sju", "sju@x.no")],
        ),
    ];
    let answers = futures::future::join_all(sent.iter().map(|c| admin.import(project, c))).await;
    assert!(answers.iter().all(Result::is_ok), "{answers:?}");
    assert_eq!(
        files_listed(&admin, project).await,
        [
            counts("Myyjä Virtanen.csv", 3, 2, 1),
            counts("Kari Nordmann.csv", 2, 2, 0),
            counts("Nord.xlsx", 2, 2, 0),
        ]
    );
}
