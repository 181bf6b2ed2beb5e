//! Locale-aware formatting of numbers, money, percentages and dates.
//!
//! Pure functions over `Decimal` and `NaiveDate`, so they are tested natively. The shapes follow
//! what `Intl` prints for `en-US` and `ko-KR`.

use chrono::{Datelike, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};

use crate::text::i18n::Locale;

/// Groups the integer digits of a plain decimal string with commas: `1234567.5` → `1,234,567.5`.
fn group(plain: &str) -> String {
    let (sign, digits) = plain
        .strip_prefix('-')
        .map_or(("", plain), |rest| ("-", rest));
    let (int, frac) = digits
        .split_once('.')
        .map_or((digits, None), |(i, f)| (i, Some(f)));
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// A number with grouping and exactly `decimals` fraction digits (half away from zero).
pub fn number(value: Decimal, decimals: u32) -> String {
    let mut rounded =
        value.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(decimals);
    if rounded.is_zero() {
        rounded.set_sign_positive(true);
    }
    group(&rounded.to_string())
}

/// A whole count with grouping, for quantities and totals.
pub fn count(value: u64) -> String {
    group(&value.to_string())
}

/// An amount in US dollars, the engine's one currency: `$1,234.56` / `US$1,234.56`.
pub fn usd(value: Decimal, locale: Locale) -> String {
    let symbol = match locale {
        Locale::En => "$",
        Locale::Ko => "US$",
    };
    let text = number(value.abs(), 2);
    if value.is_sign_negative() && !value.round_dp(2).is_zero() {
        format!("-{symbol}{text}")
    } else {
        format!("{symbol}{text}")
    }
}

/// A percentage with one fraction digit: `87.5%`.
pub fn percent(value: Decimal) -> String {
    format!("{}%", number(value, 1))
}

/// A calendar date: `Nov 28, 2026` / `2026. 11. 28.`.
pub fn date(value: NaiveDate, locale: Locale) -> String {
    match locale {
        Locale::En => value.format("%b %-d, %Y").to_string(),
        Locale::Ko => format!("{}. {}. {}.", value.year(), value.month(), value.day()),
    }
}

/// A moment (UTC): `Nov 28, 2026, 14:05 UTC` / `2026. 11. 28. 14:05 UTC`.
pub fn date_time(value: chrono::NaiveDateTime, locale: Locale) -> String {
    match locale {
        Locale::En => format!(
            "{}, {} UTC",
            date(value.date(), locale),
            value.format("%H:%M")
        ),
        Locale::Ko => format!(
            "{} {} UTC",
            date(value.date(), locale),
            value.format("%H:%M")
        ),
    }
}

/// A calendar month: `Mar 2027` / `2027년 3월`.
pub fn month(first_day: NaiveDate, locale: Locale) -> String {
    match locale {
        Locale::En => first_day.format("%b %Y").to_string(),
        Locale::Ko => format!("{}년 {}월", first_day.year(), first_day.month()),
    }
}

/// A calendar month given as year and month number (1–12), as [`month`] writes it.
pub fn year_month(year: i32, month_number: u32, locale: Locale) -> String {
    NaiveDate::from_ymd_opt(year, month_number, 1)
        .map_or_else(|| format!("{year}-{month_number:02}"), |d| month(d, locale))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn groups_thousands() {
        assert_eq!(number(dec!(1234567.891), 2), "1,234,567.89");
        assert_eq!(number(dec!(999), 0), "999");
        assert_eq!(number(dec!(-1000), 0), "-1,000");
        assert_eq!(number(dec!(0.005), 2), "0.01");
        assert_eq!(number(dec!(-0.001), 2), "0.00");
        assert_eq!(count(50_000), "50,000");
    }

    #[test]
    fn money_per_locale() {
        assert_eq!(usd(dec!(50000), Locale::En), "$50,000.00");
        assert_eq!(usd(dec!(3333.333), Locale::Ko), "US$3,333.33");
        assert_eq!(usd(dec!(-12.5), Locale::En), "-$12.50");
        assert_eq!(usd(dec!(-0.001), Locale::En), "$0.00");
    }

    #[test]
    fn dates_per_locale() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 8).expect("valid");
        assert_eq!(date(d, Locale::En), "Nov 8, 2026");
        assert_eq!(date(d, Locale::Ko), "2026. 11. 8.");
    }

    #[test]
    fn percentages() {
        assert_eq!(percent(dec!(87.46)), "87.5%");
    }

    #[test]
    fn formats_a_moment_in_utc() {
        let at = NaiveDate::from_ymd_opt(2026, 11, 28)
            .unwrap()
            .and_hms_opt(14, 5, 0)
            .unwrap();
        assert_eq!(date_time(at, Locale::En), "Nov 28, 2026, 14:05 UTC");
        assert_eq!(date_time(at, Locale::Ko), "2026. 11. 28. 14:05 UTC");
    }

    #[test]
    fn months_read_as_each_language_writes_them() {
        let d = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap_or_default();
        assert_eq!(month(d, Locale::En), "Mar 2027");
        assert_eq!(month(d, Locale::Ko), "2027년 3월");
    }
}
