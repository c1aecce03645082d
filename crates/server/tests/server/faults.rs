//! Faults an operator meets: a full disk, a database that stops and starts again,
//! clients that never finish their headers (two instances racing on one database:
//! `import.rs`, which runs on both databases).
//! Each test holds the product to its promise: a row answered as created is in the
//! database, a refusal says why, nothing is created twice, and nothing hangs.
//!
//! Waits are bounded by generous deadlines (`within`) so a hang fails the test
//! instead of stalling the suite; they are not speed requirements.
#![allow(clippy::unwrap_used)]

use std::{path::Path, time::Duration};

use crate::common::{
    chunk, created_ids, get, post_json,
    postgres::TempPostgres,
    process::{ServerProcess, within},
    row,
};
use axum::http::StatusCode;
use customer_import_domain::wire::{ApiError, ImportChunk, ImportResult, ImportRow};
use customer_import_server::{AppState, Db, Settings, app, demo};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
};

fn rows(first: u64, count: u64, email: impl Fn(u64) -> String, note: &str) -> Vec<ImportRow> {
    (first..first + count)
        .map(|i| {
            let name = format!("Kunde {i}");
            row(
                i + 2,
                &[("name", &name), ("email", &email(i)), ("notes", note)],
            )
        })
        .collect()
}

async fn fjordparken(db: &Db) -> i64 {
    sqlx::query_scalar("SELECT id FROM projects WHERE name = 'Fjordparken'")
        .fetch_one(&db.pool)
        .await
        .unwrap()
}

/// The size of the largest file in `dir`.
fn kib_used(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .max()
        .unwrap_or(0)
        / 1024
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn rows_answered_as_created_are_stored_when_the_disk_fills_up() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("full.db").display());
    let (token, project) = {
        let db = Db::connect(&url).await.unwrap();
        let users = demo::seed(&db).await.unwrap();
        let project = fjordparken(&db).await;
        db.pool.close().await;
        (users.admin.token, project)
    };
    // Room for a few chunks past what the demo data takes; each chunk is ~300 KB.
    let server = ServerProcess::start(&url, &[], Some(kib_used(dir.path()) + 1_200)).await;
    let note = "Ønsker visning av leilighet i 3. etasje. ".repeat(30);
    let chunks: Vec<(String, ImportChunk)> = (0..24u64)
        .map(|c| {
            let rows = rows(c * 200, 200, |i| format!("kunde{i}@example.no"), &note);
            (format!("disk-{c}"), chunk(rows))
        })
        .collect();
    // Three chunks at a time, so connections that met the full disk are reused.
    let mut answers = Vec::new();
    for group in chunks.chunks(3) {
        let sent = group
            .iter()
            .map(|(key, body)| server.import(project, &token, key, body));
        for answer in within(
            120,
            "import on a full disk",
            futures::future::join_all(sent),
        )
        .await
        {
            answers.push(answer);
        }
    }
    server.kill().await;

    let mut acknowledged = Vec::new();
    let mut refused = Vec::new();
    for ((key, body), (status, retry_after, answer)) in chunks.iter().zip(&answers) {
        match status.as_u16() {
            200 => acknowledged.push(serde_json::from_slice::<ImportResult>(answer).unwrap()),
            503 => {
                let err: ApiError = serde_json::from_slice(answer).unwrap();
                assert_eq!(err.code, "server.unavailable");
                assert!(retry_after.is_some(), "a 503 says when to come back");
                refused.push((key, body));
            }
            other => panic!("{key}: {other} {}", String::from_utf8_lossy(answer)),
        }
    }
    assert!(
        !acknowledged.is_empty(),
        "some chunks fit before the disk filled"
    );
    assert!(!refused.is_empty(), "the disk filled up during the import");

    // Every row answered as created is there for a connection that never saw the
    // full disk, with its e-mail.
    let reader = sqlx::SqlitePool::connect(&url).await.unwrap();
    for result in &acknowledged {
        for id in created_ids(result) {
            let email: Option<String> =
                sqlx::query_scalar("SELECT email FROM customers WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&reader)
                    .await
                    .unwrap();
            assert!(
                email.is_some(),
                "customer {id} was answered as created but is missing"
            );
        }
    }
    reader.close().await;

    // With room again, the refused chunks are sent again with their keys: all are
    // created, nobody twice.
    let server = ServerProcess::start(&url, &[], None).await;
    for (key, body) in &refused {
        let (status, _, answer) = server.import(project, &token, key, body).await;
        assert_eq!(
            status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&answer)
        );
        let result: ImportResult = serde_json::from_slice(&answer).unwrap();
        assert_eq!(created_ids(&result).len(), body.rows.len());
    }
    server.kill().await;
    let reader = sqlx::SqlitePool::connect(&url).await.unwrap();
    let (count, distinct): (i64, i64) =
        sqlx::query_as("SELECT COUNT(*), COUNT(DISTINCT lower(email)) FROM customers")
            .fetch_one(&reader)
            .await
            .unwrap();
    assert_eq!((count, distinct), (24 * 200, 24 * 200));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stopped_database_is_answered_at_once_and_the_import_resumes_after() {
    let pg = TempPostgres::start_new();
    let db = Db::connect(&pg.url()).await.unwrap();
    let users = demo::seed(&db).await.unwrap();
    let router = app(AppState::new(db.clone()), None);
    let token = users.admin.token.clone();
    let project = fjordparken(&db).await;
    let uri = format!("/api/projects/{project}/import");
    let first = chunk(rows(0, 50, |i| format!("foer{i}@example.no"), ""));
    let second = chunk(rows(50, 50, |i| format!("etter{i}@example.no"), ""));
    let send = |key: &'static str, body: &ImportChunk| {
        let body = serde_json::to_vec(body).unwrap();
        let (router, token, uri) = (router.clone(), token.clone(), uri.clone());
        async move { post_json(&router, &uri, &token, Some(key), body).await }
    };
    let (status, _, body) = send("first", &first).await;
    assert_eq!(status, StatusCode::OK);
    let body: ImportResult = serde_json::from_slice(&body).unwrap();
    assert_eq!(created_ids(&body).len(), 50);

    pg.stop();
    let asked = std::time::Instant::now();
    let (status, _, _) = within(
        15,
        "healthz while the database is down",
        get(&router, "/healthz", None),
    )
    .await;
    // Reported, not asserted: how long an outage takes to be told.
    eprintln!("healthz answered {status} after {:?}", asked.elapsed());
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    let asked = std::time::Instant::now();
    let (status, headers, body) = within(
        15,
        "import while the database is down",
        send("second", &second),
    )
    .await;
    eprintln!("import answered {status} after {:?}", asked.elapsed());
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(headers["retry-after"], "2");
    let err: ApiError = serde_json::from_slice(&body).unwrap();
    assert_eq!(err.code, "server.unavailable");

    pg.start();
    // The client sends the same chunk with the same key until it passes.
    let mut answer = None;
    for _ in 0..20 {
        let (status, _, body) = within(15, "import after restart", send("second", &second)).await;
        if status == StatusCode::OK {
            answer = Some(body);
            break;
        }
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let answer: ImportResult =
        serde_json::from_slice(&answer.expect("the import resumed")).unwrap();
    assert_eq!(created_ids(&answer).len(), 50);
    // Sent once more (its answer was lost, say): the same answer, nobody twice.
    let (status, _, again) = send("second", &second).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        serde_json::from_slice::<ImportResult>(&again).unwrap(),
        answer
    );
    assert_eq!(get(&router, "/healthz", None).await.0, StatusCode::OK);
    let (count, distinct): (i64, i64) =
        sqlx::query_as("SELECT COUNT(*), COUNT(DISTINCT lower(email)) FROM customers")
            .fetch_one(&db.pool)
            .await
            .unwrap();
    assert_eq!((count, distinct), (100, 100));
}

// Found by the soak: an instance killed and restarted while PostgreSQL was restarting
// exited at once ("error communicating with database"), leaving its restart to a
// supervisor's crash loop. It now waits for the database.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_started_while_its_database_is_down_waits_for_it() {
    let pg = TempPostgres::start_new();
    pg.stop();
    let url = pg.url();
    let opening = tokio::spawn(async move { Db::connect_waiting(&url).await });
    // Refused connections, for a while: still waiting, not given up.
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert!(
        !opening.is_finished(),
        "gave up while the database was down"
    );
    pg.start();
    let db = within(60, "opening once the database is up", opening)
        .await
        .unwrap()
        .unwrap();
    demo::seed(&db).await.unwrap();
    assert!(fjordparken(&db).await > 0);
}

// Only an unreachable database is waited for: one that refuses (here: no such
// database) is told at once, long before the wait's 60 s would end.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_that_refuses_is_not_waited_for() {
    let pg = TempPostgres::start_new();
    let url = pg
        .url()
        .rsplit_once('/')
        .map(|(server, _)| format!("{server}/no_such_database"))
        .unwrap();
    let refused = within(30, "the refusal", Db::connect_waiting(&url)).await;
    assert!(refused.is_err());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clients_that_never_finish_their_headers_are_cut_off_and_delay_no_one() {
    let dir = tempfile::tempdir().unwrap();
    let settings = Settings::new(
        "127.0.0.1:0".parse().unwrap(),
        format!("sqlite://{}", dir.path().join("slow.db").display()),
    );
    let server = customer_import_server::Server::prepare(&settings)
        .await
        .unwrap()
        .with_header_timeout(Duration::from_secs(2));
    let addr = server.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let serving = tokio::spawn(server.serve(async {
        let _ = stopped.await;
    }));

    // A hundred connections: half send part of a request and stop, half trickle a
    // header a byte at a time, forever.
    let (mut slow, mut silent) = (Vec::new(), Vec::new());
    for n in 0..100 {
        let mut stream = TcpStream::connect(addr).await.unwrap();
        stream
            .write_all(format!("GET /healthz HTTP/1.1\r\nHost: {addr}\r\nX-Slow: ").as_bytes())
            .await
            .unwrap();
        let (mut read, mut write) = stream.into_split();
        if n % 2 == 1 {
            tokio::spawn(async move {
                while write.write_all(b"a").await.is_ok() {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            });
        } else {
            // Kept open: a closed write side would end the request for the server.
            silent.push(write);
        }
        slow.push(tokio::spawn(async move {
            let mut rest = Vec::new();
            let _ = read.read_to_end(&mut rest).await;
        }));
    }
    // Meanwhile a health check on a fresh connection is answered.
    let health = within(10, "healthz beside slow clients", async {
        reqwest::get(format!("http://{addr}/healthz"))
            .await
            .unwrap()
            .status()
    })
    .await;
    assert_eq!(health.as_u16(), 200);
    // And every slow connection is closed by the server.
    for connection in slow {
        within(30, "a slow connection to be closed", connection)
            .await
            .unwrap();
    }
    drop(silent);
    let _ = stop.send(());
    within(30, "graceful shutdown", serving)
        .await
        .unwrap()
        .unwrap();
}
