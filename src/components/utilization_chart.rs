//! The daily utilization chart (a reservation's Overview), a one-series [`BarChart`]; an empty
//! state in its place when the days have no data.

use chrono::NaiveDate;
use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::components::bar_chart::{BarChart, ChartData, Point};
use crate::context::{locale, t};
use crate::text::format;
use crate::text::i18n::{self, Locale};

/// One day's utilization, in percent (0–100).
#[derive(Clone, Debug, PartialEq)]
pub struct DayValue {
    pub date: NaiveDate,
    pub percent: Decimal,
}

/// The bars and table of `days` in `loc`: one bar per day, one unit of height per percent;
/// `None` when there is no day to draw (the empty state instead of an empty frame).
pub fn chart_data(days: &[DayValue], loc: Locale) -> Option<ChartData> {
    if days.is_empty() {
        return None;
    }
    let points: Vec<Point> = days
        .iter()
        .map(|d| Point {
            label: format::date(d.date, loc),
            value: format::percent(d.percent),
            height: d.percent,
            selected: false,
        })
        .collect();
    Some(ChartData::one_series(
        i18n::text(loc, "chart.date"),
        i18n::text(loc, "chart.utilization"),
        &points,
    ))
}

/// Daily utilization: the chart (with its table view), or a figure saying there is no data yet.
#[component]
pub fn UtilizationChart(
    /// The days to show, oldest first.
    days: Vec<DayValue>,
    /// The chart's caption.
    caption: String,
) -> impl IntoView {
    if days.is_empty() {
        return view! {
            <figure class="chart chart-empty" data-testid="utilization-empty">
                <figcaption>{caption}</figcaption>
                <p class="empty-state">{t("chart.no_utilization")}</p>
            </figure>
        }
        .into_any();
    }
    let data = Signal::derive(move || chart_data(&days, locale()).unwrap_or_default());
    view! { <BarChart caption=Signal::derive(move || caption.clone()) data=data /> }.into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn day(date: &str, percent: Decimal) -> DayValue {
        DayValue {
            date: date.parse().unwrap(),
            percent,
        }
    }

    #[test]
    fn no_days_is_no_chart() {
        assert!(chart_data(&[], Locale::En).is_none());
        assert!(chart_data(&[], Locale::Ko).is_none());
    }

    #[test]
    fn days_with_data_make_one_bar_and_one_table_row_each() {
        let days = [day("2026-03-01", dec!(40)), day("2026-03-02", dec!(87.5))];
        let data = chart_data(&days, Locale::En).expect("a chart");
        assert_eq!(data.groups.len(), 2);
        assert_eq!(data.rows.len(), 2);
        assert_eq!(data.head, ["Date", "Utilization"]);
        assert_eq!(data.groups[1][0].height, dec!(87.5));
    }

    #[test]
    fn the_empty_state_has_its_text_in_both_languages() {
        assert_eq!(
            i18n::text(Locale::En, "chart.no_utilization"),
            "No utilization data yet"
        );
        assert_eq!(
            i18n::text(Locale::Ko, "chart.no_utilization"),
            "아직 사용률 데이터가 없습니다"
        );
    }
}
