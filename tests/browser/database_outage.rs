//! The database stops in the middle of saving, and starts again: the user sees the
//! save wait and retry, then finish, and every customer is created exactly once. Real
//! browser, real server, a PostgreSQL of this test's own.
#![allow(clippy::unwrap_used)]

#[path = "../../crates/server/tests/server/common/postgres.rs"]
mod postgres;

use std::{collections::BTreeMap, sync::Arc};

use crate::support::{browser, journey::Journey, server::TestServer};
use customer_import::steps::save::save_loop::CHUNK_ROWS;
use postgres::TempPostgres;
use sqlx::Row;

const ROWS: usize = 1_200;

#[tokio::test(flavor = "multi_thread")]
async fn saving_waits_out_a_stopped_database_and_creates_everyone_once() {
    let pg = Arc::new(TempPostgres::start_new());
    let server = TestServer::start_on(pg.url()).await;
    // The database stops as the first chunk arrives, before the server handles it.
    let stopper = pg.clone();
    server.recorder.before_first_import(move || stopper.stop());

    let mut text = String::from("Navn;E-post\r\n");
    for i in 0..ROWS {
        text.push_str(&format!("Kunde {i};kunde{i}@example.no\r\n"));
    }
    let restarter = pg.clone();
    let server = &server;
    browser::run(|page| async move {
        let w = Journey::csv("kunder.csv", text)
            .to_review(&page, server)
            .await?;
        w.review_counts("1 200 klare").await?;
        // Continuing from the review saves.
        w.start_saving().await?;
        // The user is told the save is waiting, not that it failed.
        w.save_status("prøver igjen").await?;
        tokio::task::spawn_blocking(move || restarter.start()).await?;
        // The app's next retry may be up to 15 s away (its backoff), longer than
        // one readiness wait.
        let mut finished = Err(anyhow::anyhow!("never finished"));
        for _ in 0..3 {
            finished = w.save_status("Ferdig").await;
            if finished.is_ok() {
                break;
            }
        }
        finished?;
        w.ended_with(1200, 0, 0).await?;
        Ok(())
    })
    .await;

    let db = server.db().await;
    let (count, distinct): (i64, i64) =
        sqlx::query_as("SELECT COUNT(*), COUNT(DISTINCT lower(email)) FROM customers")
            .fetch_one(&db.pool)
            .await
            .unwrap();
    assert_eq!((count, distinct), (ROWS as i64, ROWS as i64));
    // A chunk sent again was the very same request.
    let mut bodies: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let imports = server.recorder.imports();
    assert!(
        imports.len() > ROWS.div_ceil(CHUNK_ROWS),
        "some chunk was sent again"
    );
    for request in imports {
        let key = request.idempotency_key.unwrap();
        let first = bodies.entry(key).or_insert_with(|| request.body.clone());
        assert_eq!(*first, request.body, "same key, same body");
    }
    let batches = sqlx::query("SELECT COUNT(*) FROM import_batches")
        .fetch_one(&db.pool)
        .await
        .unwrap()
        .get::<i64, _>(0);
    assert_eq!(batches, 1);
}
