#!/usr/bin/env bash
# The build's npm half: compiles the npm package (packages/customer-import) with its
# pinned TypeScript and packs it into target/npm/customer-import-<version>.tgz. With
# --react-app, also installs that tarball with the pinned React, Vite and TypeScript into
# the test React app (tests/react-app, `npm ci` from its lock file) and builds the app
# into tests/react-app/dist, which tests/browser/react_app.rs serves. scripts/setup.sh
# installs the package's own tools first; a missing Node or npm fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-}"
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

if [ "$mode" = "--react-app" ]; then
    app=tests/react-app
    # The lock pins every tool but not the tarball's hash (it changes with every change
    # to the package); with a hash there, npm would install a stale copy from its cache.
    node -e '
        const lock = require(process.argv[1]);
        if (lock.packages["node_modules/customer-import"].integrity) {
            console.error(process.argv[1] + " pins the tarball by integrity; remove that line (see scripts/npm-build.sh)");
            process.exit(1);
        }' "$PWD/$app/package-lock.json"
    ci_say "test React app: npm ci (the tarball + pinned react, vite, typescript), tsc, vite build"
    npm ci --silent --no-audit --no-fund --prefix "$app"
    (cd "$app" && npm run --silent build)
fi
