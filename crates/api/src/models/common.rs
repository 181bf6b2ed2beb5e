//! Shapes shared by many endpoints: pages, sort order, SKUs.

use serde::{Deserialize, Serialize};

/// Default page size when a query does not say.
pub const DEFAULT_TOP: u32 = 25;
/// Largest page size a server returns.
pub const MAX_TOP: u32 = 1000;

/// One page of a list: `{"value": [...], "totalCount", "skip", "top", "nextLink"}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Page<T> {
    /// The items of this page.
    pub value: Vec<T>,
    /// How many items match the query in all pages.
    pub total_count: u64,
    /// How many matching items come before this page.
    pub skip: u32,
    /// The page size asked for.
    pub top: u32,
    /// The path (with query) of the next page, absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_link: Option<String>,
}

impl<T> Page<T> {
    /// A page holding every item (for short lists that are not paged).
    pub fn all(value: Vec<T>) -> Page<T> {
        let n = value.len();
        Page {
            total_count: n as u64,
            skip: 0,
            top: u32::try_from(n).unwrap_or(u32::MAX),
            next_link: None,
            value,
        }
    }
}

/// Ascending or descending.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SortOrder {
    /// Smallest first (A → Z).
    #[default]
    Asc,
    /// Largest first (Z → A).
    Desc,
}

/// The SKU of a reservation, as Azure names it (`Standard_D2s_v5`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Sku {
    /// The SKU name.
    pub name: String,
}

/// The currency every amount of the API is in.
pub const CURRENCY_USD: &str = "USD";
