//! Microsoft.Consumption 2026-06-01: daily reservation summaries (utilization), reservation
//! details, recommendations.

use chrono::{NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;
use serde::Deserialize;

/// The api-version this connector speaks.
pub const API_VERSION: &str = "2026-06-01";

/// One day (or month) of a reservation's utilization.
#[derive(Clone, Debug, Deserialize)]
pub struct ReservationSummary {
    /// The summary's resource id.
    #[serde(default)]
    pub id: Option<String>,
    /// Its properties.
    pub properties: ReservationSummaryProperties,
}

/// What a reservation used over one day (or month).
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReservationSummaryProperties {
    /// The order GUID.
    pub reservation_order_id: String,
    /// The reservation GUID.
    pub reservation_id: String,
    /// The SKU.
    #[serde(default)]
    pub sku_name: Option<String>,
    /// The day (a timestamp at midnight UTC).
    #[serde(deserialize_with = "crate::exact::timestamp")]
    pub usage_date: NaiveDateTime,
    /// The average utilization over the period, percent.
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub avg_utilization_percentage: Decimal,
    /// The lowest.
    #[serde(default, deserialize_with = "crate::exact::opt_decimal")]
    pub min_utilization_percentage: Option<Decimal>,
    /// The highest.
    #[serde(default, deserialize_with = "crate::exact::opt_decimal")]
    pub max_utilization_percentage: Option<Decimal>,
    /// Used ÷ reserved hours, percent.
    #[serde(default, deserialize_with = "crate::exact::opt_decimal")]
    pub utilized_percentage: Option<Decimal>,
    /// Hours reserved.
    #[serde(default, deserialize_with = "crate::exact::opt_decimal")]
    pub reserved_hours: Option<Decimal>,
    /// Hours used.
    #[serde(default, deserialize_with = "crate::exact::opt_decimal")]
    pub used_hours: Option<Decimal>,
}

impl ReservationSummaryProperties {
    /// The day summarized.
    pub fn day(&self) -> NaiveDate {
        self.usage_date.date()
    }
}

/// Per resource and day: what a reservation covered.
#[derive(Clone, Debug, Deserialize)]
pub struct ReservationDetail {
    /// Its properties.
    pub properties: ReservationDetailProperties,
}

/// What one resource used of a reservation on one day.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReservationDetailProperties {
    /// The order GUID.
    pub reservation_order_id: String,
    /// The reservation GUID.
    pub reservation_id: String,
    /// The resource covered.
    #[serde(default)]
    pub instance_id: Option<String>,
    /// Its SKU.
    #[serde(default)]
    pub sku_name: Option<String>,
    /// The day.
    #[serde(deserialize_with = "crate::exact::timestamp")]
    pub usage_date: NaiveDateTime,
    /// Hours reserved.
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub reserved_hours: Decimal,
    /// Hours used.
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub used_hours: Decimal,
    /// `DSv2 Series`.
    #[serde(default)]
    pub instance_flexibility_group: Option<String>,
    /// A decimal string, may be below 1.
    #[serde(default, deserialize_with = "crate::exact::opt_decimal")]
    pub instance_flexibility_ratio: Option<Decimal>,
}

/// A reservation recommendation.
#[derive(Clone, Debug, Deserialize)]
pub struct Recommendation {
    /// `legacy`, `modern`.
    #[serde(default)]
    pub kind: Option<String>,
    /// The region.
    #[serde(default)]
    pub location: Option<String>,
    /// The SKU (a bare string here).
    #[serde(default)]
    pub sku: Option<String>,
    /// Its properties.
    pub properties: RecommendationProperties,
}

/// What a recommendation advises and saves.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecommendationProperties {
    /// `Last7Days`, `Last30Days`, `Last60Days`.
    #[serde(default)]
    pub look_back_period: Option<String>,
    /// `P1Y`, `P3Y`.
    #[serde(default)]
    pub term: Option<String>,
    /// `Single`, `Shared`.
    #[serde(default)]
    pub scope: Option<String>,
    /// The subscription, for `Single`.
    #[serde(default)]
    pub subscription_id: Option<String>,
    /// How many to buy.
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub recommended_quantity: Decimal,
    /// In normalized units.
    #[serde(default, deserialize_with = "crate::exact::opt_decimal")]
    pub recommended_quantity_normalized: Option<Decimal>,
    /// The cost on demand over the period.
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub cost_with_no_reserved_instances: Decimal,
    /// The cost with the recommendation.
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub total_cost_with_reserved_instances: Decimal,
    /// What it saves.
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub net_savings: Decimal,
    /// The first use seen.
    #[serde(default, deserialize_with = "crate::exact::opt_timestamp")]
    pub first_usage_date: Option<NaiveDateTime>,
    /// The SKU's properties.
    #[serde(default)]
    pub sku_properties: Vec<NameValueLoose>,
}

/// A `{name, value}` pair whose value may be any JSON.
#[derive(Clone, Debug, Deserialize)]
pub struct NameValueLoose {
    /// The name.
    pub name: String,
    /// The value.
    #[serde(default)]
    pub value: serde_json::Value,
}

/// The details of a recommendation.
#[derive(Clone, Debug, Deserialize)]
pub struct RecommendationDetails {
    /// Its properties.
    pub properties: RecommendationDetailsProperties,
}

/// Rates, savings per quantity, usage.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecommendationDetailsProperties {
    /// The currency of every amount here.
    #[serde(default)]
    pub currency: Option<String>,
    /// The resource and its rates.
    pub resource: RecommendationResource,
    /// Savings per candidate quantity.
    pub savings: RecommendationSavings,
}

/// The resource a recommendation covers, with its rates.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecommendationResource {
    /// The hourly on-demand rate.
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub on_demand_rate: Decimal,
    /// The hourly reservation rate.
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub reservation_rate: Decimal,
    /// The product.
    #[serde(default)]
    pub product: Option<String>,
    /// The region.
    #[serde(default)]
    pub region: Option<String>,
    /// `virtualmachines` (lower case here).
    #[serde(default)]
    pub resource_type: Option<String>,
}

/// Savings per candidate quantity.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecommendationSavings {
    /// Each quantity and what it would save.
    #[serde(default)]
    pub calculated_savings: Vec<CalculatedSavings>,
    /// The recommended quantity.
    #[serde(default, deserialize_with = "crate::exact::opt_decimal")]
    pub recommended_quantity: Option<Decimal>,
    /// `P1Y`, `P3Y`.
    #[serde(default)]
    pub reservation_order_term: Option<String>,
}

/// What one quantity would save.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CalculatedSavings {
    /// The quantity.
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub quantity: Decimal,
    /// On demand.
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub on_demand_cost: Decimal,
    /// With the reservation.
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub total_reservation_cost: Decimal,
    /// The saving.
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub savings: Decimal,
}
