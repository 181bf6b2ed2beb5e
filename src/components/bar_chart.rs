//! An accessible SVG bar chart with a table view: every bar is reachable by keyboard and says
//! its label and value when focused or hovered; behind a toggle, a table holds the same numbers.
//! Bars can be buttons (`on_select`): click, Enter or Space activates one (e.g. to filter a list).

use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::context::{t, tr};

/// One bar: what it stands for, its value as text, and its height in percent of the chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    /// The label (a date, a range, a month).
    pub label: String,
    /// The value as the user reads it (`86.1%`, `12`, `$1,200.00`).
    pub value: String,
    /// The height, 0–100 (percent of the chart's height).
    pub height: Decimal,
    /// Whether the bar is the active filter (selectable charts only).
    pub selected: bool,
}

impl Bar {
    /// "label: value", what a bar says.
    pub fn describe(&self) -> String {
        format!("{}: {}", self.label, self.value)
    }
}

/// Width of one bar in SVG units; the chart is 100 units tall.
const BAR: i64 = 10;
/// The least height of a selectable bar, so an empty one can still be seen and pointed at.
const MIN_HEIGHT: Decimal = Decimal::ONE;

/// The bar chart.
#[component]
pub fn BarChart(
    /// The bars, left to right.
    #[prop(into)]
    bars: Signal<Vec<Bar>>,
    /// The caption (also the chart's accessible name).
    #[prop(into)]
    caption: Signal<String>,
    /// The table view's header of the labels.
    #[prop(into)]
    label_header: Signal<String>,
    /// The table view's header of the values.
    #[prop(into)]
    value_header: Signal<String>,
    /// When given, bars are buttons calling it with their index.
    #[prop(optional)]
    on_select: Option<Callback<usize>>,
) -> impl IntoView {
    let (show_table, set_show_table) = signal(false);
    let (focused, set_focused) = signal(None::<usize>);
    let width = move || BAR * bars.with(|b| b.len().max(1)) as i64;
    let select = move |i: usize| {
        if let Some(cb) = on_select {
            cb.run(i);
        }
    };
    view! {
        <figure class="chart">
            <figcaption>{caption}</figcaption>
            <svg
                viewBox=move || format!("0 -5 {} 110", width())
                preserveAspectRatio="none"
                role="group"
                aria-label=caption
            >
                <line x1="0" y1="100" x2=width y2="100" stroke="#8a8886" stroke-width="0.5" />
                <line x1="0" y1="0" x2=width y2="0" stroke="#d2d0ce" stroke-width="0.3" />
                {move || {
                    bars.get()
                        .into_iter()
                        .enumerate()
                        .map(|(i, bar)| {
                            let h = bar
                                .height
                                .clamp(Decimal::ZERO, Decimal::ONE_HUNDRED)
                                .max(if on_select.is_some() { MIN_HEIGHT } else { Decimal::ZERO })
                                .round_dp(2);
                            let label = bar.describe();
                            view! {
                                <rect
                                    class="bar"
                                    class:selected=bar.selected
                                    x=(i as i64 * BAR + 1).to_string()
                                    y=(Decimal::ONE_HUNDRED - h).to_string()
                                    width=(BAR - 2).to_string()
                                    height=h.to_string()
                                    fill="#0f6cbd"
                                    tabindex="0"
                                    role=if on_select.is_some() { "button" } else { "img" }
                                    aria-pressed=on_select.map(|_| bar.selected.to_string())
                                    aria-label=label.clone()
                                    on:focus=move |_| set_focused.set(Some(i))
                                    on:mouseenter=move |_| set_focused.set(Some(i))
                                    on:blur=move |_| set_focused.set(None)
                                    on:click=move |_| select(i)
                                    on:keydown=move |ev| {
                                        if on_select.is_some() && matches!(ev.key().as_str(), "Enter" | " ") {
                                            ev.prevent_default();
                                            select(i);
                                        }
                                    }
                                >
                                    <title>{label.clone()}</title>
                                </rect>
                            }
                        })
                        .collect_view()
                }}
            </svg>
            <p class="chart-readout" aria-live="polite">
                {move || {
                    focused
                        .get()
                        .and_then(|i| bars.with(|b| b.get(i).map(Bar::describe)))
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
                    <caption class="visually-hidden">{caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{label_header}</th>
                            <th scope="col" class="num">{value_header}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            bars.get()
                                .into_iter()
                                .enumerate()
                                .map(|(i, bar)| {
                                    let label = match on_select {
                                        Some(_) => view! {
                                            <button
                                                type="button"
                                                class="link"
                                                aria-pressed=bar.selected.to_string()
                                                on:click=move |_| select(i)
                                            >
                                                {bar.label.clone()}
                                            </button>
                                        }
                                        .into_any(),
                                        None => bar.label.clone().into_any(),
                                    };
                                    view! {
                                        <tr>
                                            <td>{label}</td>
                                            <td class="num">{bar.value}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()
                        }}
                    </tbody>
                </table>
            </Show>
        </figure>
    }
}

/// The hint under a selectable chart.
pub fn select_hint() -> impl IntoView {
    view! { <p class="hint">{t("chart.select_hint")}</p> }
}
