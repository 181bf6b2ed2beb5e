import * as fs from 'fs';
import { test, expect, Page, Locator } from '@playwright/test';
import { CONTOSO_ID, reservationUrl } from './fixtures';
import { addMonths, cents, usd } from './money';

// The Billing page against independent arithmetic: sums of the rows it shows, the seed's
// prices from the Properties page, and the spec's add_months; then a filed refund as a credit.

const VM_MONTHLY = { order: '0a000000-0000-4000-8000-000000000002', id: '0b000000-0000-4000-8000-000000000002' };
const COSMOS_CANCELLED_ORDER = '0a000000-0000-4000-8000-000000000005';
const billingUrl = `/customers/${CONTOSO_ID}/billing`;

const order = (page: Page, id: string) => page.locator(`article[aria-labelledby="order-${id}"]`);

/** "-$12.34" → -1234n (money.ts's cents reads unsigned amounts). */
const signed = (text: string): bigint => (text.trim().startsWith('-') ? -cents(text.trim().slice(1)) : cents(text));

async function sum(cells: Locator): Promise<bigint> {
  let total = 0n;
  for (const text of await cells.allInnerTexts()) total += signed(text);
  return total;
}

async function stat(page: Page, id: string): Promise<bigint> {
  const el = page.locator(`#${id}`);
  await expect(el).toHaveText(/\$/);
  return cents(await el.innerText());
}

/** Opens every order's schedule. */
async function openAll(page: Page) {
  const summaries = page.locator('article.billing-order summary');
  const n = await summaries.count();
  for (let i = 0; i < n; i++) await summaries.nth(i).click();
}

test('billing totals match the rows shown and the seed prices, to the cent', async ({ page }) => {
  // The monthly VM's unit price and purchase date, from its Properties page.
  await page.goto(reservationUrl(CONTOSO_ID, VM_MONTHLY, '/properties'));
  const unit = cents(await page.getByTestId('unit-price').innerText());
  const purchase = (await page.getByTestId('purchase-date').getAttribute('data-date'))!;

  await page.goto(billingUrl);
  await expect(page.getByRole('heading', { level: 1, name: 'Billing' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Totals as of / })).toBeVisible();
  const total = await stat(page, 'billing-total');
  const paid = await stat(page, 'billing-paid');
  const due = await stat(page, 'billing-due');
  const credits = await stat(page, 'billing-credits');
  expect(await stat(page, 'billing-net')).toBe(total - credits);
  expect(paid + due).toBe(total);

  await openAll(page);
  // Every order: its rows sum to its totals; all orders sum to the page's totals.
  const rows = page.locator('table.billing-schedule tr.charge');
  expect(await sum(rows.locator('td:nth-child(4)'))).toBe(total);
  expect(await sum(rows.filter({ hasText: 'Paid' }).locator('td:nth-child(4)'))).toBe(paid);
  expect(await sum(rows.filter({ hasText: 'Due' }).locator('td:nth-child(4)'))).toBe(due);
  // Credits are shown negative.
  expect(-(await sum(page.locator('table.billing-schedule tr.credit td:nth-child(4)')))).toBe(credits);
  expect(credits).toBeGreaterThan(0n);

  // The monthly VM (P1Y, 4 units): 12 instalments of unit × 4 on add_months(S, k).
  const vm = order(page, VM_MONTHLY.order);
  const charges = vm.locator('tr.charge');
  await expect(charges).toHaveCount(12);
  for (let k = 0; k < 12; k++) {
    const row = charges.nth(k);
    await expect(row.locator('td').nth(2)).toHaveText(usd(unit * 4n));
    const iso = addMonths(purchase, k);
    const [y, m, d] = iso.split('-').map(Number);
    const shown = new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
    await expect(row.locator('td').first()).toHaveText(shown);
  }
  await expect(vm.locator('dd.order-price')).toHaveText(usd(unit * 4n * 12n));
  await expect(vm.locator('dd.order-charges')).toHaveText(usd(unit * 4n * 12n));

  // The cancelled Cosmos DB order: one upfront charge, its credit on the cancellation day.
  const cosmos = order(page, COSMOS_CANCELLED_ORDER);
  await expect(cosmos.locator('tr.charge')).toHaveCount(1);
  await expect(cosmos.locator('tr.credit')).toHaveCount(1);
  await expect(cosmos.locator('tr.credit th')).toHaveText('Refund');

  // The months: the last 12 and the next 12; the table and the chart say the same.
  const months = page.locator('table.billing-months tbody tr');
  await expect(months).toHaveCount(24);
  await expect(page.locator('figure.chart rect.bar')).toHaveCount(48);
  await expect(page.getByRole('img', { name: /: Charges \$/ }).first()).toBeVisible();
});

test('a filed refund appears as a credit in its month and lowers the later instalments', async ({ page }) => {
  await page.goto(billingUrl);
  const before = await stat(page, 'billing-credits');
  const vm = order(page, VM_MONTHLY.order);
  await vm.locator('summary').click();
  const unitTimes4 = cents(await vm.locator('tr.charge td:nth-child(4)').first().innerText());
  const dueBefore = await vm.locator('tr.charge', { hasText: 'Due' }).count();

  await page.goto(reservationUrl(CONTOSO_ID, VM_MONTHLY, '/refund'));
  await page.getByRole('spinbutton', { name: 'Quantity to return' }).fill('1');
  const refund = cents(await page.getByTestId('refund').innerText());
  await page.getByRole('button', { name: 'Review refund' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Confirm refund' }).click();
  await expect(page.getByText(`Refund filed: ${usd(refund)}`)).toBeVisible();

  await page.goto(`/customers/${CONTOSO_ID}`);
  await page.getByRole('link', { name: 'Billing' }).click();
  await expect(page).toHaveURL(billingUrl);
  expect(await stat(page, 'billing-credits')).toBe(before + refund);
  await vm.locator('summary').click();
  await expect(vm.locator('tr.credit td:nth-child(4)')).toHaveText(`-${usd(refund)}`);
  await expect(vm.locator('dd.order-credits')).toHaveText(usd(refund));
  // The due instalments are now for 3 units: unit × 3.
  const due = vm.locator('tr.charge', { hasText: 'Due' });
  await expect(due).toHaveCount(dueBefore);
  for (const text of await due.locator('td:nth-child(4)').allInnerTexts()) {
    expect(cents(text)).toBe((unitTimes4 / 4n) * 3n);
  }
  // This month's row shows the credit.
  const now = new Date();
  const month = now.toLocaleDateString('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const row = page.locator('table.billing-months tbody tr', { has: page.getByRole('rowheader', { name: month, exact: true }) });
  expect(cents(await row.locator('td').nth(1).innerText())).toBeGreaterThanOrEqual(refund);
  // Survives a reload (deep link).
  await page.reload();
  expect(await stat(page, 'billing-credits')).toBe(before + refund);
});

test('the schedule exports as a CSV file with a BOM, one row per charge and credit', async ({ page }) => {
  await page.goto(billingUrl);
  const total = await stat(page, 'billing-total');
  const credits = await stat(page, 'billing-credits');
  await openAll(page);
  const entries = await page.locator('table.billing-schedule tbody tr').count();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export schedule (CSV)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^billing-${CONTOSO_ID}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
  const bytes = fs.readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
  expect(lines[0]).toBe('Reservation order ID,Name,Product family,SKU,Term,Billing plan,Entry,Instalment,Date,Quantity,Amount (USD),Status');
  expect(lines.length - 1).toBe(entries);
  let net = 0n;
  for (const line of lines.slice(1)) {
    const amount = line.split(',')[10];
    expect(amount).toMatch(/^-?\d+\.\d{2}$/);
    net += signed(amount);
  }
  expect(net).toBe(total - credits);
});

test('Korean labels on the Billing page', async ({ page }) => {
  await page.goto('/?latency=0');
  await page.getByRole('button', { name: '한국어' }).click();
  await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '고객' }).click();
  await page.goto(`/customers/${CONTOSO_ID}`);
  await page.getByRole('link', { name: '청구' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '청구' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '월별 청구 금액' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '주문별 결제 일정' })).toBeVisible();
  await expect(page.locator('#billing-total-label')).toHaveText('총 청구 금액');
  await expect(page.getByRole('button', { name: '결제 일정 내보내기(CSV)' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: '월', exact: true })).toBeVisible();
  await expect(page.locator('#billing-total')).toHaveText(/^US\$/);
  const vm = order(page, VM_MONTHLY.order);
  await vm.locator('summary').click();
  await expect(vm.locator('summary')).toContainText('결제 일정: 결제됨');
  await expect(vm.locator('tr.charge').first()).toContainText('결제됨');
  await expect(page.getByRole('columnheader', { name: '할부 회차' }).first()).toBeVisible();
});

// ---- sizing --------------------------------------------------------------------------------

const sizing = (page: Page) => page.getByRole('region', { name: 'Sizing recommendations' });

test('a sizing recommendation opens a prefilled Refund; filed, it is a credit on the Billing page', async ({ page }) => {
  await page.goto(`/customers/${CONTOSO_ID}`);
  const section = sizing(page);
  await expect(section.getByRole('spinbutton', { name: 'Utilization threshold (%)' })).toHaveValue('80');
  // The poorly used monthly VM (4 units, about 25 % used): return the units it does not need.
  const name = /^Refund \d+ unused units of vm-dev-monthly$/;
  const link = section.getByRole('link', { name });
  await expect(link).toBeVisible();
  const quantity = Number((await link.getAttribute('aria-label'))!.match(/\d+/)![0]);
  const row = section.locator('tr', { has: page.getByRole('link', { name }) });
  const utilization = Number((await row.locator('td').first().innerText()).replace('%', ''));
  // Independent arithmetic: keep ⌈4 × utilization⌉ units.
  expect(quantity).toBe(4 - Math.max(1, Math.ceil((4 * utilization) / 100)));
  const offered = cents((await row.getByText(/^Refund \$/).innerText()));

  await link.click();
  await expect(page).toHaveURL(new RegExp(`/refund\\?quantity=${quantity}$`));
  await expect(page.getByRole('spinbutton', { name: 'Quantity to return' })).toHaveValue(String(quantity));
  await expect(page.getByTestId('refund')).toHaveText(usd(offered));
  await page.getByRole('button', { name: 'Review refund' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Confirm refund' }).click();
  await expect(page.getByText(`Refund filed: ${usd(offered)}`)).toBeVisible();

  await page.goto(billingUrl);
  const vm = order(page, VM_MONTHLY.order);
  await vm.locator('summary').click();
  await expect(vm.locator('tr.credit td:nth-child(4)')).toHaveText(`-${usd(offered)}`);
  await expect(vm.locator('tr.credit td:nth-child(3)')).toHaveText(String(quantity));
  // Later instalments are for the units kept.
  const kept = 4 - quantity;
  for (const text of await vm.locator('tr.charge', { hasText: 'Due' }).locator('td:nth-child(3)').allInnerTexts()) {
    expect(Number(text)).toBe(kept);
  }
});

// Issue 22: the link said "Refund 1 unused units of vm-split-b".
test('a sizing Refund link names its units in the number\'s form', async ({ page }) => {
  await page.goto(`/customers/${CONTOSO_ID}`);
  const section = sizing(page);
  // vm-split-b: 2 units, about a third used, so one is unused.
  const oneName = /unused units? of vm-split-b$/;
  const one = section.getByRole('link', { name: oneName });
  await expect(one).toBeVisible();
  const row = section.locator('tr', { has: page.getByRole('link', { name: oneName }) });
  const utilization = Number((await row.locator('td').first().innerText()).replace('%', ''));
  expect(2 - Math.max(1, Math.ceil((2 * utilization) / 100))).toBe(1);
  await expect(one).toHaveAccessibleName('Refund 1 unused unit of vm-split-b');
  // vm-dev-monthly: 4 units, about a quarter used, so more than one is unused.
  const many = section.getByRole('link', { name: /unused units? of vm-dev-monthly$/ });
  const label = (await many.getAttribute('aria-label'))!;
  const n = Number(label.match(/\d+/)![0]);
  expect(n).toBeGreaterThan(1);
  expect(label).toBe(`Refund ${n} unused units of vm-dev-monthly`);
});

test('the sizing threshold lives in the URL; Back restores it', async ({ page }) => {
  await page.goto(`/customers/${CONTOSO_ID}`);
  const section = sizing(page);
  const vmLink = section.getByRole('link', { name: /unused units of vm-dev-monthly$/ });
  await expect(vmLink).toBeVisible();
  const input = section.getByRole('spinbutton', { name: 'Utilization threshold (%)' });
  await input.fill('10');
  await input.press('Tab');
  await expect(page).toHaveURL(/\?threshold=10$/);
  await expect(section.getByText(/recommendations? |No active reservation/).first()).toBeVisible();
  await expect(vmLink).toHaveCount(0);
  await page.reload();
  await expect(input).toHaveValue('10');
  await expect(vmLink).toHaveCount(0);
  await page.goBack();
  await expect(input).toHaveValue('80');
  await expect(vmLink).toBeVisible();
  // A threshold out of range is named and changes nothing.
  await input.fill('150');
  await input.press('Tab');
  await expect(section.getByText('The utilization threshold must be a whole number from 1 to 100.')).toBeVisible();
  await expect(page).not.toHaveURL(/threshold=150/);
});

test('Home lists every customer\'s recommendations by money at stake; an exchange opens prefilled', async ({ page }) => {
  await page.goto('/');
  const section = sizing(page);
  const stakes = section.locator('td.sizing-stake');
  await expect(stakes.first()).toBeVisible();
  const values = (await stakes.allInnerTexts()).map(cents);
  expect(values.length).toBeLessThanOrEqual(10);
  for (let i = 1; i < values.length; i++) expect(values[i - 1] >= values[i]).toBe(true);
  await expect(section.getByRole('columnheader', { name: 'Customer' })).toBeVisible();

  // An exchange to a smaller size of the same group (the D4s_v5 VM, 6 units, ~86 % used).
  await page.goto(`/customers/${CONTOSO_ID}?threshold=95`);
  const exchangeName = /^Exchange vm-prod-koreacentral for \d+ × Standard_D2s_v5$/;
  const exchange = sizing(page).getByRole('link', { name: exchangeName });
  await expect(exchange).toBeVisible();
  const [, qty, sku] = (await exchange.getAttribute('aria-label'))!.match(/for (\d+) × (\S+)$/)!;
  const row = sizing(page).locator('tr', { has: page.getByRole('link', { name: exchangeName }) });
  const utilization = Number((await row.locator('td').first().innerText()).replace('%', ''));
  // Independent arithmetic: 6 × D4s_v5 (ratio 2) used → ⌈12 × utilization⌉ D2s_v5 (ratio 1).
  expect(Number(qty)).toBe(Math.ceil((12 * utilization) / 100));
  await exchange.click();
  await expect(page).toHaveURL(new RegExp(`/exchange\\?sku=${sku}&quantity=${qty}$`));
  await expect(page.getByRole('combobox', { name: 'SKU (purchase 1)' })).toHaveValue(sku);
  await expect(page.getByRole('spinbutton', { name: 'Quantity (purchase 1)' })).toHaveValue(qty);
});

test('Korean labels of the sizing recommendations', async ({ page }) => {
  await page.goto('/?latency=0');
  await page.getByRole('button', { name: '한국어' }).click();
  const section = page.getByRole('region', { name: '크기 조정 권장 사항' });
  await expect(section).toBeVisible();
  await expect(section.getByRole('spinbutton', { name: '사용률 임계값(%)' })).toHaveValue('80');
  await expect(section.getByRole('columnheader', { name: '절감 가능 금액' })).toBeVisible();
  await expect(section.getByRole('columnheader', { name: '사용하지 않는 수량 반환' })).toBeVisible();
  await page.goto(`/customers/${CONTOSO_ID}`);
  await expect(section.getByRole('link', { name: /^vm-dev-monthly의 미사용 수량 \d+개 환불$/ })).toBeVisible();
  await expect(section.getByRole('link', { name: 'vm-split-b의 미사용 수량 1개 환불', exact: true })).toBeVisible();
  await expect(section.getByText(/^환불 금액 US\$/).first()).toBeVisible();
});
