//! Import throughput end to end: 100,000 generated customers sent in chunks of 1,000
//! over HTTP on loopback to the real server, on SQLite (a temporary file) and, when
//! `CUSTOMER_IMPORT_TEST_POSTGRES` names a server, on PostgreSQL: one client, then
//! four clients against one instance and against two instances on one database.
//! Prints rows/s, and how busy the host's processors were meanwhile: the bench, the
//! servers and the database share them, so a second instance can only add throughput
//! where one left processor time unused.
//! `cargo bench -p customer-import-server --bench import`; `CUSTOMER_IMPORT_BENCH_CHUNK`
//! sets the rows a chunk (1 to 5,000; the app sends 2,000).
#![allow(clippy::unwrap_used)]

use std::{collections::BTreeMap, time::Instant};

use customer_import_domain::wire::{ImportChunk, ImportResult, ImportRow, ProjectSummary, Verdict};
use customer_import_server::{Server, Settings};

const ROWS: u64 = 100_000;

/// Rows a chunk: 1,000 unless `CUSTOMER_IMPORT_BENCH_CHUNK` says otherwise.
fn chunk_rows() -> u64 {
    std::env::var("CUSTOMER_IMPORT_BENCH_CHUNK")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000)
}

fn chunk(start: u64, size: u64) -> ImportChunk {
    let rows = (start..(start + size).min(ROWS))
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
            ImportRow {
                row: i + 2,
                values,
                version: None,
            }
        })
        .collect();
    ImportChunk {
        files: Vec::new(),
        file: None,
        batch_id: None,
        create_missing_groups: false,
        file_name: None,
        file_rows: None,
        held_back: None,
        left_out: None,
        update: None,
        rows,
    }
}

/// Imports the rows over HTTP through `instances` servers on `database_url`, with
/// `clients` clients sending chunks at once (each server gets every `instances`-th
/// chunk); prints and answers rows/s.
async fn run(label: &str, database_url: &str, instances: usize, clients: usize) -> f64 {
    let mut bases = Vec::new();
    let mut token = String::new();
    for _ in 0..instances {
        let settings = Settings {
            demo: true,
            ..Settings::new("127.0.0.1:0".parse().unwrap(), database_url.to_owned())
        };
        let server = Server::prepare(&settings).await.unwrap();
        bases.push(format!("http://{}", server.local_addr().unwrap()));
        // The last instance's demo seeding names the tokens that hold for all.
        token = server.demo.as_ref().unwrap().admin.token.clone();
        tokio::spawn(server.serve(std::future::pending()));
    }
    let client = reqwest::Client::new();
    let projects: Vec<ProjectSummary> = client
        .get(format!("{}/api/projects", bases[0]))
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
    let size = chunk_rows();
    let chunks: Vec<Vec<u8>> = (0..ROWS.div_ceil(size))
        .map(|c| serde_json::to_vec(&chunk(c * size, size)).unwrap())
        .collect();
    let cpu_before = cpu_times();
    let queue = std::sync::Arc::new(std::sync::Mutex::new(chunks.into_iter().enumerate()));
    let started = Instant::now();
    let mut sending = Vec::new();
    for _ in 0..clients {
        let (queue, client, bases, token) =
            (queue.clone(), client.clone(), bases.clone(), token.clone());
        sending.push(tokio::spawn(async move {
            let mut created = 0;
            loop {
                let Some((c, body)) = queue.lock().unwrap().next() else {
                    return created;
                };
                let base = &bases[c % bases.len()];
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
        }));
    }
    let mut created = 0;
    for client in sending {
        created += client.await.unwrap();
    }
    let seconds = started.elapsed().as_secs_f64();
    let busy = match (cpu_before, cpu_times()) {
        (Some((busy0, all0)), Some((busy1, all1))) if all1 > all0 => {
            format!(
                "{:.0}%",
                100.0 * (busy1 - busy0) as f64 / (all1 - all0) as f64
            )
        }
        _ => "unknown".to_owned(),
    };
    assert_eq!(created as u64, ROWS);
    let rate = ROWS as f64 / seconds;
    println!(
        "{label}: {ROWS} rows in chunks of {size}, {instances} instance(s), {clients} client(s): {seconds:.2} s, {rate:.0} rows/s; host processors busy {busy} of {} cores",
        std::thread::available_parallelism().map_or(0, usize::from)
    );
    rate
}

/// The host's processor time so far, busy and in all, from the first line of
/// `/proc/stat` (Linux), in clock ticks summed over every core.
fn cpu_times() -> Option<(u64, u64)> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let ticks: Vec<u64> = stat
        .lines()
        .next()?
        .split_whitespace()
        .skip(1)
        .filter_map(|n| n.parse().ok())
        .collect();
    // user nice system idle iowait irq softirq steal: idle and iowait are not busy.
    let all: u64 = ticks.iter().take(8).sum();
    let idle = ticks.get(3)? + ticks.get(4).unwrap_or(&0);
    Some((all - idle, all))
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let sqlite = format!("sqlite://{}", dir.path().join("bench.db").display());
    run("SQLite", &sqlite, 1, 1).await;
    if let Ok(server) = std::env::var("CUSTOMER_IMPORT_TEST_POSTGRES") {
        let admin = sqlx::PgPool::connect(&server).await.unwrap();
        let (base, _) = server.rsplit_once('/').unwrap();
        // A fresh database for each measurement: the rows are the same every time.
        let mut fresh = 0;
        let mut database = || {
            fresh += 1;
            let name = format!("bench_{}_{fresh}", std::process::id());
            (name.clone(), format!("{base}/{name}"))
        };
        let mut measured = Vec::new();
        for (label, instances, clients) in [
            ("PostgreSQL", 1, 1),
            ("PostgreSQL", 1, 4),
            ("PostgreSQL", 2, 4),
        ] {
            let (name, url) = database();
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&admin)
                .await
                .unwrap();
            measured.push(run(label, &url, instances, clients).await);
        }
        println!(
            "PostgreSQL, four clients: two instances import {:.2}× one",
            measured[2] / measured[1]
        );
    }
}
