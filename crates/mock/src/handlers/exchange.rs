//! `calculateExchange` and `exchange`: return reservations and buy others in one step.

use chrono::Timelike;
use reservation_api::{
    AuditAction, AuditEvent, CalculateExchangeResponse, ExchangeRequest, ExchangeResponse, Family,
    InstanceFlexibility, PricedPurchase, CURRENCY_USD,
};
use reservation_quote::{exchange_quote, ChangeKind, ExchangeQuote, PurchaseLine, ReturnLine};
use rust_decimal::Decimal;

use crate::catalogue;
use crate::generator::default_name;
use crate::handlers::reservations::resolve_scope;
use crate::handlers::{resolve_reservation, text_field, Ctx};
use crate::ids::hash_str;
use crate::respond::{parse_body, Failure, Handled, Reply};
use crate::state::{CreditRec, OrderRec, ResRec, Scope, StoredStatus};
use crate::view;

/// A checked purchase line: what to create if the exchange goes ahead.
struct Planned {
    priced: PricedPurchase,
    scope: Scope,
    bill: usize,
    name: Option<String>,
}

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
            reservation: view::engine_reservation(ord, rec, ctx.today),
            quantity: Decimal::from(item.quantity),
        });
        returns.push((o, r, item.quantity));
    }
    let mut purchases = Vec::new();
    let mut buy = Vec::new();
    for (j, item) in req.reservations_to_purchase.iter().enumerate() {
        let target = format!("reservationsToPurchase[{j}]");
        let unit_price = catalogue::price(
            &item.reserved_resource_type,
            &item.sku_name,
            &item.location,
            &item.term,
            &item.billing_plan,
        )
        .ok_or_else(|| {
            Failure::invalid(format!(
                "{} {} in {} for {} {} is not in the price catalogue.",
                item.reserved_resource_type.as_str(),
                item.sku_name,
                item.location,
                item.term.as_str(),
                item.billing_plan.as_str()
            ))
            .target(target.clone())
        })?;
        let scope = resolve_scope(
            c,
            item.applied_scope_type,
            &item.applied_scopes,
            &format!("{target}.appliedScopes"),
        )?;
        let bill = match &item.billing_scope_id {
            None => 0,
            Some(b) => {
                let guid = b.trim_start_matches("/subscriptions/");
                c.subs
                    .iter()
                    .position(|s| s.id.eq_ignore_ascii_case(guid))
                    .ok_or_else(|| {
                        Failure::invalid(format!("'{b}' is not a subscription of this customer."))
                            .target(format!("{target}.billingScopeId"))
                    })?
            }
        };
        if item.instance_flexibility.is_some()
            && item.reserved_resource_type != Family::VirtualMachines
        {
            return Err(Failure::invalid(
                "Instance flexibility applies to virtual machine reservations only.",
            )
            .target(format!("{target}.instanceFlexibility")));
        }
        let name = match &item.display_name {
            Some(n) => Some(text_field(n, &format!("{target}.displayName"), 64)?),
            None => None,
        };
        buy.push(PurchaseLine {
            family: item.reserved_resource_type.clone(),
            term: item.term.clone(),
            billing_plan: item.billing_plan.clone(),
            unit_price,
            quantity: Decimal::from(item.quantity),
        });
        purchases.push(Planned {
            priced: PricedPurchase {
                item: item.clone(),
                unit_price,
            },
            scope,
            bill,
            name,
        });
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
        let order_id = ctx.state.new_guid();
        let res_id = ctx.state.new_guid();
        let event_id = ctx.state.new_guid();
        let item = &p.priced.item;
        let minutes = now.hour() * 60 + now.minute() + j as u32;
        let total = checked.quote.purchase_totals.get(j).copied();
        let res = ResRec {
            id: res_id.clone(),
            name: p
                .name
                .unwrap_or_else(|| default_name(&item.reserved_resource_type, today, minutes)),
            family: item.reserved_resource_type.clone(),
            sku: item.sku_name.clone(),
            loc: item.location.clone(),
            qty: item.quantity,
            price: p.priced.unit_price,
            status: StoredStatus::Succeeded,
            scope: p.scope,
            flex: (item.reserved_resource_type == Family::VirtualMachines)
                .then(|| item.instance_flexibility.unwrap_or(InstanceFlexibility::On)),
            renew: item.renew,
            bill: p.bill,
            etag: 1,
            util: 60 + (hash_str(&res_id) % 36) as u8,
            fx: false,
            ended: None,
            updated: Some(now),
            roles: Vec::new(),
        };
        let order = OrderRec {
            id: order_id.clone(),
            purchase: today,
            term: item.term.clone(),
            plan: item.billing_plan.clone(),
            qty: item.quantity,
            etag: 1,
            by: Some(user_id.clone()),
            res: vec![res],
            audit: vec![event(
                event_id,
                &order_id,
                &res_id,
                AuditAction::Exchange,
                format!("Bought by exchange {exchange_id}"),
                total,
            )],
        };
        let c = ctx
            .state
            .customer_mut(customer)
            .ok_or_else(|| Failure::not_found("Customer", customer))?;
        c.orders.push(order);
        created.push((order_id, res_id));
    }
    let c = ctx.customer(customer)?;
    let find = |o: &str, r: &str| {
        c.order(o).and_then(|ord| {
            ord.reservation(r)
                .map(|rec| view::reservation(c, ord, rec, today))
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
