import { test, expect } from '@playwright/test';

test('Home says how many reservations expire within 30 days, and each customer links to its filtered list', async ({ page }) => {
  await page.goto('/');
  const card = page.getByRole('region', { name: 'Reservations expiring in 30 days' });
  const summary = card.getByText(/reservations? expires? within 30 days\.$/);
  await expect(summary).toBeVisible();
  const total = Number((await summary.textContent())!.replace(/[^0-9]/g, ''));
  expect(total).toBeGreaterThan(0);
  await expect(card.getByText(/customers in all/)).toHaveCount(0);

  const first = card.getByRole('listitem').first();
  const perCustomer = Number((await first.textContent())!.match(/— ([0-9,]+) reservations?$/)![1].replace(/,/g, ''));
  expect(perCustomer).toBeGreaterThan(0);
  expect(perCustomer).toBeLessThanOrEqual(total);
  await first.getByRole('link').click();

  await expect(page.getByRole('heading', { level: 1, name: 'Azure reservations' })).toBeVisible();
  await expect(page).toHaveURL(/expiring=30/);
  await expect(page.getByRole('combobox', { name: /^Expires/ })).toHaveValue('30');
  await expect(page.locator('tbody tr')).toHaveCount(perCustomer);
  await expect(page.getByText(perCustomer === 1 ? '1 item' : `${perCustomer} items`)).toBeVisible();
});

test('Korean Home counts reservations too', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: '한국어' }).click();
  const card = page.getByRole('region', { name: '30일 내 만료되는 예약' });
  await expect(card.getByText(/^30일 이내에 만료되는 예약이 [0-9,]+개 있습니다\.$/)).toBeVisible();
  await expect(card.getByRole('listitem').first()).toHaveText(/ — 예약 [0-9,]+개$/);
});
