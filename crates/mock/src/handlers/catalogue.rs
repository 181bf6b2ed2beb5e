//! `GET /priceCatalogue`.

use reservation_api::PriceQuery;

use crate::catalogue;
use crate::handlers::Ctx;
use crate::respond::{bad_query, page, paging, Handled, Reply};

/// `GET /priceCatalogue`: filtered, paged catalogue entries (the imported price list's, when the
/// state has one).
pub fn list(ctx: &Ctx) -> Handled {
    let q = bad_query(PriceQuery::from_params(&ctx.params))?;
    let (skip, top) = paging(q.skip, q.top)?;
    let entries = match &ctx.state.price_list {
        Some(list) => list.entries(),
        None => catalogue::entries(),
    };
    let items: Vec<_> = entries
        .into_iter()
        .filter(|e| {
            q.family
                .as_ref()
                .is_none_or(|f| &e.reserved_resource_type == f)
        })
        .filter(|e| {
            q.sku_name
                .as_ref()
                .is_none_or(|s| e.sku_name.eq_ignore_ascii_case(s))
        })
        .filter(|e| {
            q.location
                .as_ref()
                .is_none_or(|l| e.location.eq_ignore_ascii_case(l))
        })
        .filter(|e| q.term.as_ref().is_none_or(|t| &e.term == t))
        .filter(|e| q.billing_plan.as_ref().is_none_or(|p| &e.billing_plan == p))
        .collect();
    Reply::ok(&page(items, skip, top, ctx.req.path_only(), &ctx.params))
}
