//! The soak's browser (crates/soak starts it; scripts/soak.sh builds it): the real app
//! in headless Chromium, driven by the browser tests' journey helpers, against the
//! soak's servers behind their load balancer while the faults strike.
//!
//! - `soak_browser import APP_URL FILE`: picks the file on the project Elvebredden,
//!   goes on to the review, saves, waits for the end however long the storm makes it,
//!   and prints what the end showed as one JSON line: `{"created": n, "refused": n,
//!   "held_back": n, "not_sent": n}`.
//! - `soak_browser undo APP_URL BATCH`: undoes import `BATCH` from the history on the
//!   project step and prints `{"undone": BATCH}` once the app says it is undone.
//!
//! `APP_URL` is the app's address with its token (`…/?lang=nb#token=…`). A failure
//! exits non-zero with what the page showed last.
#![allow(clippy::unwrap_used)]

#[allow(dead_code)] // the soak uses a few of the test helpers
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
use fantoccini::Locator;
use journey::{Journey, Step};

/// The project the soak's portal provisions, by its name.
const PROJECT: &str = "Elvebredden";

/// How long an import may take under the storm before the soak calls it a hang.
const SAVE_PATIENCE: Duration = Duration::from_secs(1_800);

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [mode, url, what] = &args[..] else {
        panic!("usage: soak_browser import APP_URL FILE | undo APP_URL BATCH");
    };
    let (mode, url, what) = (mode.clone(), url.clone(), what.clone());
    browser::run_as(&format!("soak-{mode}"), |page| async move {
        let line = match mode.as_str() {
            "import" => import(&page, &url, PathBuf::from(what)).await?,
            "undo" => undo(&page, &url, what.parse()?).await?,
            other => bail!("no such mode {other}"),
        };
        println!("{line}");
        Ok(())
    })
    .await;
}

async fn import(page: &browser::Page, url: &str, file: PathBuf) -> anyhow::Result<String> {
    // As a user would: a page that did not load (the storm cut the app's download, and
    // the page stays blank) or a step that never came is loaded again and walked again,
    // up to the save, which is never started twice.
    let mut tries = 1;
    let w = loop {
        match to_review(page, url, &file).await {
            Ok(w) => break w,
            Err(e) if tries < 10 => {
                eprintln!("soak_browser: try {tries} to reach the review: {e:#}; loading again");
                tries += 1;
                tokio::time::sleep(Duration::from_secs(2)).await;
            }
            Err(e) => return Err(e),
        }
    };
    w.start_saving().await?;
    // The storm may stretch the save far beyond one readiness wait.
    let started = std::time::Instant::now();
    while page
        .client
        .find_all(Locator::Css("[data-testid=end-counts] dd"))
        .await?
        .is_empty()
    {
        if started.elapsed() > SAVE_PATIENCE {
            let status = page.texts("[data-testid=save-status]").await?;
            bail!("the save never ended; its status: {status:?}");
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    let mut counts = serde_json::Map::new();
    for dd in page
        .client
        .find_all(Locator::Css("[data-testid=end-counts] dd"))
        .await?
    {
        let outcome = dd.attr("data-outcome").await?.unwrap_or_default();
        let n: u64 = dd
            .attr("data-n")
            .await?
            .unwrap_or_default()
            .parse()
            .with_context(|| format!("the count of {outcome}"))?;
        let name = outcome.strip_prefix("end.").unwrap_or(&outcome).to_owned();
        counts.insert(name, n.into());
    }
    Ok(serde_json::Value::Object(counts).to_string())
}

async fn to_review<'p>(
    page: &'p browser::Page,
    url: &str,
    file: &std::path::Path,
) -> anyhow::Result<journey::Wizard<'p>> {
    // The same address again would only move to its fragment: leave, then load.
    page.open("about:blank").await?;
    let w = Journey::file(file)
        .into_project(PROJECT)
        .open_at(page, url)
        .await?;
    w.to(Step::File).await?;
    w.pick(file).await?;
    w.to_review().await?;
    Ok(w)
}

async fn undo(page: &browser::Page, url: &str, batch: i64) -> anyhow::Result<String> {
    let started = std::time::Instant::now();
    // As a user would: when the page or the undo fails (the storm took an answer),
    // open the history again and ask again.
    loop {
        match undo_once(page, url, batch).await {
            Ok(true) => return Ok(serde_json::json!({ "undone": batch }).to_string()),
            Ok(false) if started.elapsed() < SAVE_PATIENCE => {
                eprintln!("soak_browser: the undo of {batch} failed; asking again")
            }
            Ok(false) => bail!("the undo of {batch} was refused until the end"),
            Err(e) if started.elapsed() < SAVE_PATIENCE => {
                eprintln!("soak_browser: the undo of {batch}: {e:#}; asking again")
            }
            Err(e) => return Err(e),
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
}

/// One try: whether the app says import `batch` is undone.
async fn undo_once(page: &browser::Page, url: &str, batch: i64) -> anyhow::Result<bool> {
    let line = format!("[data-testid=history-row][data-batch='{batch}']");
    // The same address again would only move to its fragment: leave, then load.
    page.open("about:blank").await?;
    page.open(url).await?;
    page.wait_for_text("#project", PROJECT).await?;
    let shown = page.wait_for_text(&line, "").await?;
    // "Angret <when> av <who>": an earlier try (or the soak's other undoer) did it.
    if shown.contains("Angret ") {
        return Ok(true);
    }
    page.click(&format!("{line} [data-testid=undo]")).await?;
    let question = page.texts("[data-testid=undo-confirm]").await?.concat();
    eprintln!("soak_browser: undoing {batch}: {question}");
    page.click("[data-testid=undo-confirm]").await?;
    // Told in the dialog, and in the history's line once it is read again.
    let started = std::time::Instant::now();
    loop {
        let heading = page.texts("#undo-heading").await?.concat();
        let result = page.texts("[data-testid=undo-result]").await?.concat();
        let status = page.texts(&line).await?.concat();
        if heading.contains("er angret")
            || result.contains("allerede angret")
            || status.contains("Angret ")
        {
            return Ok(true);
        }
        if heading.contains("ikke angret") {
            eprintln!("soak_browser: the undo of {batch} was refused: {result}");
            return Ok(false);
        }
        if started.elapsed() > Duration::from_secs(120) {
            bail!("the undo of {batch} never ended: {heading:?} {result:?} {status:?}");
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}
