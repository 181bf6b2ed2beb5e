//! Daily utilization as an SVG bar chart, with a table view for screen readers.

use chrono::NaiveDate;
use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::components::bar_chart::{Bar, BarChart};
use crate::context::{locale, tr};
use crate::text::format;

/// One day's utilization, in percent (0–100).
#[derive(Clone, Debug, PartialEq)]
pub struct DayValue {
    pub date: NaiveDate,
    pub percent: Decimal,
}

/// Bars a keyboard user can reach one by one (each says its date and value when focused or
/// hovered), and a table with the same numbers behind a toggle.
#[component]
pub fn UtilizationChart(
    /// The days to show, oldest first.
    days: Vec<DayValue>,
    /// The chart's caption.
    caption: String,
) -> impl IntoView {
    let bars = Signal::derive(move || {
        days.iter()
            .map(|d| Bar {
                label: format::date(d.date, locale()),
                value: format::percent(d.percent),
                height: d.percent,
                selected: false,
            })
            .collect::<Vec<_>>()
    });
    view! {
        <BarChart
            bars=bars
            caption=caption
            label_header=Signal::derive(|| tr("chart.date"))
            value_header=Signal::derive(|| tr("chart.utilization"))
        />
    }
}
