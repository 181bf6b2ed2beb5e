//! The state of a searchable, sortable, paged list, kept in the URL's query string so that a
//! deep link, a reload and back/forward all restore the same view.

use crate::api::SortOrder;

/// Rows per page in every list.
pub const PAGE_SIZE: u32 = 25;

/// A sortable column of a list: how the URL names it, how the API sorts by it, its label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column<S> {
    /// The value of `sort=` in the URL.
    pub key: &'static str,
    /// The API's sort for the column.
    pub sort: S,
    /// The label's translation key.
    pub label: &'static str,
    /// Numbers are right-aligned.
    pub numeric: bool,
}

impl<S: Copy> Column<S> {
    /// A column of text.
    pub const fn text(key: &'static str, sort: S, label: &'static str) -> Column<S> {
        Column {
            key,
            sort,
            label,
            numeric: false,
        }
    }

    /// A column of numbers.
    pub const fn number(key: &'static str, sort: S, label: &'static str) -> Column<S> {
        Column {
            key,
            sort,
            label,
            numeric: true,
        }
    }
}

/// Search text, sort column, direction, page and filters of one list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListState {
    /// What the user typed in the search box.
    pub search: String,
    /// The sort column's key, empty for the list's default order.
    pub sort: String,
    /// Descending instead of ascending.
    pub desc: bool,
    /// Zero-based page number.
    pub page: u32,
    /// Extra filters such as `status` or `family`, in a stable order.
    pub filters: Vec<(String, String)>,
}

impl ListState {
    /// Reads the state from query parameters; unknown or broken values fall back to defaults.
    pub fn from_query(get: impl Fn(&str) -> Option<String>, filter_keys: &[&str]) -> ListState {
        ListState {
            search: get("q").unwrap_or_default(),
            sort: get("sort").unwrap_or_default(),
            desc: get("order").is_some_and(|o| o == "desc"),
            page: get("page")
                .and_then(|p| p.parse::<u32>().ok())
                .map_or(0, |p| p.saturating_sub(1)),
            filters: filter_keys
                .iter()
                .filter_map(|k| get(k).filter(|v| !v.is_empty()).map(|v| (k.to_string(), v)))
                .collect(),
        }
    }

    /// The query string for this state (`?q=…&sort=…`), empty when everything is default.
    pub fn to_query(&self) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        if !self.search.is_empty() {
            query.append_pair("q", &self.search);
        }
        if !self.sort.is_empty() {
            query.append_pair("sort", &self.sort);
            query.append_pair("order", if self.desc { "desc" } else { "asc" });
        }
        for (key, value) in &self.filters {
            query.append_pair(key, value);
        }
        if self.page > 0 {
            query.append_pair("page", &(self.page + 1).to_string());
        }
        let query = query.finish();
        if query.is_empty() {
            query
        } else {
            format!("?{query}")
        }
    }

    /// The value of one filter, if set.
    pub fn filter(&self, key: &str) -> Option<&str> {
        self.filters
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// A copy with new search text, back on the first page.
    pub fn with_search(&self, search: &str) -> ListState {
        ListState {
            search: search.to_string(),
            page: 0,
            ..self.clone()
        }
    }

    /// A copy with one filter set (or cleared when `value` is empty), back on the first page.
    pub fn with_filter(&self, key: &str, value: &str) -> ListState {
        let mut next = self.clone();
        next.filters.retain(|(k, _)| k != key);
        if !value.is_empty() {
            next.filters.push((key.to_string(), value.to_string()));
        }
        next.page = 0;
        next
    }

    /// A copy sorted by `column`: a new column sorts ascending, the same column flips direction.
    pub fn toggled_sort(&self, column: &str) -> ListState {
        ListState {
            desc: self.sort == column && !self.desc,
            sort: column.to_string(),
            page: 0,
            ..self.clone()
        }
    }

    /// A copy on another page.
    pub fn with_page(&self, page: u32) -> ListState {
        ListState {
            page,
            ..self.clone()
        }
    }

    /// The first row of the current page.
    pub fn skip(&self) -> u32 {
        self.page.saturating_mul(PAGE_SIZE)
    }

    /// The API sort of the state's column among `columns`, or `default` for an unknown one.
    pub fn sort_by<S: Copy>(&self, columns: &[Column<S>], default: S) -> S {
        columns
            .iter()
            .find(|c| c.key == self.sort)
            .map_or(default, |c| c.sort)
    }

    /// The sort direction for the API.
    pub fn order(&self) -> SortOrder {
        if self.desc {
            SortOrder::Desc
        } else {
            SortOrder::Asc
        }
    }

    /// The search text for the API: trimmed, `None` when empty.
    pub fn search_term(&self) -> Option<String> {
        Some(self.search.trim().to_string()).filter(|s| !s.is_empty())
    }
}

/// How many pages `total` rows fill (at least one, so an empty list says "page 1 of 1").
pub fn page_count(total: u64) -> u32 {
    let pages = total.div_ceil(u64::from(PAGE_SIZE)).max(1);
    u32::try_from(pages).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn parse(query: &str) -> ListState {
        let map: HashMap<String, String> = form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect();
        ListState::from_query(|k| map.get(k).cloned(), &["status", "family"])
    }

    #[test]
    fn round_trips_through_the_query_string() {
        let state = ListState {
            search: "한빛 & co".into(),
            sort: "expiring".into(),
            desc: true,
            page: 2,
            filters: vec![("status".into(), "Succeeded".into())],
        };
        let query = state.to_query();
        assert_eq!(parse(query.trim_start_matches('?')), state);
    }

    #[test]
    fn defaults_are_not_written() {
        assert_eq!(ListState::default().to_query(), "");
    }

    #[test]
    fn broken_values_fall_back() {
        let state = parse("page=zero&order=sideways&status=");
        assert_eq!(state.page, 0);
        assert!(!state.desc);
        assert!(state.filters.is_empty());
    }

    #[test]
    fn sorting_toggles_and_resets_the_page() {
        let state = ListState::default().with_page(3).toggled_sort("name");
        assert_eq!(
            (state.sort.as_str(), state.desc, state.page),
            ("name", false, 0)
        );
        assert!(state.toggled_sort("name").desc);
        assert!(!state.toggled_sort("name").toggled_sort("country").desc);
    }

    #[test]
    fn maps_to_the_api() {
        const COLUMNS: [Column<u8>; 2] = [
            Column::text("name", 1, "a.b"),
            Column::number("qty", 2, "a.c"),
        ];
        let state = parse("sort=qty&order=desc&q=%20contoso%20");
        assert_eq!(state.sort_by(&COLUMNS, 0), 2);
        assert_eq!(state.order(), SortOrder::Desc);
        assert_eq!(state.search_term().as_deref(), Some("contoso"));
        let state = parse("sort=bogus&q=%20%20");
        assert_eq!(state.sort_by(&COLUMNS, 0), 0);
        assert_eq!(state.order(), SortOrder::Asc);
        assert_eq!(state.search_term(), None);
    }

    #[test]
    fn counts_pages() {
        assert_eq!(page_count(0), 1);
        assert_eq!(page_count(25), 1);
        assert_eq!(page_count(26), 2);
        assert_eq!(ListState::default().with_page(2).skip(), 50);
    }
}
