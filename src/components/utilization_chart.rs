//! Accessible SVG bar charts with a table view for screen readers: one generic [`BarChart`]
//! (groups of bars, one per series) and the daily utilization chart built on it.

use chrono::NaiveDate;
use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::context::{locale, tr};
use crate::text::format;

/// One day's utilization, in percent (0–100).
#[derive(Clone, Debug, PartialEq)]
pub struct DayValue {
    pub date: NaiveDate,
    pub percent: Decimal,
}

/// One bar: what it says when focused or hovered, and its height in percent of the chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub height: Decimal,
}

/// A chart's content in the current language: bar groups (oldest first, one bar per series
/// each) and the same numbers as a table (header, rows).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChartData {
    pub groups: Vec<Vec<Bar>>,
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Width of one group in SVG units; the chart is 100 units tall, one unit per percent.
const GROUP: i64 = 10;

/// Bars a keyboard user can reach one by one (each says its label when focused or hovered),
/// series told apart by colour and a legend, and a table with the same numbers behind a toggle.
#[component]
pub fn BarChart(
    /// The chart's caption.
    caption: Signal<String>,
    /// Each series' name (for the legend; none shown for one series) and fill colour.
    series: Vec<(Signal<String>, &'static str)>,
    /// The bars and the table, in the current language.
    data: Signal<ChartData>,
) -> impl IntoView {
    let (show_table, set_show_table) = signal(false);
    let (focused, set_focused) = signal(None::<(usize, usize)>);
    let fills: Vec<&'static str> = series.iter().map(|(_, f)| *f).collect();
    let per_group = fills.len().max(1) as i64;
    let width = move || GROUP * data.with(|d| d.groups.len().max(1) as i64);
    let legend = (series.len() > 1).then(|| {
        view! {
            <ul class="chart-legend">
                {series
                    .into_iter()
                    .map(|(name, fill)| {
                        view! {
                            <li>
                                <svg class="swatch" viewBox="0 0 10 10" aria-hidden="true">
                                    <rect width="10" height="10" fill=fill />
                                </svg>
                                {move || name.get()}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    });
    view! {
        <figure class="chart">
            <figcaption>{move || caption.get()}</figcaption>
            {legend}
            <svg
                viewBox=move || format!("0 -5 {} 110", width())
                preserveAspectRatio="none"
                role="group"
                aria-label=move || caption.get()
            >
                <line x1="0" y1="100" x2=width y2="100" stroke="#8a8886" stroke-width="0.5" />
                <line x1="0" y1="0" x2=width y2="0" stroke="#d2d0ce" stroke-width="0.3" />
                {move || {
                    let fills = fills.clone();
                    data.with(|d| {
                        d.groups
                            .iter()
                            .enumerate()
                            .flat_map(|(i, bars)| {
                                let fills = fills.clone();
                                bars.iter().enumerate().map(move |(j, b)| {
                                    let pct = b.height.clamp(Decimal::ZERO, Decimal::ONE_HUNDRED);
                                    let bar_width = (GROUP - 2) / per_group;
                                    let x = i as i64 * GROUP + 1 + j as i64 * bar_width;
                                    let fill = fills.get(j).copied().unwrap_or("#0f6cbd");
                                    view! {
                                        <rect
                                            class="bar"
                                            x=x.to_string()
                                            y=(Decimal::ONE_HUNDRED - pct).round_dp(2).to_string()
                                            width=bar_width.to_string()
                                            height=pct.round_dp(2).to_string()
                                            fill=fill
                                            tabindex="0"
                                            role="img"
                                            aria-label=b.label.clone()
                                            on:focus=move |_| set_focused.set(Some((i, j)))
                                            on:mouseenter=move |_| set_focused.set(Some((i, j)))
                                            on:blur=move |_| set_focused.set(None)
                                        >
                                            <title>{b.label.clone()}</title>
                                        </rect>
                                    }
                                })
                            })
                            .collect_view()
                    })
                }}
            </svg>
            <p class="chart-readout" aria-live="polite">
                {move || {
                    focused
                        .get()
                        .and_then(|(i, j)| {
                            data.with(|d| d.groups.get(i).and_then(|g| g.get(j)).map(|b| b.label.clone()))
                        })
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
                            {move || {
                                data.with(|d| {
                                    d.head
                                        .iter()
                                        .enumerate()
                                        .map(|(i, h)| {
                                            let class = if i == 0 { "" } else { "num" };
                                            view! { <th scope="col" class=class>{h.clone()}</th> }
                                        })
                                        .collect_view()
                                })
                            }}
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            data.with(|d| {
                                d.rows
                                    .iter()
                                    .map(|row| {
                                        view! {
                                            <tr>
                                                {row
                                                    .iter()
                                                    .enumerate()
                                                    .map(|(i, cell)| {
                                                        let class = if i == 0 { "" } else { "num" };
                                                        view! { <td class=class>{cell.clone()}</td> }
                                                    })
                                                    .collect_view()}
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
        let describe = |d: &DayValue| {
            format!(
                "{}: {}",
                format::date(d.date, loc),
                format::percent(d.percent)
            )
        };
        ChartData {
            groups: days
                .iter()
                .map(|d| {
                    vec![Bar {
                        label: describe(d),
                        height: d.percent,
                    }]
                })
                .collect(),
            head: vec![tr("chart.date"), tr("chart.utilization")],
            rows: days
                .iter()
                .map(|d| vec![format::date(d.date, loc), format::percent(d.percent)])
                .collect(),
        }
    });
    view! {
        <BarChart
            caption=Signal::derive(move || caption.clone())
            series=vec![(Signal::derive(String::new), "#0f6cbd")]
            data=data
        />
    }
}
