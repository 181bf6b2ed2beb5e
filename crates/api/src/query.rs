//! Query strings: percent-encoding (UTF-8, so Korean search terms survive) and typed parameters.

use serde::de::DeserializeOwned;
use serde::Serialize;

/// The wire name of a serde string enum (e.g. `Term::P1Y` → `"P1Y"`), or `None` for non-strings.
pub fn enum_name<T: Serialize>(value: &T) -> Option<String> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => Some(s),
        _ => None,
    }
}

/// Parses a serde string enum from its wire name.
pub fn parse_enum<T: DeserializeOwned>(name: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(name.to_string())).ok()
}

/// Builds a query string from name/value pairs, skipping absent values.
#[derive(Clone, Debug, Default)]
pub struct QueryBuilder {
    pairs: Vec<(String, String)>,
}

impl QueryBuilder {
    /// An empty query.
    pub fn new() -> QueryBuilder {
        QueryBuilder::default()
    }

    /// Adds `name=value`.
    pub fn push(&mut self, name: &str, value: impl ToString) -> &mut QueryBuilder {
        self.pairs.push((name.to_string(), value.to_string()));
        self
    }

    /// Adds `name=value` when `value` is `Some`.
    pub fn push_opt<V: ToString>(&mut self, name: &str, value: Option<V>) -> &mut QueryBuilder {
        if let Some(v) = value {
            self.push(name, v);
        }
        self
    }

    /// Adds a serde string enum by its wire name when present.
    pub fn push_enum<V: Serialize>(&mut self, name: &str, value: Option<&V>) -> &mut QueryBuilder {
        if let Some(s) = value.and_then(enum_name) {
            self.push(name, s);
        }
        self
    }

    /// The query string with a leading `?`, or empty when there are no pairs.
    pub fn build(&self) -> String {
        if self.pairs.is_empty() {
            return String::new();
        }
        // `for_suffix(_, 1)`: the `?` is not a pair, so no `&` goes before the first one.
        let mut query = form_urlencoded::Serializer::for_suffix(String::from("?"), 1);
        query.extend_pairs(&self.pairs);
        query.finish()
    }
}

/// Parsed query parameters, read by name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueryParams {
    pairs: Vec<(String, String)>,
}

impl QueryParams {
    /// Parses `a=1&b=x%20y` (with or without the leading `?`).
    pub fn parse(query: &str) -> QueryParams {
        let query = query.trim_start_matches('?');
        let pairs = form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect();
        QueryParams { pairs }
    }

    /// Every name/value pair, in order.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }

    /// The first value of `name`; empty values count as absent.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }

    /// Parses `name` as a number, or an error naming the parameter.
    pub fn number<N: std::str::FromStr>(&self, name: &str) -> Result<Option<N>, String> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => v
                .parse()
                .map(Some)
                .map_err(|_| format!("query parameter '{name}' must be a number")),
        }
    }

    /// Parses `name` as a serde string enum, or an error naming the parameter.
    pub fn enumeration<T: DeserializeOwned>(&self, name: &str) -> Result<Option<T>, String> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => parse_enum(v)
                .map(Some)
                .ok_or_else(|| format!("query parameter '{name}' has an unknown value '{v}'")),
        }
    }

    /// Parses `name` as a `YYYY-MM-DD` date, or an error naming the parameter.
    pub fn date(&self, name: &str) -> Result<Option<chrono::NaiveDate>, String> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| format!("query parameter '{name}' must be a date (YYYY-MM-DD)")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn korean_survives_a_round_trip() {
        let mut q = QueryBuilder::new();
        q.push("search", "(주)한빛 소프트&co");
        let s = q.build();
        assert!(s.is_ascii());
        assert!(s.starts_with("?search="), "{s}");
        let p = QueryParams::parse(&s);
        assert_eq!(p.get("search"), Some("(주)한빛 소프트&co"));
    }

    #[test]
    fn broken_escapes_are_kept_and_plus_is_a_space() {
        let p = QueryParams::parse("a=100%&b=%zz&c=a+b&d");
        assert_eq!(p.get("a"), Some("100%"));
        assert_eq!(p.get("b"), Some("%zz"));
        assert_eq!(p.get("c"), Some("a b"));
        assert_eq!(p.get("d"), None);
    }

    proptest! {
        #[test]
        fn build_then_parse_is_identity(k in "[a-z]{1,8}", v in ".+") {
            let mut q = QueryBuilder::new();
            q.push(&k, &v);
            let p = QueryParams::parse(&q.build());
            prop_assert_eq!(p.get(&k), Some(v.as_str()));
        }
    }
}
