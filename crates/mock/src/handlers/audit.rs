//! `GET .../reservationOrders/{id}/auditEvents`.

use reservation_api::AuditEvent;

use crate::handlers::Ctx;
use crate::respond::{bad_query, page, paging, Handled, Reply};
use crate::view;

/// The audit trail of an order, newest first: the derived purchase event plus stored events.
pub fn list(ctx: &Ctx, customer: &str, order: &str) -> Handled {
    let (_, o) = ctx.order(customer, order)?;
    ctx.require(
        o.res.iter().any(|r| ctx.permissions(r).can_read),
        "read this reservation order",
    )?;
    let skip = bad_query(ctx.params.number("skip"))?.unwrap_or(0);
    let top = bad_query(ctx.params.number("top"))?.unwrap_or(reservation_api::DEFAULT_TOP);
    let (skip, top) = paging(skip, top)?;
    let mut events: Vec<AuditEvent> = vec![view::purchase_event(o)];
    events.extend(o.audit.iter().cloned());
    // Newest first; events at the same moment keep their recorded order reversed.
    let mut indexed: Vec<(usize, AuditEvent)> = events.into_iter().enumerate().collect();
    indexed.sort_by(|(ia, a), (ib, b)| b.timestamp.cmp(&a.timestamp).then(ib.cmp(ia)));
    let events = indexed.into_iter().map(|(_, e)| e).collect();
    Reply::ok(&page(events, skip, top, ctx.req.path_only(), &ctx.params))
}
