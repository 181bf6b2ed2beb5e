#!/usr/bin/env bash
# Portfolio benchmark (issue 11): the large demo portfolio (5,000 customers, about 100,000
# reservations) in headless Chromium. Prints the time to switch to it, to open the Portfolio,
# a filter keystroke to the updated grid (median, p95), sorting every row by a column, long
# tasks while scrolling 1,000 rows, and memory (JS heap and the wasm's linear memory).
# A benchmark, not a test: nothing fails when a figure misses its target.
#   ./scripts/bench-portfolio.sh             builds dist/ first when it is missing
#   ./scripts/bench-portfolio.sh --build     always builds dist/ first
#   PORT=4349 LATENCY=0                      the port served on; the mock's simulated latency (ms)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

if [ "${1:-}" = "--build" ] || [ ! -f dist/index.html ]; then
  ./scripts/setup.sh
  trunk build --release
fi
node scripts/bench/portfolio.mjs
