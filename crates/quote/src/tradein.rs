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
