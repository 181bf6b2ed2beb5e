// Independent arithmetic for the end-to-end tests: the spec's refund formula on integers (cents),
// so the tests check the app's numbers rather than repeat them.

/** "$1,234.56" or "US$1,234.56" → 123456n cents. */
export function cents(text: string): bigint {
  const m = text.replace(/[^0-9.-]/g, '');
  const [whole, frac = ''] = m.split('.');
  return BigInt(whole) * 100n + BigInt((frac + '00').slice(0, 2));
}

/** 123456n → "$1,234.56". */
export function usd(c: bigint): string {
  const whole = (c / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `$${whole}.${(c % 100n).toString().padStart(2, '0')}`;
}

const day = 86_400_000;
function utc(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

/** The spec's add_months: same day, or the month's last day. */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const total = m - 1 + months;
  const year = y + Math.floor(total / 12);
  const month = total % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const date = new Date(Date.UTC(year, month, Math.min(d, last)));
  return date.toISOString().slice(0, 10);
}

/** round(price × q × remaining_days / term_days), half away from zero, for an upfront plan. */
export function remainingCommitment(unitCents: bigint, q: number, purchase: string, months: number, today = new Date()): bigint {
  const expiry = addMonths(purchase, months);
  const todayUtc = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const termDays = BigInt(Math.round((utc(expiry) - utc(purchase)) / day));
  const remaining = BigInt(Math.round((utc(expiry) - todayUtc) / day));
  const num = unitCents * BigInt(q) * remaining;
  return (2n * num + termDays) / (2n * termDays);
}
