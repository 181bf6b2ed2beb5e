//! Refund, exchange and trade-in quotes and commitment KPIs for Azure reservations, exact to the
//! cent.
//!
//! The rules are defined by `shared/spec/refund-exchange.md`; this crate implements them in
//! `rust_decimal` with exact rational rounding, never reads a clock (the as-of date is always a
//! parameter) and builds for `wasm32-unknown-unknown`. No input panics: overflowing amounts
//! become blocking errors (see [`refund_quote`], [`exchange_quote`], [`tradein_quote`] and
//! [`commitment_kpis`]). [`retirement`] knows the VM series whose reservations can no longer be
//! bought or renewed.
//!
//! Conformance vectors live in the repository's `tests/vectors/` (run by the `vectors` test;
//! `RESERVATION_VECTORS=<dir>` adds more). Speed: `cargo bench -p reservation-quote --bench quote`.
//! See this crate's README.md for the spec ambiguities it resolves.

#![warn(missing_docs)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod dates;
mod error;
mod exact;
mod exchange;
mod kpis;
mod model;
mod policy;
mod purchase;
mod refund;
pub mod retirement;
mod schedule;
mod split;
mod tradein;

pub use dates::{add_months, days_between, expiry_date, installments_billed, term_days};
pub use error::{
    InvalidExchangeReason, InvalidKpiInputReason, InvalidPolicyReason, InvalidPurchaseReason,
    NotExchangeableReason, QuoteError, ReservationField, ReservationProblem,
};
pub use exchange::{exchange_quote, ExchangeQuote, ReturnLineQuote};
pub use kpis::{commitment_kpis, KpiInput, KpiReservation, Kpis};
pub use model::{
    BillingPlan, Family, HistoryEntry, PurchaseLine, Reservation, ReturnLine, SavingsPlan,
    SavingsPlanKind, Term, ACTIVE_STATUS,
};
pub use policy::{Policy, DEFAULT_EXCHANGE_CUTOFF};
pub use purchase::{
    check_purchase_quantity, purchase_price, purchase_total, PurchasePrice, PurchasePriceError,
    MAX_PURCHASE_QUANTITY, MIN_PURCHASE_QUANTITY,
};
pub use refund::{limit_used, refund_quote, RefundQuote};
pub use retirement::{retirement, vm_series, RetiredSeries, Retirement, RETIRED_VM_SERIES};
pub use schedule::{
    month_of, monthly_totals, payment_schedule, shift_month, ChangeKind, Charge, ChargeStatus,
    Credit, MonthTotals, QuantityChange, Schedule, ScheduleError, ScheduleLine, ScheduleOrder,
    YearMonth,
};
pub use split::{
    charge, check_merge, check_split, merge_mismatch, part_charges, MergeError, MergeField,
    MergeSource, SplitError, SPLIT_PARTS,
};
pub use tradein::{
    is_valid_hourly_commitment, minimum_hourly_commitment, term_hours, tradein_quote, PlanCharge,
    TradeInQuote, HOURLY_COMMITMENT_STEP, HOURS_PER_PLAN_MONTH, MAX_TRADEIN_RESERVATIONS,
};
