#!/usr/bin/env bash
# First-render benchmark: cold loads from navigation until 20 rows of the Customers list are
# visible, the app against a static page with the same rows and CSS (the floor), on loopback and
# on an emulated 10 Mbit/s, 40 ms link, for the demo and the server build. Prints medians and
# ratios, and when the wasm had started (instantiated, main() run: the browser's share before
# any of the app's work); a benchmark, not a test (nothing fails on slow figures).
#   ./scripts/bench-first-render.sh             builds both release builds first
#   ./scripts/bench-first-render.sh --no-build  measures dist/ and target/dist-server as they are
#   RUNS=7                                      loads of each page per profile
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

if [ "${1:-}" != "--no-build" ]; then
  ./scripts/setup.sh
  trunk build --release
  trunk build --release --no-default-features --dist target/dist-server
fi
# The floor page goes next to a copy of each build, so dist/ stays deployable as it is.
out=target/bench-first-render
rm -rf "$out"
mkdir -p "$out"
cp -r dist "$out/demo"
cp -r target/dist-server "$out/server"
node scripts/bench/first-render.mjs "demo=$out/demo" "server=$out/server:stub"
