//! Azure's numbers and timestamps, read exactly.
//!
//! Amounts and percentages arrive as JSON numbers (`24.92`, `50000`, `0.05`). They are read from
//! their text (`serde_json`'s `RawValue`), so no amount ever passes through a float. Timestamps
//! come with a `Z`, an offset or no zone at all, and seven fractional digits; all are UTC here.

use std::str::FromStr;

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;

/// A decimal from the text of a JSON number, or of a string holding one (Azure sends
/// `instanceFlexibilityRatio` as `"0.25"`).
pub fn parse_decimal(text: &str) -> Option<Decimal> {
    let t = text.trim().trim_matches('"');
    if t.contains(['e', 'E']) {
        Decimal::from_scientific(t).ok()
    } else {
        Decimal::from_str_exact(t).ok()
    }
}

/// Reads a decimal from a JSON number's text (or a numeric string).
pub fn decimal<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    let raw = Box::<RawValue>::deserialize(d)?;
    parse_decimal(raw.get())
        .ok_or_else(|| D::Error::custom(format!("not an exact decimal: {}", raw.get())))
}

/// [`decimal`], for a field that may be absent or `null`.
pub fn opt_decimal<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    let raw = Option::<Box<RawValue>>::deserialize(d)?;
    match raw {
        None => Ok(None),
        Some(r) if r.get() == "null" => Ok(None),
        Some(r) => parse_decimal(r.get())
            .map(Some)
            .ok_or_else(|| D::Error::custom(format!("not an exact decimal: {}", r.get()))),
    }
}

/// A timestamp in UTC: RFC 3339 with `Z` or an offset (converted), or without a zone (taken as
/// UTC), or a plain date (midnight).
pub fn parse_timestamp(text: &str) -> Option<NaiveDateTime> {
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Some(t.naive_utc());
    }
    if let Ok(t) = NaiveDateTime::from_str(text) {
        return Some(t);
    }
    NaiveDate::from_str(text)
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
}

/// Reads a timestamp (see [`parse_timestamp`]), for a field that may be absent or `null`.
pub fn opt_timestamp<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDateTime>, D::Error> {
    match Option::<String>::deserialize(d)? {
        None => Ok(None),
        Some(s) => parse_timestamp(&s)
            .map(Some)
            .ok_or_else(|| D::Error::custom(format!("not a timestamp: {s}"))),
    }
}

/// Reads a timestamp that must be present.
pub fn timestamp<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDateTime, D::Error> {
    let s = String::deserialize(d)?;
    parse_timestamp(&s).ok_or_else(|| D::Error::custom(format!("not a timestamp: {s}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn amounts_keep_every_digit_of_their_text() {
        #[derive(Deserialize)]
        struct A {
            #[serde(deserialize_with = "decimal")]
            v: Decimal,
        }
        let read = |json: &str| serde_json::from_str::<A>(json).unwrap().v;
        // What a float would turn into 0.30000000000000004 and 0.1 + 0.2 stays as written.
        assert_eq!(
            read(r#"{"v": 0.30000000000000004}"#).to_string(),
            "0.30000000000000004"
        );
        assert_eq!(read(r#"{"v": 0.1}"#) + read(r#"{"v": 0.2}"#), dec!(0.3));
        assert_eq!(
            read(r#"{"v": 123456789.123456789}"#).to_string(),
            "123456789.123456789"
        );
        assert_eq!(read(r#"{"v": 50000}"#), dec!(50000));
        assert_eq!(read(r#"{"v": -3.28}"#), dec!(-3.28));
        assert_eq!(read(r#"{"v": 1.5E-3}"#), dec!(0.0015));
        assert_eq!(read(r#"{"v": "0.25"}"#), dec!(0.25));
        assert!(serde_json::from_str::<A>(r#"{"v": true}"#).is_err());
    }

    #[test]
    fn optional_amounts_read_null_and_absent_as_none() {
        #[derive(Deserialize)]
        struct A {
            #[serde(default, deserialize_with = "opt_decimal")]
            v: Option<Decimal>,
        }
        assert_eq!(serde_json::from_str::<A>("{}").unwrap().v, None);
        assert_eq!(serde_json::from_str::<A>(r#"{"v": null}"#).unwrap().v, None);
        assert_eq!(
            serde_json::from_str::<A>(r#"{"v": 20.72}"#).unwrap().v,
            Some(dec!(20.72))
        );
    }

    #[test]
    fn timestamps_of_every_published_shape_are_utc() {
        let t = |s| parse_timestamp(s).unwrap().to_string();
        assert_eq!(
            t("2017-09-22T22:46:32.7632798Z"),
            "2017-09-22 22:46:32.763279800"
        );
        assert_eq!(t("2019-08-30T03:51:49Z"), "2019-08-30 03:51:49");
        assert_eq!(t("2020-02-03T00:00:00"), "2020-02-03 00:00:00");
        assert_eq!(t("2019-07-07T00:00:00-07:00"), "2019-07-07 07:00:00");
        assert_eq!(t("2018-09-22"), "2018-09-22 00:00:00");
        assert_eq!(parse_timestamp("yesterday"), None);
    }
}
