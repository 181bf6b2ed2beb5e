//! Home: what needs the partner's attention across all customers: reservations about to expire
//! and customers close to their refund limit.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::{use_api, Customer, CustomerQuery, CustomerSort, SortOrder};
use crate::components::status::{ErrorNotice, Loading};
use crate::context::{locale, t};
use crate::format;
use crate::routes;

/// How many customers each watch list shows.
const WATCH_SIZE: u32 = 5;

/// The landing page.
#[component]
pub fn HomePage() -> impl IntoView {
    let api = use_api();
    let expiring = LocalResource::new(move || {
        let api = api.client();
        let q = CustomerQuery {
            sort: CustomerSort::ExpiringWithin30Days,
            order: SortOrder::Desc,
            top: WATCH_SIZE,
            ..CustomerQuery::default()
        };
        async move { api.list_customers(&q).await }
    });
    let refunds = LocalResource::new(move || {
        let api = api.client();
        let q = CustomerQuery {
            sort: CustomerSort::RefundLimitUsed,
            order: SortOrder::Desc,
            top: WATCH_SIZE,
            ..CustomerQuery::default()
        };
        async move { api.list_customers(&q).await }
    });
    let watch_list = move |rows: Vec<Customer>, value: fn(&Customer) -> String| {
        view! {
            <ol>
                {rows
                    .into_iter()
                    .map(|c| {
                        let shown = value(&c);
                        view! {
                            <li>
                                <A href=routes::customer(&c.id)>{c.company_name.clone()}</A>
                                " — "
                                {shown}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        }
    };
    view! {
        <h1>{t("home.title")}</h1>
        <p>
            <A href=routes::customers() attr:class="button primary">{t("home.open_customers")}</A>
        </p>
        <div class="cards">
            <section class="card" aria-labelledby="expiring-heading">
                <h2 id="expiring-heading">{t("home.expiring")}</h2>
                {move || match expiring.get() {
                    None => view! { <Loading /> }.into_any(),
                    Some(Err(error)) => view! { <ErrorNotice error=error on_retry=move || expiring.refetch() /> }.into_any(),
                    Some(Ok(page)) => {
                        let total = page.total_count;
                        view! {
                            <p>{move || format!("{} {}", format::count(total), crate::context::tr("home.customers_total"))}</p>
                            {watch_list(
                                page.value.into_iter().filter(|c| c.expiring_within_30_days > 0).collect(),
                                |c| format::count(c.expiring_within_30_days.into()),
                            )}
                        }
                            .into_any()
                    }
                }}
            </section>
            <section class="card" aria-labelledby="refund-heading">
                <h2 id="refund-heading">{t("home.refund_usage")}</h2>
                {move || match refunds.get() {
                    None => view! { <Loading /> }.into_any(),
                    Some(Err(error)) => view! { <ErrorNotice error=error on_retry=move || refunds.refetch() /> }.into_any(),
                    Some(Ok(page)) => {
                        let locale = locale();
                        let rows: Vec<Customer> = page.value;
                        view! {
                            <ol>
                                {rows
                                    .into_iter()
                                    .map(|c| {
                                        view! {
                                            <li>
                                                <A href=routes::customer(&c.id)>{c.company_name.clone()}</A>
                                                " — "
                                                {format::usd(c.refund_limit_used, locale)}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ol>
                        }
                            .into_any()
                    }
                }}
            </section>
        </div>
    }
}
