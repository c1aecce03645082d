//! Import throughput end to end: 100,000 generated customers sent in chunks of 1,000
//! over HTTP on loopback to the real server, on SQLite (a temporary file) and, when
//! `CUSTOMER_IMPORT_TEST_POSTGRES` names a server, on PostgreSQL: one client, then
//! four clients against one instance and against two instances on one database.
//! Prints rows/s, and how busy the host's processors were meanwhile: the bench, the
//! servers and the database share them, so a second instance can only add throughput
//! where one left processor time unused.
//!
//! And where that time went, in cores: each instance, the clients, the rest of the
//! host (PostgreSQL, and whatever else runs there). Each instance runs on a tokio
//! runtime of its own whose threads (workers and blocking ones) carry its name, and
//! its processor time is summed from `/proc/self/task/<tid>/stat` over those threads.
//! That is the simplest honest split: the instances stay in this process, configured
//! as before (separate processes of the server binary would need their own start-up,
//! demo tokens and shutdown), and a thread's time is the kernel's own count. The
//! runtimes keep their blocking threads for the whole run, so none ends uncounted;
//! SQLite's own threads (sqlx's, in process) are counted apart. Each instance has as
//! many worker threads as the host has cores, as a deployed one would; before, they
//! all shared the bench's runtime with the clients.
//!
//! `cargo bench -p customer-import-server --bench import`; `CUSTOMER_IMPORT_BENCH_CHUNK`
//! sets the rows a chunk (1 to 5,000; the app sends 2,000).
#![allow(clippy::unwrap_used)]

use std::{collections::BTreeMap, time::Instant};

#[path = "../../../bench/cpu_time.rs"]
mod cpu_time;

use customer_import_domain::wire::{ImportChunk, ImportResult, ImportRow, ProjectSummary, Verdict};
use customer_import_server::{Server, Settings};
use tokio::runtime::Runtime;

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
    let mut runtimes = Vec::new();
    for i in 0..instances {
        let (runtime, base, admin) = start_instance(i, database_url).await;
        bases.push(base);
        // The last instance's demo seeding names the tokens that hold for all.
        token = admin;
        runtimes.push(runtime);
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
    let host_before = cpu_time::HostTicks::now();
    let threads_before = Threads::now(instances);
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
    let busy = cpu_time::busy_since(host_before);
    let host_after = cpu_time::HostTicks::now();
    let spent = Threads::now(instances).since(&threads_before);
    assert_eq!(created as u64, ROWS);
    let rate = ROWS as f64 / seconds;
    println!(
        "{label}: {ROWS} rows in chunks of {size}, {instances} instance(s), {clients} client(s): {seconds:.2} s, {rate:.0} rows/s; host processors busy {busy} of {} cores",
        std::thread::available_parallelism().map_or(0, usize::from)
    );
    let host_busy = match (host_before, host_after) {
        (Some(before), Some(after)) => Some(after.busy - before.busy),
        _ => None,
    };
    println!("  {}", spent.in_cores(seconds, host_busy));
    for runtime in runtimes {
        runtime.shutdown_background();
    }
    rate
}

/// Starts instance `i` on `database_url` on a runtime of its own, whose threads are
/// named `instance-{i}` (see the module doc); answers the runtime, the instance's base
/// URL and the demo admin's token.
async fn start_instance(i: usize, database_url: &str) -> (Runtime, String, String) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .thread_name(instance_thread(i))
        // Its blocking threads (the rows' checks) live through the run: an ended
        // thread's time could not be counted.
        .thread_keep_alive(std::time::Duration::from_secs(3600))
        .enable_all()
        .build()
        .unwrap();
    let settings = Settings {
        demo: true,
        ..Settings::new("127.0.0.1:0".parse().unwrap(), database_url.to_owned())
    };
    let (started, ready) = tokio::sync::oneshot::channel();
    runtime.spawn(async move {
        // Prepared on its own runtime, so that its pool's tasks run there too.
        let server = Server::prepare(&settings).await.unwrap();
        let base = format!("http://{}", server.local_addr().unwrap());
        let token = server.demo.as_ref().unwrap().admin.token.clone();
        let _ = started.send((base, token));
        server.serve(std::future::pending()).await
    });
    let (base, token) = ready.await.unwrap();
    (runtime, base, token)
}

/// The name of instance `i`'s threads (Linux keeps 15 bytes of it).
fn instance_thread(i: usize) -> String {
    format!("instance-{i}")
}

/// Processor time in clock ticks: each instance's threads, SQLite's threads and this
/// whole process (the clients are the rest of it).
struct Threads {
    instances: Vec<u64>,
    sqlite: u64,
    process: u64,
}

impl Threads {
    fn now(instances: usize) -> Threads {
        Threads {
            instances: (0..instances)
                .map(|i| cpu_time::threads_ticks(|name| name == instance_thread(i)))
                .collect(),
            sqlite: cpu_time::threads_ticks(|name| name.starts_with("sqlx-sqlite")),
            process: cpu_time::process_ticks(),
        }
    }

    fn since(&self, before: &Threads) -> Threads {
        Threads {
            instances: self
                .instances
                .iter()
                .zip(&before.instances)
                .map(|(now, then)| now - then)
                .collect(),
            sqlite: self.sqlite - before.sqlite,
            process: self.process - before.process,
        }
    }

    /// Where the time went, in cores (processor seconds a second) over `seconds`;
    /// `host_busy` is the whole host's busy ticks meanwhile.
    fn in_cores(&self, seconds: f64, host_busy: Option<u64>) -> String {
        let hz = cpu_time::ticks_per_second();
        let cores = |ticks: u64| ticks as f64 / hz / seconds;
        let mut parts: Vec<String> = self
            .instances
            .iter()
            .enumerate()
            .map(|(i, &ticks)| format!("instance {} {:.2}", i + 1, cores(ticks)))
            .collect();
        if self.sqlite > 0 {
            parts.push(format!("SQLite's threads {:.2}", cores(self.sqlite)));
        }
        let servers: u64 = self.instances.iter().sum::<u64>() + self.sqlite;
        parts.push(format!(
            "the clients (the rest of this process) {:.2}",
            cores(self.process.saturating_sub(servers))
        ));
        if let Some(host) = host_busy {
            parts.push(format!(
                "the rest of the host (PostgreSQL, anything else) {:.2}",
                cores(host.saturating_sub(self.process))
            ));
        }
        format!("processor time in cores: {}", parts.join("; "))
    }
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
