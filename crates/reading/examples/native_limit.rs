//! The native limit of the browser benchmark (issue 31): the benchmark's own files read
//! natively on this machine, so that the worker's figures in the browser read as a
//! fraction of what the hardware does. csv-core's bare parse of the CSVs (records
//! and fields counted, nothing kept; told the `;`), from the bytes in memory and from
//! the file (through the page cache: dropping it would disturb the host's other
//! users); our own reader on the same file (it finds the encoding and the delimiter
//! and keeps every cell, as the worker does); calamine's `worksheet_range` of the
//! 100k-row xlsx and our reader on it.
//!
//! Each is run [`RUNS`] times in this process: the first run is printed apart (no
//! warm-up: page faults, the allocator's first growth) and the median of the rest
//! beside it. Writes the figures to `DATA_DIR/native-limit.json` too, where the
//! browser benchmark's driver finds them to print ours as a fraction of the limit.
//!
//! `cargo run --release -p customer-import-reading --example native_limit -- DATA_DIR`
//! (`scripts/bench-browser.sh` runs it after writing the files).
#![allow(clippy::unwrap_used)]

#[path = "../../../bench/cpu_time.rs"]
mod cpu_time;

use std::{
    hint::black_box,
    io::Cursor,
    path::{Path, PathBuf},
    time::Instant,
};

use calamine::{Reader, Xlsx};
use csv_core::{ReadRecordResult, ReaderBuilder};
use customer_import_reading::read::{Book, ReadOptions, read_file, read_file_owned};
use serde_json::json;

/// Runs of each reader: the first, then the median of the others.
const RUNS: usize = 6;
const CSV_100K: &str = "customers-100000.csv";
const CSV_1M: &str = "customers-1000000.csv";
const XLSX_100K: &str = "customers-100000.xlsx";

/// A reader's runs: the first and the median of the rest, in ms.
struct Timed {
    first_ms: f64,
    warm_ms: f64,
    /// Records (rows) it found, to show that each did the whole file.
    rows: u64,
}

/// Runs `read` [`RUNS`] times on what `setup` makes untimed; it answers the rows it
/// found.
fn timed<I>(mut setup: impl FnMut() -> I, mut read: impl FnMut(I) -> u64) -> Timed {
    let mut ms = Vec::new();
    let mut rows = 0;
    for _ in 0..RUNS {
        let input = setup();
        let start = Instant::now();
        rows = black_box(read(input));
        ms.push(start.elapsed().as_secs_f64() * 1e3);
    }
    let first_ms = ms.remove(0);
    ms.sort_by(f64::total_cmp);
    Timed {
        first_ms,
        warm_ms: ms[ms.len() / 2],
        rows,
    }
}

/// csv-core over `bytes`: (records, fields), each field's bytes written to a scratch
/// buffer and dropped, as the least a CSV parser must do.
fn csv_core_count(bytes: &[u8]) -> (u64, u64) {
    let mut reader = ReaderBuilder::new().delimiter(b';').build();
    let (mut out, mut ends) = (vec![0u8; 1 << 16], vec![0usize; 64]);
    let (mut input, mut written, mut ended) = (bytes, 0, 0);
    let (mut records, mut fields) = (0, 0);
    loop {
        let (result, read, out_n, ends_n) =
            reader.read_record(input, &mut out[written..], &mut ends[ended..]);
        input = &input[read..];
        (written, ended) = (written + out_n, ended + ends_n);
        match result {
            // Whole file given: an empty input next tells csv-core the file has ended.
            ReadRecordResult::InputEmpty => {}
            ReadRecordResult::OutputFull => out.resize(out.len() * 2, 0),
            ReadRecordResult::OutputEndsFull => ends.resize(ends.len() * 2, 0),
            ReadRecordResult::Record => {
                records += 1;
                fields += ended as u64;
                (written, ended) = (0, 0);
            }
            ReadRecordResult::End => return (records, fields),
        }
    }
}

/// The rows our reader found in the sheet the wizard would start with.
fn ours_rows(book: &Book) -> u64 {
    book.sheets[book.default_sheet()].rows() as u64
}

/// A reader's figures: (file, reader, the file's path, its runs).
type Figure<'a> = (&'a str, &'static str, PathBuf, Timed);

/// The CSV file `name` in `dir` through csv-core and through ours, from memory and
/// from the file.
fn csv_readers<'a>(dir: &Path, name: &'a str, options: &ReadOptions) -> Vec<Figure<'a>> {
    let path = dir.join(name);
    let bytes = std::fs::read(&path).unwrap();
    let (records, fields) = csv_core_count(&bytes);
    eprintln!("{name}: csv-core finds {records} records, {fields} fields");
    let from_file = || std::fs::read(&path).unwrap();
    vec![
        (
            name,
            "csv-core bare parse, from memory",
            path.clone(),
            timed(|| (), |()| csv_core_count(&bytes).0),
        ),
        (
            name,
            "csv-core bare parse, from the file",
            path.clone(),
            timed(|| (), |()| csv_core_count(&from_file()).0),
        ),
        (
            name,
            "ours (read_file_owned), from memory",
            path.clone(),
            // The copy the reader owns is made outside the timing, as the criterion
            // bench does; the worker owns the bytes it reads too.
            timed(
                || bytes.clone(),
                |owned| ours_rows(&read_file_owned(owned, name, options).unwrap()),
            ),
        ),
        (
            name,
            "ours (read_file_owned), from the file",
            path.clone(),
            timed(
                || (),
                |()| ours_rows(&read_file_owned(from_file(), name, options).unwrap()),
            ),
        ),
    ]
}

/// The xlsx file `name` in `dir` through calamine's own sheet reading and through ours.
fn xlsx_readers<'a>(dir: &Path, name: &'a str, options: &ReadOptions) -> Vec<Figure<'a>> {
    let path = dir.join(name);
    let bytes = std::fs::read(&path).unwrap();
    vec![
        (
            name,
            "calamine worksheet_range, from memory",
            path.clone(),
            timed(
                || (),
                |()| {
                    let mut book = Xlsx::new(Cursor::new(&bytes[..])).unwrap();
                    book.worksheet_range_at(0).unwrap().unwrap().height() as u64
                },
            ),
        ),
        (
            name,
            "ours (read_file), from memory",
            path.clone(),
            timed(
                || (),
                |()| ours_rows(&read_file(&bytes, name, options).unwrap()),
            ),
        ),
    ]
}

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).expect("the data folder"));
    let options = ReadOptions::default();
    let host = cpu_time::HostTicks::now();
    let mut readers = csv_readers(&dir, CSV_100K, &options);
    readers.extend(csv_readers(&dir, CSV_1M, &options));
    readers.extend(xlsx_readers(&dir, XLSX_100K, &options));
    let busy = cpu_time::busy_since(host);

    println!(
        "Native limit, {} (release build), {RUNS} runs each in one process, host processors busy {busy} meanwhile\n",
        cpu_time::machine()
    );
    println!(
        "| file | reader | rows | first run | median of the next {} | MB/s (median) |",
        RUNS - 1
    );
    println!("|---|---|---|---|---|---|");
    let mut figures = Vec::new();
    for (file, reader, path, t) in &readers {
        let megabytes = std::fs::metadata(path).unwrap().len() as f64 / 1e6;
        println!(
            "| {file} ({megabytes:.1} MB) | {reader} | {} | {:.0} ms | {:.0} ms | {:.0} |",
            t.rows,
            t.first_ms,
            t.warm_ms,
            megabytes / (t.warm_ms / 1e3)
        );
        // The limit a browser figure is set against: the bare parser from memory (the
        // worker reads a `File` the browser holds).
        let limit = reader.ends_with("from memory") && !reader.starts_with("ours");
        figures.push(json!({
            "file": file, "reader": reader, "limit": limit,
            "first_ms": t.first_ms, "warm_ms": t.warm_ms, "rows": t.rows,
        }));
    }
    let report = json!({ "machine": cpu_time::machine(), "host_busy": busy, "readers": figures });
    std::fs::write(dir.join("native-limit.json"), report.to_string()).unwrap();
}
