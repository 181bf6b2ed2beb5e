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
