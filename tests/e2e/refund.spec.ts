import { test, expect, Page } from '@playwright/test';
import { CONTOSO_ID, FABRIKAM_ID, VM_UPFRONT, chooseKorean, reservationUrl } from './fixtures';
import { cents, remainingCommitment, usd } from './money';

const SPLIT_A = { order: '0a000000-0000-4000-8000-00000000000a', id: '0b000000-0000-4000-8000-00000000000a' };
const FABRIKAM_VM_BIG = { order: '0a000000-0000-4000-8000-0000000000f1', id: '0b000000-0000-4000-8000-0000000000f1' };

async function limitUsed(page: Page, customer: string): Promise<bigint> {
  await page.goto(`/customers/${customer}`);
  const used = page.getByRole('region', { name: /Refund limit/ }).locator('.stat').first();
  await expect(used).toHaveText(/\$/);
  return cents(await used.innerText());
}

test('a refund matches the rules, is confirmed, survives a reload and raises the limit usage', async ({ page }) => {
  await page.goto(reservationUrl(CONTOSO_ID, VM_UPFRONT, '/properties'));
  // The refund uses the lower of the purchase price and today's price.
  const purchasePrice = cents(await page.getByTestId('unit-price').innerText());
  const currentPrice = cents(await page.getByTestId('current-price').innerText());
  const unit = purchasePrice < currentPrice ? purchasePrice : currentPrice;
  const purchase = (await page.getByTestId('purchase-date').getAttribute('data-date'))!;
  const expected = remainingCommitment(unit, 2, purchase, 36);
  const before = await limitUsed(page, CONTOSO_ID);

  await page.goto(reservationUrl(CONTOSO_ID, VM_UPFRONT, '/refund'));
  await page.getByRole('spinbutton', { name: 'Quantity to return' }).fill('2');
  await expect(page.getByTestId('remaining')).toHaveText(usd(expected));
  await expect(page.getByTestId('unpaid')).toHaveText('$0.00');
  await expect(page.getByTestId('fee')).toHaveText('$0.00');
  await expect(page.getByTestId('refund')).toHaveText(usd(expected));
  await expect(page.getByTestId('used-after')).toHaveText(usd(before + expected));

  await page.getByRole('button', { name: 'Review refund' }).click();
  const dialog = page.getByRole('dialog', { name: `Refund ${usd(expected)} to the customer?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Confirm refund' }).click();
  await expect(page.getByText(`Refund filed: ${usd(expected)}`)).toBeVisible();

  await page.reload();
  await expect(page.getByText('1 to 4')).toBeVisible();
  expect(await limitUsed(page, CONTOSO_ID)).toBe(before + expected);
  await expect(page.getByRole('cell', { name: VM_UPFRONT.name })).toBeVisible();
});

test('a refund refused by the limit explains why and files nothing', async ({ page }) => {
  const before = await limitUsed(page, FABRIKAM_ID);
  await page.goto(reservationUrl(FABRIKAM_ID, FABRIKAM_VM_BIG, '/refund'));
  const refused = page.getByTestId('refund-refused');
  await expect(refused).toContainText('This return cannot be filed');
  await expect(refused).toContainText('over the limit');
  await expect(refused).toContainText('$50,000.00');
  await expect(page.getByRole('button', { name: 'Review refund' })).toBeDisabled();
  await page.reload();
  expect(await limitUsed(page, FABRIKAM_ID)).toBe(before);
});

test('a double-clicked confirm refunds once', async ({ page }) => {
  const before = await limitUsed(page, CONTOSO_ID);
  await page.goto(reservationUrl(CONTOSO_ID, SPLIT_A, '/refund'));
  await page.getByRole('spinbutton', { name: 'Quantity to return' }).fill('1');
  const amount = await page.getByTestId('remaining').innerText();
  await page.getByRole('button', { name: 'Review refund' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Confirm refund' }).dblclick({ force: true }).catch(() => {});
  await expect(page.getByText(/Refund filed/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Review refund' })).toBeDisabled();
  await page.reload();
  await expect(page.getByText('1 to 2')).toBeVisible();
  expect(await limitUsed(page, CONTOSO_ID)).toBe(before + cents(amount));
});

test('a quantity outside the reservation is refused with the valid range', async ({ page }) => {
  await page.goto(reservationUrl(CONTOSO_ID, VM_UPFRONT, '/refund'));
  await page.getByRole('spinbutton', { name: 'Quantity to return' }).fill('7');
  await expect(page.getByTestId('refund-refused')).toContainText('from 1 to 6');
  await expect(page.getByRole('button', { name: 'Review refund' })).toBeDisabled();
});

test('the refund page in Korean', async ({ page }) => {
  await page.goto('/');
  await chooseKorean(page);
  await page.goto(reservationUrl(CONTOSO_ID, VM_UPFRONT, '/refund'));
  await expect(page.getByRole('heading', { level: 2, name: '환불' })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: '남은 약정' })).toBeVisible();
  await expect(page.getByRole('spinbutton', { name: '반환할 수량' })).toBeVisible();
  await expect(page.getByRole('button', { name: '환불 검토' })).toBeEnabled();
  await expect(page.getByTestId('refund')).toHaveText(/^US\$/);
});
