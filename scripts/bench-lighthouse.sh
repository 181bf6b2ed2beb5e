#!/usr/bin/env bash
# Lighthouse (pinned in package.json) on the release build: Customers, a reservation's Overview and
# its Refund page, opened by deep link from tests/e2e/serve.mjs like a static host. Prints the
# performance, accessibility and best-practices scores per page. A benchmark, not a test: it prints
# figures and marks those under the targets (accessibility and best practices >= 95).
#
#   ./scripts/bench-lighthouse.sh            desktop form factor (the dashboard is a desktop tool)
#   FORM_FACTOR=mobile ./scripts/bench-lighthouse.sh
#   PORT=4190 ./scripts/bench-lighthouse.sh  a given port for the static server (default: a free one)
#
# Builds dist/ first when it is missing. The JSON reports go to target/lighthouse/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"

# A free port unless PORT names one.
port="${PORT:-$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')}"
form_factor="${FORM_FACTOR:-desktop}"
out=target/lighthouse

if [ ! -x node_modules/.bin/lighthouse ] || [ ! -x "$CHROME_PATH" ] || ! command -v trunk >/dev/null; then
  ./scripts/setup.sh
fi
if [ ! -f dist/index.html ]; then
  echo "==> dist/ is missing: trunk build --release"
  trunk build --release
fi

# The fixed demo customer and reservation (crates/mock/src/demo.rs, tests/e2e/fixtures.ts).
customer=c0a7050c-0000-4000-8000-000000000001
reservation=0a000000-0000-4000-8000-000000000001/0b000000-0000-4000-8000-000000000001
pages=(
  "Customers|/customers"
  "Overview|/customers/$customer/reservations/$reservation"
  "Refund|/customers/$customer/reservations/$reservation/refund"
)

# Our own static server, on a port nobody else uses (other checkouts may serve on this machine).
mkdir -p "$out"
node tests/e2e/serve.mjs "$port" >"$out/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  grep -q '^serving' "$out/server.log" && break
  kill -0 "$server" 2>/dev/null || break
  sleep 0.1
done
grep -q '^serving' "$out/server.log" || { cat "$out/server.log" >&2; echo "the static server did not start on port $port (PORT=… picks another)" >&2; exit 1; }

preset=()
[ "$form_factor" = desktop ] && preset=(--preset=desktop)
echo "==> Lighthouse $(lighthouse --version), $form_factor, $("$CHROME_PATH" --version 2>/dev/null | head -n 1)"
for entry in "${pages[@]}"; do
  name="${entry%%|*}"
  path="${entry#*|}"
  echo "    $name: http://127.0.0.1:$port$path"
  lighthouse "http://127.0.0.1:$port$path" "${preset[@]}" --quiet \
    --only-categories=performance,accessibility,best-practices \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run" \
    --output=json --output-path="$out/$(echo "$name" | tr 'A-Z ' 'a-z-').json"
done

# One line per page; a score under its target is marked, with the audits that cost points.
node - "$out" "${pages[@]}" <<'EOF'
const [dir, ...pages] = process.argv.slice(2);
const targets = { accessibility: 95, 'best-practices': 95 };
const pct = (s) => (s === null ? ' n/a' : String(Math.round(s * 100)).padStart(4));
console.log(`\n${'page'.padEnd(12)} performance  accessibility  best-practices`);
const notes = [];
let under = false;
for (const entry of pages) {
  const name = entry.split('|')[0];
  const lhr = require(`${process.cwd()}/${dir}/${name.toLowerCase().replace(/ /g, '-')}.json`);
  const c = lhr.categories;
  const mark = (id) => {
    const low = c[id].score !== null && targets[id] && c[id].score * 100 < targets[id];
    under ||= low;
    return low ? ' *' : '  ';
  };
  console.log(
    `${name.padEnd(12)} ${pct(c.performance.score).padStart(11)}  ${(pct(c.accessibility.score) + mark('accessibility')).padStart(13)}  ${(pct(c['best-practices'].score) + mark('best-practices')).padStart(14)}`,
  );
  for (const id of ['accessibility', 'best-practices']) {
    for (const ref of c[id].auditRefs) {
      const a = lhr.audits[ref.id];
      if (ref.weight > 0 && a.score !== null && a.score < 1) notes.push(`${name}, ${id}: ${a.id} (${a.title})`);
    }
  }
}
if (under) console.log('* under the target of 95');
if (notes.length) console.log(`\nAudits that cost points:\n  ${notes.join('\n  ')}`);
EOF
