//! Calendar rules: adding months, expiry dates, term lengths and installment counts.

use chrono::{Datelike, Months, NaiveDate};

use crate::model::Term;

/// The spec's `add_months`: the same day m months later, or that month's last day; `None` only on calendar overflow.
pub fn add_months(d: NaiveDate, months: u32) -> Option<NaiveDate> {
    // chrono computes this from `d` directly and clamps to the month's last day, as the spec does.
    d.checked_add_months(Months::new(months))
}

/// The expiry date E = add_months(S, months of the term); `None` for an unknown term or on overflow.
pub fn expiry_date(purchase_date: NaiveDate, term: &Term) -> Option<NaiveDate> {
    add_months(purchase_date, term.months()?)
}

/// `term_days` = E − S in days; `None` for an unknown term or on overflow.
pub fn term_days(purchase_date: NaiveDate, term: &Term) -> Option<i64> {
    let e = expiry_date(purchase_date, term)?;
    Some(days_between(purchase_date, e))
}

/// Whole days from `from` to `to` (negative when `to` is earlier); never panics.
pub fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    to.signed_duration_since(from).num_days()
}

/// Whether `year` is a Gregorian leap year.
fn is_leap(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// Number of days in the given month (1-based) of the given year.
fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// How many of the installment dates add_months(S, k), k = 0 … months−1, are on or before D.
pub fn installments_billed(purchase_date: NaiveDate, months: u32, as_of: NaiveDate) -> u32 {
    if as_of < purchase_date {
        return 0;
    }
    // Calendar months from S's month to D's month; add_months(S, m) falls in D's month.
    let m = (i64::from(as_of.year()) - i64::from(purchase_date.year())) * 12
        + i64::from(as_of.month())
        - i64::from(purchase_date.month());
    let day_m = purchase_date
        .day()
        .min(days_in_month(as_of.year(), as_of.month()));
    let billed = if day_m <= as_of.day() { m + 1 } else { m };
    let billed = billed.clamp(0, i64::from(months));
    u32::try_from(billed).unwrap_or(months)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn add_months_spec_examples() {
        assert_eq!(add_months(d(2025, 1, 31), 1), Some(d(2025, 2, 28)));
        assert_eq!(add_months(d(2025, 1, 31), 2), Some(d(2025, 3, 31)));
        assert_eq!(add_months(d(2024, 2, 29), 12), Some(d(2025, 2, 28)));
        assert_eq!(add_months(d(2024, 2, 29), 48), Some(d(2028, 2, 29)));
        assert_eq!(add_months(d(2024, 1, 31), 1), Some(d(2024, 2, 29)));
        assert_eq!(add_months(d(2024, 3, 31), 1), Some(d(2024, 4, 30)));
        assert_eq!(add_months(d(2024, 7, 10), 0), Some(d(2024, 7, 10)));
        assert_eq!(add_months(d(2024, 12, 15), 1), Some(d(2025, 1, 15)));
    }

    #[test]
    fn add_months_is_computed_from_the_start_not_chained() {
        // Chaining Jan 31 -> Feb 28 -> Mar 28 would be wrong; the spec wants Mar 31.
        let s = d(2023, 1, 31);
        assert_eq!(add_months(s, 2), Some(d(2023, 3, 31)));
        assert_eq!(add_months(s, 13), Some(d(2024, 2, 29)));
    }

    #[test]
    fn add_months_overflow_is_none() {
        assert_eq!(add_months(NaiveDate::MAX, 1), None);
        assert_eq!(add_months(NaiveDate::MAX, 0), Some(NaiveDate::MAX));
        assert!(add_months(NaiveDate::MIN, 60).is_some());
        assert_eq!(add_months(d(2024, 1, 1), u32::MAX), None);
    }

    #[test]
    fn expiry_and_term_days() {
        assert_eq!(
            expiry_date(d(2024, 7, 10), &Term::P1Y),
            Some(d(2025, 7, 10))
        );
        assert_eq!(term_days(d(2024, 7, 10), &Term::P1Y), Some(365));
        assert_eq!(term_days(d(2024, 1, 15), &Term::P3Y), Some(1096));
        assert_eq!(term_days(d(2024, 2, 29), &Term::P1Y), Some(365));
        assert_eq!(term_days(d(2024, 2, 29), &Term::P5Y), Some(1826));
        assert_eq!(
            expiry_date(d(2024, 1, 1), &Term::Unknown("P2Y".into())),
            None
        );
    }

    #[test]
    fn installments_match_the_definition() {
        let starts = [
            d(2024, 1, 31),
            d(2024, 2, 29),
            d(2023, 12, 30),
            d(2024, 7, 1),
        ];
        for s in starts {
            for months in [12u32, 36] {
                let mut day = s - chrono::Duration::days(3);
                let end = add_months(s, months + 2).unwrap();
                while day <= end {
                    let expected = (0..months)
                        .filter(|k| add_months(s, *k).unwrap() <= day)
                        .count() as u32;
                    assert_eq!(installments_billed(s, months, day), expected, "{s} {day}");
                    day = day.succ_opt().unwrap();
                }
            }
        }
    }
}
