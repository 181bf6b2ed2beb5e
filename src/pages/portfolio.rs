//! Portfolio: every customer's reservations in one virtualized grid, filtered, sorted and
//! searched through the URL, with a CSV export of the whole view. The logic lives in
//! `crate::portfolio`; this file holds the view.

use std::collections::BTreeSet;
use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use wasm_bindgen::JsCast;

use crate::api::{use_api, CustomerQuery, Family, PortfolioRow, ProvisioningState, MAX_TOP};
use crate::browser;
use crate::components::bulk_renew::BulkRenew;
use crate::components::list::{use_url_list, UrlList};
use crate::components::status::loaded;
use crate::components::table::reservation_cells;
use crate::context::{locale, t, tp, tr, tw};
use crate::csv_export;
use crate::portfolio::{
    csv_bytes, csv_file_name, days_left, load_all, scroll_to_show, visible_rows, COLUMNS, FILTERS,
    STATUSES,
};
use crate::routes::{self, ReservationKey, ReservationPage, ReservationRoutes};
use crate::text::{format, labels};

/// The height of one grid row in pixels; the CSS (`.portfolio tbody tr`) keeps rows at it.
const ROW_HEIGHT: f64 = 44.0;
/// Rows rendered beyond each edge of the viewport, so fast scrolling shows no gap.
const OVERSCAN: usize = 8;
/// Days before expiry from which a row says "expires in N days".
const EXPIRY_WARNING_DAYS: i64 = 90;
/// The expiry windows the filter offers, in days.
const EXPIRY_WINDOWS: [u32; 3] = [30, 60, 90];

thread_local! {
    /// The grid's last scroll position and the view (query string) it belongs to, so that
    /// coming back to the same view (Back from a reservation) returns to the same rows.
    static LAST_SCROLL: std::cell::RefCell<(String, f64)> =
        const { std::cell::RefCell::new((String::new(), 0.0)) };
}

/// A `<select>` bound to one URL filter: "All" and the given (value, label) options.
fn filter_select(
    url_list: UrlList,
    key: &'static str,
    label: &'static str,
    options: impl Fn() -> Vec<(String, String)> + Send + Sync + 'static,
) -> impl IntoView {
    let state = url_list.state;
    view! {
        <label class="field">
            {t(label)}
            <select on:change=move |ev| url_list.update(|s| s.with_filter(key, &event_target_value(&ev)))>
                <option value="" selected=move || state.with(|s| s.filter(key).is_none())>
                    {t("common.all")}
                </option>
                {move || {
                    options()
                        .into_iter()
                        .map(|(value, text)| {
                            let current = value.clone();
                            view! {
                                <option
                                    value=value
                                    selected=move || state.with(|s| s.filter(key) == Some(current.as_str()))
                                >
                                    {text}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </label>
    }
}

/// The Portfolio page.
#[component]
pub fn PortfolioPage() -> impl IntoView {
    let api = use_api();
    let url_list = use_url_list(routes::portfolio, &FILTERS);
    let state = url_list.state;
    let rows = LocalResource::new(move || {
        let api = api.client();
        let st = state.get();
        async move { load_all(&api, &st).await.map(|rows| (st, Arc::new(rows))) }
    });
    let customers = LocalResource::new(move || {
        let api = api.client();
        let q = CustomerQuery {
            top: MAX_TOP,
            ..CustomerQuery::default()
        };
        async move { api.list_customers(&q).await.map(|p| p.value) }
    });
    // The rows of the view the URL shows now: while another view loads, the count and the
    // export wait for it rather than describe the previous one.
    let loaded_rows = move || {
        rows.get()
            .and_then(Result::ok)
            .filter(|(st, _)| state.with(|s| s == st))
            .map(|(_, rows)| rows)
    };
    let today = browser::today_utc();
    // The rows chosen for a bulk action, by resource id: kept while the grid reloads.
    let selected = RwSignal::new(BTreeSet::<String>::new());
    let (export_failed, set_export_failed) = signal(false);
    let export = move |_| {
        let Some(rows) = untrack(loaded_rows) else {
            return;
        };
        let headers: Vec<String> = COLUMNS
            .iter()
            .map(|c| tr(c.label))
            .chain([tr("portfolio.col.days_left"), tr("portfolio.col.id")])
            .collect();
        let done = csv_bytes(&rows, &headers, today).ok().and_then(|bytes| {
            browser::download(&csv_file_name(today), csv_export::MIME, &bytes).ok()
        });
        set_export_failed.set(done.is_none());
    };
    view! {
        <h1>{t("portfolio.title")}</h1>
        <p>{t("portfolio.intro")}</p>
        <p>
            <A href=routes::buy_start() attr:class="button">{t("buy.title")}</A>
        </p>
        <div class="toolbar" role="search">
            {url_list.search_box("portfolio.search_label", None)}
            {filter_select(url_list, "customer", "portfolio.filter_customer", move || {
                customers
                    .get()
                    .and_then(Result::ok)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|c| (c.id, c.company_name))
                    .collect()
            })}
            {filter_select(url_list, "family", "reservations.filter_family", || {
                Family::KNOWN.iter().map(|f| (f.as_str().to_string(), f.as_str().to_string())).collect()
            })}
            {filter_select(url_list, "region", "portfolio.filter_region", move || {
                // The regions of the rows shown, and the one chosen: the portfolio has no
                // region list of its own.
                let mut regions: Vec<String> = loaded_rows()
                    .map(|rows| rows.iter().map(|r| r.reservation.location.clone()).collect())
                    .unwrap_or_default();
                regions.extend(state.with(|s| s.filter("region").map(str::to_string)));
                regions.sort();
                regions.dedup();
                regions.into_iter().map(|r| (r.clone(), r)).collect()
            })}
            {filter_select(url_list, "status", "reservations.filter_status", || {
                STATUSES.iter().map(|s| (s.as_str().to_string(), tr(labels::status(*s)))).collect()
            })}
            {filter_select(url_list, "expiring", "reservations.filter_expiring", || {
                EXPIRY_WINDOWS
                    .iter()
                    .map(|d| (d.to_string(), tw("reservations.within_days", &[("days", &d.to_string())])))
                    .collect()
            })}
            <label class="field">
                {t("portfolio.filter_below")}
                <input
                    type="number"
                    min="0"
                    max="100"
                    step="1"
                    prop:value=move || state.with(|s| s.filter("below").unwrap_or_default().to_string())
                    on:change=move |ev| url_list.update(|s| s.with_filter("below", event_target_value(&ev).trim()))
                />
            </label>
            {filter_select(url_list, "renew", "portfolio.filter_renew", || {
                vec![
                    ("on".to_string(), tr("portfolio.renew_on")),
                    ("off".to_string(), tr("portfolio.renew_off")),
                ]
            })}
        </div>
        <div class="portfolio-bar">
            // Outside the grid so it stays in the page while rows reload, and is announced.
            <p id="portfolio-count" role="status" aria-live="polite">
                {move || {
                    loaded_rows()
                        .map(|r| {
                            let n = r.len() as u64;
                            tp("portfolio.count", n as i64, &[("count", &format::count(n))])
                        })
                }}
            </p>
            <button
                type="button"
                class="button"
                disabled=move || loaded_rows().is_none()
                on:click=export
            >
                {t("portfolio.export")}
            </button>
        </div>
        <BulkRenew
            rows=Signal::derive(loaded_rows)
            selected=selected
            on_done=Callback::new(move |()| rows.refetch())
        />
        <Show when=move || export_failed.get()>
            <p class="notice" role="alert">{t("portfolio.export_failed")}</p>
        </Show>
        <p id="portfolio-keys" class="hint">{t("portfolio.keys_hint")}</p>
        {loaded(rows, move |(_, rows)| view! { <Grid rows=rows url_list=url_list selected=selected /> }.into_any())}
    }
}

/// The virtualized grid: a scroll container with a sticky header, spacer rows standing in for
/// the rows out of view, and ArrowUp/ArrowDown between rows.
#[component]
fn Grid(
    rows: Arc<Vec<PortfolioRow>>,
    url_list: UrlList,
    selected: RwSignal<BTreeSet<String>>,
) -> impl IntoView {
    let total = rows.len();
    let ids: Arc<Vec<String>> = Arc::new(rows.iter().map(|r| r.reservation.id.clone()).collect());
    // The header checkbox: every row of this view selected (or cleared).
    let all_selected = {
        let ids = ids.clone();
        move || !ids.is_empty() && selected.with(|s| ids.iter().all(|id| s.contains(id)))
    };
    let select_all = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        selected.update(|s| {
            for id in ids.iter() {
                if on {
                    s.insert(id.clone());
                } else {
                    s.remove(id);
                }
            }
        });
    };
    let today = browser::today_utc();
    let container = NodeRef::<leptos::html::Div>::new();
    let (scroll, set_scroll) = signal(0.0_f64);
    let (viewport, set_viewport) = signal(600.0_f64);
    Effect::new(move |_| {
        if let Some(el) = container.get() {
            set_viewport.set(f64::from(el.client_height()));
            let query = browser::query_string();
            let saved = LAST_SCROLL.with(|l| {
                let l = l.borrow();
                (l.0 == query).then_some(l.1)
            });
            if let Some(top) = saved.filter(|t| *t > 0.0) {
                el.set_scroll_top(top as i32);
                set_scroll.set(top);
            }
        }
    });
    let range =
        Memo::new(move |_| visible_rows(scroll.get(), viewport.get(), ROW_HEIGHT, total, OVERSCAN));
    let on_scroll = move |_| {
        if let Some(el) = container.get_untracked() {
            let top = f64::from(el.scroll_top());
            LAST_SCROLL.with(|l| *l.borrow_mut() = (browser::query_string(), top));
            set_scroll.set(top);
            set_viewport.set(f64::from(el.client_height()));
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let down = match ev.key().as_str() {
            "ArrowDown" => true,
            "ArrowUp" => false,
            _ => return,
        };
        let (Some(el), Some(document)) = (container.get_untracked(), document_of()) else {
            return;
        };
        let Some(index) = document
            .active_element()
            .and_then(|a| a.closest("tr[data-row]").ok().flatten())
            .and_then(|tr| tr.get_attribute("data-row"))
            .and_then(|v| v.parse::<usize>().ok())
        else {
            return;
        };
        ev.prevent_default();
        let target = if down {
            (index + 1).min(total.saturating_sub(1))
        } else {
            index.saturating_sub(1)
        };
        let header = el
            .query_selector("thead")
            .ok()
            .flatten()
            .map_or(0.0, |h| f64::from(h.client_height()));
        let top = scroll_to_show(
            target,
            f64::from(el.scroll_top()),
            f64::from(el.client_height()),
            header,
            ROW_HEIGHT,
        );
        el.set_scroll_top(top as i32);
        set_scroll.set(top);
        // Focus once the rows of the new window are rendered.
        leptos::task::spawn_local(async move {
            gloo_timers::future::TimeoutFuture::new(0).await;
            if let Some(link) = el
                .query_selector(&format!("tr[data-row=\"{target}\"] a"))
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = link.focus();
            }
        });
    };
    let visible = {
        let rows = rows.clone();
        move || {
            range
                .get()
                .filter_map(|i| rows.get(i).map(|r| (i, r.clone())))
                .collect::<Vec<_>>()
        }
    };
    // The data columns and the selection column.
    let columns = COLUMNS.len() + 1;
    view! {
        <div
            class="portfolio-scroll"
            node_ref=container
            on:scroll=on_scroll
            on:keydown=on_key
        >
            <table
                class="portfolio"
                aria-label=t("portfolio.grid")
                aria-describedby="portfolio-count portfolio-keys"
                aria-rowcount=total + 1
            >
                <thead>
                    <tr aria-rowindex="1">
                        <th scope="col" class="select">
                            <input
                                type="checkbox"
                                aria-label=t("portfolio.select_all")
                                prop:checked=all_selected
                                on:change=select_all
                            />
                        </th>
                        {COLUMNS.iter().map(|c| url_list.header(c)).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    <tr class="spacer" aria-hidden="true">
                        <td
                            colspan=columns
                            style:height=move || format!("{}px", range.get().start as f64 * ROW_HEIGHT)
                        ></td>
                    </tr>
                    <For
                        each=visible
                        key=|(i, row)| (*i, row.customer_id.clone(), row.reservation.id.clone())
                        children=move |(i, row)| row_view(i, row, today, selected)
                    />
                    <tr class="spacer" aria-hidden="true">
                        <td
                            colspan=columns
                            style:height=move || {
                                format!("{}px", total.saturating_sub(range.get().end) as f64 * ROW_HEIGHT)
                            }
                        ></td>
                    </tr>
                </tbody>
            </table>
        </div>
        <Show when=move || total == 0>
            <p class="notice">{t("common.no_results")}</p>
        </Show>
    }
}

fn document_of() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// One row of the grid; `index` is its place in the whole view.
fn row_view(
    index: usize,
    row: PortfolioRow,
    today: chrono::NaiveDate,
    selected: RwSignal<BTreeSet<String>>,
) -> impl IntoView {
    let key = ReservationKey::of(&row.customer_id, &row.reservation);
    let id = row.reservation.id.clone();
    let checked = {
        let id = id.clone();
        move || selected.with(|s| s.contains(&id))
    };
    let row_checked = checked.clone();
    let toggle = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        selected.update(|s| {
            if on {
                s.insert(id.clone());
            } else {
                s.remove(&id);
            }
        });
    };
    let select_label = {
        let name = row.reservation.properties.display_name.clone();
        let company = row.company_name.clone();
        move || {
            tw(
                "portfolio.select_row",
                &[("name", &name), ("company", &company)],
            )
        }
    };
    let left = days_left(&row, today);
    let cells = reservation_cells(&row.reservation);
    let r = row.reservation;
    let p = r.properties;
    let average = |days| {
        p.utilization
            .as_ref()
            .and_then(|u| u.average(days))
            .map_or_else(|| "—".to_string(), format::percent)
    };
    let (u7, u30) = (average(7), average(30));
    let state = p.provisioning_state;
    let renew = if p.renew { "common.yes" } else { "common.no" };
    let headroom = row.refund_headroom;
    let expiry = p.expiry_date;
    let warn = state == ProvisioningState::Succeeded && (0..=EXPIRY_WARNING_DAYS).contains(&left);
    view! {
        <tr data-row=index aria-rowindex=index + 2 class:selected=row_checked>
            <td class="select">
                <input type="checkbox" aria-label=select_label prop:checked=checked on:change=toggle />
            </td>
            <td title=row.company_name.clone()>{row.company_name.clone()}</td>
            <th scope="row">
                <A href=key.page(ReservationPage::Overview)>{p.display_name.clone()}</A>
            </th>
            <td>{p.reserved_resource_type.as_str().to_string()}</td>
            {cells}
            <td>
                {move || format::date(expiry, locale())}
                {warn
                    .then(|| {
                        view! {
                            " "
                            <span class="badge warn">
                                {move || tp("reservations.expires_in", left, &[("days", &left.to_string())])}
                            </span>
                        }
                    })}
            </td>
            <td class="num">{u7}</td>
            <td class="num">{u30}</td>
            <td>{t(renew)}</td>
            <td class="num">{move || format::usd(headroom, locale())}</td>
            <td>
                <span class=labels::status_class(state)>{t(labels::status(state))}</span>
            </td>
        </tr>
    }
}
