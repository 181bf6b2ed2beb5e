//! Daily utilization as an SVG bar chart, with a table view for screen readers.

use chrono::NaiveDate;
use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::context::{locale, t, tr};
use crate::text::format;

/// One day's utilization, in percent (0–100).
#[derive(Clone, Debug, PartialEq)]
pub struct DayValue {
    pub date: NaiveDate,
    pub percent: Decimal,
}

/// Width of one day's bar in SVG units; the chart is 100 units tall, one unit per percent.
const BAR: i64 = 10;

/// Bars a keyboard user can reach one by one (each says its date and value when focused or
/// hovered), and a table with the same numbers behind a toggle.
#[component]
pub fn UtilizationChart(
    /// The days to show, oldest first.
    days: Vec<DayValue>,
    /// The chart's caption.
    caption: String,
) -> impl IntoView {
    let (show_table, set_show_table) = signal(false);
    let (focused, set_focused) = signal(None::<usize>);
    let width = BAR * days.len().max(1) as i64;
    let days = StoredValue::new(days);
    let describe = move |d: &DayValue| {
        format!(
            "{}: {}",
            format::date(d.date, locale()),
            format::percent(d.percent)
        )
    };
    view! {
        <figure class="chart">
            <figcaption>{caption.clone()}</figcaption>
            <svg
                viewBox=format!("0 -5 {width} 110")
                preserveAspectRatio="none"
                role="group"
                aria-label=caption
            >
                <line x1="0" y1="100" x2=width y2="100" stroke="#8a8886" stroke-width="0.5" />
                <line x1="0" y1="0" x2=width y2="0" stroke="#d2d0ce" stroke-width="0.3" />
                {move || {
                    days.with_value(|days| {
                        days.iter()
                            .enumerate()
                            .map(|(i, d)| {
                                let pct = d.percent.clamp(Decimal::ZERO, Decimal::ONE_HUNDRED);
                                let label = describe(d);
                                view! {
                                    <rect
                                        class="bar"
                                        x=(i as i64 * BAR + 1).to_string()
                                        y=(Decimal::ONE_HUNDRED - pct).round_dp(2).to_string()
                                        width=(BAR - 2).to_string()
                                        height=pct.round_dp(2).to_string()
                                        fill="#0f6cbd"
                                        tabindex="0"
                                        role="img"
                                        aria-label=label.clone()
                                        on:focus=move |_| set_focused.set(Some(i))
                                        on:mouseenter=move |_| set_focused.set(Some(i))
                                        on:blur=move |_| set_focused.set(None)
                                    >
                                        <title>{label.clone()}</title>
                                    </rect>
                                }
                            })
                            .collect_view()
                    })
                }}
            </svg>
            <p class="chart-readout" aria-live="polite">
                {move || {
                    focused
                        .get()
                        .and_then(|i| days.with_value(|d| d.get(i).map(describe)))
                        .unwrap_or_default()
                }}
            </p>
            <button
                type="button"
                aria-expanded=move || show_table.get().to_string()
                on:click=move |_| set_show_table.update(|v| *v = !*v)
            >
                {move || if show_table.get() { tr("chart.hide_table") } else { tr("chart.show_table") }}
            </button>
            <Show when=move || show_table.get()>
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{t("chart.date")}</th>
                            <th scope="col" class="num">{t("chart.utilization")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            days.with_value(|days| {
                                days.iter()
                                    .map(|d| {
                                        view! {
                                            <tr>
                                                <td>{format::date(d.date, locale())}</td>
                                                <td class="num">{format::percent(d.percent)}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()
                            })
                        }}
                    </tbody>
                </table>
            </Show>
        </figure>
    }
}
