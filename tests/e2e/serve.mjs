// A static host for dist/ like any other: correct MIME types (application/wasm) and the SPA
// fallback to index.html for paths without a file extension, so deep links survive a reload.
// Like a production host it compresses (brotli, else gzip) and sends the caching headers of README.md's
// hosting section. Node built-ins only. Usage: node tests/e2e/serve.mjs [port]
//   PUBLIC_PATH=/sub/path/  serves under a sub-path, like `trunk build --public-url /sub/path/`
//   DIST=/some/dir          serves another build than dist/
//   STUB_API=1              answers <base>api/ from stub-api.mjs (for the server build)
import { createServer } from 'node:http';
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzipSync } from 'node:zlib';
import { stubApi } from './stub-api.mjs';

const root = process.env.DIST ?? fileURLToPath(new URL('../../dist/', import.meta.url));
const port = Number(process.argv[2] ?? process.env.PORT ?? 4173);
const base = (process.env.PUBLIC_PATH ?? '/').replace(/\/?$/, '/');
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

// Trunk's hashed names (name-<hash>.js, name-<hash>_bg.wasm, main-<hash>.css) never change
// content: cache them for a year. Everything else (index.html, config.json) is revalidated.
const hashed = /-[0-9a-f]{8,}(_bg)?\.(js|wasm|css)$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';
const compressible = /^(text\/|application\/(json|wasm)|image\/svg)/;
const encoded = new Map(); // 'br:path' or 'gzip:path' -> body; the build is not rebuilt under us
const brotli = promisify(brotliCompress);

// Brotli at its best level takes seconds for the wasm (hosts do it once, at deploy): it runs in
// the background from the start, and gzip answers until it is done.
async function precompress() {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  await Promise.all(
    entries
      .filter((e) => e.isFile() && compressible.test(types[extname(e.name)] ?? ''))
      .map(async (e) => {
        const full = join(e.parentPath ?? e.path, e.name);
        const body = await brotli(await readFile(full), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
        encoded.set(`br:${relative(root, full)}`, body);
      }),
  );
}

async function file(path) {
  try {
    const info = await stat(path);
    return info.isFile() ? await readFile(path) : null;
  } catch {
    return null;
  }
}

function send(req, res, status, headers, body) {
  res.writeHead(status, { 'Cache-Control': 'no-store', ...headers });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function sendFile(req, res, path, type, body) {
  const headers = { 'Content-Type': type, 'Cache-Control': hashed.test(path) ? IMMUTABLE : 'no-cache' };
  if (compressible.test(type)) {
    headers.Vary = 'Accept-Encoding';
    const accepted = req.headers['accept-encoding'] ?? '';
    const br = /\bbr\b/.test(accepted) && encoded.has(`br:${path}`);
    const encoding = br ? 'br' : /\bgzip\b/.test(accepted) ? 'gzip' : null;
    if (encoding) {
      const key = `${encoding}:${path}`;
      if (!encoded.has(key)) encoded.set(key, gzipSync(body, { level: 9 }));
      headers['Content-Encoding'] = encoding;
      body = encoded.get(key);
    }
  }
  send(req, res, 200, headers, body);
}

createServer(async (req, res) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return send(req, res, 405, { Allow: 'GET, HEAD' }, 'method not allowed');
  }
  const url = new URL(req.url, 'http://localhost');
  let path;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return send(req, res, 400, {}, 'bad request');
  }
  if (path + '/' === base) {
    // /sub/path -> /sub/path/, as static hosts do for a folder.
    return send(req, res, 301, { Location: base + url.search }, '');
  }
  if (!path.startsWith(base)) {
    return send(req, res, 404, { 'Content-Type': 'text/plain' }, 'not found');
  }
  if (process.env.STUB_API && path.startsWith(base + 'api/')) {
    const answer = stubApi(path.slice(base.length + 3), url.search);
    return answer
      ? send(req, res, 200, { 'Content-Type': 'application/json' }, JSON.stringify(answer))
      : send(req, res, 404, { 'Content-Type': 'application/json' }, '{"error":{"code":"RouteNotFound","message":"not stubbed"}}');
  }
  // Never above the root: normalize, then drop any leading ../
  path = normalize(path.slice(base.length)).replace(/^(\.\.([/\\]|$))+/, '');
  let body = path && (await file(join(root, path)));
  let type = types[extname(path)];
  if (!body && !extname(path)) {
    path = 'index.html';
    body = await file(join(root, path));
    type = types['.html'];
  }
  if (!body) {
    return send(req, res, 404, { 'Content-Type': 'text/plain' }, 'not found');
  }
  sendFile(req, res, path, type ?? 'application/octet-stream', body);
}).listen(port, '127.0.0.1', () => {
  console.log(`serving ${root} at http://127.0.0.1:${port}${base}`);
  precompress().then(() => console.log('brotli ready'));
});
