//! Property tests of the quote engine: invariants of the spec that must hold for every input.

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;
use reservation_quote::{
    add_months, commitment_kpis, exchange_quote, installments_billed, refund_quote, term_hours,
    tradein_quote, BillingPlan, Family, HistoryEntry, KpiInput, KpiReservation, Policy,
    PurchaseLine, Reservation, ReturnLine, SavingsPlan, SavingsPlanKind, Term,
};
use rust_decimal::{Decimal, RoundingStrategy};
use std::collections::BTreeMap;

/// round to 2 dp, half away from zero.
fn round2(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Any decimal at all: every sign, scale 0–28 and 96-bit mantissa.
fn any_decimal() -> impl Strategy<Value = Decimal> {
    (
        any::<u32>(),
        any::<u32>(),
        any::<u32>(),
        any::<bool>(),
        0u32..=28,
    )
        .prop_map(|(lo, mid, hi, neg, scale)| Decimal::from_parts(lo, mid, hi, neg, scale))
}

/// Mostly edge values and ordinary amounts, sometimes anything.
fn wild_decimal() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        3 => any_decimal(),
        1 => Just(Decimal::ZERO),
        1 => Just(Decimal::MAX),
        1 => Just(Decimal::MIN),
        1 => Just(Decimal::from_i128_with_scale(10i128.pow(27), 0)),
        1 => (-5i64..10).prop_map(Decimal::from),
        2 => price(),
    ]
}

/// An ordinary price: 0.00 to 100,000.00, sometimes with 3–4 decimal places.
fn price() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        4 => (0i64..10_000_000).prop_map(|c| Decimal::new(c, 2)),
        1 => (0i64..100_000_000).prop_map(|c| Decimal::new(c, 4)),
    ]
}

/// A positive ordinary price.
fn positive_price() -> impl Strategy<Value = Decimal> {
    (1i64..10_000_000).prop_map(|c| Decimal::new(c, 2))
}

/// Any date chrono can represent.
fn any_date() -> impl Strategy<Value = NaiveDate> {
    let lo = NaiveDate::MIN.num_days_from_ce();
    let hi = NaiveDate::MAX.num_days_from_ce();
    prop_oneof![
        3 => (lo..=hi).prop_map(|d| NaiveDate::from_num_days_from_ce_opt(d).unwrap_or(NaiveDate::MIN)),
        1 => Just(NaiveDate::MAX),
        1 => Just(NaiveDate::MIN),
        3 => ordinary_date(),
    ]
}

/// A date between 2015 and 2035.
fn ordinary_date() -> impl Strategy<Value = NaiveDate> {
    let lo = NaiveDate::from_ymd_opt(2015, 1, 1)
        .unwrap()
        .num_days_from_ce();
    let hi = NaiveDate::from_ymd_opt(2035, 12, 31)
        .unwrap()
        .num_days_from_ce();
    (lo..=hi).prop_map(|d| NaiveDate::from_num_days_from_ce_opt(d).unwrap())
}

fn any_family() -> impl Strategy<Value = Family> {
    prop_oneof![
        8 => proptest::sample::select(Family::KNOWN.to_vec()),
        1 => "[A-Za-z]{0,12}".prop_map(|s| Family::parse(&s)),
    ]
}

fn known_term() -> impl Strategy<Value = Term> {
    proptest::sample::select(vec![Term::P1Y, Term::P3Y, Term::P5Y])
}

fn any_term() -> impl Strategy<Value = Term> {
    prop_oneof![
        8 => known_term(),
        1 => "[A-Za-z0-9]{0,4}".prop_map(|s| Term::parse(&s)),
    ]
}

fn known_plan() -> impl Strategy<Value = BillingPlan> {
    proptest::sample::select(vec![BillingPlan::Upfront, BillingPlan::Monthly])
}

fn any_plan() -> impl Strategy<Value = BillingPlan> {
    prop_oneof![
        8 => known_plan(),
        1 => "[a-z]{0,8}".prop_map(|s| BillingPlan::parse(&s)),
    ]
}

fn any_status() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        4 => Just(None),
        2 => Just(Some("Succeeded".to_owned())),
        1 => Just(Some("succeeded".to_owned())),
        1 => Just(Some("Expired".to_owned())),
        1 => Just(Some("Cancelled".to_owned())),
    ]
}

/// Any reservation, including absurd values.
fn wild_reservation() -> impl Strategy<Value = Reservation> {
    (
        any_family(),
        any_term(),
        any_plan(),
        any_date(),
        wild_decimal(),
        wild_decimal(),
        proptest::option::of(wild_decimal()),
        any_status(),
        any::<bool>(),
        proptest::option::of("[a-c]"),
    )
        .prop_map(
            |(
                family,
                term,
                billing_plan,
                purchase_date,
                quantity,
                unit_price,
                cur,
                status,
                f,
                id,
            )| {
                Reservation {
                    id,
                    family,
                    term,
                    billing_plan,
                    purchase_date,
                    quantity,
                    unit_price,
                    current_unit_price: cur,
                    status,
                    final_exchange_used: f,
                }
            },
        )
}

/// An ordinary, valid, active-status reservation bought between 2015 and 2035.
fn ordinary_reservation() -> impl Strategy<Value = Reservation> {
    (
        any_family().prop_filter("known", Family::is_known),
        known_term(),
        known_plan(),
        ordinary_date(),
        1u32..20,
        price(),
        proptest::option::of(price()),
    )
        .prop_map(
            |(family, term, billing_plan, purchase_date, q, unit_price, cur)| Reservation {
                id: None,
                family,
                term,
                billing_plan,
                purchase_date,
                quantity: Decimal::from(q),
                unit_price,
                current_unit_price: cur,
                status: None,
                final_exchange_used: false,
            },
        )
}

fn fee_rate() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        1 => Just(Decimal::ZERO),
        1 => Just(Decimal::ONE),
        1 => Just(Decimal::new(12, 2)),
        3 => (0i64..=10_000).prop_map(|b| Decimal::new(b, 4)),
    ]
}

fn history() -> impl Strategy<Value = Vec<HistoryEntry>> {
    proptest::collection::vec(
        (any_date(), wild_decimal()).prop_map(|(date, amount)| HistoryEntry { date, amount }),
        0..4,
    )
}

fn wild_policy() -> impl Strategy<Value = Policy> {
    (wild_decimal(), wild_decimal(), any::<i64>(), any_date()).prop_map(|(f, l, w, c)| Policy {
        fee_rate: f,
        refund_limit_usd: l,
        limit_window_days: w,
        exchange_cutoff: c,
        ..Policy::default()
    })
}

/// A reservation, a whole quantity within it and a date within its term (usually).
fn active_case() -> impl Strategy<Value = (Reservation, Decimal, NaiveDate)> {
    (ordinary_reservation(), 0u32..20, 0i64..1900).prop_map(|(r, q, offset)| {
        let q = Decimal::from(1 + q % r.quantity.try_into().unwrap_or(1u32).max(1));
        let d = r.purchase_date + chrono::Duration::days(offset);
        (r, q, d)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn refund_never_panics(res in wild_reservation(), q in wild_decimal(), d in any_date(),
                           h in history(), policy in wild_policy()) {
        let quote = refund_quote(&res, q, d, &h, &policy);
        // At most one blocking error, and then alone.
        let blocking = quote.errors.iter().filter(|e| e.is_blocking()).count();
        prop_assert!(blocking <= 1);
        if blocking == 1 {
            prop_assert_eq!(quote.errors.len(), 1);
        }
    }

    #[test]
    fn exchange_never_panics(
        returns in proptest::collection::vec(
            (wild_reservation(), wild_decimal()).prop_map(|(reservation, quantity)| ReturnLine { reservation, quantity }),
            0..4),
        purchases in proptest::collection::vec(
            (any_family(), any_term(), any_plan(), wild_decimal(), wild_decimal()).prop_map(
                |(family, term, billing_plan, unit_price, quantity)| PurchaseLine { family, term, billing_plan, unit_price, quantity }),
            0..4),
        d in any_date(), policy in wild_policy()) {
        let quote = exchange_quote(&returns, &purchases, d, &policy);
        let blocked = quote.errors.iter().any(|e| e.is_blocking());
        prop_assert_eq!(blocked, quote.net_payable.is_none());
        if blocked {
            prop_assert!(quote.errors.iter().all(|e| e.is_blocking()));
        }
    }

    #[test]
    fn amounts_present_iff_no_blocking_error(res in wild_reservation(), q in wild_decimal(),
                                            d in any_date(), h in history()) {
        let quote = refund_quote(&res, q, d, &h, &Policy::default());
        let blocked = quote.blocking_error().is_some();
        for amount in [quote.remaining_commitment, quote.unpaid, quote.fee, quote.refund, quote.limit_added] {
            prop_assert_eq!(amount.is_some(), !blocked);
        }
        prop_assert_eq!(quote.is_allowed(), quote.errors.is_empty());
    }

    #[test]
    fn policy_errors_never_hide_amounts((res, q, d) in active_case(), h in history(), fee in fee_rate(),
                                        limit in price()) {
        let policy = Policy { fee_rate: fee, refund_limit_usd: limit, ..Policy::default() };
        let quote = refund_quote(&res, q, d, &h, &policy);
        if quote.blocking_error().is_none() {
            prop_assert!(quote.refund.is_some() && quote.fee.is_some());
            prop_assert!(quote.remaining_commitment.is_some() && quote.unpaid.is_some());
        }
    }

    #[test]
    fn refund_is_never_negative((res, q, d) in active_case(), fee in fee_rate()) {
        let policy = Policy { fee_rate: fee, ..Policy::default() };
        let quote = refund_quote(&res, q, d, &[], &policy);
        if let (Some(refund), Some(fee)) = (quote.refund, quote.fee) {
            prop_assert!(refund >= Decimal::ZERO);
            prop_assert!(fee >= Decimal::ZERO);
        }
    }

    #[test]
    fn refund_plus_fee_is_rounded_gross((res, q, d) in active_case(), fee in fee_rate()) {
        let with_fee = refund_quote(&res, q, d, &[], &Policy { fee_rate: fee, ..Policy::default() });
        let no_fee = refund_quote(&res, q, d, &[], &Policy::default());
        if let (Some(refund), Some(fee), Some(gross)) = (with_fee.refund, with_fee.fee, no_fee.refund) {
            // With fee_rate 0 the refund is round(gross) itself.
            prop_assert_eq!(no_fee.fee, Some(Decimal::ZERO));
            prop_assert_eq!(refund + fee, gross);
            // Cross-check round(gross) against round(max(0, R − U)) within a cent of rounding.
            let r = no_fee.remaining_commitment.unwrap_or_default();
            let u = no_fee.unpaid.unwrap_or_default();
            prop_assert!((gross - (r - u).max(Decimal::ZERO)).abs() <= Decimal::new(2, 2));
        }
    }

    #[test]
    fn refund_never_exceeds_what_was_paid((res, q, d) in active_case(), fee in fee_rate()) {
        let quote = refund_quote(&res, q, d, &[], &Policy { fee_rate: fee, ..Policy::default() });
        if let Some(refund) = quote.refund {
            let paid = match res.billing_plan {
                BillingPlan::Monthly => {
                    let billed = installments_billed(res.purchase_date, res.term.months().unwrap_or(0), d);
                    res.unit_price * q * Decimal::from(billed)
                }
                _ => res.unit_price * q,
            };
            prop_assert!(refund <= round2(paid), "refund {} paid {}", refund, paid);
        }
    }

    #[test]
    fn remaining_commitment_never_grows_later((res, q, d) in active_case(), step in 1i64..800,
                                              h in history()) {
        let later = d + chrono::Duration::days(step);
        let a = refund_quote(&res, q, d, &h, &Policy::default());
        let b = refund_quote(&res, q, later, &h, &Policy::default());
        if let (Some(ra), Some(rb)) = (a.remaining_commitment, b.remaining_commitment) {
            prop_assert!(rb <= ra, "R grew from {} to {}", ra, rb);
        }
        if let (Some(ua), Some(ub)) = (a.unpaid, b.unpaid) {
            prop_assert!(ub <= ua);
        }
        if let (Some(days_a), Some(days_b)) = (a.remaining_days, b.remaining_days) {
            prop_assert_eq!(days_a - days_b, step);
        }
    }

    #[test]
    fn exchange_line_matches_refund_without_fee((res, q, d) in active_case(), p in positive_price()) {
        let refund = refund_quote(&res, q, d, &[], &Policy::default());
        let purchase = PurchaseLine {
            family: res.family.clone(),
            term: Term::P3Y,
            billing_plan: BillingPlan::Upfront,
            unit_price: p,
            quantity: Decimal::ONE,
        };
        let ex = exchange_quote(&[ReturnLine { reservation: res.clone(), quantity: q }], &[purchase], d,
                                &Policy::default());
        prop_assert_eq!(refund.refund, ex.refunds_total);
        prop_assert_eq!(refund.remaining_commitment, ex.remaining_total);
        if let (Some(net), Some(pt), Some(rt)) = (ex.net_payable, ex.purchases_total, ex.refunds_total) {
            prop_assert_eq!(net, pt - rt);
            prop_assert_eq!(pt, p);
            prop_assert!(rt <= ex.remaining_total.unwrap_or_default());
        }
    }

    #[test]
    fn serde_round_trips(res in wild_reservation(), q in wild_decimal(), d in any_date(), h in history()) {
        let quote = refund_quote(&res, q, d, &h, &Policy::default());
        let json = serde_json::to_string(&quote).unwrap();
        let back: reservation_quote::RefundQuote = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back, quote);
        let rjson = serde_json::to_string(&res).unwrap();
        let rback: Reservation = serde_json::from_str(&rjson).unwrap();
        prop_assert_eq!(rback, res);
    }
}

/// A trade-in's as-of day and 1–5 whole returns of compute reservations active on it.
fn tradein_case() -> impl Strategy<Value = (NaiveDate, Vec<ReturnLine>)> {
    let line = (
        proptest::sample::select(vec![
            Family::VirtualMachines,
            Family::DedicatedHost,
            Family::AppService,
        ]),
        known_term(),
        known_plan(),
        0i64..365,
        1u32..20,
        0u32..20,
        price(),
        proptest::option::of(price()),
    );
    (ordinary_date(), proptest::collection::vec(line, 1..6)).prop_map(|(d, lines)| {
        let returns = lines
            .into_iter()
            .map(
                |(family, term, billing_plan, age, q, take, unit_price, cur)| ReturnLine {
                    // At most 364 days old: active on D whatever the term.
                    reservation: Reservation {
                        id: None,
                        family,
                        term,
                        billing_plan,
                        purchase_date: d - chrono::Duration::days(age),
                        quantity: Decimal::from(q),
                        unit_price,
                        current_unit_price: cur,
                        status: None,
                        final_exchange_used: false,
                    },
                    quantity: Decimal::from(1 + take % q),
                },
            )
            .collect();
        (d, returns)
    })
}

fn compute_plan() -> impl Strategy<Value = SavingsPlan> {
    (
        proptest::sample::select(vec![Term::P1Y, Term::P3Y]),
        known_plan(),
    )
        .prop_map(|(term, billing_plan)| SavingsPlan {
            kind: SavingsPlanKind::Compute,
            term,
            billing_plan,
            hourly_commitment: None,
        })
}

/// An hourly commitment: mostly valid multiples of 0.001, sometimes anything.
fn hourly() -> impl Strategy<Value = Option<Decimal>> {
    prop_oneof![
        1 => Just(None),
        3 => (1i64..10_000_000).prop_map(|m| Some(Decimal::new(m, 3))),
        1 => wild_decimal().prop_map(Some),
    ]
}

/// A KPI reservation bought within ±400 days of 2026-03-31, with data on some days around it.
fn kpi_reservation() -> impl Strategy<Value = KpiReservation> {
    let day = (-45i64..10, proptest::option::of(0u32..=10_000));
    (
        any_family().prop_filter("known", Family::is_known),
        known_term(),
        known_plan(),
        -1500i64..10,
        0u32..6,
        price(),
        proptest::sample::select(vec![None, Some("a"), Some("b"), Some("c")]),
        proptest::option::of(proptest::collection::vec(day, 0..40)),
    )
        .prop_map(
            |(family, term, billing_plan, age, q, unit_price, sku, days)| {
                let base = NaiveDate::from_ymd_opt(2026, 3, 31).unwrap_or(NaiveDate::MIN);
                KpiReservation {
                    reservation: Reservation {
                        id: None,
                        family,
                        term,
                        billing_plan,
                        purchase_date: base + chrono::Duration::days(age),
                        quantity: Decimal::from(q),
                        unit_price,
                        current_unit_price: None,
                        status: None,
                        final_exchange_used: false,
                    },
                    sku: sku.map(str::to_owned),
                    utilization: days.map(|v| {
                        v.into_iter()
                            .map(|(o, u)| {
                                (
                                    base + chrono::Duration::days(o),
                                    u.map(|b| Decimal::new(i64::from(b), 2)),
                                )
                            })
                            .collect()
                    }),
                }
            },
        )
}

fn kpi_input() -> impl Strategy<Value = KpiInput> {
    (
        1i64..60,
        proptest::collection::vec(kpi_reservation(), 0..5),
        price(),
        price(),
    )
        .prop_map(|(w, reservations, pa, pb)| KpiInput {
            window_days: Decimal::from(w),
            reservations,
            // SKU "c" has no price.
            on_demand_prices: BTreeMap::from([("a".to_owned(), pa), ("b".to_owned(), pb)]),
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn tradein_never_panics(
        returns in proptest::collection::vec(
            (wild_reservation(), wild_decimal()).prop_map(|(reservation, quantity)| ReturnLine { reservation, quantity }),
            0..4),
        plan in proptest::option::of((compute_plan(), hourly(), any::<bool>()).prop_map(|(p, h, db)| SavingsPlan {
            kind: if db { SavingsPlanKind::Database } else { p.kind },
            hourly_commitment: h,
            ..p
        })),
        d in any_date(), policy in wild_policy()) {
        let q = tradein_quote(&returns, plan.as_ref(), d, &policy);
        let blocked = q.blocking_error().is_some();
        prop_assert_eq!(blocked, q.lifetime_commitment.is_none());
        prop_assert_eq!(blocked, q.schedule.is_none());
        if blocked {
            prop_assert!(q.errors.iter().all(|e| e.is_blocking()));
        }
    }

    /// (a) The default (minimum) commitment covers remaining_total, and one step less would not.
    #[test]
    fn minimum_commitment_is_the_smallest_that_covers((d, returns) in tradein_case(), plan in compute_plan()) {
        let q = tradein_quote(&returns, Some(&plan), d, &Policy::default());
        prop_assert!(q.blocking_error().is_none(), "{:?}", q.errors);
        let (Some(remaining), Some(min), Some(hourly), Some(lifetime)) =
            (q.remaining_total, q.minimum_hourly_commitment, q.hourly_commitment, q.lifetime_commitment)
        else {
            return Err(TestCaseError::fail("amounts missing"));
        };
        let step = Decimal::new(1, 3);
        let hours = Decimal::from(term_hours(&plan.term).unwrap_or(0));
        prop_assert_eq!(hourly, min);
        prop_assert!(lifetime >= remaining, "lifetime {} < remaining {}", lifetime, remaining);
        prop_assert_eq!(lifetime, min * hours);
        prop_assert!(min >= step && (min / step).fract().is_zero());
        prop_assert!(!q.errors.iter().any(|e| e.code() == "CommitmentTooLow"));
        if min > step {
            let less = min - step;
            prop_assert!(less * hours < remaining, "{} would do for {}", less, remaining);
            let lower = SavingsPlan { hourly_commitment: Some(less), ..plan.clone() };
            let q2 = tradein_quote(&returns, Some(&lower), d, &Policy::default());
            prop_assert!(q2.errors.iter().any(|e| e.code() == "CommitmentTooLow"));
        }
    }

    /// (b) The schedule sums to lifetime_commitment: 1 charge on D, or 12/36 equal monthly ones.
    #[test]
    fn schedule_sums_to_the_lifetime((d, returns) in tradein_case(), plan in compute_plan(),
                                     h in (1i64..10_000_000).prop_map(|m| Decimal::new(m, 3))) {
        for hourly in [None, Some(h)] {
            let plan = SavingsPlan { hourly_commitment: hourly, ..plan.clone() };
            let q = tradein_quote(&returns, Some(&plan), d, &Policy::default());
            let (Some(schedule), Some(lifetime)) = (q.schedule.as_ref(), q.lifetime_commitment) else {
                return Err(TestCaseError::fail(format!("blocked: {:?}", q.errors)));
            };
            let sum: Decimal = schedule.iter().map(|c| c.amount).sum();
            prop_assert_eq!(sum, lifetime);
            match plan.billing_plan {
                BillingPlan::Monthly => {
                    let months = if plan.term == Term::P1Y { 12 } else { 36 };
                    prop_assert_eq!(schedule.len(), months);
                    for (k, c) in schedule.iter().enumerate() {
                        prop_assert_eq!(Some(c.date), add_months(d, k as u32));
                        prop_assert_eq!(Some(c.amount), q.monthly_payment);
                    }
                    prop_assert_eq!(q.net_payable, None);
                }
                _ => {
                    prop_assert_eq!(schedule.len(), 1);
                    prop_assert_eq!(schedule[0].date, d);
                    prop_assert_eq!(q.monthly_payment, None);
                    prop_assert_eq!(q.net_payable, q.refunds_total.map(|r| lifetime - r));
                }
            }
        }
    }

    /// The trade-in's returns are the exchange's: each line's refund is refund_quote's without a fee.
    #[test]
    fn tradein_lines_match_refund_quotes((d, returns) in tradein_case(), plan in compute_plan()) {
        let q = tradein_quote(&returns, Some(&plan), d, &Policy::default());
        prop_assert_eq!(q.returns.len(), returns.len());
        for (line, r) in q.returns.iter().zip(&returns) {
            let refund = refund_quote(&r.reservation, r.quantity, d, &[], &Policy::default());
            prop_assert_eq!(Some(line.refund), refund.refund);
            prop_assert_eq!(Some(line.remaining_commitment), refund.remaining_commitment);
        }
    }

    #[test]
    fn kpis_never_panic(
        reservations in proptest::collection::vec(
            (wild_reservation(), proptest::option::of("[ab]"),
             proptest::option::of(proptest::collection::btree_map(any_date(), proptest::option::of(wild_decimal()), 0..6)))
                .prop_map(|(reservation, sku, utilization)| KpiReservation { reservation, sku, utilization }),
            0..4),
        w in wild_decimal(), pa in wild_decimal(), d in any_date()) {
        let input = KpiInput {
            window_days: w,
            reservations,
            on_demand_prices: BTreeMap::from([("a".to_owned(), pa)]),
        };
        let k = commitment_kpis(&input, d);
        let blocked = !k.errors.is_empty();
        prop_assert!(k.errors.iter().all(|e| e.is_blocking()));
        prop_assert_eq!(blocked, k.commitment_cost.is_none());
        prop_assert_eq!(blocked, k.days_with_data.is_none());
    }

    /// (c) KPI tiles add up, utilization is a percentage, and the day counts cover the active days.
    #[test]
    fn kpis_add_up(input in kpi_input(), offset in -3i64..3) {
        let as_of = NaiveDate::from_ymd_opt(2026, 3, 31).unwrap_or(NaiveDate::MIN)
            + chrono::Duration::days(offset);
        let k = commitment_kpis(&input, as_of);
        prop_assert!(k.errors.is_empty(), "{:?}", k.errors);
        let (Some(c), Some(u), Some(unused)) = (k.commitment_cost, k.utilized_cost, k.unused_cost) else {
            return Err(TestCaseError::fail("amounts missing"));
        };
        prop_assert_eq!(u + unused, c);
        prop_assert!(u <= c && u >= Decimal::ZERO);
        if let Some(pct) = k.utilization_pct {
            prop_assert!(pct >= Decimal::ZERO && pct <= Decimal::ONE_HUNDRED, "{}", pct);
        }
        if let (Some(od), Some(s)) = (k.on_demand_equivalent, k.savings) {
            prop_assert_eq!(s, od - c);
        }
        prop_assert_eq!(k.on_demand_equivalent.is_none(), k.savings.is_none());
        // Day by day: active on t when S ≤ t < E, for t in the window.
        let w = i64::try_from(input.window_days.mantissa()).unwrap_or(0);
        let (mut active, mut with_data) = (0u64, 0u64);
        for r in &input.reservations {
            let s = r.reservation.purchase_date;
            let e = add_months(s, r.reservation.term.months().unwrap_or(0)).unwrap_or(NaiveDate::MAX);
            for back in 0..w {
                let t = as_of - chrono::Duration::days(back);
                if s <= t && t < e {
                    active += 1;
                    let has = r.utilization.as_ref().and_then(|m| m.get(&t)).is_some_and(Option::is_some);
                    with_data += u64::from(has);
                }
            }
        }
        prop_assert_eq!(k.days_with_data, Some(with_data));
        prop_assert_eq!(k.days_with_data.zip(k.days_without_data).map(|(a, b)| a + b), Some(active));
    }
}
