#!/usr/bin/env bash
# Prints the release bundle in dist/: wasm, JS and CSS, raw and gzip (-9), in KB.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d dist ] || { echo "dist/ is missing: run trunk build --release first" >&2; exit 1; }
printf '\n%-52s %10s %10s\n' "Bundle file" "raw KB" "gzip KB"
total_raw=0; total_gz=0
for f in dist/*.wasm dist/*.js dist/*.css; do
  [ -e "$f" ] || continue
  raw=$(stat -c %s "$f"); gz=$(gzip -9 -c "$f" | wc -c)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
  awk -v n="$(basename "$f")" -v r="$raw" -v g="$gz" 'BEGIN { printf "%-52s %10.1f %10.1f\n", n, r/1024, g/1024 }'
done
awk -v r="$total_raw" -v g="$total_gz" 'BEGIN { printf "%-52s %10.1f %10.1f\n", "total", r/1024, g/1024 }'
