//! The Portfolio's charts, above its grid: the 30-day utilization histogram, the expiries per
//! month and the money at stake per month (the commitment that expires), each an accessible
//! bar chart with a table view. They describe the rows the grid's filters select (computed by
//! the backend, `GET /reservations/summary`); pressing a bar filters the grid by it.

use leptos::prelude::*;

use crate::api::{parse_month, use_api, PortfolioSummary};
use crate::components::bar_chart::{select_hint, BarChart, ChartData, Point};
use crate::components::list::UrlList;
use crate::components::status::loaded;
use crate::context::{locale, t, tp, tr, tw};
use crate::list_state::ListState;
use crate::portfolio::{
    bar_heights, to_api_query, toggle_month, toggle_utilization, utilization_selected,
};
use crate::text::format;

/// How long the filters must stay unchanged before the charts follow them, in milliseconds.
const CHART_DELAY_MS: u32 = 250;

/// "40–50%" / "90–100%": a bar of the utilization chart.
fn range_label(min: rust_decimal::Decimal, max: Option<rust_decimal::Decimal>) -> String {
    let max = max.unwrap_or(rust_decimal::Decimal::ONE_HUNDRED);
    tw(
        "portfolio.chart.range_label",
        &[
            ("min", &min.normalize().to_string()),
            ("max", &max.normalize().to_string()),
        ],
    )
}

/// A month as the user reads it, from the API's `YYYY-MM`.
fn month_label(month: &str) -> String {
    parse_month(month).map_or_else(|| month.to_string(), |m| format::month(m, locale()))
}

/// What the chart filters of `state` are, in words, with the state without each.
fn active_filters(state: &ListState) -> Vec<(String, ListState)> {
    let mut out = Vec::new();
    if let Some(min) = state.filter("u30min") {
        let min = min.parse().unwrap_or_default();
        let max = state.filter("u30max").and_then(|m| m.parse().ok());
        out.push((
            tw(
                "portfolio.filtered_utilization",
                &[("range", &range_label(min, max))],
            ),
            state.with_filter("u30min", "").with_filter("u30max", ""),
        ));
    }
    if let Some(month) = state.filter("month") {
        out.push((
            tw(
                "portfolio.filtered_month",
                &[("month", &month_label(month))],
            ),
            state.with_filter("month", ""),
        ));
    }
    out
}

/// The three charts and the chart filters in force.
#[component]
pub fn PortfolioCharts(url_list: UrlList) -> impl IntoView {
    let api = use_api();
    let state = url_list.state;
    // Sort and page do not change the charts: only the filters are the resource's input.
    let filters = Memo::new(move |_| {
        state.with(|s| ListState {
            sort: String::new(),
            desc: false,
            page: 0,
            ..s.clone()
        })
    });
    // While the user types, the charts wait for a pause (CHART_DELAY_MS), so each keystroke
    // updates the grid first; a chart or filter click waits as long.
    let settled = RwSignal::new(filters.get_untracked());
    Effect::new(move |_| {
        let next = filters.get();
        leptos::task::spawn_local(async move {
            gloo_timers::future::TimeoutFuture::new(CHART_DELAY_MS).await;
            // Only a change refetches (and redraws, which would close an open table view).
            let current = filters.try_get_untracked();
            if current.as_ref() == Some(&next) && settled.try_get_untracked() != current {
                settled.try_set(next);
            }
        });
    });
    let summary = LocalResource::new(move || {
        let api = api.client();
        let q = to_api_query(&settled.get(), 0, 1);
        async move { api.portfolio_summary(&q).await }
    });
    view! {
        <section class="portfolio-charts" aria-labelledby="portfolio-charts-heading">
            <h2 id="portfolio-charts-heading">{t("portfolio.charts_heading")}</h2>
            <ul class="chart-filters">
                {move || {
                    state
                        .with(active_filters)
                        .into_iter()
                        .map(|(what, without)| {
                            let name = tw("portfolio.clear_filter", &[("what", &what)]);
                            view! {
                                <li>
                                    <span class="badge">{what}</span>
                                    " "
                                    <button
                                        type="button"
                                        aria-label=name
                                        on:click=move |_| url_list.go(without.clone(), false)
                                    >
                                        {t("portfolio.clear")}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            {loaded(summary, move |s| charts(s, url_list).into_any())}
        </section>
    }
}

fn charts(s: PortfolioSummary, url_list: UrlList) -> impl IntoView {
    let state = url_list.state;
    let total = s.total_count;
    let without = s.without_utilization;
    let buckets = s.utilization.clone();
    let utilization = {
        let buckets = buckets.clone();
        Signal::derive(move || {
            let heights = bar_heights(&buckets.iter().map(|b| b.count.into()).collect::<Vec<_>>());
            let points = buckets
                .iter()
                .zip(heights)
                .map(|(b, height)| Point {
                    label: range_label(b.min, b.max),
                    value: format::count(b.count),
                    height,
                    selected: state.with(|st| utilization_selected(st, b)),
                })
                .collect::<Vec<_>>();
            ChartData::one_series(
                tr("portfolio.chart.range"),
                tr("portfolio.chart.reservations"),
                &points,
            )
        })
    };
    let months = s.expiries.clone();
    let month_bars = move |money: bool, value_header: &'static str| {
        let months = months.clone();
        Signal::derive(move || {
            let values: Vec<rust_decimal::Decimal> = months
                .iter()
                .map(|m| if money { m.commitment } else { m.count.into() })
                .collect();
            let points = months
                .iter()
                .zip(bar_heights(&values))
                .map(|(m, height)| Point {
                    label: month_label(&m.month),
                    value: if money {
                        format::usd(m.commitment, locale())
                    } else {
                        format::count(m.count)
                    },
                    height,
                    selected: state.with(|st| st.filter("month") == Some(m.month.as_str())),
                })
                .collect::<Vec<_>>();
            ChartData::one_series(tr("portfolio.chart.month"), tr(value_header), &points)
        })
    };
    let month_names: Vec<String> = s.expiries.iter().map(|m| m.month.clone()).collect();
    let month_names = StoredValue::new(month_names);
    let buckets = StoredValue::new(buckets);
    let on_bucket = Callback::new(move |i: usize| {
        if let Some(b) = buckets.with_value(|b| b.get(i).cloned()) {
            url_list.update(|st| toggle_utilization(st, &b));
        }
    });
    let on_month = Callback::new(move |i: usize| {
        if let Some(m) = month_names.with_value(|m| m.get(i).cloned()) {
            url_list.update(|st| toggle_month(st, &m));
        }
    });
    view! {
        <p id="portfolio-charts-scope">
            {move || tp("portfolio.charts_scope", total as i64, &[("count", &format::count(total))])}
        </p>
        {select_hint()}
        <div class="chart-row">
            <div>
                <BarChart
                    data=utilization
                    caption=Signal::derive(|| tr("portfolio.chart.utilization"))
                    on_select=on_bucket
                />
                <Show when=move || { without > 0 }>
                    <p class="hint">
                        {move || {
                            tp(
                                "portfolio.chart.no_utilization",
                                without as i64,
                                &[("count", &format::count(without))],
                            )
                        }}
                    </p>
                </Show>
            </div>
            <BarChart
                data=month_bars(false, "portfolio.chart.reservations")
                caption=Signal::derive(|| tr("portfolio.chart.expiries"))
                on_select=on_month
            />
            <BarChart
                data=month_bars(true, "portfolio.chart.commitment")
                caption=Signal::derive(|| tr("portfolio.chart.money"))
                on_select=on_month
            />
        </div>
    }
}
