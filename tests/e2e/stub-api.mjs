// A tiny stand-in for the real server's API, enough for the Customers list: the signed-in user,
// the demo users and a page of customers. serve.mjs mounts it under /api/ when STUB_API=1, so the
// server build can be loaded (and benchmarked) over real HTTP, not request interception.
const user = { id: 'u1', name: 'Stub Partner', email: 'stub@partner.test', role: 'Owner', description: 'stub' };
const permissions = { userId: 'u1', roles: ['Owner'], canRead: true, canManage: true, canReturn: true, canExchange: true, canAssignRoles: true, canCreateSupportRequest: true };
const customers = Array.from({ length: 60 }, (_, i) => {
  const n = i + 1;
  return {
    id: `cust-${String(n).padStart(3, '0')}`,
    companyName: `Stub Customer ${String(n).padStart(3, '0')}`,
    primaryDomain: `stub${n}.onmicrosoft.com`,
    country: n % 3 ? 'KR' : 'US',
    locale: n % 3 ? 'ko-KR' : 'en-US',
    reservationCount: (n * 7) % 40 + 1,
    activeReservationCount: (n * 5) % 30 + 1,
    expiringWithin30Days: n % 4,
    refundLimitUsed: (((n * 123450) % 5000000) / 100).toFixed(2),
  };
});

// The JSON answer for an API path (below /api), or null when the stub has none.
export function stubApi(path, search) {
  if (path === '/me') return { user, permissions };
  if (path === '/demoUsers') return [user];
  if (path === '/customers') {
    const q = new URLSearchParams(search);
    const needle = (q.get('search') ?? '').toLowerCase();
    const all = customers.filter((c) => c.companyName.toLowerCase().includes(needle));
    const skip = Number(q.get('skip') ?? 0);
    const top = Number(q.get('top') ?? 25);
    return { value: all.slice(skip, skip + top), totalCount: all.length, skip, top };
  }
  return null;
}
