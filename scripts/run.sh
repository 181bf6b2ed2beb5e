#!/usr/bin/env bash
# Installs what is missing, builds the app and serves it on 127.0.0.1 (PORT, default 8080) with
# the embedded mock backend and its demo data: no server of its own is needed.
#   ./scripts/run.sh          release build, as deployed (what scripts/test.sh builds too)
#   ./scripts/run.sh --dev    debug build: faster rebuilds while editing, bigger and slower wasm
#   ./scripts/run.sh --server the release build served by reservation-server --demo: the API over
#                             HTTP with its data in SQLite (./data/reservations.db, kept between runs)
# Trunk watches the sources and rebuilds and reloads the page on every change. Ctrl+C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

PORT="${PORT:-8080}"
mode=(--release)
server=false
case "${1:-}" in
  --dev) mode=() ;;
  --server) server=true ;;
  "") ;;
  *) echo "usage: $0 [--dev | --server]   (PORT=8080 by default)" >&2; exit 2 ;;
esac
url="http://127.0.0.1:$PORT/"

if $server; then
  printf '\n==> Building the app (release) and reservation-server (the first build takes a few minutes)\n'
  trunk build --release
  cargo build --profile server --locked -p reservation-server
  printf '\n==> Serving %s with reservation-server --demo (data: ./data/reservations.db; Ctrl+C stops it)\n\n' "$url"
  exec target/server/reservation-server --demo --db ./data/reservations.db --dist dist \
    --listen "127.0.0.1:$PORT"
fi

printf '\n==> Building (%s) and serving the app at %s (the first build takes a few minutes)\n' \
  "${mode[*]:-dev}" "$url"
# Tell the URL again once the page is really there, after Trunk's build output.
(
  while kill -0 $$ 2>/dev/null; do
    if curl -fs -o /dev/null "$url" 2>/dev/null; then
      printf '\n==> Ready: open %s  (Ctrl+C stops the server)\n\n' "$url"
      exit 0
    fi
    sleep 1
  done
) &
exec trunk serve "${mode[@]}" --address 127.0.0.1 --port "$PORT" --disable-address-lookup
