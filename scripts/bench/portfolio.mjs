// Portfolio benchmark (issue 11), run by scripts/bench-portfolio.sh: drives the release build in
// dist/ (served by tests/e2e/serve.mjs) in headless Chromium on the large demo portfolio.
// Env: PORT (default 4349), LATENCY (the mock's simulated network latency, default 0 ms: the
// figures are the app's own work), CHROMIUM (default /usr/bin/chromium).
import { spawn } from 'node:child_process';
import { chromium } from '@playwright/test';

const PORT = Number(process.env.PORT ?? 4349);
const LATENCY = Number(process.env.LATENCY ?? 0);
const ROW_HEIGHT = 44; // src/pages/portfolio.rs

async function serve() {
  const child = spawn(process.execPath, ['tests/e2e/serve.mjs', String(PORT)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('serving')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`serve.mjs exited (${code})`)));
    setTimeout(resolve, 5000);
  });
  return child;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const ms = (x) => `${x.toFixed(1)} ms`;
const mb = (x) => `${(x / 1024 / 1024).toFixed(1)} MB`;

// In the page: resolves with the time from the next keydown (or mousedown) until the grid shows
// the view of the new address (its table's data-view is the query string) with its rows, and a
// frame has been painted.
const ARM = `(() => {
  const before = location.search;
  window.__update = new Promise((resolve) => {
    let t0 = null;
    const start = () => { if (t0 === null) t0 = performance.now(); };
    addEventListener('keydown', start, { capture: true, once: true });
    addEventListener('mousedown', start, { capture: true, once: true });
    const check = () => {
      const t = document.querySelector('table.portfolio');
      const shown = t && location.search !== before && t.dataset.view === location.search
        && document.querySelector('#portfolio-count').textContent !== ''
        && (t.getAttribute('aria-rowcount') === '1' || t.querySelector('tr[data-row] th a'));
      if (t0 !== null && shown) {
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
      } else {
        requestAnimationFrame(check);
      }
    };
    requestAnimationFrame(check);
  });
})()`;

async function timed(page, act) {
  await page.evaluate(ARM);
  await act();
  return page.evaluate(() => window.__update);
}

const server = await serve();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--enable-precise-memory-info', '--js-flags=--expose-gc', '--no-first-run'],
});
try {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const t = Date.now();
  const step = (what) => process.stderr.write(`[${((Date.now() - t) / 1000).toFixed(1)} s] ${what}\n`);
  page.on('crash', () => step('the page crashed'));
  page.on('pageerror', (e) => step(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && step(`console: ${m.text()}`));
  // The wasm's exports (its linear memory), from Trunk's start-up event.
  await page.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail && e.detail.wasm; });
  });
  const base = `http://127.0.0.1:${PORT}`;
  await page.goto(`${base}/settings?latency=${LATENCY}`);
  await page.getByRole('heading', { level: 1, name: 'Demo settings' }).waitFor();

  step('settings');
  // Switch to the large portfolio (generated in the browser).
  await page.getByRole('radio', { name: /Large portfolio/ }).check();
  await page.getByRole('button', { name: 'Switch', exact: true }).click();
  const t0 = Date.now();
  await page.getByRole('dialog').getByRole('button', { name: 'Switch', exact: true }).click();
  await page.getByText(/now has 5,000 customers/).waitFor({ timeout: 120_000 });
  const switchMs = Date.now() - t0;
  const stored = await page.evaluate(() => {
    let n = 0;
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      n += k.length + (localStorage.getItem(k) || '').length;
    }
    return n;
  });
  const size = await page.getByText(/now has 5,000 customers/).textContent();

  step('switched');
  // A reload: start-up regenerates the data and replays the change log.
  const r0 = Date.now();
  await page.goto(`${base}/customers?latency=${LATENCY}`);
  await page.locator('main table tbody tr th a').first().waitFor({ timeout: 120_000 });
  const reloadMs = Date.now() - r0;
  const customers = await page.locator('main').getByText(/5,000/).first().textContent().catch(() => '');

  step('reloaded');
  // Open the Portfolio (in the app: its first request builds the backend's portfolio index).
  const p0 = Date.now();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Portfolio' }).click();
  await page.locator('tr[data-row="0"] th a').waitFor({ timeout: 120_000 });
  const openMs = Date.now() - p0;
  const count = await page.locator('#portfolio-count').textContent();
  await page.waitForTimeout(500);

  step('portfolio open');
  // Memory after loading.
  await page.evaluate(() => window.gc && window.gc());
  const cdp = await context.newCDPSession(page);
  const heap = await cdp.send('Runtime.getHeapUsage');
  const memory = await page.evaluate(() => ({
    used: performance.memory ? performance.memory.usedJSHeapSize : 0,
    wasm: window.__wasm && window.__wasm.memory ? window.__wasm.memory.buffer.byteLength : 0,
  }));

  step('memory');
  // Filter keystrokes: type into the search box and delete again, one key at a time.
  const search = page.getByRole('searchbox', { name: 'Search the portfolio' });
  await search.click();
  const keys = [];
  for (const word of ['koreacentral', 'standard_d4']) {
    for (const ch of word) keys.push(await timed(page, () => page.keyboard.press(ch)));
    for (let i = 0; i < word.length; i++) keys.push(await timed(page, () => page.keyboard.press('Backspace')));
  }

  step('keystrokes');
  // Sorting every row by a column (the first time for that column, then once more).
  const sorts = [];
  for (const name of ['Customer', 'Quantity', '30-day utilization', 'Refund headroom']) {
    const header = page.getByRole('columnheader', { name, exact: true }).getByRole('button');
    sorts.push([name, await timed(page, () => header.click())]);
  }
  const sortAgain = await timed(page, () =>
    page.getByRole('columnheader', { name: 'Customer', exact: true }).getByRole('button').click());

  step('sorted');
  // Scrolling 1,000 rows, 5 rows a frame, with long tasks observed.
  const scroll = await page.evaluate(async (rowHeight) => {
    const box = document.querySelector('.portfolio-scroll');
    const longTasks = [];
    const obs = new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration)));
    obs.observe({ type: 'longtask', buffered: false });
    const start = performance.now();
    for (let rows = 0; rows < 1000; rows += 5) {
      box.scrollTop += 5 * rowHeight;
      await new Promise((r) => requestAnimationFrame(() => r()));
    }
    // Let the last blocks arrive.
    await new Promise((r) => setTimeout(r, 300));
    obs.disconnect();
    const rendered = box.querySelectorAll('tr[data-row] th a').length;
    return { ms: performance.now() - start, longTasks, rendered, top: box.scrollTop };
  }, ROW_HEIGHT);

  console.log(`Portfolio benchmark: large demo portfolio, headless Chromium, mock latency ${LATENCY} ms`);
  console.log(`  data:                      ${size.trim()}`);
  console.log(`  localStorage in use:       ${(stored / 1024).toFixed(1)} KB (the change log, not the data)`);
  console.log(`  switch to large (generate): ${ms(switchMs)}`);
  console.log(`  reload to Customers:        ${ms(reloadMs)}  (regenerate + replay + first page)`);
  console.log(`  open Portfolio:             ${ms(openMs)}  (${count.trim()})`);
  console.log(`  filter keystroke → grid:    median ${ms(median(keys))}, p95 ${ms(pct(keys, 95))}, max ${ms(Math.max(...keys))}  (${keys.length} keys; target ≤ 50 / ≤ 100)`);
  for (const [name, t] of sorts) console.log(`  sort 100,000 rows by ${name.padEnd(18)} ${ms(t)}  (target ≤ 150)`);
  console.log(`  sort again (cached order):  ${ms(sortAgain)}`);
  const over = scroll.longTasks.filter((d) => d > 50);
  console.log(`  scroll 1,000 rows:          ${ms(scroll.ms)}, long tasks ${scroll.longTasks.length} (max ${ms(Math.max(0, ...scroll.longTasks))}), over 50 ms: ${over.length}  (target 0)`);
  console.log(`  memory after loading:       JS heap ${mb(heap.usedSize)} (performance.memory ${mb(memory.used)}), wasm linear memory ${mb(memory.wasm)}, sum ${mb(heap.usedSize + memory.wasm)}  (target ≤ 150 MB)`);
} finally {
  await browser.close();
  server.kill();
}
