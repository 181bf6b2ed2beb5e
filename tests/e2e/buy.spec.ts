import { test, expect, Page } from '@playwright/test';
import { CONTOSO, CONTOSO_ID, signInAs } from './fixtures';
import { cents, usd } from './money';

// Buy reservations (issue 12): product family → SKU and region → options with a live price →
// review → buy, once however often Confirm is clicked; refusals name the field; Korean labels.

const buyUrl = (query = '') => `/customers/${CONTOSO_ID}/buy${query}`;

/** Steps 1 and 2: the family, then a product found with the search box. */
async function chooseProduct(page: Page, family: string, search: string, product: string) {
  await page.getByRole('combobox', { name: 'Product family' }).selectOption(family);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'SKU and region' })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search SKUs and regions' }).fill(search);
  await page.getByRole('radio', { name: product, exact: true }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Options' })).toBeVisible();
}

/** How many rows of the customer's reservation list match `name`. */
async function rowsNamed(page: Page, name: string) {
  await page.goto(`/customers/${CONTOSO_ID}/reservations`);
  await page.getByRole('searchbox', { name: 'Search reservations' }).fill(name);
  await expect(page.getByRole('row', { name: new RegExp(name) }).first()).toBeVisible();
  return page.getByRole('row', { name: new RegExp(name) });
}

test('buy a monthly VM reservation from the customer page: the price agrees, a double click buys once, the list and Billing show it', async ({ page }) => {
  await page.goto(`/customers/${CONTOSO_ID}`);
  await page.getByRole('link', { name: 'Buy reservations' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Buy reservations' })).toBeVisible();
  await chooseProduct(page, 'VirtualMachines', 'D2s_v5', 'Standard_D2s_v5 · koreacentral');
  await page.getByRole('combobox', { name: 'Term' }).selectOption({ label: '1 year' });
  await page.getByRole('combobox', { name: 'Billing plan' }).selectOption({ label: 'Monthly' });
  await page.getByRole('spinbutton', { name: 'Quantity' }).fill('4');
  await page.getByRole('textbox', { name: 'Reservation name' }).fill('vm-bought-monthly');
  await page.getByRole('checkbox', { name: 'Auto-renew' }).check();

  // The catalogue's monthly price of one unit, times 4, for 12 months.
  const unit = cents(await page.getByTestId('buy-unit-price').innerText());
  expect(unit).toBe(5760n);
  await expect(page.getByTestId('buy-monthly')).toHaveText(usd(unit * 4n));
  await expect(page.getByTestId('buy-total')).toHaveText(usd(unit * 4n * 12n));
  await expect(page.getByTestId('buy-due-today')).toHaveText(usd(unit * 4n));
  await expect(page.getByText('Confirming the price…')).toBeHidden();
  await expect(page.getByTestId('buy-price-differs')).toBeHidden();

  // The choices are in the URL: a reload keeps them.
  await page.reload();
  await expect(page.getByRole('spinbutton', { name: 'Quantity' })).toHaveValue('4');
  await expect(page.getByTestId('buy-total')).toHaveText(usd(unit * 48n));

  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Review + buy' })).toBeVisible();
  const review = page.getByTestId('buy-review');
  await expect(review).toContainText('Standard_D2s_v5');
  await expect(review).toContainText('vm-bought-monthly');
  // Back goes to the options, forward to the review again.
  await page.goBack();
  await expect(page.getByRole('heading', { level: 2, name: 'Options' })).toBeVisible();
  await page.goForward();
  await expect(page.getByRole('heading', { level: 2, name: 'Review + buy' })).toBeVisible();

  await page.getByRole('button', { name: 'Buy', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(usd(unit * 48n));
  await dialog.getByRole('button', { name: 'Confirm purchase' }).dblclick();
  const done = page.getByTestId('buy-done');
  await expect(done).toContainText(`Bought vm-bought-monthly for ${usd(unit * 48n)}.`);
  await expect(done).toBeFocused();
  await expect(page.getByRole('button', { name: 'Buy', exact: true })).toBeDisabled();

  const rows = await rowsNamed(page, 'vm-bought-monthly');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Active');
  await expect(rows.first()).toContainText('Monthly');

  // Billing has the new order once: 12 instalments of unit × 4 from today, the first one paid.
  await page.goto(`/customers/${CONTOSO_ID}`);
  await page.getByRole('link', { name: 'Billing', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Billing' })).toBeVisible();
  const bought = page.locator('article.billing-order', { hasText: 'vm-bought-monthly' });
  await expect(bought).toHaveCount(1);
  await expect(bought.locator('dd.order-price')).toHaveText(usd(unit * 48n));
  await bought.locator('summary').click();
  const charges = bought.locator('tr.charge');
  await expect(charges).toHaveCount(12);
  await expect(charges.first()).toContainText('Paid');
  await expect(charges.first().locator('td').nth(2)).toHaveText(usd(unit * 4n));
  await expect(charges.nth(1)).toContainText('Due');
});

test('buy an upfront SQL Database reservation from the Portfolio for a chosen customer, scoped to a resource group', async ({ page }) => {
  await page.goto('/portfolio');
  await page.getByRole('link', { name: 'Buy reservations' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText('Choose the customer to buy for.')).toBeVisible();
  await page.getByRole('combobox', { name: 'Customer' }).selectOption({ label: CONTOSO });
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page).toHaveURL(new RegExp(`/customers/${CONTOSO_ID}/buy`));
  await chooseProduct(page, 'SqlDatabases', 'koreasouth', 'SQLDB_GP_Compute_Gen5 · koreasouth');
  await page.getByRole('combobox', { name: 'Term' }).selectOption({ label: '3 years' });
  await page.getByRole('combobox', { name: 'Billing plan' }).selectOption({ label: 'Upfront' });
  await page.getByRole('spinbutton', { name: 'Quantity' }).fill('2');
  await page.getByRole('combobox', { name: 'Scope' }).selectOption({ label: 'Single resource group' });
  // Without its resource group, the scope is refused at the field.
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.locator('#buy-scope-error')).toHaveText('Choose where the reservation applies.');
  await page.getByRole('combobox', { name: 'Resource group' }).selectOption({ index: 1 });
  await page.getByRole('textbox', { name: 'Reservation name' }).fill('sql-bought-upfront');
  const unit = cents(await page.getByTestId('buy-unit-price').innerText());
  await expect(page.getByTestId('buy-total')).toHaveText(usd(unit * 2n));
  await expect(page.getByTestId('buy-due-today')).toHaveText(usd(unit * 2n));
  await expect(page.getByTestId('buy-monthly')).toHaveText('—');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByTestId('buy-review')).toContainText('Single resource group');
  await page.getByRole('button', { name: 'Buy', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Confirm purchase' }).click();
  await expect(page.getByTestId('buy-done')).toContainText('Bought sql-bought-upfront');
  await page.getByRole('link', { name: 'Open the new reservation' }).click();
  await expect(page.getByText('sql-bought-upfront').first()).toBeVisible();

  const rows = await rowsNamed(page, 'sql-bought-upfront');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Upfront');
});

test('a refused purchase explains why at the field: quantity 0 and 10,001, a term the catalogue lacks, a scope the customer lacks', async ({ page }) => {
  const valid = '?step=options&family=VirtualMachines&sku=Standard_D2s_v5&region=koreacentral&term=P1Y&plan=Upfront';
  await page.goto(buyUrl(`${valid}&qty=1`));
  const quantity = page.getByRole('spinbutton', { name: 'Quantity' });
  for (const bad of ['0', '10001']) {
    await quantity.fill(bad);
    await expect(page.locator('#buy-quantity-error')).toHaveText('Enter a whole number from 1 to 10,000.');
    await expect(quantity).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('buy-total')).toHaveText('—');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Options' })).toBeVisible();
    await expect(quantity).toBeFocused();
  }
  await quantity.fill('10000');
  await expect(page.locator('#buy-quantity-error')).toBeHidden();

  // A deep link to the review with nothing chosen says what is missing.
  await page.goto(buyUrl('?step=review'));
  await expect(page.getByTestId('buy-refused')).toContainText('Choose a value.');
  await expect(page.getByRole('button', { name: 'Buy', exact: true })).toBeDisabled();

  // A deep link to a term the catalogue does not sell (dedicated hosts: 1 or 3 years).
  await page.goto(buyUrl('?step=review&family=DedicatedHost&sku=DSv5_Type1&region=koreacentral&term=P5Y&plan=Upfront&qty=1'));
  const refused = page.getByTestId('buy-refused');
  await expect(refused).toContainText('The price catalogue does not offer this combination.');
  await expect(page.getByRole('button', { name: 'Buy', exact: true })).toBeDisabled();

  // A subscription of another customer: the backend refuses it, naming the scope.
  await page.goto(buyUrl(`${valid.replace('options', 'review')}&qty=1&scope=subscription&scopeId=/subscriptions/00000000-0000-4000-8000-00000000ffff`));
  await expect(page.getByTestId('buy-refused')).toContainText('is not a subscription or resource group of this customer');
  await expect(page.getByRole('button', { name: 'Buy', exact: true })).toBeDisabled();
});

test('a Reader sees the price but cannot buy, and is told why', async ({ page }) => {
  await signInAs(page, 'reader');
  await page.goto(buyUrl('?step=review&family=VirtualMachines&sku=Standard_D2s_v5&region=koreacentral&term=P1Y&plan=Monthly&qty=1'));
  await expect(page.getByTestId('buy-monthly')).toHaveText('$57.60');
  await expect(page.getByText('Your role does not allow buying reservations.')).toBeVisible();
  const buy = page.getByRole('button', { name: 'Buy', exact: true });
  await expect(buy).toBeDisabled();
  await expect(buy).toHaveAccessibleDescription(/Your role does not allow buying reservations/);
});

test('Korean labels on every step of the purchase', async ({ page }) => {
  await page.goto(`/customers/${CONTOSO_ID}`);
  await page.getByRole('button', { name: '한국어' }).click();
  await page.getByRole('link', { name: '예약 구매' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '예약 구매' })).toBeVisible();
  const steps = page.getByRole('navigation', { name: '단계' });
  for (const s of ['제품', 'SKU 및 지역', '옵션', '검토 + 구매']) await expect(steps).toContainText(s);
  await page.getByRole('combobox', { name: '제품군' }).selectOption('VirtualMachines');
  await page.getByRole('button', { name: '다음' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'SKU 및 지역' })).toBeVisible();
  await page.getByRole('searchbox', { name: 'SKU 및 지역 검색' }).fill('B2ms');
  await page.getByRole('radio', { name: 'Standard_B2ms · eastus', exact: true }).check();
  await page.getByRole('button', { name: '다음' }).click();
  await expect(page.getByRole('heading', { level: 2, name: '옵션' })).toBeVisible();
  await page.getByRole('combobox', { name: '기간' }).selectOption({ label: '1년' });
  await page.getByRole('combobox', { name: '청구 계획' }).selectOption({ label: '월별' });
  await page.getByRole('spinbutton', { name: '수량' }).fill('0');
  await expect(page.locator('#buy-quantity-error')).toHaveText('1에서 10,000 사이의 정수를 입력하세요.');
  await page.getByRole('spinbutton', { name: '수량' }).fill('1');
  for (const label of ['단위당 가격', '기간 총액', '월별 할부금', '오늘 청구 금액']) {
    await expect(page.getByRole('rowheader', { name: label })).toBeVisible();
  }
  await expect(page.getByRole('checkbox', { name: '자동 갱신' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: '예약 이름' })).toBeVisible();
  await page.getByRole('button', { name: '다음' }).click();
  await expect(page.getByRole('heading', { level: 2, name: '검토 + 구매' })).toBeVisible();
  await page.getByRole('button', { name: '구매', exact: true }).click();
  await expect(page.getByRole('dialog').getByRole('button', { name: '구매 확인' })).toBeVisible();
  await page.getByRole('dialog').getByRole('button', { name: '구매 확인' }).click();
  await expect(page.getByTestId('buy-done')).toContainText('구매했습니다');
  await expect(page.getByRole('link', { name: '새 예약 열기' })).toBeVisible();
});

// Issue 22: the family choices named the API's enumeration (`VirtualMachines`); each family now
// shows its label from the catalogue, in both languages, and the value stays the spec's name.
test('the product family choices are the families\' labels, in English and Korean', async ({ page }) => {
  await page.goto(buyUrl());
  const family = page.getByRole('combobox', { name: 'Product family' });
  const labels = () => family.locator('option:not([value=""])').allInnerTexts();
  await expect(family.getByRole('option', { name: 'Virtual machines', exact: true })).toBeAttached();
  const en = await labels();
  expect(en).toContain('Databricks pre-purchase plan');
  expect(en).toContain('Azure SQL Database');
  expect(en).not.toContain('VirtualMachines');
  expect(en).not.toContain('DatabricksPrePurchase');
  // No enum-style name is left: every label is words.
  expect(en.filter((t) => !t.includes(' '))).toEqual([]);
  await family.selectOption({ label: 'Virtual machines' });
  await expect(page).toHaveURL(/family=VirtualMachines/);
  await expect(family).toHaveValue('VirtualMachines');

  await page.getByRole('button', { name: '한국어' }).click();
  const ko = page.getByRole('combobox', { name: '제품군' });
  await expect(ko.getByRole('option', { name: '가상 머신', exact: true })).toBeAttached();
  await expect(ko).toHaveValue('VirtualMachines');
  const koLabels = await ko.locator('option:not([value=""])').allInnerTexts();
  expect(koLabels).toContain('Databricks 사전 구매 플랜');
  expect(koLabels).not.toContain('VirtualMachines');
  expect(koLabels).toHaveLength(en.length);
});
