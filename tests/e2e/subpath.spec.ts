import { existsSync } from 'node:fs';
import { test, expect, Page } from '@playwright/test';
import { SUBPATH, SUBPATH_DIST, SUBPATH_PORT } from './servers';

// The same release build made with `trunk build --release --public-url /partner/`, served under
// /partner/ like a static host would (scripts/test.sh builds it into target/dist-subpath).
const root = `http://127.0.0.1:${SUBPATH_PORT}${SUBPATH}`;
const h1 = (page: Page, name: string) =>
  page.getByRole('heading', { level: 1, name, exact: true });

test.skip(!existsSync(`${SUBPATH_DIST}/index.html`),
  `no sub-path build: trunk build --release --public-url ${SUBPATH} --dist ${SUBPATH_DIST}`);

test('under a sub-path: links stay under it, deep links reload, not-found leads home', async ({ page }) => {
  await page.goto(root);
  await expect(h1(page, 'Partner dashboard')).toBeVisible();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers', exact: true }).click();
  await expect(h1(page, 'Customers')).toBeVisible();
  await expect(page).toHaveURL(`${root}customers`);
  await page.reload();
  await expect(h1(page, 'Customers')).toBeVisible();

  await page.goto(`${root}no/such/page`);
  await expect(h1(page, 'Page not found')).toBeVisible();
  await page.getByRole('link', { name: 'Back to home' }).click();
  await expect(h1(page, 'Partner dashboard')).toBeVisible();
  await expect(page).toHaveURL(root);
});
