import { test, expect } from '@playwright/test';
import { CONTOSO_ID, VM_UPFRONT, reservationUrl } from './fixtures';

test('the support wizard from Refund: three steps, IDs attached, required fields checked, request listed', async ({ page }) => {
  await page.goto(reservationUrl(CONTOSO_ID, VM_UPFRONT, '/refund'));
  await page.getByText('Prefer Microsoft support to handle it?').getByRole('link', { name: 'New support request' }).click();
  await expect(page.getByRole('heading', { level: 3, name: 'Basics' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Issue type' })).toHaveValue('Billing');

  await page.getByRole('textbox', { name: 'Summary' }).fill('');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText('Enter a summary.')).toBeVisible();
  await expect(page.getByText('Choose a subscription.')).toBeVisible();
  await page.getByRole('textbox', { name: 'Summary' }).fill('Refund the unused remainder');
  await page.getByRole('combobox', { name: 'Subscription' }).selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Next' }).click();

  await expect(page.getByRole('heading', { level: 3, name: 'Problem' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Problem type' })).toHaveText('Reservation management');
  await expect(page.getByRole('combobox', { name: 'Category' })).toHaveText('Exchanges and refunds');
  await expect(page.getByTestId('attached-reservation-id')).toHaveText(VM_UPFRONT.id);
  await expect(page.getByTestId('attached-order-id')).toHaveText(VM_UPFRONT.order);
  await expect(page.getByTestId('attached-refund')).toHaveText(/^\$[\d,]+\.\d\d$/);
  await page.getByRole('textbox', { name: 'Details' }).fill('The customer no longer needs these VMs.');

  // A half-filled wizard survives a reload.
  await page.reload();
  await expect(page.getByRole('heading', { level: 3, name: 'Problem' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Details' })).toHaveValue('The customer no longer needs these VMs.');
  await page.getByRole('button', { name: 'Previous' }).click();
  await expect(page.getByRole('textbox', { name: 'Summary' })).toHaveValue('Refund the unused remainder');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();

  await expect(page.getByRole('heading', { level: 3, name: 'Contact information' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Name' }).fill('Jiwoo Kim');
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByText('Enter a valid email address, such as name@contoso.com.')).toBeVisible();
  await page.getByRole('textbox', { name: 'Email' }).fill('jiwoo.kim@contoso.com');
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByText('The support request was created.')).toBeVisible();
  const number = (await page.getByTestId('support-number').innerText()).trim();
  expect(number).toMatch(/^\d+$/);

  await page.goto(`/customers/${CONTOSO_ID}`);
  const requests = page.getByRole('region', { name: 'Support requests' });
  await expect(requests.getByRole('row', { name: new RegExp(number) })).toContainText('Refund the unused remainder');
});

test('the support request opened from Exchange attaches the exchange being prepared, not the refund', async ({ page }) => {
  await page.goto(reservationUrl(CONTOSO_ID, VM_UPFRONT, '/exchange'));
  await page.getByRole('combobox', { name: 'Product (purchase 1)' }).selectOption('VirtualMachines');
  await page.getByRole('combobox', { name: 'SKU (purchase 1)' }).selectOption('Standard_D4s_v5');
  await page.getByRole('combobox', { name: 'Region (purchase 1)' }).selectOption('koreacentral');
  await page.getByRole('combobox', { name: 'Term (purchase 1)' }).selectOption({ label: '3 years' });
  await page.getByRole('combobox', { name: 'Billing plan (purchase 1)' }).selectOption({ label: 'Upfront' });
  await page.getByRole('spinbutton', { name: 'Quantity (purchase 1)' }).fill('7');
  await page.getByRole('spinbutton', { name: 'Quantity (purchase 1)' }).blur();
  const net = await page.getByTestId('net-payable').innerText();
  const refunds = await page.getByTestId('refunds-total').innerText();
  const purchases = await page.getByTestId('purchases-total').innerText();

  await page.getByText('Prefer Microsoft support to handle this exchange?').getByRole('link', { name: 'New support request' }).click();
  await expect(page).toHaveURL(/\/support\?attach=exchange$/);
  await page.getByRole('combobox', { name: 'Subscription' }).selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Next' }).click();
  const attached = page.getByTestId('attached-exchange');
  await expect(attached.getByRole('row')).toHaveCount(3); // header, one return, one purchase
  await expect(attached.getByRole('row').nth(1)).toContainText(VM_UPFRONT.id);
  await expect(attached.getByRole('row').nth(2)).toContainText('Standard_D4s_v5 · koreacentral · P3Y');
  await expect(page.getByTestId('attached-refunds-total')).toHaveText(refunds);
  await expect(page.getByTestId('attached-purchases-total')).toHaveText(purchases);
  await expect(page.getByTestId('attached-net-payable')).toHaveText(net);
  await expect(page.getByTestId('attached-refund')).toHaveCount(0);

  // The attachment survives a reload of the deep link.
  await page.reload();
  await expect(page.getByTestId('attached-net-payable')).toHaveText(net);
});
