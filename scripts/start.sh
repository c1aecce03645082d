#!/usr/bin/env bash
# Sets up what is missing, builds the app in release mode, and starts the server with
# demo data in an SQLite file (data/customer-import.db), plus the example portal that
# adopts it (examples/portal-backend: signs its user in, provisions its project, and
# receives the created customers by webhook), and the same in TypeScript on Node for the
# demo's second organization (examples/portal-node: a client generated from the OpenAPI
# document, a Standard Webhooks library, the wizard from the npm package with a row
# hook). Prints the URLs and the demo users' sign-in links. Server flags go after it,
# e.g. `--portal-origin https://…`; set CUSTOMER_IMPORT_ADDR, PORTAL_ADDR and
# PORTAL_NODE_ADDR to move the three ports.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh

ci_say "building the web app (release)"
trunk build --release
# The npm package for portals' frontends, packed into target/npm/ (README: "The npm package").
scripts/npm-build.sh --portal
ci_say "building the server and the example portal (release)"
cargo build --release --locked -p customer-import-server -p customer-import-portal-example

server_addr="${CUSTOMER_IMPORT_ADDR:-127.0.0.1:8080}"
portal_addr="${PORTAL_ADDR:-127.0.0.1:8000}"
portal_node_addr="${PORTAL_NODE_ADDR:-127.0.0.1:8001}"
# Fresh secrets at every start: the portal and the server share them, nobody else. The
# portal's API key is kept in data/example-portal.key (owner-readable) and reused while
# valid, rather than a new valid key being left behind by every start.
secret() { python3 -c 'import secrets; print(secrets.token_urlsafe(32))'; }
# The webhook's secret in the Standard Webhooks format: whsec_ and base64 of 32 bytes.
webhook_secret() { python3 -c 'import base64, secrets; print("whsec_" + base64.b64encode(secrets.token_bytes(32)).decode())'; }
export CUSTOMER_IMPORT_ADDR="$server_addr"
export CUSTOMER_IMPORT_PORTAL_ORIGINS="http://$portal_addr,http://$portal_node_addr${CUSTOMER_IMPORT_PORTAL_ORIGINS:+,$CUSTOMER_IMPORT_PORTAL_ORIGINS}"
export CUSTOMER_IMPORT_JWT_ISSUER=nordbygg-portal CUSTOMER_IMPORT_JWT_AUDIENCE=customer-import
export CUSTOMER_IMPORT_JWT_HS256_SECRET="$(secret)"
# The example portal runs on this machine, so its webhook is a loopback address:
# --demo allows that (elsewhere it takes --allow-private-webhooks).

trap 'kill $(jobs -p) 2> /dev/null' EXIT INT TERM
target/release/customer-import-server --dist dist --demo "$@" &
healthy() { python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' "$1" 2> /dev/null; }
until healthy "http://$server_addr/healthz"; do
    kill -0 $! 2> /dev/null || { echo "the server did not start" >&2; exit 1; }
    sleep 0.2
done
PORTAL_ADDR="$portal_addr" PORTAL_IMPORT_SERVER="http://$server_addr" \
    PORTAL_API_KEY="$(target/release/customer-import-server issue-api-key --organization "Nordbygg AS" --label example-portal --keep-in data/example-portal.key)" \
    PORTAL_JWT_SECRET="$CUSTOMER_IMPORT_JWT_HS256_SECRET" \
    PORTAL_JWT_ISSUER="$CUSTOMER_IMPORT_JWT_ISSUER" PORTAL_JWT_AUDIENCE="$CUSTOMER_IMPORT_JWT_AUDIENCE" \
    PORTAL_WEBHOOK_SECRET="$(webhook_secret)" \
    target/release/customer-import-portal-example &
# Both example portals sign sessions with the one issuer and secret this server trusts;
# each has its own organization, API key and webhook secret.
PORTAL_ADDR="$portal_node_addr" PORTAL_IMPORT_SERVER="http://$server_addr" \
    PORTAL_API_KEY="$(target/release/customer-import-server issue-api-key --organization "Andre Eiendom AS" --label example-portal-node --keep-in data/example-portal-node.key)" \
    PORTAL_JWT_SECRET="$CUSTOMER_IMPORT_JWT_HS256_SECRET" \
    PORTAL_JWT_ISSUER="$CUSTOMER_IMPORT_JWT_ISSUER" PORTAL_JWT_AUDIENCE="$CUSTOMER_IMPORT_JWT_AUDIENCE" \
    PORTAL_WEBHOOK_SECRET="$(webhook_secret)" \
    node examples/portal-node/dist/server/main.js &
wait -n
