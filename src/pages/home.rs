//! Home: what needs the partner's attention across all customers: reservations about to expire
//! and customers close to their refund limit.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::{use_api, Customer, CustomerQuery, CustomerSort, SortOrder, MAX_TOP};
use crate::components::alert_list::OpenAlerts;
use crate::components::sizing::SizingRecommendations;
use crate::components::status::{ErrorNotice, Loading};
use crate::context::{locale, t, tp};
use crate::list_state::ListState;
use crate::routes;
use crate::text::format;

/// How many sizing recommendations Home shows (the largest money at stake first).
const HOME_SIZING: usize = 10;
/// How many open alerts Home lists (the Alerts page has them all).
const ALERTS_SHOWN: u32 = 10;

/// How many customers each watch list shows.
const WATCH_SIZE: u32 = 5;

/// The window of the expiring watch list, in days (the customers' own count is for 30 days).
const EXPIRING_DAYS: u32 = 30;

/// Reservations expiring within 30 days across customers: how many in all, and the customers
/// that have them, most first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Expiring {
    pub total: u64,
    pub customers: Vec<Customer>,
}

impl Expiring {
    /// Adds a page of customers sorted by their expiring count, most first. Returns whether the
    /// next page can hold more (this one ended on a customer that has some).
    pub fn add_page(&mut self, rows: Vec<Customer>) -> bool {
        let full = rows.len() >= MAX_TOP as usize;
        let mut more = full;
        for c in rows {
            if c.expiring_within_30_days == 0 {
                more = false;
                break;
            }
            self.total += u64::from(c.expiring_within_30_days);
            self.customers.push(c);
        }
        more
    }
}

/// The landing page.
#[component]
pub fn HomePage() -> impl IntoView {
    let api = use_api();
    let expiring = LocalResource::new(move || {
        let api = api.client();
        async move {
            let mut found = Expiring::default();
            let mut q = CustomerQuery {
                sort: CustomerSort::ExpiringWithin30Days,
                order: SortOrder::Desc,
                top: MAX_TOP,
                ..CustomerQuery::default()
            };
            // Sorted most first, so paging stops at the first customer with none.
            while found.add_page(api.list_customers(&q).await?.value) {
                q.skip += MAX_TOP;
            }
            Ok(found)
        }
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
    view! {
        <h1>{t("home.title")}</h1>
        <p>
            <A href=routes::customers() attr:class="button primary">{t("home.open_customers")}</A>
        </p>
        <section class="card" aria-labelledby="home-alerts-heading">
            <h2 id="home-alerts-heading">{t("home.alerts")}</h2>
            <OpenAlerts top=ALERTS_SHOWN labelled_by="home-alerts-heading" />
            <p>
                <A href=routes::alerts()>{t("alerts.manage")}</A>
            </p>
        </section>
        <div class="cards">
            <section class="card" aria-labelledby="expiring-heading">
                <h2 id="expiring-heading">{t("home.expiring")}</h2>
                {move || match expiring.get() {
                    None => view! { <Loading /> }.into_any(),
                    Some(Err(error)) => view! { <ErrorNotice error=error on_retry=move || expiring.refetch() /> }.into_any(),
                    Some(Ok(found)) => {
                        let total = found.total;
                        let n = i64::try_from(total).unwrap_or(i64::MAX);
                        let window = ListState::default()
                            .with_filter("expiring", &EXPIRING_DAYS.to_string())
                            .to_query();
                        view! {
                            <p>
                                {move || if total == 0 {
                                    t("home.expiring_none")()
                                } else {
                                    tp("home.expiring_total", n, &[("count", &format::count(total))])
                                }}
                            </p>
                            <ol>
                                {found
                                    .customers
                                    .into_iter()
                                    .take(WATCH_SIZE as usize)
                                    .map(|c| {
                                        let count = c.expiring_within_30_days;
                                        let href = format!("{}{window}", routes::reservations(&c.id));
                                        view! {
                                            <li>
                                                <A href=href>{c.company_name.clone()}</A>
                                                " — "
                                                {move || tp("home.expiring_at", count.into(), &[("count", &format::count(count.into()))])}
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
        <SizingRecommendations
            customer=None
            path=Signal::derive(routes::home)
            show_customer=true
            limit=HOME_SIZING
        />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn customer(expiring: u32) -> Customer {
        Customer {
            expiring_within_30_days: expiring,
            ..Customer::default()
        }
    }

    #[test]
    fn counts_reservations_not_customers_and_stops_at_the_first_without() {
        let mut found = Expiring::default();
        assert!(!found.add_page(vec![customer(3), customer(1), customer(0), customer(0)]));
        assert_eq!(found.total, 4);
        assert_eq!(found.customers.len(), 2);
    }

    #[test]
    fn a_full_page_of_customers_with_some_asks_for_the_next() {
        let mut found = Expiring::default();
        assert!(found.add_page(vec![customer(1); MAX_TOP as usize]));
        assert!(!found.add_page(vec![customer(2)]));
        assert_eq!(found.total, u64::from(MAX_TOP) + 2);
    }
}
