#!/usr/bin/env bash
# Installs what is missing, builds the app and serves it on 127.0.0.1 (PORT, default 8080) with
# the embedded mock backend and its demo data: no server of its own is needed.
#   ./scripts/run.sh          release build, as deployed (what scripts/test.sh builds too)
#   ./scripts/run.sh --dev    debug build: faster rebuilds while editing, bigger and slower wasm
#   ./scripts/run.sh --server the release build served by reservation-server --demo: the API over
#                             HTTP with its data in SQLite (./data/reservations.db, kept between runs)
#   ./scripts/run.sh --server --postgres
#                             the same on PostgreSQL: DATABASE_URL when set, else a local cluster of
#                             Debian's postgresql in ./data/postgres (port PGPORT, default 5433)
# Trunk watches the sources and rebuilds and reloads the page on every change. Ctrl+C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

PORT="${PORT:-8080}"
mode=(--release)
server=false
postgres=false
case "${1:-}" in
  --dev) mode=() ;;
  --server) server=true ;;
  "") ;;
  *) echo "usage: $0 [--dev | --server [--postgres]]   (PORT=8080 by default)" >&2; exit 2 ;;
esac
case "${2:-}" in
  --postgres) $server || { echo "--postgres goes with --server" >&2; exit 2; }; postgres=true ;;
  "") ;;
  *) echo "usage: $0 [--dev | --server [--postgres]]   (PORT=8080 by default)" >&2; exit 2 ;;
esac

# A local PostgreSQL cluster of Debian's package in ./data/postgres, started once and left running
# (PostgreSQL refuses to run as root, so as root it runs as the postgres user).
start_postgres() {
  local bin port dir as=()
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -x "$bin/initdb" ] || { echo "PostgreSQL is missing: run scripts/setup.sh" >&2; exit 1; }
  port="${PGPORT:-5433}"
  dir="$PWD/data/postgres"
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$dir"
    as=(runuser -u postgres --)
  fi
  if [ ! -f "$dir/PG_VERSION" ]; then
    printf '
==> Creating a PostgreSQL cluster in %s
' "$dir"
    "${as[@]}" "$bin/initdb" -D "$dir" -U reservations --auth=trust >/dev/null
  fi
  if ! "${as[@]}" "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    "${as[@]}" "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
      -o "-p $port -c listen_addresses=127.0.0.1 -k $dir" start >/dev/null
  fi
  "${as[@]}" "$bin/psql" -h 127.0.0.1 -p "$port" -U reservations -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = 'reservations'" | grep -q 1 ||
    "${as[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U reservations reservations
  DATABASE_URL="postgres://reservations@127.0.0.1:$port/reservations"
}
url="http://127.0.0.1:$PORT/"

if $server; then
  printf '\n==> Building the app (release) and reservation-server (the first build takes a few minutes)\n'
  trunk build --release
  cargo build --profile server --locked -p reservation-server
  database=(--db ./data/reservations.db)
  where=./data/reservations.db
  if $postgres; then
    [ -n "${DATABASE_URL:-}" ] || start_postgres
    database=(--database-url "$DATABASE_URL")
    where="PostgreSQL at ${DATABASE_URL#*@}"
  fi
  printf '\n==> Serving %s with reservation-server --demo (data: %s; Ctrl+C stops it)\n\n' "$url" "$where"
  exec target/server/reservation-server --demo "${database[@]}" --dist dist \
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
