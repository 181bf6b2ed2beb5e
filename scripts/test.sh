#!/usr/bin/env bash
# Every test layer, in order; the first failure fails the command. CI runs exactly this (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

start=$(date +%s)
stage_name=""
stage_start=$start
timings=()

finish_stage() {
  [ -n "$stage_name" ] || return 0
  timings+=("$(printf '%6ss  %s' "$(($(date +%s) - stage_start))" "$stage_name")")
}
stage() {
  finish_stage
  stage_name="$*"
  stage_start=$(date +%s)
  printf '\n================================================================\n'
  printf '==> %s\n' "$stage_name"
  printf '================================================================\n'
}
report() {
  local status=$?
  finish_stage
  stage_name=""
  printf '\n==> Stage timings\n'
  [ ${#timings[@]} -eq 0 ] || printf '%s\n' "${timings[@]}"
  printf '%6ss  total\n' "$(($(date +%s) - start))"
  if [ "$status" -eq 0 ]; then
    printf '\n==> All stages passed in %ss\n' "$(($(date +%s) - start))"
  else
    printf '\n==> FAILED in stage "%s" (exit %s) after %ss\n' "${timings[-1]##*  }" "$status" "$(($(date +%s) - start))" >&2
  fi
}
trap report EXIT

stage "1/8 rustfmt"
cargo fmt --all --check

stage "2/8 clippy, native, all targets (-D warnings)"
cargo clippy --workspace --all-targets --locked -- -D warnings

stage "3/8 clippy, wasm32, demo and server build (-D warnings)"
cargo clippy --workspace --target wasm32-unknown-unknown --locked -- -D warnings
cargo clippy -p reservations-dashboard --target wasm32-unknown-unknown --no-default-features --locked -- -D warnings

stage "4/8 native tests: unit, quote conformance vectors, properties, API contract"
cargo test --workspace --locked

stage "5/8 release builds: demo, demo under a sub-path, server (--no-default-features)"
trunk build --release
# For tests/e2e/subpath.spec.ts (paths as in tests/e2e/servers.ts): Cargo's part is cached, only
# wasm-bindgen and wasm-opt run again.
trunk build --release --public-url /partner/ --dist target/dist-subpath
# The server build: HTTP only, no embedded demo backend (the `server` Playwright project).
trunk build --release --no-default-features --dist target/dist-server

stage "6/8 bundle size: demo build, then server build"
./scripts/bundle-size.sh dist
echo
./scripts/bundle-size.sh target/dist-server

stage "7/8 end-to-end tests (Playwright, headless Chromium, release builds: demo and server projects)"
e2e_status=0
npx playwright test || e2e_status=$?
node -e '
  const s = require("./test-results/e2e.json").stats;
  console.log(`e2e: ${s.expected} passed, ${s.unexpected + s.flaky} failed, ${s.skipped} skipped`);' || true
[ "$e2e_status" -eq 0 ] || exit "$e2e_status"

stage "8/8 end-to-end against reservation-server --demo (refund, exchange, configuration, support)"
# The debug binary stage 4 built for the server's tests is enough here (the demo data is small);
# `cargo build -p` would compile every dependency again, with the features of that one package.
# Each test gets a fresh server and database, and the server is killed and restarted before every
# later page load.
[ -x target/debug/reservation-server ] || cargo build -p reservation-server --locked
e2e_status=0
SERVER_BIN=target/debug/reservation-server npx playwright test -c playwright.server.config.ts || e2e_status=$?
node -e '
  const s = require("./test-results/e2e-server.json").stats;
  console.log(`e2e (server): ${s.expected} passed, ${s.unexpected + s.flaky} failed, ${s.skipped} skipped`);' || true
exit "$e2e_status"
