//! Reservation orders and reservations, shaped like Microsoft.Capacity resources.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::models::common::{Sku, SortOrder, DEFAULT_TOP};
use crate::query::{QueryBuilder, QueryParams};
use crate::{BillingPlan, Family, Term};

/// The `type` of a reservation resource.
pub const RESERVATION_TYPE: &str = "Microsoft.Capacity/reservationOrders/reservations";
/// The `type` of a reservation order resource.
pub const RESERVATION_ORDER_TYPE: &str = "Microsoft.Capacity/reservationOrders";

/// Where a reservation's discount applies.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AppliedScopeType {
    /// One subscription, or one resource group in it.
    Single,
    /// Every subscription of the billing context.
    #[default]
    Shared,
    /// The subscriptions of one management group.
    ManagementGroup,
}

/// Whether a VM reservation applies to other sizes of the same size group.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum InstanceFlexibility {
    /// The discount applies across the size group.
    #[default]
    On,
    /// Only the exact size.
    Off,
}

/// The lifecycle state of a reservation or order (Azure's `provisioningState`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ProvisioningState {
    /// Being purchased.
    Creating,
    /// Active: the discount applies.
    #[default]
    Succeeded,
    /// The term ended.
    Expired,
    /// Fully returned or exchanged.
    Cancelled,
    /// The purchase failed.
    Failed,
    /// Split into two new reservations of the same order (ended).
    Split,
    /// Merged with others into a new reservation of the same order (ended).
    Merged,
    /// Any state this client does not know.
    #[serde(other)]
    Unknown,
}

impl ProvisioningState {
    /// The wire name, as the quote engine's `status` expects it.
    pub fn as_str(self) -> &'static str {
        match self {
            ProvisioningState::Creating => "Creating",
            ProvisioningState::Succeeded => "Succeeded",
            ProvisioningState::Expired => "Expired",
            ProvisioningState::Cancelled => "Cancelled",
            ProvisioningState::Failed => "Failed",
            ProvisioningState::Split => "Split",
            ProvisioningState::Merged => "Merged",
            ProvisioningState::Unknown => "Unknown",
        }
    }
}

/// Direction of utilization over the last days (Azure writes `UP`, `DOWN`, `SAME`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum UtilizationTrend {
    /// The 7-day average is clearly above the 30-day average.
    Up,
    /// The 7-day average is clearly below the 30-day average.
    Down,
    /// About the same.
    #[default]
    Same,
}

/// One utilization average: `{"grain": 7, "grainUnit": "days", "value": 83.2, "valueUnit": "percentage"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UtilizationAggregate {
    /// The window length (1, 7 or 30).
    pub grain: u32,
    /// The window unit, always `days`.
    pub grain_unit: String,
    /// The average utilization in percent (0–100, two decimals).
    pub value: Decimal,
    /// Always `percentage`.
    pub value_unit: String,
}

/// Utilization summary of a reservation: 1, 7 and 30-day averages and a trend.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReservationUtilization {
    /// Up, down or same.
    pub trend: UtilizationTrend,
    /// The 1, 7 and 30-day averages, in that order.
    pub aggregates: Vec<UtilizationAggregate>,
}

impl ReservationUtilization {
    /// The average over `days` days, when given.
    pub fn average(&self, days: u32) -> Option<Decimal> {
        self.aggregates
            .iter()
            .find(|a| a.grain == days)
            .map(|a| a.value)
    }
}

/// Extra detail of a Single or ManagementGroup scope.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppliedScopeProperties {
    /// The subscription (`/subscriptions/{guid}`) of a Single scope.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription_id: Option<String>,
    /// The resource group id when a Single scope is narrowed to one resource group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_group_id: Option<String>,
    /// The management group id of a ManagementGroup scope.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub management_group_id: Option<String>,
    /// The customer tenant id of a ManagementGroup scope.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<String>,
    /// A display name of the scope (subscription, resource group or management group name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
}

/// The properties of a reservation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReservationProperties {
    /// The friendly name.
    pub display_name: String,
    /// The product family (Azure's `reservedResourceType`).
    pub reserved_resource_type: Family,
    /// Single, Shared or ManagementGroup.
    pub applied_scope_type: AppliedScopeType,
    /// The scope ids: one subscription or resource group for Single, one management group
    /// for ManagementGroup, empty for Shared.
    #[serde(default)]
    pub applied_scopes: Vec<String>,
    /// Detail of the scope (names, ids).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applied_scope_properties: Option<AppliedScopeProperties>,
    /// VM reservations only: size flexibility.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_flexibility: Option<InstanceFlexibility>,
    /// Whether the reservation renews automatically at expiry.
    pub renew: bool,
    /// Upfront or Monthly.
    pub billing_plan: BillingPlan,
    /// P1Y, P3Y or P5Y.
    pub term: Term,
    /// How many units are reserved (whole number).
    pub quantity: u32,
    /// The lifecycle state (Succeeded, Expired, Cancelled, ...).
    pub provisioning_state: ProvisioningState,
    /// The purchase date (UTC).
    pub purchase_date: NaiveDate,
    /// The expiry date (UTC): purchase date plus the term.
    pub expiry_date: NaiveDate,
    /// The subscription billed (`/subscriptions/{guid}`).
    pub billing_scope_id: String,
    /// The purchase price of one unit (Upfront: whole term; Monthly: one month), USD.
    pub unit_price: Decimal,
    /// Today's catalogue price of one unit, same meaning, USD.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_unit_price: Option<Decimal>,
    /// The currency of the prices (`USD`).
    pub currency_code: String,
    /// Whether this reservation has used its one final exchange (see the savings-plan rule).
    #[serde(default)]
    pub final_exchange_used: bool,
    /// The utilization summary, absent for reservations that are not active.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utilization: Option<ReservationUtilization>,
    /// When the reservation was last changed (UTC, `YYYY-MM-DDTHH:MM:SS`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_updated_date_time: Option<chrono::NaiveDateTime>,
}

/// A reservation resource, as `GET .../reservations/{id}` returns it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Reservation {
    /// The resource id: `/providers/Microsoft.Capacity/reservationOrders/{orderId}/reservations/{reservationId}`.
    pub id: String,
    /// `{orderId}/{reservationId}`.
    pub name: String,
    /// Always [`RESERVATION_TYPE`].
    #[serde(rename = "type")]
    pub resource_type: String,
    /// The version; send it back in `If-Match` when updating.
    pub etag: u64,
    /// The region (`koreacentral`).
    pub location: String,
    /// The SKU.
    pub sku: Sku,
    /// Everything else.
    pub properties: ReservationProperties,
}

impl Reservation {
    /// The average utilization over `days` days (1, 7 or 30), when it has one (active only).
    pub fn average_utilization(&self, days: u32) -> Option<Decimal> {
        self.properties
            .utilization
            .as_ref()
            .and_then(|u| u.average(days))
    }

    /// The reservation GUID (last segment of `id`).
    pub fn reservation_id(&self) -> &str {
        self.id.rsplit('/').next().unwrap_or_default()
    }

    /// The reservation order GUID (from `id`).
    pub fn order_id(&self) -> &str {
        let mut parts = self.id.rsplit('/');
        parts.nth(2).unwrap_or_default()
    }
}

/// A reference to a reservation inside an order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReservationRef {
    /// The reservation's resource id.
    pub id: String,
}

/// The properties of a reservation order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReservationOrderProperties {
    /// The friendly name.
    pub display_name: String,
    /// The purchase date.
    pub purchase_date: NaiveDate,
    /// The expiry date.
    pub expiry_date: NaiveDate,
    /// The term.
    pub term: Term,
    /// The billing plan.
    pub billing_plan: BillingPlan,
    /// The quantity originally purchased (sum over the order's reservations).
    pub original_quantity: u32,
    /// Succeeded while any reservation is active, else Expired or Cancelled.
    pub provisioning_state: ProvisioningState,
    /// The reservations of the order.
    pub reservations: Vec<ReservationRef>,
}

/// A reservation order resource.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReservationOrder {
    /// `/providers/Microsoft.Capacity/reservationOrders/{orderId}`.
    pub id: String,
    /// The order GUID.
    pub name: String,
    /// Always [`RESERVATION_ORDER_TYPE`].
    #[serde(rename = "type")]
    pub resource_type: String,
    /// The version of the order.
    pub etag: u64,
    /// Everything else.
    pub properties: ReservationOrderProperties,
}

/// The changeable properties of a reservation (PATCH body: `{"properties": {...}}`); absent fields stay.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReservationPatchProperties {
    /// New friendly name (1–64 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// New scope type; `appliedScopes` must match it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applied_scope_type: Option<AppliedScopeType>,
    /// New scope ids (subscription, resource group or management group id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applied_scopes: Option<Vec<String>>,
    /// New instance flexibility (VM reservations only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_flexibility: Option<InstanceFlexibility>,
    /// New auto-renew setting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renew: Option<bool>,
}

/// The body of `PATCH .../reservations/{id}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReservationPatch {
    /// The properties to change.
    pub properties: ReservationPatchProperties,
}

/// The column the reservation list is sorted by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ReservationSort {
    /// By display name.
    DisplayName,
    /// By family.
    ReservedResourceType,
    /// By SKU.
    SkuName,
    /// By region.
    Location,
    /// By quantity.
    Quantity,
    /// By term.
    Term,
    /// By purchase date.
    PurchaseDate,
    /// By expiry date (soonest first when ascending).
    #[default]
    ExpiryDate,
    /// By 30-day utilization.
    Utilization,
    /// By state.
    ProvisioningState,
}

/// Filters, sort and paging of `GET /customers/{id}/reservations`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReservationQuery {
    /// Only this state (`Succeeded` = active, `Expired`, `Cancelled`).
    pub status: Option<ProvisioningState>,
    /// Only this family.
    pub family: Option<Family>,
    /// Case-insensitive substring of display name, SKU, region, reservation or order id.
    pub search: Option<String>,
    /// Only active reservations expiring within this many days of today.
    pub expiring_within_days: Option<u32>,
    /// The sort column.
    pub sort: ReservationSort,
    /// The sort direction.
    pub order: SortOrder,
    /// How many to skip.
    pub skip: u32,
    /// The page size.
    pub top: u32,
}

impl Default for ReservationQuery {
    fn default() -> Self {
        ReservationQuery {
            status: None,
            family: None,
            search: None,
            expiring_within_days: None,
            sort: ReservationSort::default(),
            order: SortOrder::default(),
            skip: 0,
            top: DEFAULT_TOP,
        }
    }
}

impl ReservationQuery {
    /// The query string, with a leading `?`.
    pub fn to_query_string(&self) -> String {
        let mut q = QueryBuilder::new();
        q.push_enum("status", self.status.as_ref())
            .push_enum("family", self.family.as_ref())
            .push_opt("search", self.search.as_deref().filter(|s| !s.is_empty()))
            .push_opt("expiringWithinDays", self.expiring_within_days)
            .push_enum("sort", Some(&self.sort))
            .push_enum("order", Some(&self.order))
            .push("skip", self.skip)
            .push("top", self.top);
        q.build()
    }

    /// Reads the query from parsed parameters; unknown values are an error message.
    pub fn from_params(p: &QueryParams) -> Result<ReservationQuery, String> {
        Ok(ReservationQuery {
            status: p.enumeration("status")?,
            family: p.enumeration("family")?,
            search: p.get("search").map(str::to_string),
            expiring_within_days: p.number("expiringWithinDays")?,
            sort: p.enumeration("sort")?.unwrap_or_default(),
            order: p.enumeration("order")?.unwrap_or_default(),
            skip: p.number("skip")?.unwrap_or(0),
            top: p.number("top")?.unwrap_or(DEFAULT_TOP),
        })
    }
}
