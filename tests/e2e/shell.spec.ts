import { test, expect, Page } from '@playwright/test';

// The app shell as a user sees it: top bar, language switch, side navigation, routing.

const topBar = (page: Page) => page.getByRole('banner');
const mainNav = (page: Page, name = 'Main') => page.getByRole('navigation', { name });
const h1 = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true });

test('the home page loads with the top bar and the side navigation', async ({ page }) => {
  await page.goto('/');
  await expect(h1(page, 'Partner dashboard')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await expect(topBar(page).getByText('Azure reservations', { exact: true })).toBeVisible();
  await expect(topBar(page).getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
  await expect(topBar(page).getByRole('button', { name: '한국어' })).toHaveAttribute('aria-pressed', 'false');
  // The signed-in demo user (the mock backend's default: the partner's admin agent).
  const user = topBar(page).getByRole('combobox', { name: 'Signed in as' });
  await expect(user.locator('option:checked')).toHaveText(/Jiwoo Kim/);

  await expect(mainNav(page).getByRole('link', { name: 'Home', exact: true })).toBeVisible();
  await expect(mainNav(page).getByRole('link', { name: 'Customers', exact: true })).toBeVisible();
});

test('switching to Korean changes the labels and survives a reload', async ({ page }) => {
  await page.goto('/');
  await expect(h1(page, 'Partner dashboard')).toBeVisible();
  await page.getByRole('button', { name: '한국어' }).click();

  const korean = async () => {
    await expect(h1(page, '파트너 대시보드')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
    await expect(topBar(page).getByText('Azure 예약', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: '한국어' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'false');
    const nav = mainNav(page, '주 메뉴');
    await expect(nav.getByRole('link', { name: '홈', exact: true })).toBeVisible();
    await expect(nav.getByRole('link', { name: '고객', exact: true })).toBeVisible();
  };
  await korean();
  await page.reload();
  await korean();

  await page.getByRole('button', { name: 'English' }).click();
  await expect(h1(page, 'Partner dashboard')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(h1(page, 'Partner dashboard')).toBeVisible();
});

test('an unknown address shows the not-found page with a way home', async ({ page }) => {
  await page.goto('/no/such/page');
  await expect(h1(page, 'Page not found')).toBeVisible();
  await page.getByRole('link', { name: 'Back to home' }).click();
  await expect(h1(page, 'Partner dashboard')).toBeVisible();
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/);
});

test('the not-found page speaks Korean too', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: '한국어' }).click();
  await expect(h1(page, '파트너 대시보드')).toBeVisible();
  await page.goto('/no/such/page');
  await expect(h1(page, '페이지를 찾을 수 없습니다')).toBeVisible();
  await page.getByRole('link', { name: '홈으로 돌아가기' }).click();
  await expect(h1(page, '파트너 대시보드')).toBeVisible();
});

test('a deep link survives a reload, and back and forward work', async ({ page }) => {
  await page.goto('/customers');
  await expect(h1(page, 'Customers')).toBeVisible();
  await page.reload();
  await expect(h1(page, 'Customers')).toBeVisible();

  await mainNav(page).getByRole('link', { name: 'Home', exact: true }).click();
  await expect(h1(page, 'Partner dashboard')).toBeVisible();
  await page.goBack();
  await expect(h1(page, 'Customers')).toBeVisible();
  await page.goForward();
  await expect(h1(page, 'Partner dashboard')).toBeVisible();
});

test('the Customers link leads to the Customers page, in Korean too', async ({ page }) => {
  await page.goto('/');
  await mainNav(page).getByRole('link', { name: 'Customers', exact: true }).click();
  await expect(h1(page, 'Customers')).toBeVisible();
  await expect(page).toHaveURL(/\/customers$/);

  await page.getByRole('button', { name: '한국어' }).click();
  await expect(h1(page, '고객')).toBeVisible();
  await page.reload();
  await expect(h1(page, '고객')).toBeVisible();
});

// The pages' code downloads a group at a time (src/pages/mod.rs); Customers is in the main module.
const homeGroup = '**/split_browse_pages-*.wasm';

test('a page whose code is still downloading shows Loading, and a newer navigation wins', async ({ page }) => {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(homeGroup, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/');
  await expect(page.getByRole('main').getByRole('status')).toHaveText('Loading…');
  await mainNav(page).getByRole('link', { name: 'Customers', exact: true }).click();
  await expect(h1(page, 'Customers')).toBeVisible();
  // Home's code arrives after the partner moved on: it must not replace the Customers page.
  release();
  await expect(page.getByRole('searchbox', { name: 'Search customers' })).toBeVisible();
  await page.waitForTimeout(500);
  await expect(h1(page, 'Customers')).toBeVisible();
  await expect(h1(page, 'Partner dashboard')).toHaveCount(0);
  await mainNav(page).getByRole('link', { name: 'Home', exact: true }).click();
  await expect(h1(page, 'Partner dashboard')).toBeVisible();
});

for (const [lang, message, retry, home] of [
  ['en', 'This page could not be downloaded. Check the connection and try again.', 'Try again', 'Partner dashboard'],
  ['ko', '이 페이지를 내려받을 수 없습니다. 연결을 확인하고 다시 시도하세요.', '다시 시도', '파트너 대시보드'],
]) {
  test(`${lang}: a page whose code fails to download says so, and Try again loads it`, async ({ page }) => {
    await page.addInitScript((tag) => window.localStorage.setItem('resdash.locale', tag), lang);
    await page.route(homeGroup, (route) => route.abort('internetdisconnected'));
    await page.goto('/');
    await expect(page.getByRole('alert')).toHaveText(new RegExp(message));
    await page.unroute(homeGroup);
    await page.getByRole('button', { name: retry }).click();
    await expect(h1(page, home)).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
  });
}

// Each language's texts are a file of their own (locales/), fetched when the language is first
// used: index.html preloads the one the app starts in.
test('a language whose texts fail to download says so, keeps the page and the saved choice as they were, and loads on the next try', async ({ page }) => {
  const korean = '**/locales/ko.json';
  await page.route(korean, (route) => route.abort('internetdisconnected'));
  await page.goto('/');
  await expect(h1(page, 'Partner dashboard')).toBeVisible();
  await page.getByRole('button', { name: '한국어' }).click();
  await expect(topBar(page).getByRole('status')).toHaveText(
    '한국어 could not be downloaded. Check the connection and choose it again.',
  );
  await expect(h1(page, 'Partner dashboard')).toBeVisible();
  await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
  // The failed choice is not remembered: with the connection back, a reload starts in English.
  await page.unroute(korean);
  await page.reload();
  await expect(h1(page, 'Partner dashboard')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('button', { name: '한국어' }).click();
  await expect(h1(page, '파트너 대시보드')).toBeVisible();
  await expect(topBar(page).getByRole('status')).toHaveText('');
});

test('a saved language whose texts cannot be downloaded starts the app in English, not in keys', async ({ page }) => {
  await page.addInitScript(() => window.localStorage.setItem('resdash.locale', 'ko'));
  await page.route('**/locales/ko.json', (route) => route.abort('internetdisconnected'));
  await page.goto('/customers');
  await expect(h1(page, 'Customers')).toBeVisible();
  await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
  await expect(mainNav(page).getByRole('link', { name: 'Portfolio', exact: true })).toBeVisible();
});
