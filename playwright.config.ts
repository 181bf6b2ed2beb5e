import { defineConfig } from '@playwright/test';
import { PORT as port, SERVER_DIST, SERVER_PORT, SUBPATH, SUBPATH_DIST, SUBPATH_PORT } from './tests/e2e/servers';

// The e2e suite runs against the release build in dist/ (scripts/test.sh builds it first), served
// by tests/e2e/serve.mjs like any static host. The browser is Debian's Chromium: this machine
// cannot download Playwright's own (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1).
// Two projects: `demo` runs every spec against dist/; `server` runs the specs that fit the server
// build (HTTP mode) against target/dist-server. `npx playwright test --project demo` runs one.

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  // A cold wasm start on a busy 2-core machine takes seconds; give each test room.
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'en-US',
    trace: 'off',
    screenshot: 'only-on-failure',
    navigationTimeout: 30_000,
    actionTimeout: 15_000,
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'demo', testIgnore: 'server.spec.ts' },
    {
      name: 'server',
      testMatch: ['http.spec.ts', 'server.spec.ts'],
      grep: /HTTP mode|server build/,
      use: { baseURL: `http://127.0.0.1:${SERVER_PORT}` },
    },
  ],
  webServer: [
    {
      command: `node tests/e2e/serve.mjs ${port}`,
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `node tests/e2e/serve.mjs ${SUBPATH_PORT}`,
      env: { PUBLIC_PATH: SUBPATH, DIST: SUBPATH_DIST },
      port: SUBPATH_PORT, // ready when listening, even without the sub-path build
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `node tests/e2e/serve.mjs ${SERVER_PORT}`,
      env: { DIST: SERVER_DIST, STUB_API: '1' },
      port: SERVER_PORT,
      reuseExistingServer: false,
      timeout: 30_000,
    },
  ],
});
