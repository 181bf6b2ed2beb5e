#!/usr/bin/env bash
# Prints the size of a bundle (wasm, JS, CSS and the language files): raw and gzip -9, in KB,
# with totals: all of it, and the first load (what index.html fetches before the first page: the
# main module, its JS, the split loader, the CSS and the texts of one language, English or Korean;
# the other pages' chunks and the other language come later).
# Usage: ./scripts/bundle-size.sh [dist-dir]   (default dist/; e.g. target/dist-server)
# Run after `trunk build --release`; scripts/test.sh does, for both builds.
set -euo pipefail
cd "$(dirname "$0")/.."
dist="${1:-dist}"
dist="${dist%/}"
[ -d "$dist" ] || { echo "$dist/ is missing: run trunk build --release first" >&2; exit 1; }

# Hidden folders (Trunk's .stage/ of an interrupted build) are not part of the bundle.
mapfile -t files < <(find "$dist" -name '.*' -prune -o -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' -o -path '*/locales/*.json' \) -print | sort)
[ ${#files[@]} -gt 0 ] || { echo "$dist/ has no wasm, JS or CSS file" >&2; exit 1; }

line() { printf '%-60s %10s %10s\n' "$@"; }
kb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1024 }'; }
line "$dist/ file" "raw KB" "gzip KB"
line "$(printf '%.0s-' {1..60})" "----------" "----------"
total_raw=0
total_gz=0
for f in "${files[@]}"; do
  raw=$(stat -c %s "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  total_raw=$((total_raw + raw))
  total_gz=$((total_gz + gz))
  line "${f#"$dist"/}" "$(kb "$raw")" "$(kb "$gz")"
done
line "$(printf '%.0s-' {1..60})" "----------" "----------"
line "total (${#files[@]} files)" "$(kb "$total_raw")" "$(kb "$total_gz")"

# index.html names the first load's files by href; the main JS imports the split loader.
mapfile -t first < <({ grep -o 'href="[^"]*\.\(wasm\|js\|css\)"' "$dist/index.html" | sed 's/^href="//; s/"$//; s|.*/||'
  find "$dist" -maxdepth 1 -name '__wasm_split-*.js' -printf '%f\n'; } | sort -u)
# index.html's first script preloads the texts of the language the app starts in.
for lang in en ko; do
  first_raw=0
  first_gz=0
  for f in "${first[@]}" "locales/$lang.json"; do
    [ -f "$dist/$f" ] || { echo "index.html names $f, which $dist/ lacks" >&2; exit 1; }
    first_raw=$((first_raw + $(stat -c %s "$dist/$f")))
    first_gz=$((first_gz + $(gzip -9 -c "$dist/$f" | wc -c)))
  done
  line "first load, $lang ($((${#first[@]} + 1)) files)" "$(kb "$first_raw")" "$(kb "$first_gz")"
done
