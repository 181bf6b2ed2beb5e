//! Exchange quotes: return lines plus purchase lines on day D (spec: "Exchange quote").

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{
    InvalidExchangeReason, InvalidPurchaseReason, NotExchangeableReason, QuoteError,
};
use crate::exact::Exact;
use crate::model::{BillingPlan, Family, PurchaseLine, ReturnLine};
use crate::policy::Policy;
use crate::refund::{check_active, check_known, is_whole, line_amounts, too_large, ActiveTerm};

/// The amounts of one return line of an exchange.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnLineQuote {
    /// round(R) of the returned units.
    pub remaining_commitment: Decimal,
    /// round(U): installments not yet billed.
    pub unpaid: Decimal,
    /// round(max(0, R − U)): credited to the exchange (no fee).
    pub refund: Decimal,
}

/// The result of [`exchange_quote`]: amounts (absent when blocked) and every error found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExchangeQuote {
    /// One entry per return line, in order; empty when blocked.
    pub returns: Vec<ReturnLineQuote>,
    /// round(lifetime(unit_price) × quantity) per purchase line, in order; empty when blocked.
    pub purchase_totals: Vec<Decimal>,
    /// Sum of the return lines' refunds.
    pub refunds_total: Option<Decimal>,
    /// Sum of the return lines' round(R).
    pub remaining_total: Option<Decimal>,
    /// Sum of the purchase totals.
    pub purchases_total: Option<Decimal>,
    /// purchases_total − refunds_total (negative when money comes back).
    pub net_payable: Option<Decimal>,
    /// All blocking errors (deduplicated), or else all policy errors.
    pub errors: Vec<QuoteError>,
}

impl ExchangeQuote {
    /// Whether the exchange may go ahead: no error of any kind.
    pub fn is_allowed(&self) -> bool {
        self.errors.is_empty()
    }

    /// The first blocking error, if any (then no amounts are given).
    pub fn blocking_error(&self) -> Option<&QuoteError> {
        self.errors.iter().find(|e| e.is_blocking())
    }

    /// A quote with no amounts carrying the given errors.
    fn blocked(errors: Vec<QuoteError>) -> ExchangeQuote {
        let unique = dedup(errors);
        ExchangeQuote {
            returns: Vec::new(),
            purchase_totals: Vec::new(),
            refunds_total: None,
            remaining_total: None,
            purchases_total: None,
            net_payable: None,
            errors: unique,
        }
    }
}

/// The errors with repeats (equal in every field) removed, first occurrence kept.
pub(crate) fn dedup(errors: Vec<QuoteError>) -> Vec<QuoteError> {
    let mut unique: Vec<QuoteError> = Vec::with_capacity(errors.len());
    for e in errors {
        if !unique.contains(&e) {
            unique.push(e);
        }
    }
    unique
}

/// `InvalidExchange { DuplicateReturn }` for each later return line repeating an earlier id.
pub(crate) fn duplicate_returns(returns: &[ReturnLine], blocking: &mut Vec<QuoteError>) {
    for (i, r) in returns.iter().enumerate() {
        let Some(id) = r.reservation.id.as_ref() else {
            continue;
        };
        let first = returns[..i]
            .iter()
            .position(|o| o.reservation.id.as_ref() == Some(id));
        if let Some(first_line) = first {
            blocking.push(QuoteError::InvalidExchange {
                reason: InvalidExchangeReason::DuplicateReturn {
                    id: id.clone(),
                    first_line,
                    line: i,
                },
            });
        }
    }
}

/// The refund's blocking checks on each return line (first failure per line, with its index);
/// the active terms of the lines that pass.
pub(crate) fn check_return_lines(
    returns: &[ReturnLine],
    as_of: NaiveDate,
    blocking: &mut Vec<QuoteError>,
) -> Vec<ActiveTerm> {
    let mut terms = Vec::with_capacity(returns.len());
    for (i, r) in returns.iter().enumerate() {
        let line = Some(i);
        match check_known(&r.reservation, line)
            .and_then(|()| check_active(&r.reservation, r.quantity, as_of, line))
        {
            Ok(t) => terms.push(t),
            Err(e) => blocking.push(e),
        }
    }
    terms
}

/// The return lines' amounts (no fee, no limit): per line, and the sums of their refunds and of
/// their round(R) (`None` when a sum overflows). A line whose amounts overflow adds `too_large`.
pub(crate) fn quote_return_lines(
    returns: &[ReturnLine],
    terms: &[ActiveTerm],
    as_of: NaiveDate,
    blocking: &mut Vec<QuoteError>,
) -> (Vec<ReturnLineQuote>, Option<Decimal>, Option<Decimal>) {
    let mut line_quotes = Vec::with_capacity(returns.len());
    let mut refunds_total = Some(Decimal::ZERO);
    let mut remaining_total = Some(Decimal::ZERO);
    for (i, (r, term)) in returns.iter().zip(terms).enumerate() {
        let amounts = line_amounts(&r.reservation, r.quantity, as_of, term);
        let refund = amounts.and_then(|a| a.gross_num.round_div(a.term_days));
        let (Some(a), Some(refund)) = (amounts, refund) else {
            blocking.push(too_large(&r.reservation, Some(i)));
            continue;
        };
        refunds_total = refunds_total.and_then(|t| t.checked_add(refund));
        remaining_total = remaining_total.and_then(|t| t.checked_add(a.remaining));
        line_quotes.push(ReturnLineQuote {
            remaining_commitment: a.remaining,
            unpaid: a.unpaid,
            refund,
        });
    }
    (line_quotes, refunds_total, remaining_total)
}

/// The blocking check of one purchase line, in the order family, term, plan, quantity, price.
fn check_purchase(p: &PurchaseLine, line: usize) -> Result<(), QuoteError> {
    let invalid = |reason, value: String| QuoteError::InvalidPurchase {
        line,
        reason,
        value,
    };
    if !p.family.is_known() {
        return Err(invalid(
            InvalidPurchaseReason::UnknownFamily,
            p.family.to_string(),
        ));
    }
    if !p.term.is_known() {
        return Err(invalid(
            InvalidPurchaseReason::UnknownTerm,
            p.term.to_string(),
        ));
    }
    if !p.billing_plan.is_known() {
        return Err(invalid(
            InvalidPurchaseReason::UnknownBillingPlan,
            p.billing_plan.to_string(),
        ));
    }
    if !is_whole(p.quantity) {
        return Err(invalid(
            InvalidPurchaseReason::QuantityNotWhole,
            p.quantity.to_string(),
        ));
    }
    if p.quantity < Decimal::ONE {
        return Err(invalid(
            InvalidPurchaseReason::QuantityBelowOne,
            p.quantity.to_string(),
        ));
    }
    if p.unit_price <= Decimal::ZERO {
        return Err(invalid(
            InvalidPurchaseReason::PriceNotPositive,
            p.unit_price.to_string(),
        ));
    }
    Ok(())
}

/// round(lifetime(unit_price) × quantity) of a checked purchase line; `None` on overflow.
fn purchase_total(p: &PurchaseLine) -> Option<Decimal> {
    let factor = match p.billing_plan {
        BillingPlan::Monthly => i64::from(p.term.months()?),
        _ => 1,
    };
    Exact::from_decimal(p.unit_price)
        .mul(Exact::from_int(factor))?
        .mul(Exact::from_decimal(p.quantity))?
        .round_div(1)
}

/// Quotes an exchange of `returns` for `purchases` on `as_of`, per the spec's exchange rules.
///
/// Errors about a return line carry its 0-based index in `line`; `InvalidPurchase` carries the
/// purchase line's index. Overflowing amounts block: `InvalidReservation { problem: TooLarge }`
/// for a return line, `InvalidPurchase { reason: AmountTooLarge }` for a purchase line and
/// `InvalidExchange { reason: TotalTooLarge }` for the totals.
pub fn exchange_quote(
    returns: &[ReturnLine],
    purchases: &[PurchaseLine],
    as_of: NaiveDate,
    policy: &Policy,
) -> ExchangeQuote {
    let mut blocking = Vec::new();
    if returns.is_empty() {
        blocking.push(QuoteError::InvalidExchange {
            reason: InvalidExchangeReason::NoReturnLines,
        });
    }
    if purchases.is_empty() {
        blocking.push(QuoteError::InvalidExchange {
            reason: InvalidExchangeReason::NoPurchaseLines,
        });
    }
    duplicate_returns(returns, &mut blocking);
    let terms = check_return_lines(returns, as_of, &mut blocking);
    for (i, p) in purchases.iter().enumerate() {
        if let Err(e) = check_purchase(p, i) {
            blocking.push(e);
        }
    }
    if !blocking.is_empty() {
        return ExchangeQuote::blocked(blocking);
    }

    // Amounts.
    let (line_quotes, refunds_total, remaining_total) =
        quote_return_lines(returns, &terms, as_of, &mut blocking);
    let mut purchase_totals = Vec::with_capacity(purchases.len());
    let mut purchases_total = Some(Decimal::ZERO);
    for (i, p) in purchases.iter().enumerate() {
        match purchase_total(p) {
            Some(t) => {
                purchases_total = purchases_total.and_then(|s| s.checked_add(t));
                purchase_totals.push(t);
            }
            None => blocking.push(QuoteError::InvalidPurchase {
                line: i,
                reason: InvalidPurchaseReason::AmountTooLarge,
                value: format!("{} × {}", p.unit_price, p.quantity),
            }),
        }
    }
    if !blocking.is_empty() {
        return ExchangeQuote::blocked(blocking);
    }
    let totals = match (refunds_total, remaining_total, purchases_total) {
        (Some(f), Some(r), Some(p)) => p.checked_sub(f).map(|n| (f, r, p, n)),
        _ => None,
    };
    let Some((refunds_total, remaining_total, purchases_total, net_payable)) = totals else {
        return ExchangeQuote::blocked(vec![QuoteError::InvalidExchange {
            reason: InvalidExchangeReason::TotalTooLarge,
        }]);
    };

    // Policy errors.
    let mut errors = Vec::new();
    if purchases_total < remaining_total {
        errors.push(QuoteError::ExchangeTotalTooLow {
            remaining_total,
            purchases_total,
            shortfall: remaining_total - purchases_total,
        });
    }
    let families = returns
        .iter()
        .map(|r| &r.reservation.family)
        .chain(purchases.iter().map(|p| &p.family));
    if !policy.families_compatible(families.clone()) {
        let mut distinct: Vec<Family> = Vec::new();
        for f in families {
            if !distinct.contains(f) {
                distinct.push(f.clone());
            }
        }
        errors.push(QuoteError::IncompatibleProductFamily { families: distinct });
    }
    for (i, r) in returns.iter().enumerate() {
        if !r.reservation.family.is_refundable(policy) {
            errors.push(QuoteError::SelfServiceRefundNotSupported {
                family: r.reservation.family.clone(),
                line: Some(i),
            });
        }
    }
    for (i, r) in returns.iter().enumerate() {
        let res = &r.reservation;
        if !policy.is_savings_plan_family(&res.family) {
            continue;
        }
        let reason = if res.purchase_date >= policy.exchange_cutoff {
            Some(NotExchangeableReason::BoughtAfterCutoff)
        } else if as_of >= policy.exchange_cutoff && res.final_exchange_used {
            Some(NotExchangeableReason::FinalExchangeUsed)
        } else {
            None
        };
        if let Some(reason) = reason {
            errors.push(QuoteError::NotExchangeable {
                family: res.family.clone(),
                cutoff: policy.exchange_cutoff,
                reason,
                line: Some(i),
            });
        }
    }

    ExchangeQuote {
        returns: line_quotes,
        purchase_totals,
        refunds_total: Some(refunds_total),
        remaining_total: Some(remaining_total),
        purchases_total: Some(purchases_total),
        net_payable: Some(net_payable),
        errors,
    }
}
