#!/usr/bin/env bash
# Installs whatever this project needs and is missing, and puts it on PATH. Takes
# seconds when everything is there; a cold install of Trunk compiles it from source
# (~20 minutes on a 2-core machine). Source it (`. scripts/setup.sh [--browser]`) to
# keep the PATH, or run it on its own.
#
# Nothing is downloaded outside the package registries: Trunk is told `offline = true`
# (Trunk.toml) and finds these tools on PATH instead of fetching them.
#   - Rust target wasm32-unknown-unknown           (rustup)
#   - trunk 0.21.14                                 (crates.io; 0.22 needs rustc >= 1.96.1)
#   - wasm-bindgen-cli = the version in Cargo.lock  (crates.io; library and CLI must match)
#   - wasm-opt from npm binaryen@132                (Debian's binaryen 108 cannot read
#                                                    this toolchain's wasm)
#   - the npm package's build tools (TypeScript, React's types) from the npm registry,
#     pinned by packages/customer-import/package-lock.json (`npm ci`); Node >= 20.19
#     and npm must be on the machine (Vite 8, for the test React app, needs 20.19).
#     scripts/npm-build.sh builds and packs the package, and installs the test React
#     app's pinned tools (React, Vite, TypeScript) and the TypeScript example portal's
#     (Express, jose, standardwebhooks, openapi-fetch, openapi-typescript, Vite) from
#     their lock files
#   - with --test: Debian chromium + chromium-driver and firefox-esr (the browser
#     tests run in both), geckodriver 0.37.1 (crates.io; Debian has none), postgresql
#     (the API tests run against a throwaway PostgreSQL cluster too), and axe-core
#     from npm (tests/axe, pinned by its lock file) for the accessibility audit, and
#     Schemathesis from PyPI (in a virtualenv under the tools folder) to test the API
#     against its OpenAPI document, openapi-spec-validator from PyPI (a virtualenv of
#     its own) to check that document is valid OpenAPI 3.1, and the Standard Webhooks
#     specification's Python library from PyPI (a virtualenv of its own) to verify
#     delivered events as a portal written in Python would, and HAProxy (Debian's
#     package) for the soak's load balancer (scripts/soak.sh)
set -euo pipefail

CI_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CI_TRUNK_VERSION="0.21.14"
CI_BINARYEN_VERSION="132"
CI_GECKODRIVER_VERSION="0.37.1"
CI_SCHEMATHESIS_VERSION="4.32.5"
CI_OPENAPI_SPEC_VALIDATOR_VERSION="0.9.0"
CI_STANDARDWEBHOOKS_VERSION="1.3.0"
CI_TOOLS="${CUSTOMER_IMPORT_TOOLS:-$HOME/.cache/customer-import}"
export PATH="$HOME/.cargo/bin:$CI_TOOLS/binaryen-$CI_BINARYEN_VERSION/node_modules/.bin:$PATH"

# `npm ci` in `dir` from its lock file, unless the lock is what was installed last.
ci_npm_ci() {
    local dir="$1" stamp="$1/node_modules/.customer-import-lock.sha256" sum
    sum="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
    if [ "$(cat "$stamp" 2>/dev/null)" != "$sum" ]; then
        ci_say "installing $dir's npm tools (npm ci, pinned by its package-lock.json)"
        npm ci --silent --no-audit --no-fund --prefix "$dir"
        echo "$sum" > "$stamp"
    fi
}

ci_say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

ci_as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# A Python package from PyPI at exactly `version`, in a virtualenv of its own at
# $CI_TOOLS/<venv>: nothing of it reaches the system's Python.
ci_pypi_tool() {
    local venv="$CI_TOOLS/$1" package="$2" version="$3"
    if [ "$("$venv/bin/python" -c "import importlib.metadata as m; print(m.version('$package'))" 2>/dev/null)" != "$version" ]; then
        ci_say "installing $package $version (PyPI) into $venv"
        python3 -m venv "$venv"
        "$venv/bin/pip" install --quiet "$package==$version"
    fi
}

ci_setup() {
    local for_tests=0
    [ "${1:-}" = "--test" ] && for_tests=1
    local started=$SECONDS

    if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
        ci_say "adding the wasm32-unknown-unknown target"
        rustup target add wasm32-unknown-unknown
    fi

    if [ "$(trunk --version 2>/dev/null)" != "trunk $CI_TRUNK_VERSION" ]; then
        ci_say "installing trunk $CI_TRUNK_VERSION (compiles from source: ~20 minutes on 2 cores, once)"
        cargo install trunk --version "$CI_TRUNK_VERSION" --locked
    fi

    # The CLI must be exactly the wasm-bindgen version the lock file resolved.
    local wbg
    wbg="$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' "$CI_ROOT/Cargo.lock")"
    [ -n "$wbg" ] || { echo "Cargo.lock names no wasm-bindgen version" >&2; return 1; }
    if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wbg" ]; then
        ci_say "installing wasm-bindgen-cli $wbg (matches Cargo.lock)"
        # Not --locked: the CLI's own lock file pins a webpki-roots release the registry
        # no longer serves; resolving afresh works.
        cargo install wasm-bindgen-cli --version "=$wbg" --force
    fi

    if ! wasm-opt --version 2>/dev/null | grep -q "version $CI_BINARYEN_VERSION\b"; then
        ci_say "installing wasm-opt (npm binaryen@$CI_BINARYEN_VERSION) into $CI_TOOLS"
        mkdir -p "$CI_TOOLS/binaryen-$CI_BINARYEN_VERSION"
        npm install --silent --no-audit --no-fund --prefix "$CI_TOOLS/binaryen-$CI_BINARYEN_VERSION" "binaryen@$CI_BINARYEN_VERSION"
    fi

    # The npm package and the test React app: a missing Node or npm fails, never skips.
    command -v npm > /dev/null || { echo "npm is missing: install Node.js >= 20.19 with npm" >&2; return 1; }
    node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' \
        || { echo "Node.js $(node --version) is too old: the npm tools need >= 20.19" >&2; return 1; }
    ci_npm_ci "$CI_ROOT/packages/customer-import"

    if [ "$for_tests" = 1 ]; then
        local missing=()
        [ -x /usr/bin/chromium ] || missing+=(chromium)
        [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
        [ -x /usr/bin/firefox-esr ] || missing+=(firefox-esr)
        compgen -G "/usr/lib/postgresql/*/bin/initdb" > /dev/null || missing+=(postgresql)
        command -v haproxy > /dev/null || missing+=(haproxy)
        if [ "${#missing[@]}" -gt 0 ]; then
            ci_say "installing Debian packages: ${missing[*]}"
            ci_as_root apt-get update -qq
            DEBIAN_FRONTEND=noninteractive ci_as_root apt-get install -y -qq "${missing[@]}"
        fi
        # Read whole: geckodriver panics when a pipe closes before it has printed.
        if [[ "$(geckodriver --version 2>/dev/null)" != "geckodriver $CI_GECKODRIVER_VERSION"[[:space:]]* ]]; then
            ci_say "installing geckodriver $CI_GECKODRIVER_VERSION (compiles from source, once)"
            cargo install geckodriver --version "$CI_GECKODRIVER_VERSION" --locked
        fi
        local st="$CI_TOOLS/schemathesis/bin/st"
        if [[ "$("$st" --version 2>/dev/null)" != *" $CI_SCHEMATHESIS_VERSION" ]]; then
            ci_say "installing Schemathesis $CI_SCHEMATHESIS_VERSION (PyPI) into $CI_TOOLS"
            python3 -m venv "$CI_TOOLS/schemathesis"
            "$CI_TOOLS/schemathesis/bin/pip" install --quiet "schemathesis==$CI_SCHEMATHESIS_VERSION"
        fi
        ci_pypi_tool openapi-spec-validator openapi-spec-validator "$CI_OPENAPI_SPEC_VALIDATOR_VERSION"
        ci_pypi_tool standardwebhooks standardwebhooks "$CI_STANDARDWEBHOOKS_VERSION"
        if [ ! -f "$CI_ROOT/tests/axe/node_modules/axe-core/axe.min.js" ]; then
            ci_say "installing axe-core for the accessibility audit (npm, tests/axe)"
            npm ci --silent --no-audit --no-fund --prefix "$CI_ROOT/tests/axe"
        fi
    fi

    ci_say "tools ready in $((SECONDS - started)) s"
}

ci_setup "$@"
