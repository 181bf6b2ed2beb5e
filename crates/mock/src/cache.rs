//! A cache of the customer list rows (counts and refund usage per customer), so searching,
//! sorting and paging 5,000 customers does not walk 100,000 reservations on every request.
//! Never stored; cleared by every change and whenever the day changes.

use chrono::NaiveDate;
use reservation_api::Customer;
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
