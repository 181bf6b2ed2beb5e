import { test, expect, Page, Locator } from '@playwright/test';
import { CONTOSO, VM_UPFRONT } from './fixtures';
import { cents } from './money';

// From Home to a filed refund with the keyboard alone: Tab, Shift+Tab, Enter, Space, the arrow
// keys and typing. No clicks, and no address typed after the first page. At every stop the focused
// element is the one the user expects, and it shows a focus indicator.

/** Whether the focused element draws a focus indicator (an outline or a box shadow). */
async function focusIndicator(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'nothing focused';
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== 'none';
    return outline || shadow ? 'visible' : `no indicator on <${el.tagName.toLowerCase()}> ${el.textContent?.trim().slice(0, 40)}`;
  });
}

/** Asserts `target` has the focus and shows it. */
async function expectFocused(page: Page, target: Locator) {
  await expect(target).toBeFocused();
  expect(await focusIndicator(page)).toBe('visible');
}

/** Presses `key` until `target` has the focus (at most `max` times); each stop shows its focus. */
async function moveTo(page: Page, target: Locator, key = 'Tab', max = 40) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) {
      return expectFocused(page, target);
    }
    expect(await focusIndicator(page), `stop ${i + 1} on the way to ${target}`).toBe('visible');
  }
  throw new Error(`${target} not reached with ${max} × ${key}`);
}

const LANGS = {
  en: {
    home: 'Partner dashboard',
    main: 'Main',
    customers: 'Customers',
    search: 'Search customers',
    reservations: 'Azure reservations',
    select: (name: string) => `Select ${name}`,
    actions: (name: string) => `Actions for ${name}`,
    refund: 'Refund',
    quantity: 'Quantity to return',
    reason: 'Reason (optional)',
    review: 'Review refund',
    dialog: (amount: string) => `Refund ${amount} to the customer?`,
    confirm: 'Confirm refund',
    cancel: 'Cancel',
    filed: (amount: string) => `Refund filed: ${amount} (reference `,
    range: '1 to 4',
  },
  ko: {
    home: '파트너 대시보드',
    main: '주 메뉴',
    customers: '고객',
    search: '고객 검색',
    reservations: 'Azure 예약',
    select: (name: string) => `${name} 선택`,
    actions: (name: string) => `${name} 작업`,
    refund: '환불',
    quantity: '반환할 수량',
    reason: '사유(선택)',
    review: '환불 검토',
    dialog: (amount: string) => `고객에게 ${amount}을(를) 환불하시겠습니까?`,
    confirm: '환불 확인',
    cancel: '취소',
    filed: (amount: string) => `환불이 요청되었습니다: ${amount}(참조 `,
    range: '1~4',
  },
};

for (const lang of ['en', 'ko'] as const) {
  const l = LANGS[lang];

  test(`from Home to a filed refund with the keyboard alone (${lang})`, async ({ page }) => {
    // The only address typed; the mock backend answers at once (?latency=0).
    await page.goto('/?latency=0');
    await expect(page.getByRole('heading', { level: 1, name: LANGS.en.home })).toBeVisible();

    // The language, with the switch in the top bar.
    if (lang === 'ko') {
      await moveTo(page, page.getByRole('button', { name: '한국어' }));
      await page.keyboard.press('Enter');
      await expect(page.getByRole('heading', { level: 1, name: l.home })).toBeVisible();
      await expectFocused(page, page.getByRole('button', { name: '한국어' }));
    }

    // Home → Customers, through the side navigation.
    const nav = page.getByRole('navigation', { name: l.main });
    await moveTo(page, nav.getByRole('link', { name: l.customers, exact: true }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: l.customers })).toBeVisible();

    // Search, then open the customer.
    const search = page.getByRole('searchbox', { name: l.search });
    await moveTo(page, search);
    await page.keyboard.type('Contoso Korea');
    // Each key searched again: wait until the list shows the whole search's results only, so
    // that no late answer replaces the rows while the focus moves through them.
    await expect
      .poll(async () => {
        const names = await page.getByRole('table').getByRole('rowheader').allInnerTexts();
        return names.length > 0 && names.every((n) => n.includes('Contoso Korea'));
      })
      .toBe(true);
    const customer = page.getByRole('link', { name: CONTOSO });
    await expect(customer).toBeVisible();
    await expectFocused(page, search);
    await moveTo(page, customer);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: CONTOSO })).toBeVisible();

    // The customer's Azure reservations.
    const reservations = page.getByRole('main').getByRole('link', { name: l.reservations });
    await moveTo(page, reservations);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: l.reservations })).toBeVisible();

    // Into the list's radio group, then down with the arrow keys to the reservation: each arrow
    // selects a row, and the focus stays on the radio button.
    const target = page.getByRole('radio', { name: l.select(VM_UPFRONT.name) });
    await expect(target).toBeVisible();
    await moveTo(page, page.getByRole('radio').first());
    if (!(await target.evaluate((el) => el === document.activeElement))) {
      await moveTo(page, target, 'ArrowDown', 30);
    }
    await page.keyboard.press('Space');
    await expect(target).toBeChecked();
    await expectFocused(page, target);
    const actions = page.getByRole('group', { name: l.actions(VM_UPFRONT.name) });
    await expect(actions).toBeVisible();

    // Back up (past the rows above) to the selection's actions, and Refund.
    await moveTo(page, actions.getByRole('link', { name: l.refund }), 'Shift+Tab');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 2, name: l.refund })).toBeVisible();

    // Two units, with the arrow key, and a reason.
    const quantity = page.getByRole('spinbutton', { name: l.quantity });
    await moveTo(page, quantity);
    await page.keyboard.press('ArrowUp');
    await expect(quantity).toHaveValue('2');
    await expect(page.getByTestId('fee')).toHaveText(/\$0\.00$/);
    const amount = await page.getByTestId('refund').innerText();
    expect(cents(amount)).toBeGreaterThan(0n);
    await moveTo(page, page.getByRole('textbox', { name: l.reason }));
    await page.keyboard.type('Workload moved to containers');

    const review = page.getByRole('button', { name: l.review });
    await moveTo(page, review);

    // The dialog takes the focus, keeps it inside while it is open, and gives it back on Cancel.
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: l.dialog(amount) });
    await expect(dialog).toBeVisible();
    const confirm = dialog.getByRole('button', { name: l.confirm });
    const cancel = dialog.getByRole('button', { name: l.cancel });
    await expectFocused(page, confirm);
    await page.keyboard.press('Tab');
    await expectFocused(page, cancel);
    await page.keyboard.press('Tab');
    await expectFocused(page, confirm);
    await page.keyboard.press('Shift+Tab');
    await expectFocused(page, cancel);
    await page.keyboard.press('Shift+Tab');
    await expectFocused(page, confirm);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expectFocused(page, review);
    await expect(page.getByRole('status').filter({ hasText: l.filed(amount) })).toHaveCount(0);

    // Again, and confirm with Space this time.
    await page.keyboard.press('Enter');
    await expect(dialog).toBeVisible();
    await expectFocused(page, confirm);
    await page.keyboard.press('Space');
    await expect(dialog).toBeHidden();

    // The user sees the refund filed, for the amount quoted, and two units fewer to return. The
    // button that opened the dialog is disabled now, so the focus moves to the result.
    const done = page.getByRole('status').filter({ hasText: l.filed(amount) });
    await expect(done).toBeVisible();
    await expectFocused(page, done);
    await expect(page.getByText(l.range, { exact: true })).toBeVisible();
    await expect(review).toBeDisabled();
  });
}
