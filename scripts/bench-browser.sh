#!/usr/bin/env bash
# The browser benchmark, in one command: generates the customer files (100k and 1M-row
# CSV, 100k-row xlsx), times the native limit on them (csv-core's bare parse, calamine,
# our reader natively: crates/reading/examples/native_limit.rs), builds the app (whose
# worker reads and checks the files), installs the peers it is timed against (uDSV, Papa
# Parse, SheetJS 0.20 and ExcelJS, benchmark-only, pinned in
# bench/browser/package-lock.json), runs the page in headless Chromium once per
# measurement and prints the medians of three runs as a table, each reader as a first
# file (a browser of its own) and a later one, beside the browser's ceiling
# (File.arrayBuffer + TextDecoder) and the native limit; then saves the 100k-row
# CSV through the app into the real server (SQLite) three times and prints the median;
# then times the review of the same file imported again to update its customers (the
# rows checked, their keys looked up, every row compared), three times.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh --test

out="$PWD/target/bench-browser"
mkdir -p "$out/data"
ci_say "customer files"
cargo run --locked --release -p customer-import-reading --example bench_files -- "$out/data"
ci_say "the native limit: csv-core, calamine and our reader on the same files, natively"
cargo run --locked --release -p customer-import-reading --example native_limit -- "$out/data"
ci_say "uDSV, Papa Parse, SheetJS and ExcelJS (npm, bench/browser)"
npm ci --silent --no-audit --no-fund --prefix bench/browser
ci_say "the app, as shipped (its worker reads and checks the files)"
trunk build --release
ci_say "headless Chromium"
cargo run --locked --release --example browser_bench -- bench/browser "$out/data" "$PWD/dist"
ci_say "saving from headless Chromium into the real server (SQLite)"
CUSTOMER_IMPORT_DIST="$PWD/dist" cargo run --locked --release --example browser_save_bench -- "$out/data"
ci_say "preparing the review of 100k rows that update existing customers (lookups included)"
CUSTOMER_IMPORT_DIST="$PWD/dist" cargo run --locked --release --example browser_update_bench -- "$out/data"
