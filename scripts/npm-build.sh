#!/usr/bin/env bash
# The build's npm half: compiles the npm package (packages/customer-import) with its
# pinned TypeScript and packs it into target/npm/customer-import-<version>.tgz. Then,
# for each app named, installs that tarball with the app's pinned tools (`npm ci` from
# its lock file) and builds it:
#   --portal     the example portal in TypeScript (examples/portal-node): its client
#                generated from docs/openapi.json, its backend compiled and unit-tested
#                (`npm test`), its page bundled with the package; scripts/start.sh runs
#                it and tests/browser/portal_node.rs drives it;
#   --react-app  the test React app (tests/react-app, into its dist/), which
#                tests/browser/react_app.rs serves.
# scripts/setup.sh installs the package's own tools first; a missing Node or npm fails.
set -euo pipefail
cd "$(dirname "$0")/.."
apps=("$@")
for app in ${apps[@]+"${apps[@]}"}; do
    case "$app" in
    --portal | --react-app) ;;
    *)
        echo "scripts/npm-build.sh: unknown app $app (--portal, --react-app)" >&2
        exit 2
        ;;
    esac
done
set --
. scripts/setup.sh

package=packages/customer-import
version="$(node -p 'require("./packages/customer-import/package.json").version')"
tarball="target/npm/customer-import-$version.tgz"

ci_say "npm package: tsc, npm pack -> $tarball"
rm -rf "$package/dist"
(cd "$package" && npm run --silent build)
mkdir -p target/npm
rm -f "$tarball"
(cd "$package" && npm pack --silent --pack-destination ../../target/npm > /dev/null)
[ -f "$tarball" ] || { echo "npm pack made no $tarball" >&2; exit 1; }

# The apps' locks pin every tool but not the tarball's hash (it changes with every
# change to the package); with a hash there, npm would install a stale copy from its
# cache.
install_tarball_into() {
    node -e '
        const lock = require(process.argv[1]);
        if (lock.packages["node_modules/customer-import"].integrity) {
            console.error(process.argv[1] + " pins the tarball by integrity; remove that line (see scripts/npm-build.sh)");
            process.exit(1);
        }' "$PWD/$1/package-lock.json"
    npm ci --silent --no-audit --no-fund --prefix "$1"
}

for app in ${apps[@]+"${apps[@]}"}; do
    case "$app" in
    --portal)
        ci_say "example portal (TypeScript): npm ci, client generated from docs/openapi.json, tsc, vite build, unit tests"
        install_tarball_into examples/portal-node
        (cd examples/portal-node && npm run --silent build)
        # Quiet when they pass; their whole output when one fails.
        tests="$(mktemp)"
        (cd examples/portal-node && npm test > "$tests" 2>&1) || { cat "$tests" >&2; rm -f "$tests"; exit 1; }
        rm -f "$tests"
        ;;
    --react-app)
        ci_say "test React app: npm ci (the tarball + pinned react, vite, typescript), tsc, vite build"
        install_tarball_into tests/react-app
        (cd tests/react-app && npm run --silent build)
        ;;
    esac
done
