//! Property tests of the payment schedule: the spec's reconciliation, to the cent, for every
//! order — charges sum to the purchase price (Upfront) or to unit_price × Σₖ quantity held
//! (Monthly), and credits sum to the refunds filed, each refund being the engine's quote.

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use reservation_quote::{
    add_months, payment_schedule, purchase_total, refund_quote, BillingPlan, ChangeKind,
    ChargeStatus, Family, Policy, QuantityChange, Reservation, ScheduleLine, ScheduleOrder, Term,
};
use rust_decimal::Decimal;

/// A catalogue-like price: two decimals, 0.01 to 99,999.99.
fn price() -> impl Strategy<Value = Decimal> {
    (1i64..10_000_000).prop_map(|c| Decimal::new(c, 2))
}

fn plan() -> impl Strategy<Value = BillingPlan> {
    prop_oneof![Just(BillingPlan::Upfront), Just(BillingPlan::Monthly)]
}

fn term() -> impl Strategy<Value = Term> {
    prop_oneof![Just(Term::P1Y), Just(Term::P3Y), Just(Term::P5Y)]
}

/// A generated line: price, quantity bought, (day offset, units, exchange?) of its changes.
type RawLine = (Decimal, u32, Vec<(i64, u32, bool)>);

/// One line: price, quantity bought, and (day offset, units) of returns or exchanges.
fn line() -> impl Strategy<Value = RawLine> {
    (
        price(),
        1u32..40,
        prop::collection::vec((0i64..1900, 1u32..10, any::<bool>()), 0..5),
    )
}

/// Builds an order whose returns are quoted by the engine on their day (as filing them would be),
/// skipping returns past the quantity held or outside the term.
fn build(start: NaiveDate, plan: BillingPlan, term: Term, raw: Vec<RawLine>) -> ScheduleOrder {
    let expiry = add_months(start, term.months().unwrap()).unwrap();
    let lines = raw
        .into_iter()
        .map(|(unit_price, quantity, mut changes)| {
            changes.sort_by_key(|c| c.0);
            let mut held = quantity;
            let mut out = Vec::new();
            for (offset, q, exchange) in changes {
                let date = start + Duration::days(offset);
                if q > held || date >= expiry {
                    continue;
                }
                let res = Reservation {
                    id: None,
                    family: Family::VirtualMachines,
                    term: term.clone(),
                    billing_plan: plan.clone(),
                    purchase_date: start,
                    quantity: Decimal::from(held),
                    unit_price,
                    current_unit_price: None,
                    status: None,
                    final_exchange_used: false,
                };
                let quote = refund_quote(&res, Decimal::from(q), date, &[], &Policy::default());
                let Some(refund) = quote.refund else { continue };
                held -= q;
                out.push(QuantityChange {
                    date,
                    kind: if exchange {
                        ChangeKind::Exchange
                    } else {
                        ChangeKind::Return
                    },
                    quantity: q,
                    refund,
                });
            }
            ScheduleLine {
                unit_price,
                quantity,
                changes: out,
            }
        })
        .collect();
    ScheduleOrder {
        purchase_date: start,
        term,
        billing_plan: plan,
        lines,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn schedules_reconcile_to_the_cent(
        start_offset in 0i64..3000,
        plan in plan(),
        term in term(),
        raw in prop::collection::vec(line(), 1..4),
        today_offset in -30i64..2000,
    ) {
        let start = NaiveDate::from_ymd_opt(2022, 1, 1).unwrap() + Duration::days(start_offset);
        let today = start + Duration::days(today_offset);
        let order = build(start, plan.clone(), term.clone(), raw);
        let s = payment_schedule(&order, today).unwrap();

        // Charges: independent arithmetic from the spec's Reconciliation bullet.
        let expected: Decimal = match plan {
            BillingPlan::Upfront => order
                .lines
                .iter()
                .map(|l| purchase_total(&plan, &term, l.unit_price, l.quantity).unwrap())
                .sum(),
            _ => {
                let mut total = Decimal::ZERO;
                for k in 0..term.months().unwrap() {
                    let day = add_months(start, k).unwrap();
                    for l in &order.lines {
                        let gone: u32 =
                            l.changes.iter().filter(|c| c.date < day).map(|c| c.quantity).sum();
                        total += l.unit_price * Decimal::from(l.quantity - gone);
                    }
                }
                total
            }
        };
        let charged: Decimal = s.charges.iter().map(|c| c.amount).sum();
        prop_assert_eq!(charged, expected);
        prop_assert_eq!(s.total_charges, expected);
        prop_assert_eq!(s.paid + s.due, expected);

        // Without changes the Monthly total is the purchase price p × q × months.
        if order.lines.iter().all(|l| l.changes.is_empty()) {
            let price: Decimal = order
                .lines
                .iter()
                .map(|l| purchase_total(&plan, &term, l.unit_price, l.quantity).unwrap())
                .sum();
            prop_assert_eq!(s.total_charges, price);
        }

        // Credits: the refunds filed.
        let refunds: Decimal = order.lines.iter().flat_map(|l| &l.changes).map(|c| c.refund).sum();
        let credited: Decimal = s.credits.iter().map(|c| c.amount).sum();
        prop_assert_eq!(credited, refunds);
        prop_assert_eq!(s.total_credits, refunds);

        // Paid means dated on or before today; cancelled means nothing held.
        for c in &s.charges {
            match c.status {
                ChargeStatus::Paid => prop_assert!(c.date <= today && c.quantity > 0),
                ChargeStatus::Due => prop_assert!(c.date > today && c.quantity > 0),
                ChargeStatus::Cancelled => prop_assert!(c.quantity == 0 && c.amount.is_zero()),
            }
        }
    }
}
