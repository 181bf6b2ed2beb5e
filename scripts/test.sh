#!/usr/bin/env bash
# Every test layer, in order; the first failure fails the command. CI runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver
start=$(date +%s)
stage() { printf '\n==> [%ss] %s\n' "$(( $(date +%s) - start ))" "$*"; }

stage "rustfmt"
cargo fmt --all --check
stage "clippy (native, all targets)"
cargo clippy --workspace --all-targets --locked -- -D warnings
stage "clippy (wasm32)"
cargo clippy --workspace --target wasm32-unknown-unknown --locked -- -D warnings
stage "native tests: unit, conformance vectors, properties, API contract"
cargo test --workspace --locked
if grep -rqs "wasm_bindgen_test" src tests/*.rs 2>/dev/null; then
  stage "wasm tests in headless Chromium"
  cargo test --target wasm32-unknown-unknown -p reservations-dashboard --locked
fi
stage "release build"
trunk build --release
./scripts/bundle-size.sh
stage "end-to-end tests in headless Chromium"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npx playwright test
stage "all tests passed"
