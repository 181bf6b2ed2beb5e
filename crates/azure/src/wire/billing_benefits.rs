//! Microsoft.BillingBenefits 2026-06-01: savings plans.

use chrono::NaiveDateTime;
use serde::Deserialize;

use super::{Sku, UtilizationSummary};

/// The api-version this connector speaks.
pub const API_VERSION: &str = "2026-06-01";

/// A savings plan.
#[derive(Clone, Debug, Deserialize)]
pub struct SavingsPlan {
    /// `/providers/microsoft.billingbenefits/savingsPlanOrders/{o}/savingsPlans/{p}`.
    pub id: String,
    /// `{p}` or `{o}/{p}`.
    pub name: String,
    /// `Compute_Savings_Plan`, …
    pub sku: Sku,
    /// Its properties.
    pub properties: SavingsPlanProperties,
}

/// The properties of a savings plan.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SavingsPlanProperties {
    /// Display name.
    #[serde(default)]
    pub display_name: Option<String>,
    /// The hourly commitment.
    pub commitment: Commitment,
    /// `P1M` (monthly); absent for upfront.
    #[serde(default)]
    pub billing_plan: Option<String>,
    /// `P1Y`, `P3Y`.
    #[serde(default)]
    pub term: Option<String>,
    /// `Single`, `Shared`, `ManagementGroup`.
    #[serde(default)]
    pub applied_scope_type: Option<String>,
    /// A billing account, not a subscription, for CSP.
    #[serde(default)]
    pub billing_scope_id: Option<String>,
    /// When bought.
    #[serde(default, deserialize_with = "crate::exact::opt_timestamp")]
    pub purchase_date_time: Option<NaiveDateTime>,
    /// When the benefit began.
    #[serde(default, deserialize_with = "crate::exact::opt_timestamp")]
    pub effective_date_time: Option<NaiveDateTime>,
    /// When it ends.
    #[serde(default, deserialize_with = "crate::exact::opt_timestamp")]
    pub expiry_date_time: Option<NaiveDateTime>,
    /// `Succeeded`, …
    #[serde(default)]
    pub provisioning_state: Option<String>,
    /// Auto-renew.
    #[serde(default)]
    pub renew: Option<bool>,
    /// Azure's utilization summary.
    #[serde(default)]
    pub utilization: Option<UtilizationSummary>,
}

/// An hourly commitment.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Commitment {
    /// ISO 4217 code.
    pub currency_code: String,
    /// The amount per `grain`, exactly as sent (not flattened from [`super::Amount`]: serde's
    /// `flatten` buffers the value and loses the number's text).
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub amount: rust_decimal::Decimal,
    /// `Hourly`.
    #[serde(default)]
    pub grain: Option<String>,
}
