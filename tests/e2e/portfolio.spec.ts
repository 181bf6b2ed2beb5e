import { test, expect, Page } from '@playwright/test';
import * as fs from 'node:fs';

// Portfolio: every customer's reservations in one virtualized grid. Filter and sort, export the
// view as CSV and check the file against the grid, open a row, come back to the same view.

const LABELS = {
  en: {
    main: 'Main',
    nav: 'Portfolio',
    family: 'Product family',
    expires: 'Expires',
    customerColumn: 'Customer',
    export: 'Export CSV',
    utilizationChart: '30-day utilization: reservations per range',
    expiriesChart: 'Expiries per month, next 12 months (active reservations)',
    moneyChart: 'Money at stake per month: the commitment that expires (USD)',
    showTable: 'Show as table',
    clear: /^Clear the filter: 30-day utilization/,
    clearMonth: /^Clear the filter: Expiring in/,
    custom: 'Custom…',
    days: 'Days until expiry',
    daysInvalid: 'Days until expiry: enter a whole number from 1 to 3650.',
  },
  ko: {
    main: '주 메뉴',
    nav: '포트폴리오',
    family: '제품군',
    expires: '만료',
    customerColumn: '고객',
    export: 'CSV 내보내기',
    utilizationChart: '30일 사용률: 범위별 예약 수',
    expiriesChart: '월별 만료 예약(향후 12개월, 활성 예약)',
    moneyChart: '월별 위험 금액: 만료되는 약정 금액(USD)',
    showTable: '표로 보기',
    clear: /^필터 지우기: 30일 사용률/,
    clearMonth: /^필터 지우기: .* 만료$/,
    custom: '사용자 지정…',
    days: '만료까지 남은 일수',
    daysInvalid: '만료까지 남은 일수: 1에서 3650 사이의 정수를 입력하세요.',
  },
};

/** RFC 4180: fields separated by commas, records by CRLF, quoted fields may hold both and `""`. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** The number the live region announces ("12 reservations match." / "예약 12개가 일치합니다."). */
async function announcedCount(page: Page): Promise<number> {
  const status = page.locator('#portfolio-count');
  await expect(status).toHaveText(/[0-9]/);
  return Number((await status.textContent())!.match(/[0-9][0-9,]*/)![0].replace(/,/g, ''));
}

/** Every name in the grid, in order: scrolls the virtualized grid from top to bottom. */
async function gridNames(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const box = document.querySelector('.portfolio-scroll') as HTMLElement;
    const names = new Map<number, string>();
    const settle = () => new Promise((r) => setTimeout(r, 60));
    const collect = () =>
      box.querySelectorAll('tr[data-row]:not(.loading-row)').forEach((tr) => {
        names.set(Number(tr.getAttribute('data-row')), tr.querySelector('th a')!.textContent!.trim());
      });
    box.scrollTop = 0;
    await settle();
    collect();
    for (let i = 0; i < 2000 && box.scrollTop + box.clientHeight < box.scrollHeight - 1; i++) {
      const before = box.scrollTop;
      box.scrollTop += box.clientHeight / 2;
      await settle();
      collect();
      if (box.scrollTop === before) break;
    }
    box.scrollTop = 0;
    await settle();
    return [...names.entries()].sort((a, b) => a[0] - b[0]).map(([, name]) => name);
  });
}

for (const lang of ['en', 'ko'] as const) {
  const L = LABELS[lang];

  test(`${lang}: filter and sort the portfolio, export it as CSV, open a row and come back`, async ({ page }) => {
    await page.goto('/');
    if (lang === 'ko') await page.getByRole('button', { name: '한국어' }).click();
    await page.getByRole('navigation', { name: L.main }).getByRole('link', { name: L.nav }).click();
    await expect(page.getByRole('heading', { level: 1, name: L.nav })).toBeVisible();

    // Every reservation is counted, and only the rows in view are rendered.
    const all = await announcedCount(page);
    expect(all).toBeGreaterThan(100);
    const rendered = await page.locator('tr[data-row]').count();
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(all);

    // Filter: virtual machines expiring within 90 days; sort by customer.
    await page.getByRole('combobox', { name: L.family, exact: true }).selectOption('VirtualMachines');
    await expect(page).toHaveURL(/family=VirtualMachines/);
    await page.getByRole('combobox', { name: L.expires, exact: true }).selectOption('90');
    await expect(page).toHaveURL(/expiring=90/);
    await page.getByRole('columnheader', { name: L.customerColumn, exact: true }).getByRole('button').click();
    await expect(page).toHaveURL(/sort=customer&order=asc/);
    await expect(page.getByRole('columnheader', { name: L.customerColumn, exact: true })).toHaveAttribute('aria-sort', 'ascending');
    const count = await announcedCount(page);
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThan(all);
    const names = await gridNames(page);
    expect(names).toHaveLength(count);

    // Keyboard: ArrowDown moves focus to the next row.
    if (count > 1) {
      await page.locator('tr[data-row="0"] th a').focus();
      await page.keyboard.press('ArrowDown');
      await expect(page.locator('tr[data-row="1"] th a')).toBeFocused();
      await page.keyboard.press('ArrowUp');
      await expect(page.locator('tr[data-row="0"] th a')).toBeFocused();
    }

    // Export: a real download whose rows are the grid's, in the grid's order.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: L.export }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^portfolio-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = fs.readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parseCsv(bytes.subarray(3).toString('utf8'));
    const [header, ...rows] = records;
    expect(header[0]).toBe(L.customerColumn);
    expect(rows).toHaveLength(count);
    expect(rows.map((r) => r[1])).toEqual(names);
    expect(rows.every((r) => r[2] === 'VirtualMachines')).toBe(true);
    const companies = rows.map((r) => r[0].toLowerCase());
    expect(companies).toEqual([...companies].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    // Money: a plain decimal with two places.
    expect(rows.every((r) => /^-?[0-9]+\.[0-9]{2}$/.test(r[13]))).toBe(true);

    // A row opens the reservation; back returns to the same filtered, sorted view, scrolled
    // where it was.
    const url = page.url();
    const box = page.locator('.portfolio-scroll');
    const scrolled = await box.evaluate(async (el) => {
      el.scrollTop = Math.min(5 * 44, el.scrollHeight - el.clientHeight);
      await new Promise((r) => setTimeout(r, 100));
      return el.scrollTop;
    });
    expect(scrolled).toBeGreaterThan(0);
    const row = Math.min(count - 1, Math.ceil(scrolled / 44) + 1);
    await page.locator(`tr[data-row="${row}"] th a`).click();
    await expect(page.getByRole('heading', { level: 1, name: names[row] })).toBeVisible();
    await expect(page).toHaveURL(/\/customers\/[^/]+\/reservations\/[^/]+\/[^/?]+$/);
    await page.goBack();
    expect(page.url()).toBe(url);
    await expect(page.locator(`tr[data-row="${row}"]`)).toBeVisible();
    await expect.poll(() => box.evaluate((el) => el.scrollTop)).toBe(scrolled);
    await expect(page.getByRole('combobox', { name: L.family, exact: true })).toHaveValue('VirtualMachines');
    await expect(page.getByRole('combobox', { name: L.expires, exact: true })).toHaveValue('90');
    expect(await announcedCount(page)).toBe(count);
  });
}

// Issue 22: the family filter listed the API's enumeration (`DatabricksPrePurchase`); it shows
// each family's label, and the URL keeps the spec's name.
const FAMILY_LABELS = {
  en: { vm: 'Virtual machines', databricks: 'Databricks pre-purchase plan', redis: 'Azure Cache for Redis' },
  ko: { vm: '가상 머신', databricks: 'Databricks 사전 구매 플랜', redis: 'Azure Cache for Redis' },
};
for (const lang of ['en', 'ko'] as const) {
  test(`the family filter names each family by its label (${lang})`, async ({ page }) => {
    const L = LABELS[lang];
    const F = FAMILY_LABELS[lang];
    await page.goto('/');
    if (lang === 'ko') await page.getByRole('button', { name: '한국어' }).click();
    await page.getByRole('navigation', { name: L.main }).getByRole('link', { name: L.nav }).click();
    const family = page.getByRole('combobox', { name: L.family, exact: true });
    await expect(family.getByRole('option', { name: F.vm, exact: true })).toBeAttached();
    const labels = await family.locator('option:not([value=""])').allInnerTexts();
    expect(labels).toHaveLength(21);
    expect(labels).toContain(F.databricks);
    expect(labels).toContain(F.redis);
    for (const raw of ['VirtualMachines', 'DatabricksPrePurchase', 'RedisCache']) expect(labels).not.toContain(raw);
    await family.selectOption({ label: F.databricks });
    await expect(page).toHaveURL(/family=DatabricksPrePurchase/);
    await page.reload();
    await expect(family).toHaveValue('DatabricksPrePurchase');
    await expect(family.locator('option:checked')).toHaveText(F.databricks);
  });
}

/** The numbers of a chart's table view, by label (opens the table). */
async function chartTable(page: Page, caption: string, showTable: string): Promise<[string, number][]> {
  const figure = page.locator('figure', { has: page.locator('figcaption', { hasText: caption }) });
  const toggle = figure.getByRole('button', { name: showTable });
  if (await toggle.isVisible()) await toggle.click();
  const rows = figure.locator('table tbody tr');
  await expect(rows.first()).toBeVisible();
  const cells = await rows.evaluateAll((trs) =>
    trs.map((tr) => [tr.cells[0].textContent!.trim(), tr.cells[1].textContent!.trim()] as [string, string]),
  );
  return cells.map(([label, value]) => [label, Number(value.replace(/[^0-9.]/g, ''))]);
}

for (const lang of ['en', 'ko'] as const) {
  const L = LABELS[lang];

  test(`${lang}: the charts above the grid have table views, and a bar filters the grid`, async ({ page }) => {
    await page.goto('/');
    if (lang === 'ko') await page.getByRole('button', { name: '한국어' }).click();
    await page.getByRole('navigation', { name: L.main }).getByRole('link', { name: L.nav }).click();
    const all = await announcedCount(page);

    // Three charts, each an SVG group of bars that are buttons, each with a table.
    const histogram = page.getByRole('group', { name: L.utilizationChart });
    await expect(histogram.getByRole('button')).toHaveCount(10);
    await expect(page.getByRole('group', { name: L.expiriesChart }).getByRole('button')).toHaveCount(12);
    await expect(page.getByRole('group', { name: L.moneyChart }).getByRole('button')).toHaveCount(12);
    const buckets = await chartTable(page, L.utilizationChart, L.showTable);
    expect(buckets).toHaveLength(10);
    const months = await chartTable(page, L.expiriesChart, L.showTable);
    expect(months).toHaveLength(12);
    const money = await chartTable(page, L.moneyChart, L.showTable);
    // Money is zero exactly where no reservation expires.
    money.forEach(([, amount], i) => expect(amount > 0).toBe(months[i][1] > 0));
    const inHistogram = buckets.reduce((n, [, c]) => n + c, 0);
    expect(inHistogram).toBeGreaterThan(0);
    expect(inHistogram).toBeLessThanOrEqual(all);

    // Clicking the tallest bar filters the grid to its reservations.
    const tallest = buckets.reduce((best, b, i) => (b[1] > buckets[best][1] ? i : best), 0);
    await histogram.getByRole('button').nth(tallest).click();
    await expect(page).toHaveURL(/u30min=/);
    await expect(histogram.getByRole('button').nth(tallest)).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(() => announcedCount(page)).toBe(buckets[tallest][1]);
    // The charts follow the grid: the histogram holds only that bar now.
    await expect(page.locator('#portfolio-charts-scope')).toContainText(buckets[tallest][1].toLocaleString('en-US'));
    // Clearing the filter brings every row back.
    await page.getByRole('button', { name: L.clear }).click();
    await expect(page).not.toHaveURL(/u30min=/);
    await expect.poll(() => announcedCount(page)).toBe(all);

    // Enter on a month bar filters by that month; Back undoes it.
    const busiest = months.reduce((best, m, i) => (m[1] > months[best][1] ? i : best), 0);
    const monthBar = page.getByRole('group', { name: L.expiriesChart }).getByRole('button').nth(busiest);
    await monthBar.focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/month=\d{4}-\d{2}/);
    await expect.poll(() => announcedCount(page)).toBe(months[busiest][1]);
    await expect(page.getByRole('button', { name: L.clearMonth })).toBeVisible();
    // A reload keeps the filter (deep link).
    await page.reload();
    await expect.poll(() => announcedCount(page)).toBe(months[busiest][1]);
    await page.goBack();
    await expect(page).not.toHaveURL(/month=/);
    await expect.poll(() => announcedCount(page)).toBe(all);
  });

  test(`${lang}: a custom expiry window is checked and filters the grid`, async ({ page }) => {
    await page.goto('/');
    if (lang === 'ko') await page.getByRole('button', { name: '한국어' }).click();
    await page.getByRole('navigation', { name: L.main }).getByRole('link', { name: L.nav }).click();
    await announcedCount(page);
    await page.getByRole('combobox', { name: L.expires, exact: true }).selectOption({ label: L.custom });
    const days = page.getByRole('spinbutton', { name: L.days });
    await days.fill('0');
    await days.press('Enter');
    await expect(page.getByRole('alert').filter({ hasText: L.daysInvalid })).toBeVisible();
    await expect(days).toHaveValue('0');
    await days.fill('45');
    await days.press('Enter');
    await expect(page).toHaveURL(/expiring=45/);
    await expect(page.getByRole('alert').filter({ hasText: L.daysInvalid })).toHaveCount(0);
    const within45 = await announcedCount(page);
    await page.getByRole('combobox', { name: L.expires, exact: true }).selectOption('30');
    await expect(page).toHaveURL(/expiring=30/);
    const within30 = await announcedCount(page);
    await page.getByRole('combobox', { name: L.expires, exact: true }).selectOption('60');
    const within60 = await announcedCount(page);
    expect(within30).toBeLessThanOrEqual(within45);
    expect(within45).toBeLessThanOrEqual(within60);
    await page.goBack();
    await page.goBack();
    await expect(page).toHaveURL(/expiring=45/);
    await expect(page.getByRole('spinbutton', { name: L.days })).toHaveValue('45');
  });
}

test('en: the large portfolio: switched to on Demo settings, the grid and the customers stay fluent', async ({ page }) => {
  await page.goto('/settings?latency=0');
  await page.getByRole('radio', { name: /Large portfolio/ }).check();
  await page.getByRole('button', { name: 'Switch', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Switch', exact: true }).click();
  await expect(page.getByText(/now has 5,000 customers and [0-9,]+ reservations/)).toBeVisible({ timeout: 30_000 });
  // Only the change log is stored, not 100,000 reservations.
  const stored = await page.evaluate(() => Object.keys(localStorage).reduce((n, k) => n + (localStorage.getItem(k) || '').length, 0));
  expect(stored).toBeLessThan(10_000);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Portfolio' }).click();
  const all = await announcedCount(page);
  expect(all).toBeGreaterThan(90_000);
  // Only the rows in view are in the document.
  expect(await page.locator('tr[data-row]').count()).toBeLessThan(100);
  await page.getByRole('searchbox', { name: 'Search the portfolio' }).fill('koreacentral');
  await expect.poll(() => announcedCount(page)).toBeLessThan(all);
  // Far down the grid, the rows there load.
  await page.locator('.portfolio-scroll').evaluate((el) => { el.scrollTop = 2000 * 44; });
  await expect(page.locator('tr[data-row="2005"] th a')).toBeVisible();

  // Customers pages through 5,000 customers; a reload keeps the large data.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
  await expect(page.getByText(/5,000/).first()).toBeVisible();
  await page.reload();
  await expect(page.getByText(/5,000/).first()).toBeVisible({ timeout: 30_000 });
});
