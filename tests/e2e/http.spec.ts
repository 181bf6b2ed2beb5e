import { test, expect, Page, Route } from '@playwright/test';
import { CONTOSO_ID, VM_UPFRONT, reservationUrl } from './fixtures';

// The app in HTTP mode against a stubbed API (request interception): it shows what the server
// sends, and each kind of failure says what happened without losing what the user typed.

const user = { id: 'u1', name: 'Stub Partner', email: 'stub@partner.test', role: 'Owner', description: 'stub' };
const customer = (n: number) => ({
  id: `cust-${n}`,
  companyName: `Stub Customer ${n}`,
  primaryDomain: `stub${n}.onmicrosoft.com`,
  country: 'KR',
  locale: 'ko-KR',
  reservationCount: n,
  activeReservationCount: n,
  expiringWithin30Days: 0,
  refundLimitUsed: '1234.50',
});

type Mode = 'ok' | 'error500' | 'malformed' | 'hang';

async function stubApi(page: Page, mode: () => Mode, demo?: boolean) {
  await page.route('**/api/**', async (route: Route) => {
    const url = new URL(route.request().url());
    const json = (body: unknown, status = 200) =>
      route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
    if (url.pathname.endsWith('/me')) return json({ user, permissions: { userId: 'u1', roles: ['Owner'], canRead: true, canManage: true, canReturn: true, canExchange: true, canAssignRoles: true, canCreateSupportRequest: true }, ...(demo === undefined ? {} : { demo }) });
    if (url.pathname.endsWith('/demoUsers')) return json([user]);
    if (url.pathname.endsWith('/customers')) {
      switch (mode()) {
        case 'error500':
          return json({ error: { code: 'InternalServerError', message: 'boom' } }, 500);
        case 'malformed':
          return route.fulfill({ status: 200, contentType: 'application/json', body: '<html>not json' });
        case 'hang':
          await new Promise((r) => setTimeout(r, 3000));
          return route.abort().catch(() => {});
        default: {
          const search = url.searchParams.get('search') ?? '';
          const all = [1, 2, 3].map(customer).filter((c) => c.companyName.includes(search));
          return json({ value: all, totalCount: all.length, skip: 0, top: 25 });
        }
      }
    }
    return json({ error: { code: 'RouteNotFound', message: 'not stubbed' } }, 404);
  });
}

test('HTTP mode shows the data the server sent', async ({ page }) => {
  await stubApi(page, () => 'ok');
  await page.goto('/customers?backend=http');
  await expect(page.getByRole('link', { name: 'Stub Customer 2' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Stub Customer 3/ })).toContainText('$1,234.50');
  // Not a demo (`demo` absent from /me, as from a server behind sign-in): the name, no user switch.
  await expect(page.locator('.signed-in')).toContainText('Stub Partner');
  await expect(page.getByRole('combobox', { name: 'Signed in as' })).toHaveCount(0);
});

test('HTTP mode against a demo server offers the demo user switch', async ({ page }) => {
  await stubApi(page, () => 'ok', true);
  await page.goto('/customers?backend=http');
  await expect(page.getByRole('combobox', { name: 'Signed in as' })).toContainText('Stub Partner');
});

for (const [mode, message] of [
  ['error500', 'The server had a problem (error 500).'],
  ['malformed', 'The server sent an answer the app could not read.'],
  ['hang', 'The server took too long to answer.'],
] as const) {
  test(`HTTP mode: ${mode} shows a clear error and keeps what the user typed`, async ({ page }) => {
    let current: Mode = 'ok';
    await stubApi(page, () => current);
    await page.goto('/customers?backend=http&timeout=1000');
    await expect(page.getByRole('link', { name: 'Stub Customer 1' })).toBeVisible();

    current = mode;
    await page.getByRole('searchbox', { name: 'Search customers' }).fill('Customer 2');
    await expect(page.getByRole('alert')).toContainText(message);
    await expect(page.getByRole('searchbox', { name: 'Search customers' })).toHaveValue('Customer 2');

    current = 'ok';
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('link', { name: 'Stub Customer 2' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Stub Customer 1' })).toBeHidden();
  });
}

test('mock mode: a change survives a reload, demo settings inject a failure, Reset demo data restores the seed', async ({ page }) => {
  const configuration = reservationUrl(CONTOSO_ID, VM_UPFRONT, '/configuration');
  await page.goto(configuration);
  await page.getByRole('textbox', { name: 'Display name' }).fill('renamed-in-demo');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Configuration saved.')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Display name' })).toHaveValue('renamed-in-demo');

  await page.goto('/settings');
  await page.getByRole('combobox', { name: 'Make every request fail with' }).selectOption({ label: 'A server error (500)' });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
  await expect(page.getByRole('alert')).toContainText('The server had a problem (error 500).');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Demo settings' }).click();
  await page.getByRole('combobox', { name: 'Make every request fail with' }).selectOption({ label: 'No failure' });
  await page.getByRole('button', { name: 'Reset demo data' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Reset demo data' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Demo settings' })).toBeVisible();
  await page.goto(configuration);
  await expect(page.getByRole('textbox', { name: 'Display name' })).toHaveValue(VM_UPFRONT.name);
});
