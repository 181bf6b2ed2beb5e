//! A customer's detail page: company details, subscriptions, refund-limit usage, and the way to
//! its Azure reservations.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::{use_api, ClientError};
use crate::components::breadcrumb::{Breadcrumbs, Crumb};
use crate::components::sizing::SizingRecommendations;
use crate::components::status::{ErrorNotice, Loading};
use crate::context::{locale, t};
use crate::routes::{self, use_customer_id};
use crate::text::format;

/// Company details, subscriptions and refund-limit usage of one customer.
#[component]
pub fn CustomerPage() -> impl IntoView {
    let api = use_api();
    let id = use_customer_id();
    let customer = LocalResource::new(move || {
        let api = api.client();
        let id = id.get();
        async move { api.get_customer(&id).await }
    });
    let subscriptions = LocalResource::new(move || {
        let api = api.client();
        let id = id.get();
        async move { api.list_subscriptions(&id).await }
    });
    let support = LocalResource::new(move || {
        let api = api.client();
        let id = id.get();
        async move { api.list_support_requests(&id, 0, 50).await }
    });
    let usage = LocalResource::new(move || {
        let api = api.client();
        let id = id.get();
        async move { api.refund_limit_usage(&id).await }
    });

    view! {
        {move || match customer.get() {
            None => view! { <Loading /> }.into_any(),
            // One state for the page: its sections are about a customer that does not exist.
            Some(Err(ClientError::Api { status: 404, .. })) => {
                view! {
                    <section class="not-found">
                        <h1>{t("customer.not_found_title")}</h1>
                        <p>{t("customer.not_found_body")}</p>
                        <A href=routes::customers()>{t("customer.back_to_customers")}</A>
                    </section>
                }
                    .into_any()
            }
            Some(Err(error)) => {
                view! {
                    <h1>{t("customers.title")}</h1>
                    <ErrorNotice error=error on_retry=move || customer.refetch() />
                }
                    .into_any()
            }
            Some(Ok(c)) => {
                let company = c.company_name.clone();
                let reservations_href = routes::reservations(&c.id);
                view! {
                    <Breadcrumbs crumbs=vec![
                        Crumb::link(Signal::derive(t("customers.title")), Signal::derive(routes::customers)),
                        Crumb::here(Signal::derive(move || company.clone())),
                    ] />
                    <h1>{c.company_name.clone()}</h1>
                    <p>
                        <A href=reservations_href attr:class="button primary">
                            {t("reservations.title")}
                        </A>
                        " "
                        <A href=routes::buy(&c.id) attr:class="button">
                            {t("buy.title")}
                        </A>
                        " "
                        <A href=routes::billing(&c.id) attr:class="button">
                            {t("billing.title")}
                        </A>
                    </p>
                    <section class="card" aria-labelledby="details-heading">
                        <h2 id="details-heading">{t("customer.details")}</h2>
                        <dl class="facts">
                            <dt>{t("customers.col.domain")}</dt>
                            <dd>{c.primary_domain.clone()}</dd>
                            <dt>{t("customers.col.country")}</dt>
                            <dd>{c.country.clone()}</dd>
                            <dt>{t("customers.col.reservations")}</dt>
                            <dd>{format::count(c.reservation_count.into())}</dd>
                            <dt>{t("customers.col.expiring")}</dt>
                            <dd>{format::count(c.expiring_within_30_days.into())}</dd>
                        </dl>
                    </section>
                    <SizingRecommendations
                        customer=Some(id)
                        path=Signal::derive(move || routes::customer(&id.get()))
                    />
                    <section class="card" aria-labelledby="limit-heading">
                        <h2 id="limit-heading">{t("customer.refund_limit")}</h2>
                        {move || match usage.get() {
                            None => view! { <Loading /> }.into_any(),
                            Some(Err(error)) => view! { <ErrorNotice error=error on_retry=move || usage.refetch() /> }.into_any(),
                            Some(Ok(u)) => {
                                let entries = u.entries.clone();
                                let empty = entries.is_empty();
                                view! {
                                    <div class="cards">
                                        <div>
                                            <div>{t("customer.limit_used")}</div>
                                            <div class="stat">{move || format::usd(u.used, locale())}</div>
                                        </div>
                                        <div>
                                            <div>{t("customer.limit_headroom")}</div>
                                            <div class="stat">{move || format::usd(u.headroom, locale())}</div>
                                        </div>
                                        <div>
                                            <div>{t("customer.limit_total")}</div>
                                            <div class="stat">{move || format::usd(u.limit, locale())}</div>
                                        </div>
                                    </div>
                                    <Show when=move || empty>
                                        <p>{t("customer.no_refunds")}</p>
                                    </Show>
                                    <Show when=move || !empty>
                                        <table>
                                            <thead>
                                                <tr>
                                                    <th scope="col">{t("customer.limit_entry_date")}</th>
                                                    <th scope="col">{t("reservations.col.name")}</th>
                                                    <th scope="col" class="num">{t("customer.limit_entry_amount")}</th>
                                                    <th scope="col">{t("customer.limit_entry_until")}</th>
                                                </tr>
                                            </thead>
                                            <tbody>
                                                {entries
                                                    .clone()
                                                    .into_iter()
                                                    .map(|e| {
                                                        view! {
                                                            <tr>
                                                                <td>{move || format::date(e.date, locale())}</td>
                                                                <td>{e.display_name.clone().unwrap_or_default()}</td>
                                                                <td class="num">{move || format::usd(e.amount, locale())}</td>
                                                                <td>{move || format::date(e.stops_counting_on, locale())}</td>
                                                            </tr>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </tbody>
                                        </table>
                                    </Show>
                                }
                                    .into_any()
                            }
                        }}
                    </section>
                    <section class="card" aria-labelledby="subs-heading">
                        <h2 id="subs-heading">{t("customer.subscriptions")}</h2>
                        {move || match subscriptions.get() {
                            None => view! { <Loading /> }.into_any(),
                            Some(Err(error)) => view! { <ErrorNotice error=error on_retry=move || subscriptions.refetch() /> }.into_any(),
                            Some(Ok(subs)) => {
                                view! {
                                    <ul>
                                        {subs
                                            .value
                                            .into_iter()
                                            .map(|s| view! { <li>{s.display_name}" "<code>{s.subscription_id}</code></li> })
                                            .collect_view()}
                                    </ul>
                                }
                                    .into_any()
                            }
                        }}
                    </section>
                    <section class="card" aria-labelledby="support-heading">
                        <h2 id="support-heading">{t("customer.support_requests")}</h2>
                        {move || match support.get() {
                            None => view! { <Loading /> }.into_any(),
                            Some(Err(error)) => view! { <ErrorNotice error=error on_retry=move || support.refetch() /> }.into_any(),
                            Some(Ok(page)) if page.value.is_empty() => view! { <p>{t("customer.no_support")}</p> }.into_any(),
                            Some(Ok(page)) => view! {
                                <table>
                                    <thead>
                                        <tr>
                                            <th scope="col">{t("support.number")}</th>
                                            <th scope="col">{t("support.summary")}</th>
                                            <th scope="col">{t("reservations.col.status")}</th>
                                            <th scope="col">{t("customer.support_created")}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {page.value.into_iter().map(|r| {
                                            let created = r.created_on();
                                            view! {
                                                <tr>
                                                    <th scope="row">{r.number.clone()}</th>
                                                    <td>{r.request.summary.clone()}</td>
                                                    <td>{format!("{:?}", r.status)}</td>
                                                    <td>{move || format::date(created, locale())}</td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            }.into_any(),
                        }}
                    </section>
                }
                    .into_any()
            }
        }}
    }
}
