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
  },
  ko: {
    main: '주 메뉴',
    nav: '포트폴리오',
    family: '제품군',
    expires: '만료',
    customerColumn: '고객',
    export: 'CSV 내보내기',
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
      box.querySelectorAll('tr[data-row]').forEach((tr) => {
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
