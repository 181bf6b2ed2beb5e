// Trunk post-build hook (Trunk.toml): splits the app's wasm at its page groups (src/pages/lazy.rs)
// into a main module and chunks loaded when a page first needs them. Trunk 0.21 cannot split, so
// this redoes its last steps on the cargo output: wasm-split-cli, wasm-bindgen, wasm-opt (release),
// then puts the result in Trunk's staging folder under Trunk's names. Chunks and the loader get
// content-hashed names (hosts cache those forever) and index.html's integrity hashes are updated.
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, homedir } from 'node:os';
import { promisify } from 'node:util';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const staging = process.env.TRUNK_STAGING_DIR;
const profile = process.env.TRUNK_PROFILE ?? 'release';
// KEEP_NAMES=1 keeps the name section in a release build, for twiggy and the browser's profiler.
const keepNames = profile !== 'release' || process.env.KEEP_NAMES === '1';
if (!staging) throw new Error('split-wasm.mjs runs as a Trunk post_build hook (TRUNK_STAGING_DIR is unset)');

const targetDir = resolve(root, process.env.CARGO_TARGET_DIR ?? 'target');
const input = join(targetDir, 'wasm32-unknown-unknown', profile, 'reservations-dashboard.wasm');
const tool = (name, ...dirs) => dirs.map((d) => join(d, name)).find(existsSync) ?? name;
const cargoBin = join(process.env.CARGO_HOME ?? join(homedir(), '.cargo'), 'bin');
const wasmSplit = tool('wasm-split-cli', cargoBin);
const wasmBindgen = tool('wasm-bindgen', cargoBin);
const wasmOpt = tool('wasm-opt', join(root, 'node_modules', '.bin'));
// The features rustc 1.95 enables by default for wasm32 (Debian's binaryen 108 is not used).
const optFlags = ['-Oz', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
  '--enable-reference-types', '--enable-multivalue', '--enable-mutable-globals'];

const run = (cmd, args) => {
  try {
    execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  } catch (error) {
    if (error.code === 'ENOENT') throw new Error(`${cmd} is not installed: run ./scripts/setup.sh`);
    throw error;
  }
};
const hash = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);
const sri = (bytes) => 'sha384-' + createHash('sha384').update(bytes).digest('base64');

// Trunk's names: <stem>.js and <stem>_bg.wasm, stem = reservations-dashboard-<hash>.
const trunkWasm = readdirSync(staging).find((f) => /^reservations-dashboard-[0-9a-f]+_bg\.wasm$/.test(f));
if (!trunkWasm) throw new Error(`no reservations-dashboard-*_bg.wasm in ${staging}`);
const stem = trunkWasm.replace(/_bg\.wasm$/, '');

const work = join(targetDir, 'wasm-split', profile);
rmSync(work, { recursive: true, force: true });
mkdirSync(join(work, 'bindgen'), { recursive: true });

run(wasmSplit, [input, work, '--out-name', stem]);
run(wasmBindgen, ['--target', 'web', '--no-typescript', '--keep-lld-exports', '--no-demangle',
  ...(keepNames ? ['--keep-debug'] : []), '--out-dir', join(work, 'bindgen'), '--out-name', stem,
  join(work, `${stem}.wasm`)]);
rmSync(join(work, `${stem}.wasm`));

const chunks = readdirSync(work).filter((f) => f.endsWith('.wasm'));
const modules = [join(work, 'bindgen', `${stem}_bg.wasm`), ...chunks.map((f) => join(work, f))];
if (profile === 'release') {
  // wasm-opt from npm starts slowly: run one per core.
  const queue = [...modules];
  const optimize = async () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      await promisify(execFile)(wasmOpt, [...optFlags, ...(keepNames ? ['-g'] : []), file, '-o', file]);
    }
  };
  await Promise.all(Array.from({ length: availableParallelism() }, optimize));
}

// JS and CSS minified in release builds (esbuild, package.json): Trunk's own minifier would
// run before this hook replaces its JS.
const esbuild = profile === 'release' ? await import('esbuild').catch(() => {
  throw new Error('esbuild is not installed: run ./scripts/setup.sh');
}) : null;
const minify = (code, loader = 'js') => esbuild ? esbuild.transformSync(code, { minify: true, loader, format: loader === 'js' ? 'esm' : undefined, target: 'es2020' }).code : code;

// Content-hashed chunk names, written into the loader; then the loader's own name into the main JS.
let loader = readFileSync(join(work, '__wasm_split.js'), 'utf8');
for (const file of chunks) {
  const bytes = readFileSync(join(work, file));
  const named = file.replace(/\.wasm$/, `-${hash(bytes)}.wasm`);
  loader = loader.replaceAll(`"./${file}"`, `"./${named}"`);
  copyFileSync(join(work, file), join(staging, named));
}
loader = minify(loader);
const loaderName = `__wasm_split-${hash(loader)}.js`;
writeFileSync(join(staging, loaderName), loader);
const mainJs = readFileSync(join(work, 'bindgen', `${stem}.js`), 'utf8').replaceAll('from "./__wasm_split.js"', `from "./${loaderName}"`);
writeFileSync(join(staging, `${stem}.js`), minify(mainJs));
const css = readdirSync(staging).filter((f) => f.endsWith('.css'));
for (const file of css) writeFileSync(join(staging, file), minify(readFileSync(join(staging, file), 'utf8'), 'css'));
copyFileSync(join(work, 'bindgen', `${stem}_bg.wasm`), join(staging, trunkWasm));
const snippets = join(work, 'bindgen', 'snippets');
if (existsSync(snippets)) {
  rmSync(join(staging, 'snippets'), { recursive: true, force: true });
  renameSync(snippets, join(staging, 'snippets'));
}

// Trunk wrote integrity hashes of its own files into index.html: they must match the new ones.
const indexPath = join(staging, 'index.html');
let html = readFileSync(indexPath, 'utf8');
for (const file of [`${stem}.js`, trunkWasm, ...css]) {
  const integrity = sri(readFileSync(join(staging, file)));
  const link = new RegExp(`(<link[^>]*href="[^"]*${file.replace(/\./g, '\\.')}"[^>]*integrity=")[^"]*(")`);
  if (!link.test(html)) throw new Error(`index.html has no integrity for ${file}`);
  html = html.replace(link, `$1${integrity}$2`);
}
// Fetched beside the main JS, which imports it, instead of after it.
const hint = `<link rel="modulepreload" href="${process.env.TRUNK_PUBLIC_URL ?? '/'}${loaderName}" crossorigin="anonymous">`;
html = html.replace('</head>', `${hint}\n</head>`);
writeFileSync(indexPath, html);
console.log(`split-wasm: ${stem}: main module and ${chunks.length} chunks (${profile})`);
