import { test, expect, Page, Locator } from '@playwright/test';
import { CONTOSO, VM_UPFRONT } from './fixtures';
import { cents, usd } from './money';

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

test('from Home to a filed refund with the keyboard alone', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Partner dashboard' })).toBeVisible();

  // Home → Customers, through the side navigation.
  const nav = page.getByRole('navigation', { name: 'Main' });
  await moveTo(page, nav.getByRole('link', { name: 'Customers', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();

  // Search, then open the customer.
  const search = page.getByRole('searchbox', { name: 'Search customers' });
  await moveTo(page, search);
  await page.keyboard.type('Contoso Korea');
  const customer = page.getByRole('link', { name: CONTOSO });
  await expect(customer).toBeVisible();
  await expectFocused(page, search);
  await moveTo(page, customer);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: CONTOSO })).toBeVisible();

  // The customer's Azure reservations.
  const reservations = page.getByRole('main').getByRole('link', { name: 'Azure reservations' });
  await moveTo(page, reservations);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Azure reservations' })).toBeVisible();

  // Into the list's radio group, then down with the arrow keys to the reservation: each arrow
  // selects a row, and the focus stays in the list.
  const radios = page.getByRole('radio');
  const target = page.getByRole('radio', { name: `Select ${VM_UPFRONT.name}` });
  await expect(target).toBeVisible();
  await moveTo(page, radios.first());
  if (!(await target.evaluate((el) => el === document.activeElement))) {
    await moveTo(page, target, 'ArrowDown', 30);
  }
  await page.keyboard.press('Space');
  await expect(target).toBeChecked();
  await expectFocused(page, target);
  const actions = page.getByRole('group', { name: `Actions for ${VM_UPFRONT.name}` });
  await expect(actions).toBeVisible();

  // Back up to the selection's actions, and Refund.
  await moveTo(page, actions.getByRole('link', { name: 'Refund' }), 'Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Refund' })).toBeVisible();

  // Two units, with the arrow key, and a reason.
  const quantity = page.getByRole('spinbutton', { name: 'Quantity to return' });
  await moveTo(page, quantity);
  await page.keyboard.press('ArrowUp');
  await expect(quantity).toHaveValue('2');
  await expect(page.getByTestId('fee')).toHaveText('$0.00');
  const amount = await page.getByTestId('refund').innerText();
  expect(cents(amount)).toBeGreaterThan(0n);
  await moveTo(page, page.getByRole('textbox', { name: 'Reason (optional)' }));
  await page.keyboard.type('Workload moved to containers');

  const review = page.getByRole('button', { name: 'Review refund' });
  await moveTo(page, review);

  // The dialog takes the focus, keeps it inside while it is open, and gives it back on Cancel.
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: `Refund ${amount} to the customer?` });
  await expect(dialog).toBeVisible();
  const confirm = dialog.getByRole('button', { name: 'Confirm refund' });
  const cancel = dialog.getByRole('button', { name: 'Cancel' });
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
  await expect(page.getByText(/Refund filed/)).toHaveCount(0);

  // Again, and confirm with Space this time.
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await expectFocused(page, confirm);
  await page.keyboard.press('Space');
  await expect(dialog).toBeHidden();

  // The user sees the refund filed, for the amount quoted, and two units fewer to return. The
  // button that opened the dialog is disabled now, so the focus moves to the result.
  const done = page.getByRole('status').filter({ hasText: 'Refund filed' });
  await expect(done).toContainText(`Refund filed: ${usd(cents(amount))} (reference `);
  await expectFocused(page, done);
  await expect(page.getByText('1 to 4')).toBeVisible();
  await expect(review).toBeDisabled();
});
