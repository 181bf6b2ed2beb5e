//! The daily utilization chart (a reservation's Overview), a one-series [`BarChart`].

use chrono::NaiveDate;
use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::components::bar_chart::{BarChart, ChartData, Point};
use crate::context::{locale, tr};
use crate::text::format;

/// One day's utilization, in percent (0–100).
#[derive(Clone, Debug, PartialEq)]
pub struct DayValue {
    pub date: NaiveDate,
    pub percent: Decimal,
}

/// Daily utilization: one bar per day, one unit of height per percent.
#[component]
pub fn UtilizationChart(
    /// The days to show, oldest first.
    days: Vec<DayValue>,
    /// The chart's caption.
    caption: String,
) -> impl IntoView {
    let data = Signal::derive(move || {
        let loc = locale();
        let points: Vec<Point> = days
            .iter()
            .map(|d| Point {
                label: format::date(d.date, loc),
                value: format::percent(d.percent),
                height: d.percent,
                selected: false,
            })
            .collect();
        ChartData::one_series(tr("chart.date"), tr("chart.utilization"), &points)
    });
    view! { <BarChart caption=Signal::derive(move || caption.clone()) data=data /> }
}
