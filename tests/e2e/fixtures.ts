import { expect, Page } from '@playwright/test';

// The fixed demo customer and reservations of the mock backend (crates/mock/src/demo.rs).
export const CONTOSO = 'Contoso Korea (콘토소 코리아)';
export const CONTOSO_ID = 'c0a7050c-0000-4000-8000-000000000001';
export const FABRIKAM_ID = 'fab1c0de-0000-4000-8000-000000000002';
export const VM_UPFRONT = {
  name: 'vm-prod-koreacentral',
  order: '0a000000-0000-4000-8000-000000000001',
  id: '0b000000-0000-4000-8000-000000000001',
};
export const reservationUrl = (customer: string, r: { order: string; id: string }, page = '') =>
  `/customers/${customer}/reservations/${r.order}/${r.id}${page}`;

/** Customers → search → the customer → Azure reservations. */
export async function openReservations(page: Page, customer: string, labels = EN) {
  await page.goto('/');
  await page.getByRole('navigation', { name: labels.main }).getByRole('link', { name: labels.customers }).click();
  await expect(page.getByRole('heading', { level: 1, name: labels.customers })).toBeVisible();
  await page.getByRole('searchbox', { name: labels.searchCustomers }).fill('Contoso Korea');
  await page.getByRole('link', { name: customer }).click();
  await expect(page.getByRole('heading', { level: 1, name: customer })).toBeVisible();
  await page.getByRole('link', { name: labels.reservations }).click();
  await expect(page.getByRole('heading', { level: 1, name: labels.reservations })).toBeVisible();
}

export const EN = {
  main: 'Main',
  customers: 'Customers',
  searchCustomers: 'Search customers',
  reservations: 'Azure reservations',
};
export const KO = {
  main: '주 메뉴',
  customers: '고객',
  searchCustomers: '고객 검색',
  reservations: 'Azure 예약',
};

/** Chooses Korean in the top bar and waits until the page is in it: its texts are fetched on first
 *  use, and a page load before they arrive would start in the language saved before. */
export async function chooseKorean(page: Page) {
  await page.getByRole('button', { name: '한국어' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
}

/** Signs in as another demo user before the app starts. */
export async function signInAs(page: Page, user: 'admin' | 'resadmin' | 'reader' | 'contributor') {
  await page.addInitScript((u) => window.localStorage.setItem('resdash.user', u), user);
}
