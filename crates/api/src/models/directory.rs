//! A customer's directory objects that reservations can be scoped to.

use serde::{Deserialize, Serialize};

/// An Azure subscription of a customer (`/subscriptions/{guid}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Subscription {
    /// The resource id, `/subscriptions/{subscriptionId}` (what `appliedScopes` holds).
    pub id: String,
    /// The subscription GUID.
    pub subscription_id: String,
    /// The display name.
    pub display_name: String,
    /// `Enabled`, `Warned`, `Disabled`.
    pub state: String,
    /// Whether reservations can be billed to it (a CSP Azure plan subscription).
    pub billing_allowed: bool,
}

/// A resource group (`/subscriptions/{guid}/resourceGroups/{name}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceGroup {
    /// The resource id (what `appliedScopes` holds for a resource-group scope).
    pub id: String,
    /// The resource group name.
    pub name: String,
    /// Its region.
    pub location: String,
    /// The GUID of the subscription it belongs to.
    pub subscription_id: String,
}

/// A management group (`/providers/Microsoft.Management/managementGroups/{name}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ManagementGroup {
    /// The resource id.
    pub id: String,
    /// The management group name (id segment).
    pub name: String,
    /// The display name.
    pub display_name: String,
}
