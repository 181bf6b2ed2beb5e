//! Customers of the CSP partner, and the customer list query.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::models::common::{SortOrder, DEFAULT_TOP};
use crate::query::{QueryBuilder, QueryParams};

/// A customer tenant the partner manages.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Customer {
    /// The customer's tenant id (a GUID).
    pub id: String,
    /// The company name (Korean or English).
    pub company_name: String,
    /// The primary domain (`contosokorea.onmicrosoft.com`).
    pub primary_domain: String,
    /// ISO 3166 country code (`KR`, `US`).
    pub country: String,
    /// Preferred locale (`ko-KR`, `en-US`), also the default language of support requests.
    pub locale: String,
    /// How many reservations the customer has in any state.
    pub reservation_count: u32,
    /// How many of them are active (`Succeeded` and not yet expired).
    pub active_reservation_count: u32,
    /// How many active reservations expire within 30 days of today.
    pub expiring_within_30_days: u32,
    /// Canceled commitment counted against the USD 50,000 rolling limit today.
    pub refund_limit_used: Decimal,
}

/// The column the customer list is sorted by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum CustomerSort {
    /// By company name.
    #[default]
    CompanyName,
    /// By primary domain.
    PrimaryDomain,
    /// By country code.
    Country,
    /// By number of reservations.
    ReservationCount,
    /// By number of reservations expiring within 30 days.
    ExpiringWithin30Days,
    /// By refund limit used.
    RefundLimitUsed,
}

/// Search, sort and paging of `GET /customers`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerQuery {
    /// Case-insensitive substring of the company name or domain.
    pub search: Option<String>,
    /// The sort column.
    pub sort: CustomerSort,
    /// The sort direction.
    pub order: SortOrder,
    /// How many matching customers to skip.
    pub skip: u32,
    /// The page size.
    pub top: u32,
}

impl Default for CustomerQuery {
    fn default() -> Self {
        CustomerQuery {
            search: None,
            sort: CustomerSort::default(),
            order: SortOrder::default(),
            skip: 0,
            top: DEFAULT_TOP,
        }
    }
}

impl CustomerQuery {
    /// The query string, with a leading `?`.
    pub fn to_query_string(&self) -> String {
        let mut q = QueryBuilder::new();
        q.push_opt("search", self.search.as_deref().filter(|s| !s.is_empty()))
            .push_enum("sort", Some(&self.sort))
            .push_enum("order", Some(&self.order))
            .push("skip", self.skip)
            .push("top", self.top);
        q.build()
    }

    /// Reads the query from parsed parameters; unknown values are an error message.
    pub fn from_params(p: &QueryParams) -> Result<CustomerQuery, String> {
        Ok(CustomerQuery {
            search: p.get("search").map(str::to_string),
            sort: p.enumeration("sort")?.unwrap_or_default(),
            order: p.enumeration("order")?.unwrap_or_default(),
            skip: p.number("skip")?.unwrap_or(0),
            top: p.number("top")?.unwrap_or(DEFAULT_TOP),
        })
    }
}
