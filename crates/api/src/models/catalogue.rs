//! The price catalogue: what a reservation costs today.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::models::common::MAX_TOP;
use crate::query::{QueryBuilder, QueryParams};
use crate::{BillingPlan, Family, Term};

/// The price of one unit of one SKU in one region for one term and plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PriceEntry {
    /// The family.
    pub reserved_resource_type: Family,
    /// The SKU.
    pub sku_name: String,
    /// The region.
    pub location: String,
    /// The term.
    pub term: Term,
    /// The billing plan.
    pub billing_plan: BillingPlan,
    /// Upfront: the price of one unit for the whole term; Monthly: for one month (USD).
    pub unit_price: Decimal,
    /// The currency (`USD`).
    pub currency_code: String,
    /// Virtual machines: the instance size flexibility group the SKU belongs to
    /// (`DSv5 Series`); a reservation's discount applies to every size of its group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_flexibility_group: Option<String>,
    /// Virtual machines: the SKU's capacity relative to the group's smallest size (1, 2, 4, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_flexibility_ratio: Option<u32>,
}

/// Filters and paging of `GET /priceCatalogue`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PriceQuery {
    /// Only this family.
    pub family: Option<Family>,
    /// Only this SKU.
    pub sku_name: Option<String>,
    /// Only this region.
    pub location: Option<String>,
    /// Only this term.
    pub term: Option<Term>,
    /// Only this plan.
    pub billing_plan: Option<BillingPlan>,
    /// How many to skip.
    pub skip: u32,
    /// The page size.
    pub top: u32,
}

impl Default for PriceQuery {
    fn default() -> Self {
        PriceQuery {
            family: None,
            sku_name: None,
            location: None,
            term: None,
            billing_plan: None,
            skip: 0,
            top: MAX_TOP,
        }
    }
}

impl PriceQuery {
    /// The query string, with a leading `?`.
    pub fn to_query_string(&self) -> String {
        let mut q = QueryBuilder::new();
        q.push_enum("family", self.family.as_ref())
            .push_opt("skuName", self.sku_name.as_deref())
            .push_opt("location", self.location.as_deref())
            .push_enum("term", self.term.as_ref())
            .push_enum("billingPlan", self.billing_plan.as_ref())
            .push("skip", self.skip)
            .push("top", self.top);
        q.build()
    }

    /// Reads the query from parsed parameters.
    pub fn from_params(p: &QueryParams) -> Result<PriceQuery, String> {
        Ok(PriceQuery {
            family: p.enumeration("family")?,
            sku_name: p.get("skuName").map(str::to_string),
            location: p.get("location").map(str::to_string),
            term: p.enumeration("term")?,
            billing_plan: p.enumeration("billingPlan")?,
            skip: p.number("skip")?.unwrap_or(0),
            top: p.number("top")?.unwrap_or(MAX_TOP),
        })
    }
}
