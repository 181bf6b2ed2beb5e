//! Customers: every customer of the partner, searchable, sortable and paged.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::api::{use_api, CustomerQuery, CustomerSort, SortOrder};
use crate::components::skeleton::ListSkeleton;
use crate::components::status::{ErrorNotice, Loading};
use crate::components::table::{Pager, SortHeader};
use crate::context::{locale, t};
use crate::format;
use crate::list_state::{ListState, PAGE_SIZE};
use crate::routes;

/// The sortable columns: (URL key, API sort, label key, numeric).
const COLUMNS: [(&str, CustomerSort, &str, bool); 6] = [
    (
        "name",
        CustomerSort::CompanyName,
        "customers.col.name",
        false,
    ),
    (
        "domain",
        CustomerSort::PrimaryDomain,
        "customers.col.domain",
        false,
    ),
    (
        "country",
        CustomerSort::Country,
        "customers.col.country",
        false,
    ),
    (
        "reservations",
        CustomerSort::ReservationCount,
        "customers.col.reservations",
        true,
    ),
    (
        "expiring",
        CustomerSort::ExpiringWithin30Days,
        "customers.col.expiring",
        true,
    ),
    (
        "refund",
        CustomerSort::RefundLimitUsed,
        "customers.col.refund_used",
        true,
    ),
];

fn to_api_query(state: &ListState) -> CustomerQuery {
    CustomerQuery {
        search: Some(state.search.trim().to_string()).filter(|s| !s.is_empty()),
        sort: COLUMNS
            .iter()
            .find(|c| c.0 == state.sort)
            .map_or(CustomerSort::CompanyName, |c| c.1),
        order: if state.desc {
            SortOrder::Desc
        } else {
            SortOrder::Asc
        },
        skip: state.skip(),
        top: PAGE_SIZE,
    }
}

/// The customer list; its search, sort and page live in the URL.
#[component]
pub fn CustomersPage() -> impl IntoView {
    let api = use_api();
    let query = use_query_map();
    let state = Memo::new(move |_| query.with(|q| ListState::from_query(|k| q.get(k), &[])));
    let navigate = use_navigate();
    let go = move |next: ListState, replace: bool| {
        navigate(
            &format!(
                "{}{}",
                routes::for_navigate(&routes::customers()),
                next.to_query()
            ),
            NavigateOptions {
                replace,
                scroll: false,
                ..Default::default()
            },
        );
    };
    let customers = LocalResource::new(move || {
        let api = api.client();
        let q = to_api_query(&state.get());
        async move { api.list_customers(&q).await }
    });
    let go_search = go.clone();
    let go_sort = go.clone();
    let go_page = go;

    view! {
        <h1>{t("customers.title")}</h1>
        <div class="toolbar" role="search">
            <label class="field">
                {t("customers.search_label")}
                <input
                    type="search"
                    placeholder=t("customers.search_hint")
                    prop:value=move || state.with(|s| s.search.clone())
                    on:input=move |ev| {
                        go_search(state.get_untracked().with_search(&event_target_value(&ev)), true)
                    }
                />
            </label>
        </div>
        {move || match customers.get() {
            None => view! { <Loading /> <ListSkeleton /> }.into_any(),
            Some(Err(error)) => {
                view! { <ErrorNotice error=error on_retry=move || customers.refetch() /> }.into_any()
            }
            Some(Ok(page)) => {
                let go_sort = go_sort.clone();
                let go_page = go_page.clone();
                let total = page.total_count;
                view! {
                    <div class="table-wrap"><table aria-describedby="customers-count">
                        <thead>
                            <tr>
                                {COLUMNS
                                    .iter()
                                    .map(|&(key, _, label, numeric)| {
                                        let go_sort = go_sort.clone();
                                        view! {
                                            <SortHeader
                                                label=label
                                                numeric=numeric
                                                sorted=Signal::derive(move || {
                                                    state.with(|s| (s.sort == key).then_some(s.desc))
                                                })
                                                on_sort=move || go_sort(state.get_untracked().toggled_sort(key), false)
                                            />
                                        }
                                    })
                                    .collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            {page
                                .value
                                .into_iter()
                                .map(|c| {
                                    let href = routes::customer(&c.id);
                                    view! {
                                        <tr>
                                            <th scope="row">
                                                <A href=href>{c.company_name}</A>
                                            </th>
                                            <td>{c.primary_domain}</td>
                                            <td>{c.country}</td>
                                            <td class="num">{format::count(c.reservation_count.into())}</td>
                                            <td class="num">{format::count(c.expiring_within_30_days.into())}</td>
                                            <td class="num">{move || format::usd(c.refund_limit_used, locale())}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table></div>
                    <Show when=move || total == 0>
                        <p class="notice">{t("common.no_results")}</p>
                    </Show>
                    <Pager
                        id="customers-count"
                        total=total
                        page=Signal::derive(move || state.with(|s| s.page))
                        on_page=move |p| go_page(state.get_untracked().with_page(p), false)
                    />
                }
                    .into_any()
            }
        }}
    }
}
