//! Microsoft.Capacity 2022-11-01: reservation orders, reservations, their actions and the
//! catalogue.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Deserialize;

use super::{Amount, PolicyError, Sku, StatusInfo, UtilizationSummary};

/// The api-version this connector speaks.
pub const API_VERSION: &str = "2022-11-01";

/// `{id}` of a reservation inside an order.
#[derive(Clone, Debug, Deserialize)]
pub struct IdRef {
    /// The resource id.
    pub id: String,
}

/// A reservation order.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReservationOrder {
    /// `/providers/microsoft.capacity/reservationOrders/{o}` (any case).
    pub id: String,
    /// The order GUID.
    pub name: String,
    /// Azure's version of it.
    #[serde(default)]
    pub etag: Option<u64>,
    /// Its properties.
    pub properties: OrderProperties,
}

/// The properties of a reservation order.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderProperties {
    /// Display name.
    #[serde(default)]
    pub display_name: Option<String>,
    /// When it was asked for.
    #[serde(default, deserialize_with = "crate::exact::opt_timestamp")]
    pub request_date_time: Option<NaiveDateTime>,
    /// When it was created: the purchase.
    #[serde(default, deserialize_with = "crate::exact::opt_timestamp")]
    pub created_date_time: Option<NaiveDateTime>,
    /// When the benefit began.
    #[serde(default, deserialize_with = "crate::exact::opt_timestamp")]
    pub benefit_start_time: Option<NaiveDateTime>,
    /// The last day.
    #[serde(default)]
    pub expiry_date: Option<NaiveDate>,
    /// `P1Y`, `P3Y`, `P5Y`.
    #[serde(default)]
    pub term: Option<String>,
    /// `Upfront`, `Monthly`.
    #[serde(default)]
    pub billing_plan: Option<String>,
    /// The quantity bought.
    #[serde(default)]
    pub original_quantity: Option<u32>,
    /// `Succeeded`, `Cancelled`, …
    #[serde(default)]
    pub provisioning_state: Option<String>,
    /// Its reservations.
    #[serde(default)]
    pub reservations: Vec<IdRef>,
    /// With `$expand=schedule`: the price and the payments.
    #[serde(default)]
    pub plan_information: Option<PlanInformation>,
}

/// An order's payment plan (`$expand=schedule`).
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanInformation {
    /// The order's whole price, in the pricing currency.
    #[serde(default)]
    pub pricing_currency_total: Option<Amount>,
    /// The first day of the plan.
    #[serde(default)]
    pub start_date: Option<NaiveDate>,
    /// When the next payment is due.
    #[serde(default)]
    pub next_payment_due_date: Option<NaiveDate>,
    /// The payments, made and to come.
    #[serde(default)]
    pub transactions: Vec<PaymentDetail>,
}

/// One payment of a plan.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PaymentDetail {
    /// When it is due.
    #[serde(default)]
    pub due_date: Option<NaiveDate>,
    /// When it was paid.
    #[serde(default)]
    pub payment_date: Option<NaiveDate>,
    /// In the pricing currency.
    #[serde(default)]
    pub pricing_currency_total: Option<Amount>,
    /// In the payer's currency.
    #[serde(default)]
    pub billing_currency_total: Option<Amount>,
    /// The billing account.
    #[serde(default)]
    pub billing_account: Option<String>,
    /// `Succeeded`, `Failed`, `Scheduled`, `Cancelled`.
    #[serde(default)]
    pub status: Option<String>,
    /// Why it failed (`PaymentDeclined`).
    #[serde(default)]
    pub extended_status_info: Option<StatusInfo>,
}

/// A reservation.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Reservation {
    /// `/providers/microsoft.capacity/reservationOrders/{o}/reservations/{r}` (any case).
    pub id: String,
    /// The GUID, or `{o}/{r}` in the list of all reservations.
    pub name: String,
    /// Azure's version of it (absent in the list of all).
    #[serde(default)]
    pub etag: Option<u64>,
    /// The region (`eastus`); absent for some families.
    #[serde(default)]
    pub location: Option<String>,
    /// The SKU.
    pub sku: Sku,
    /// Its properties.
    pub properties: ReservationProperties,
}

/// The properties of a reservation.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReservationProperties {
    /// The family, an open set (`VirtualMachines`, `BlockBlob`, `Databricks`, …).
    #[serde(default)]
    pub reserved_resource_type: Option<String>,
    /// Display name.
    #[serde(default)]
    pub display_name: Option<String>,
    /// `Single`, `Shared`, `ManagementGroup`.
    #[serde(default)]
    pub applied_scope_type: Option<String>,
    /// The scope ids (deprecated for `Single`).
    #[serde(default)]
    pub applied_scopes: Option<Vec<String>>,
    /// The scope, structured.
    #[serde(default)]
    pub applied_scope_properties: Option<AppliedScopeProperties>,
    /// `On`, `Off`.
    #[serde(default)]
    pub instance_flexibility: Option<String>,
    /// Auto-renew.
    #[serde(default)]
    pub renew: Option<bool>,
    /// `P1Y`, … (absent in several answers: the order's then).
    #[serde(default)]
    pub term: Option<String>,
    /// `Upfront`, `Monthly` (absent in the list of all).
    #[serde(default)]
    pub billing_plan: Option<String>,
    /// How many units.
    #[serde(default)]
    pub quantity: Option<u32>,
    /// `Succeeded`, `Cancelled`, `Expired`, …
    #[serde(default)]
    pub provisioning_state: Option<String>,
    /// The purchase day (the list of all only).
    #[serde(default)]
    pub purchase_date: Option<NaiveDate>,
    /// When the benefit began.
    #[serde(default, deserialize_with = "crate::exact::opt_timestamp")]
    pub benefit_start_time: Option<NaiveDateTime>,
    /// The last day.
    #[serde(default)]
    pub expiry_date: Option<NaiveDate>,
    /// When it was last changed.
    #[serde(default, deserialize_with = "crate::exact::opt_timestamp")]
    pub last_updated_date_time: Option<NaiveDateTime>,
    /// The subscription billed (absent in the list of all).
    #[serde(default)]
    pub billing_scope_id: Option<String>,
    /// Why it is in its state (`Split`, `Merged`).
    #[serde(default)]
    pub extended_status_info: Option<StatusInfo>,
    /// Where a split came from or went to.
    #[serde(default)]
    pub split_properties: Option<SplitProperties>,
    /// Where a merge came from or went to.
    #[serde(default)]
    pub merge_properties: Option<MergeProperties>,
    /// Azure's utilization summary (the list of all only).
    #[serde(default)]
    pub utilization: Option<UtilizationSummary>,
}

/// A reservation's scope, structured.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppliedScopeProperties {
    /// `/subscriptions/{s}` for a single-subscription scope.
    #[serde(default)]
    pub subscription_id: Option<String>,
    /// `/subscriptions/{s}/resourceGroups/{g}` for a resource-group scope.
    #[serde(default)]
    pub resource_group_id: Option<String>,
    /// `/providers/Microsoft.Management/managementGroups/{m}`.
    #[serde(default)]
    pub management_group_id: Option<String>,
    /// The tenant of a management group.
    #[serde(default)]
    pub tenant_id: Option<String>,
    /// Display name of the scope.
    #[serde(default)]
    pub display_name: Option<String>,
}

/// Split lineage.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SplitProperties {
    /// The reservations a split source became.
    #[serde(default)]
    pub split_destinations: Vec<String>,
    /// The reservation a split result came from.
    #[serde(default)]
    pub split_source: Option<String>,
}

/// Merge lineage.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MergeProperties {
    /// The reservation a merge source became.
    #[serde(default)]
    pub merge_destination: Option<String>,
    /// The reservations a merge result came from.
    #[serde(default)]
    pub merge_sources: Vec<String>,
}

/// The answer of `calculateRefund`, and of `return` while it runs (202).
#[derive(Clone, Debug, Deserialize)]
pub struct RefundResponse {
    /// The reservation's resource id.
    #[serde(default)]
    pub id: Option<String>,
    /// The quote.
    pub properties: RefundProperties,
}

/// A refund quote.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RefundProperties {
    /// What `return` must send back.
    #[serde(default)]
    pub session_id: Option<String>,
    /// The quantity returned.
    #[serde(default)]
    pub quantity: Option<u32>,
    /// The refund in the payer's currency.
    #[serde(default)]
    pub billing_refund_amount: Option<Amount>,
    /// The refund in the pricing currency (USD).
    #[serde(default)]
    pub pricing_refund_amount: Option<Amount>,
    /// Paid, used, still owed.
    #[serde(default)]
    pub billing_information: Option<RefundBillingInformation>,
    /// The refund limit and what stops the return.
    #[serde(default)]
    pub policy_result: Option<RefundPolicyResult>,
}

/// What was paid and what is owed, for a refund.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RefundBillingInformation {
    /// `Upfront`, `Monthly`.
    #[serde(default)]
    pub billing_plan: Option<String>,
    /// Payments made.
    #[serde(default)]
    pub completed_transactions: Option<u32>,
    /// Payments in all.
    #[serde(default)]
    pub total_transactions: Option<u32>,
    /// Paid so far.
    #[serde(default)]
    pub billing_currency_total_paid_amount: Option<Amount>,
    /// The part used.
    #[serde(default)]
    pub billing_currency_prorated_amount: Option<Amount>,
    /// Not yet billed.
    #[serde(default)]
    pub billing_currency_remaining_commitment_amount: Option<Amount>,
}

/// The refund policy's answer.
#[derive(Clone, Debug, Deserialize)]
pub struct RefundPolicyResult {
    /// Its properties.
    pub properties: RefundPolicyProperties,
}

/// The refund limit and the errors.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RefundPolicyProperties {
    /// Refunded in the last 12 months.
    #[serde(default)]
    pub consumed_refunds_total: Option<Amount>,
    /// The limit.
    #[serde(default)]
    pub max_refund_limit: Option<Amount>,
    /// What stops the return.
    #[serde(default)]
    pub policy_errors: Vec<PolicyError>,
}

/// The answer of `calculateExchange` and `exchange` (an operation result).
#[derive(Clone, Debug, Deserialize)]
pub struct ExchangeOperation {
    /// The operation id.
    #[serde(default)]
    pub id: Option<String>,
    /// The operation name.
    #[serde(default)]
    pub name: Option<String>,
    /// `Succeeded`, `Failed`, `Pending`, `PendingRefunds`, `PendingPurchases`, …
    #[serde(default)]
    pub status: Option<String>,
    /// The quote or the result.
    #[serde(default)]
    pub properties: Option<ExchangeProperties>,
}

/// An exchange quote or result.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExchangeProperties {
    /// What `exchange` must send back.
    #[serde(default)]
    pub session_id: Option<String>,
    /// Purchases less refunds.
    #[serde(default)]
    pub net_payable: Option<Amount>,
    /// What the purchases cost.
    #[serde(default)]
    pub purchases_total: Option<Amount>,
    /// What the returns refund.
    #[serde(default)]
    pub refunds_total: Option<Amount>,
    /// The returns.
    #[serde(default)]
    pub reservations_to_exchange: Vec<ExchangeReturn>,
    /// The reservations bought.
    #[serde(default)]
    pub reservations_to_purchase: Vec<ExchangePurchase>,
    /// The savings plans bought (a trade-in).
    #[serde(default)]
    pub savings_plans_to_purchase: Vec<ExchangePurchase>,
    /// What stops the exchange (`policyErrors` may be `null`).
    #[serde(default)]
    pub policy_result: Option<ExchangePolicyResult>,
}

/// The policy errors of an exchange (no `properties` level, unlike a refund's).
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExchangePolicyResult {
    /// The errors.
    #[serde(default)]
    pub policy_errors: Option<Vec<PolicyError>>,
}

/// One return of an exchange.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExchangeReturn {
    /// The reservation's resource id.
    pub reservation_id: String,
    /// How many.
    pub quantity: u32,
    /// Its refund in the payer's currency.
    #[serde(default)]
    pub billing_refund_amount: Option<Amount>,
    /// Paid, used, still owed.
    #[serde(default)]
    pub billing_information: Option<RefundBillingInformation>,
    /// `Succeeded`, …
    #[serde(default)]
    pub status: Option<String>,
}

/// One purchase of an exchange.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExchangePurchase {
    /// Its price in the payer's currency.
    #[serde(default)]
    pub billing_currency_total: Option<Amount>,
    /// The new reservation order (reservations).
    #[serde(default)]
    pub reservation_order_id: Option<String>,
    /// The new reservation (reservations).
    #[serde(default)]
    pub reservation_id: Option<String>,
    /// The new savings plan order (savings plans).
    #[serde(default)]
    pub savings_plan_order_id: Option<String>,
    /// The new savings plan (savings plans).
    #[serde(default)]
    pub savings_plan_id: Option<String>,
    /// `Succeeded`, …
    #[serde(default)]
    pub status: Option<String>,
}

/// The answer of `calculatePrice`.
#[derive(Clone, Debug, Deserialize)]
pub struct CalculatePriceResponse {
    /// The price.
    pub properties: CalculatePriceProperties,
}

/// A purchase price.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CalculatePriceProperties {
    /// In the payer's currency.
    #[serde(default)]
    pub billing_currency_total: Option<Amount>,
    /// In the pricing currency.
    #[serde(default)]
    pub pricing_currency_total: Option<Amount>,
    /// The order id to `PUT`.
    #[serde(default)]
    pub reservation_order_id: Option<String>,
    /// The SKU's title.
    #[serde(default)]
    pub sku_title: Option<String>,
    /// The SKU's description.
    #[serde(default)]
    pub sku_description: Option<String>,
    /// Each instalment.
    #[serde(default)]
    pub payment_schedule: Vec<PaymentDetail>,
}

/// A catalogue entry: one SKU, where and for how long it can be bought.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogItem {
    /// The SKU name.
    pub name: String,
    /// The family.
    #[serde(default)]
    pub resource_type: Option<String>,
    /// Terms offered.
    #[serde(default)]
    pub terms: Vec<String>,
    /// Regions offered.
    #[serde(default)]
    pub locations: Vec<String>,
    /// Plans per term (`{"P1Y": ["Upfront", "Monthly"]}`).
    #[serde(default)]
    pub billing_plans: std::collections::BTreeMap<String, Vec<String>>,
    /// `Cores`, `ProductShortName`, …
    #[serde(default)]
    pub sku_properties: Vec<NameValue>,
}

/// A `{name, value}` pair.
#[derive(Clone, Debug, Deserialize)]
pub struct NameValue {
    /// The name.
    pub name: String,
    /// The value.
    pub value: String,
}

/// The catalogue: a list with its total.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Catalog {
    /// The entries of this page.
    #[serde(default)]
    pub value: Vec<CatalogItem>,
    /// The next page.
    #[serde(default)]
    pub next_link: Option<String>,
    /// How many in all.
    #[serde(default)]
    pub total_items: Option<u64>,
}

/// The answer of `availableScopes`.
#[derive(Clone, Debug, Deserialize)]
pub struct AvailableScopes {
    /// Its properties.
    pub properties: AvailableScopeList,
}

/// The scopes checked.
#[derive(Clone, Debug, Deserialize)]
pub struct AvailableScopeList {
    /// Each scope and whether it can be used.
    #[serde(default)]
    pub scopes: Vec<ScopeValidity>,
}

/// One scope and whether it can be used.
#[derive(Clone, Debug, Deserialize)]
pub struct ScopeValidity {
    /// The scope id.
    pub scope: String,
    /// Whether it can be used.
    pub valid: bool,
}
