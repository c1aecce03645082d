//! What a portal's page downloads for the wizard, gzipped as a server sends it (level
//! 9), held to budgets, so that it grows only by a decision and never unnoticed (it
//! once passed its 500 KB budget by 190 KB over a week of features, seen only by
//! measuring by hand). The budgets are today's sizes with a little room; issue 31 aims
//! at 400 KB for the first download and 600 KB for the worker. Raising one is a
//! decision to write in the README's Performance table.
#![allow(clippy::unwrap_used)]

use std::{io::Write, path::Path};

use flate2::{Compression, write::GzEncoder};

use crate::support::server::built_app;

/// The first download: the page, its script, its wasm and its style.
const FIRST_DOWNLOAD_BUDGET: usize = 650_000;
/// The worker, loaded while the user looks for the file.
const WORKER_BUDGET: usize = 840_000;

/// The gzipped sizes of the files in `dist` whose names `pick` takes, by name.
fn gzipped(dist: &Path, pick: impl Fn(&str) -> bool) -> Vec<(String, usize)> {
    let mut sizes: Vec<(String, usize)> = std::fs::read_dir(dist)
        .unwrap()
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| pick(name))
        .map(|name| {
            let mut gzip = GzEncoder::new(Vec::new(), Compression::best());
            gzip.write_all(&std::fs::read(dist.join(&name)).unwrap())
                .unwrap();
            let size = gzip.finish().unwrap().len();
            (name, size)
        })
        .collect();
    sizes.sort();
    sizes
}

fn within(what: &str, sizes: &[(String, usize)], budget: usize, expected_files: usize) {
    assert_eq!(sizes.len(), expected_files, "{what}: {sizes:?}");
    let total: usize = sizes.iter().map(|(_, size)| size).sum();
    assert!(
        total <= budget,
        "{what} is {total} B gzipped, over its budget of {budget} B: {sizes:?}"
    );
}

#[test]
fn the_first_download_and_the_worker_stay_within_their_budgets() {
    let dist = built_app();
    let worker = |name: &str| name.starts_with("customer-import-worker");
    let first = gzipped(&dist, |name| {
        !worker(name)
            && (name == "index.html"
                || name == "customer-import.js"
                || name == "customer-import_bg.wasm"
                || name.ends_with(".css"))
    });
    within("the first download", &first, FIRST_DOWNLOAD_BUDGET, 4);
    let worker = gzipped(&dist, |name| {
        worker(name) && (name.ends_with(".js") || name.ends_with(".wasm"))
    });
    within("the worker", &worker, WORKER_BUDGET, 2);
}
