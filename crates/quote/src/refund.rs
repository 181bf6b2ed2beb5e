//! Refund quotes: returning q units of one reservation on day D (spec: "Refund quote").

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::dates::{add_months, days_between, installments_billed};
use crate::error::{QuoteError, ReservationField, ReservationProblem};
use crate::exact::{round2, Exact};
use crate::model::{BillingPlan, HistoryEntry, Reservation};
use crate::policy::Policy;

/// The result of [`refund_quote`]: the amounts (absent when a blocking check failed) and every error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefundQuote {
    /// round(R): the remaining commitment of the returned units.
    pub remaining_commitment: Option<Decimal>,
    /// round(U): installments not yet billed (0 for Upfront).
    pub unpaid: Option<Decimal>,
    /// round(fee_rate × gross): the early termination fee.
    pub fee: Option<Decimal>,
    /// round(gross) − fee: what the customer gets back.
    pub refund: Option<Decimal>,
    /// round(used): canceled commitment already counted in the rolling window (always given).
    pub limit_used: Decimal,
    /// round(refund_limit_usd − used): what is left of the limit (always given).
    pub limit_headroom: Decimal,
    /// round(R): what this return would add to the customer's refund history.
    pub limit_added: Option<Decimal>,
    /// The expiry date E, whenever the term is known and the date representable.
    pub expiry_date: Option<NaiveDate>,
    /// E − D in days, whenever E is known (zero or negative once expired, above term_days before S).
    pub remaining_days: Option<i64>,
    /// The blocking error (alone) or the policy errors, in the spec's order.
    pub errors: Vec<QuoteError>,
}

impl RefundQuote {
    /// Whether the return may go ahead: no error of any kind.
    pub fn is_allowed(&self) -> bool {
        self.errors.is_empty()
    }

    /// The blocking error, if a blocking check failed (then no amounts are given).
    pub fn blocking_error(&self) -> Option<&QuoteError> {
        self.errors.iter().find(|e| e.is_blocking())
    }
}

/// What the blocking checks establish about an active reservation on the as-of date.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ActiveTerm {
    /// Months in the term.
    pub(crate) months: u32,
    /// E − S in days (> 0).
    pub(crate) term_days: i64,
    /// E − D in days (1 ≤ remaining_days ≤ term_days).
    pub(crate) remaining_days: i64,
}

/// The exact amounts of one returned line.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LineAmounts {
    /// round(R).
    pub(crate) remaining: Decimal,
    /// round(U).
    pub(crate) unpaid: Decimal,
    /// max(0, R − U) × term_days, exact.
    pub(crate) gross_num: Exact,
    /// term_days, the denominator of R.
    pub(crate) term_days: i64,
}

/// The error used when a reservation's amounts overflow: `InvalidReservation` on `unit_price`, `TooLarge`.
pub(crate) fn too_large(res: &Reservation, line: Option<usize>) -> QuoteError {
    QuoteError::InvalidReservation {
        field: ReservationField::UnitPrice,
        value: res.unit_price.to_string(),
        problem: ReservationProblem::TooLarge,
        line,
    }
}

/// Blocking check 1 (reservation part): family, term and plan known; prices not negative.
pub(crate) fn check_known(res: &Reservation, line: Option<usize>) -> Result<(), QuoteError> {
    let invalid = |field, value: &str, problem| QuoteError::InvalidReservation {
        field,
        value: value.to_owned(),
        problem,
        line,
    };
    if !res.family.is_known() {
        return Err(invalid(
            ReservationField::Family,
            res.family.as_str(),
            ReservationProblem::Unknown,
        ));
    }
    if !res.term.is_known() {
        return Err(invalid(
            ReservationField::Term,
            res.term.as_str(),
            ReservationProblem::Unknown,
        ));
    }
    if !res.billing_plan.is_known() {
        return Err(invalid(
            ReservationField::BillingPlan,
            res.billing_plan.as_str(),
            ReservationProblem::Unknown,
        ));
    }
    if res.unit_price.is_sign_negative() && !res.unit_price.is_zero() {
        return Err(invalid(
            ReservationField::UnitPrice,
            &res.unit_price.to_string(),
            ReservationProblem::Negative,
        ));
    }
    if let Some(c) = res.current_unit_price {
        if c.is_sign_negative() && !c.is_zero() {
            return Err(invalid(
                ReservationField::CurrentUnitPrice,
                &c.to_string(),
                ReservationProblem::Negative,
            ));
        }
    }
    Ok(())
}

/// Whether `q` is a whole number.
pub(crate) fn is_whole(q: Decimal) -> bool {
    q.fract().is_zero()
}

/// Blocking checks 2–4: quantity, date order, and active on D.
pub(crate) fn check_active(
    res: &Reservation,
    quantity: Decimal,
    as_of: NaiveDate,
    line: Option<usize>,
) -> Result<ActiveTerm, QuoteError> {
    if !is_whole(quantity) || quantity < Decimal::ONE || quantity > res.quantity {
        return Err(QuoteError::InvalidRefundQuantity {
            requested: quantity,
            available: res.quantity,
            line,
        });
    }
    if as_of < res.purchase_date {
        return Err(QuoteError::InvalidDate {
            purchase_date: res.purchase_date,
            as_of,
            line,
        });
    }
    let months = res.term.months();
    let expiry = months.and_then(|m| add_months(res.purchase_date, m));
    if !res.is_status_active() {
        return Err(QuoteError::ReservationNotActive {
            status: res.effective_status().to_owned(),
            expiry,
            line,
        });
    }
    let (Some(months), Some(expiry)) = (months, expiry) else {
        return Err(QuoteError::InvalidReservation {
            field: ReservationField::PurchaseDate,
            value: res.purchase_date.to_string(),
            problem: ReservationProblem::OutOfRange,
            line,
        });
    };
    if as_of >= expiry {
        return Err(QuoteError::ReservationNotActive {
            status: res.effective_status().to_owned(),
            expiry: Some(expiry),
            line,
        });
    }
    Ok(ActiveTerm {
        months,
        term_days: days_between(res.purchase_date, expiry),
        remaining_days: days_between(as_of, expiry),
    })
}

/// R and U of returning `quantity` units on `as_of`, exactly; `None` on overflow.
pub(crate) fn line_amounts(
    res: &Reservation,
    quantity: Decimal,
    as_of: NaiveDate,
    term: &ActiveTerm,
) -> Option<LineAmounts> {
    let q = Exact::from_decimal(quantity);
    let price = res.unit_price.min(res.effective_current_unit_price());
    // lifetime() multiplies both prices by the same positive factor, so min commutes with it.
    let (lifetime_factor, unpaid) = match res.billing_plan {
        BillingPlan::Monthly => {
            let billed = installments_billed(res.purchase_date, term.months, as_of);
            let left = Exact::from_int(i64::from(term.months.saturating_sub(billed)));
            let u = Exact::from_decimal(res.unit_price).mul(q)?.mul(left)?;
            (Exact::from_int(i64::from(term.months)), u)
        }
        _ => (Exact::from_int(1), Exact::ZERO),
    };
    let basis = Exact::from_decimal(price).mul(lifetime_factor)?;
    // R × term_days = basis × q × remaining_days, exact.
    let r_num = basis.mul(q)?.mul(Exact::from_int(term.remaining_days))?;
    let gross_num = r_num
        .sub(unpaid.mul(Exact::from_int(term.term_days))?)?
        .max_zero();
    Some(LineAmounts {
        remaining: r_num.round_div(term.term_days)?,
        unpaid: unpaid.round_div(1)?,
        gross_num,
        term_days: term.term_days,
    })
}

/// The canceled commitment counted on `as_of`: entries with h ≤ D < h + window days (saturating sum).
pub fn limit_used(history: &[HistoryEntry], as_of: NaiveDate, policy: &Policy) -> Decimal {
    history
        .iter()
        .filter(|h| {
            let age = days_between(h.date, as_of);
            age >= 0 && age < policy.limit_window_days
        })
        .fold(Decimal::ZERO, |acc, h| acc.saturating_add(h.amount))
}

/// Quotes returning `quantity` units of `reservation` on `as_of`, per the spec's refund rules.
///
/// Overflowing amounts (e.g. a price near 1e27) give the blocking error
/// `InvalidReservation { field: unit_price, problem: TooLarge }`; a huge history saturates.
pub fn refund_quote(
    reservation: &Reservation,
    quantity: Decimal,
    as_of: NaiveDate,
    history: &[HistoryEntry],
    policy: &Policy,
) -> RefundQuote {
    let used = limit_used(history, as_of, policy);
    let expiry = reservation
        .term
        .months()
        .and_then(|m| add_months(reservation.purchase_date, m));
    let mut quote = RefundQuote {
        remaining_commitment: None,
        unpaid: None,
        fee: None,
        refund: None,
        limit_used: round2(used),
        limit_headroom: round2(policy.refund_limit_usd.saturating_sub(used)),
        limit_added: None,
        expiry_date: expiry,
        remaining_days: expiry.map(|e| days_between(as_of, e)),
        errors: Vec::new(),
    };

    let checked = check_known(reservation, None)
        .and_then(|()| {
            policy
                .validate_for_refund()
                .map_err(|reason| QuoteError::InvalidPolicy { reason })
        })
        .and_then(|()| check_active(reservation, quantity, as_of, None))
        .and_then(|term| {
            let amounts = line_amounts(reservation, quantity, as_of, &term)
                .ok_or_else(|| too_large(reservation, None))?;
            let fee_num = Exact::from_decimal(policy.fee_rate).mul(amounts.gross_num);
            let gross = amounts.gross_num.round_div(amounts.term_days);
            let fee = fee_num.and_then(|f| f.round_div(amounts.term_days));
            match (gross, fee) {
                (Some(gross), Some(fee)) => Ok((amounts, gross, fee)),
                _ => Err(too_large(reservation, None)),
            }
        });

    let (amounts, gross, fee) = match checked {
        Ok(v) => v,
        Err(e) => {
            quote.errors.push(e);
            return quote;
        }
    };
    let Some(refund) = gross.checked_sub(fee) else {
        quote.errors.push(too_large(reservation, None));
        return quote;
    };
    quote.remaining_commitment = Some(amounts.remaining);
    quote.unpaid = Some(amounts.unpaid);
    quote.fee = Some(fee);
    quote.refund = Some(refund);
    quote.limit_added = Some(amounts.remaining);

    // Policy error 5: the refund limit.
    let total = quote.limit_used.checked_add(amounts.remaining);
    let exceeded = match total {
        Some(t) => t > policy.refund_limit_usd,
        None => amounts.remaining > Decimal::ZERO,
    };
    if exceeded {
        let excess = total
            .and_then(|t| t.checked_sub(policy.refund_limit_usd))
            .unwrap_or(Decimal::MAX);
        quote.errors.push(QuoteError::RefundLimitExceeded {
            limit: policy.refund_limit_usd,
            used: quote.limit_used,
            headroom: quote.limit_headroom,
            requested: amounts.remaining,
            excess,
        });
    }
    // Policy error 6: non-refundable family.
    if !reservation.family.is_refundable(policy) {
        quote
            .errors
            .push(QuoteError::SelfServiceRefundNotSupported {
                family: reservation.family.clone(),
                line: None,
            });
    }
    quote
}
