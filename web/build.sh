#!/usr/bin/env bash
# Build the web app into src/vocalis/web/dist when it is missing or older than its sources.
#   web/build.sh              install (npm ci) and build when needed; fail if Node.js is missing
#   web/build.sh --optional   the same, but without Node.js (or on a failed build) warn and go on: API only
#   web/build.sh --check      also check the API types, and run the unit tests (scripts/test)
set -euo pipefail
cd "$(dirname "$0")"
mode="${1:-}"
dist=../src/vocalis/web/dist

fail() {
  if [ "$mode" = "--optional" ]; then
    echo "warning: $1; serving the API only (the web app needs Node.js 20.19+ and npm: see README, \"Web app\")" >&2
    exit 0
  fi
  echo "error: $1" >&2
  exit 1
}

command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || fail "node/npm not found"
node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' \
  || fail "Node.js $(node --version) is too old (20.19+ needed)"

# npm ci when node_modules is missing or was installed from another package-lock.json.
lock_sum="$(sha256sum package-lock.json | cut -d' ' -f1)"
stamp=node_modules/.vocalis-lock-sha256
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sum" ]; then
  echo "web: npm ci" >&2
  npm ci --no-audit --no-fund --loglevel=error || fail "npm ci failed"
  echo "$lock_sum" > "$stamp"
fi

if [ "$mode" = "--check" ]; then
  npm run --silent api:check
  npm run --silent test
fi

# Build when there is no build or any source is newer than it.
if [ ! -f "$dist/index.html" ] \
  || [ -n "$(find src public index.html package.json package-lock.json tsconfig.json vite.config.ts -newer "$dist/index.html" -print -quit 2>/dev/null)" ]; then
  echo "web: npm run build" >&2
  npm run --silent build || fail "the web app did not build (run: cd web && npm run build)"
fi
