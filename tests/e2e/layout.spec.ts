import { test, expect, Page } from '@playwright/test';
import { CONTOSO_ID } from './fixtures';

/** Whether the list's frame scrolls sideways, and where its last header ends. */
async function fit(page: Page) {
  const wrap = page.locator('.table-wrap');
  await expect(wrap.locator('tbody tr').first()).toBeVisible();
  return wrap.evaluate((el) => ({
    scrolls: el.scrollWidth > el.clientWidth + 1,
    lastHeaderRight: el.querySelector('thead th:last-child')!.getBoundingClientRect().right,
  }));
}

for (const width of [1280, 1366, 1440]) {
  test(`at ${width} px the lists show every column without scrolling`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`/customers/${CONTOSO_ID}/reservations`);
    await expect(page.getByRole('columnheader', { name: '7-day utilization' })).toBeInViewport();
    await expect(page.getByRole('columnheader', { name: 'Status' })).toBeInViewport();
    let f = await fit(page);
    expect(f.scrolls).toBe(false);
    expect(f.lastHeaderRight).toBeLessThanOrEqual(width);

    await page.goto('/customers');
    await expect(page.getByRole('columnheader', { name: 'Refund limit used' })).toBeInViewport();
    f = await fit(page);
    expect(f.scrolls).toBe(false);
    expect(f.lastHeaderRight).toBeLessThanOrEqual(width);
  });
}

test('below tablet width the table scrolls inside its frame with the first column kept in view', async ({ page }) => {
  await page.setViewportSize({ width: 600, height: 900 });
  await page.goto('/customers');
  const f = await fit(page);
  expect(f.scrolls).toBe(true);
  const firstCell = page.locator('.table-wrap tbody tr').first().locator('th').first();
  await expect(firstCell).toHaveCSS('position', 'sticky');
  await page.locator('.table-wrap').evaluate((el) => { el.scrollLeft = 400; });
  await expect(firstCell).toBeInViewport();
});
