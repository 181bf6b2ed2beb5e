//! Azure's wire shapes, as the published examples and the REST specifications give them.
//!
//! Only what the connector reads is typed; other fields are ignored. Amounts are exact
//! ([`crate::exact`]), timestamps UTC, and enumerations that Azure may extend (states, families,
//! scopes) stay strings here: the mapping to the product's types ([`crate::map`]) decides what
//! is known and keeps the rest as Azure said it.

pub mod billing_benefits;
pub mod capacity;
pub mod consumption;
pub mod partner_center;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// An amount in a currency (`{"amount": 24.92, "currencyCode": "USD"}`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Amount {
    /// ISO 4217 code.
    pub currency_code: String,
    /// The amount, exactly as sent.
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub amount: Decimal,
}

/// A page of an ARM list: `{value, nextLink}`.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArmList<T> {
    /// The items of this page.
    #[serde(default = "Vec::new")]
    pub value: Vec<T>,
    /// The absolute address of the next page, if any.
    #[serde(default)]
    pub next_link: Option<String>,
}

/// ARM's error body: `{"error": {"code", "message"}}`.
#[derive(Clone, Debug, Deserialize)]
pub struct ArmErrorBody {
    /// The error.
    pub error: ArmError,
}

/// One ARM error.
#[derive(Clone, Debug, Deserialize)]
pub struct ArmError {
    /// Azure's code (`RefundLimitExceeded`, `ReservationOrderNotFound`, …).
    pub code: String,
    /// Azure's message.
    #[serde(default)]
    pub message: String,
}

/// A policy error (`{code, message}`) of a refund or exchange quote.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct PolicyError {
    /// Azure's code.
    pub code: String,
    /// Azure's message.
    #[serde(default)]
    pub message: String,
}

/// A status code with a message (`extendedStatusInfo`).
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusInfo {
    /// `Split`, `Merged`, `PaymentDeclined`, …
    #[serde(default)]
    pub status_code: Option<String>,
    /// What it means.
    #[serde(default)]
    pub message: Option<String>,
}

/// A `{name}` SKU object.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Sku {
    /// The SKU name (`Standard_D2s_v5`, `Compute_Savings_Plan`).
    pub name: String,
}

/// One utilization aggregate of a reservation or savings plan (`{grain: 7, value: 83.5}`).
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UtilizationAggregate {
    /// The period length, in `grain_unit`.
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub grain: Decimal,
    /// `days`.
    #[serde(default)]
    pub grain_unit: Option<String>,
    /// The utilization over the period.
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub value: Decimal,
    /// `percentage`.
    #[serde(default)]
    pub value_unit: Option<String>,
}

/// The utilization summary Azure puts on a reservation or savings plan.
#[derive(Clone, Debug, Deserialize)]
pub struct UtilizationSummary {
    /// `UP`, `DOWN`, `SAME`, or empty.
    #[serde(default)]
    pub trend: Option<String>,
    /// The aggregates.
    #[serde(default)]
    pub aggregates: Vec<UtilizationAggregate>,
}
