//! Commitment KPIs of a set of reservations over a window of days (spec: "Commitment KPIs"):
//! what the Portfolio and Home tiles show.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::dates::{add_months, days_between};
use crate::error::{InvalidKpiInputReason, QuoteError, ReservationField, ReservationProblem};
use crate::exact::Exact;
use crate::exchange::dedup;
use crate::model::{number_or_string, BillingPlan, Reservation};
use crate::refund::is_whole;

/// One reservation of the KPIs: the refund inputs plus its SKU and daily utilization.
/// `current_unit_price`, `status` and `final_exchange_used` may be present and are not read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KpiReservation {
    /// family, term, billing_plan, purchase_date, quantity (held on every day), unit_price.
    #[serde(flatten)]
    pub reservation: Reservation,
    /// The ARM SKU whose on-demand price values its used hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sku: Option<String>,
    /// Daily utilization percentage u in [0, 100]; a date absent or null, or no map, has no data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utilization: Option<BTreeMap<NaiveDate, Option<Decimal>>>,
}

/// The inputs of [`commitment_kpis`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KpiInput {
    /// W: the window is the days D − W + 1 … D (a whole number ≥ 1; a JSON number or string).
    #[serde(deserialize_with = "number_or_string::deserialize")]
    pub window_days: Decimal,
    /// The reservations shown.
    pub reservations: Vec<KpiReservation>,
    /// Pay-as-you-go price of one unit for one hour, per SKU (USD, ≥ 0).
    #[serde(default)]
    pub on_demand_prices: BTreeMap<String, Decimal>,
}

/// The result of [`commitment_kpis`]: every output but `errors` is absent when blocked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kpis {
    /// round(Σ amortized_daily) over the counted days.
    pub commitment_cost: Option<Decimal>,
    /// round(Σ amortized_daily × u / 100) over the counted days.
    pub utilized_cost: Option<Decimal>,
    /// commitment_cost − utilized_cost (of the rounded amounts).
    pub unused_cost: Option<Decimal>,
    /// round(100 × utilized / commitment), weighted by cost; absent when the commitment sum is 0.
    pub utilization_pct: Option<Decimal>,
    /// round(Σ 24 × u / 100 × Q × price(sku)); absent when a counted reservation has no price.
    pub on_demand_equivalent: Option<Decimal>,
    /// on_demand_equivalent − commitment_cost (may be negative); absent with on_demand_equivalent.
    pub savings: Option<Decimal>,
    /// round(100 × (on-demand − commitment) / on-demand); absent when on-demand is absent or 0.
    pub effective_savings_rate: Option<Decimal>,
    /// Active days of the window with data, summed over the reservations.
    pub days_with_data: Option<u64>,
    /// Active days of the window without data, summed over the reservations.
    pub days_without_data: Option<u64>,
    /// All blocking errors found (deduplicated); there are no policy errors.
    pub errors: Vec<QuoteError>,
}

impl Kpis {
    /// Outputs all absent, with the errors.
    fn blocked(errors: Vec<QuoteError>) -> Kpis {
        Kpis {
            commitment_cost: None,
            utilized_cost: None,
            unused_cost: None,
            utilization_pct: None,
            on_demand_equivalent: None,
            savings: None,
            effective_savings_rate: None,
            days_with_data: None,
            days_without_data: None,
            errors: dedup(errors),
        }
    }
}

/// One reservation's exact sums over its counted days (over the denominator `term_days`).
struct Sums {
    /// E − S in days.
    term_days: i64,
    /// lifetime(unit_price) × Q × counted days (÷ term_days = commitment).
    commitment_num: Exact,
    /// lifetime(unit_price) × Q × Σu (÷ 100 term_days = utilized).
    utilized_num: Exact,
}

/// The blocking checks of one reservation: family, term, plan known; then (engine extensions)
/// unit price and quantity not negative and the expiry representable. Returns E.
fn check_reservation(res: &Reservation, line: usize) -> Result<NaiveDate, QuoteError> {
    let invalid = |field, value: String, problem| QuoteError::InvalidReservation {
        field,
        value,
        problem,
        line: Some(line),
    };
    let unknown = ReservationProblem::Unknown;
    if !res.family.is_known() {
        return Err(invalid(
            ReservationField::Family,
            res.family.to_string(),
            unknown,
        ));
    }
    let Some(months) = res.term.months() else {
        return Err(invalid(
            ReservationField::Term,
            res.term.to_string(),
            unknown,
        ));
    };
    if !res.billing_plan.is_known() {
        let value = res.billing_plan.to_string();
        return Err(invalid(ReservationField::BillingPlan, value, unknown));
    }
    let negative = ReservationProblem::Negative;
    if res.unit_price < Decimal::ZERO {
        let value = res.unit_price.to_string();
        return Err(invalid(ReservationField::UnitPrice, value, negative));
    }
    if res.quantity < Decimal::ZERO {
        let value = res.quantity.to_string();
        return Err(invalid(ReservationField::Quantity, value, negative));
    }
    add_months(res.purchase_date, months).ok_or_else(|| {
        invalid(
            ReservationField::PurchaseDate,
            res.purchase_date.to_string(),
            ReservationProblem::OutOfRange,
        )
    })
}

/// Least common multiple of positive numbers; `None` on overflow.
fn lcm(a: i64, b: i64) -> Option<i64> {
    fn gcd(a: i64, b: i64) -> i64 {
        if b == 0 {
            a
        } else {
            gcd(b, a % b)
        }
    }
    (a / gcd(a, b)).checked_mul(b)
}

/// Computes the commitment KPIs of `input` over the window ending on `as_of`, per the spec.
///
/// Blocking errors: `InvalidKpiInput` (window, a utilization value anywhere in a map, a negative
/// on-demand price, or sums too large to compute) and `InvalidReservation` (with the
/// reservation's 0-based index in `line`).
pub fn commitment_kpis(input: &KpiInput, as_of: NaiveDate) -> Kpis {
    let mut blocking = Vec::new();
    let w = input.window_days;
    let window = if is_whole(w) && w >= Decimal::ONE {
        // A window longer than chrono's dates reaches back to the first of them.
        Some(w.to_i64().unwrap_or(i64::MAX))
    } else {
        blocking.push(QuoteError::InvalidKpiInput {
            reason: InvalidKpiInputReason::WindowDays { value: w },
        });
        None
    };
    let hundred = Decimal::ONE_HUNDRED;
    let mut expiries = Vec::with_capacity(input.reservations.len());
    for (i, r) in input.reservations.iter().enumerate() {
        match check_reservation(&r.reservation, i) {
            Ok(e) => expiries.push(e),
            Err(e) => blocking.push(e),
        }
        for (date, u) in r.utilization.iter().flatten() {
            if let Some(u) = u {
                if *u < Decimal::ZERO || *u > hundred {
                    blocking.push(QuoteError::InvalidKpiInput {
                        reason: InvalidKpiInputReason::Utilization {
                            line: i,
                            date: *date,
                            value: *u,
                        },
                    });
                }
            }
        }
    }
    for (sku, price) in &input.on_demand_prices {
        if *price < Decimal::ZERO {
            blocking.push(QuoteError::InvalidKpiInput {
                reason: InvalidKpiInputReason::OnDemandPrice {
                    sku: sku.clone(),
                    value: *price,
                },
            });
        }
    }
    let Some(window) = window.filter(|_| blocking.is_empty()) else {
        return Kpis::blocked(blocking);
    };
    match amounts(input, &expiries, as_of, window) {
        Some(k) => k,
        None => Kpis::blocked(vec![QuoteError::InvalidKpiInput {
            reason: InvalidKpiInputReason::TotalTooLarge,
        }]),
    }
}

/// The KPIs of checked inputs (`expiries[i]` is reservation i's E); `None` on overflow.
fn amounts(
    input: &KpiInput,
    expiries: &[NaiveDate],
    as_of: NaiveDate,
    window: i64,
) -> Option<Kpis> {
    let start = Duration::try_days(window - 1)
        .and_then(|d| as_of.checked_sub_signed(d))
        .unwrap_or(NaiveDate::MIN);
    let mut days_with = 0u64;
    let mut days_without = 0u64;
    let mut sums = Vec::with_capacity(input.reservations.len());
    // Σ 24 × u / 100 × Q × price = Σ 0.24 × Q × price × Σu; `None` once a price is not known.
    let mut on_demand = Some(Exact::ZERO);
    let per_hour_share = Exact::from_decimal(Decimal::new(24, 2));
    for (r, &expiry) in input.reservations.iter().zip(expiries) {
        let res = &r.reservation;
        // Active on t when S ≤ t < E; counted inside the window only.
        let lo = start.max(res.purchase_date);
        let hi = as_of.min(expiry.pred_opt()?);
        if lo > hi {
            continue;
        }
        let active = u64::try_from(days_between(lo, hi) + 1).ok()?;
        let mut counted = 0u64;
        let mut u_sum = Exact::ZERO;
        for u in r
            .utilization
            .iter()
            .flat_map(|m| m.range(lo..=hi))
            .filter_map(|(_, u)| *u)
        {
            counted += 1;
            u_sum = u_sum.add(Exact::from_decimal(u))?;
        }
        days_with += counted;
        days_without += active - counted;
        if counted == 0 {
            continue;
        }
        let months = res.term.months()?;
        let lifetime = match res.billing_plan {
            BillingPlan::Monthly => {
                Exact::from_decimal(res.unit_price).mul(Exact::from_int(i64::from(months)))?
            }
            _ => Exact::from_decimal(res.unit_price),
        };
        let lq = lifetime.mul(Exact::from_decimal(res.quantity))?;
        sums.push(Sums {
            term_days: days_between(res.purchase_date, expiry),
            commitment_num: lq.mul(Exact::from_int(i64::try_from(counted).ok()?))?,
            utilized_num: lq.mul(u_sum)?,
        });
        let price = r.sku.as_ref().and_then(|s| input.on_demand_prices.get(s));
        on_demand = match (on_demand, price) {
            (Some(total), Some(p)) => Some(
                total.add(
                    per_hour_share
                        .mul(Exact::from_decimal(res.quantity))?
                        .mul(Exact::from_decimal(*p))?
                        .mul(u_sum)?,
                )?,
            ),
            _ => None,
        };
    }

    // One denominator for the rational sums: the lcm of the term lengths present.
    let mut den = 1i64;
    for s in &sums {
        den = lcm(den, s.term_days)?;
    }
    let mut commitment = Exact::ZERO;
    let mut utilized = Exact::ZERO;
    for s in &sums {
        let f = Exact::from_int(den / s.term_days);
        commitment = commitment.add(s.commitment_num.mul(f)?)?;
        utilized = utilized.add(s.utilized_num.mul(f)?)?;
    }
    // utilized sum = utilized / (100 den); utilized × 100 / commitment = that / (commitment / den) × 100.
    let cent = Exact::from_decimal(Decimal::new(1, 2));
    let utilized = utilized.mul(cent)?;
    let commitment_cost = commitment.round_div(den)?;
    let utilized_cost = utilized.round_div(den)?;
    let unused_cost = commitment_cost.checked_sub(utilized_cost)?;
    let utilization_pct = if commitment.is_zero() {
        None
    } else {
        Some(
            utilized
                .mul(Exact::from_int(100))?
                .round_ratio(commitment)?,
        )
    };
    let (on_demand_equivalent, savings, esr) = match on_demand {
        Some(od) => {
            let rounded = od.round_div(1)?;
            let savings = rounded.checked_sub(commitment_cost)?;
            let esr = if od.is_zero() {
                None
            } else {
                // 100 × (od − commitment / den) / od = 100 × (od × den − commitment) / (od × den).
                let od_den = od.mul(Exact::from_int(den))?;
                Some(
                    od_den
                        .sub(commitment)?
                        .mul(Exact::from_int(100))?
                        .round_ratio(od_den)?,
                )
            };
            (Some(rounded), Some(savings), esr)
        }
        None => (None, None, None),
    };
    Some(Kpis {
        commitment_cost: Some(commitment_cost),
        utilized_cost: Some(utilized_cost),
        unused_cost: Some(unused_cost),
        utilization_pct,
        on_demand_equivalent,
        savings,
        effective_savings_rate: esr,
        days_with_data: Some(days_with),
        days_without_data: Some(days_without),
        errors: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Family, Term};
    use std::str::FromStr;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    /// A VM reservation with utilization on the given days.
    fn res(
        term: Term,
        purchase_date: NaiveDate,
        price: &str,
        days: &[(NaiveDate, Option<&str>)],
    ) -> KpiReservation {
        KpiReservation {
            reservation: Reservation {
                id: None,
                family: Family::VirtualMachines,
                term,
                billing_plan: BillingPlan::Upfront,
                purchase_date,
                quantity: Decimal::ONE,
                unit_price: dec(price),
                current_unit_price: None,
                status: None,
                final_exchange_used: false,
            },
            sku: Some("Standard_D2s_v5".into()),
            utilization: Some(days.iter().map(|(t, u)| (*t, u.map(dec))).collect()),
        }
    }

    fn input(window: i64, reservations: Vec<KpiReservation>) -> KpiInput {
        KpiInput {
            window_days: Decimal::from(window),
            reservations,
            on_demand_prices: [("Standard_D2s_v5".to_owned(), dec("0.096"))].into(),
        }
    }

    fn codes(k: &Kpis) -> Vec<&'static str> {
        k.errors.iter().map(QuoteError::code).collect()
    }

    #[test]
    fn blocking_errors_are_all_reported_with_no_outputs() {
        let mut bad = res(
            Term::P1Y,
            d(2025, 6, 15),
            "525.00",
            &[(d(2026, 3, 30), Some("100.01"))],
        );
        bad.reservation.family = Family::parse("Quantum");
        let mut inp = input(
            0,
            vec![
                bad,
                res(
                    Term::P1Y,
                    d(2025, 6, 15),
                    "1",
                    &[(d(2020, 1, 1), Some("-1"))],
                ),
            ],
        );
        inp.on_demand_prices.insert("x".into(), dec("-0.01"));
        let k = commitment_kpis(&inp, d(2026, 3, 31));
        assert_eq!(
            codes(&k),
            [
                "InvalidKpiInput",
                "InvalidReservation",
                "InvalidKpiInput",
                "InvalidKpiInput",
                "InvalidKpiInput"
            ]
        );
        assert_eq!(k.errors[1].line(), Some(0));
        assert_eq!(k, Kpis::blocked(k.errors.clone()));
        for w in ["1.5", "-3"] {
            let mut inp = input(7, vec![]);
            inp.window_days = dec(w);
            assert_eq!(
                codes(&commitment_kpis(&inp, d(2026, 3, 31))),
                ["InvalidKpiInput"]
            );
        }
    }

    #[test]
    fn only_active_days_of_the_window_count() {
        // Bought 2026-03-29 (inside a 7-day window ending 03-31); data before S is ignored.
        let a = res(
            Term::P1Y,
            d(2026, 3, 29),
            "365.00",
            &[
                (d(2026, 3, 28), Some("100")),
                (d(2026, 3, 29), Some("50")),
                (d(2026, 3, 31), None),
            ],
        );
        // Expires 2026-03-27 (E excluded): active 03-25 and 03-26 only.
        let b = res(
            Term::P1Y,
            d(2025, 3, 27),
            "365.00",
            &[(d(2026, 3, 26), Some("100")), (d(2026, 3, 27), Some("100"))],
        );
        // Bought after D: nothing.
        let c = res(
            Term::P1Y,
            d(2026, 4, 1),
            "365.00",
            &[(d(2026, 4, 1), Some("100"))],
        );
        let k = commitment_kpis(&input(7, vec![a, b, c]), d(2026, 3, 31));
        assert!(k.errors.is_empty());
        assert_eq!(k.days_with_data, Some(2));
        assert_eq!(k.days_without_data, Some(3));
        // 365.00 over 365 days = 1.00 a day; b's P1Y from 2025-03-27 also has 365 days.
        assert_eq!(k.commitment_cost, Some(dec("2.00")));
        assert_eq!(k.utilized_cost, Some(dec("1.50")));
        assert_eq!(k.unused_cost, Some(dec("0.50")));
        assert_eq!(k.utilization_pct, Some(dec("75.00")));
        // 24 × (0.5 + 1.0) × 0.096 = 3.456.
        assert_eq!(k.on_demand_equivalent, Some(dec("3.46")));
        assert_eq!(k.savings, Some(dec("1.46")));
        // 100 × (3.456 − 2) / 3.456 = 42.129…
        assert_eq!(k.effective_savings_rate, Some(dec("42.13")));
    }

    #[test]
    fn different_term_lengths_sum_exactly() {
        // 1.00 over 366 days (leap) and 1.00 over 365 days, one counted day each:
        // 1/366 + 1/365 = 0.005472… → 0.01; rounding each would give 0.00 + 0.00.
        let leap = res(
            Term::P1Y,
            d(2024, 1, 1),
            "1.00",
            &[(d(2024, 1, 10), Some("100"))],
        );
        let plain = res(
            Term::P1Y,
            d(2023, 1, 11),
            "1.00",
            &[(d(2024, 1, 10), Some("100"))],
        );
        let k = commitment_kpis(&input(1, vec![leap, plain]), d(2024, 1, 10));
        assert_eq!(k.commitment_cost, Some(dec("0.01")));
        assert_eq!(k.utilization_pct, Some(dec("100.00")));
    }

    #[test]
    fn unknown_prices_and_zero_sums_are_null() {
        let mut a = res(
            Term::P1Y,
            d(2025, 6, 15),
            "525.00",
            &[(d(2026, 3, 31), Some("80"))],
        );
        a.sku = None;
        let k = commitment_kpis(&input(7, vec![a.clone()]), d(2026, 3, 31));
        assert_eq!(
            (k.on_demand_equivalent, k.savings, k.effective_savings_rate),
            (None, None, None)
        );
        // Without a counted day, a missing SKU does not matter.
        a.utilization = None;
        let k = commitment_kpis(&input(7, vec![a]), d(2026, 3, 31));
        assert_eq!(k.on_demand_equivalent, Some(dec("0.00")));
        assert_eq!(k.utilization_pct, None);
        assert_eq!(k.days_without_data, Some(7));
        // A free reservation with data: commitment 0, utilization unknown.
        let free = res(
            Term::P1Y,
            d(2025, 6, 15),
            "0",
            &[(d(2026, 3, 31), Some("80"))],
        );
        let k = commitment_kpis(&input(7, vec![free]), d(2026, 3, 31));
        assert_eq!(k.commitment_cost, Some(dec("0.00")));
        assert_eq!(k.utilization_pct, None);
        assert_eq!(k.effective_savings_rate, Some(dec("100.00")));
    }

    #[test]
    fn a_huge_window_reaches_back_to_the_first_date() {
        let a = res(
            Term::P1Y,
            d(2025, 6, 15),
            "525.00",
            &[(d(2025, 6, 15), Some("80"))],
        );
        let mut inp = input(1, vec![a]);
        inp.window_days = dec("100000000000000000000");
        let k = commitment_kpis(&inp, d(2026, 3, 31));
        assert!(k.errors.is_empty());
        assert_eq!(k.days_with_data, Some(1));
        assert_eq!(
            k.days_with_data.unwrap() + k.days_without_data.unwrap(),
            u64::try_from(days_between(d(2025, 6, 15), d(2026, 3, 31)) + 1).unwrap()
        );
    }

    #[test]
    fn json_shape() {
        let json = r#"{"window_days": 7, "on_demand_prices": {"Standard_D2s_v5": "0.096"},
            "reservations": [{"id": "r-1", "family": "VirtualMachines", "term": "P1Y",
              "billing_plan": "Upfront", "purchase_date": "2025-06-15", "quantity": 1,
              "unit_price": "525.00", "status": "Succeeded", "sku": "Standard_D2s_v5",
              "utilization": {"2026-03-30": "80", "2026-03-31": null}}]}"#;
        let inp: KpiInput = serde_json::from_str(json).unwrap();
        let k = commitment_kpis(&inp, d(2026, 3, 31));
        assert_eq!((k.days_with_data, k.days_without_data), (Some(1), Some(6)));
        let v = serde_json::to_value(&k).unwrap();
        assert_eq!(v["days_with_data"], 1);
        assert_eq!(v["commitment_cost"], "1.44");
        let back: Kpis = serde_json::from_value(v).unwrap();
        assert_eq!(back, k);
        let again: KpiInput = serde_json::from_value(serde_json::to_value(&inp).unwrap()).unwrap();
        assert_eq!(again, inp);
    }
}
