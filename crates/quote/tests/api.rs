//! Unit tests of the public interface: error codes, (de)serialization and defaults.

use chrono::NaiveDate;
use reservation_quote::{
    add_months, expiry_date, BillingPlan, Family, InvalidExchangeReason, InvalidKpiInputReason,
    InvalidPolicyReason, InvalidPurchaseReason, NotExchangeableReason, Policy, QuoteError,
    Reservation, ReservationField, ReservationProblem, SavingsPlanKind, Term,
};
use rust_decimal::Decimal;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// One error of every variant.
fn one_of_each() -> Vec<QuoteError> {
    let x = Decimal::new(12345, 2);
    vec![
        QuoteError::RefundLimitExceeded {
            limit: Decimal::from(50000),
            used: x,
            headroom: x,
            requested: x,
            excess: x,
        },
        QuoteError::InvalidRefundQuantity {
            requested: Decimal::ZERO,
            available: Decimal::ONE,
            line: None,
        },
        QuoteError::SelfServiceRefundNotSupported {
            family: Family::RedHat,
            line: Some(0),
        },
        QuoteError::ReservationNotActive {
            status: "Succeeded".into(),
            expiry: Some(d(2025, 7, 10)),
            line: None,
        },
        QuoteError::InvalidDate {
            purchase_date: d(2024, 7, 10),
            as_of: d(2024, 7, 1),
            line: Some(2),
        },
        QuoteError::ExchangeTotalTooLow {
            remaining_total: x,
            purchases_total: Decimal::ONE,
            shortfall: x - Decimal::ONE,
        },
        QuoteError::IncompatibleProductFamily {
            families: vec![Family::CosmosDb, Family::VirtualMachines],
        },
        QuoteError::NotExchangeable {
            family: Family::VirtualMachines,
            cutoff: d(2027, 2, 1),
            reason: NotExchangeableReason::FinalExchangeUsed,
            line: Some(1),
        },
        QuoteError::InvalidPurchase {
            line: 0,
            reason: InvalidPurchaseReason::PriceNotPositive,
            value: "0".into(),
        },
        QuoteError::InvalidExchange {
            reason: InvalidExchangeReason::DuplicateReturn {
                id: "r1".into(),
                first_line: 0,
                line: 1,
            },
        },
        QuoteError::InvalidReservation {
            field: ReservationField::Term,
            value: "P2Y".into(),
            problem: ReservationProblem::Unknown,
            line: None,
        },
        QuoteError::InvalidPolicy {
            reason: InvalidPolicyReason::FeeRateOutOfRange {
                fee_rate: Decimal::TWO,
            },
        },
        QuoteError::TooManyReservations {
            count: 101,
            max: 100,
        },
        QuoteError::TradeInNotEligible {
            family: Family::CosmosDb,
            kind: SavingsPlanKind::Compute,
            line: Some(1),
        },
        QuoteError::CommitmentTooLow {
            remaining_total: Decimal::new(180000, 2),
            lifetime_commitment: Decimal::new(179580, 2),
            shortfall: Decimal::new(420, 2),
            minimum_hourly_commitment: Decimal::new(206, 3),
        },
        QuoteError::InvalidKpiInput {
            reason: InvalidKpiInputReason::Utilization {
                line: 0,
                date: d(2026, 3, 2),
                value: Decimal::from(101),
            },
        },
        QuoteError::SkuRetired {
            sku: "Standard_D2s_v3".into(),
            series: "Dsv3".into(),
            term: Term::P1Y,
            since: d(2026, 7, 1),
        },
    ]
}

#[test]
fn every_variant_has_its_spec_code() {
    let codes: Vec<&str> = one_of_each().iter().map(QuoteError::code).collect();
    assert_eq!(codes, QuoteError::CODES);
}

#[test]
fn blocking_versus_policy_errors() {
    let policy = [
        "RefundLimitExceeded",
        "SelfServiceRefundNotSupported",
        "ExchangeTotalTooLow",
        "IncompatibleProductFamily",
        "NotExchangeable",
        "TooManyReservations",
        "TradeInNotEligible",
        "CommitmentTooLow",
        "SkuRetired",
    ];
    for e in one_of_each() {
        assert_eq!(e.is_blocking(), !policy.contains(&e.code()), "{}", e.code());
    }
}

#[test]
fn errors_serialize_with_a_code_tag_and_round_trip() {
    for e in one_of_each() {
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v["code"], e.code());
        let back: QuoteError = serde_json::from_value(v).unwrap();
        assert_eq!(back, e);
    }
    let v = serde_json::to_value(&one_of_each()[4]).unwrap();
    assert_eq!(v["purchase_date"], "2024-07-10");
    assert_eq!(v["line"], 2);
    let v = serde_json::to_value(&one_of_each()[1]).unwrap();
    assert!(v.get("line").is_none(), "absent line is left out");
}

#[test]
fn errors_display_as_sentences() {
    for e in one_of_each() {
        let s = e.to_string();
        assert!(s.ends_with('.'), "{s}");
        assert!(s.chars().next().unwrap().is_uppercase(), "{s}");
        let _: &dyn std::error::Error = &e;
    }
    assert_eq!(
        one_of_each()[4].to_string(),
        "Return line 3: The quote date 2024-07-01 is before the reservation's purchase date 2024-07-10."
    );
}

#[test]
fn families_round_trip_by_spec_name() {
    assert_eq!(Family::KNOWN.len(), 21);
    for f in Family::KNOWN {
        let json = serde_json::to_string(f).unwrap();
        assert_eq!(json, format!("\"{}\"", f.as_str()));
        assert_eq!(&serde_json::from_str::<Family>(&json).unwrap(), f);
        assert_eq!(f.to_string(), f.as_str());
    }
    assert_eq!(Family::Avs.as_str(), "AVS");
    assert_eq!(
        serde_json::from_str::<Family>("\"avs\"").unwrap(),
        Family::Unknown("avs".into())
    );
    assert!(!Family::RedHat.is_refundable(&Policy::default()));
    assert!(Family::CosmosDb.is_refundable(&Policy::default()));
}

#[test]
fn terms_and_plans() {
    assert_eq!(Term::P1Y.months(), Some(12));
    assert_eq!(Term::P3Y.months(), Some(36));
    assert_eq!(Term::P5Y.months(), Some(60));
    assert_eq!(Term::parse("P2Y").months(), None);
    assert_eq!(serde_json::to_string(&Term::P5Y).unwrap(), "\"P5Y\"");
    assert_eq!(
        serde_json::from_str::<BillingPlan>("\"Monthly\"").unwrap(),
        BillingPlan::Monthly
    );
    assert_eq!(
        serde_json::from_str::<BillingPlan>("\"monthly\"").unwrap(),
        BillingPlan::Unknown("monthly".into())
    );
}

#[test]
fn policy_defaults_and_partial_json() {
    let p: Policy = serde_json::from_str(r#"{"fee_rate": "0.12"}"#).unwrap();
    assert_eq!(p.fee_rate, Decimal::new(12, 2));
    assert_eq!(p.refund_limit_usd, Decimal::from(50000));
    assert_eq!(p.limit_window_days, 365);
    assert_eq!(p.exchange_cutoff, d(2027, 2, 1));
    assert_eq!(p.non_refundable.len(), 6);
    assert_eq!(
        p.savings_plan_families,
        vec![
            Family::VirtualMachines,
            Family::DedicatedHost,
            Family::AppService,
            Family::SqlDatabases
        ]
    );
    assert!(p.families_compatible(&[Family::Avs, Family::DedicatedHost]));
    assert!(!p.families_compatible(&[Family::Avs, Family::SqlDatabases]));
    assert!(p.families_compatible(&[Family::CosmosDb, Family::CosmosDb]));
}

#[test]
fn reservation_parses_numbers_and_defaults() {
    let r: Reservation = serde_json::from_str(
        r#"{"family": "AVS", "term": "P1Y", "billing_plan": "Upfront",
            "purchase_date": "2024-02-29", "quantity": 1.5, "unit_price": "10.10"}"#,
    )
    .unwrap();
    assert_eq!(r.family, Family::Avs);
    assert_eq!(r.quantity, Decimal::new(15, 1));
    assert_eq!(r.status, None);
    assert!(!r.final_exchange_used);
    assert_eq!(r.current_unit_price, None);
    assert!(r.is_status_active());
    assert_eq!(expiry_date(r.purchase_date, &r.term), Some(d(2025, 2, 28)));
}

#[test]
fn money_is_a_string_never_a_float() {
    let reservation = |price: &str| {
        serde_json::from_str::<Reservation>(&format!(
            r#"{{"family": "VirtualMachines", "term": "P1Y", "billing_plan": "Upfront",
                "purchase_date": "2025-01-01", "quantity": "2", "unit_price": {price}}}"#
        ))
    };
    assert_eq!(
        reservation(r#""10.10""#).unwrap().unit_price,
        Decimal::new(1010, 2)
    );
    assert_eq!(reservation(r#""2""#).unwrap().quantity, Decimal::TWO);
    assert!(reservation("10.1").is_err());
    assert!(reservation("10").is_err());
}

#[test]
fn add_months_examples() {
    assert_eq!(add_months(d(2025, 1, 31), 1), Some(d(2025, 2, 28)));
    assert_eq!(add_months(d(2025, 1, 31), 2), Some(d(2025, 3, 31)));
    assert_eq!(add_months(d(2024, 2, 29), 12), Some(d(2025, 2, 28)));
    assert_eq!(add_months(NaiveDate::MAX, 12), None);
}

fn vm(purchase: NaiveDate, quantity: Decimal, price: Decimal) -> Reservation {
    Reservation {
        id: None,
        family: Family::VirtualMachines,
        term: Term::P5Y,
        billing_plan: BillingPlan::Monthly,
        purchase_date: purchase,
        quantity,
        unit_price: price,
        current_unit_price: None,
        status: None,
        final_exchange_used: false,
    }
}

#[test]
fn huge_amounts_are_invalid_reservation_too_large() {
    use reservation_quote::refund_quote;
    let huge = Decimal::from_i128_with_scale(10i128.pow(27), 0);
    for (q, price) in [
        (Decimal::ONE, huge),
        (huge, Decimal::new(240000, 2)),
        (Decimal::MAX, Decimal::MAX),
    ] {
        let r = vm(d(2024, 1, 1), q, price);
        let quote = refund_quote(&r, q, d(2025, 1, 1), &[], &Policy::default());
        assert_eq!(quote.refund, None);
        assert!(
            matches!(
                quote.errors.as_slice(),
                [QuoteError::InvalidReservation {
                    field: ReservationField::UnitPrice,
                    problem: ReservationProblem::TooLarge,
                    ..
                }]
            ),
            "{:?}",
            quote.errors
        );
    }
}

#[test]
fn dates_at_chronos_limits() {
    use reservation_quote::{exchange_quote, refund_quote, HistoryEntry, ReturnLine};
    let r = vm(NaiveDate::MAX, Decimal::ONE, Decimal::ONE);
    let quote = refund_quote(&r, Decimal::ONE, NaiveDate::MAX, &[], &Policy::default());
    assert!(matches!(
        quote.errors.as_slice(),
        [QuoteError::InvalidReservation {
            field: ReservationField::PurchaseDate,
            problem: ReservationProblem::OutOfRange,
            ..
        }]
    ));
    let r = vm(NaiveDate::MIN, Decimal::ONE, Decimal::ONE);
    let history = [
        HistoryEntry {
            date: NaiveDate::MAX,
            amount: Decimal::MAX,
        },
        HistoryEntry {
            date: NaiveDate::MIN,
            amount: Decimal::MAX,
        },
        HistoryEntry {
            date: NaiveDate::MIN,
            amount: Decimal::MAX,
        },
    ];
    let quote = refund_quote(
        &r,
        Decimal::ONE,
        NaiveDate::MIN,
        &history,
        &Policy::default(),
    );
    assert_eq!(quote.limit_used, Decimal::MAX, "saturates");
    assert!(quote.refund.is_some());
    assert!(quote
        .errors
        .iter()
        .any(|e| e.code() == "RefundLimitExceeded"));
    let line = ReturnLine {
        reservation: r,
        quantity: Decimal::ONE,
    };
    let ex = exchange_quote(&[line], &[], NaiveDate::MAX, &Policy::default());
    assert!(ex.net_payable.is_none());
}
