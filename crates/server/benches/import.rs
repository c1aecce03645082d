//! Import throughput end to end: 100,000 generated customers sent in chunks of 1,000
//! over HTTP on loopback to the real server, on SQLite (a temporary file) and, when
//! `CUSTOMER_IMPORT_TEST_POSTGRES` names a server, on PostgreSQL. Prints rows/s.
//! `cargo bench -p customer-import-server --bench import`
#![allow(clippy::unwrap_used)]

use std::{collections::BTreeMap, time::Instant};

use customer_import_domain::wire::{ImportChunk, ImportResult, ImportRow, ProjectSummary, Verdict};
use customer_import_server::{Server, Settings};

const ROWS: u64 = 100_000;
const CHUNK: u64 = 1_000;

fn chunk(start: u64) -> ImportChunk {
    let rows = (start..start + CHUNK)
        .map(|i| {
            let values: BTreeMap<String, String> = [
                ("name", format!("Kunde {i}")),
                ("email", format!("kunde{i}@example.no")),
                ("phone", format!("9{:07}", i % 10_000_000)),
                (
                    "birth_date",
                    format!("{:02}.{:02}.{}", 1 + i % 28, 1 + i % 12, 1950 + i % 50),
                ),
                ("address", format!("Storgata {}", 1 + i % 200)),
                ("postal_code", format!("{:04}", i % 10_000)),
                ("city", "Oslo".to_owned()),
                (
                    "unit",
                    ["A-101", "A-102", "B-201"][(i % 3) as usize].to_owned(),
                ),
                ("external_id", format!("K-{i}")),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect();
            ImportRow { row: i + 2, values }
        })
        .collect();
    ImportChunk {
        batch_id: None,
        create_missing_groups: false,
        file_name: None,
        rows,
    }
}

async fn run(label: &str, database_url: String) {
    let settings = Settings {
        demo: true,
        ..Settings::new("127.0.0.1:0".parse().unwrap(), database_url)
    };
    let server = Server::prepare(&settings).await.unwrap();
    let base = format!("http://{}", server.local_addr().unwrap());
    let token = server.demo.as_ref().unwrap().admin.token.clone();
    tokio::spawn(server.serve(std::future::pending()));
    let client = reqwest::Client::new();
    let projects: Vec<ProjectSummary> = client
        .get(format!("{base}/api/projects"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let project = projects
        .iter()
        .find(|p| p.name == "Fjordparken")
        .unwrap()
        .id;
    let chunks: Vec<Vec<u8>> = (0..ROWS / CHUNK)
        .map(|c| serde_json::to_vec(&chunk(c * CHUNK)).unwrap())
        .collect();
    let started = Instant::now();
    let mut created = 0;
    for (c, body) in chunks.into_iter().enumerate() {
        let result: ImportResult = client
            .post(format!("{base}/api/projects/{project}/import"))
            .bearer_auth(&token)
            .header("idempotency-key", format!("bench-{c}"))
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        created += result
            .verdicts
            .iter()
            .filter(|v| matches!(v, Verdict::Created { .. }))
            .count();
    }
    let seconds = started.elapsed().as_secs_f64();
    assert_eq!(created as u64, ROWS);
    println!(
        "{label}: {ROWS} rows in chunks of {CHUNK}: {seconds:.2} s, {:.0} rows/s",
        ROWS as f64 / seconds
    );
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    run(
        "SQLite",
        format!("sqlite://{}", dir.path().join("bench.db").display()),
    )
    .await;
    if let Ok(server) = std::env::var("CUSTOMER_IMPORT_TEST_POSTGRES") {
        let admin = sqlx::PgPool::connect(&server).await.unwrap();
        let name = format!("bench_{}", std::process::id());
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&admin)
            .await
            .unwrap();
        let (base, _) = server.rsplit_once('/').unwrap();
        run("PostgreSQL", format!("{base}/{name}")).await;
    }
}
