#!/usr/bin/env bash
# Installs what is missing, builds the app and serves it on 127.0.0.1 with the embedded mock
# backend and its demo data (no server of its own is needed).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
PORT="${PORT:-8080}"
printf '\n==> Building and serving the app: open http://127.0.0.1:%s/ (Ctrl+C stops it)\n' "$PORT"
exec trunk serve --release --address 127.0.0.1 --port "$PORT"
