// First-render benchmark (issue 10): cold loads of the Customers list, app against a static floor.
// Usage: node scripts/bench/first-render.mjs name=dir[:stub] ...   (scripts/bench-first-render.sh)
//   dir    a release build; the floor page is written into it as floor.html
//   :stub  the build talks HTTP: serve.mjs answers /api/ from tests/e2e/stub-api.mjs
// RUNS=7 loads of each per profile, alternating app and floor.
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

const RUNS = Number(process.env.RUNS ?? 7);
const ROWS = 20;
const PROFILES = [
  { name: 'loopback', conditions: null },
  // CDP takes bytes per second and the round trip in ms.
  { name: '10 Mbit/s, 40 ms RTT', conditions: { offline: false, latency: 40, downloadThroughput: 10e6 / 8, uploadThroughput: 10e6 / 8 } },
];

// Resolves with performance.now() (ms since navigation start) at the first animation frame in
// which ROWS rows of the list (a link in the row header) are in the document. Also notes when
// the wasm module has been instantiated and its main() has run (Trunk's start event): the part
// of the time the browser's loading pipeline takes before any of the app's own work.
const probe = `addEventListener('TrunkApplicationStarted', () => { window.__started = performance.now(); });
window.__firstRows = new Promise((resolve) => {
  const ready = () => document.querySelectorAll('main table tbody tr th a').length >= ${ROWS};
  const done = () => requestAnimationFrame(() => resolve(performance.now()));
  const observer = new MutationObserver(() => { if (ready()) { observer.disconnect(); done(); } });
  observer.observe(document, { childList: true, subtree: true });
});`;

async function serve(dir, stub, port) {
  const child = spawn(process.execPath, ['tests/e2e/serve.mjs', String(port)], {
    env: { ...process.env, DIST: dir, ...(stub ? { STUB_API: '1' } : {}) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Measured once the server has its brotli copies, as a host that compressed at deploy time.
  await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('brotli ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`serve.mjs exited (${code})`)));
  });
  return child;
}

async function coldLoad(browser, url, profile) {
  const context = await browser.newContext({ locale: 'en-US' });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (profile.conditions) await cdp.send('Network.emulateNetworkConditions', profile.conditions);
    await page.addInitScript(probe);
    await page.goto(url, { waitUntil: 'commit' });
    const rows = await page.evaluate(() => window.__firstRows);
    return { rows, started: await page.evaluate(() => window.__started) };
  } finally {
    await context.close();
  }
}

// The app's own first ROWS rows, frame and CSS as plain HTML: what a static page needs to show.
async function writeFloor(browser, url, dir) {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await page.addInitScript(probe);
  await page.goto(url);
  await page.evaluate(() => window.__firstRows);
  const html = await page.evaluate((rows) => {
    const root = document.documentElement.cloneNode(true);
    root.querySelectorAll('script, link[rel=preload], link[rel=modulepreload], #boot').forEach((e) => e.remove());
    root.querySelectorAll('main table tbody tr').forEach((tr, i) => i >= rows && tr.remove());
    return '<!DOCTYPE html>\n' + root.outerHTML;
  }, ROWS);
  await context.close();
  await writeFile(join(dir, 'floor.html'), html);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const builds = process.argv.slice(2).map((arg, i) => {
  const [name, rest] = arg.split('=');
  const [dir, mode] = rest.split(':');
  return { name, dir, stub: mode === 'stub', port: 4300 + i };
});

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
const results = [];
try {
  for (const build of builds) {
    const server = await serve(build.dir, build.stub, build.port);
    try {
      const origin = `http://127.0.0.1:${build.port}`;
      // The demo build without its artificial mock latency, as in the figures.
      const app = `${origin}/customers${build.stub ? '' : '?latency=0'}`;
      const floor = `${origin}/floor.html`;
      await writeFloor(browser, app, build.dir);
      for (const profile of PROFILES) {
        await coldLoad(browser, app, profile); // warm-up: the server compresses each file once
        await coldLoad(browser, floor, profile);
        const times = { app: [], started: [], floor: [] };
        for (let i = 0; i < RUNS; i++) {
          const load = await coldLoad(browser, app, profile);
          times.app.push(load.rows);
          times.started.push(load.started);
          times.floor.push((await coldLoad(browser, floor, profile)).rows);
        }
        const row = { build: build.name, profile: profile.name, app: median(times.app), started: median(times.started), floor: median(times.floor) };
        results.push(row);
        console.error(`${row.build} / ${row.profile}: app ${times.app.map(Math.round).join(' ')} | started ${times.started.map(Math.round).join(' ')} | floor ${times.floor.map(Math.round).join(' ')}`);
      }
    } finally {
      server.kill();
    }
  }
} finally {
  await browser.close();
}

const line = (...c) => console.log(c[0].padEnd(8) + c[1].padEnd(24) + c.slice(2).map((x) => x.padStart(13)).join(''));
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
console.log(`\nFirst render: navigation until ${ROWS} rows of the Customers list are visible; cold loads (new context, cache disabled), median of ${RUNS}, alternating app and floor`);
console.log('"started": the wasm instantiated and its main() run (Trunk\'s start event), before the app\'s own work');
line('build', 'profile', 'app ms', 'floor ms', 'app÷floor', 'started ms', 'start÷floor');
for (const r of results) line(r.build, r.profile, r.app.toFixed(0), r.floor.toFixed(0), ratio(r.app, r.floor), r.started.toFixed(0), ratio(r.started, r.floor));
