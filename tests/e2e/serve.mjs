// A static host for dist/ like any other: correct MIME types (application/wasm) and the SPA
// fallback to index.html for paths without a file extension, so deep links survive a reload.
// Node built-ins only. Usage: node tests/e2e/serve.mjs [port]
//   PUBLIC_PATH=/sub/path/  serves under a sub-path, like `trunk build --public-url /sub/path/`
//   DIST=/some/dir          serves another build than dist/
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

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
  // Never above the root: normalize, then drop any leading ../
  path = normalize(path.slice(base.length)).replace(/^(\.\.([/\\]|$))+/, '');
  let body = path && (await file(join(root, path)));
  let type = types[extname(path)];
  if (!body && !extname(path)) {
    body = await file(join(root, 'index.html'));
    type = types['.html'];
  }
  if (!body) {
    return send(req, res, 404, { 'Content-Type': 'text/plain' }, 'not found');
  }
  send(req, res, 200, { 'Content-Type': type ?? 'application/octet-stream' }, body);
}).listen(port, '127.0.0.1', () => console.log(`serving ${root} at http://127.0.0.1:${port}${base}`));
