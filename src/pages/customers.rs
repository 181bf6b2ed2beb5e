//! Customers: every customer of the partner, searchable, sortable and paged.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::{use_api, CustomerQuery, CustomerSort};
use crate::components::list::use_url_list;
use crate::components::skeleton::ListSkeleton;
use crate::components::status::loaded;
use crate::context::{locale, t};
use crate::list_state::{Column, ListState, PAGE_SIZE};
use crate::routes;
use crate::text::format;

/// The sortable columns, in the order the table shows them.
#[rustfmt::skip]
const COLUMNS: [Column<CustomerSort>; 6] = [
    Column::text("name", CustomerSort::CompanyName, "customers.col.name"),
    Column::text("domain", CustomerSort::PrimaryDomain, "customers.col.domain"),
    Column::text("country", CustomerSort::Country, "customers.col.country"),
    Column::number("reservations", CustomerSort::ReservationCount, "customers.col.reservations"),
    Column::number("expiring", CustomerSort::ExpiringWithin30Days, "customers.col.expiring"),
    Column::number("refund", CustomerSort::RefundLimitUsed, "customers.col.refund_used"),
];

fn to_api_query(state: &ListState) -> CustomerQuery {
    CustomerQuery {
        search: state.search_term(),
        sort: state.sort_by(&COLUMNS, CustomerSort::CompanyName),
        order: state.order(),
        skip: state.skip(),
        top: PAGE_SIZE,
    }
}

/// The customer list; its search, sort and page live in the URL.
#[component]
pub fn CustomersPage() -> impl IntoView {
    let api = use_api();
    let list = use_url_list(routes::customers, &[]);
    let state = list.state;
    let customers = LocalResource::new(move || {
        let api = api.client();
        let q = to_api_query(&state.get());
        async move { api.list_customers(&q).await }
    });

    view! {
            <h1>{t("customers.title")}</h1>
            <div class="toolbar" role="search">
                {list.search_box("customers.search_label", Some("customers.search_hint"))}
            </div>
            // Until the first page arrives: the rows index.html painted before the wasm, kept in place.
            {move || customers.get().is_none().then(|| view! { <ListSkeleton /> })}
            {loaded(customers, move |page| {
                let total = page.total_count;
                view! {
                    <div class="table-wrap"><table class="customers" aria-describedby="customers-count">
                        <thead>
                            <tr>{COLUMNS.iter().map(|c| list.header(c)).collect_view()}</tr>
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
                                            <td class="wrap">{c.primary_domain}</td>
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
                    {list.footer("customers-count", total)}
    use crate::components::skeleton::ListSkeleton;
                }
                    .into_any()
            })}
        }
}
