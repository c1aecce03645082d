#!/usr/bin/env bash
# Runs every check and test: formatting, no import cycle inside the rules and reading
# crates, lints (native and wasm32), the release build
# of the app, the npm package's tarball and the test React app built from it (with the
# package's types checked by TypeScript), then all tests — domain and server unit tests, API tests against a real
# database (SQLite, then a throwaway PostgreSQL cluster), and browser tests in headless
# Chromium, then again in headless Firefox ESR, against the real server, and last a
# one-minute soak under faults (scripts/soak.sh --short). A missing tool or app build
# fails the run; nothing is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh --test
started=$SECONDS
# One build from scratch: incremental caches would only take disk.
export CARGO_INCREMENTAL=0

ci_say "cargo fmt --check"
cargo fmt --all --check
ci_say "no import cycle inside any crate"
for crate in crates/domain crates/reading crates/worker crates/server .; do
    python3 scripts/import-cycles.py "$crate"
done
ci_say "clippy (native)"
cargo clippy --locked --workspace --all-targets -- -D warnings
ci_say "clippy (wasm32 app)"
cargo clippy --locked -p customer-import --target wasm32-unknown-unknown -- -D warnings
ci_say "trunk build --release"
trunk build --release
# The npm package's tarball, installed into the test React app the browser tests drive.
scripts/npm-build.sh --react-app --portal
ci_say "tests"
log="$(mktemp)"
pg_dir="$(mktemp -d /tmp/customer-import-pg.XXXXXX)"
pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
# initdb refuses to run as root; the postgresql package brings a `postgres` user.
as_pg() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
cleanup() {
    as_pg "'$pg_bin/pg_ctl' -D '$pg_dir/data' -m immediate stop" > /dev/null 2>&1 || true
    rm -rf "$log" "$pg_dir"
}
trap cleanup EXIT
CUSTOMER_IMPORT_DIST="$PWD/dist" cargo test --locked --workspace 2>&1 | tee "$log"

ci_say "browser tests again, in Firefox ESR"

# --workspace: the same feature set as above, so nothing is built again.
CUSTOMER_IMPORT_BROWSER=firefox CUSTOMER_IMPORT_DIST="$PWD/dist" \
    cargo test --locked --workspace --test browser 2>&1 | tee -a "$log"

ci_say "API and import tests against PostgreSQL"
[ "$(id -u)" -eq 0 ] && chown postgres "$pg_dir"
pg_port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
as_pg "'$pg_bin/initdb' -D '$pg_dir/data' -A trust -U postgres" > /dev/null
as_pg "'$pg_bin/pg_ctl' -D '$pg_dir/data' -l '$pg_dir/log' -w -o \"-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1\" start" > /dev/null
# --workspace, not -p: the same feature set as above, so the test binaries are reused
# instead of every dependency being built a second time.
CUSTOMER_IMPORT_TEST_POSTGRES="postgres://postgres@127.0.0.1:$pg_port/postgres" \
    cargo test --locked --workspace --test server -- --skip faults:: --skip openapi_conformance:: 2>&1 | tee -a "$log"
# The short soak: a minute of seeded faults against two instances behind HAProxy.
scripts/soak.sh --short
ci_say "all checks and tests passed in $((SECONDS - started)) s"
# One closing line for the whole run (cargo prints one per test binary, the last
# usually for doc-tests).
awk '/^test result:/ { p += $4; f += $6; i += $8 } END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, i }' "$log"
