//! Caches of derived rows, so searching, sorting and paging 5,000 customers and 100,000
//! reservations does not rebuild every view on every request: the customer list rows (counts and
//! refund usage per customer) and the portfolio's rows (search text, state, utilization,
//! commitment) with its sorted orders. Never stored; cleared by every change and whenever the
//! day changes.

use std::collections::HashMap;

use chrono::NaiveDate;
use reservation_api::{Customer, PortfolioSort, SortOrder};
use reservation_quote::Policy;

use crate::state::State;
use crate::view;

/// One customer list row with its precomputed search and sort keys.
#[derive(Clone, Debug)]
pub struct CustomerRow {
    /// The company name without legal-form markers, lower-cased (the name sort key).
    pub sort_key: String,
    /// The company name, lower-cased (for search).
    pub name_lc: String,
    /// The domain, lower-cased (for search).
    pub domain_lc: String,
    /// The API view.
    pub view: Customer,
}

/// The cached rows and the day they were computed for.
#[derive(Debug, Default)]
pub struct ViewCache {
    rows: Option<(NaiveDate, Vec<CustomerRow>)>,
    portfolio: Option<(NaiveDate, PortfolioIndex)>,
}

/// The portfolio's rows (see `handlers::portfolio`), built once per day and change, and the
/// orders they were sorted in so far (entry indices), by (column, direction).
#[derive(Debug, Default)]
pub struct PortfolioIndex {
    /// One entry per reservation, in state order.
    pub entries: Vec<crate::handlers::portfolio::Entry>,
    /// Per customer (state order): the company name, lower-cased.
    pub company_lc: Vec<String>,
    /// Per customer (state order): the refund headroom today, USD.
    pub headroom: Vec<rust_decimal::Decimal>,
    /// Sorted orders computed so far.
    pub sorted: HashMap<(PortfolioSort, SortOrder), Vec<u32>>,
    /// The last selection listed (user, filters, sort) and its entries in order, so the next
    /// block of the same view is a slice of it.
    pub last: Option<(String, Vec<u32>)>,
}

/// The name used for sorting: without the legal-form markers `(주)` and `주식회사`, lower-cased.
pub fn sort_key(name: &str) -> String {
    name.replace("(주)", "")
        .replace("주식회사", "")
        .trim()
        .to_lowercase()
}

impl ViewCache {
    /// Forgets the rows (after a change).
    pub fn clear(&mut self) {
        self.rows = None;
        self.portfolio = None;
    }

    /// The portfolio's rows for `today`, built when missing or stale.
    pub fn portfolio(
        &mut self,
        state: &State,
        today: NaiveDate,
        policy: &Policy,
    ) -> &mut PortfolioIndex {
        let fresh = matches!(&self.portfolio, Some((day, _)) if *day == today);
        if !fresh {
            self.portfolio = None;
        }
        let (_, index) = self.portfolio.get_or_insert_with(|| {
            (
                today,
                crate::handlers::portfolio::build_index(state, today, policy),
            )
        });
        index
    }

    /// The rows for `today`, computed when missing or stale.
    pub fn customer_rows(
        &mut self,
        state: &State,
        today: NaiveDate,
        policy: &Policy,
    ) -> &[CustomerRow] {
        let fresh = matches!(&self.rows, Some((day, _)) if *day == today);
        if !fresh {
            let rows = state
                .customers
                .iter()
                .map(|c| CustomerRow {
                    sort_key: sort_key(&c.name),
                    name_lc: c.name.to_lowercase(),
                    domain_lc: c.domain.to_lowercase(),
                    view: view::customer(c, today, policy),
                })
                .collect();
            self.rows = Some((today, rows));
        }
        match &self.rows {
            Some((_, rows)) => rows,
            None => &[],
        }
    }
}
