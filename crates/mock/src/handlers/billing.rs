//! `GET /customers/{id}/billing`: every readable order's payment schedule, computed by the quote
//! engine from the order and the credits of its returns and exchanges (`CustomerRec::credits`).

use chrono::NaiveDate;
use reservation_api::{codes, CustomerBilling, Family, OrderBilling, CURRENCY_USD};
use reservation_quote::{
    payment_schedule, purchase_total, refund_quote, ChangeKind, Policy, QuantityChange, Schedule,
    ScheduleError, ScheduleLine, ScheduleOrder,
};
use rust_decimal::Decimal;

use crate::handlers::Ctx;
use crate::respond::{Failure, Handled, Reply};
use crate::state::{CreditRec, CustomerRec, OrderRec, StoredStatus};
use crate::view;

/// The schedule input of an order: one line per reservation, bought with what it holds now
/// (nothing once cancelled, split or merged) plus every unit that left it since.
pub fn schedule_order(o: &OrderRec, credits: &[CreditRec]) -> ScheduleOrder {
    let lines = o
        .res
        .iter()
        .map(|r| {
            let changes: Vec<QuantityChange> = credits
                .iter()
                .filter(|c| c.order == o.id && c.res == r.id)
                .map(|c| QuantityChange {
                    date: c.date,
                    kind: c.kind,
                    quantity: c.qty,
                    refund: c.refund,
                })
                .collect();
            // A cancelled reservation holds nothing; a split or merged one handed its units
            // to the new reservations of the same order.
            let held = if r.status == StoredStatus::Succeeded {
                r.qty
            } else {
                0
            };
            ScheduleLine {
                unit_price: r.price,
                quantity: held.saturating_add(changes.iter().map(|c| c.quantity).sum::<u32>()),
                changes,
            }
        })
        .collect();
    ScheduleOrder {
        purchase_date: o.purchase,
        term: o.term.clone(),
        billing_plan: o.plan.clone(),
        lines,
    }
}

/// An order's billing as of `today`.
pub fn order_billing(
    o: &OrderRec,
    credits: &[CreditRec],
    today: NaiveDate,
) -> Result<OrderBilling, ScheduleError> {
    let input = schedule_order(o, credits);
    let schedule = payment_schedule(&input, today)?;
    let purchase_price = input
        .lines
        .iter()
        .try_fold(Decimal::ZERO, |sum, l| {
            purchase_total(&o.plan, &o.term, l.unit_price, l.quantity)
                .and_then(|t| sum.checked_add(t))
        })
        .ok_or(ScheduleError::Overflow)?;
    let first = o.res.first();
    Ok(OrderBilling {
        reservation_order_id: o.id.clone(),
        display_name: first.map(|r| r.name.clone()).unwrap_or_default(),
        reserved_resource_type: first
            .map(|r| r.family.clone())
            .unwrap_or_else(|| Family::Unknown(String::new())),
        sku_name: first.map(|r| r.sku.clone()).unwrap_or_default(),
        term: o.term.clone(),
        billing_plan: o.plan.clone(),
        purchase_date: o.purchase,
        quantity: input.lines.iter().map(|l| l.quantity).sum(),
        purchase_price: view::money(purchase_price),
        schedule,
    })
}

/// `GET /customers/{id}/billing`.
pub fn get(ctx: &Ctx, customer: &str) -> Handled {
    let c = ctx.customer(customer)?;
    let mut orders = Vec::new();
    for o in c
        .orders
        .iter()
        .filter(|o| o.res.iter().any(|r| ctx.permissions(r).can_read))
    {
        let billing = order_billing(o, &c.credits, ctx.today).map_err(|e| {
            Failure::new(
                500,
                codes::INTERNAL_SERVER_ERROR,
                format!("Order '{}' has no payment schedule: {e:?}.", o.id),
            )
        })?;
        orders.push(billing);
    }
    orders.sort_by(|a, b| {
        a.purchase_date
            .cmp(&b.purchase_date)
            .then_with(|| a.reservation_order_id.cmp(&b.reservation_order_id))
    });
    let sum = |f: fn(&Schedule) -> Decimal| {
        view::money(orders.iter().map(|o| f(&o.schedule)).sum::<Decimal>())
    };
    Reply::ok(&CustomerBilling {
        customer_id: c.id.clone(),
        as_of: ctx.today,
        currency_code: CURRENCY_USD.into(),
        total_charges: sum(|s| s.total_charges),
        paid: sum(|s| s.paid),
        due: sum(|s| s.due),
        total_credits: sum(|s| s.total_credits),
        orders,
    })
}

/// Seed data: a credit for each reservation cancelled before the dashboard recorded credits,
/// refunding on its cancellation day what the engine quotes for every unit it held. Only units
/// the order cannot otherwise account for are credited (bought = held by its active
/// reservations + credited), so a reservation ended by a merge, whose units live on in another
/// reservation of the order, gets no credit.
pub fn seed_credits(c: &mut CustomerRec) {
    let policy = Policy::default();
    let mut seeded = Vec::new();
    for o in &c.orders {
        let held: u32 = o
            .res
            .iter()
            .filter(|r| r.status == StoredStatus::Succeeded)
            .map(|r| r.qty)
            .sum();
        let credited: u32 = c
            .credits
            .iter()
            .filter(|k| k.order == o.id)
            .map(|k| k.qty)
            .sum();
        let mut unaccounted = o.qty.saturating_sub(held.saturating_add(credited));
        for r in &o.res {
            let Some(ended) = r.ended else { continue };
            if r.status != StoredStatus::Cancelled
                || r.qty > unaccounted
                || c.credits.iter().any(|k| k.order == o.id && k.res == r.id)
            {
                continue;
            }
            unaccounted -= r.qty;
            let mut res = view::engine_reservation(None, o, r, ended);
            res.status = None;
            let quote = refund_quote(&res, Decimal::from(r.qty), ended, &[], &policy);
            seeded.push(CreditRec {
                order: o.id.clone(),
                res: r.id.clone(),
                date: ended,
                kind: ChangeKind::Return,
                qty: r.qty,
                refund: quote.refund.unwrap_or_default(),
            });
        }
    }
    c.credits.extend(seeded);
}
