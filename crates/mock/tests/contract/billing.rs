//! Billing (`GET /customers/{id}/billing`): every order's payment schedule reconciles, to the
//! cent, on the seeded data (every family, both plans, every scope) and after a filed return
//! and a filed exchange; each role sees the orders it can read. Included by `suite.rs`.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use reservation_api::*;
use reservation_mock::demo::*;
use rust_decimal::Decimal;

use super::{exchange_request, run, today};
use crate::fixture::{as_user, env, Env};

fn billing(e: &Env, customer: &str) -> CustomerBilling {
    run(e.client.billing(customer)).unwrap()
}

fn order<'a>(b: &'a CustomerBilling, id: &str) -> &'a OrderBilling {
    b.orders
        .iter()
        .find(|o| o.reservation_order_id == id)
        .unwrap_or_else(|| panic!("order {id} in the billing"))
}

fn months(t: &Term) -> u32 {
    match t {
        Term::P1Y => 12,
        Term::P3Y => 36,
        Term::P5Y => 60,
        other => panic!("term {other}"),
    }
}

/// add_months of the spec, written again here (same day, or the month's last day).
fn add_months(d: NaiveDate, m: u32) -> NaiveDate {
    d.checked_add_months(chrono::Months::new(m)).unwrap()
}

/// Checks one order against independent arithmetic: the dates and count of its charges, the
/// quantity of each (bought minus the units credited before its day), paid/due by date,
/// Σ charges, Σ credits, and the totals, to the cent. `prices`: the unit price of every
/// reservation of the order, when they are all one price (then each charge is price × quantity).
fn check_order(o: &OrderBilling, as_of: NaiveDate, price: Option<Decimal>) {
    let s = &o.schedule;
    let n = match o.billing_plan {
        BillingPlan::Upfront => 1,
        _ => months(&o.term),
    };
    assert_eq!(s.charges.len() as u32, n, "{}", o.reservation_order_id);
    for (k, c) in s.charges.iter().enumerate() {
        assert_eq!(c.instalment, k as u32);
        assert_eq!(c.date, add_months(o.purchase_date, k as u32));
        let expected_qty = if o.billing_plan == BillingPlan::Upfront {
            o.quantity
        } else {
            o.quantity
                - s.credits
                    .iter()
                    .filter(|k| k.date < c.date)
                    .map(|k| k.quantity)
                    .sum::<u32>()
        };
        assert_eq!(c.quantity, expected_qty, "{} #{k}", o.reservation_order_id);
        let status = if c.quantity == 0 {
            ChargeStatus::Cancelled
        } else if c.date <= as_of {
            ChargeStatus::Paid
        } else {
            ChargeStatus::Due
        };
        assert_eq!(c.status, status);
        if let Some(p) = price {
            assert_eq!(c.amount, p * Decimal::from(c.quantity));
        }
    }
    let sum: Decimal = s.charges.iter().map(|c| c.amount).sum();
    assert_eq!(s.total_charges, sum);
    assert_eq!(s.paid + s.due, sum);
    let credited: Decimal = s.credits.iter().map(|c| c.amount).sum();
    assert_eq!(s.total_credits, credited);
    let credited_units: u32 = s.credits.iter().map(|c| c.quantity).sum();
    assert!(credited_units <= o.quantity);
    if s.credits.is_empty() || o.billing_plan == BillingPlan::Upfront {
        // Reconciliation: nothing left early (or Upfront) → the schedule is the purchase price.
        assert_eq!(
            s.total_charges, o.purchase_price,
            "{}",
            o.reservation_order_id
        );
    }
    if let Some(p) = price {
        let lifetime = match o.billing_plan {
            BillingPlan::Upfront => p,
            _ => p * Decimal::from(months(&o.term)),
        };
        assert_eq!(o.purchase_price, lifetime * Decimal::from(o.quantity));
    }
}

/// Every order of a customer: matches the order list (same ids, same original quantity),
/// reconciles, and the customer totals are the sums of the orders'.
fn check_customer(e: &Env, customer: &str) -> CustomerBilling {
    let b = billing(e, customer);
    assert_eq!(b.customer_id, customer);
    assert_eq!(b.as_of, today());
    assert_eq!(b.currency_code, "USD");
    let orders = run(e.client.list_reservation_orders(customer)).unwrap();
    let ids: BTreeSet<_> = orders.value.iter().map(|o| o.name.clone()).collect();
    let billed: BTreeSet<_> = b
        .orders
        .iter()
        .map(|o| o.reservation_order_id.clone())
        .collect();
    assert_eq!(billed, ids);
    let q = ReservationQuery {
        top: 500,
        ..Default::default()
    };
    let res = run(e.client.list_reservations(customer, &q)).unwrap().value;
    let mut prices: HashMap<String, BTreeSet<Decimal>> = HashMap::new();
    for r in &res {
        let order_id = r.id.split('/').nth(4).unwrap().to_string();
        prices
            .entry(order_id)
            .or_default()
            .insert(r.properties.unit_price);
    }
    for o in &orders.value {
        let billed = order(&b, &o.name);
        assert_eq!(
            billed.quantity, o.properties.original_quantity,
            "{}",
            o.name
        );
        assert_eq!(billed.purchase_date, o.properties.purchase_date);
        assert_eq!(billed.billing_plan, o.properties.billing_plan);
        let price = prices
            .get(&o.name)
            .filter(|p| p.len() == 1)
            .and_then(|p| p.first().copied());
        check_order(billed, b.as_of, price);
    }
    let total = |f: fn(&Schedule) -> Decimal| b.orders.iter().map(|o| f(&o.schedule)).sum();
    assert_eq!(b.total_charges, total(|s| s.total_charges));
    assert_eq!(b.paid, total(|s| s.paid));
    assert_eq!(b.due, total(|s| s.due));
    assert_eq!(b.total_credits, total(|s| s.total_credits));
    b
}

#[test]
fn billing_reconciles_on_the_seeded_data() {
    let e = env();
    let q = CustomerQuery {
        top: 100,
        ..Default::default()
    };
    let customers = run(e.client.list_customers(&q)).unwrap().value;
    let (mut families, mut plans, mut scopes) = (BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
    let mut credits = 0;
    for c in customers.iter().take(40) {
        let b = check_customer(&e, &c.id);
        credits += b
            .orders
            .iter()
            .map(|o| o.schedule.credits.len())
            .sum::<usize>();
        for o in &b.orders {
            families.insert(o.reserved_resource_type.as_str().to_string());
            plans.insert(o.billing_plan.as_str().to_string());
        }
        let rq = ReservationQuery {
            top: 500,
            ..Default::default()
        };
        for r in run(e.client.list_reservations(&c.id, &rq)).unwrap().value {
            let rg = r
                .properties
                .applied_scope_properties
                .as_ref()
                .is_some_and(|p| p.resource_group_id.is_some());
            scopes.insert(format!("{:?}{rg}", r.properties.applied_scope_type));
        }
    }
    // The data covers what the checks must hold for.
    for f in Family::KNOWN {
        assert!(families.contains(f.as_str()), "no {f} order was checked");
    }
    assert_eq!(plans.len(), 2, "{plans:?}");
    assert_eq!(
        scopes.len(),
        4,
        "shared, subscription, resource group, management group: {scopes:?}"
    );
    assert!(credits > 0, "seeded cancellations are credited");
}

#[test]
fn contoso_seed_schedules_by_hand() {
    let e = env();
    let b = check_customer(&e, CONTOSO_ID);
    // P1Y Monthly, 4 units, bought T−95: instalments on T−95, and 3 more paid before today.
    let m = order(&b, VM_MONTHLY.0);
    assert_eq!(m.schedule.charges.len(), 12);
    let paid = m
        .schedule
        .charges
        .iter()
        .filter(|c| c.status == ChargeStatus::Paid)
        .count();
    let t95 = today() - chrono::Duration::days(95);
    let expected_paid = (0..12).filter(|k| add_months(t95, *k) <= today()).count();
    assert_eq!(paid, expected_paid);
    assert_eq!(
        m.schedule.paid,
        m.schedule.charges[0].amount * Decimal::from(expected_paid as u32)
    );
    // The cancelled Cosmos DB reservation: one Upfront charge, one credit on its day.
    let cosmos = order(&b, COSMOS_CANCELLED.0);
    assert_eq!(cosmos.schedule.charges.len(), 1);
    assert_eq!(cosmos.schedule.credits.len(), 1);
    assert_eq!(cosmos.schedule.credits[0].quantity, 10);
    assert_eq!(
        cosmos.schedule.credits[0].date,
        today() - chrono::Duration::days(60)
    );
    assert!(cosmos.schedule.credits[0].amount > Decimal::ZERO);
    // The split order: two reservations, one schedule of 3 + 2 units.
    assert_eq!(order(&b, SPLIT_A.0).quantity, 5);
}

#[test]
fn a_filed_return_is_a_credit_and_lowers_later_instalments() {
    let e = env();
    let before = billing(&e, CONTOSO_ID);
    let req = ReturnRequest {
        reservation_id: VM_MONTHLY.1.into(),
        quantity: 1,
        return_reason: None,
    };
    let done = run(e
        .client
        .return_reservation(CONTOSO_ID, VM_MONTHLY.0, &req, "bill-ret-1"))
    .unwrap();
    let refund = done.quote.refund.unwrap();
    let after = check_customer(&e, CONTOSO_ID);
    let (o0, o1) = (order(&before, VM_MONTHLY.0), order(&after, VM_MONTHLY.0));
    assert_eq!(o1.schedule.credits.len(), o0.schedule.credits.len() + 1);
    let credit = o1.schedule.credits.last().unwrap();
    assert_eq!(
        (credit.date, credit.kind, credit.quantity, credit.amount),
        (today(), ChangeKind::Return, 1, refund)
    );
    assert_eq!(after.total_credits, before.total_credits + refund);
    // Charges after today are for 3 units; those up to today are unchanged.
    let unit = o0.schedule.charges[0].amount / Decimal::from(4);
    for (c0, c1) in o0.schedule.charges.iter().zip(&o1.schedule.charges) {
        if c0.date <= today() {
            assert_eq!(c1, c0);
        } else {
            assert_eq!(c1.quantity, 3);
            assert_eq!(c1.amount, unit * Decimal::from(3));
        }
    }
    // Reconciliation: Σ charges = unit × Σ quantity held; credits = the refunds filed.
    let held: u32 = o1.schedule.charges.iter().map(|c| c.quantity).sum();
    assert_eq!(o1.schedule.total_charges, unit * Decimal::from(held));
    assert_eq!(o1.schedule.total_credits, refund);
}

#[test]
fn a_filed_exchange_credits_the_returned_order_and_bills_the_new_one() {
    let e = env();
    let before = billing(&e, CONTOSO_ID);
    let r = run(e.client.get_reservation(&super::key(VM_UPFRONT))).unwrap();
    let req = exchange_request(&r.id, 2, "Standard_D8s_v5", 2);
    let done = run(e.client.exchange(CONTOSO_ID, &req, "bill-ex-1")).unwrap();
    let after = check_customer(&e, CONTOSO_ID);
    let returned = order(&after, VM_UPFRONT.0);
    let refund = done.quote.returns[0].refund;
    let credit = returned.schedule.credits.last().unwrap();
    assert_eq!(
        (credit.date, credit.kind, credit.quantity, credit.amount),
        (today(), ChangeKind::Exchange, 2, refund)
    );
    // Upfront: the one charge stays the purchase price.
    assert_eq!(
        returned.schedule.total_charges,
        order(&before, VM_UPFRONT.0).schedule.total_charges
    );
    // The new order: bought today, charged the quote's purchase total, today (paid).
    let new_id = done.created[0].id.split('/').nth(4).unwrap();
    let purchased = done.quote.purchases_total.unwrap();
    let bought = order(&after, new_id);
    assert_eq!(bought.purchase_date, today());
    assert_eq!(bought.purchase_price, purchased);
    assert_eq!(bought.schedule.total_charges, purchased);
    assert_eq!(bought.schedule.paid, purchased);
    assert_eq!(after.orders.len(), before.orders.len() + 1);
    assert_eq!(after.total_credits, before.total_credits + refund);
    assert_eq!(after.total_charges, before.total_charges + purchased);
}

#[test]
fn each_role_sees_the_orders_it_can_read() {
    let e = env();
    let all = billing(&e, CONTOSO_ID);
    for user in ["resadmin", "reader"] {
        let b = run(as_user(&e, user).billing(CONTOSO_ID)).unwrap();
        assert_eq!(b, all, "{user}");
    }
    // Alex (no tenant-wide role) sees the orders of the reservations assigned to him only.
    let alex = as_user(&e, "contributor");
    let b = run(alex.billing(CONTOSO_ID)).unwrap();
    let readable = run(alex.list_reservation_orders(CONTOSO_ID)).unwrap();
    assert_eq!(b.orders.len(), readable.value.len());
    assert!(b.orders.len() < all.orders.len());
    // Unknown customer: 404.
    let err = run(e.client.billing("no-such-customer")).unwrap_err();
    assert_eq!(err.status(), Some(404));
}

#[test]
fn a_split_and_a_merge_leave_the_orders_billing_as_it_was() {
    let e = env();
    let before = billing(&e, CONTOSO_ID);
    let source = run(e.client.get_reservation(&super::key(VM_MONTHLY))).unwrap();
    let split = SplitRequest {
        reservation_id: VM_MONTHLY.1.into(),
        quantities: vec![1, source.properties.quantity - 1],
    };
    let parts =
        run(e
            .client
            .split_reservation(CONTOSO_ID, VM_MONTHLY.0, &split, "bill-split", None))
        .unwrap();
    let after_split = check_customer(&e, CONTOSO_ID);
    let merge = MergeRequest {
        sources: parts
            .created
            .iter()
            .map(|r| r.reservation_id().to_string())
            .collect(),
    };
    run(e
        .client
        .merge_reservations(CONTOSO_ID, VM_MONTHLY.0, &merge, "bill-merge", &[]))
    .unwrap();
    let after_merge = check_customer(&e, CONTOSO_ID);
    // The same units at the same price: every charge, credit and total stays.
    for b in [&after_split, &after_merge] {
        let (o0, o1) = (order(&before, VM_MONTHLY.0), order(b, VM_MONTHLY.0));
        assert_eq!(o1.quantity, o0.quantity);
        assert_eq!(o1.purchase_price, o0.purchase_price);
        assert_eq!(o1.schedule, o0.schedule);
        assert_eq!(b.total_charges, before.total_charges);
        assert_eq!(b.total_credits, before.total_credits);
    }
}

#[test]
fn a_purchase_is_billed_from_its_day() {
    let e = env();
    for plan in [BillingPlan::Upfront, BillingPlan::Monthly] {
        let buy = PurchaseRequest {
            reserved_resource_type: Family::VirtualMachines,
            sku_name: "Standard_D2s_v5".into(),
            location: "koreacentral".into(),
            term: Term::P1Y,
            billing_plan: plan.clone(),
            quantity: 3,
            display_name: None,
            applied_scope_type: AppliedScopeType::Shared,
            applied_scopes: vec![],
            billing_scope_id: None,
            instance_flexibility: None,
            renew: false,
        };
        let key = format!("bill-buy-{plan:?}");
        let bought = run(e.client.purchase(CONTOSO_ID, &buy, &key)).unwrap();
        let b = check_customer(&e, CONTOSO_ID);
        let o = order(&b, &bought.order.name);
        assert_eq!((o.purchase_date, o.quantity), (today(), 3));
        assert_eq!(o.purchase_price, bought.price.total);
        assert_eq!(o.schedule.charges[0].date, today());
        assert_eq!(o.schedule.total_charges, bought.price.total);
    }
}
