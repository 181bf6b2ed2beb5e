//! Billing: a customer's payment schedules — totals, charges and credits per month (a table and
//! a bar chart) over the last 12 and the next 12 months, each order's charges and credits, and
//! a CSV export of the schedule.

use leptos::prelude::*;

use crate::api::{use_api, ChangeKind, ChargeStatus, CustomerBilling, OrderBilling};
use crate::billing::{
    csv_bytes, csv_file_name, heights, is_future, months, status_counts, CSV_COLUMNS,
};
use crate::browser;
use crate::components::bar_chart::{Bar, BarChart, ChartData};
use crate::components::breadcrumb::{customer_crumbs, Breadcrumbs, Crumb};
use crate::components::status::loaded;
use crate::context::{locale, t, tr, tw};
use crate::csv_export;
use crate::routes::use_customer_id;
use crate::text::{format, labels};

/// Fill of the charges' bars.
const CHARGE_FILL: &str = "#0f6cbd";
/// Fill of the credits' bars.
const CREDIT_FILL: &str = "#107c10";

/// The label of a charge's status.
fn status_label(s: ChargeStatus) -> &'static str {
    match s {
        ChargeStatus::Paid => "billing.status.paid",
        ChargeStatus::Due => "billing.status.due",
        ChargeStatus::Cancelled => "billing.status.cancelled",
    }
}

/// The label of a credit's kind.
fn kind_label(k: ChangeKind) -> &'static str {
    match k {
        ChangeKind::Return => "billing.credit.return",
        ChangeKind::Exchange => "billing.credit.exchange",
    }
}

/// The Billing page of the customer in the route.
#[component]
pub fn BillingPage() -> impl IntoView {
    let api = use_api();
    let id = use_customer_id();
    let billing = LocalResource::new(move || {
        let api = api.client();
        let id = id.get();
        async move { api.billing(&id).await }
    });
    let [customers, customer] = customer_crumbs(id.into());
    view! {
        <Breadcrumbs crumbs=vec![customers, customer, Crumb::here(Signal::derive(t("billing.title")))] />
        <h1>{t("billing.title")}</h1>
        <p>{t("billing.intro")}</p>
        {loaded(billing, |b| view! { <BillingView billing=b /> }.into_any())}
    }
}

/// Totals, months, export and orders of one answer.
#[component]
fn BillingView(billing: CustomerBilling) -> impl IntoView {
    let b = StoredValue::new(billing);
    let (export_failed, set_export_failed) = signal(false);
    let export = move |_| {
        let headers: Vec<String> = CSV_COLUMNS.iter().map(|k| tr(k)).collect();
        let done = b.with_value(|b| {
            csv_bytes(b, &headers).ok().and_then(|bytes| {
                browser::download(&csv_file_name(b), csv_export::MIME, &bytes).ok()
            })
        });
        set_export_failed.set(done.is_none());
    };
    let stat = move |key: &'static str,
                     id: &'static str,
                     value: fn(&CustomerBilling) -> rust_decimal::Decimal| {
        view! {
            <div>
                <div id=format!("{id}-label")>{t(key)}</div>
                <div class="stat" id=id aria-labelledby=format!("{id}-label")>
                    {move || b.with_value(|b| format::usd(value(b), locale()))}
                </div>
            </div>
        }
    };
    let month_rows = StoredValue::new(b.with_value(months));
    let as_of = b.with_value(|b| b.as_of);
    let chart = Signal::derive(move || {
        let loc = locale();
        month_rows.with_value(|ms| {
            let hs = heights(ms);
            ChartData {
                groups: ms
                    .iter()
                    .zip(hs)
                    .map(|(m, (hc, hk))| {
                        let name = format::year_month(m.year, m.month, loc);
                        vec![
                            Bar {
                                label: format!(
                                    "{name}: {} {}",
                                    tr("billing.charges"),
                                    format::usd(m.charges, loc)
                                ),
                                height: hc,
                            },
                            Bar {
                                label: format!(
                                    "{name}: {} {}",
                                    tr("billing.credits"),
                                    format::usd(m.credits, loc)
                                ),
                                height: hk,
                            },
                        ]
                    })
                    .collect(),
                selected: Vec::new(),
                head: vec![
                    tr("billing.col.month"),
                    tr("billing.charges"),
                    tr("billing.credits"),
                ],
                rows: ms
                    .iter()
                    .map(|m| {
                        vec![
                            format::year_month(m.year, m.month, loc),
                            format::usd(m.charges, loc),
                            format::usd(m.credits, loc),
                        ]
                    })
                    .collect(),
            }
        })
    });
    view! {
        <section class="card" aria-labelledby="billing-totals-heading">
            <h2 id="billing-totals-heading">
                {move || tw("billing.totals_as_of", &[("date", &format::date(as_of, locale()))])}
            </h2>
            <div class="cards">
                {stat("billing.total_charges", "billing-total", |b| b.total_charges)}
                {stat("billing.paid", "billing-paid", |b| b.paid)}
                {stat("billing.due", "billing-due", |b| b.due)}
                {stat("billing.total_credits", "billing-credits", |b| b.total_credits)}
                {stat("billing.net", "billing-net", |b| b.total_charges - b.total_credits)}
            </div>
            <p>
                <button type="button" class="button" on:click=export>{t("billing.export")}</button>
            </p>
            <Show when=move || export_failed.get()>
                <p role="alert" class="error">{t("portfolio.export_failed")}</p>
            </Show>
        </section>
        <section class="card" aria-labelledby="billing-months-heading">
            <h2 id="billing-months-heading">{t("billing.months")}</h2>
            <BarChart
                caption=Signal::derive(t("billing.chart_caption"))
                series=vec![
                    (Signal::derive(t("billing.charges")), CHARGE_FILL),
                    (Signal::derive(t("billing.credits")), CREDIT_FILL),
                ]
                data=chart
            />
            <table class="billing-months">
                <caption class="visually-hidden">{t("billing.months")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t("billing.col.month")}</th>
                        <th scope="col" class="num">{t("billing.charges")}</th>
                        <th scope="col" class="num">{t("billing.credits")}</th>
                        <th scope="col" class="num">{t("billing.net")}</th>
                    </tr>
                </thead>
                <tbody>
                    {month_rows
                        .get_value()
                        .into_iter()
                        .map(|m| {
                            let future = is_future(&m, as_of);
                            view! {
                                <tr class:future=future>
                                    <th scope="row">
                                        {move || format::year_month(m.year, m.month, locale())}
                                        {future.then(|| view! { " " <span class="muted">{t("billing.upcoming")}</span> })}
                                    </th>
                                    <td class="num">{move || format::usd(m.charges, locale())}</td>
                                    <td class="num">{move || format::usd(m.credits, locale())}</td>
                                    <td class="num">{move || format::usd(m.net, locale())}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </section>
        <section aria-labelledby="billing-orders-heading">
            <h2 id="billing-orders-heading">{t("billing.orders")}</h2>
            {move || {
                b.with_value(|b| {
                    if b.orders.is_empty() {
                        view! { <p>{t("billing.no_orders")}</p> }.into_any()
                    } else {
                        b.orders
                            .iter()
                            .cloned()
                            .map(|o| view! { <OrderSchedule order=o /> })
                            .collect_view()
                            .into_any()
                    }
                })
            }}
        </section>
    }
}

/// One order: what was bought, its totals, and its charges and credits in a disclosure.
#[component]
fn OrderSchedule(order: OrderBilling) -> impl IntoView {
    let (paid, due, cancelled) = status_counts(&order);
    let o = StoredValue::new(order);
    let heading_id = o.with_value(|o| format!("order-{}", o.reservation_order_id));
    let labelled_by = heading_id.clone();
    view! {
        <article class="card billing-order" aria-labelledby=labelled_by>
            <h3 id=heading_id>{o.with_value(|o| o.display_name.clone())}</h3>
            <dl class="facts">
                <dt>{t("reservations.filter_family")}</dt>
                <dd>{o.with_value(|o| format!("{} · {}", o.reserved_resource_type.as_str(), o.sku_name))}</dd>
                <dt>{t("reservations.col.term")}</dt>
                <dd>{move || o.with_value(|o| format!("{} · {}", tr(labels::term(&o.term)), tr(labels::billing_plan(&o.billing_plan))))}</dd>
                <dt>{t("billing.purchase_date")}</dt>
                <dd>{move || o.with_value(|o| format::date(o.purchase_date, locale()))}</dd>
                <dt>{t("reservations.col.quantity")}</dt>
                <dd>{o.with_value(|o| format::count(o.quantity.into()))}</dd>
                <dt>{t("billing.purchase_price")}</dt>
                <dd class="order-price">{move || o.with_value(|o| format::usd(o.purchase_price, locale()))}</dd>
                <dt>{t("billing.total_charges")}</dt>
                <dd class="order-charges">{move || o.with_value(|o| format::usd(o.schedule.total_charges, locale()))}</dd>
                <dt>{t("billing.total_credits")}</dt>
                <dd class="order-credits">{move || o.with_value(|o| format::usd(o.schedule.total_credits, locale()))}</dd>
            </dl>
            <details>
                <summary>
                    {move || tw("billing.schedule_summary", &[
                        ("paid", &paid.to_string()),
                        ("due", &due.to_string()),
                        ("cancelled", &cancelled.to_string()),
                    ])}
                </summary>
                <table class="billing-schedule">
                    <thead>
                        <tr>
                            <th scope="col">{t("billing.col.instalment")}</th>
                            <th scope="col">{t("billing.col.date")}</th>
                            <th scope="col" class="num">{t("reservations.col.quantity")}</th>
                            <th scope="col" class="num">{t("billing.col.amount")}</th>
                            <th scope="col">{t("reservations.col.status")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {o.with_value(|o| {
                            o.schedule
                                .charges
                                .iter()
                                .cloned()
                                .map(|c| view! {
                                    <tr class="charge">
                                        <th scope="row">{c.instalment + 1}</th>
                                        <td>{move || format::date(c.date, locale())}</td>
                                        <td class="num">{format::count(c.quantity.into())}</td>
                                        <td class="num">{move || format::usd(c.amount, locale())}</td>
                                        <td>{t(status_label(c.status))}</td>
                                    </tr>
                                })
                                .collect_view()
                        })}
                        {o.with_value(|o| {
                            o.schedule
                                .credits
                                .iter()
                                .cloned()
                                .map(|c| view! {
                                    <tr class="credit">
                                        <th scope="row">{t(kind_label(c.kind))}</th>
                                        <td>{move || format::date(c.date, locale())}</td>
                                        <td class="num">{format::count(c.quantity.into())}</td>
                                        <td class="num">{move || format::usd(-c.amount, locale())}</td>
                                        <td>{t("billing.status.credited")}</td>
                                    </tr>
                                })
                                .collect_view()
                        })}
                    </tbody>
                </table>
            </details>
        </article>
    }
}
