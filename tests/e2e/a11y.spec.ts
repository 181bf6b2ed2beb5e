import { test, expect, Page, Locator } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { CONTOSO, CONTOSO_ID, FABRIKAM_ID, VM_UPFRONT, reservationUrl } from './fixtures';

// axe-core on every page, in English and Korean, and in the states that matter: a confirmation
// dialog open, errors shown, each step of the support wizard. Serious and critical violations fail
// the test; minor and moderate ones are collected and printed at the end, for the closing note.

const FABRIKAM_VM_BIG = { order: '0a000000-0000-4000-8000-0000000000f1', id: '0b000000-0000-4000-8000-0000000000f1' };

const LANGS = {
  en: {
    button: 'English',
    loading: 'Loading…',
    home: 'Partner dashboard',
    customers: 'Customers',
    reservations: 'Azure reservations',
    overview: 'Overview',
    access: 'Access control (IAM)',
    configuration: 'Configuration',
    properties: 'Properties',
    support: 'New support request',
    refund: 'Refund',
    exchange: 'Exchange',
    settings: 'Demo settings',
    notFound: 'Page not found',
    quantity: 'Quantity to return',
    reviewRefund: 'Review refund',
    confirmRefund: 'Confirm refund',
    refused: 'This return cannot be filed',
    shared: 'Shared',
    displayName: 'Display name',
    save: 'Save',
    failWith: 'Make every request fail with',
    serverError: 'A server error (500)',
    serverProblem: 'The server had a problem (error 500).',
    main: 'Main',
    basics: 'Basics',
    problem: 'Problem',
    contact: 'Contact information',
    summary: 'Summary',
    enterSummary: 'Enter a summary.',
    subscription: 'Subscription',
    details: 'Details',
    next: 'Next',
    create: 'Create',
    enterEmail: 'Enter a valid email address, such as name@contoso.com.',
    name: 'Name',
    email: 'Email',
    created: 'The support request was created.',
    history: 'History',
    splitTitle: 'Split reservation',
    mergeTitle: 'Merge reservations',
    alerts: 'Alerts',
    alertRules: 'Alert rules',
    condition: 'Condition',
    within: 'Expiring within (days)',
    withinError: 'Expiring within (days): enter a whole number from 1 to 3650.',
    createRule: 'Create rule',
    ruleCreated: 'Alert rule created.',
    turnOn: 'Turn auto-renew on',
  },
  ko: {
    button: '한국어',
    loading: '로드하는 중…',
    home: '파트너 대시보드',
    customers: '고객',
    reservations: 'Azure 예약',
    overview: '개요',
    access: '액세스 제어(IAM)',
    configuration: '구성',
    properties: '속성',
    support: '새 지원 요청',
    refund: '환불',
    exchange: '교환',
    settings: '데모 설정',
    notFound: '페이지를 찾을 수 없습니다',
    quantity: '반환할 수량',
    reviewRefund: '환불 검토',
    confirmRefund: '환불 확인',
    refused: '이 반환을 요청할 수 없습니다',
    shared: '공유',
    displayName: '표시 이름',
    save: '저장',
    failWith: '모든 요청을 다음 오류로 실패시키기',
    serverError: '서버 오류(500)',
    serverProblem: '서버에 문제가 발생했습니다(오류 500).',
    main: '주 메뉴',
    basics: '기본 사항',
    problem: '문제',
    contact: '연락처 정보',
    summary: '요약',
    enterSummary: '요약을 입력하세요.',
    subscription: '구독',
    details: '세부 정보',
    next: '다음',
    create: '생성',
    enterEmail: 'name@contoso.com과 같은 올바른 전자 메일 주소를 입력하세요.',
    name: '이름',
    email: '전자 메일',
    created: '지원 요청이 생성되었습니다.',
    history: '기록',
    splitTitle: '예약 분할',
    mergeTitle: '예약 병합',
    alerts: '경고',
    alertRules: '경고 규칙',
    condition: '조건',
    within: '만료까지 남은 일수(이내)',
    withinError: '만료까지 남은 일수: 1에서 3650 사이의 정수를 입력하세요.',
    createRule: '규칙 만들기',
    ruleCreated: '경고 규칙을 만들었습니다.',
    turnOn: '자동 갱신 켜기',
  },
};
type Lang = keyof typeof LANGS;
type Labels = (typeof LANGS)[Lang];

/** Minor and moderate findings, per rule: which pages and states showed them. */
const remaining = new Map<string, { impact: string; help: string; where: Set<string> }>();
let audits = 0;

test.afterAll(() => {
  if (remaining.size === 0) {
    console.log(`axe: ${audits} pages and states audited, no minor or moderate violations.`);
    return;
  }
  const lines = [...remaining.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, r]) => `  ${id} (${r.impact}): ${r.help}\n    on: ${[...r.where].join(', ')}`);
  console.log(`axe: ${audits} pages and states audited; minor and moderate violations remaining (${remaining.size} rules):\n${lines.join('\n')}`);
});

/** Runs axe on the page as it is now; fails on serious or critical violations. */
async function audit(page: Page, where: string) {
  await expect(page.getByText(/^(Loading…|로드하는 중…)$/)).toHaveCount(0);
  const { violations } = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
  audits++;
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of violations.filter((v) => !blocking.includes(v))) {
    const entry = remaining.get(v.id) ?? { impact: v.impact ?? 'unknown', help: v.help, where: new Set<string>() };
    entry.where.add(where);
    remaining.set(v.id, entry);
  }
  const report = blocking.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary}`).join('\n')}`,
  );
  expect(report, `serious or critical axe violations on ${where}`).toEqual([]);
}

const h1 = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true });
const h2 = (page: Page, name: string) => page.getByRole('heading', { level: 2, name, exact: true });

/**
 * Starts the app in `lang` with the language switch, as a user would. The mock backend answers
 * at once (`?latency=0`), and later pages open in the running app (`visit`), to keep the audit quick.
 */
async function start(page: Page, lang: Lang) {
  await page.goto('/?latency=0');
  await expect(h1(page, LANGS.en.home).or(h1(page, LANGS.ko.home))).toBeVisible();
  if (lang === 'ko') {
    await page.getByRole('button', { name: LANGS.ko.button }).click();
    await expect(h1(page, LANGS.ko.home)).toBeVisible();
  }
}

/** Opens `url` in the running app, as its own links do (history API), without reloading it. */
async function visit(page: Page, url: string) {
  await page.evaluate((to) => {
    history.pushState(null, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, url);
  await expect(page).toHaveURL(url);
}

const vm = (path = '') => reservationUrl(CONTOSO_ID, VM_UPFRONT, path);

/** Every page: its address and what shows it is loaded. */
const PAGES: { name: string; url: string; ready: (page: Page, l: Labels) => Locator }[] = [
  { name: 'Home', url: '/', ready: (p, l) => h1(p, l.home) },
  { name: 'Customers', url: '/customers', ready: (p) => p.getByRole('link', { name: CONTOSO }) },
  { name: 'Customer', url: `/customers/${CONTOSO_ID}`, ready: (p) => h1(p, CONTOSO) },
  { name: 'Billing', url: `/customers/${CONTOSO_ID}/billing`, ready: (p) => p.locator('table.billing-months tbody tr').first() },
  {
    name: 'Azure reservations, one selected',
    url: `/customers/${CONTOSO_ID}/reservations?selected=${VM_UPFRONT.id}`,
    ready: (p) => p.getByRole('radio', { checked: true }),
  },
  { name: 'Overview', url: vm(), ready: (p, l) => p.getByRole('navigation').getByRole('link', { name: l.overview, exact: true }) },
  { name: 'Access control (IAM)', url: vm('/access'), ready: (p, l) => h2(p, l.access) },
  { name: 'Configuration', url: vm('/configuration'), ready: (p, l) => p.getByRole('radio', { name: l.shared }) },
  { name: 'Properties', url: vm('/properties'), ready: (p) => p.getByRole('textbox').first() },
  { name: 'Refund', url: vm('/refund'), ready: (p) => p.getByTestId('refund') },
  { name: 'Exchange', url: vm('/exchange'), ready: (p, l) => h2(p, l.exchange) },
  { name: 'Split', url: vm('/split'), ready: (p, l) => h2(p, l.splitTitle) },
  { name: 'Merge', url: vm('/merge'), ready: (p, l) => h2(p, l.mergeTitle) },
  { name: 'History', url: vm('/history'), ready: (p) => p.getByTestId('history-event').first() },
  { name: 'Portfolio, filtered', url: '/portfolio?family=VirtualMachines&expiring=90', ready: (p) => p.locator('tr[data-row="0"]') },
  { name: 'Buy, choose the customer', url: '/buy', ready: (p) => p.locator('#buy-customer') },
  { name: 'Buy, product family', url: `/customers/${CONTOSO_ID}/buy`, ready: (p) => p.locator('#buy-family') },
  {
    name: 'Buy, SKU and region',
    url: `/customers/${CONTOSO_ID}/buy?step=product&family=VirtualMachines&q=koreacentral`,
    ready: (p) => p.getByRole('radio').first(),
  },
  {
    name: 'Buy, options with a refused quantity',
    url: `/customers/${CONTOSO_ID}/buy?step=options&family=VirtualMachines&sku=Standard_D2s_v5&region=koreacentral&term=P1Y&plan=Monthly&qty=0&scope=resourceGroup`,
    ready: (p) => p.locator('#buy-quantity-error'),
  },
  {
    name: 'Buy, review',
    url: `/customers/${CONTOSO_ID}/buy?step=review&family=VirtualMachines&sku=Standard_D2s_v5&region=koreacentral&term=P1Y&plan=Monthly&qty=2`,
    ready: (p) => p.getByTestId('buy-review'),
  },
  { name: 'Alerts', url: '/alerts', ready: (p, l) => h2(p, l.alertRules) },
  { name: 'Portfolio, chart filter and custom window', url: '/portfolio?u30min=80&expiring=200', ready: (p) => p.locator('tr[data-row="0"]') },
  { name: 'Demo settings', url: '/settings', ready: (p, l) => h1(p, l.settings) },
  { name: 'not found', url: '/no/such/page', ready: (p, l) => h1(p, l.notFound) },
];

for (const lang of ['en', 'ko'] as const) {
  const l = LANGS[lang];

  test(`axe (${lang}): every page has no serious or critical violations`, async ({ page }) => {
    await start(page, lang);
    for (const p of PAGES) {
      await test.step(p.name, async () => {
        await visit(page, p.url);
        await expect(p.ready(page, l)).toBeVisible();
        await audit(page, `${p.name} (${lang})`);
      });
    }
  });

  test(`axe (${lang}): confirmation dialogs and errors`, async ({ page }) => {
    await start(page, lang);

    await test.step('refund confirmation dialog', async () => {
      await visit(page, vm('/refund'));
      await page.getByRole('spinbutton', { name: l.quantity }).fill('1');
      await page.getByRole('button', { name: l.reviewRefund }).click();
      const dialog = page.getByRole('dialog');
      await expect(dialog.getByRole('button', { name: l.confirmRefund })).toBeVisible();
      await audit(page, `Refund, dialog open (${lang})`);
    });

    await test.step('configuration confirmation dialog', async () => {
      await visit(page, vm('/configuration'));
      await page.getByRole('textbox', { name: l.displayName }).fill('vm-prod-renamed');
      await page.getByRole('button', { name: l.save }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await audit(page, `Configuration, dialog open (${lang})`);
    });

    await test.step('bulk auto-renew confirmation dialog', async () => {
      await visit(page, `/portfolio?customer=${CONTOSO_ID}&status=Succeeded&renew=off`);
      await page.locator('tr[data-row="0"] input[type="checkbox"]').check();
      await page.getByRole('button', { name: l.turnOn, exact: true }).click();
      await expect(page.getByRole('dialog').getByRole('listitem')).toHaveCount(1);
      await audit(page, `Portfolio, bulk auto-renew dialog open (${lang})`);
      await page.keyboard.press('Escape');
    });

    await test.step('an alert rule with an error, then its alerts', async () => {
      await visit(page, '/alerts');
      await page.getByRole('combobox', { name: l.condition }).selectOption('ExpiringWithoutRenewal');
      await page.getByRole('textbox', { name: l.within }).fill('0');
      await page.getByRole('button', { name: l.createRule }).click();
      await expect(page.getByText(l.withinError)).toBeVisible();
      await audit(page, `Alerts, rule with an error (${lang})`);
      await page.getByRole('textbox', { name: l.within }).fill('30');
      await page.getByRole('button', { name: l.createRule }).click();
      await expect(page.getByText(l.ruleCreated)).toBeVisible();
      await expect(page.locator('.alert-item').first()).toBeVisible();
      await audit(page, `Alerts, with open alerts (${lang})`);
    });

    await test.step('a refund refused by the limit', async () => {
      await visit(page, reservationUrl(FABRIKAM_ID, FABRIKAM_VM_BIG, '/refund'));
      await expect(page.getByRole('alert')).toContainText(l.refused);
      await audit(page, `Refund, refused (${lang})`);
    });

    await test.step('a request failing with a server error', async () => {
      await visit(page, '/settings');
      await page.getByRole('combobox', { name: l.failWith }).selectOption({ label: l.serverError });
      await page.getByRole('navigation', { name: l.main }).getByRole('link', { name: l.customers }).click();
      await expect(page.getByRole('alert')).toContainText(l.serverProblem);
      await audit(page, `Customers, server error (${lang})`);
    });
  });

  test(`axe (${lang}): the support wizard at each step`, async ({ page }) => {
    await start(page, lang);
    await visit(page, vm('/support'));

    await expect(page.getByRole('heading', { level: 3, name: l.basics })).toBeVisible();
    await page.getByRole('textbox', { name: l.summary }).fill('');
    await page.getByRole('button', { name: l.next }).click();
    await expect(page.getByText(l.enterSummary)).toBeVisible();
    await audit(page, `New support request: Basics, with errors (${lang})`);
    await page.getByRole('textbox', { name: l.summary }).fill('Refund the unused remainder');
    await page.getByRole('combobox', { name: l.subscription }).selectOption({ index: 1 });
    await page.getByRole('button', { name: l.next }).click();

    await expect(page.getByRole('heading', { level: 3, name: l.problem })).toBeVisible();
    await page.getByRole('textbox', { name: l.details }).fill('The customer no longer needs these VMs.');
    await audit(page, `New support request: Problem (${lang})`);
    await page.getByRole('button', { name: l.next }).click();

    await expect(page.getByRole('heading', { level: 3, name: l.contact })).toBeVisible();
    await page.getByRole('button', { name: l.create }).click();
    await expect(page.getByText(l.enterEmail)).toBeVisible();
    await audit(page, `New support request: Contact information, with errors (${lang})`);
    await page.getByRole('textbox', { name: l.name, exact: true }).fill('Jiwoo Kim');
    await page.getByRole('textbox', { name: l.email, exact: true }).fill('jiwoo.kim@contoso.com');
    await page.getByRole('button', { name: l.create }).click();
    await expect(page.getByText(l.created)).toBeVisible();
    await audit(page, `New support request: request created (${lang})`);
  });
}
