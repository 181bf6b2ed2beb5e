// A static host for dist/ like any other: correct MIME types (application/wasm) and the SPA
// fallback to index.html for paths without a file extension, so deep links survive a reload.
// Usage: node tests/e2e/serve.mjs [port]   (PUBLIC_PATH=/sub/path/ serves under a sub-path,
// DIST=/some/dir serves another build)
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
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

async function file(path) {
  try {
    const info = await stat(path);
    return info.isFile() ? await readFile(path) : null;
  } catch {
    return null;
  }
}

createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  let path = decodeURIComponent(url.pathname);
  if (!path.startsWith(base)) {
    res.writeHead(404).end('not found');
    return;
  }
  path = normalize(path.slice(base.length)).replace(/^(\.\.[/\\])+/, '');
  let body = path && (await file(join(root, path)));
  let type = types[extname(path)];
  if (!body && !extname(path)) {
    body = await file(join(root, 'index.html'));
    type = types['.html'];
  }
  if (!body) {
    res.writeHead(404).end('not found');
    return;
  }
  res.writeHead(200, { 'Content-Type': type ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
  res.end(body);
}).listen(port, '127.0.0.1', () => console.log(`serving dist/ at http://127.0.0.1:${port}${base}`));
