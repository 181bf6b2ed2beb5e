//! Portfolio: every customer's reservations in one virtualized grid, filtered, sorted and
//! searched through the URL, charts above it, and a CSV export of the whole view. The grid loads
//! only the blocks of rows in view (the backend filters and sorts), so it stays fluent with
//! 100,000 reservations. The logic lives in `crate::portfolio`; this file holds the view.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use wasm_bindgen::JsCast;

use crate::api::{use_api, CustomerQuery, Family, PortfolioRow, ProvisioningState, MAX_TOP};
use crate::browser;
use crate::components::bulk_renew::BulkRenew;
use crate::components::list::{use_url_list, UrlList};
use crate::components::portfolio_charts::PortfolioCharts;
use crate::components::status::{ErrorNotice, Loading};
use crate::components::table::reservation_cells;
use crate::context::{locale, t, tp, tr, tw};
use crate::csv_export;
use crate::list_state::ListState;
use crate::portfolio::{
    block_query, csv_bytes, csv_file_name, days_left, load_all, parse_window, scroll_to_show,
    visible_rows, ExpiryWindow, RowBlocks, COLUMNS, CUSTOM_WINDOW, EXPIRY_WINDOWS, FILTERS,
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
    // Memos, so a change of another part of the view (a search keystroke, a sort) neither
    // rebuilds the options nor re-checks each one (the customers are thousands).
    let chosen = Memo::new(move |_| state.with(|s| s.filter(key).map(str::to_string)));
    let options = Memo::new(move |_| options());
    view! {
        <label class="field">
            {t(label)}
            <select on:change=move |ev| url_list.update(|s| s.with_filter(key, &event_target_value(&ev)))>
                <option value="" selected=move || chosen.with(Option::is_none)>
                    {t("common.all")}
                </option>
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(value, text)| {
                            let current = value.clone();
                            view! {
                                <option
                                    value=value
                                    selected=move || chosen.with(|c| c.as_deref() == Some(current.as_str()))
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

/// The expiry filter: All, 30/60/90 days, or a custom number of days (typed, checked, kept
/// as typed when invalid).
fn expiry_filter(url_list: UrlList) -> impl IntoView {
    let state = url_list.state;
    let window = Memo::new(move |_| state.with(ExpiryWindow::of));
    let (typed, set_typed) = signal(String::new());
    let (invalid, set_invalid) = signal(false);
    // The box shows the URL's custom window, unless the user is typing another.
    Effect::new(move |_| {
        if let ExpiryWindow::Custom(days) = window.get() {
            set_typed.set(days.map(|d| d.to_string()).unwrap_or_default());
            set_invalid.set(false);
        }
    });
    let apply = move |text: String| match parse_window(&text) {
        Some(days) => {
            set_invalid.set(false);
            url_list.update(|s| s.with_filter("expiring", &days.to_string()));
        }
        None => set_invalid.set(true),
    };
    view! {
        <label class="field">
            {t("reservations.filter_expiring")}
            <select on:change=move |ev| {
                url_list.update(|s| s.with_filter("expiring", &event_target_value(&ev)))
            }>
                <option value="" selected=move || window.get() == ExpiryWindow::Any>
                    {t("common.all")}
                </option>
                {EXPIRY_WINDOWS
                    .iter()
                    .map(|d| {
                        let d = *d;
                        view! {
                            <option value=d.to_string() selected=move || window.get() == ExpiryWindow::Preset(d)>
                                {move || tw("reservations.within_days", &[("days", &d.to_string())])}
                            </option>
                        }
                    })
                    .collect_view()}
                <option
                    value=CUSTOM_WINDOW
                    selected=move || matches!(window.get(), ExpiryWindow::Custom(_))
                >
                    {t("portfolio.expiry_custom")}
                </option>
            </select>
        </label>
        <Show when=move || matches!(window.get(), ExpiryWindow::Custom(_))>
            <label class="field">
                {t("portfolio.expiry_days")}
                <input
                    type="number"
                    inputmode="numeric"
                    min="1"
                    max="3650"
                    step="1"
                    aria-invalid=move || invalid.get().to_string()
                    aria-describedby="portfolio-expiry-error"
                    prop:value=move || typed.get()
                    on:input=move |ev| set_typed.set(event_target_value(&ev))
                    on:change=move |ev| apply(event_target_value(&ev))
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" {
                            apply(typed.get_untracked());
                        }
                    }
                />
                <span id="portfolio-expiry-error" class="field-error" role="alert">
                    {move || invalid.get().then(|| tr("portfolio.expiry_days_invalid"))}
                </span>
            </label>
        </Show>
    }
}

/// The rows chosen for a bulk action: their ids, and the rows as last loaded (the grid loads
/// rows in blocks, so the chosen rows are kept here for the bulk action's confirmation).
#[derive(Clone, Copy)]
struct Selection {
    ids: RwSignal<BTreeSet<String>>,
    rows: RwSignal<BTreeMap<String, PortfolioRow>>,
}

impl Selection {
    fn new() -> Selection {
        Selection {
            ids: RwSignal::new(BTreeSet::new()),
            rows: RwSignal::new(BTreeMap::new()),
        }
    }

    fn set(&self, row: &PortfolioRow, on: bool) {
        let id = row.reservation.id.clone();
        if on {
            self.rows.update(|m| {
                m.insert(id.clone(), row.clone());
            });
            self.ids.update(|s| {
                s.insert(id);
            });
        } else {
            self.ids.update(|s| {
                s.remove(&id);
            });
        }
    }

    /// Keeps the chosen rows among `rows` as freshly loaded (their ETags move on).
    fn refresh(&self, rows: &[PortfolioRow]) {
        let chosen: Vec<&PortfolioRow> = self.ids.with_untracked(|ids| {
            rows.iter()
                .filter(|r| ids.contains(&r.reservation.id))
                .collect()
        });
        if !chosen.is_empty() {
            self.rows.update(|m| {
                for r in chosen {
                    m.insert(r.reservation.id.clone(), r.clone());
                }
            });
        }
    }

    /// The chosen rows, for the bulk action.
    fn chosen(&self) -> Arc<Vec<PortfolioRow>> {
        let ids = self.ids.get();
        Arc::new(
            self.rows
                .with(|m| ids.iter().filter_map(|id| m.get(id).cloned()).collect()),
        )
    }
}

/// The Portfolio page.
#[component]
pub fn PortfolioPage() -> impl IntoView {
    let api = use_api();
    let url_list = use_url_list(routes::portfolio, &FILTERS);
    let state = url_list.state;
    // The view's first block: how many rows it has, and the rows at its top.
    let first = LocalResource::new(move || {
        let api = api.client();
        let st = state.get();
        async move {
            api.list_portfolio(&block_query(&st, 0))
                .await
                .map(|p| (st, p.total_count, p.value))
        }
    });
    let customers = LocalResource::new(move || {
        let api = api.client();
        let q = CustomerQuery {
            top: MAX_TOP,
            ..CustomerQuery::default()
        };
        async move { api.list_customers(&q).await.map(|p| p.value) }
    });
    // The view the URL shows now: while another view loads, the count and the export wait for
    // it rather than describe the previous one.
    let current = move || {
        first
            .get()
            .and_then(Result::ok)
            .filter(|(st, _, _)| state.with(|s| s == st))
    };
    let today = browser::today_utc();
    // The rows chosen for a bulk action: kept while the grid reloads or another view shows.
    let selection = Selection::new();
    let (export_failed, set_export_failed) = signal(false);
    let (exporting, set_exporting) = signal(false);
    let export = move |_| {
        let st = state.get_untracked();
        let api = api.client();
        // The labels now, in the handler: the translations are the app's context, which the
        // task below does not have.
        let headers: Vec<String> = COLUMNS
            .iter()
            .map(|c| tr(c.label))
            .chain([tr("portfolio.col.days_left"), tr("portfolio.col.id")])
            .collect();
        set_exporting.set(true);
        leptos::task::spawn_local(async move {
            let done = load_all(&api, &st).await.ok().and_then(|rows| {
                let bytes = csv_bytes(&rows, &headers, today).ok()?;
                browser::download(&csv_file_name(today), csv_export::MIME, &bytes).ok()
            });
            set_export_failed.set(done.is_none());
            set_exporting.set(false);
        });
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
                labels::family_options(locale(), Family::KNOWN)
            })}
            {filter_select(url_list, "region", "portfolio.filter_region", move || {
                // The regions of the first rows shown, and the one chosen: the portfolio has
                // no region list of its own.
                let mut regions: Vec<String> = current()
                    .map(|(_, _, rows)| rows.iter().map(|r| r.reservation.location.clone()).collect())
                    .unwrap_or_default();
                regions.extend(state.with(|s| s.filter("region").map(str::to_string)));
                regions.sort();
                regions.dedup();
                regions.into_iter().map(|r| (r.clone(), r)).collect()
            })}
            {filter_select(url_list, "status", "reservations.filter_status", || {
                STATUSES.iter().map(|s| (s.as_str().to_string(), tr(labels::status(*s)))).collect()
            })}
            {expiry_filter(url_list)}
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
        <PortfolioCharts url_list=url_list />
        <div class="portfolio-bar">
            // Outside the grid so it stays in the page while rows reload, and is announced.
            <p id="portfolio-count" role="status" aria-live="polite">
                {move || {
                    current()
                        .map(|(_, n, _)| {
                            tp("portfolio.count", n as i64, &[("count", &format::count(n))])
                        })
                }}
            </p>
            <button
                type="button"
                class="button"
                disabled=move || current().is_none() || exporting.get()
                aria-busy=move || exporting.get().to_string()
                on:click=export
            >
                {t("portfolio.export")}
            </button>
        </div>
        <BulkRenew
            rows=Signal::derive(move || Some(selection.chosen()))
            selected=selection.ids
            on_done=Callback::new(move |()| first.refetch())
        />
        <Show when=move || export_failed.get()>
            <p class="notice" role="alert">{t("portfolio.export_failed")}</p>
        </Show>
        <p id="portfolio-keys" class="hint">{t("portfolio.keys_hint")}</p>
        // The grid stays in the page while views change (a filter keystroke, a sort): a new
        // view swaps its rows rather than rebuilding the table, its header and its layout.
        {move || {
            first.with(|f| match f {
                None => Some(view! { <Loading /> }.into_any()),
                Some(Err(error)) => {
                    let error = error.clone();
                    Some(view! { <ErrorNotice error=error on_retry=move || first.refetch() /> }.into_any())
                }
                Some(Ok(_)) => None,
            })
        }}
        <Show when=move || first.with(|f| matches!(f, Some(Ok(_))))>
            <Grid first=first url_list=url_list selection=selection />
        </Show>
    }
}

/// The Portfolio's first request for the view the address shows.
type FirstBlock =
    LocalResource<Result<(ListState, u64, Vec<PortfolioRow>), crate::api::ClientError>>;

/// The virtualized grid: a scroll container with a sticky header, spacer rows standing in for
/// the rows out of view, the blocks of rows in view loaded as they come into view, and the
/// arrow keys (Page Up/Down, Home/End with Ctrl) between rows.
#[component]
fn Grid(first: FirstBlock, url_list: UrlList, selection: Selection) -> impl IntoView {
    let api = use_api();
    let total = RwSignal::new(0_usize);
    let blocks = RwSignal::new(RowBlocks::new(0, Vec::new()));
    let pending = StoredValue::new(HashSet::<usize>::new());
    // Which view the grid shows: answers for an earlier view (its blocks, Select all) are dropped.
    let generation = RwSignal::new(0_u64);
    // The view's query string on the table, so a test or benchmark sees which view it shows.
    let view_query = RwSignal::new(String::new());
    let view_state = StoredValue::new(ListState::default());
    // The header checkbox: every row of this view chosen (loaded for it), or none of them.
    let all_of_view = RwSignal::new(None::<Arc<Vec<String>>>);
    let today = browser::today_utc();
    let container = NodeRef::<leptos::html::Div>::new();
    let (scroll, set_scroll) = signal(0.0_f64);
    let (viewport, set_viewport) = signal(600.0_f64);
    // The box's height once, when the grid is first shown (later on scrolling): reading it on
    // every view would force a layout per keystroke.
    Effect::new(move |_| {
        if let Some(el) = container.get() {
            set_viewport.set(f64::from(el.client_height()));
        }
    });
    // A new view: its first block replaces the rows, at the top (or where this address was
    // left, coming back to it).
    Effect::new(move |_| {
        first.with(|f| {
            let Some(Ok((st, n, rows))) = f else {
                return;
            };
            selection.refresh(rows);
            let n = usize::try_from(*n).unwrap_or(usize::MAX);
            pending.update_value(HashSet::clear);
            view_state.set_value(st.clone());
            all_of_view.set(None);
            blocks.set(RowBlocks::new(n, rows.clone()));
            total.set(n);
            view_query.set(st.to_query());
            generation.update(|g| *g += 1);
        });
        let query = browser::query_string();
        let top = LAST_SCROLL
            .with(|l| {
                let l = l.borrow();
                (l.0 == query).then_some(l.1)
            })
            .filter(|t| *t > 0.0)
            .unwrap_or(0.0);
        if top != scroll.get_untracked() {
            set_scroll.set(top);
            // In the next frame, once the spacers have the new view's height.
            request_animation_frame(move || {
                if let Some(el) = container.get_untracked() {
                    el.set_scroll_top(top as i32);
                }
            });
        }
    });
    let range = Memo::new(move |_| {
        visible_rows(
            scroll.get(),
            viewport.get(),
            ROW_HEIGHT,
            total.get(),
            OVERSCAN,
        )
    });
    // Loads the blocks of the rows in view that are neither loaded nor on their way.
    Effect::new(move |_| {
        let this_view = generation.get();
        let wanted = blocks.with_untracked(|b| b.missing(range.get()));
        for block in wanted {
            if !pending
                .try_update_value(|p| p.insert(block))
                .unwrap_or(false)
            {
                continue;
            }
            let api = api.client();
            let q = view_state.with_value(|v| block_query(v, block));
            leptos::task::spawn_local(async move {
                let page = api.list_portfolio(&q).await;
                // The grid may be gone, or show another view: then nothing is kept.
                if generation.try_get_untracked() != Some(this_view) {
                    return;
                }
                pending.try_update_value(|p| p.remove(&block));
                if let Ok(page) = page {
                    selection.refresh(&page.value);
                    blocks.try_update(|b| b.insert(block, page.value));
                }
            });
        }
    });
    let on_scroll = move |_| {
        if let Some(el) = container.get_untracked() {
            let top = f64::from(el.scroll_top());
            LAST_SCROLL.with(|l| *l.borrow_mut() = (browser::query_string(), top));
            set_scroll.set(top);
            set_viewport.set(f64::from(el.client_height()));
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
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
        let page = ((f64::from(el.client_height()) / ROW_HEIGHT) as usize).max(2) - 1;
        let last = total.get_untracked().saturating_sub(1);
        let target = match ev.key().as_str() {
            "ArrowDown" => (index + 1).min(last),
            "ArrowUp" => index.saturating_sub(1),
            "PageDown" => (index + page).min(last),
            "PageUp" => index.saturating_sub(page),
            "Home" if ev.ctrl_key() => 0,
            "End" if ev.ctrl_key() => last,
            _ => return,
        };
        ev.prevent_default();
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
        // Focus once the row is rendered (its block may still be loading).
        leptos::task::spawn_local(async move {
            for _ in 0..40 {
                gloo_timers::future::TimeoutFuture::new(25).await;
                if let Some(link) = el
                    .query_selector(&format!("tr[data-row=\"{target}\"] a"))
                    .ok()
                    .flatten()
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = link.focus();
                    return;
                }
            }
        });
    };
    let all_selected = move || {
        all_of_view.with(|all| {
            all.as_ref().is_some_and(|ids| {
                !ids.is_empty() && selection.ids.with(|s| ids.iter().all(|id| s.contains(id)))
            })
        })
    };
    let select_all = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        if !on {
            if let Some(ids) = all_of_view.get_untracked() {
                selection.ids.update(|s| {
                    ids.iter().for_each(|id| {
                        s.remove(id);
                    })
                });
            }
            return;
        }
        let api = api.client();
        let st = view_state.get_value();
        let this_view = generation.get_untracked();
        leptos::task::spawn_local(async move {
            if let Ok(rows) = load_all(&api, &st).await {
                if generation.try_get_untracked() != Some(this_view) {
                    return;
                }
                for row in &rows {
                    selection.set(row, true);
                }
                all_of_view.try_set(Some(Arc::new(
                    rows.iter().map(|r| r.reservation.id.clone()).collect(),
                )));
            }
        });
    };
    let visible = move || {
        let r = range.get();
        blocks.with(|b| r.map(|i| (i, b.row(i).cloned())).collect::<Vec<_>>())
    };
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
                aria-rowcount=move || total.get() + 1
                data-view=move || view_query.get()
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
                        key=|(i, row)| {
                            (*i, row.as_ref().map(|r| (r.customer_id.clone(), r.reservation.id.clone())))
                        }
                        children=move |(i, row)| match row {
                            Some(row) => row_view(i, row, today, selection).into_any(),
                            None => view! {
                                <tr data-row=i aria-rowindex=i + 2 class="loading-row" aria-busy="true">
                                    <td colspan=columns>{t("portfolio.row_loading")}</td>
                                </tr>
                            }
                            .into_any(),
                        }
                    />
                    <tr class="spacer" aria-hidden="true">
                        <td
                            colspan=columns
                            style:height=move || {
                                format!("{}px", total.get().saturating_sub(range.get().end) as f64 * ROW_HEIGHT)
                            }
                        ></td>
                    </tr>
                </tbody>
            </table>
        </div>
        <Show when=move || total.get() == 0>
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
    selection: Selection,
) -> impl IntoView {
    let key = ReservationKey::of(&row.customer_id, &row.reservation);
    let checked = {
        let id = row.reservation.id.clone();
        move || selection.ids.with(|s| s.contains(&id))
    };
    let row_checked = checked.clone();
    let toggle = {
        let row = row.clone();
        move |ev: leptos::ev::Event| selection.set(&row, event_target_checked(&ev))
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
