//! The portfolio: `GET /reservations`, every readable reservation of every customer, and
//! `GET /reservations/summary`, its charts.
//!
//! Both run over a cached index (see `cache::PortfolioIndex`): one small entry per reservation
//! with what filtering and sorting read (lower-cased search text, state, expiry, utilization,
//! commitment), and each sorted order once computed. A request then filters the sorted entries
//! and builds the API view of the rows of its page only, so a keystroke in the Portfolio's
//! search box costs a scan of 100,000 small entries rather than 100,000 views.

use chrono::{Datelike, NaiveDate};
use reservation_api::{
    utilization_bucket, utilization_in, AppliedScopeType, Family, Page, PortfolioQuery,
    PortfolioRow, PortfolioSort, PortfolioSummary, ProvisioningState, SortOrder,
};
use reservation_quote::{purchase_total, Policy};
use rust_decimal::Decimal;

use crate::auth;
use crate::cache::PortfolioIndex;
use crate::handlers::Ctx;
use crate::respond::{bad_query, directed, page, paging, Handled, Reply};
use crate::state::State;
use crate::utilization;
use crate::view;

/// What the portfolio filters and sorts a reservation by, computed once per day and change.
#[derive(Clone, Debug)]
pub struct Entry {
    /// Index of the customer in the state.
    c: u32,
    /// Index of the order in the customer.
    o: u32,
    /// Index of the reservation in the order.
    r: u32,
    /// Display name, SKU, family and region, lower-cased, separated by NUL (searched as one
    /// text; a search has no NUL, so it never matches across two fields).
    text: String,
    /// How many bytes of `text` are the display name (its sort key).
    name_len: usize,
    /// The family.
    family: Family,
    /// Auto-renew.
    renew: bool,
    /// The state today.
    state: ProvisioningState,
    /// The expiry date.
    expiry: NaiveDate,
    /// The scope type, as the API names it.
    scope: &'static str,
    /// 7- and 30-day average utilization (active reservations only).
    util7: Option<Decimal>,
    util30: Option<Decimal>,
    /// The bar of the utilization histogram `util30` falls in.
    bar: Option<u8>,
    /// The commitment: the purchase total of the quantity held (quote engine).
    commitment: Decimal,
    /// The place of the entry by (company name, resource id), which breaks ties of every sort.
    tie: u32,
}

/// The portfolio's index of `state` as of `today`.
pub fn build_index(state: &State, today: NaiveDate, policy: &Policy) -> PortfolioIndex {
    let mut entries = Vec::with_capacity(state.reservation_count());
    for (ci, c) in state.customers.iter().enumerate() {
        for (oi, o) in c.orders.iter().enumerate() {
            for (ri, r) in o.res.iter().enumerate() {
                let st = view::state(o, r, today);
                let util = (st == ProvisioningState::Succeeded)
                    .then(|| utilization::summary(r, view::span(o, r, today), today))
                    .flatten();
                let average = |days| util.as_ref().and_then(|u| u.average(days));
                let name = r.name.to_lowercase();
                let name_len = name.len();
                let text = format!(
                    "{name}\0{}\0{}\0{}",
                    r.sku.to_lowercase(),
                    r.family.as_str().to_lowercase(),
                    r.loc.to_lowercase()
                );
                entries.push(Entry {
                    c: ci as u32,
                    o: oi as u32,
                    r: ri as u32,
                    text,
                    name_len,
                    family: r.family.clone(),
                    renew: r.renew,
                    state: st,
                    expiry: view::expiry(o),
                    scope: match view::scope_view(c, r.scope).0 {
                        AppliedScopeType::Single => "Single",
                        AppliedScopeType::Shared => "Shared",
                        AppliedScopeType::ManagementGroup => "ManagementGroup",
                    },
                    util7: average(7),
                    util30: average(30),
                    bar: average(30).map(|u| utilization_bucket(u) as u8),
                    commitment: purchase_total(&o.plan, &o.term, r.price, r.qty)
                        .unwrap_or_default(),
                    tie: 0,
                });
            }
        }
    }
    // Ties: by company name, then by resource id. Resource ids share their prefix and GUIDs have
    // one length, so (order id, reservation id) compares as the resource id does.
    let mut by_tie: Vec<u32> = (0..entries.len() as u32).collect();
    {
        let key = |i: u32| {
            let e = &entries[i as usize];
            let c = &state.customers[e.c as usize];
            let o = &c.orders[e.o as usize];
            (
                c.name.as_str(),
                o.id.as_str(),
                o.res[e.r as usize].id.as_str(),
            )
        };
        by_tie.sort_unstable_by(|&a, &b| key(a).cmp(&key(b)));
    }
    for (rank, i) in by_tie.into_iter().enumerate() {
        entries[i as usize].tie = rank as u32;
    }
    PortfolioIndex {
        entries,
        company_lc: state
            .customers
            .iter()
            .map(|c| c.name.to_lowercase())
            .collect(),
        headroom: state
            .customers
            .iter()
            .map(|c| view::money(policy.refund_limit_usd - view::limit_used(c, today, policy)))
            .collect(),
        sorted: Default::default(),
        last: None,
    }
}

/// Entry indices sorted by `key` in `order`, ties by [`Entry::tie`] ascending.
fn sort_by<'a, K: Ord>(
    entries: &'a [Entry],
    order: SortOrder,
    key: impl Fn(&'a Entry) -> K,
) -> Vec<u32> {
    let mut keyed: Vec<(K, u32, u32)> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (key(e), e.tie, i as u32))
        .collect();
    keyed.sort_unstable_by(|a, b| directed(a.0.cmp(&b.0), order).then(a.1.cmp(&b.1)));
    keyed.into_iter().map(|(_, _, i)| i).collect()
}

/// The entries in the query's order (computed once per column and direction): by the column,
/// then by company name, then by reservation resource id (ascending), so pages never overlap.
fn sort(index: &mut PortfolioIndex, state: &State, sort: PortfolioSort, order: SortOrder) {
    let PortfolioIndex {
        entries,
        company_lc,
        headroom,
        sorted,
        ..
    } = index;
    sorted.entry((sort, order)).or_insert_with(|| {
        let e: &[Entry] = entries;
        let rec = |x: &Entry| {
            let o = &state.customers[x.c as usize].orders[x.o as usize];
            (o, &o.res[x.r as usize])
        };
        match sort {
            PortfolioSort::CompanyName => sort_by(e, order, |x| company_lc[x.c as usize].as_str()),
            PortfolioSort::DisplayName => sort_by(e, order, |x| &x.text[..x.name_len]),
            PortfolioSort::ReservedResourceType => sort_by(e, order, |x| rec(x).1.family.as_str()),
            PortfolioSort::SkuName => sort_by(e, order, |x| rec(x).1.sku.as_str()),
            PortfolioSort::Location => sort_by(e, order, |x| rec(x).1.loc.as_str()),
            PortfolioSort::Quantity => sort_by(e, order, |x| rec(x).1.qty),
            PortfolioSort::Term => sort_by(e, order, |x| rec(x).0.term.months()),
            PortfolioSort::ExpiryDate => sort_by(e, order, |x| x.expiry),
            PortfolioSort::ProvisioningState => sort_by(e, order, |x| x.state.as_str()),
            PortfolioSort::BillingPlan => sort_by(e, order, |x| rec(x).0.plan.as_str()),
            PortfolioSort::AppliedScopeType => sort_by(e, order, |x| x.scope),
            PortfolioSort::Utilization7 => sort_by(e, order, |x| x.util7),
            PortfolioSort::Utilization30 => sort_by(e, order, |x| x.util30),
            PortfolioSort::Renew => sort_by(e, order, |x| rec(x).1.renew),
            PortfolioSort::RefundHeadroom => sort_by(e, order, |x| headroom[x.c as usize]),
        }
    });
}

/// The query's filters, prepared once per request.
struct Filter<'q> {
    q: &'q PortfolioQuery,
    needle: String,
    finder: memchr::memmem::Finder<'static>,
    /// Per customer: whether the company name holds the search (empty without a search).
    company: Vec<bool>,
    /// Whether the search can be part of an id (hex digits and dashes only).
    id_like: bool,
    region: Option<String>,
    /// The customer filter as an index into the state (`Some(None)`: no such customer).
    customer: Option<Option<u32>>,
    today: NaiveDate,
}

impl Filter<'_> {
    fn new<'q>(
        q: &'q PortfolioQuery,
        index: &PortfolioIndex,
        state: &State,
        today: NaiveDate,
    ) -> Filter<'q> {
        let needle = q.search.as_deref().unwrap_or("").trim().to_lowercase();
        let finder = memchr::memmem::Finder::new(needle.as_bytes()).into_owned();
        let company = if needle.is_empty() {
            Vec::new()
        } else {
            index
                .company_lc
                .iter()
                .map(|c| finder.find(c.as_bytes()).is_some())
                .collect()
        };
        Filter {
            q,
            id_like: needle.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-'),
            needle,
            finder,
            company,
            region: q.region.as_deref().map(str::to_lowercase),
            customer: q.customer.as_deref().map(|id| {
                state
                    .customers
                    .iter()
                    .position(|c| c.id == id)
                    .map(|i| i as u32)
            }),
            today,
        }
    }

    /// The filters without paging and sort, to recognise the same selection again.
    fn key(&self, user: &str) -> String {
        let q = PortfolioQuery {
            sort: PortfolioSort::default(),
            order: SortOrder::default(),
            skip: 0,
            top: 1,
            ..self.q.clone()
        };
        format!("{user} {}", q.to_query_string())
    }

    /// Whether the user can read the entry and it passes every filter.
    /// Reads the entry only, not the state (the scan over 100,000 entries stays in one array),
    /// except for ids and role assignments when they are needed.
    fn keep(&self, ctx: &Ctx, e: &Entry) -> bool {
        let q = self.q;
        if self.customer.is_some_and(|c| c != Some(e.c)) {
            return false;
        }
        let active = e.state == ProvisioningState::Succeeded;
        let record = || {
            let o = &ctx.state.customers[e.c as usize].orders[e.o as usize];
            (o, &o.res[e.r as usize])
        };
        q.status.is_none_or(|s| e.state == s)
            && q.family.as_ref().is_none_or(|f| &e.family == f)
            && self
                .region
                .as_deref()
                .is_none_or(|l| e.text.rsplit('\0').next() == Some(l))
            && q.auto_renew.is_none_or(|a| e.renew == a)
            && q.expiring_within_days
                .is_none_or(|d| active && (e.expiry - self.today).num_days() <= i64::from(d))
            && q.expiry_month.is_none_or(|m| {
                active && e.expiry.year() == m.year() && e.expiry.month() == m.month()
            })
            && q.utilization_below
                .is_none_or(|b| e.util7.is_some_and(|u| u < b))
            && (q.utilization30_min.is_none() && q.utilization30_max.is_none()
                || e.util30
                    .is_some_and(|u| utilization_in(u, q.utilization30_min, q.utilization30_max)))
            && (self.needle.is_empty()
                || self.company[e.c as usize]
                || self.finder.find(e.text.as_bytes()).is_some()
                || self.id_like && {
                    let (o, r) = record();
                    r.id.contains(&self.needle) || o.id.contains(&self.needle)
                })
            && (ctx.user.role.is_some() || auth::can_read(&ctx.user, record().1))
    }
}

/// Takes the portfolio index out of the cache for the request (put back with [`put_back`]), so
/// the handler can read the context while holding it.
fn take_index(ctx: &mut Ctx) -> PortfolioIndex {
    std::mem::take(ctx.views.portfolio(ctx.state, ctx.today, ctx.policy))
}

fn put_back(ctx: &mut Ctx, index: PortfolioIndex) {
    *ctx.views.portfolio(ctx.state, ctx.today, ctx.policy) = index;
}

/// `GET /reservations`: the reservations the user can read across customers, filtered, sorted,
/// paged. Ties are broken by company name, then by resource id, so paging is stable.
pub fn list(ctx: &mut Ctx) -> Handled {
    let q = bad_query(PortfolioQuery::from_params(&ctx.params))?;
    let (skip, top) = paging(q.skip, q.top)?;
    let mut index = take_index(ctx);
    let filter = Filter::new(&q, &index, ctx.state, ctx.today);
    // The blocks of one view (scrolling the grid) ask for the same selection again: it is kept.
    let key = format!("{} {:?} {:?}", filter.key(&ctx.user.id), q.sort, q.order);
    let matching = match index.last.take().filter(|(k, _)| *k == key) {
        Some((_, rows)) => rows,
        None => {
            sort(&mut index, ctx.state, q.sort, q.order);
            // Entries are checked in their own order (sequential), then taken in sorted order.
            let keep: Vec<bool> = index.entries.iter().map(|e| filter.keep(ctx, e)).collect();
            index.sorted[&(q.sort, q.order)]
                .iter()
                .copied()
                .filter(|&i| keep[i as usize])
                .collect()
        }
    };
    let ids = page(
        matching[..].to_vec(),
        skip,
        top,
        ctx.req.path_only(),
        &ctx.params,
    );
    index.last = Some((key, matching));
    let rows = Page {
        value: ids
            .value
            .iter()
            .map(|&i| {
                let e = &index.entries[i as usize];
                let c = &ctx.state.customers[e.c as usize];
                let o = &c.orders[e.o as usize];
                PortfolioRow {
                    customer_id: c.id.clone(),
                    company_name: c.name.clone(),
                    refund_headroom: index.headroom[e.c as usize],
                    reservation: view::reservation(
                        ctx.state.price_list.as_ref(),
                        c,
                        o,
                        &o.res[e.r as usize],
                        ctx.today,
                    ),
                }
            })
            .collect(),
        total_count: ids.total_count,
        skip: ids.skip,
        top: ids.top,
        next_link: ids.next_link,
    };
    put_back(ctx, index);
    Reply::ok(&rows)
}

/// `GET /reservations/summary`: the charts of the rows the same filters select.
pub fn summary(ctx: &mut Ctx) -> Handled {
    let q = bad_query(PortfolioQuery::from_params(&ctx.params))?;
    let index = take_index(ctx);
    let filter = Filter::new(&q, &index, ctx.state, ctx.today);
    let mut summary = PortfolioSummary::empty(ctx.today);
    for e in index.entries.iter().filter(|e| filter.keep(ctx, e)) {
        let active = (e.state == ProvisioningState::Succeeded).then_some((e.expiry, e.commitment));
        summary.add_in_bar(ctx.today, e.bar.map(usize::from), active);
    }
    for m in &mut summary.expiries {
        m.commitment = view::money(m.commitment);
    }
    put_back(ctx, index);
    Reply::ok(&summary)
}
