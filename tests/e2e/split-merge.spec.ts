import { test, expect, Page, Locator } from '@playwright/test';
import { CONTOSO_ID, VM_UPFRONT, reservationUrl } from './fixtures';

// Split and merge (issue 12): split a reservation, see the two parts in the list, merge them
// back, and read both on the History page; a refused split says why. English and Korean.

const SQL_EXPIRING = {
  name: 'sql-gp-koreasouth',
  order: '0a000000-0000-4000-8000-000000000003',
  id: '0b000000-0000-4000-8000-000000000003',
};
const SPLIT_A = { order: '0a000000-0000-4000-8000-00000000000a', id: '0b000000-0000-4000-8000-00000000000a' };
const DEDICATED_HOST = { order: '0a000000-0000-4000-8000-000000000008', id: '0b000000-0000-4000-8000-000000000008' };

const L = {
  en: {
    split: 'Split',
    merge: 'Merge',
    history: 'History',
    splitTitle: 'Split reservation',
    mergeTitle: 'Merge reservations',
    first: 'Quantity of the first reservation',
    second: 'Quantity of the second reservation',
    confirmSplit: 'Split reservation',
    confirmMerge: 'Merge reservations',
    splitDone: 'The reservation was split.',
    mergeDone: 'The reservations were merged into this one',
    splitDialog: (name: string, a: number, b: number) => `Split ${name} into ${a} + ${b} units?`,
    quantity: 'Quantity',
    statusSplit: 'Split',
    statusMerged: 'Merged',
    actionSplit: 'Split',
    actionMerge: 'Merge',
    time: 'Time',
    charge: 'Charge',
    usd: '$',
  },
  ko: {
    split: '분할',
    merge: '병합',
    history: '기록',
    splitTitle: '예약 분할',
    mergeTitle: '예약 병합',
    first: '첫 번째 예약의 수량',
    second: '두 번째 예약의 수량',
    confirmSplit: '예약 분할',
    confirmMerge: '예약 병합',
    splitDone: '예약이 분할되었습니다.',
    mergeDone: '예약이 이 예약으로 병합되었습니다.',
    splitDialog: (name: string, a: number, b: number) => `${name}을(를) ${a} + ${b}개로 분할하시겠습니까?`,
    quantity: '수량',
    statusSplit: '분할됨',
    statusMerged: '병합됨',
    actionSplit: '분할',
    actionMerge: '병합',
    time: '시간',
    charge: '요금',
    usd: 'US$',
  },
};
type Labels = (typeof L)['en'];

const h1 = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true });
const h2 = (page: Page, name: string) => page.getByRole('heading', { level: 2, name, exact: true });

/** The row of the reservations list whose name links to `name`. */
function row(page: Page, name: string): Locator {
  return page.locator('tbody tr', { has: page.getByRole('link', { name, exact: true }) });
}

async function korean(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: '한국어' }).click();
  await expect(h1(page, '파트너 대시보드')).toBeVisible();
}

/** From a reservation's Overview: split it into a + b, confirmed; ends on the first part. */
async function split(page: Page, l: Labels, name: string, a: number, b: number) {
  await page.getByRole('link', { name: l.split, exact: true }).click();
  await expect(h2(page, l.splitTitle)).toBeVisible();
  await page.getByRole('spinbutton', { name: l.first }).fill(String(a));
  await page.getByRole('spinbutton', { name: l.second }).fill(String(b));
  await page.getByRole('button', { name: l.split, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: l.splitDialog(name, a, b) });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: l.confirmSplit }).click();
  await expect(page.getByTestId('split-merge-done')).toContainText(l.splitDone);
  await expect(h1(page, `${name}-1`)).toBeVisible();
}

/** The list shows the two parts with their quantities, and the source as Split. */
async function seeParts(page: Page, l: Labels, name: string, a: number, b: number) {
  await page.goto(`/customers/${CONTOSO_ID}/reservations?q=${name}`);
  await expect(row(page, `${name}-1`).getByRole('cell', { name: String(a), exact: true })).toBeVisible();
  await expect(row(page, `${name}-2`).getByRole('cell', { name: String(b), exact: true })).toBeVisible();
  await expect(row(page, name)).toContainText(l.statusSplit);
}

/** From the first part's Overview: merge it with the second, confirmed; ends on the result. */
async function mergeBack(page: Page, l: Labels, name: string, total: number) {
  await page.getByRole('link', { name: `${name}-1`, exact: true }).click();
  await expect(h1(page, `${name}-1`)).toBeVisible();
  await page.getByRole('link', { name: l.merge, exact: true }).click();
  await expect(h2(page, l.mergeTitle)).toBeVisible();
  await page.getByRole('checkbox', { name: new RegExp(`^\\s*${name}-2 ·`) }).check();
  await page.getByRole('button', { name: l.merge, exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(`${name}-1, ${name}-2`);
  await dialog.getByRole('button', { name: l.confirmMerge }).click();
  await expect(page.getByTestId('split-merge-done')).toContainText(l.mergeDone);
  await expect(h1(page, name)).toBeVisible();
  // The reservation's own facts (the renewal card below has a quantity too).
  const facts = page.locator('dl.facts.card');
  await expect(facts.locator('dt', { hasText: l.quantity }).locator('+ dd')).toHaveText(String(total));
}

/** History shows the merge (newest) and the split, with the quantities before → after. */
async function seeHistory(page: Page, l: Labels, total: number, a: number, b: number) {
  await page.getByRole('navigation').getByRole('link', { name: l.history, exact: true }).click();
  await expect(h2(page, l.history)).toBeVisible();
  const events = page.getByTestId('history-event');
  await expect(events.first()).toContainText(l.actionMerge);
  await expect(events.first().locator('li', { hasText: `${a} + ${b} → ${total}` })).toBeVisible();
  await expect(events.nth(1)).toContainText(l.actionSplit);
  await expect(events.nth(1).locator('li', { hasText: `${total} → ${a} + ${b}` })).toBeVisible();
  // The charges before and after, as money in the page's language: the parts sum to the whole.
  const charge = events.nth(1).locator('li', { hasText: l.charge });
  const amounts = (await charge.innerText()).match(/[\d,]+\.\d\d/g)!.map((x) => Math.round(Number(x.replace(/,/g, '')) * 100));
  expect(amounts).toHaveLength(3);
  expect(amounts[1] + amounts[2]).toBe(amounts[0]);
  await expect(charge).toContainText(`${l.usd}${(amounts[0] / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`);
  await expect(page.getByRole('columnheader', { name: l.time })).toBeVisible();
  // A deep link: the page survives a reload.
  await page.reload();
  await expect(page.getByTestId('history-event').first()).toContainText(l.actionMerge);
}

test('split a VM reservation, merge it back, and History shows both (English)', async ({ page }) => {
  const l = L.en;
  await page.goto(reservationUrl(CONTOSO_ID, VM_UPFRONT));
  await expect(h1(page, VM_UPFRONT.name)).toBeVisible();
  await split(page, l, VM_UPFRONT.name, 4, 2);
  await seeParts(page, l, VM_UPFRONT.name, 4, 2);
  await mergeBack(page, l, VM_UPFRONT.name, 6);
  await seeHistory(page, l, 6, 4, 2);
  // Back goes to the Overview of the merged reservation, and the list shows the merged sources.
  await page.goto(`/customers/${CONTOSO_ID}/reservations?q=${VM_UPFRONT.name}-`);
  await expect(row(page, `${VM_UPFRONT.name}-1`)).toContainText(l.statusMerged);
  await expect(row(page, `${VM_UPFRONT.name}-2`)).toContainText(l.statusMerged);
});

test('split a SQL Database reservation and merge it back, in Korean', async ({ page }) => {
  const l = L.ko;
  await korean(page);
  await page.goto(reservationUrl(CONTOSO_ID, SQL_EXPIRING));
  await expect(h1(page, SQL_EXPIRING.name)).toBeVisible();
  await split(page, l, SQL_EXPIRING.name, 5, 3);
  await seeParts(page, l, SQL_EXPIRING.name, 5, 3);
  await mergeBack(page, l, SQL_EXPIRING.name, 8);
  await seeHistory(page, l, 8, 5, 3);
});

test('a refused split or merge says why: at the field, for a single unit, with no partner or none chosen', async ({ page }) => {
  // Quantities that do not add up: the message names the sum, at the field; nothing is filed.
  await page.goto(reservationUrl(CONTOSO_ID, VM_UPFRONT, '/split'));
  await page.getByRole('spinbutton', { name: L.en.first }).fill('3');
  const second = page.getByRole('spinbutton', { name: L.en.second });
  await second.fill('4');
  await expect(second).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#split-second-error')).toHaveText(
    'The two quantities must add up to 6; now they add up to 7.',
  );
  await page.getByRole('button', { name: 'Split', exact: true }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await second.fill('0');
  await expect(page.locator('#split-second-error')).toHaveText('Enter a whole number of units, 1 or more.');

  // A reservation of one unit cannot be split: the Overview says why, and so does the page.
  await page.goto(reservationUrl(CONTOSO_ID, DEDICATED_HOST));
  const disabled = page.getByRole('button', { name: 'Split', exact: true });
  await expect(disabled).toHaveAttribute('aria-disabled', 'true');
  await expect(disabled).toHaveAccessibleDescription(/only a reservation of 2 or more units can be split/);
  await page.goto(reservationUrl(CONTOSO_ID, DEDICATED_HOST, '/split'));
  await expect(page.getByTestId('split-refused')).toContainText('This reservation has 1 unit');
  await expect(page.getByRole('button', { name: 'Split', exact: true })).toBeDisabled();

  // A reservation alone in its order has no partner to merge with, and Merge says so.
  await page.goto(reservationUrl(CONTOSO_ID, VM_UPFRONT, '/merge'));
  await expect(page.getByTestId('merge-none')).toContainText('nothing to merge with');
  await page.getByRole('button', { name: 'Merge', exact: true }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  // With a partner, merging without choosing one is refused at the list.
  await page.goto(reservationUrl(CONTOSO_ID, SPLIT_A, '/merge'));
  await expect(page.getByRole('checkbox', { name: /^\s*vm-split-b ·/ })).toBeVisible();
  await page.getByRole('button', { name: 'Merge', exact: true }).click();
  await expect(page.locator('#merge-error')).toHaveText('Choose at least one reservation to merge with.');
  await expect(page.getByRole('dialog')).toBeHidden();
});

test('a refused split in Korean, and a reader may not split', async ({ page }) => {
  await korean(page);
  await page.goto(reservationUrl(CONTOSO_ID, DEDICATED_HOST, '/split'));
  await expect(h2(page, L.ko.splitTitle)).toBeVisible();
  await expect(page.getByTestId('split-refused')).toContainText('수량이 2개 이상인 예약만 분할할 수 있습니다.');
  await page.addInitScript(() => window.localStorage.setItem('resdash.user', 'reader'));
  await page.goto(reservationUrl(CONTOSO_ID, VM_UPFRONT));
  await expect(h1(page, VM_UPFRONT.name)).toBeVisible();
  await expect(page.getByText('이 예약에 대한 역할로는 분할하거나 병합할 수 없습니다.')).toBeVisible();
  await expect(page.getByRole('button', { name: L.ko.merge, exact: true })).toHaveAttribute('aria-disabled', 'true');
});
