//! Billing: each order's payment schedule (charges paid or due, credits of returns and
//! exchanges), computed by the quote engine's schedule rules.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The engine's schedule types, reused rather than duplicated.
pub use reservation_quote::{ChangeKind, Charge, ChargeStatus, Credit, Schedule};

use crate::{BillingPlan, Family, Term};

/// One reservation order's payment schedule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderBilling {
    /// The order GUID.
    pub reservation_order_id: String,
    /// The name of the order's first reservation (what the lists show).
    pub display_name: String,
    /// The product family.
    pub reserved_resource_type: Family,
    /// The SKU of the first reservation.
    pub sku_name: String,
    /// The term.
    pub term: Term,
    /// The billing plan.
    pub billing_plan: BillingPlan,
    /// The purchase date S.
    pub purchase_date: NaiveDate,
    /// The quantity bought.
    pub quantity: u32,
    /// The price of the purchase: Upfront Σ unit_price × quantity, Monthly that × months.
    pub purchase_price: Decimal,
    /// Charges (Upfront one, Monthly one per month of the term) and credits, as of `asOf`.
    pub schedule: Schedule,
}

/// `GET /customers/{id}/billing`: every order the caller can read, with its schedule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerBilling {
    /// The customer's tenant id.
    pub customer_id: String,
    /// The day charges are paid (on or before) or due (after).
    pub as_of: NaiveDate,
    /// The currency (`USD`).
    pub currency_code: String,
    /// The orders, by purchase date (oldest first), then id.
    pub orders: Vec<OrderBilling>,
    /// Σ of the orders' charges.
    pub total_charges: Decimal,
    /// Σ of the charges paid.
    pub paid: Decimal,
    /// Σ of the charges due.
    pub due: Decimal,
    /// Σ of the credits.
    pub total_credits: Decimal,
}
