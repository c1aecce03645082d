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
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
CUSTOMER_IMPORT_DIST="$PWD/dist" cargo test --locked --workspace 2>&1 | tee "$log"
ci_say "all checks and tests passed in $((SECONDS - started)) s"
# One closing line for the whole run (cargo prints one per test binary, the last
# usually for doc-tests).
awk '/^test result:/ { p += $4; f += $6; i += $8 } END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, i }' "$log"
