#!/usr/bin/env bash
# Installs what building, serving and testing need, each piece only when it is missing, with the
# installer's own progress shown. Idempotent: a second run installs nothing and takes seconds.
# Used by scripts/run.sh and scripts/test.sh; safe to run by hand.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\n==> %s\n' "$*"; }
die() { printf '\nsetup failed: %s\n' "$*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

TRUNK_VERSION=0.21.14 # 0.22 needs a newer rustc than this toolchain
# Splits the wasm at the lazy routes (scripts/split-wasm.mjs, Trunk's post-build hook); the crate
# whose output format Leptos 0.8's `wasm_split_helpers` expects.
WASM_SPLIT_VERSION=0.2.4

have cargo && have rustup || die "cargo and rustup are needed (the machine's Rust toolchain); install Rust first"
have node && have npm || die "Node.js and npm are needed for Playwright and wasm-opt; install them first (e.g. apt-get install nodejs npm)"

# The wasm-bindgen CLI must be exactly the version of the crate, which Cargo.toml pins with `=`.
WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen *= *"=\([0-9][0-9.]*\)".*/\1/p' Cargo.toml | head -n 1)
[ -n "$WASM_BINDGEN_VERSION" ] || die 'Cargo.toml must pin the wasm-bindgen crate exactly (wasm-bindgen = "=X.Y.Z")'
if [ -f Cargo.lock ]; then
  locked=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
  [ -z "$locked" ] || [ "$locked" = "$WASM_BINDGEN_VERSION" ] ||
    die "Cargo.lock has wasm-bindgen $locked but Cargo.toml pins =$WASM_BINDGEN_VERSION: run cargo update -p wasm-bindgen"
fi
# Trunk.toml names the wasm-opt version Trunk accepts (e.g. version_132).
WASM_OPT_VERSION=$(sed -n 's/^wasm_opt *= *"\(.*\)".*/\1/p' Trunk.toml | head -n 1)

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "Adding the Rust target wasm32-unknown-unknown (first time only, under a minute)"
  rustup target add wasm32-unknown-unknown || die "rustup could not add the wasm32-unknown-unknown target"
fi

if ! have trunk || [ "$(trunk --version | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  say "Installing Trunk $TRUNK_VERSION (first time only, about 12 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked ||
    die "cargo install trunk $TRUNK_VERSION failed (see the compiler output above)"
fi

if ! have wasm-bindgen || ! have wasm-bindgen-test-runner ||
  [ "$(wasm-bindgen --version | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  say "Installing wasm-bindgen-cli $WASM_BINDGEN_VERSION to match the crate (first time only, about 5 minutes)"
  # Without --locked on purpose: the CLI's own lockfile names crate versions this registry lacks.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force ||
    die "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION failed (see the compiler output above)"
fi
if ! have wasm-split-cli ||
  ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  say "Installing wasm-split-cli $WASM_SPLIT_VERSION (first time only, about a minute)"
  # Without --locked, like wasm-bindgen-cli: resolved against this registry.
  cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --force ||
    die "cargo install wasm_split_cli_support $WASM_SPLIT_VERSION failed (see the compiler output above)"
fi

found=$(wasm-bindgen --version | awk '{print $2}')
[ "$found" = "$WASM_BINDGEN_VERSION" ] ||
  die "wasm-bindgen on PATH ($(command -v wasm-bindgen)) is $found, the crate is $WASM_BINDGEN_VERSION"

# Chromium and its driver run the browser tests; a Korean font makes the Korean pages legible in
# failure screenshots.
apt_packages=(chromium chromium-driver fonts-nanum)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "Installing Debian's ${missing[*]} for the browser tests (first time only, a minute or two)"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    have sudo || die "installing ${missing[*]} needs root: run as root or install sudo"
    SUDO="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  # A fresh machine may have no package lists yet: update only when the first try fails.
  $SUDO apt-get install -y "${missing[@]}" ||
    { $SUDO apt-get update && $SUDO apt-get install -y "${missing[@]}"; } ||
    die "apt-get could not install ${missing[*]}"
fi
[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] ||
  die "/usr/bin/chromium and /usr/bin/chromedriver should exist after installing chromium and chromium-driver"

# PostgreSQL's server binaries: the server's tests start a throwaway cluster of their own with
# /usr/lib/postgresql/*/bin/initdb and pg_ctl (Debian's package; its own cluster is not used).
if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
  say "Installing Debian's postgresql for the server's tests (first time only, a minute or two)"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    have sudo || die "installing postgresql needs root: run as root or install sudo"
    SUDO="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  # A fresh machine may have no package lists yet: update only when the first try fails.
  $SUDO apt-get install -y postgresql ||
    { $SUDO apt-get update && $SUDO apt-get install -y postgresql; } ||
    die "apt-get could not install postgresql"
fi
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null && id -u postgres >/dev/null 2>&1 ||
  die "/usr/lib/postgresql/*/bin/initdb and a postgres user should exist after installing postgresql"

# node_modules is (re)installed when missing or stale: when a package of package-lock.json is
# absent from, or at another version in, npm's record of what it installed. Optional packages
# for another platform (esbuild's ~25 binaries for other OSes and CPUs) are never installed, so
# their absence is not staleness; the `os`/`cpu` lists are read as npm does ("!x" excludes x).
npm_stale() {
  node -e '
    const fs = require("fs");
    const want = JSON.parse(fs.readFileSync("package-lock.json", "utf8")).packages;
    let have;
    try { have = JSON.parse(fs.readFileSync("node_modules/.package-lock.json", "utf8")).packages; }
    catch { process.exit(0); }
    const allows = (list, value) => {
      if (!Array.isArray(list) || list.length === 0) return true;
      if (list.includes("!" + value)) return false;
      const positive = list.filter((x) => !x.startsWith("!"));
      return positive.length === 0 || positive.includes(value);
    };
    const forThisPlatform = (p) => allows(p.os, process.platform) && allows(p.cpu, process.arch);
    for (const [path, p] of Object.entries(want)) {
      if (!path || (p.optional && !forThisPlatform(p))) continue;
      if (!have[path] || have[path].version !== p.version) process.exit(0);
    }
    process.exit(1);'
}
if npm_stale; then
  say "Installing the npm packages of package-lock.json: Playwright, binaryen's wasm-opt (under a minute)"
  npm ci --no-audit --no-fund || die "npm ci failed (see npm's output above)"
fi
[ -x node_modules/.bin/wasm-opt ] || die "node_modules/.bin/wasm-opt is missing: is binaryen in package.json?"
opt=$(node_modules/.bin/wasm-opt --version | sed -n 's/.*(\(version_[0-9]*\)).*/\1/p')
[ -z "$WASM_OPT_VERSION" ] || [ "$opt" = "$WASM_OPT_VERSION" ] ||
  die "node_modules/.bin/wasm-opt is $opt but Trunk.toml asks for $WASM_OPT_VERSION: keep binaryen in package.json and [tools] wasm_opt in step"

say "Tools ready: $(trunk --version), wasm-bindgen $found, wasm-split-cli $WASM_SPLIT_VERSION, wasm-opt $opt, $(chromium --version 2>/dev/null | head -n 1), node $(node --version)"
