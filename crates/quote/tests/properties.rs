//! Property tests of the quote engine: invariants of the spec that must hold for every input.

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;
use reservation_quote::{
    exchange_quote, installments_billed, refund_quote, BillingPlan, Family, HistoryEntry, Policy,
    PurchaseLine, Reservation, ReturnLine, Term,
};
use rust_decimal::{Decimal, RoundingStrategy};

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
