//! `calculateExchange` and `exchange`: return reservations and buy others in one step.

use reservation_api::{
    AuditAction, AuditEvent, CalculateExchangeResponse, ExchangeRequest, ExchangeResponse,
    CURRENCY_USD,
};
use reservation_quote::{exchange_quote, ChangeKind, ExchangeQuote, PurchaseLine, ReturnLine};
use rust_decimal::Decimal;

use crate::handlers::purchase::{self, Planned};
use crate::handlers::{resolve_reservation, Ctx};
use crate::respond::{parse_body, Failure, Handled, Reply};
use crate::state::{CreditRec, StoredStatus};
use crate::view;

/// A checked exchange: (order, reservation, quantity) returned, purchases planned, the quote.
struct Checked {
    returns: Vec<(String, String, u32)>,
    purchases: Vec<Planned>,
    quote: ExchangeQuote,
}

/// Validates the request and asks the engine for the quote.
fn check(
    ctx: &Ctx,
    customer: &str,
    req: &ExchangeRequest,
    executing: bool,
) -> Result<Checked, Failure> {
    let c = ctx.customer(customer)?;
    let mut returns = Vec::new();
    let mut lines = Vec::new();
    for (i, item) in req.reservations_to_exchange.iter().enumerate() {
        let target = format!("reservationsToExchange[{i}].reservationId");
        let (o, r) = resolve_reservation(c, None, &item.reservation_id, &target)?;
        let (_, ord, rec) = ctx.reservation(customer, &o, &r)?;
        let perms = ctx.permissions(rec);
        if executing {
            ctx.require(perms.can_exchange, "exchange this reservation")?;
        } else {
            ctx.require(perms.can_read, "read this reservation")?;
        }
        lines.push(ReturnLine {
            reservation: view::engine_reservation(
                ctx.state.price_list.as_ref(),
                ord,
                rec,
                ctx.today,
            ),
            quantity: Decimal::from(item.quantity),
        });
        returns.push((o, r, item.quantity));
    }
    let mut purchases = Vec::new();
    let mut buy = Vec::new();
    for (j, item) in req.reservations_to_purchase.iter().enumerate() {
        let planned = purchase::plan(
            ctx.state.price_list.as_ref(),
            c,
            item,
            &format!("reservationsToPurchase[{j}]"),
        )?;
        let unit_price = planned.priced.unit_price;
        buy.push(PurchaseLine {
            family: item.reserved_resource_type.clone(),
            term: item.term.clone(),
            billing_plan: item.billing_plan.clone(),
            unit_price,
            quantity: Decimal::from(item.quantity),
        });
        purchases.push(planned);
    }
    let quote = exchange_quote(&lines, &buy, ctx.today, ctx.policy);
    Ok(Checked {
        returns,
        purchases,
        quote,
    })
}

/// `POST /customers/{id}/calculateExchange`: 200 with the quote (errors inside).
pub fn calculate(ctx: &Ctx, customer: &str) -> Handled {
    let req: ExchangeRequest = parse_body(ctx.req.body.as_deref())?;
    let checked = check(ctx, customer, &req, false)?;
    Reply::ok(&CalculateExchangeResponse {
        as_of: ctx.today,
        currency_code: CURRENCY_USD.into(),
        purchases: checked.purchases.into_iter().map(|p| p.priced).collect(),
        quote: checked.quote,
    })
}

/// `POST /customers/{id}/exchange`: 422 when the quote has errors; else the returned
/// reservations shrink or end and one new order per purchase line appears, bought today.
pub fn execute(ctx: &mut Ctx, customer: &str) -> Handled {
    let req: ExchangeRequest = parse_body(ctx.req.body.as_deref())?;
    let checked = check(ctx, customer, &req, true)?;
    if !checked.quote.is_allowed() {
        return Err(Failure::refused(&checked.quote.errors));
    }
    let exchange_id = ctx.state.new_guid();
    let (today, now) = (ctx.today, ctx.now);
    let final_exchange = today >= ctx.policy.exchange_cutoff;
    let (user_id, user_name) = (ctx.user.id.clone(), ctx.user.name.clone());
    let event = |id: String, order: &str, res: &str, action, summary: String, amount| AuditEvent {
        id,
        timestamp: now,
        actor_id: user_id.clone(),
        actor_name: user_name.clone(),
        action,
        reservation_order_id: order.to_string(),
        reservation_id: Some(res.to_string()),
        summary,
        changes: Vec::new(),
        amount,
    };
    // Returns.
    for (i, (o, r, qty)) in checked.returns.iter().enumerate() {
        let event_id = ctx.state.new_guid();
        let refund = checked.quote.returns.get(i).map(|l| l.refund);
        let c = ctx
            .state
            .customer_mut(customer)
            .ok_or_else(|| Failure::not_found("Customer", customer))?;
        let ord = c
            .order_mut(o)
            .ok_or_else(|| Failure::not_found("Reservation order", o))?;
        let rec = ord
            .reservation_mut(r)
            .ok_or_else(|| Failure::not_found("Reservation", r))?;
        if rec.qty == *qty {
            rec.status = StoredStatus::Cancelled;
            rec.ended = Some(today);
        } else {
            rec.qty -= qty;
        }
        if final_exchange {
            rec.fx = true;
        }
        rec.etag += 1;
        rec.updated = Some(now);
        ord.audit.push(event(
            event_id,
            o,
            r,
            AuditAction::Exchange,
            format!("Exchanged {qty} unit(s) (exchange {exchange_id})"),
            refund,
        ));
        c.credits.push(CreditRec {
            order: o.clone(),
            res: r.clone(),
            date: today,
            kind: ChangeKind::Exchange,
            qty: *qty,
            refund: refund.unwrap_or_default(),
        });
    }
    // Purchases: one new order each.
    let mut created = Vec::new();
    for (j, p) in checked.purchases.into_iter().enumerate() {
        let total = checked.quote.purchase_totals.get(j).copied();
        let audit = (
            AuditAction::Exchange,
            format!("Bought by exchange {exchange_id}"),
            total,
        );
        created.push(purchase::create_order(
            ctx,
            customer,
            p,
            j as u32,
            Some(audit),
        )?);
    }
    let c = ctx.customer(customer)?;
    let find = |o: &str, r: &str| {
        c.order(o).and_then(|ord| {
            ord.reservation(r)
                .map(|rec| view::reservation(ctx.state.price_list.as_ref(), c, ord, rec, today))
        })
    };
    Reply::changed(&ExchangeResponse {
        exchange_id,
        as_of: today,
        returned: checked
            .returns
            .iter()
            .filter_map(|(o, r, _)| find(o, r))
            .collect(),
        created: created.iter().filter_map(|(o, r)| find(o, r)).collect(),
        quote: checked.quote,
    })
}
