//! Saving from the browser, timed (`scripts/bench-browser.sh` builds what it needs and
//! runs it after the reading benchmark): the 100k-row customer CSV of `bench_files`
//! goes through the real app in headless Chromium into the real server, on a fresh
//! SQLite file each run, from the click that saves (Continue on the review) until the
//! save step says it is finished. The server is the one the browser tests start
//! (`tests/browser/support/server.rs`, which also records every request). Prints the machine,
//! the browser, each run and the median of three, and checks that every ready row was
//! created exactly once.
//!
//! Arguments: the data folder (with `customers-100000.csv`). The app is served from
//! `CUSTOMER_IMPORT_DIST` (else `dist/`).
#![allow(clippy::unwrap_used)]

#[allow(dead_code)] // the benchmark uses a few of the test helpers
#[path = "../tests/browser/support/browser.rs"]
mod browser;
#[allow(dead_code)]
#[path = "../tests/browser/support/journey.rs"]
mod journey;
#[allow(dead_code)]
#[path = "../tests/browser/support/server.rs"]
mod server;

use std::{path::PathBuf, time::Duration};

use anyhow::{Context, bail};
use browser::cpu;
use journey::Journey;
use server::TestServer;

const RUNS: usize = 3;
const FILE: &str = "customers-100000.csv";

#[tokio::main]
async fn main() {
    let data = PathBuf::from(
        std::env::args()
            .nth(1)
            .expect("usage: browser_save_bench DATA_DIR"),
    );
    let csv = data.join(FILE);
    assert!(
        csv.is_file(),
        "{} is missing: run bench_files first",
        csv.display()
    );

    browser::run_as("browser save benchmark", |page| async move {
        let agent = page.client.execute("return navigator.userAgent", vec![]).await?;
        let mut runs = Vec::new();
        for run in 1..=RUNS {
            let (ms, rows) = save_once(&page, &csv).await?;
            eprintln!("run {run}: {rows} rows saved in {ms:.0} ms");
            runs.push((ms, rows));
        }
        let mut times: Vec<f64> = runs.iter().map(|(ms, _)| *ms).collect();
        times.sort_by(f64::total_cmp);
        let median = times[RUNS / 2];
        let rows = runs[0].1;
        println!(
            "Machine: {}; browser: {}; one browser session, a fresh SQLite file each run",
            cpu(),
            agent.as_str().unwrap_or_default()
        );
        println!(
            "save {FILE} ({rows} ready rows) from the click to finished: median {:.2} s of {RUNS} runs ({}); {:.0} rows/s",
            median / 1e3,
            runs.iter()
                .map(|(ms, _)| format!("{:.2} s", ms / 1e3))
                .collect::<Vec<_>>()
                .join(", "),
            rows as f64 / (median / 1e3)
        );
        Ok(())
    })
    .await;
}

/// One save of the file into a fresh server: the milliseconds from the click to the
/// finished state, and how many rows were created.
async fn save_once(page: &browser::Page, csv: &std::path::Path) -> anyhow::Result<(f64, i64)> {
    let server = TestServer::start().await;
    let db = server.db().await;
    // The file's units (A-100 … A-499) exist, as they would in the project it was
    // written for: every row but the wrong e-mails (every 100th) should be ready.
    let project: i64 = sqlx::query_scalar("SELECT id FROM projects WHERE name = 'Fjordparken'")
        .fetch_one(&db.pool)
        .await?;
    for unit in 100..500 {
        sqlx::query(
            "INSERT INTO units (project_id, code) VALUES ($1, $2) ON CONFLICT (project_id, code) DO NOTHING",
        )
        .bind(project)
        .bind(format!("A-{unit}"))
        .execute(&db.pool)
        .await?;
    }

    let w = Journey::file(csv).to_header(page, &server).await?;
    w.header_counts("100 000 kunder").await?;
    w.to_review().await?;
    let counts = w.review_counts("utelatt").await?;
    // "99 000 klare · 1 000 med feil · 0 utelatt": the rows to save.
    let ready: i64 = counts
        .split("klare")
        .next()
        .unwrap_or_default()
        .chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .with_context(|| format!("ready rows in {counts:?}"))?;

    // Clicked from the page, and the end seen from the page, so that the driver's
    // polling adds nothing to the time.
    page.client
        .execute(
            "window.__saveMs = null;
             const start = performance.now();
             new MutationObserver((_, observer) => {
                 const status = document.querySelector('[data-testid=save-status]');
                 if (status && status.textContent.includes('Ferdig')) {
                     window.__saveMs = performance.now() - start;
                     observer.disconnect();
                 }
             }).observe(document.body, { childList: true, subtree: true, characterData: true });
             document.getElementById('next').click();",
            vec![],
        )
        .await
        .context("click save")?;
    let deadline = std::time::Instant::now() + Duration::from_secs(300);
    let ms = loop {
        let value = page
            .client
            .execute("return window.__saveMs", vec![])
            .await?;
        if let Some(ms) = value.as_f64() {
            break ms;
        }
        if std::time::Instant::now() > deadline {
            bail!("not finished after five minutes (review: {counts})");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    page.wait_for_text("[data-testid=save-summary]", "opprettet")
        .await?;
    let (created, distinct): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), COUNT(DISTINCT lower(email)) FROM customers WHERE project_id = $1",
    )
    .bind(project)
    .fetch_one(&db.pool)
    .await?;
    if created != ready || distinct != created {
        bail!("{created} customers created ({distinct} distinct e-mails), not {ready} once each");
    }
    Ok((ms, created))
}
