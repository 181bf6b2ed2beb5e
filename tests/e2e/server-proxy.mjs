// Runs the e2e journeys against `reservation-server --demo` (playwright.server.config.ts) with
// the isolation the mock gives for free, and a restart on every page load:
// - a page load from a new browser context (no `e2e` cookie yet) gets a fresh server on a fresh
//   database, like a fresh localStorage gives the mock fresh demo data;
// - every later page load of that context (goto, reload) first kills the server with SIGKILL and
//   starts it again on the same database, so whatever a journey checks after a reload was read
//   back from SQLite by a new process.
// Node built-ins only. Usage: node tests/e2e/server-proxy.mjs [port]
//   SERVER_BIN (default target/server/reservation-server), DIST (default dist)
import { createServer, request } from 'node:http';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const port = Number(process.argv[2] ?? process.env.PORT ?? 4190);
const bin = process.env.SERVER_BIN ?? 'target/server/reservation-server';
const dist = process.env.DIST ?? 'dist';

let child = null;
let upstream = null; // { host, port }
let dir = null;
let session = 0;
let queue = Promise.resolve();
// Requests forwarded and not yet answered: a restart waits for them (up to DRAIN_MS), so the page
// being left does not see its last requests cut, which a page would take for a network failure.
let inflight = 0;
let drained = null;
const DRAIN_MS = 5_000;

function drain() {
  if (inflight === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, DRAIN_MS);
    drained = () => {
      clearTimeout(timer);
      resolve();
    };
  });
}

function start(db) {
  return new Promise((resolve, reject) => {
    const c = spawn(bin, ['--demo', '--db', db, '--dist', dist, '--listen', '127.0.0.1:0'], {
      stdio: ['ignore', 'pipe', 'inherit'],
      // Warnings and errors only: a line per request would bury the test output.
      env: { ...process.env, RUST_LOG: process.env.RUST_LOG ?? 'warn' },
    });
    let out = '';
    const onExit = (code) => reject(new Error(`reservation-server exited (${code}) before listening`));
    c.once('exit', onExit);
    c.stdout.on('data', (d) => {
      out += d;
      const m = /listening on http:\/\/([\d.]+):(\d+)/.exec(out);
      if (m && !upstream) {
        c.off('exit', onExit);
        child = c;
        upstream = { host: m[1], port: Number(m[2]) };
        resolve();
      }
    });
  });
}

async function stop() {
  if (!child) return;
  const c = child;
  child = null;
  upstream = null;
  if (c.exitCode === null) {
    const gone = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    await gone;
  }
}

async function restart(fresh) {
  await drain();
  await stop();
  if (fresh || !dir) {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = mkdtempSync(join(tmpdir(), 'resdash-e2e-'));
  }
  await start(join(dir, 'e2e.db'));
  console.log(`${fresh ? 'fresh server' : 'restarted (SIGKILL) on the same database'}: ${child.pid}`);
}

function forward(req, res, body, setCookie) {
  inflight += 1;
  res.once('close', () => {
    inflight -= 1;
    if (inflight === 0 && drained) {
      drained();
      drained = null;
    }
  });
  const headers = { ...req.headers, host: `${upstream.host}:${upstream.port}` };
  const up = request(
    { host: upstream.host, port: upstream.port, method: req.method, path: req.url, headers },
    (r) => {
      const h = { ...r.headers };
      if (setCookie) h['set-cookie'] = [setCookie];
      res.writeHead(r.statusCode ?? 502, h);
      r.pipe(res);
    },
  );
  up.on('error', (e) => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(String(e));
  });
  up.end(body);
}

createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const navigate = req.method === 'GET' && req.headers['sec-fetch-mode'] === 'navigate';
    const known = /(?:^|;\s*)e2e=\d+/.test(req.headers.cookie ?? '');
    let setCookie = null;
    if (navigate && !known) {
      session += 1;
      setCookie = `e2e=${session}; Path=/; SameSite=Strict`;
    }
    // Restarts and requests go one after another: nothing reaches a server being replaced.
    queue = queue
      .then(() => (navigate ? restart(!known) : undefined))
      .then(() => forward(req, res, body, setCookie))
      .catch((e) => {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(String(e));
      });
  });
}).listen(port, '127.0.0.1', () => {
  queue = queue.then(() => restart(true));
  console.log(`server-proxy on http://127.0.0.1:${port}/ → ${bin} --demo`);
});

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, async () => {
    await stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  });
}
