//! The one conversion from API models to the quote engine's inputs. The app quotes with it in
//! the browser and the contract suite checks the backends against it, so both use the same code.

use chrono::NaiveDate;
use reservation_quote as quote;
use rust_decimal::Decimal;

use crate::models::{RefundLimitUsage, Reservation};

impl From<&Reservation> for quote::Reservation {
    fn from(r: &Reservation) -> quote::Reservation {
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
}

/// The refund history as the engine counts it (every entry; the engine applies the window).
impl From<&RefundLimitUsage> for Vec<quote::HistoryEntry> {
    fn from(usage: &RefundLimitUsage) -> Vec<quote::HistoryEntry> {
        usage
            .entries
            .iter()
            .map(|e| quote::HistoryEntry {
                date: e.date,
                amount: e.amount,
            })
            .collect()
    }
}

/// The default policy with the customer's refund limit.
impl From<&RefundLimitUsage> for quote::Policy {
    fn from(usage: &RefundLimitUsage) -> quote::Policy {
        quote::Policy {
            refund_limit_usd: usage.limit,
            ..quote::Policy::default()
        }
    }
}

/// The quote for returning `quantity` units of `r` on `today`, under the customer's usage.
pub fn refund_quote(
    r: &Reservation,
    quantity: Decimal,
    usage: &RefundLimitUsage,
    today: NaiveDate,
) -> quote::RefundQuote {
    let history: Vec<quote::HistoryEntry> = usage.into();
    quote::refund_quote(&r.into(), quantity, today, &history, &usage.into())
}

/// What a merge compares of a reservation (the engine's `check_merge` input).
pub fn merge_source(r: &Reservation) -> quote::MergeSource<'_> {
    let p = &r.properties;
    quote::MergeSource {
        reservation_id: r.reservation_id(),
        order_id: r.order_id(),
        sku: &r.sku.name,
        term: &p.term,
        location: &r.location,
        unit_price: p.unit_price,
        quantity: p.quantity,
        active: p.provisioning_state == crate::models::ProvisioningState::Succeeded,
    }
}

/// The reservations among `candidates` that `source` can be merged with today: active, of the
/// same order, SKU, term, region and unit price, other than `source` itself.
pub fn merge_partners<'a>(
    source: &Reservation,
    candidates: &'a [Reservation],
) -> Vec<&'a Reservation> {
    let s = merge_source(source);
    candidates
        .iter()
        .filter(|c| c.id != source.id)
        .filter(|c| {
            let m = merge_source(c);
            m.active && quote::merge_mismatch(&s, &m).is_none()
        })
        .collect()
}
