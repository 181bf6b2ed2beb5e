//! The calculateExchange and exchange actions.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::models::reservation::{AppliedScopeType, InstanceFlexibility, Reservation};
use crate::{BillingPlan, ExchangeQuote, Family, Term};

/// A reservation (part) to give back in an exchange.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExchangeReturnItem {
    /// The reservation's resource id (`/providers/Microsoft.Capacity/reservationOrders/{o}/reservations/{r}`).
    pub reservation_id: String,
    /// How many units to return.
    pub quantity: u32,
}

/// A reservation to buy in an exchange; the price comes from the catalogue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExchangePurchaseItem {
    /// The family.
    pub reserved_resource_type: Family,
    /// The SKU (must be in the catalogue for the family and region).
    pub sku_name: String,
    /// The region.
    pub location: String,
    /// The term.
    pub term: Term,
    /// The billing plan.
    pub billing_plan: BillingPlan,
    /// How many units.
    pub quantity: u32,
    /// The name of the new reservation (default: generated from the SKU).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// The scope type of the new reservation.
    #[serde(default)]
    pub applied_scope_type: AppliedScopeType,
    /// The scope ids (as in a PATCH).
    #[serde(default)]
    pub applied_scopes: Vec<String>,
    /// The billing subscription (`/subscriptions/{guid}`); default: the customer's first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing_scope_id: Option<String>,
    /// VM only: size flexibility.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_flexibility: Option<InstanceFlexibility>,
    /// Auto-renew.
    #[serde(default)]
    pub renew: bool,
}

/// The body of `POST /customers/{id}/calculateExchange` and `POST /customers/{id}/exchange`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExchangeRequest {
    /// What to give back.
    pub reservations_to_exchange: Vec<ExchangeReturnItem>,
    /// What to buy.
    pub reservations_to_purchase: Vec<ExchangePurchaseItem>,
}

/// A purchase line with the price the server will charge.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PricedPurchase {
    /// The line as asked.
    pub item: ExchangePurchaseItem,
    /// Catalogue price of one unit (Upfront: whole term; Monthly: one month).
    pub unit_price: Decimal,
}

/// An exchange quote.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CalculateExchangeResponse {
    /// The day the quote is for (today).
    pub as_of: NaiveDate,
    /// The currency (`USD`).
    pub currency_code: String,
    /// The purchase lines with their prices, in request order.
    pub purchases: Vec<PricedPurchase>,
    /// The engine's quote (spec field names); `errors` empty = allowed.
    pub quote: ExchangeQuote,
}

/// The result of a completed exchange.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExchangeResponse {
    /// The exchange's id (a GUID).
    pub exchange_id: String,
    /// The day of the exchange.
    pub as_of: NaiveDate,
    /// The quote that was carried out.
    pub quote: ExchangeQuote,
    /// The returned reservations after the exchange (smaller, or Cancelled).
    pub returned: Vec<Reservation>,
    /// The new reservations, one new order per purchase line.
    pub created: Vec<Reservation>,
}
