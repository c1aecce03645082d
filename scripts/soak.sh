#!/usr/bin/env bash
# The soak (issue 32): the whole system under a seeded storm of faults, then a check of
# every row the clients were shown against the database, the pull feed, the import
# history and the portal's copy (crates/soak says how).
#
#   scripts/soak.sh            30 minutes, a random seed, release builds of the servers,
#                              the browser importing 200,000 rows; the report goes to
#                              target/soak/report.md
#   scripts/soak.sh --short    one minute, seed 1, the test profile's builds, the browser
#                              importing 20,000 rows (the test command, scripts/test.sh,
#                              runs this)
#   further arguments go to the soak: --seed N to replay a run, --seconds N, --clients N
#
# Two server instances behind HAProxy (Debian's package) on a throwaway PostgreSQL
# cluster, the example portal receiving webhooks, fault proxies on every link, four API
# clients, and the real app (dist/, built if missing) in headless Chromium; traffic
# stays on loopback. Every process is stopped at the end, also when interrupted; the
# logs stay in target/soak/ when the check fails.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh --test

release=(--release) profile=release defaults=(--seconds 1800)
if [ "${1:-}" = "--short" ]; then
    shift
    release=() profile=debug defaults=(--seed 1 --seconds 60 --browser-rows 20000)
fi
target="${CARGO_TARGET_DIR:-$PWD/target}"
ci_say "building the server and the soak ($profile)"
cargo build --locked "${release[@]}" -p customer-import-server -p customer-import-soak
# The browser's driver only clicks: its test-profile build does for both lengths.
cargo build --locked -p customer-import --example soak_browser
[ -f dist/index.html ] || trunk build --release

out="$target/soak"
mkdir -p "$out"
rm -f "$out/report.md"
work="$(mktemp -d /tmp/customer-import-soak.XXXXXX)"
# The cluster runs as the `postgres` user, who must reach its folder inside.
chmod 755 "$work"
stop() {
    # The soak stops what it started when it ends or is interrupted; this is for when
    # it was killed: the cluster, then whatever still names the soak's folder.
    local pg_ctl
    pg_ctl="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/pg_ctl"
    if [ -f "$work/pg/data/postmaster.pid" ]; then
        if [ "$(id -u)" -eq 0 ]; then
            su postgres -s /bin/sh -c "'$pg_ctl' -D '$work/pg/data' -m immediate stop" > /dev/null 2>&1 || true
        else
            "$pg_ctl" -D "$work/pg/data" -m immediate stop > /dev/null 2>&1 || true
        fi
    fi
    pkill -KILL -f -- "$work" 2> /dev/null || true
    rm -rf "$work"
}
trap stop EXIT
ci_say "soak (logs in $work)"
status=0
RUST_LIB_BACKTRACE=0 "$target/$profile/customer-import-soak" --server "$target/$profile/customer-import-server" \
    --dist "$PWD/dist" --browser "$target/debug/examples/soak_browser" \
    --dir "$work" --report "$out/report.md" "${defaults[@]}" "$@" || status=$?
if [ "$status" -ne 0 ]; then
    rm -rf "$out/logs" && mkdir -p "$out/logs"
    cp "$work"/*.log "$work/pg/log" "$out/logs/" 2> /dev/null || true
    echo "the soak failed (its report, if it got that far: $out/report.md); the logs are in $out/logs" >&2
fi
exit "$status"
