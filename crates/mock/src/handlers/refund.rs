//! `calculateRefund` and `return`: quotes from the engine, and returns that move money once.

use reservation_api::{
    AuditAction, AuditEvent, CalculateRefundRequest, CalculateRefundResponse, ReturnRequest,
    ReturnResponse, CURRENCY_USD,
};
use reservation_quote::{refund_quote, ChangeKind, RefundQuote};
use rust_decimal::Decimal;

use crate::handlers::{resolve_reservation, Ctx};
use crate::respond::{parse_body, Failure, Handled, Reply};
use crate::state::{CreditRec, RefundRec, StoredStatus};
use crate::view;

/// Quotes returning `quantity` units of a reservation today.
fn quote(
    ctx: &Ctx,
    customer: &str,
    order: &str,
    reservation: &str,
    quantity: u32,
) -> Result<RefundQuote, Failure> {
    let (c, o, r) = ctx.reservation(customer, order, reservation)?;
    Ok(refund_quote(
        &view::engine_reservation(ctx.state.price_list.as_ref(), o, r, ctx.today),
        Decimal::from(quantity),
        ctx.today,
        &view::history(c),
        ctx.policy,
    ))
}

/// `POST .../reservationOrders/{orderId}/calculateRefund`: 200 with the quote (errors inside).
pub fn calculate(ctx: &Ctx, customer: &str, order: &str) -> Handled {
    let req: CalculateRefundRequest = parse_body(ctx.req.body.as_deref())?;
    let c = ctx.customer(customer)?;
    let (o, r) = resolve_reservation(c, Some(order), &req.reservation_id, "reservationId")?;
    let (_, _, rec) = ctx.reservation(customer, &o, &r)?;
    ctx.require(ctx.permissions(rec).can_read, "read this reservation")?;
    let q = quote(ctx, customer, &o, &r, req.quantity)?;
    Reply::ok(&CalculateRefundResponse {
        reservation_order_id: o,
        reservation_id: r,
        quantity: req.quantity,
        as_of: ctx.today,
        currency_code: CURRENCY_USD.into(),
        refund_limit: view::money(ctx.policy.refund_limit_usd),
        quote: q,
    })
}

/// `POST .../reservationOrders/{orderId}/return`: 422 when the quote has errors, else the
/// reservation shrinks (or is Cancelled), round(R) joins the refund history, an audit event is kept.
pub fn execute(ctx: &mut Ctx, customer: &str, order: &str) -> Handled {
    let req: ReturnRequest = parse_body(ctx.req.body.as_deref())?;
    let (o, r) = {
        let c = ctx.customer(customer)?;
        resolve_reservation(c, Some(order), &req.reservation_id, "reservationId")?
    };
    {
        let (_, _, rec) = ctx.reservation(customer, &o, &r)?;
        ctx.require(ctx.permissions(rec).can_return, "return this reservation")?;
    }
    let q = quote(ctx, customer, &o, &r, req.quantity)?;
    if !q.is_allowed() {
        return Err(Failure::refused(&q.errors));
    }
    let added = q.limit_added.or(q.remaining_commitment).unwrap_or_default();
    let refund_id = ctx.state.new_guid();
    let event_id = ctx.state.new_guid();
    let (today, now) = (ctx.today, ctx.now);
    let (user_id, user_name) = (ctx.user.id.clone(), ctx.user.name.clone());
    let c = ctx
        .state
        .customer_mut(customer)
        .ok_or_else(|| Failure::not_found("Customer", customer))?;
    let ord = c
        .order_mut(&o)
        .ok_or_else(|| Failure::not_found("Reservation order", &o))?;
    let rec = ord
        .reservation_mut(&r)
        .ok_or_else(|| Failure::not_found("Reservation", &r))?;
    if rec.qty == req.quantity {
        rec.status = StoredStatus::Cancelled;
        rec.ended = Some(today);
    } else {
        rec.qty -= req.quantity;
    }
    rec.etag += 1;
    rec.updated = Some(now);
    let name = rec.name.clone();
    ord.audit.push(AuditEvent {
        id: event_id,
        timestamp: now,
        actor_id: user_id,
        actor_name: user_name,
        action: AuditAction::Return,
        reservation_order_id: o.clone(),
        reservation_id: Some(r.clone()),
        summary: match &req.return_reason {
            Some(reason) => format!("Returned {} unit(s): {reason}", req.quantity),
            None => format!("Returned {} unit(s)", req.quantity),
        },
        changes: Vec::new(),
        amount: q.refund,
    });
    let history = RefundRec {
        id: refund_id.clone(),
        date: today,
        amount: added,
        order: Some(o.clone()),
        res: Some(r.clone()),
        name: Some(name),
        qty: Some(req.quantity),
    };
    c.refunds.insert(0, history.clone());
    c.credits.push(CreditRec {
        order: o.clone(),
        res: r.clone(),
        date: today,
        kind: ChangeKind::Return,
        qty: req.quantity,
        refund: q.refund.unwrap_or_default(),
    });
    let (c, ord, rec) = ctx.reservation(customer, &o, &r)?;
    Reply::changed(&ReturnResponse {
        refund_id,
        as_of: ctx.today,
        quote: q,
        reservation: view::reservation(ctx.state.price_list.as_ref(), c, ord, rec, ctx.today),
        history_entry: view::refund_entry(&history, ctx.today, ctx.policy),
    })
}
