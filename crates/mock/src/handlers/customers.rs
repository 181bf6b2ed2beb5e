//! Customers and their directory: list (search, sort, page), get, subscriptions, resource
//! groups, management groups, refund limit usage.

use std::cmp::Ordering;

use reservation_api::{
    Customer, CustomerQuery, CustomerSort, Page, RefundLimitUsage, CURRENCY_USD,
};

use crate::cache::CustomerRow;
use crate::handlers::Ctx;
use crate::respond::{bad_query, directed, page, paging, Handled, Reply};
use crate::state::CustomerRec;
use crate::view;

/// Compares two rows by a column.
fn compare(a: &CustomerRow, b: &CustomerRow, sort: CustomerSort) -> Ordering {
    let (ca, cb) = (&a.view, &b.view);
    match sort {
        CustomerSort::CompanyName => a.sort_key.cmp(&b.sort_key),
        CustomerSort::PrimaryDomain => ca.primary_domain.cmp(&cb.primary_domain),
        CustomerSort::Country => ca.country.cmp(&cb.country),
        CustomerSort::ReservationCount => ca.reservation_count.cmp(&cb.reservation_count),
        CustomerSort::ExpiringWithin30Days => {
            ca.expiring_within_30_days.cmp(&cb.expiring_within_30_days)
        }
        CustomerSort::RefundLimitUsed => ca.refund_limit_used.cmp(&cb.refund_limit_used),
    }
}

/// Searches (company name or domain, case-insensitive), sorts and pages the customers; only
/// the rows of the page are copied.
pub fn query_customers(ctx: &mut Ctx, q: &CustomerQuery, path: &str) -> Page<Customer> {
    let needle = q.search.as_deref().unwrap_or("").trim().to_lowercase();
    let rows = ctx.views.customer_rows(ctx.state, ctx.today, ctx.policy);
    let mut hits: Vec<&CustomerRow> = rows
        .iter()
        .filter(|r| {
            needle.is_empty() || r.name_lc.contains(&needle) || r.domain_lc.contains(&needle)
        })
        .collect();
    hits.sort_unstable_by(|a, b| {
        directed(compare(a, b, q.sort), q.order)
            .then_with(|| a.sort_key.cmp(&b.sort_key))
            .then_with(|| a.view.id.cmp(&b.view.id))
    });
    let p = page(hits, q.skip, q.top, path, &ctx.params);
    Page {
        value: p.value.into_iter().map(|r| r.view.clone()).collect(),
        total_count: p.total_count,
        skip: p.skip,
        top: p.top,
        next_link: p.next_link,
    }
}

/// `GET /customers`.
pub fn list(ctx: &mut Ctx) -> Handled {
    let mut q = bad_query(CustomerQuery::from_params(&ctx.params))?;
    (q.skip, q.top) = paging(q.skip, q.top)?;
    let path = ctx.req.path_only().to_string();
    Reply::ok(&query_customers(ctx, &q, &path))
}

/// `GET /customers/{id}`.
pub fn get(ctx: &Ctx, id: &str) -> Handled {
    let c = ctx.customer(id)?;
    Reply::ok(&view::customer(c, ctx.today, ctx.policy))
}

/// `GET /customers/{id}/subscriptions`.
pub fn subscriptions(ctx: &Ctx, id: &str) -> Handled {
    let c = ctx.customer(id)?;
    Reply::ok(&Page::all(c.subs.iter().map(view::subscription).collect()))
}

/// `GET /customers/{id}/resourceGroups[?subscriptionId=]`.
pub fn resource_groups(ctx: &Ctx, id: &str) -> Handled {
    let c = ctx.customer(id)?;
    let filter = ctx
        .params
        .get("subscriptionId")
        .map(|s| s.trim_start_matches("/subscriptions/").to_string());
    let rgs = c
        .rgs
        .iter()
        .map(|rg| view::resource_group(c, rg))
        .filter(|rg| filter.as_ref().is_none_or(|s| &rg.subscription_id == s))
        .collect();
    Reply::ok(&Page::all(rgs))
}

/// `GET /customers/{id}/managementGroups`.
pub fn management_groups(ctx: &Ctx, id: &str) -> Handled {
    let c = ctx.customer(id)?;
    Reply::ok(&Page::all(
        c.mgs.iter().map(view::management_group).collect(),
    ))
}

/// The refund limit usage of a customer today.
pub fn usage(ctx: &Ctx, c: &CustomerRec) -> RefundLimitUsage {
    let used = view::limit_used(c, ctx.today, ctx.policy);
    let mut entries: Vec<_> = c
        .refunds
        .iter()
        .map(|h| view::refund_entry(h, ctx.today, ctx.policy))
        .collect();
    entries.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
    RefundLimitUsage {
        customer_id: c.id.clone(),
        as_of: ctx.today,
        currency_code: CURRENCY_USD.into(),
        limit: view::money(ctx.policy.refund_limit_usd),
        used,
        headroom: view::money(ctx.policy.refund_limit_usd - used),
        entries,
    }
}

/// `GET /customers/{id}/refundLimitUsage`.
pub fn refund_limit_usage(ctx: &Ctx, id: &str) -> Handled {
    let c = ctx.customer(id)?;
    Reply::ok(&usage(ctx, c))
}
