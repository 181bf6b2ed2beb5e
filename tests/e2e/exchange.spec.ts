import { test, expect } from '@playwright/test';
import { CONTOSO_ID, VM_UPFRONT, reservationUrl } from './fixtures';
import { cents, usd } from './money';

test('an exchange that is too small is refused with the shortfall, then accepted once the purchase is raised', async ({ page }) => {
  await page.goto(reservationUrl(CONTOSO_ID, VM_UPFRONT, '/exchange'));
  await expect(page.getByRole('heading', { level: 2, name: 'Exchange' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Product (purchase 1)' }).selectOption('VirtualMachines');
  await page.getByRole('combobox', { name: 'SKU (purchase 1)' }).selectOption('Standard_D4s_v5');
  await page.getByRole('combobox', { name: 'Region (purchase 1)' }).selectOption('koreacentral');
  await page.getByRole('combobox', { name: 'Term (purchase 1)' }).selectOption({ label: '1 year' });
  await page.getByRole('combobox', { name: 'Billing plan (purchase 1)' }).selectOption({ label: 'Upfront' });

  const refused = page.getByTestId('exchange-refused');
  await expect(refused).toContainText('must be worth at least');
  const remaining = cents(await page.getByTestId('remaining-total').innerText());
  const purchases = cents(await page.getByTestId('purchases-total').innerText());
  expect(purchases).toBeLessThan(remaining);
  await expect(refused).toContainText(`Add ${usd(remaining - purchases)} or more`);
  await expect(page.getByRole('button', { name: 'Review exchange' })).toBeDisabled();

  // Enough units of the one-year reservation to cover what is returned.
  const units = Number((remaining / purchases) + 1n);
  await page.getByRole('spinbutton', { name: 'Quantity (purchase 1)' }).fill(String(units));
  await page.getByRole('spinbutton', { name: 'Quantity (purchase 1)' }).blur();
  await expect(refused).toBeHidden();
  await expect(page.getByTestId('purchases-total')).toHaveText(usd(purchases * BigInt(units)));
  await expect(page.getByTestId('net-payable')).toHaveText(usd(purchases * BigInt(units) - remaining));

  await page.getByRole('button', { name: 'Review exchange' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Confirm exchange' }).click();
  const done = page.getByText(/Exchange filed/);
  await expect(done).toBeVisible();
  // The dialog's trigger is disabled now, so the focus goes to the result, not the page body.
  await expect(page.getByRole('status').filter({ hasText: 'Exchange filed' })).toBeFocused();
  const created = (await done.innerText()).split('New reservations: ')[1].replace(/\.$/, '');

  await page.goto(`/customers/${CONTOSO_ID}/reservations`);
  await page.getByRole('searchbox', { name: 'Search reservations' }).fill(created);
  const row = page.getByRole('row', { name: new RegExp(created) });
  await expect(row).toBeVisible();
  await expect(row).toContainText(String(units));
  await expect(row).toContainText('Active');

  await page.reload();
  await expect(page.getByRole('row', { name: new RegExp(created) })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search reservations' }).fill(VM_UPFRONT.name);
  await expect(page.getByRole('row', { name: new RegExp(VM_UPFRONT.name) })).toContainText('Cancelled');
});
