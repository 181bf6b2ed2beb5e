//! Inputs for the quote engine, built from the API's models, so the browser computes the same
//! quote the backend will enforce.

use chrono::NaiveDate;
use reservation_quote as quote;
use rust_decimal::Decimal;

use super::{RefundLimitUsage, Reservation};

/// The engine's view of an API reservation.
pub fn reservation(r: &Reservation) -> quote::Reservation {
    let p = &r.properties;
    quote::Reservation {
        id: Some(r.reservation_id().to_string()),
        family: p.reserved_resource_type.clone(),
        term: p.term.clone(),
        billing_plan: p.billing_plan.clone(),
        purchase_date: p.purchase_date,
        quantity: Decimal::from(p.quantity),
        unit_price: p.unit_price,
        current_unit_price: p.current_unit_price,
        status: Some(p.provisioning_state.as_str().to_string()),
        final_exchange_used: p.final_exchange_used,
    }
}

/// The customer's refund history as the engine counts it.
pub fn history(usage: &RefundLimitUsage) -> Vec<quote::HistoryEntry> {
    usage
        .entries
        .iter()
        .map(|e| quote::HistoryEntry {
            date: e.date,
            amount: e.amount,
        })
        .collect()
}

/// The policy the engine applies, with the customer's refund limit.
pub fn policy(usage: &RefundLimitUsage) -> quote::Policy {
    quote::Policy {
        refund_limit_usd: usage.limit,
        ..quote::Policy::default()
    }
}

/// A refund quote for returning `quantity` units today.
pub fn refund_quote(
    r: &Reservation,
    quantity: Decimal,
    usage: &RefundLimitUsage,
    today: NaiveDate,
) -> quote::RefundQuote {
    quote::refund_quote(
        &reservation(r),
        quantity,
        today,
        &history(usage),
        &policy(usage),
    )
}
