//! Partner Center (`https://api.partnercenter.microsoft.com/v1`): customers, Azure plan
//! entitlements, carts.

use chrono::NaiveDateTime;
use serde::Deserialize;

/// A Partner Center collection: `{totalCount, items, links}`.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Collection<T> {
    /// How many items the whole collection holds (all pages).
    #[serde(default)]
    pub total_count: Option<u64>,
    /// The items of this page.
    #[serde(default = "Vec::new")]
    pub items: Vec<T>,
    /// `self` and, when more pages follow, `next`.
    #[serde(default)]
    pub links: Option<Links>,
}

/// The links of a collection.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Links {
    /// This page.
    #[serde(rename = "self", default)]
    pub this: Option<Link>,
    /// The next page: its address and the `MS-ContinuationToken` header to send.
    #[serde(default)]
    pub next: Option<Link>,
}

/// A link: a relative address, a method and headers to send with it.
#[derive(Clone, Debug, Deserialize)]
pub struct Link {
    /// The address, relative to `/v1` (`/v1/customers?size=40` or `customers?…`).
    pub uri: String,
    /// The method (`GET`).
    #[serde(default)]
    pub method: Option<String>,
    /// Headers to send (the continuation token).
    #[serde(default)]
    pub headers: Vec<LinkHeader>,
}

/// One header of a link.
#[derive(Clone, Debug, Deserialize)]
pub struct LinkHeader {
    /// Its name.
    pub key: String,
    /// Its value.
    pub value: String,
}

/// A customer of the partner.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Customer {
    /// The customer id (its tenant id).
    pub id: String,
    /// Name, domain, tenant.
    pub company_profile: CompanyProfile,
    /// `reseller`, …
    #[serde(default)]
    pub relationship_to_partner: Option<String>,
}

/// A customer's company profile.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CompanyProfile {
    /// The customer's Entra tenant.
    #[serde(default)]
    pub tenant_id: Option<String>,
    /// The primary domain.
    #[serde(default)]
    pub domain: Option<String>,
    /// The company name.
    pub company_name: String,
}

/// An Azure plan entitlement: one Azure subscription of the customer.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AzureEntitlement {
    /// The Azure subscription GUID.
    pub id: String,
    /// Its display name.
    #[serde(default)]
    pub friendly_name: Option<String>,
    /// `active`, `disabled`, …
    #[serde(default)]
    pub status: Option<String>,
    /// The Azure plan subscription it belongs to.
    #[serde(default)]
    pub subscription_id: Option<String>,
}

/// An entitlement (what an order granted).
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Entitlement {
    /// The product.
    #[serde(default)]
    pub product_id: Option<String>,
    /// The SKU.
    #[serde(default)]
    pub sku_id: Option<String>,
    /// The SKU's title.
    #[serde(default)]
    pub sku_title: Option<String>,
    /// How many.
    #[serde(default)]
    pub quantity: Option<u32>,
    /// `virtual_machine_reserved_instance`, `software`, …
    #[serde(default)]
    pub entitlement_type: Option<String>,
    /// What it made (a reservation's resource id, for a reserved instance).
    #[serde(default)]
    pub entitled_artifacts: Vec<EntitledArtifact>,
}

/// One artifact of an entitlement.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EntitledArtifact {
    /// `reservedinstance`, …
    #[serde(default)]
    pub artifact_type: Option<String>,
    /// The Azure resource id.
    #[serde(default)]
    pub resource_id: Option<String>,
}

/// The reserved-instance details behind an entitlement's artifact link.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VmReservationDetails {
    /// The reservations.
    #[serde(default)]
    pub virtual_machine_reservations: Vec<VmReservation>,
}

/// One reservation, as Partner Center reports it.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VmReservation {
    /// The ARM resource id of the reservation.
    pub reservation_id: String,
    /// `Shared`, `Single`.
    #[serde(default)]
    pub scope_type: Option<String>,
    /// How many.
    #[serde(default)]
    pub quantity: Option<u32>,
    /// When it ends (UTC).
    #[serde(default, deserialize_with = "crate::exact::opt_timestamp")]
    pub expiry_date_time: Option<NaiveDateTime>,
    /// When it began (UTC).
    #[serde(default, deserialize_with = "crate::exact::opt_timestamp")]
    pub effective_date_time: Option<NaiveDateTime>,
    /// `Created`, …
    #[serde(default)]
    pub provisioning_state: Option<String>,
}

/// A cart.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Cart {
    /// The cart id.
    pub id: String,
    /// `Active`, …
    #[serde(default)]
    pub status: Option<String>,
    /// When it expires (UTC).
    #[serde(default, deserialize_with = "crate::exact::opt_timestamp")]
    pub expiration_timestamp: Option<NaiveDateTime>,
    /// Its lines.
    #[serde(default)]
    pub line_items: Vec<CartLine>,
}

/// A line of a cart.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CartLine {
    /// The line number.
    pub id: u32,
    /// The catalog item (`DZH318Z0BQ36:004G:DZH318Z08C0S`).
    pub catalog_item_id: String,
    /// How many.
    pub quantity: u32,
    /// `one_time` (upfront) or `monthly`.
    #[serde(default)]
    pub billing_cycle: Option<String>,
    /// `P1Y`, `P3Y`.
    #[serde(default)]
    pub term_duration: Option<String>,
    /// The currency of its price.
    #[serde(default)]
    pub currency_code: Option<String>,
}
