//! The portfolio: `GET /reservations`, every readable reservation of every customer.

use std::cmp::Ordering;

use reservation_api::{PortfolioQuery, PortfolioRow, PortfolioSort, Reservation, ReservationSort};
use rust_decimal::Decimal;

use crate::handlers::{reservations, Ctx};
use crate::respond::{bad_query, directed, page, paging, Handled, Reply};
use crate::view;

/// The average utilization over `days` days, when the reservation has one.
fn average(r: &Reservation, days: u32) -> Option<Decimal> {
    r.properties
        .utilization
        .as_ref()
        .and_then(|u| u.average(days))
}

/// Compares two rows by a column.
fn compare(a: &PortfolioRow, b: &PortfolioRow, sort: PortfolioSort) -> Ordering {
    let (ra, rb) = (&a.reservation, &b.reservation);
    let (pa, pb) = (&ra.properties, &rb.properties);
    // Columns the per-customer list has too are compared the same way.
    let same = |s: ReservationSort| reservations::compare(ra, rb, s);
    match sort {
        PortfolioSort::CompanyName => a
            .company_name
            .to_lowercase()
            .cmp(&b.company_name.to_lowercase()),
        PortfolioSort::DisplayName => same(ReservationSort::DisplayName),
        PortfolioSort::ReservedResourceType => same(ReservationSort::ReservedResourceType),
        PortfolioSort::SkuName => same(ReservationSort::SkuName),
        PortfolioSort::Location => same(ReservationSort::Location),
        PortfolioSort::Quantity => same(ReservationSort::Quantity),
        PortfolioSort::Term => same(ReservationSort::Term),
        PortfolioSort::ExpiryDate => same(ReservationSort::ExpiryDate),
        PortfolioSort::ProvisioningState => same(ReservationSort::ProvisioningState),
        PortfolioSort::BillingPlan => pa.billing_plan.as_str().cmp(pb.billing_plan.as_str()),
        PortfolioSort::AppliedScopeType => {
            format!("{:?}", pa.applied_scope_type).cmp(&format!("{:?}", pb.applied_scope_type))
        }
        PortfolioSort::Utilization7 => average(ra, 7).cmp(&average(rb, 7)),
        PortfolioSort::Utilization30 => average(ra, 30).cmp(&average(rb, 30)),
        PortfolioSort::Renew => pa.renew.cmp(&pb.renew),
        PortfolioSort::RefundHeadroom => a.refund_headroom.cmp(&b.refund_headroom),
    }
}

/// `GET /reservations`: the reservations the user can read across customers, filtered, sorted,
/// paged. Ties are broken by company name, then by resource id, so paging is stable.
pub fn list(ctx: &Ctx) -> Handled {
    let q = bad_query(PortfolioQuery::from_params(&ctx.params))?;
    let (skip, top) = paging(q.skip, q.top)?;
    let needle = q.search.as_deref().unwrap_or("").trim().to_lowercase();
    let region = q.region.as_deref().map(str::to_lowercase);
    let mut rows: Vec<PortfolioRow> = Vec::new();
    for c in &ctx.state.customers {
        if q.customer.as_deref().is_some_and(|id| id != c.id) {
            continue;
        }
        let company_lc = c.name.to_lowercase();
        // The headroom is the same for every row of a customer: computed once, and only when
        // the customer has a matching row.
        let mut headroom: Option<Decimal> = None;
        for (o, r) in c.reservations() {
            let keep = ctx.permissions(r).can_read
                && q.status.is_none_or(|s| view::state(o, r, ctx.today) == s)
                && q.family.as_ref().is_none_or(|f| &r.family == f)
                && region.as_deref().is_none_or(|l| r.loc == l)
                && q.auto_renew.is_none_or(|a| r.renew == a)
                && q.expiring_within_days
                    .is_none_or(|d| view::expires_within(o, r, ctx.today, i64::from(d)))
                && (needle.is_empty()
                    || company_lc.contains(&needle)
                    || r.name.to_lowercase().contains(&needle)
                    || r.sku.to_lowercase().contains(&needle)
                    || r.loc.contains(&needle)
                    || r.id.contains(&needle)
                    || o.id.contains(&needle)
                    || r.family.as_str().to_lowercase().contains(&needle));
            if !keep {
                continue;
            }
            let reservation = view::reservation(c, o, r, ctx.today);
            if let Some(below) = q.utilization_below {
                if average(&reservation, 7).is_none_or(|u| u >= below) {
                    continue;
                }
            }
            let refund_headroom = *headroom.get_or_insert_with(|| {
                view::money(
                    ctx.policy.refund_limit_usd - view::limit_used(c, ctx.today, ctx.policy),
                )
            });
            rows.push(PortfolioRow {
                customer_id: c.id.clone(),
                company_name: c.name.clone(),
                refund_headroom,
                reservation,
            });
        }
    }
    rows.sort_by(|a, b| {
        directed(compare(a, b, q.sort), q.order)
            .then_with(|| a.company_name.cmp(&b.company_name))
            .then_with(|| a.reservation.id.cmp(&b.reservation.id))
    });
    Reply::ok(&page(rows, skip, top, ctx.req.path_only(), &ctx.params))
}
