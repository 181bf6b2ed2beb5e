//! Daily utilization: in the demo derived (never stored) from the reservation id, its level and
//! the date, so it is stable across reloads and costs no storage; outside it, the days measured
//! (Azure's daily summaries, stored per reservation and day). A reservation with neither has none.

use chrono::{Datelike, NaiveDate};
use reservation_api::{
    ReservationUtilization, UtilizationAggregate, UtilizationPoint, UtilizationTrend,
};
use rust_decimal::Decimal;

use crate::ids::{hash_str, mix64};
use crate::state::{MeasuredDay, ResRec};

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
    r: &ResRec,
    span: ActiveSpan,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<UtilizationPoint> {
    match r.util {
        Some(level) => demo_points(&r.id, level, span, from, to),
        None => measured_points(&r.measured, span, from, to),
    }
}

/// The demo's derived points.
fn demo_points(
    reservation_id: &str,
    level: u8,
    span: ActiveSpan,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<UtilizationPoint> {
    let mut out = Vec::new();
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

/// The measured days between `from` and `to`, within the span (the days are kept in order).
fn measured_points(
    days: &[MeasuredDay],
    span: ActiveSpan,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<UtilizationPoint> {
    let lo = from.max(span.start);
    days.iter()
        .filter(|m| m.day >= lo && m.day <= to && m.day < span.end)
        .map(|m| UtilizationPoint {
            date: m.day,
            utilized_percentage: m.percentage,
        })
        .collect()
}

/// The mean of the points, rounded to two decimals.
pub fn average(points: &[UtilizationPoint]) -> Option<Decimal> {
    if points.is_empty() {
        return None;
    }
    let sum: Decimal = points.iter().map(|p| p.utilized_percentage).sum();
    Some((sum / Decimal::from(points.len())).round_dp(2))
}

/// The 1, 7 and 30-day averages and the trend (7 vs 30 days, ±2 points). The windows end
/// yesterday; for measured data, on the last day measured (Azure reports a day or two late).
pub fn summary(r: &ResRec, span: ActiveSpan, today: NaiveDate) -> Option<ReservationUtilization> {
    let mut last = today.pred_opt()?;
    if r.util.is_none() {
        last = r
            .measured
            .iter()
            .rev()
            .map(|m| m.day)
            .find(|d| *d <= last && *d < span.end)?;
    }
    let window = |days: i64| {
        let from = last - chrono::Duration::days(days - 1);
        average(&points(r, span, from, last))
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
        let pts = demo_points("r1", 30, span, d("2026-01-01"), d("2026-03-31"));
        assert_eq!(pts.len(), 90);
        let avg = average(&pts).unwrap();
        assert!(avg < Decimal::from(40), "{avg}");
    }

    fn measured(days: &[(&str, &str)]) -> ResRec {
        let text = r#"{"id":"r","name":"n","family":"VirtualMachines","sku":"s","loc":"l",
            "qty":1,"price":"1","etag":1}"#;
        let mut r: ResRec = serde_json::from_str(text).unwrap();
        r.measured = days
            .iter()
            .map(|(day, p)| MeasuredDay {
                day: d(day),
                percentage: p.parse().unwrap(),
            })
            .collect();
        r
    }

    #[test]
    fn measured_days_are_the_points_and_nothing_is_invented_around_them() {
        let span = ActiveSpan {
            start: d("2026-01-01"),
            end: d("2027-01-01"),
        };
        let r = measured(&[
            ("2026-11-29", "80"),
            ("2026-11-30", "0.1"),
            ("2026-12-01", "0.2"),
        ]);
        let pts = points(&r, span, d("2026-11-01"), d("2026-12-31"));
        assert_eq!(pts.len(), 3, "only the days measured");
        assert_eq!(
            pts[1].utilized_percentage + pts[2].utilized_percentage,
            Decimal::new(3, 1)
        );
        // Azure reports late: the windows end on the last day measured, not yesterday.
        let s = summary(&r, span, d("2026-12-04")).unwrap();
        assert_eq!(s.average(1), Some("0.20".parse().unwrap()));
        assert_eq!(s.average(7), Some("26.77".parse().unwrap()));
        assert!(summary(&measured(&[]), span, d("2026-12-04")).is_none());
        assert!(points(&measured(&[]), span, d("2026-01-01"), d("2026-12-31")).is_empty());
    }
}
