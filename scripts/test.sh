#!/usr/bin/env bash
# Runs every check and test: formatting, lints (native and wasm32), the release build
# of the app, then all tests — domain and server unit tests, API tests against a real
# database, and browser tests in headless Chromium against the real server. A missing
# tool or app build fails the run; nothing is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh --browser
started=$SECONDS

ci_say "cargo fmt --check"
cargo fmt --all --check
ci_say "clippy (native)"
cargo clippy --locked --workspace --all-targets -- -D warnings
ci_say "clippy (wasm32 app)"
cargo clippy --locked -p customer-import --target wasm32-unknown-unknown -- -D warnings
ci_say "trunk build --release"
trunk build --release
ci_say "tests"
CUSTOMER_IMPORT_DIST="$PWD/dist" cargo test --locked --workspace
ci_say "all checks and tests passed in $((SECONDS - started)) s"
