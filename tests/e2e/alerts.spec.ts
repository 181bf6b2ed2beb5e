import { test, expect, Page } from '@playwright/test';

// Alerts: create a rule (a wrong value first: the message names the field and keeps what was
// typed), see the alerts it raises with their reasons and the count in the side navigation,
// acknowledge one and snooze another, and they stay so after a reload (against
// reservation-server: after a restart, and in another browser too).

const SQL = 'sql-gp-koreasouth'; // Contoso, expires in 20 days, auto-renew off
const FAB = 'fab-test-b2ms'; // Fabrikam, expires in 10 days, auto-renew off

const LABELS = {
  en: {
    main: 'Main',
    nav: 'Alerts',
    home: 'Home',
    kind: 'Condition',
    within: 'Expiring within (days)',
    create: 'Create rule',
    created: 'Alert rule created.',
    withinError: 'Expiring within (days): enter a whole number from 1 to 3650.',
    rule: 'Expiring within 30 days with auto-renew off',
    open: 'Open alerts',
    count: /^([0-9,]+) open alerts?\./,
    ack: (s: string) => `Acknowledge: ${s}`,
    acked: (s: string) => `Acknowledged: ${s}.`,
    snooze7: (s: string) => `Snooze 7 days: ${s}`,
    snoozed: (s: string) => new RegExp(`^Snoozed until .+: ${s}\\.$`),
    sqlReason: /^Expires on .+ \(in 20 days\) and auto-renew is off\.$/,
    badge: (n: number) => `Alerts, ${n}`,
  },
  ko: {
    main: '주 메뉴',
    nav: '경고',
    home: '홈',
    kind: '조건',
    within: '만료까지 남은 일수(이내)',
    create: '규칙 만들기',
    created: '경고 규칙을 만들었습니다.',
    withinError: '만료까지 남은 일수: 1에서 3650 사이의 정수를 입력하세요.',
    rule: '자동 갱신이 꺼진 상태로 30일 이내 만료',
    open: '열린 경고',
    count: /^열린 경고 ([0-9,]+)개/,
    ack: (s: string) => `승인: ${s}`,
    acked: (s: string) => `승인됨: ${s}.`,
    snooze7: (s: string) => `7일 동안 다시 알리지 않음: ${s}`,
    snoozed: (s: string) => new RegExp(`^.+까지 다시 알리지 않음: ${s}\\.$`),
    sqlReason: /^.+에 만료되며\(20일 남음\) 자동 갱신이 꺼져 있습니다\.$/,
    badge: (n: number) => `경고, ${n}`,
  },
};

type Labels = (typeof LABELS)['en'];

/** The number of open alerts the list says. */
async function openCount(page: Page, L: Labels): Promise<number> {
  const text = page.getByText(L.count).first();
  await expect(text).toBeVisible();
  return Number((await text.textContent())!.match(L.count)![1].replace(/,/g, ''));
}

/** The alert list item about `name`. */
const alertItem = (page: Page, name: string) =>
  page.locator('.alert-item').filter({ has: page.getByRole('link', { name, exact: true }) });

for (const lang of ['en', 'ko'] as const) {
  const L = LABELS[lang];

  test(`${lang}: create an alert rule, see its alerts, acknowledge and snooze them, and they stay after a reload`, async ({
    page,
    context,
    browser,
  }) => {
    await page.goto('/');
    if (lang === 'ko') await page.getByRole('button', { name: '한국어' }).click();
    const nav = page.getByRole('navigation', { name: L.main });
    // No rule yet: no alerts, no count.
    await nav.getByRole('link', { name: L.nav, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: L.nav })).toBeVisible();
    await expect(page).toHaveURL(/\/alerts$/);

    // A wrong value: the message names the field, the field is marked and keeps the value.
    await page.getByRole('combobox', { name: L.kind }).selectOption('ExpiringWithoutRenewal');
    const within = page.getByRole('textbox', { name: L.within });
    await within.fill('0');
    await page.getByRole('button', { name: L.create }).click();
    await expect(page.getByText(L.withinError)).toBeVisible();
    await expect(within).toHaveAttribute('aria-invalid', 'true');
    await expect(within).toBeFocused();
    await expect(within).toHaveValue('0');
    await within.fill('30');
    await page.getByRole('button', { name: L.create }).click();
    await expect(page.getByText(L.created)).toBeVisible();
    await expect(page.getByRole('rowheader', { name: L.rule })).toBeVisible();

    // Its alerts: the reason on each, a link to the reservation, the count in the navigation.
    const open = page.getByRole('region', { name: L.open });
    const sql = alertItem(page, SQL);
    await expect(sql).toBeVisible();
    await expect(sql.locator('.alert-why')).toHaveText(L.sqlReason);
    await expect(alertItem(page, FAB)).toBeVisible();
    const total = await openCount(page, L);
    expect(total).toBeGreaterThanOrEqual(2);
    await expect(open.locator('.alert-item')).toHaveCount(total);
    await expect(nav.getByRole('link', { name: L.badge(total), exact: true })).toBeVisible();

    // Acknowledge one, snooze another: gone from the list, the badge follows.
    await page.getByRole('button', { name: L.ack(SQL), exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: L.acked(SQL) })).toBeVisible();
    await expect(sql).toHaveCount(0);
    await expect(nav.getByRole('link', { name: L.badge(total - 1), exact: true })).toBeVisible();
    await page.getByRole('button', { name: L.snooze7(FAB), exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: L.snoozed(FAB) })).toBeVisible();
    await expect(alertItem(page, FAB)).toHaveCount(0);
    await expect(nav.getByRole('link', { name: L.badge(total - 2), exact: true })).toBeVisible();
    expect(await openCount(page, L)).toBe(total - 2);

    // After a reload (against the server: a restart) both stay hidden.
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: L.nav })).toBeVisible();
    await expect(page.getByRole('rowheader', { name: L.rule })).toBeVisible();
    expect(await openCount(page, L)).toBe(total - 2);
    await expect(alertItem(page, SQL)).toHaveCount(0);
    await expect(alertItem(page, FAB)).toHaveCount(0);
    await expect(nav.getByRole('link', { name: L.badge(total - 2), exact: true })).toBeVisible();

    // Home lists the open alerts too; an alert links to its reservation.
    await nav.getByRole('link', { name: L.home, exact: true }).click();
    const home = page.getByRole('region', { name: L.nav, exact: true });
    await expect(home.locator('.alert-item').first()).toBeVisible();
    expect(await openCount(page, L)).toBe(total - 2);
    await expect(alertItem(page, SQL)).toHaveCount(0);
    const first = home.locator('.alert-item').first().getByRole('link');
    const name = (await first.textContent())!.trim();
    await first.click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(page).toHaveURL(/\/customers\/[^/]+\/reservations\/[^/]+\/[^/?]+$/);

    // Against the server, another browser (same server and database) sees the same.
    if (test.info().project.name === 'reservation-server') {
      const other = await browser.newContext({ locale: 'en-US' });
      await other.addCookies(await context.cookies());
      const page2 = await other.newPage();
      await page2.goto('/alerts');
      await expect(page2.getByRole('rowheader', { name: LABELS.en.rule })).toBeVisible();
      expect(await openCount(page2, LABELS.en)).toBe(total - 2);
      await expect(alertItem(page2, SQL)).toHaveCount(0);
      await other.close();
    }
  });
}

test('a Reader sees the alerts but cannot change rules or alerts', async ({ page }) => {
  // An admin creates a rule, then the reader signs in (the same demo data).
  await page.goto('/alerts');
  await page.getByRole('combobox', { name: 'Condition' }).selectOption('RefundLimitUsage');
  await page.getByRole('textbox', { name: 'Refund-limit usage above (%)' }).fill('20');
  await page.getByRole('button', { name: 'Create rule' }).click();
  await expect(page.getByText('Alert rule created.')).toBeVisible();
  await expect(alertItem(page, 'Contoso Korea (콘토소 코리아)').locator('.alert-why')).toHaveText(
    'Refund-limit usage is 24.0%, above 20.0%.',
  );
  await page.evaluate(() => window.localStorage.setItem('resdash.user', 'reader'));
  await page.reload();
  await expect(page.getByRole('rowheader', { name: 'Refund-limit usage above 20.0%' })).toBeVisible();
  await expect(alertItem(page, 'Contoso Korea (콘토소 코리아)')).toBeVisible();
  await expect(page.getByText(/^You can see alerts\./)).toBeVisible();
  await expect(page.getByRole('button', { name: /^Acknowledge/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Create rule' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Delete rule/ })).toHaveCount(0);
});
