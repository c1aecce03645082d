//! Preparing the review of an import that updates, timed (`scripts/bench-browser.sh`
//! runs it after the save benchmark): the 100k-row customer CSV of `bench_files` is
//! saved once through the real app into the real server (a fresh SQLite file each
//! run), then picked again and mapped with "create new and update existing", so every
//! row with a valid e-mail matches the customer it created. Timed in the page from the
//! click on Continue on the mapping step until the review shows its counts: every row
//! checked, every key looked up on the server (5,000 a request), every row compared
//! with its customer. Prints each run and the median of three, and checks that the
//! review counted every saved customer as unchanged.
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
use journey::{Journey, Step, grouped};
use server::TestServer;

const RUNS: usize = 3;
const FILE: &str = "customers-100000.csv";

#[tokio::main]
async fn main() {
    let data = PathBuf::from(
        std::env::args()
            .nth(1)
            .expect("usage: browser_update_bench DATA_DIR"),
    );
    let csv = data.join(FILE);
    assert!(
        csv.is_file(),
        "{} is missing: run bench_files first",
        csv.display()
    );

    browser::run_as("browser update benchmark", |page| async move {
        let agent = page.client.execute("return navigator.userAgent", vec![]).await?;
        let mut runs = Vec::new();
        for run in 1..=RUNS {
            let (ms, counts) = compare_once(&page, &csv).await?;
            eprintln!("run {run}: review of {FILE} against its customers in {ms:.0} ms ({counts})");
            runs.push(ms);
        }
        runs.sort_by(f64::total_cmp);
        println!(
            "Machine: {}; browser: {}; one browser session, a fresh SQLite file each run",
            cpu(),
            agent.as_str().unwrap_or_default()
        );
        println!(
            "prepare the review of {FILE} matching existing customers (check, lookups, compare), from Continue to the counts: median {:.2} s of {RUNS} runs ({})",
            runs[RUNS / 2] / 1e3,
            runs.iter()
                .map(|ms| format!("{:.2} s", ms / 1e3))
                .collect::<Vec<_>>()
                .join(", "),
        );
        Ok(())
    })
    .await;
}

/// Saves the file into a fresh server, then times the review of the same file as an
/// import that updates: the milliseconds, and the counts it showed.
async fn compare_once(
    page: &browser::Page,
    csv: &std::path::Path,
) -> anyhow::Result<(f64, String)> {
    let server = TestServer::start().await;
    let db = server.db().await;
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
    let w = Journey::file(csv)
        .by_admin()
        .to_review(page, &server)
        .await?;
    w.review_counts("utelatt").await?;
    w.to_save().await?;
    let saved: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM customers WHERE project_id = $1")
        .bind(project)
        .fetch_one(&db.pool)
        .await?;

    // The same file again, to update the customers it created.
    w.click("#import-another").await?;
    w.arrived(Step::File).await?;
    w.pick(csv).await?;
    w.to_mapping().await?;
    w.choose_mode("create_and_update").await?;
    // Clicked from the page, and the counts seen from the page, so that the driver's
    // polling adds nothing to the time.
    page.client
        .execute(
            "window.__reviewMs = null;
             const start = performance.now();
             new MutationObserver((_, observer) => {
                 const counts = document.querySelector('[data-testid=review-counts]');
                 if (counts && counts.textContent.includes('uendret')) {
                     window.__reviewMs = performance.now() - start;
                     observer.disconnect();
                 }
             }).observe(document.body, { childList: true, subtree: true, characterData: true });
             document.getElementById('next').click();",
            vec![],
        )
        .await
        .context("click continue")?;
    let deadline = std::time::Instant::now() + Duration::from_secs(300);
    let ms = loop {
        let value = page
            .client
            .execute("return window.__reviewMs", vec![])
            .await?;
        if let Some(ms) = value.as_f64() {
            break ms;
        }
        if std::time::Instant::now() > deadline {
            bail!("no review after five minutes");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    let counts = w.review_counts("uendret").await?;
    let unchanged = format!("{} uendret", grouped(saved));
    if !counts.contains(&unchanged) {
        bail!("the review counted {counts:?}, not {unchanged:?}");
    }
    Ok((ms, counts))
}
