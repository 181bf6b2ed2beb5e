import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// The refund, exchange, configuration, support and buying journeys once more, against
// `reservation-server --demo` serving the release build in dist/ (config.json: backend http).
// tests/e2e/server-proxy.mjs gives each test a fresh server and database, and restarts the server
// (SIGKILL) on the same database before every later page load, so what a journey checks after a
// reload has survived a restart. Build first: `trunk build --release` and the server
// (`cargo build -p reservation-server` with SERVER_BIN=target/debug/reservation-server, as
// scripts/test.sh does, or `cargo build --profile server -p reservation-server`, the default).
const port = Number(process.env.E2E_SERVER_PORT ?? 4190);

export default defineConfig({
  ...base,
  testMatch: [
    'refund.spec.ts', 'exchange.spec.ts', 'manage.spec.ts', 'support.spec.ts', 'split-merge.spec.ts', 'buy.spec.ts',
    'alerts.spec.ts', 'renewal.spec.ts',
  ],
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-server.json' }]],
  outputDir: 'test-results/server',
  use: { ...base.use, baseURL: `http://127.0.0.1:${port}` },
  // One project: the base config's demo and server-build projects serve other builds.
  projects: [{ name: 'reservation-server' }],
  webServer: [
    {
      command: `node tests/e2e/server-proxy.mjs ${port}`,
      url: `http://127.0.0.1:${port}/config.json`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
