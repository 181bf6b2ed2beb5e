//! Sizing recommendations (one customer's, or every customer's on Home): the threshold is in the
//! URL (`?threshold=N`), each recommendation links to a prefilled Refund or Exchange page.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::use_api;
use crate::browser;
use crate::components::list::use_url_list;
use crate::components::status::loaded;
use crate::context::{locale, t, tp, tr, tw};
use crate::routes::{ReservationPage, ReservationRoutes};
use crate::sizing::{load, recommend, threshold_from, Recommendation};
use crate::text::format;

/// The URL key of the threshold.
const KEY: &str = "threshold";

/// The recommendations under the threshold in the URL; `path` is the page's own address.
#[component]
pub fn SizingRecommendations(
    /// Only this customer's reservations; every customer's when `None`.
    customer: Option<Memo<String>>,
    /// The page's address (kept with the threshold in the URL).
    path: Signal<String>,
    /// Whether to name each reservation's customer (Home).
    #[prop(optional)]
    show_customer: bool,
    /// Show only the first this many (the largest money at stake), with the count of all.
    #[prop(optional)]
    limit: Option<usize>,
) -> impl IntoView {
    let api = use_api();
    let url_list = use_url_list(move || path.get(), &[KEY]);
    let threshold = Memo::new(move |_| url_list.state.with(|s| threshold_from(s.filter(KEY))));
    let today = browser::today_utc();
    let data = LocalResource::new(move || {
        let api = api.client();
        let customer = customer.map(|c| c.get());
        let threshold = threshold.get();
        async move {
            let (rows, catalogue) = load(&api, customer.as_deref(), threshold).await?;
            Ok(recommend(&rows, &catalogue, threshold, today))
        }
    });
    let (typed, set_typed) = signal(String::new());
    let invalid = Memo::new(move |_| {
        typed.with(|v| {
            !v.is_empty()
                && v.trim()
                    .parse::<u32>()
                    .ok()
                    .filter(|n| (1..=100).contains(n))
                    .is_none()
        })
    });
    view! {
        <section class="card sizing" aria-labelledby="sizing-heading">
            <h2 id="sizing-heading">{t("sizing.title")}</h2>
            <p>{move || tw("sizing.intro", &[("threshold", &threshold.get().to_string())])}</p>
            <label class="field">
                {t("sizing.threshold")}
                <input
                    type="number"
                    min="1"
                    max="100"
                    step="1"
                    prop:value=move || threshold.get().to_string()
                    aria-invalid=move || invalid.get().to_string()
                    aria-describedby="sizing-threshold-help"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        set_typed.set(v.clone());
                        if let Some(n) = v.trim().parse::<u32>().ok().filter(|n| (1..=100).contains(n)) {
                            url_list.update(|s| s.with_filter(KEY, &n.to_string()));
                        }
                    }
                />
            </label>
            <p id="sizing-threshold-help" class=move || if invalid.get() { "error" } else { "hint" }>
                {move || if invalid.get() { tr("sizing.threshold_invalid") } else { tr("sizing.threshold_help") }}
            </p>
            {loaded(data, move |recs| {
                if recs.is_empty() {
                    return view! { <p>{t("sizing.none")}</p> }.into_any();
                }
                let all = recs.len();
                let recs: Vec<Recommendation> = recs.into_iter().take(limit.unwrap_or(usize::MAX)).collect();
                let shown = recs.len();
                view! {
                    <p role="status">
                        {move || if shown < all {
                            tw("sizing.count_of", &[("shown", &shown.to_string()), ("all", &all.to_string())])
                        } else {
                            tp("sizing.count", all as i64, &[("count", &all.to_string())])
                        }}
                    </p>
                    <table class="sizing-list">
                        <thead>
                            <tr>
                                {show_customer.then(|| view! { <th scope="col">{t("portfolio.col.customer")}</th> })}
                                <th scope="col">{t("reservations.col.name")}</th>
                                <th scope="col" class="num">{t("portfolio.col.utilization30")}</th>
                                <th scope="col" class="num">{t("sizing.at_stake")}</th>
                                <th scope="col">{t("sizing.return")}</th>
                                <th scope="col">{t("sizing.exchange")}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {recs.into_iter().map(|r| view! { <Row rec=r show_customer=show_customer /> }).collect_view()}
                        </tbody>
                    </table>
                }
                    .into_any()
            })}
        </section>
    }
}

/// One recommendation's row.
#[component]
fn Row(rec: Recommendation, show_customer: bool) -> impl IntoView {
    let r = StoredValue::new(rec);
    let name = r.with_value(|r| r.name.clone());
    let refund_cell = r.with_value(|r| {
        r.refund.clone().map(|ret| {
            let href = format!("{}?quantity={}", r.key.page(ReservationPage::Refund), ret.quantity);
            let refund = ret.quote.refund;
            let allowed = ret.quote.is_allowed();
            let label = name.clone();
            view! {
                <A href=href attr:aria-label=move || tp("sizing.return_link", ret.quantity.into(), &[("name", &label), ("quantity", &ret.quantity.to_string())])>
                    {move || tw("sizing.return_units", &[("quantity", &ret.quantity.to_string())])}
                </A>
                <br />
                <span>
                    {move || match refund {
                        Some(v) => tw("sizing.refund_of", &[("amount", &format::usd(v, locale()))]),
                        None => String::new(),
                    }}
                </span>
                {(!allowed).then(|| view! { " " <span class="muted">{t("sizing.refund_refused")}</span> })}
            }
        })
    });
    let exchange_cell = r.with_value(|r| {
        r.exchange.clone().map(|x| {
            let href = format!(
                "{}?sku={}&quantity={}",
                r.key.page(ReservationPage::Exchange),
                x.sku,
                x.quantity
            );
            let label = name.clone();
            let sku = x.sku.clone();
            let net = x.quote.net_payable;
            view! {
                <A href=href attr:aria-label=move || tw("sizing.exchange_link", &[("name", &label), ("sku", &sku), ("quantity", &x.quantity.to_string())])>
                    {format!("{} × {}", x.quantity, x.sku)}
                </A>
                <br />
                <span>
                    {move || tw("sizing.expected", &[("percent", &format::percent(x.expected_utilization))])}
                </span>
                <br />
                <span>
                    {move || match net {
                        Some(v) => tw("sizing.net_payable", &[("amount", &format::usd(v, locale()))]),
                        None => String::new(),
                    }}
                </span>
            }
        })
    });
    view! {
        <tr>
            {show_customer.then(|| view! { <td>{r.with_value(|r| r.company.clone())}</td> })}
            <th scope="row">
                <A href=r.with_value(|r| r.key.page(ReservationPage::Overview))>{name.clone()}</A>
                <br />
                <span class="muted">{r.with_value(|r| format!("{} × {}", r.quantity, r.sku))}</span>
            </th>
            <td class="num">{r.with_value(|r| format::percent(r.utilization))}</td>
            <td class="num sizing-stake">{move || r.with_value(|r| format::usd(r.at_stake, locale()))}</td>
            <td>{refund_cell}</td>
            <td>{exchange_cell}</td>
        </tr>
    }
}
