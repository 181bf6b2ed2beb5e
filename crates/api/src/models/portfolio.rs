//! The portfolio: every readable reservation of every customer, in one list.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::models::common::{SortOrder, DEFAULT_TOP};
use crate::models::reservation::{ProvisioningState, Reservation};
use crate::query::{QueryBuilder, QueryParams};
use crate::Family;

/// One row of `GET /reservations`: a reservation with its customer and the customer's
/// refund-limit headroom (the same for every row of that customer).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PortfolioRow {
    /// The customer's tenant id.
    pub customer_id: String,
    /// The customer's company name.
    pub company_name: String,
    /// What the customer may still refund in the rolling 12 months, USD.
    pub refund_headroom: Decimal,
    /// The reservation, as `GET .../reservations/{r}` returns it.
    pub reservation: Reservation,
}

/// The column the portfolio is sorted by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PortfolioSort {
    /// By company name.
    CompanyName,
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
    /// By billing plan.
    BillingPlan,
    /// By scope type.
    AppliedScopeType,
    /// By expiry date (soonest first when ascending).
    #[default]
    ExpiryDate,
    /// By 7-day utilization (reservations without utilization first).
    Utilization7,
    /// By 30-day utilization (reservations without utilization first).
    Utilization30,
    /// By auto-renew (off first).
    Renew,
    /// By the customer's refund headroom.
    RefundHeadroom,
    /// By state.
    ProvisioningState,
}

/// Filters, sort and paging of `GET /reservations`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PortfolioQuery {
    /// Only this customer (tenant id).
    pub customer: Option<String>,
    /// Only this state (`Succeeded` = active, `Expired`, `Cancelled`).
    pub status: Option<ProvisioningState>,
    /// Only this family.
    pub family: Option<Family>,
    /// Only this region (`koreacentral`).
    pub region: Option<String>,
    /// Case-insensitive substring of company name, display name, SKU, region, family,
    /// reservation or order id.
    pub search: Option<String>,
    /// Only active reservations expiring within this many days of today.
    pub expiring_within_days: Option<u32>,
    /// Only reservations whose 7-day utilization is below this percentage (those without
    /// utilization, i.e. not active, never match).
    pub utilization_below: Option<Decimal>,
    /// Only reservations with auto-renew on (`true`) or off (`false`).
    pub auto_renew: Option<bool>,
    /// The sort column.
    pub sort: PortfolioSort,
    /// The sort direction.
    pub order: SortOrder,
    /// How many to skip.
    pub skip: u32,
    /// The page size.
    pub top: u32,
}

impl Default for PortfolioQuery {
    fn default() -> Self {
        PortfolioQuery {
            customer: None,
            status: None,
            family: None,
            region: None,
            search: None,
            expiring_within_days: None,
            utilization_below: None,
            auto_renew: None,
            sort: PortfolioSort::default(),
            order: SortOrder::default(),
            skip: 0,
            top: DEFAULT_TOP,
        }
    }
}

impl PortfolioQuery {
    /// The query string, with a leading `?`.
    pub fn to_query_string(&self) -> String {
        let mut q = QueryBuilder::new();
        q.push_opt(
            "customer",
            self.customer.as_deref().filter(|s| !s.is_empty()),
        )
        .push_enum("status", self.status.as_ref())
        .push_enum("family", self.family.as_ref())
        .push_opt("region", self.region.as_deref().filter(|s| !s.is_empty()))
        .push_opt("search", self.search.as_deref().filter(|s| !s.is_empty()))
        .push_opt("expiringWithinDays", self.expiring_within_days)
        .push_opt("utilizationBelow", self.utilization_below)
        .push_opt("autoRenew", self.auto_renew)
        .push_enum("sort", Some(&self.sort))
        .push_enum("order", Some(&self.order))
        .push("skip", self.skip)
        .push("top", self.top);
        q.build()
    }

    /// Reads the query from parsed parameters; unknown values are an error message.
    pub fn from_params(p: &QueryParams) -> Result<PortfolioQuery, String> {
        let auto_renew = match p.get("autoRenew") {
            None => None,
            Some("true") => Some(true),
            Some("false") => Some(false),
            Some(v) => {
                return Err(format!(
                    "query parameter 'autoRenew' must be true or false, not '{v}'"
                ))
            }
        };
        Ok(PortfolioQuery {
            customer: p.get("customer").map(str::to_string),
            status: p.enumeration("status")?,
            family: p.enumeration("family")?,
            region: p.get("region").map(str::to_string),
            search: p.get("search").map(str::to_string),
            expiring_within_days: p.number("expiringWithinDays")?,
            utilization_below: p.number("utilizationBelow")?,
            auto_renew,
            sort: p.enumeration("sort")?.unwrap_or_default(),
            order: p.enumeration("order")?.unwrap_or_default(),
            skip: p.number("skip")?.unwrap_or(0),
            top: p.number("top")?.unwrap_or(DEFAULT_TOP),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn the_query_round_trips_through_its_string() {
        let q = PortfolioQuery {
            customer: Some("c 1".into()),
            status: Some(ProvisioningState::Succeeded),
            family: Some(Family::VirtualMachines),
            region: Some("koreacentral".into()),
            search: Some("sql & co".into()),
            expiring_within_days: Some(60),
            utilization_below: Some(dec!(42.5)),
            auto_renew: Some(false),
            sort: PortfolioSort::RefundHeadroom,
            order: SortOrder::Desc,
            skip: 3,
            top: 1000,
        };
        let s = q.to_query_string();
        let parsed =
            PortfolioQuery::from_params(&QueryParams::parse(s.strip_prefix('?').unwrap_or(&s)));
        assert_eq!(parsed, Ok(q));
        assert_eq!(
            PortfolioQuery::from_params(&QueryParams::parse("")),
            Ok(PortfolioQuery::default())
        );
        assert!(PortfolioQuery::from_params(&QueryParams::parse("autoRenew=yes")).is_err());
        assert!(PortfolioQuery::from_params(&QueryParams::parse("utilizationBelow=x")).is_err());
    }
}
