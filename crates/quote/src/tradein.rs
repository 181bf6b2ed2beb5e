//! Trade-in quotes: return lines and one savings plan on day D (spec: "Trade-in to a savings plan").

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::dates::add_months;
use crate::error::{InvalidExchangeReason, InvalidPurchaseReason, QuoteError};
use crate::exact::{ceil_div_to_scale, Exact};
use crate::exchange::{
    check_return_lines, dedup, duplicate_returns, quote_return_lines, ReturnLineQuote,
};
use crate::model::{BillingPlan, ReturnLine, SavingsPlan, Term};
use crate::policy::Policy;

/// The most reservations (return lines, whatever their quantities) one trade-in may return.
pub const MAX_TRADEIN_RESERVATIONS: usize = 100;

/// Hours in a savings-plan month: 8,760 / 12. Monthly payments are hourly_commitment × 730.
pub const HOURS_PER_PLAN_MONTH: i64 = 730;

/// The smallest step (and the smallest value) of an hourly commitment, USD per hour.
pub const HOURLY_COMMITMENT_STEP: Decimal = Decimal::from_parts(1, 0, 0, false, 3);

/// The hours a savings plan's commitment buys: P1Y 8,760, P3Y 26,280 (365 × 24 a year, leap days
/// not counted); `None` for a term no savings plan is sold with.
pub fn term_hours(term: &Term) -> Option<i64> {
    match term {
        Term::P1Y => Some(8_760),
        Term::P3Y => Some(26_280),
        _ => None,
    }
}

/// Whether `h` is a valid hourly commitment: a multiple of 0.001 and at least 0.001 (trailing
/// zeros allowed: `1.2300` is valid, `0.0005` and `0` are not).
pub fn is_valid_hourly_commitment(h: Decimal) -> bool {
    h >= HOURLY_COMMITMENT_STEP && h.normalize().scale() <= 3
}

/// One payment of the savings plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanCharge {
    /// Upfront: D; Monthly: add_months(D, k).
    pub date: NaiveDate,
    /// USD.
    pub amount: Decimal,
}

/// The result of [`tradein_quote`]: amounts (all absent when blocked) and every error found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TradeInQuote {
    /// One entry per return line, in order; each refund is a credit dated D. Empty when blocked.
    pub returns: Vec<ReturnLineQuote>,
    /// Sum of the return lines' refunds.
    pub refunds_total: Option<Decimal>,
    /// Sum of the return lines' round(R).
    pub remaining_total: Option<Decimal>,
    /// The smallest valid hourly commitment whose lifetime covers remaining_total.
    pub minimum_hourly_commitment: Option<Decimal>,
    /// The input's hourly commitment, or the minimum when it was absent.
    pub hourly_commitment: Option<Decimal>,
    /// hourly_commitment × term hours, exact.
    pub lifetime_commitment: Option<Decimal>,
    /// Upfront: lifetime_commitment − refunds_total; Monthly: absent (nothing is paid at once).
    pub net_payable: Option<Decimal>,
    /// Monthly: hourly_commitment × 730; Upfront: absent.
    pub monthly_payment: Option<Decimal>,
    /// The savings plan's charges in date order; they sum to lifetime_commitment.
    pub schedule: Option<Vec<PlanCharge>>,
    /// All blocking errors (deduplicated), or else all policy errors.
    pub errors: Vec<QuoteError>,
}

impl TradeInQuote {
    /// Whether the trade-in may go ahead: no error of any kind.
    pub fn is_allowed(&self) -> bool {
        self.errors.is_empty()
    }

    /// The first blocking error, if any (then no amounts are given).
    pub fn blocking_error(&self) -> Option<&QuoteError> {
        self.errors.iter().find(|e| e.is_blocking())
    }

    /// A quote with no amounts carrying the given errors.
    fn blocked(errors: Vec<QuoteError>) -> TradeInQuote {
        TradeInQuote {
            returns: Vec::new(),
            refunds_total: None,
            remaining_total: None,
            minimum_hourly_commitment: None,
            hourly_commitment: None,
            lifetime_commitment: None,
            net_payable: None,
            monthly_payment: None,
            schedule: None,
            errors: dedup(errors),
        }
    }
}

/// Blocking check 3: the savings plan is present, its kind, term and plan are offered, and a
/// given hourly commitment is valid. Returns the plan and its term hours.
fn check_plan(plan: Option<&SavingsPlan>) -> Result<(&SavingsPlan, i64), QuoteError> {
    // The savings plan is the trade-in's only purchase line: line 0.
    let invalid = |reason, value: String| QuoteError::InvalidPurchase {
        line: 0,
        reason,
        value,
    };
    let Some(plan) = plan else {
        return Err(invalid(
            InvalidPurchaseReason::MissingSavingsPlan,
            String::new(),
        ));
    };
    if !plan.kind.is_known() {
        return Err(invalid(
            InvalidPurchaseReason::UnknownSavingsPlanKind,
            plan.kind.to_string(),
        ));
    }
    if !plan.term.is_known() {
        return Err(invalid(
            InvalidPurchaseReason::UnknownTerm,
            plan.term.to_string(),
        ));
    }
    let Some(hours) = term_hours(&plan.term) else {
        return Err(invalid(
            InvalidPurchaseReason::TermNotOffered,
            plan.term.to_string(),
        ));
    };
    if !plan.billing_plan.is_known() {
        return Err(invalid(
            InvalidPurchaseReason::UnknownBillingPlan,
            plan.billing_plan.to_string(),
        ));
    }
    // There is no 3-year savings plan for databases.
    if !plan.kind.terms().contains(&plan.term) {
        return Err(invalid(
            InvalidPurchaseReason::TermNotOffered,
            plan.term.to_string(),
        ));
    }
    if let Some(h) = plan.hourly_commitment {
        if !is_valid_hourly_commitment(h) {
            return Err(invalid(
                InvalidPurchaseReason::InvalidHourlyCommitment,
                h.to_string(),
            ));
        }
    }
    Ok((plan, hours))
}

/// The savings plan's lifetime commitment, monthly payment and schedule for an hourly commitment;
/// `Err` carries the blocking error (overflow, or a payment date past chrono's range).
fn plan_amounts(
    plan: &SavingsPlan,
    hours: i64,
    hourly: Decimal,
    as_of: NaiveDate,
) -> Result<(Decimal, Option<Decimal>, Vec<PlanCharge>), QuoteError> {
    let too_large = || QuoteError::InvalidPurchase {
        line: 0,
        reason: InvalidPurchaseReason::AmountTooLarge,
        value: format!("{hourly} × {hours}"),
    };
    // h is a multiple of 0.001 and both factors are multiples of 10, so these are exact at 2 dp.
    let h = Exact::from_decimal(hourly);
    let lifetime = h
        .mul(Exact::from_int(hours))
        .and_then(|x| x.round_div(1))
        .ok_or_else(too_large)?;
    match plan.billing_plan {
        BillingPlan::Monthly => {
            let payment = h
                .mul(Exact::from_int(HOURS_PER_PLAN_MONTH))
                .and_then(|x| x.round_div(1))
                .ok_or_else(too_large)?;
            // Equal payments, not calendar-month hours (672 to 744): those would not add up to H.
            let months = plan.term.months().unwrap_or(0);
            let mut schedule = Vec::with_capacity(months as usize);
            for k in 0..months {
                let date = add_months(as_of, k).ok_or_else(|| QuoteError::InvalidPurchase {
                    line: 0,
                    reason: InvalidPurchaseReason::DateOutOfRange,
                    value: as_of.to_string(),
                })?;
                schedule.push(PlanCharge {
                    date,
                    amount: payment,
                });
            }
            Ok((lifetime, Some(payment), schedule))
        }
        _ => Ok((
            lifetime,
            None,
            vec![PlanCharge {
                date: as_of,
                amount: lifetime,
            }],
        )),
    }
}

/// The minimum hourly commitment for a remaining total: max(0.001, remaining_total / hours rounded
/// up to a multiple of 0.001); `None` on overflow.
pub fn minimum_hourly_commitment(remaining_total: Decimal, term: &Term) -> Option<Decimal> {
    let hours = term_hours(term)?;
    let h = ceil_div_to_scale(remaining_total, hours, 3)?;
    Some(h.max(HOURLY_COMMITMENT_STEP))
}

/// Quotes trading `returns` in for `savings_plan` on `as_of`, per the spec's trade-in rules.
///
/// `policy` supplies the non-refundable set only: a trade-in charges no fee, counts nothing
/// against the refund limit and ignores the exchange groups and cutoff. Errors about a return line
/// carry its 0-based index; `InvalidPurchase` about the savings plan carries `line: 0`. Overflowing
/// amounts block, as in [`crate::exchange_quote`].
pub fn tradein_quote(
    returns: &[ReturnLine],
    savings_plan: Option<&SavingsPlan>,
    as_of: NaiveDate,
    policy: &Policy,
) -> TradeInQuote {
    // Blocking checks 1–3, all reported.
    let mut blocking = Vec::new();
    if returns.is_empty() {
        blocking.push(QuoteError::InvalidExchange {
            reason: InvalidExchangeReason::NoReturnLines,
        });
    }
    duplicate_returns(returns, &mut blocking);
    let terms = check_return_lines(returns, as_of, &mut blocking);
    let plan = match check_plan(savings_plan) {
        Ok(p) => Some(p),
        Err(e) => {
            blocking.push(e);
            None
        }
    };
    let Some((plan, hours)) = plan.filter(|_| blocking.is_empty()) else {
        return TradeInQuote::blocked(blocking);
    };

    // Amounts 1: the returns.
    let (line_quotes, refunds_total, remaining_total) =
        quote_return_lines(returns, &terms, as_of, &mut blocking);
    if !blocking.is_empty() {
        return TradeInQuote::blocked(blocking);
    }
    let too_large = || {
        TradeInQuote::blocked(vec![QuoteError::InvalidExchange {
            reason: InvalidExchangeReason::TotalTooLarge,
        }])
    };
    let (Some(refunds_total), Some(remaining_total)) = (refunds_total, remaining_total) else {
        return too_large();
    };
    // Amounts 2–5: the savings plan.
    let Some(minimum) = minimum_hourly_commitment(remaining_total, &plan.term) else {
        return too_large();
    };
    let hourly = plan.hourly_commitment.unwrap_or(minimum);
    let (lifetime, monthly_payment, schedule) = match plan_amounts(plan, hours, hourly, as_of) {
        Ok(v) => v,
        Err(e) => return TradeInQuote::blocked(vec![e]),
    };
    let net_payable = match plan.billing_plan {
        BillingPlan::Monthly => None,
        _ => match lifetime.checked_sub(refunds_total) {
            Some(n) => Some(n),
            None => return too_large(),
        },
    };

    // Policy errors, all reported.
    let mut errors = Vec::new();
    if returns.len() > MAX_TRADEIN_RESERVATIONS {
        errors.push(QuoteError::TooManyReservations {
            count: returns.len(),
            max: MAX_TRADEIN_RESERVATIONS,
        });
    }
    for (i, r) in returns.iter().enumerate() {
        if !plan.kind.is_eligible(&r.reservation.family) {
            errors.push(QuoteError::TradeInNotEligible {
                family: r.reservation.family.clone(),
                kind: plan.kind.clone(),
                line: Some(i),
            });
        }
    }
    for (i, r) in returns.iter().enumerate() {
        if !r.reservation.family.is_refundable(policy) {
            errors.push(QuoteError::SelfServiceRefundNotSupported {
                family: r.reservation.family.clone(),
                line: Some(i),
            });
        }
    }
    if lifetime < remaining_total {
        errors.push(QuoteError::CommitmentTooLow {
            remaining_total,
            lifetime_commitment: lifetime,
            shortfall: remaining_total - lifetime,
            minimum_hourly_commitment: minimum,
        });
    }

    TradeInQuote {
        returns: line_quotes,
        refunds_total: Some(refunds_total),
        remaining_total: Some(remaining_total),
        minimum_hourly_commitment: Some(minimum),
        hourly_commitment: Some(hourly),
        lifetime_commitment: Some(lifetime),
        net_payable,
        monthly_payment,
        schedule: Some(schedule),
        errors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Family, Reservation, SavingsPlanKind};
    use std::str::FromStr;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    /// One unit of `family`, P1Y Upfront 1200.00, bought 2025-01-01, returned whole.
    fn line(family: Family, id: Option<&str>) -> ReturnLine {
        ReturnLine {
            reservation: Reservation {
                id: id.map(str::to_owned),
                family,
                term: Term::P1Y,
                billing_plan: BillingPlan::Upfront,
                purchase_date: d(2025, 1, 1),
                quantity: Decimal::ONE,
                unit_price: dec("1200.00"),
                current_unit_price: None,
                status: None,
                final_exchange_used: false,
            },
            quantity: Decimal::ONE,
        }
    }

    fn plan(kind: SavingsPlanKind, term: Term, hourly: Option<&str>) -> SavingsPlan {
        SavingsPlan {
            kind,
            term,
            billing_plan: BillingPlan::Upfront,
            hourly_commitment: hourly.map(dec),
        }
    }

    fn compute() -> SavingsPlan {
        plan(SavingsPlanKind::Compute, Term::P1Y, None)
    }

    fn codes(q: &TradeInQuote) -> Vec<&'static str> {
        q.errors.iter().map(QuoteError::code).collect()
    }

    /// The as-of day of most tests.
    fn on() -> NaiveDate {
        d(2025, 9, 1)
    }

    fn assert_blocked(q: &TradeInQuote) {
        assert!(
            q.errors.iter().all(QuoteError::is_blocking),
            "{:?}",
            q.errors
        );
        assert!(q.returns.is_empty());
        for a in [
            q.refunds_total,
            q.remaining_total,
            q.minimum_hourly_commitment,
            q.hourly_commitment,
            q.lifetime_commitment,
            q.net_payable,
            q.monthly_payment,
        ] {
            assert_eq!(a, None);
        }
        assert_eq!(q.schedule, None);
    }

    #[test]
    fn a_blocked_return_line_blocks_everything_and_other_blocks_are_reported_too() {
        let mut expired = line(Family::VirtualMachines, None);
        expired.reservation.status = Some("Expired".into());
        let mut over = line(Family::VirtualMachines, None);
        over.quantity = Decimal::TWO;
        let bad_plan = plan(SavingsPlanKind::Database, Term::P3Y, None);
        let ok = line(Family::VirtualMachines, None);
        let q = tradein_quote(
            &[ok, expired, over],
            Some(&bad_plan),
            on(),
            &Policy::default(),
        );
        assert_blocked(&q);
        assert_eq!(
            codes(&q),
            [
                "ReservationNotActive",
                "InvalidRefundQuantity",
                "InvalidPurchase"
            ]
        );
        assert_eq!(q.errors[0].line(), Some(1));
        assert_eq!(q.errors[1].line(), Some(2));
    }

    #[test]
    fn no_lines_duplicates_and_no_plan_block() {
        let q = tradein_quote(&[], None, on(), &Policy::default());
        assert_blocked(&q);
        assert_eq!(codes(&q), ["InvalidExchange", "InvalidPurchase"]);
        assert!(matches!(
            q.errors[1],
            QuoteError::InvalidPurchase {
                reason: InvalidPurchaseReason::MissingSavingsPlan,
                ..
            }
        ));
        let a = line(Family::VirtualMachines, Some("r-1"));
        let q = tradein_quote(&[a.clone(), a], Some(&compute()), on(), &Policy::default());
        assert_blocked(&q);
        assert_eq!(codes(&q), ["InvalidExchange"]);
    }

    #[test]
    fn database_plans_are_one_year_only() {
        let sql = line(Family::SqlDatabases, None);
        let p3y = plan(SavingsPlanKind::Database, Term::P3Y, None);
        let q = tradein_quote(
            std::slice::from_ref(&sql),
            Some(&p3y),
            on(),
            &Policy::default(),
        );
        assert_blocked(&q);
        assert!(matches!(
            q.errors[..],
            [QuoteError::InvalidPurchase {
                reason: InvalidPurchaseReason::TermNotOffered,
                line: 0,
                ..
            }]
        ));
        let p1y = plan(SavingsPlanKind::Database, Term::P1Y, None);
        let q = tradein_quote(
            std::slice::from_ref(&sql),
            Some(&p1y),
            on(),
            &Policy::default(),
        );
        assert!(q.is_allowed(), "{:?}", q.errors);
        // No term is five years; an unknown kind, term or plan is InvalidPurchase as well.
        for p in [
            plan(SavingsPlanKind::Compute, Term::P5Y, None),
            plan(SavingsPlanKind::parse("Storage"), Term::P1Y, None),
            plan(SavingsPlanKind::Compute, Term::parse("P2Y"), None),
            SavingsPlan {
                billing_plan: BillingPlan::parse("Yearly"),
                ..compute()
            },
        ] {
            let q = tradein_quote(
                std::slice::from_ref(&sql),
                Some(&p),
                on(),
                &Policy::default(),
            );
            assert_blocked(&q);
            assert_eq!(codes(&q), ["InvalidPurchase"], "{p:?}");
        }
    }

    #[test]
    fn hourly_commitment_validity() {
        for ok in ["0.001", "1.2300", "15.23", "7", "0.0010"] {
            assert!(is_valid_hourly_commitment(dec(ok)), "{ok}");
        }
        for bad in ["0.0005", "0", "0.000", "-0.001", "1.0001", "0.0015"] {
            assert!(!is_valid_hourly_commitment(dec(bad)), "{bad}");
            let p = plan(SavingsPlanKind::Compute, Term::P1Y, Some(bad));
            let q = tradein_quote(
                &[line(Family::VirtualMachines, None)],
                Some(&p),
                on(),
                &Policy::default(),
            );
            assert_blocked(&q);
            assert!(matches!(
                q.errors[..],
                [QuoteError::InvalidPurchase {
                    reason: InvalidPurchaseReason::InvalidHourlyCommitment,
                    ..
                }]
            ));
        }
        // The calculateExchange example: 15.23/hour for one year costs 133,414.80.
        let p = plan(SavingsPlanKind::Compute, Term::P1Y, Some("15.2300"));
        let q = tradein_quote(
            &[line(Family::VirtualMachines, None)],
            Some(&p),
            on(),
            &Policy::default(),
        );
        assert_eq!(q.lifetime_commitment, Some(dec("133414.80")));
    }

    #[test]
    fn more_than_100_reservations_is_a_policy_error() {
        let lines = |n: usize| -> Vec<ReturnLine> {
            (0..n)
                .map(|i| line(Family::VirtualMachines, Some(&format!("r-{i}"))))
                .collect()
        };
        let q = tradein_quote(&lines(100), Some(&compute()), on(), &Policy::default());
        assert!(q.is_allowed(), "{:?}", q.errors);
        let q = tradein_quote(&lines(101), Some(&compute()), on(), &Policy::default());
        assert_eq!(codes(&q), ["TooManyReservations"]);
        assert_eq!(
            q.errors[0],
            QuoteError::TooManyReservations {
                count: 101,
                max: 100
            }
        );
        // Amounts are still given.
        assert_eq!(q.returns.len(), 101);
        assert!(q.lifetime_commitment.is_some() && q.schedule.is_some());
    }

    #[test]
    fn a_non_refundable_family_reports_both_codes() {
        let q = tradein_quote(
            &[
                line(Family::VirtualMachines, None),
                line(Family::RedHat, None),
                line(Family::Avs, None),
            ],
            Some(&compute()),
            on(),
            &Policy::default(),
        );
        assert_eq!(
            codes(&q),
            [
                "TradeInNotEligible",
                "TradeInNotEligible",
                "SelfServiceRefundNotSupported"
            ]
        );
        assert_eq!(q.errors[0].line(), Some(1));
        assert_eq!(q.errors[1].line(), Some(2));
        assert_eq!(q.errors[2].line(), Some(1));
        assert!(q.lifetime_commitment.is_some());
    }

    #[test]
    fn commitment_too_low_names_the_minimum() {
        // Azure's example: 3-year at $100/month after 18 payments leaves 1,800.00.
        let mut r = line(Family::VirtualMachines, None);
        r.reservation.term = Term::P3Y;
        r.reservation.billing_plan = BillingPlan::Monthly;
        r.reservation.purchase_date = d(2023, 7, 1);
        r.reservation.unit_price = dec("100.00");
        let p = plan(SavingsPlanKind::Compute, Term::P1Y, Some("0.205"));
        let q = tradein_quote(&[r], Some(&p), d(2024, 12, 30), &Policy::default());
        assert_eq!(
            q.errors,
            [QuoteError::CommitmentTooLow {
                remaining_total: dec("1800.00"),
                lifetime_commitment: dec("1795.80"),
                shortfall: dec("4.20"),
                minimum_hourly_commitment: dec("0.206"),
            }]
        );
    }

    #[test]
    fn minimum_is_at_least_one_step_and_exact_quotients_stay() {
        assert_eq!(
            minimum_hourly_commitment(dec("0.00"), &Term::P1Y),
            Some(dec("0.001"))
        );
        assert_eq!(
            minimum_hourly_commitment(dec("8.76"), &Term::P1Y),
            Some(dec("0.001"))
        );
        assert_eq!(
            minimum_hourly_commitment(dec("8.77"), &Term::P1Y),
            Some(dec("0.002"))
        );
        assert_eq!(
            minimum_hourly_commitment(dec("26280.00"), &Term::P3Y),
            Some(dec("1.000"))
        );
        assert_eq!(minimum_hourly_commitment(dec("1"), &Term::P5Y), None);
        // A free reservation (current price 0) still needs the smallest plan.
        let mut free = line(Family::VirtualMachines, None);
        free.reservation.current_unit_price = Some(Decimal::ZERO);
        let q = tradein_quote(&[free], Some(&compute()), on(), &Policy::default());
        assert_eq!(q.remaining_total, Some(dec("0.00")));
        assert_eq!(q.hourly_commitment, Some(dec("0.001")));
        assert_eq!(q.lifetime_commitment, Some(dec("8.76")));
    }

    #[test]
    fn monthly_schedule_from_a_month_end_and_serde() {
        let p = SavingsPlan {
            kind: SavingsPlanKind::Compute,
            term: Term::P3Y,
            billing_plan: BillingPlan::Monthly,
            hourly_commitment: Some(dec("0.101")),
        };
        let mut r = line(Family::AppService, None);
        r.reservation.purchase_date = d(2025, 6, 1);
        let q = tradein_quote(&[r], Some(&p), d(2026, 1, 31), &Policy::default());
        let s = q.schedule.as_ref().unwrap();
        assert_eq!(s.len(), 36);
        assert_eq!(s[1].date, d(2026, 2, 28));
        assert_eq!(s[2].date, d(2026, 3, 31));
        assert_eq!(s[35].date, d(2028, 12, 31));
        assert_eq!(q.monthly_payment, Some(dec("73.73")));
        let sum: Decimal = s.iter().map(|c| c.amount).sum();
        assert_eq!(Some(sum), q.lifetime_commitment);
        assert_eq!(q.net_payable, None);
        let json = serde_json::to_value(&q).unwrap();
        assert_eq!(json["monthly_payment"], "73.73");
        assert_eq!(json["schedule"][0]["date"], "2026-01-31");
        let back: TradeInQuote = serde_json::from_value(json).unwrap();
        assert_eq!(back, q);
    }

    #[test]
    fn payments_past_the_last_date_block() {
        let mut r = line(Family::VirtualMachines, None);
        r.reservation.purchase_date = NaiveDate::MAX - chrono::Duration::days(400);
        let as_of = NaiveDate::MAX - chrono::Duration::days(100);
        let p = SavingsPlan {
            billing_plan: BillingPlan::Monthly,
            ..compute()
        };
        let q = tradein_quote(&[r], Some(&p), as_of, &Policy::default());
        assert_blocked(&q);
        assert!(matches!(
            q.errors[..],
            [QuoteError::InvalidPurchase {
                reason: InvalidPurchaseReason::DateOutOfRange,
                ..
            }]
        ));
    }

    #[test]
    fn huge_hourly_commitment_blocks_instead_of_overflowing() {
        let p = plan(
            SavingsPlanKind::Compute,
            Term::P3Y,
            Some("79228162514264337593543950"),
        );
        let q = tradein_quote(
            &[line(Family::VirtualMachines, None)],
            Some(&p),
            on(),
            &Policy::default(),
        );
        assert_blocked(&q);
        assert_eq!(codes(&q), ["InvalidPurchase"]);
    }
}
