import { test, expect } from '@playwright/test';

// The server build (no embedded backend) against serve.mjs's stub API (STUB_API=1): config.json
// still says "mock", which this build reads as the server; there are no demo settings.

test('server build: "backend": "mock" falls back to the HTTP API', async ({ page }) => {
  await page.goto('/customers');
  await expect(page.getByRole('link', { name: 'Stub Customer 001' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Stub Customer 001/ })).toContainText('$1,234.50');
  // The stub's /me does not say it is a demo, so the signed-in name shows without a user switch.
  await expect(page.getByText('Signed in as')).toBeVisible();
  await expect(page.getByText('Stub Partner', { exact: true })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Signed in as' })).toHaveCount(0);
});

test('server build: no demo settings page or link', async ({ page }) => {
  await page.goto('/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Customers' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Demo settings' })).toHaveCount(0);
});
