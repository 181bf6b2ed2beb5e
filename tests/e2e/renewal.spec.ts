import { test, expect, Page } from '@playwright/test';
import { CONTOSO, CONTOSO_ID } from './fixtures';

// Renewal: turn auto-renew on for selected Portfolio rows in bulk, with one row changed behind
// the page's back (in a second tab) so its ETag is stale: that row is reported as a conflict and
// the others still change. And the Overview's renewal price preview.

const LABELS = {
  en: {
    select: (name: string) => `Select ${name} (${CONTOSO})`,
    turnOn: 'Turn auto-renew on',
    confirm: (n: number) => `Turn auto-renew on for ${n} reservations?`,
    confirmOne: 'Turn auto-renew on for 1 reservation?',
    selected: (n: number) => (n === 1 ? '1 reservation selected.' : `${n} reservations selected.`),
    results: 'Auto-renew changes',
    summary: (ok: number, conflicts: number) => `${ok} changed, ${conflicts} in conflict, 0 failed.`,
    changed: 'Changed',
    conflict: /Conflict Not changed: someone else changed this reservation after the list was loaded\./,
    renewal: 'Renewal',
    expiresIn: /\(expires in [0-9,]+ days?\)/,
    ifRenewed: /^Auto-renew is off\. If renewed on .+ for the same term at today's catalogue price:$/,
  },
  ko: {
    select: (name: string) => `${name}(${CONTOSO}) 선택`,
    turnOn: '자동 갱신 켜기',
    confirm: (n: number) => `예약 ${n}개의 자동 갱신을 켜시겠습니까?`,
    confirmOne: '예약 1개의 자동 갱신을 켜시겠습니까?',
    selected: (n: number) => `예약 ${n}개 선택됨`,
    results: '자동 갱신 변경 결과',
    summary: (ok: number, conflicts: number) => `변경됨 ${ok}개, 충돌 ${conflicts}개, 실패 0개`,
    changed: '변경됨',
    conflict: /충돌 변경되지 않음: 목록을 불러온 후 다른 사용자가 이 예약을 변경했습니다\./,
    renewal: '갱신',
    expiresIn: /\([0-9,]+일 후 만료\)/,
    ifRenewed: /^자동 갱신이 꺼져 있습니다\. .+에 같은 기간으로 오늘의 카탈로그 가격에 갱신하는 경우:$/,
  },
};

// Contoso's active reservations with auto-renew off.
const VIEW = `/portfolio?customer=${CONTOSO_ID}&status=Succeeded&renew=off`;

async function openView(page: Page, lang: 'en' | 'ko') {
  await page.goto(VIEW);
  if (lang === 'ko') await page.getByRole('button', { name: '한국어' }).click();
  await expect(page.locator('#portfolio-count')).toHaveText(/[0-9]/);
  await expect(page.locator('tr[data-row="0"]')).toBeVisible();
}

async function shownCount(page: Page): Promise<number> {
  const status = page.locator('#portfolio-count');
  await expect(status).toHaveText(/[0-9]/);
  return Number((await status.textContent())!.match(/[0-9][0-9,]*/)![0].replace(/,/g, ''));
}

/** "$1,234.56" / "US$1,234.56" in cents. */
const cents = (text: string) => Math.round(Number(text.replace(/[^0-9.]/g, '')) * 100);

for (const lang of ['en', 'ko'] as const) {
  const L = LABELS[lang];

  test(`${lang}: bulk auto-renew on the Portfolio reports a conflict on one row and changes the others`, async ({
    page,
    context,
  }) => {
    await openView(page, lang);
    const before = await shownCount(page);
    expect(before).toBeGreaterThanOrEqual(3);
    const names: string[] = [];
    for (let i = 0; i < 3; i++) {
      names.push((await page.locator(`tr[data-row="${i}"] th a`).textContent())!.trim());
    }
    for (const name of names) await page.getByRole('checkbox', { name: L.select(name), exact: true }).check();
    await expect(page.getByText(L.selected(3), { exact: true })).toBeVisible();

    // Behind this page's back, a second tab turns auto-renew on for the first of them.
    const tab = await context.newPage();
    await openView(tab, lang);
    await tab.getByRole('checkbox', { name: L.select(names[0]), exact: true }).check();
    await tab.getByRole('button', { name: L.turnOn, exact: true }).click();
    const dialog2 = tab.getByRole('dialog', { name: L.confirmOne });
    await expect(dialog2.getByRole('listitem')).toHaveText([new RegExp(`^${names[0]}`)]);
    await dialog2.getByRole('button', { name: L.turnOn, exact: true }).click();
    await expect(tab.getByText(L.summary(1, 0), { exact: true })).toBeVisible();
    // The demo keeps its data in localStorage, which Chromium hands to other tabs a moment later:
    // wait until this page sees the second tab's save (against a server there is nothing to wait for).
    const revision = () => window.localStorage.getItem('reservations-demo.revision');
    const saved = await tab.evaluate(revision);
    await expect.poll(() => page.evaluate(revision)).toBe(saved);
    await tab.close();

    // This page still shows the old ETag: the confirmation lists all three.
    await page.getByRole('button', { name: L.turnOn, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: L.confirm(3) });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('listitem')).toHaveText(names.map((n) => new RegExp(`^${n}`)));
    await dialog.getByRole('button', { name: L.turnOn, exact: true }).click();

    const results = page.getByRole('region', { name: L.results });
    await expect(results.getByRole('heading', { name: L.results })).toBeFocused();
    await expect(results.getByText(L.summary(2, 1), { exact: true })).toBeVisible();
    const item = (name: string) => results.getByRole('listitem').filter({ hasText: name });
    await expect(item(names[0])).toHaveAttribute('data-outcome', 'conflict');
    await expect(item(names[0])).toHaveText(L.conflict);
    for (const name of names.slice(1)) {
      await expect(item(name)).toHaveAttribute('data-outcome', 'changed');
      await expect(item(name).locator('.badge')).toHaveText(L.changed);
    }

    // The grid was read again: all three now renew (one by the other tab), so they left this
    // view; after a reload too.
    await expect.poll(() => shownCount(page)).toBe(before - 3);
    for (const name of names) await expect(page.getByRole('link', { name, exact: true })).toHaveCount(0);
    await page.goto(`/portfolio?customer=${CONTOSO_ID}&status=Succeeded&renew=on`);
    for (const name of names) await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
  });

  test(`${lang}: the Overview previews the renewal at today's price`, async ({ page }) => {
    // vm-dev-monthly: P1Y Monthly, quantity 4, auto-renew off.
    await page.goto(`/customers/${CONTOSO_ID}/reservations/0a000000-0000-4000-8000-000000000002/0b000000-0000-4000-8000-000000000002`);
    if (lang === 'ko') await page.getByRole('button', { name: '한국어' }).click();
    const card = page.getByRole('region', { name: L.renewal, exact: true });
    await expect(card.getByText(L.ifRenewed)).toBeVisible();
    const unit = cents((await card.getByTestId('renewal-unit').textContent())!);
    const instalment = cents((await card.getByTestId('renewal-instalment').textContent())!);
    const total = cents((await card.getByTestId('renewal-total').textContent())!);
    expect(unit).toBeGreaterThan(0);
    expect(instalment).toBe(unit * 4);
    expect(total).toBe(unit * 4 * 12);
    // The renewal date is the expiry date the facts show, with the days left in words.
    await expect(page.getByText(L.expiresIn)).toBeVisible();
  });
}
