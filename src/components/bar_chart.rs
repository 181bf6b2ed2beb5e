//! The app's one accessible SVG bar chart: groups of bars (one bar per series, told apart by
//! colour and a legend), every bar reachable by keyboard and saying its label when focused or
//! hovered, and behind a toggle a table with the same numbers (arbitrary columns). Groups can be
//! buttons (`on_select`): click, Enter or Space activates one (e.g. to filter a list), and the
//! selected group shows pressed.

use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::context::{t, tr};

/// One bar: what it says when focused or hovered, and its height in percent of the chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub height: Decimal,
}

/// One value of a one-series chart: its label (a date, a range, a month), the value as the
/// user reads it (`86.1%`, `12`, `$1,200.00`), the bar's height (0–100) and whether it is the
/// active filter (selectable charts only).
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    pub label: String,
    pub value: String,
    pub height: Decimal,
    pub selected: bool,
}

impl Point {
    /// "label: value", what its bar says.
    pub fn describe(&self) -> String {
        format!("{}: {}", self.label, self.value)
    }
}

/// A chart's content in the current language: bar groups (left to right, one bar per series
/// each), which groups are selected, and the same numbers as a table (header, one row per group).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChartData {
    pub groups: Vec<Vec<Bar>>,
    /// Per group, whether it is the active filter; missing entries are not selected.
    pub selected: Vec<bool>,
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl ChartData {
    /// A one-series chart: one bar per point saying "label: value", a table of two columns.
    pub fn one_series(label_header: String, value_header: String, points: &[Point]) -> Self {
        ChartData {
            groups: points
                .iter()
                .map(|p| {
                    vec![Bar {
                        label: p.describe(),
                        height: p.height,
                    }]
                })
                .collect(),
            selected: points.iter().map(|p| p.selected).collect(),
            head: vec![label_header, value_header],
            rows: points
                .iter()
                .map(|p| vec![p.label.clone(), p.value.clone()])
                .collect(),
        }
    }

    /// Whether group `i` is selected.
    pub fn is_selected(&self, i: usize) -> bool {
        self.selected.get(i).copied().unwrap_or(false)
    }
}

/// Width of one group in SVG units; the chart is 100 units tall, one unit per percent.
const GROUP: i64 = 10;
/// The least height of a selectable bar, so an empty one can still be seen and pointed at.
const MIN_HEIGHT: Decimal = Decimal::ONE;
/// The fill of a bar whose series names none.
const DEFAULT_FILL: &str = "#0f6cbd";

/// Where bar `j` of group `i` is drawn, as (x, width), with `per_group` bars in each group.
pub fn bar_slot(i: usize, j: usize, per_group: usize) -> (i64, i64) {
    let width = (GROUP - 2) / per_group.max(1) as i64;
    (i as i64 * GROUP + 1 + j as i64 * width, width)
}

/// The height a bar is drawn with: within 0–100, at least [`MIN_HEIGHT`] when selectable,
/// to two decimals.
pub fn drawn_height(height: Decimal, selectable: bool) -> Decimal {
    let floor = if selectable {
        MIN_HEIGHT
    } else {
        Decimal::ZERO
    };
    height
        .clamp(Decimal::ZERO, Decimal::ONE_HUNDRED)
        .max(floor)
        .round_dp(2)
}

/// The bar chart.
#[component]
pub fn BarChart(
    /// The caption (also the chart's accessible name).
    #[prop(into)]
    caption: Signal<String>,
    /// Each series' name (for the legend; none shown for one series) and fill colour; none
    /// given: one series in the default colour.
    #[prop(optional)]
    series: Vec<(Signal<String>, &'static str)>,
    /// The bars and the table, in the current language.
    #[prop(into)]
    data: Signal<ChartData>,
    /// When given, groups are buttons calling it with their index.
    #[prop(optional)]
    on_select: Option<Callback<usize>>,
) -> impl IntoView {
    let (show_table, set_show_table) = signal(false);
    let (focused, set_focused) = signal(None::<(usize, usize)>);
    let fills: Vec<&'static str> = series.iter().map(|(_, f)| *f).collect();
    let per_group = fills.len().max(1);
    let width = move || GROUP * data.with(|d| d.groups.len().max(1) as i64);
    let selectable = on_select.is_some();
    let select = move |i: usize| {
        if let Some(cb) = on_select {
            cb.run(i);
        }
    };
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
            <figcaption>{caption}</figcaption>
            {legend}
            <svg
                viewBox=move || format!("0 -5 {} 110", width())
                preserveAspectRatio="none"
                role="group"
                aria-label=caption
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
                                let selected = d.is_selected(i);
                                bars.iter().enumerate().map(move |(j, b)| {
                                    let h = drawn_height(b.height, selectable);
                                    let (x, bar_width) = bar_slot(i, j, per_group);
                                    let fill = fills.get(j).copied().unwrap_or(DEFAULT_FILL);
                                    view! {
                                        <rect
                                            class="bar"
                                            class:selected=selected
                                            x=x.to_string()
                                            y=(Decimal::ONE_HUNDRED - h).to_string()
                                            width=bar_width.to_string()
                                            height=h.to_string()
                                            fill=fill
                                            tabindex="0"
                                            role=if selectable { "button" } else { "img" }
                                            aria-pressed=selectable.then(|| selected.to_string())
                                            aria-label=b.label.clone()
                                            on:focus=move |_| set_focused.set(Some((i, j)))
                                            on:mouseenter=move |_| set_focused.set(Some((i, j)))
                                            on:blur=move |_| set_focused.set(None)
                                            on:click=move |_| select(i)
                                            on:keydown=move |ev| {
                                                if selectable && matches!(ev.key().as_str(), "Enter" | " ") {
                                                    ev.prevent_default();
                                                    select(i);
                                                }
                                            }
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
                    <caption class="visually-hidden">{caption}</caption>
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
                                    .enumerate()
                                    .map(|(r, row)| {
                                        let selected = d.is_selected(r);
                                        view! {
                                            <tr>
                                                {row
                                                    .iter()
                                                    .enumerate()
                                                    .map(|(i, cell)| {
                                                        if i == 0 && selectable {
                                                            view! {
                                                                <td>
                                                                    <button
                                                                        type="button"
                                                                        class="link"
                                                                        aria-pressed=selected.to_string()
                                                                        on:click=move |_| select(r)
                                                                    >
                                                                        {cell.clone()}
                                                                    </button>
                                                                </td>
                                                            }
                                                                .into_any()
                                                        } else {
                                                            let class = if i == 0 { "" } else { "num" };
                                                            view! { <td class=class>{cell.clone()}</td> }
                                                                .into_any()
                                                        }
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

/// The hint under a selectable chart.
pub fn select_hint() -> impl IntoView {
    view! { <p class="hint">{t("chart.select_hint")}</p> }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn point(label: &str, value: &str, height: Decimal, selected: bool) -> Point {
        Point {
            label: label.into(),
            value: value.into(),
            height,
            selected,
        }
    }

    #[test]
    fn one_series_has_a_bar_and_a_row_per_point() {
        let d = ChartData::one_series(
            "Month".into(),
            "Reservations".into(),
            &[
                point("Jan 2027", "3", dec!(100), false),
                point("Feb 2027", "0", dec!(0), true),
            ],
        );
        assert_eq!(
            d.groups,
            vec![
                vec![Bar {
                    label: "Jan 2027: 3".into(),
                    height: dec!(100)
                }],
                vec![Bar {
                    label: "Feb 2027: 0".into(),
                    height: dec!(0)
                }],
            ]
        );
        assert_eq!(d.head, vec!["Month", "Reservations"]);
        assert_eq!(d.rows, vec![vec!["Jan 2027", "3"], vec!["Feb 2027", "0"]]);
        assert!(!d.is_selected(0));
        assert!(d.is_selected(1));
        assert!(!d.is_selected(2));
    }

    #[test]
    fn groups_share_their_slot_between_series() {
        assert_eq!(bar_slot(0, 0, 1), (1, 8));
        assert_eq!(bar_slot(3, 0, 1), (31, 8));
        assert_eq!(bar_slot(2, 0, 2), (21, 4));
        assert_eq!(bar_slot(2, 1, 2), (25, 4));
        // No series named: one bar per group.
        assert_eq!(bar_slot(1, 0, 0), (11, 8));
    }

    #[test]
    fn heights_stay_in_the_chart_and_selectable_bars_stay_visible() {
        assert_eq!(drawn_height(dec!(150), false), dec!(100));
        assert_eq!(drawn_height(dec!(-3), false), dec!(0));
        assert_eq!(drawn_height(dec!(0), false), dec!(0));
        assert_eq!(drawn_height(dec!(0), true), dec!(1));
        assert_eq!(drawn_height(dec!(42.345), true), dec!(42.34));
    }
}
