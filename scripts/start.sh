#!/usr/bin/env bash
# Sets up what is missing, builds the app in release mode, and starts the server with
# demo data in an SQLite file (data/customer-import.db). Prints the URL and the demo
# users' sign-in links. Pass server flags after it, e.g. `--addr 0.0.0.0:8080`.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh

ci_say "building the web app (release)"
trunk build --release
ci_say "building the server (release)"
cargo build --release --locked -p customer-import-server
exec target/release/customer-import-server --dist dist --demo "$@"
