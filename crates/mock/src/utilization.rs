//! Daily utilization, derived (never stored) from the reservation id, its level and the date, so
//! it is stable across reloads and costs no storage.

use chrono::{Datelike, NaiveDate};
use reservation_api::{
    ReservationUtilization, UtilizationAggregate, UtilizationPoint, UtilizationTrend,
};
use rust_decimal::Decimal;

use crate::ids::{hash_str, mix64};

/// The utilization of one reservation on one day, in hundredths of a percent (0..=10000).
///
/// A weekly drift (±12 points) and a daily jitter (±8 points) around the reservation's level.
pub fn daily_basis_points(reservation_id: &str, level: u8, date: NaiveDate) -> u32 {
    let h = hash_str(reservation_id);
    let day = i64::from(date.num_days_from_ce());
    let week = day.div_euclid(7);
    let drift = (mix64(h ^ (week as u64).wrapping_mul(0x9E37)) % 2401) as i64 - 1200;
    let jitter = (mix64(h.rotate_left(17) ^ day as u64) % 1601) as i64 - 800;
    let v = i64::from(level) * 100 + drift + jitter;
    v.clamp(0, 10_000) as u32
}

/// The utilization of one day as a percentage with two decimals.
pub fn daily(reservation_id: &str, level: u8, date: NaiveDate) -> Decimal {
    Decimal::new(
        i64::from(daily_basis_points(reservation_id, level, date)),
        2,
    )
}

/// The days on which a reservation had utilization, intersected with `from..=to`.
#[derive(Clone, Copy, Debug)]
pub struct ActiveSpan {
    /// First day with data (purchase date).
    pub start: NaiveDate,
    /// First day without data (expiry, cancellation or today, whichever is first).
    pub end: NaiveDate,
}

/// The daily points of a reservation between `from` and `to` (inclusive), within its span.
pub fn points(
    reservation_id: &str,
    level: Option<u8>,
    span: ActiveSpan,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<UtilizationPoint> {
    let mut out = Vec::new();
    // No level: nothing was measured, so there are no days (never invented ones).
    let Some(level) = level else {
        return out;
    };
    let mut d = from.max(span.start);
    while d <= to && d < span.end {
        out.push(UtilizationPoint {
            date: d,
            utilized_percentage: daily(reservation_id, level, d),
        });
        match d.succ_opt() {
            Some(n) => d = n,
            None => break,
        }
    }
    out
}

/// The mean of the points, rounded to two decimals.
pub fn average(points: &[UtilizationPoint]) -> Option<Decimal> {
    if points.is_empty() {
        return None;
    }
    let sum: Decimal = points.iter().map(|p| p.utilized_percentage).sum();
    Some((sum / Decimal::from(points.len())).round_dp(2))
}

/// The 1, 7 and 30-day averages (ending yesterday) and the trend (7 vs 30 days, ±2 points).
pub fn summary(
    reservation_id: &str,
    level: Option<u8>,
    span: ActiveSpan,
    today: NaiveDate,
) -> Option<ReservationUtilization> {
    let yesterday = today.pred_opt()?;
    let window = |days: i64| {
        let from = today - chrono::Duration::days(days);
        average(&points(reservation_id, level, span, from, yesterday))
    };
    let (d1, d7, d30) = (window(1)?, window(7)?, window(30)?);
    let two = Decimal::from(2);
    let trend = if d7 - d30 > two {
        UtilizationTrend::Up
    } else if d30 - d7 > two {
        UtilizationTrend::Down
    } else {
        UtilizationTrend::Same
    };
    let agg = |grain: u32, value: Decimal| UtilizationAggregate {
        grain,
        grain_unit: "days".into(),
        value,
        value_unit: "percentage".into(),
    };
    Some(ReservationUtilization {
        trend,
        aggregates: vec![agg(1, d1), agg(7, d7), agg(30, d30)],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn stable_and_in_range() {
        let a = daily("abc", 85, d("2026-01-05"));
        assert_eq!(a, daily("abc", 85, d("2026-01-05")));
        for i in 0..400 {
            let v = daily_basis_points("x", 95, d("2026-01-01") + chrono::Duration::days(i));
            assert!(v <= 10_000);
        }
    }

    #[test]
    fn low_level_averages_low() {
        let span = ActiveSpan {
            start: d("2025-01-01"),
            end: d("2026-12-01"),
        };
        let pts = points("r1", Some(30), span, d("2026-01-01"), d("2026-03-31"));
        assert_eq!(pts.len(), 90);
        let avg = average(&pts).unwrap();
        assert!(avg < Decimal::from(40), "{avg}");
    }
}
