import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
const [dir, mode] = process.argv[2].split(':');
const stub = mode === 'stub';
const port = 4398;
const child = spawn(process.execPath, ['tests/e2e/serve.mjs', String(port)], { env: { ...process.env, DIST: dir, ...(stub ? { STUB_API: '1' } : {}) }, stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((r) => { let o=''; child.stdout.on('data', (c) => { o += c; if (o.includes('brotli ready')) r(); }); });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
const probe = `window.__firstRows = new Promise((resolve) => {
  const ready = () => document.querySelectorAll('main table tbody tr th a').length >= 20;
  const observer = new MutationObserver(() => { if (ready()) { observer.disconnect(); requestAnimationFrame(() => resolve(performance.now())); } });
  observer.observe(document, { childList: true, subtree: true });
});`;
for (let i = 0; i < 3; i++) {
  const ctx = await browser.newContext({ locale: 'en-US' });
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Network.enable'); await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await page.addInitScript(probe);
  if (i == 2) await browser.startTracing(page, { categories: ['devtools.timeline', 'v8', 'v8.wasm', 'blink', 'loading', 'disabled-by-default-devtools.timeline'] });
  await page.goto(`http://127.0.0.1:${port}/customers${stub ? '' : '?latency=0'}`, { waitUntil: 'commit' });
  const t = await page.evaluate(() => window.__firstRows);
  console.log('rows at', t);
  if (i == 2) { const buf = await browser.stopTracing(); writeFileSync(process.argv[3], buf); }
  await ctx.close();
}
await browser.close(); child.kill();
