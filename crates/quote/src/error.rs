//! Quote errors: one variant per spec error code, each carrying the details a UI needs.
//!
//! Errors that concern one line of an exchange carry that line's 0-based index in `line`
//! (`None` in a refund quote). Serialized internally tagged: `{"code": "InvalidDate", ...}`.

use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::model::{Family, SavingsPlanKind, Term};

/// A reason a refund or exchange is refused, or why it cannot be quoted at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code")]
pub enum QuoteError {
    /// Policy error: this return would take the canceled commitment in the window past the limit.
    RefundLimitExceeded {
        /// The policy's limit in USD.
        limit: Decimal,
        /// round(used): canceled commitment already counted in the window.
        used: Decimal,
        /// round(limit − used): what was left before this return.
        headroom: Decimal,
        /// round(R): what this return would add.
        requested: Decimal,
        /// round(used) + round(R) − limit: by how much the limit would be passed.
        excess: Decimal,
    },
    /// Blocking: the quantity to return is not a whole number between 1 and the reservation's quantity.
    InvalidRefundQuantity {
        /// The quantity asked for.
        requested: Decimal,
        /// The reservation's quantity Q.
        available: Decimal,
        /// The exchange return line (0-based), `None` in a refund quote.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        line: Option<usize>,
    },
    /// Policy error: the family cannot be refunded or returned by self-service.
    SelfServiceRefundNotSupported {
        /// The family concerned.
        family: Family,
        /// The exchange return line (0-based), `None` in a refund quote.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        line: Option<usize>,
    },
    /// Blocking: the reservation is not active on the as-of date (expired, or status not `Succeeded`).
    ReservationNotActive {
        /// The reservation's status (`Succeeded` when it is merely past its expiry).
        status: String,
        /// The expiry date E when it could be computed.
        expiry: Option<NaiveDate>,
        /// The exchange return line (0-based), `None` in a refund quote.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        line: Option<usize>,
    },
    /// Blocking: the as-of date is before the purchase date.
    InvalidDate {
        /// The purchase date S.
        purchase_date: NaiveDate,
        /// The as-of date D.
        as_of: NaiveDate,
        /// The exchange return line (0-based), `None` in a refund quote.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        line: Option<usize>,
    },
    /// Policy error: the purchases' lifetime commitment is below the remaining commitment returned.
    ExchangeTotalTooLow {
        /// Sum of round(R) of the returns.
        remaining_total: Decimal,
        /// Sum of the purchase totals.
        purchases_total: Decimal,
        /// remaining_total − purchases_total.
        shortfall: Decimal,
    },
    /// Policy error: the returned and purchased families are not all in one exchange group.
    IncompatibleProductFamily {
        /// The distinct families involved, in order of first appearance (returns first).
        families: Vec<Family>,
    },
    /// Policy error: a savings-plan family returned after the exchange cutoff rules forbid it.
    NotExchangeable {
        /// The family concerned.
        family: Family,
        /// The policy's cutoff date.
        cutoff: NaiveDate,
        /// Why the cutoff applies.
        reason: NotExchangeableReason,
        /// The exchange return line (0-based).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        line: Option<usize>,
    },
    /// Blocking: a purchase line of an exchange is not valid.
    InvalidPurchase {
        /// The purchase line (0-based).
        line: usize,
        /// What is wrong with it.
        reason: InvalidPurchaseReason,
        /// The offending value as given.
        value: String,
    },
    /// Blocking: the exchange as a whole is malformed.
    InvalidExchange {
        /// What is wrong with it.
        reason: InvalidExchangeReason,
    },
    /// Blocking: a reservation field is unknown or unusable (also used when amounts overflow).
    InvalidReservation {
        /// The field concerned.
        field: ReservationField,
        /// The offending value as given.
        value: String,
        /// What is wrong with it.
        problem: ReservationProblem,
        /// The exchange return line (0-based), `None` in a refund quote.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        line: Option<usize>,
    },
    /// Blocking: the policy settings are out of range.
    InvalidPolicy {
        /// What is wrong with the policy.
        reason: InvalidPolicyReason,
    },
    /// Policy error: a trade-in returns more reservations (lines) than one trade-in allows.
    TooManyReservations {
        /// How many return lines the trade-in has.
        count: usize,
        /// The most one trade-in may return (100).
        max: usize,
    },
    /// Policy error: a returned family cannot be traded in for the savings plan's kind.
    TradeInNotEligible {
        /// The family concerned.
        family: Family,
        /// The savings plan's kind.
        kind: SavingsPlanKind,
        /// The trade-in return line (0-based).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        line: Option<usize>,
    },
    /// Policy error: the savings plan's lifetime commitment is below the remaining commitment returned.
    CommitmentTooLow {
        /// Sum of round(R) of the returns.
        remaining_total: Decimal,
        /// hourly_commitment × term hours.
        lifetime_commitment: Decimal,
        /// remaining_total − lifetime_commitment.
        shortfall: Decimal,
        /// The smallest hourly commitment that would do.
        minimum_hourly_commitment: Decimal,
    },
    /// Blocking: an input of the commitment KPIs is out of range.
    InvalidKpiInput {
        /// What is wrong.
        reason: InvalidKpiInputReason,
    },
    /// Policy error: reservations of this VM series can no longer be bought or renewed for this
    /// term (see [`crate::retirement`]).
    SkuRetired {
        /// The ARM SKU name asked for.
        sku: String,
        /// Its VM series, e.g. `Dsv3`.
        series: String,
        /// The term asked for.
        term: Term,
        /// The day since which the term is refused.
        since: NaiveDate,
    },
}

/// What is wrong with the inputs of the commitment KPIs.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind")]
pub enum InvalidKpiInputReason {
    /// The window is not a whole number of days ≥ 1.
    WindowDays {
        /// The window as given.
        value: Decimal,
    },
    /// A utilization percentage is outside [0, 100].
    Utilization {
        /// The reservation (0-based index in the input).
        line: usize,
        /// The day of the value.
        date: NaiveDate,
        /// The value as given.
        value: Decimal,
    },
    /// An on-demand price is negative.
    OnDemandPrice {
        /// The SKU priced.
        sku: String,
        /// The price as given.
        value: Decimal,
    },
    /// The sums are too large to compute.
    TotalTooLarge,
}

/// Why a savings-plan family is not exchangeable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NotExchangeableReason {
    /// The reservation was bought on or after the cutoff date.
    BoughtAfterCutoff,
    /// The as-of date is on or after the cutoff and the one final exchange has been used.
    FinalExchangeUsed,
}

/// What is wrong with a purchase line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum InvalidPurchaseReason {
    /// The family is not one of the spec's families.
    UnknownFamily,
    /// The term is not one of the spec's terms.
    UnknownTerm,
    /// The billing plan is not one of the spec's plans.
    UnknownBillingPlan,
    /// The quantity is not a whole number.
    QuantityNotWhole,
    /// The quantity is below 1.
    QuantityBelowOne,
    /// The unit price is zero or negative.
    PriceNotPositive,
    /// The line's total is too large to compute.
    AmountTooLarge,
    /// A trade-in has no savings plan.
    MissingSavingsPlan,
    /// The savings plan's kind is not `Compute` or `Database`.
    UnknownSavingsPlanKind,
    /// The savings plan's kind is not sold with this term (P5Y; Database other than P1Y).
    TermNotOffered,
    /// The hourly commitment is not a multiple of 0.001 of at least 0.001.
    InvalidHourlyCommitment,
    /// The savings plan's payments would fall after the last representable date.
    DateOutOfRange,
}

/// What is wrong with an exchange as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind")]
pub enum InvalidExchangeReason {
    /// There is no return line.
    NoReturnLines,
    /// There is no purchase line.
    NoPurchaseLines,
    /// Two return lines name the same reservation id.
    DuplicateReturn {
        /// The repeated reservation id.
        id: String,
        /// The first return line with that id (0-based).
        first_line: usize,
        /// The later return line with that id (0-based).
        line: usize,
    },
    /// The exchange's totals are too large to compute.
    TotalTooLarge,
}

/// What is wrong with the policy.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind")]
pub enum InvalidPolicyReason {
    /// The fee rate is below 0 or above 1.
    FeeRateOutOfRange {
        /// The policy's fee rate.
        fee_rate: Decimal,
    },
    /// The refund-limit window is negative.
    NegativeLimitWindow {
        /// The policy's window in days.
        days: i64,
    },
}

/// A reservation field named by [`QuoteError::InvalidReservation`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReservationField {
    /// The `family` field.
    Family,
    /// The `term` field.
    Term,
    /// The `billing_plan` field.
    BillingPlan,
    /// The `unit_price` field.
    UnitPrice,
    /// The `current_unit_price` field.
    CurrentUnitPrice,
    /// The `purchase_date` field.
    PurchaseDate,
    /// The `quantity` field (the commitment KPIs' Q).
    Quantity,
}

/// What is wrong with a reservation field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ReservationProblem {
    /// The value is not one the spec knows.
    Unknown,
    /// The price is negative.
    Negative,
    /// The amounts computed from it do not fit in a decimal (overflow).
    TooLarge,
    /// The date is so late that the expiry date cannot be represented.
    OutOfRange,
}

impl QuoteError {
    /// The spec's error code, e.g. `"RefundLimitExceeded"`.
    pub fn code(&self) -> &'static str {
        match self {
            QuoteError::RefundLimitExceeded { .. } => "RefundLimitExceeded",
            QuoteError::InvalidRefundQuantity { .. } => "InvalidRefundQuantity",
            QuoteError::SelfServiceRefundNotSupported { .. } => "SelfServiceRefundNotSupported",
            QuoteError::ReservationNotActive { .. } => "ReservationNotActive",
            QuoteError::InvalidDate { .. } => "InvalidDate",
            QuoteError::ExchangeTotalTooLow { .. } => "ExchangeTotalTooLow",
            QuoteError::IncompatibleProductFamily { .. } => "IncompatibleProductFamily",
            QuoteError::NotExchangeable { .. } => "NotExchangeable",
            QuoteError::InvalidPurchase { .. } => "InvalidPurchase",
            QuoteError::InvalidExchange { .. } => "InvalidExchange",
            QuoteError::InvalidReservation { .. } => "InvalidReservation",
            QuoteError::InvalidPolicy { .. } => "InvalidPolicy",
            QuoteError::TooManyReservations { .. } => "TooManyReservations",
            QuoteError::TradeInNotEligible { .. } => "TradeInNotEligible",
            QuoteError::CommitmentTooLow { .. } => "CommitmentTooLow",
            QuoteError::InvalidKpiInput { .. } => "InvalidKpiInput",
            QuoteError::SkuRetired { .. } => "SkuRetired",
        }
    }

    /// Whether the error blocks the quote (no amounts); policy errors return `false`.
    pub fn is_blocking(&self) -> bool {
        !matches!(
            self,
            QuoteError::RefundLimitExceeded { .. }
                | QuoteError::SelfServiceRefundNotSupported { .. }
                | QuoteError::ExchangeTotalTooLow { .. }
                | QuoteError::IncompatibleProductFamily { .. }
                | QuoteError::NotExchangeable { .. }
                | QuoteError::TooManyReservations { .. }
                | QuoteError::TradeInNotEligible { .. }
                | QuoteError::CommitmentTooLow { .. }
                | QuoteError::SkuRetired { .. }
        )
    }

    /// The exchange line the error is about, if any (return line, or purchase line for `InvalidPurchase`).
    pub fn line(&self) -> Option<usize> {
        match self {
            QuoteError::InvalidRefundQuantity { line, .. }
            | QuoteError::SelfServiceRefundNotSupported { line, .. }
            | QuoteError::ReservationNotActive { line, .. }
            | QuoteError::InvalidDate { line, .. }
            | QuoteError::NotExchangeable { line, .. }
            | QuoteError::TradeInNotEligible { line, .. }
            | QuoteError::InvalidReservation { line, .. } => *line,
            QuoteError::InvalidPurchase { line, .. } => Some(*line),
            _ => None,
        }
    }

    /// Every spec error code, in the spec's order.
    pub const CODES: &'static [&'static str] = &[
        "RefundLimitExceeded",
        "InvalidRefundQuantity",
        "SelfServiceRefundNotSupported",
        "ReservationNotActive",
        "InvalidDate",
        "ExchangeTotalTooLow",
        "IncompatibleProductFamily",
        "NotExchangeable",
        "InvalidPurchase",
        "InvalidExchange",
        "InvalidReservation",
        "InvalidPolicy",
        "TooManyReservations",
        "TradeInNotEligible",
        "CommitmentTooLow",
        "InvalidKpiInput",
        "SkuRetired",
    ];
}

/// Writes "Return line N: " (1-based for people) when a line index is present.
fn line_prefix(f: &mut fmt::Formatter<'_>, line: &Option<usize>) -> fmt::Result {
    match line {
        Some(i) => write!(f, "Return line {}: ", i.saturating_add(1)),
        None => Ok(()),
    }
}

impl fmt::Display for QuoteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QuoteError::RefundLimitExceeded {
                limit,
                used,
                headroom,
                requested,
                excess,
            } => write!(
                f,
                "This return would cancel {requested} USD of commitment, but only {headroom} USD of the \
                 {limit} USD limit for the last 12 months is left ({used} USD already used); it is \
                 {excess} USD over the limit."
            ),
            QuoteError::InvalidRefundQuantity {
                requested,
                available,
                line,
            } => {
                line_prefix(f, line)?;
                write!(
                    f,
                    "The quantity to return must be a whole number from 1 to {available}, but {requested} was asked for."
                )
            }
            QuoteError::SelfServiceRefundNotSupported { family, line } => {
                line_prefix(f, line)?;
                write!(f, "{family} reservations cannot be returned by self-service.")
            }
            QuoteError::ReservationNotActive {
                status,
                expiry,
                line,
            } => {
                line_prefix(f, line)?;
                if status != crate::model::ACTIVE_STATUS {
                    write!(f, "The reservation is not active: its status is \"{status}\".")
                } else if let Some(e) = expiry {
                    write!(f, "The reservation is not active: it expired on {e}.")
                } else {
                    write!(f, "The reservation is not active.")
                }
            }
            QuoteError::InvalidDate {
                purchase_date,
                as_of,
                line,
            } => {
                line_prefix(f, line)?;
                write!(
                    f,
                    "The quote date {as_of} is before the reservation's purchase date {purchase_date}."
                )
            }
            QuoteError::ExchangeTotalTooLow {
                remaining_total,
                purchases_total,
                shortfall,
            } => write!(
                f,
                "The new purchases total {purchases_total} USD, less than the {remaining_total} USD of \
                 remaining commitment returned; add at least {shortfall} USD of purchases."
            ),
            QuoteError::IncompatibleProductFamily { families } => {
                let names: Vec<&str> = families.iter().map(Family::as_str).collect();
                write!(
                    f,
                    "These product families cannot be exchanged for one another: {}.",
                    names.join(", ")
                )
            }
            QuoteError::NotExchangeable {
                family,
                cutoff,
                reason,
                line,
            } => {
                line_prefix(f, line)?;
                match reason {
                    NotExchangeableReason::BoughtAfterCutoff => write!(
                        f,
                        "{family} reservations bought on or after {cutoff} cannot be exchanged."
                    ),
                    NotExchangeableReason::FinalExchangeUsed => write!(
                        f,
                        "This {family} reservation has already used its one final exchange allowed after {cutoff}."
                    ),
                }
            }
            QuoteError::InvalidPurchase {
                line,
                reason,
                value,
            } => {
                write!(f, "Purchase line {}: ", line.saturating_add(1))?;
                match reason {
                    InvalidPurchaseReason::UnknownFamily => {
                        write!(f, "\"{value}\" is not a known product family.")
                    }
                    InvalidPurchaseReason::UnknownTerm => {
                        write!(f, "\"{value}\" is not a known term.")
                    }
                    InvalidPurchaseReason::UnknownBillingPlan => {
                        write!(f, "\"{value}\" is not a known billing plan.")
                    }
                    InvalidPurchaseReason::QuantityNotWhole => {
                        write!(f, "the quantity {value} is not a whole number.")
                    }
                    InvalidPurchaseReason::QuantityBelowOne => {
                        write!(f, "the quantity {value} is less than 1.")
                    }
                    InvalidPurchaseReason::PriceNotPositive => {
                        write!(f, "the unit price {value} is not above zero.")
                    }
                    InvalidPurchaseReason::AmountTooLarge => {
                        write!(f, "the total ({value}) is too large to compute.")
                    }
                    InvalidPurchaseReason::MissingSavingsPlan => {
                        write!(f, "a trade-in needs a savings plan to buy.")
                    }
                    InvalidPurchaseReason::UnknownSavingsPlanKind => {
                        write!(f, "\"{value}\" is not a known savings plan kind.")
                    }
                    InvalidPurchaseReason::TermNotOffered => {
                        write!(f, "this savings plan is not sold with the term {value}.")
                    }
                    InvalidPurchaseReason::InvalidHourlyCommitment => write!(
                        f,
                        "the hourly commitment {value} is not a multiple of 0.001 of at least 0.001."
                    ),
                    InvalidPurchaseReason::DateOutOfRange => write!(
                        f,
                        "the savings plan's payments from {value} cannot be dated."
                    ),
                }
            }
            QuoteError::InvalidExchange { reason } => match reason {
                InvalidExchangeReason::NoReturnLines => {
                    write!(f, "An exchange needs at least one reservation to return.")
                }
                InvalidExchangeReason::NoPurchaseLines => {
                    write!(f, "An exchange needs at least one reservation to purchase.")
                }
                InvalidExchangeReason::DuplicateReturn {
                    id,
                    first_line,
                    line,
                } => write!(
                    f,
                    "Reservation {id} is returned twice (return lines {} and {}).",
                    first_line.saturating_add(1),
                    line.saturating_add(1)
                ),
                InvalidExchangeReason::TotalTooLarge => {
                    write!(f, "The exchange's totals are too large to compute.")
                }
            },
            QuoteError::InvalidReservation {
                field,
                value,
                problem,
                line,
            } => {
                line_prefix(f, line)?;
                let name = field.label();
                match problem {
                    ReservationProblem::Unknown => {
                        write!(f, "The reservation's {name} \"{value}\" is not a known value.")
                    }
                    ReservationProblem::Negative => {
                        write!(f, "The reservation's {name} {value} is negative.")
                    }
                    ReservationProblem::TooLarge => write!(
                        f,
                        "The reservation's amounts are too large to compute ({name} {value})."
                    ),
                    ReservationProblem::OutOfRange => write!(
                        f,
                        "The reservation's {name} {value} is too late for its expiry date to be computed."
                    ),
                }
            }
            QuoteError::InvalidPolicy { reason } => match reason {
                InvalidPolicyReason::FeeRateOutOfRange { fee_rate } => write!(
                    f,
                    "The policy's fee rate {fee_rate} is outside the allowed range 0 to 1."
                ),
                InvalidPolicyReason::NegativeLimitWindow { days } => write!(
                    f,
                    "The policy's refund-limit window of {days} days is negative."
                ),
            },
            QuoteError::TooManyReservations { count, max } => write!(
                f,
                "A trade-in can return at most {max} reservations, but {count} were given."
            ),
            QuoteError::TradeInNotEligible { family, kind, line } => {
                line_prefix(f, line)?;
                write!(
                    f,
                    "{family} reservations cannot be traded in for a {kind} savings plan."
                )
            }
            QuoteError::CommitmentTooLow {
                remaining_total,
                lifetime_commitment,
                shortfall,
                minimum_hourly_commitment,
            } => write!(
                f,
                "The savings plan commits {lifetime_commitment} USD, less than the {remaining_total} USD \
                 of remaining commitment returned ({shortfall} USD short); commit at least \
                 {minimum_hourly_commitment} USD per hour."
            ),
            QuoteError::InvalidKpiInput { reason } => match reason {
                InvalidKpiInputReason::WindowDays { value } => write!(
                    f,
                    "The KPI window must be a whole number of days from 1, but {value} was given."
                ),
                InvalidKpiInputReason::Utilization { line, date, value } => write!(
                    f,
                    "Reservation {}: the utilization {value} on {date} is not a percentage from 0 to 100.",
                    line.saturating_add(1)
                ),
                InvalidKpiInputReason::OnDemandPrice { sku, value } => write!(
                    f,
                    "The on-demand price {value} of {sku} is negative."
                ),
                InvalidKpiInputReason::TotalTooLarge => {
                    write!(f, "The KPI sums are too large to compute.")
                }
            },
            QuoteError::SkuRetired {
                sku,
                series,
                term,
                since,
            } => {
                let years = match term {
                    Term::P1Y => "1 year",
                    Term::P3Y => "3 years",
                    Term::P5Y => "5 years",
                    Term::Unknown(t) => t.as_str(),
                };
                write!(
                    f,
                    "Reservations of the {series} VM series ({sku}) cannot be bought or renewed for \
                     {years} since {since}."
                )
            }
        }
    }
}

impl std::error::Error for QuoteError {}

impl ReservationField {
    /// A short English label for the field, e.g. "unit price".
    pub fn label(&self) -> &'static str {
        match self {
            ReservationField::Family => "family",
            ReservationField::Term => "term",
            ReservationField::BillingPlan => "billing plan",
            ReservationField::UnitPrice => "unit price",
            ReservationField::CurrentUnitPrice => "current unit price",
            ReservationField::PurchaseDate => "purchase date",
            ReservationField::Quantity => "quantity",
        }
    }
}
