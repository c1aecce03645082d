//! The browser benchmark's driver (`scripts/bench-browser.sh` builds what it needs and
//! runs it). It serves the page (`bench/browser`), the generated files and the built
//! app (`dist/`, whose worker the page runs), opens the page in headless Chromium once
//! per measurement — every figure from a fresh page — and prints the medians as a
//! Markdown table. Every reader starts from the `File` and is told nothing: ours
//! (read, then read + map + validate, as the wizard asks its worker) against uDSV and
//! Papa Parse for CSV, SheetJS 0.20 and ExcelJS for xlsx. DuckDB-WASM is left out: its
//! npm package fetches its worker and wasm bundles from a CDN unless they are served
//! and configured by hand, which is not the equal work this measures.
//!
//! The limit line (issue 31): beside the peers, the browser's own ceiling (`limit`:
//! the `File`'s bytes through `arrayBuffer` and `TextDecoder`, nothing parsed) and, when
//! `scripts/bench-browser.sh` has run `crates/reading/examples/native_limit.rs` first,
//! its native figures (`DATA_DIR/native-limit.json`: csv-core's bare parse, calamine),
//! so that every figure also reads as a fraction of what the machine can do.
//!
//! Every reader is timed twice over: as a user's *first file*, each run in a browser
//! started for it alone (a fresh profile: no compiled wasm or script cached, no
//! warm-up; the first page a user opens), and as a *later file*, in the long session
//! after one run of ours that is not counted, where Chromium loads the optimised wasm
//! it cached (the table printed first). How busy the host was is printed per file.
//!
//! Then, for several files in one import (issue 29): the 100k-row CSV picked ten times
//! (read and reviewed as one import of ten files: time and the worker's memory per row,
//! against the file alone), and a unit column of 10,000 distinct spellings (listing
//! them with their suggested units, and mapping every one): the first run in a fresh
//! page, and the median of the next runs beside it.
//!
//! Arguments: the page folder, the data folder, the app's `dist` folder. `BENCH_ONLY`
//! names one file to time instead of all three; `BENCH_ONLY=several` times only the
//! several files and the spellings, `BENCH_ONLY=spellings` only the spellings.
#![allow(clippy::unwrap_used)]

#[allow(dead_code)] // the benchmark uses a few of the test helpers
#[path = "../tests/browser/support/browser.rs"]
mod browser;

#[path = "../bench/cpu_time.rs"]
mod cpu_time;

use std::{
    path::{Path, PathBuf},
    sync::{Arc, Mutex},
    time::Duration,
};

use anyhow::{Context, bail};
use axum::Router;
use browser::cpu;
use serde_json::Value;
use tower_http::services::ServeDir;

const RUNS: usize = 3;
/// Runs of each reader as a first file, each in a browser of its own.
const FIRST_RUNS: usize = 3;
/// The browser's ceiling: the page's task that only fetches and decodes the bytes.
const LIMIT: &str = "limit";
/// Discarded runs of ours before a file's figures (see `main`).
const WARM_UP_RUNS: usize = 1;
const CSV_100K: &str = "customers-100000.csv";
const CSV_1M: &str = "customers-1000000.csv";
const XLSX_100K: &str = "customers-100000.xlsx";

const CSV_PEERS: &[&str] = &["udsv", "papa", "papa-header"];
const XLSX_PEERS: &[&str] = &["sheetjs", "exceljs"];

/// (file, the peers that read it).
const FILES: [(&str, &[&str]); 3] = [
    (CSV_100K, CSV_PEERS),
    (CSV_1M, CSV_PEERS),
    (XLSX_100K, XLSX_PEERS),
];

#[tokio::main]
async fn main() {
    let folders: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let [page_dir, data_dir, dist_dir] = folders.as_slice() else {
        panic!("usage: browser_bench PAGE_DIR DATA_DIR DIST_DIR");
    };
    let app = Router::new()
        .nest_service("/data", ServeDir::new(data_dir))
        .nest_service("/app", ServeDir::new(dist_dir))
        .fallback_service(ServeDir::new(page_dir));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });

    browser::run_as("browser benchmark", |page| async move {
        let browser: String = page
            .client
            .execute("return navigator.userAgent", vec![])
            .await?
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let mut rows = Vec::new();
        let mut limit_rows = Vec::new();
        let native = native_limit(data_dir);
        // `BENCH_ONLY=customers-1000000.csv` times one file, for quick comparisons.
        let only = std::env::var("BENCH_ONLY").ok();
        for (file, peers) in FILES {
            if only.as_deref().is_some_and(|only| only != file) {
                continue;
            }
            let host = cpu_time::HostTicks::now();
            let tasks: Vec<&str> = ["ours-read", "ours-validate"]
                .into_iter()
                .chain(peers.iter().copied())
                .chain([LIMIT])
                .collect();
            let mut first = Vec::new();
            for task in &tasks {
                let mut runs = Vec::new();
                for _ in 0..FIRST_RUNS {
                    let url = format!("{base}/index.html?task={task}&file={file}");
                    runs.push(in_fresh_browser(url).await?);
                }
                eprintln!("{file} {task}, first file: {:?}", runs.iter().map(|r| r["ms"].as_f64()).collect::<Vec<_>>());
                first.push((*task, runs));
            }
            // Chromium runs a wasm function on baseline code until it is hot, and
            // keeps the optimised code for later loads: the worker's first run on the
            // 100k-row xlsx in a session reads it in about 340 ms, the next in 230.
            // Every figure below is of the optimised code, as a user runs it from
            // the second file on; the warm-up runs are not counted.
            for _ in 0..WARM_UP_RUNS {
                page.open(&format!("{base}/index.html?task=ours-validate&file={file}"))
                    .await?;
                result(&page).await?;
            }
            let mut figures = Vec::new();
            for task in &tasks {
                let mut runs = Vec::new();
                for _ in 0..RUNS {
                    page.open(&format!("{base}/index.html?task={task}&file={file}"))
                        .await?;
                    runs.push(result(&page).await?);
                }
                eprintln!("{file} {task}: {:?}", runs.iter().map(|r| r["ms"].as_f64()).collect::<Vec<_>>());
                for steps in runs.iter().filter_map(|r| r.get("steps")) {
                    eprintln!("  ms a message: {steps}");
                }
                figures.push((*task, runs));
            }
            let busy = cpu_time::busy_since(host);
            limit_rows.extend(limit_lines(file, &first, &figures, &native, &busy));
            // The first table is the peers' as before: the ceiling is not a peer.
            figures.retain(|(task, _)| *task != LIMIT);
            rows.push(row(file, &figures));
        }
        println!("Machine: {}; browser: {browser}; medians of {RUNS} runs, one browser session\n", cpu());
        if !rows.is_empty() {
            println!("| file | ours: read | ours: read + map + validate | ours: first rows shown | peers: parse from the File | fastest peer ÷ ours read | fastest peer ÷ ours read + map + validate | longest main-thread task, ours (none over 50 ms: 0) | ours: worker's wasm memory ÷ file size | peers: JS heap held ÷ file size |");
            println!("|---|---|---|---|---|---|---|---|---|---|");
            for row in rows {
                println!("{row}");
            }
            println!(
                "\nFirst file (each run in a browser of its own, median of {FIRST_RUNS}) and later file (the table above), and each as a fraction of the limit (limit's time ÷ this time: 1 is the limit). Browser ceiling: `File.arrayBuffer` + `TextDecoder`, nothing parsed. Native: {}\n",
                native.as_ref().map_or("not run (crates/reading/examples/native_limit.rs)".to_owned(), |n| format!("{}, host busy {} while it ran", n["machine"].as_str().unwrap_or("?"), n["host_busy"].as_str().unwrap_or("?")))
            );
            println!("| file | reader | first file | later file | first ÷ later | fastest peer ÷ this: first, later | browser ceiling ÷ this: first, later | native limit ÷ this: first, later | host busy during the file's runs |");
            println!("|---|---|---|---|---|---|---|---|---|");
            for row in limit_rows {
                println!("{row}");
            }
        }
        match only.as_deref() {
            None | Some("several" | "spellings") => several(&page, &base).await,
            Some(_) => Ok(()),
        }
    })
    .await;
}

/// The first run of `task` in a fresh page and the median of the [`RUNS`] after it.
async fn first_and_warm(
    page: &browser::Page,
    base: &str,
    query: &str,
) -> anyhow::Result<(Value, Vec<Value>)> {
    let mut runs = Vec::new();
    for _ in 0..=RUNS {
        page.open(&format!("{base}/index.html?{query}")).await?;
        runs.push(result(page).await?);
    }
    eprintln!(
        "{query}: {:?}",
        runs.iter().map(|r| r["ms"].as_f64()).collect::<Vec<_>>()
    );
    let first = runs.remove(0);
    Ok((first, runs))
}

/// The page at `url` in a browser started for it alone (a fresh profile: nothing
/// compiled or cached from an earlier page), as a user's first file.
async fn in_fresh_browser(url: String) -> anyhow::Result<Value> {
    let slot = Arc::new(Mutex::new(None));
    let kept = slot.clone();
    browser::run_as("browser benchmark, first file", |page| async move {
        page.open(&url).await?;
        *kept.lock().unwrap() = Some(result(&page).await?);
        Ok(())
    })
    .await;
    let value = slot.lock().unwrap().take();
    value.context("the fresh browser gave no result")
}

/// `native_limit`'s figures, when it ran (`DATA_DIR/native-limit.json`).
fn native_limit(data_dir: &Path) -> Option<Value> {
    let text = std::fs::read_to_string(data_dir.join("native-limit.json")).ok()?;
    serde_json::from_str(&text).ok()
}

/// The native limit's (reader, first run, median of the later runs, in ms) for `file`.
fn native_for(native: &Option<Value>, file: &str) -> Option<(String, f64, f64)> {
    let reader = native.as_ref()?["readers"]
        .as_array()?
        .iter()
        .find(|r| r["file"] == file && r["limit"] == true)?;
    Some((
        reader["reader"].as_str()?.to_owned(),
        reader["first_ms"].as_f64()?,
        reader["warm_ms"].as_f64()?,
    ))
}

/// A line for each reader of `file`: first and later, and each set against the
/// fastest peer, the browser's ceiling and the native limit.
fn limit_lines(
    file: &str,
    first: &[(&str, Vec<Value>)],
    later: &[(&str, Vec<Value>)],
    native: &Option<Value>,
    busy: &str,
) -> Vec<String> {
    let ms = |figures: &[(&str, Vec<Value>)], task: &str| {
        figures
            .iter()
            .find(|(t, _)| *t == task)
            .map_or(f64::NAN, |(_, runs)| median(runs, "ms"))
    };
    let fastest_peer = |figures: &[(&str, Vec<Value>)]| {
        figures
            .iter()
            .filter(|(t, _)| !t.starts_with("ours") && *t != LIMIT)
            .map(|(_, runs)| median(runs, "ms"))
            .fold(f64::INFINITY, f64::min)
    };
    let (peer_first, peer_later) = (fastest_peer(first), fastest_peer(later));
    let (ceiling_first, ceiling_later) = (ms(first, LIMIT), ms(later, LIMIT));
    let native = native_for(native, file);
    let mut lines: Vec<String> = first
        .iter()
        .map(|(task, _)| {
            let (f, l) = (ms(first, task), ms(later, task));
            let native = native.as_ref().map_or("not run".to_owned(), |(_, nf, nl)| {
                format!("{:.2}, {:.2}", nf / f, nl / l)
            });
            format!(
                "| {file} | {} | {f:.0} ms | {l:.0} ms | {:.2} | {:.2}×, {:.2}× | {:.2}, {:.2} | {native} | {busy} |",
                reader_name(task),
                f / l,
                peer_first / f,
                peer_later / l,
                ceiling_first / f,
                ceiling_later / l,
            )
        })
        .collect();
    if let Some((reader, nf, nl)) = native {
        lines.push(format!(
            "| {file} | native: {reader} (release build; first run, median of the next) | {nf:.0} ms | {nl:.0} ms | {:.2} | | | 1, 1 | |",
            nf / nl
        ));
    }
    lines
}

/// Several files in one import, and values mapped to the project's lists (issue 29).
async fn several(page: &browser::Page, base: &str) -> anyhow::Result<()> {
    let only_spellings = std::env::var("BENCH_ONLY").is_ok_and(|o| o == "spellings");
    if !only_spellings {
        ten_files(page, base).await?;
    }
    spellings(page, base).await
}

/// The 100k-row CSV as one file, and picked ten times as one import.
async fn ten_files(page: &browser::Page, base: &str) -> anyhow::Result<()> {
    let one = format!("task=ours-files&file={CSV_100K}&files=1");
    let ten = format!("task=ours-files&file={CSV_100K}&files=10");
    let (one_first, one_warm) = first_and_warm(page, base, &one).await?;
    let (ten_first, ten_warm) = first_and_warm(page, base, &ten).await?;
    let per_row =
        |r: &Value| r["wasm_bytes"].as_f64().unwrap_or(0.0) / r["rows"].as_f64().unwrap_or(1.0);
    println!(
        "\n| import | rows | read + map + validate, first page | same, median of the next {RUNS} | worker's wasm memory a row |"
    );
    println!("|---|---|---|---|---|");
    for (name, first, warm) in [
        ("1 file of 100k rows", &one_first, &one_warm),
        ("10 files of 100k rows", &ten_first, &ten_warm),
    ] {
        println!(
            "| {name} | {} | {:.0} ms | {:.0} ms | {:.0} B |",
            first["rows"],
            first["ms"].as_f64().unwrap_or(0.0),
            median(warm, "ms"),
            per_row(first),
        );
    }
    Ok(())
}

/// A unit column of 10,000 distinct spellings mapped to units in the worker.
async fn spellings(page: &browser::Page, base: &str) -> anyhow::Result<()> {
    let (first, warm) = first_and_warm(page, base, "task=ours-spellings").await?;
    println!(
        "\n| value mapping in the worker | spellings | list with suggestions, first page | map every one, first page | both, median of the next {RUNS} |"
    );
    println!("|---|---|---|---|---|");
    println!(
        "| a unit column of 10,000 rows against 2,500 units | {} ({} suggested, {} rows left with problems) | {:.0} ms | {:.0} ms | {:.0} ms |",
        first["count"],
        first["suggested"],
        first["problems_left"],
        first["spellings_ms"].as_f64().unwrap_or(0.0),
        first["choose_ms"].as_f64().unwrap_or(0.0),
        median(&warm, "ms"),
    );
    Ok(())
}

/// The page's JSON result, once it is there.
async fn result(page: &browser::Page) -> anyhow::Result<Value> {
    let wait = std::env::var("BENCH_WAIT_S")
        .ok()
        .and_then(|s| s.parse().ok());
    let deadline = std::time::Instant::now() + Duration::from_secs(wait.unwrap_or(600));
    loop {
        let text = page
            .client
            .execute(
                "return document.getElementById('result')?.textContent ?? ''",
                vec![],
            )
            .await?;
        let text = text.as_str().unwrap_or_default();
        if !text.is_empty() {
            let value: Value = serde_json::from_str(text).context("the page's result")?;
            if let Some(error) = value.get("error") {
                bail!("the page failed: {error}");
            }
            return Ok(value);
        }
        if std::time::Instant::now() > deadline {
            let title = page.client.execute("return document.title", vec![]).await?;
            bail!("no result after ten minutes; the page says {title}");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// The median of `key` over the runs.
fn median(runs: &[Value], key: &str) -> f64 {
    let mut values: Vec<f64> = runs.iter().filter_map(|r| r[key].as_f64()).collect();
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

/// The name of any task's reader in the limit table.
fn reader_name(task: &str) -> &'static str {
    match task {
        "ours-read" => "ours: read",
        "ours-validate" => "ours: read + map + validate",
        LIMIT => "browser ceiling: File.arrayBuffer + TextDecoder",
        peer => peer_name(peer),
    }
}

fn peer_name(task: &str) -> &'static str {
    match task {
        "udsv" => "uDSV 0.7.3",
        "papa" => "Papa Parse 5.7.1",
        "papa-header" => "Papa Parse 5.7.1 (header: true)",
        "sheetjs" => "SheetJS 0.20.3 dense",
        "exceljs" => "ExcelJS 4.4.0",
        _ => "?",
    }
}

fn row(file: &str, figures: &[(&str, Vec<Value>)]) -> String {
    let [(_, read), (_, validate), peers @ ..] = figures else {
        unreachable!("ours twice, then the peers")
    };
    let file_bytes = median(read, "file_bytes");
    let fastest = peers
        .iter()
        .map(|(_, runs)| median(runs, "ms"))
        .fold(f64::INFINITY, f64::min);
    let timed = peers
        .iter()
        .map(|(task, runs)| format!("{}: {:.0} ms", peer_name(task), median(runs, "ms")))
        .collect::<Vec<_>>()
        .join("; ");
    let heaps = peers
        .iter()
        .map(|(task, runs)| {
            format!(
                "{}: {:.2}",
                peer_name(task),
                median(runs, "js_heap_bytes") / file_bytes
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    format!(
        "| {file} ({:.1} MB) | {:.0} ms | {:.0} ms | {:.0} ms | {timed} | {:.2}× | {:.2}× | {:.0} ms | {:.2} | {heaps} |",
        file_bytes / 1e6,
        median(read, "ms"),
        median(validate, "ms"),
        median(read, "first_preview_ms"),
        fastest / median(read, "ms"),
        fastest / median(validate, "ms"),
        median(validate, "longest_task_ms"),
        median(validate, "wasm_bytes") / file_bytes,
    )
}
