//! A customer's Azure reservations: filter, sort, search, select one and act on it.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::{
    use_api, Family, ProvisioningState, Reservation, ReservationQuery, ReservationSort,
};
use crate::browser;
use crate::components::breadcrumb::{customer_crumbs, Breadcrumbs, Crumb};
use crate::components::list::use_url_list;
use crate::components::money_actions::MoneyActions;
use crate::components::status::loaded;
use crate::components::table::reservation_cells;
use crate::context::{locale, t, tp, tr, tw};
use crate::list_state::{Column, ListState, PAGE_SIZE};
use crate::routes::{self, use_customer_id, ReservationKey, ReservationPage, ReservationRoutes};
use crate::text::format;
use crate::text::labels;

/// Days before expiry from which the list says "expires in N days".
const EXPIRY_WARNING_DAYS: i64 = 90;

/// The sortable columns: the first five stand before Billing and Scope, the rest after them.
#[rustfmt::skip]
const COLUMNS: [Column<ReservationSort>; 8] = [
    Column::text("name", ReservationSort::DisplayName, "reservations.col.name"),
    Column::text("sku", ReservationSort::SkuName, "reservations.col.sku"),
    Column::text("region", ReservationSort::Location, "reservations.col.region"),
    Column::number("quantity", ReservationSort::Quantity, "reservations.col.quantity"),
    Column::text("term", ReservationSort::Term, "reservations.col.term"),
    Column::text("expiry", ReservationSort::ExpiryDate, "reservations.col.expiry"),
    Column::number("utilization", ReservationSort::Utilization, "reservations.col.utilization"),
    Column::text("status", ReservationSort::ProvisioningState, "reservations.col.status"),
];

/// The expiry windows the filter offers, in days.
pub const EXPIRY_WINDOWS: [u32; 3] = [30, 60, 90];

/// The URL's filter keys.
const FILTERS: [&str; 4] = ["status", "family", "expiring", "selected"];

const STATUSES: [ProvisioningState; 3] = [
    ProvisioningState::Succeeded,
    ProvisioningState::Expired,
    ProvisioningState::Cancelled,
];

fn to_api_query(state: &ListState) -> ReservationQuery {
    ReservationQuery {
        status: state
            .filter("status")
            .and_then(|s| STATUSES.into_iter().find(|st| st.as_str() == s)),
        family: state.filter("family").map(Family::parse),
        search: state.search_term(),
        expiring_within_days: state.filter("expiring").and_then(|d| d.parse().ok()),
        sort: state.sort_by(&COLUMNS, ReservationSort::ExpiryDate),
        order: state.order(),
        skip: state.skip(),
        top: PAGE_SIZE,
    }
}

/// The URL key of a reservation.
fn key_of(customer: &str, r: &Reservation) -> ReservationKey {
    ReservationKey::of(customer, r)
}

/// The customer's reservations with the Actions for the selected one.
#[component]
pub fn ReservationsPage() -> impl IntoView {
    let api = use_api();
    let customer_id = use_customer_id();
    let url_list = use_url_list(
        move || routes::reservations(&customer_id.get_untracked()),
        &FILTERS,
    );
    let state = url_list.state;
    let list = LocalResource::new(move || {
        let api = api.client();
        let id = customer_id.get();
        let q = to_api_query(&state.get());
        async move { api.list_reservations(&id, &q).await }
    });
    let today = browser::today_utc();
    let selected = Memo::new(move |_| state.with(|s| s.filter("selected").map(str::to_string)));
    view! {
        <Breadcrumbs crumbs={
            let [customers, company] = customer_crumbs(customer_id.into());
            vec![customers, company, Crumb::here(Signal::derive(t("reservations.title")))]
        } />
        <h1>{t("reservations.title")}</h1>
        <div class="toolbar" role="search">
            {url_list.search_box("reservations.search_label", None)}
            <label class="field">
                {t("reservations.filter_status")}
                <select on:change=move |ev| {
                    url_list.update(|s| s.with_filter("status", &event_target_value(&ev)))
                }>
                    <option value="" selected=move || state.with(|s| s.filter("status").is_none())>
                        {t("common.all")}
                    </option>
                    {STATUSES
                        .into_iter()
                        .map(|st| {
                            view! {
                                <option
                                    value=st.as_str()
                                    selected=move || state.with(|s| s.filter("status") == Some(st.as_str()))
                                >
                                    {t(labels::status(st))}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <label class="field">
                {t("reservations.filter_family")}
                <select on:change=move |ev| {
                    url_list.update(|s| s.with_filter("family", &event_target_value(&ev)))
                }>
                    <option value="" selected=move || state.with(|s| s.filter("family").is_none())>
                        {t("common.all")}
                    </option>
                    {Family::KNOWN
                        .iter()
                        .map(|f| {
                            let value = f.as_str().to_string();
                            let current = value.clone();
                            view! {
                                <option
                                    value=value
                                    selected=move || state.with(|s| s.filter("family") == Some(current.as_str()))
                                >
                                    {move || labels::family_text(locale(), f)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <label class="field">
                {t("reservations.filter_expiring")}
                <select on:change=move |ev| {
                    url_list.update(|s| s.with_filter("expiring", &event_target_value(&ev)))
                }>
                    <option value="" selected=move || state.with(|s| s.filter("expiring").is_none())>
                        {t("common.all")}
                    </option>
                    {EXPIRY_WINDOWS
                        .into_iter()
                        .map(|days| {
                            let value = days.to_string();
                            let current = value.clone();
                            view! {
                                <option
                                    value=value
                                    selected=move || state.with(|s| s.filter("expiring") == Some(current.as_str()))
                                >
                                    {move || tw("reservations.within_days", &[("days", &days.to_string())])}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
        </div>
        {loaded(list, move |page| {
                let customer = customer_id.get_untracked();
                let total = page.total_count;
                let rows = page.value;
                let chosen = selected
                    .get()
                    .and_then(|id| rows.iter().find(|r| r.reservation_id() == id).cloned());
                view! {
                    <ActionsBar customer=customer.clone() reservation=chosen />
                    <div class="table-wrap"><table class="reservations" aria-describedby="reservations-count">
                        <thead>
                            <tr>
                                <th scope="col">
                                    <span class="visually-hidden">{t("reservations.select_column")}</span>
                                </th>
                                {COLUMNS[..5].iter().map(|c| url_list.header(c)).collect_view()}
                                <th scope="col">{t("reservations.col.billing")}</th>
                                <th scope="col">{t("reservations.col.scope")}</th>
                                {COLUMNS[5..].iter().map(|c| url_list.header(c)).collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            {rows
                                .into_iter()
                                .map(|r| {
                                    let key = key_of(&customer, &r);
                                    let rid = r.reservation_id().to_string();
                                    let is_selected = {
                                        let rid = rid.clone();
                                        Memo::new(move |_| selected.get().as_deref() == Some(rid.as_str()))
                                    };
                                    let p = r.properties.clone();
                                    let name = p.display_name.clone();
                                    let days_left = (p.expiry_date - today).num_days();
                                    let utilization = p.utilization.as_ref().and_then(|u| u.average(7));
                                    let state_label = labels::status(p.provisioning_state);
                                    let state_class = labels::status_class(p.provisioning_state);
                                    let select_label = {
                                        let name = name.clone();
                                        move || tw("reservations.select", &[("name", &name)])
                                    };
                                    view! {
                                        <tr class:selected=is_selected>
                                            <td>
                                                <input
                                                    type="radio"
                                                    name="selected-reservation"
                                                    aria-label=select_label
                                                    prop:checked=is_selected
                                                    on:change=move |_| {
                                                        url_list.go(state.get_untracked().with_filter("selected", &rid), true)
                                                    }
                                                />
                                            </td>
                                            <th scope="row">
                                                <A href=key.page(ReservationPage::Overview)>{name.clone()}</A>
                                            </th>
                                            {reservation_cells(&r)}
                                            <td>
                                                {move || format::date(p.expiry_date, locale())}
                                                {(p.provisioning_state == ProvisioningState::Succeeded
                                                    && (0..=EXPIRY_WARNING_DAYS).contains(&days_left))
                                                    .then(|| {
                                                        view! {
                                                            <br />
                                                            <span class="badge warn">
                                                                {move || tp("reservations.expires_in", days_left, &[("days", &days_left.to_string())])}
                                                            </span>
                                                        }
                                                    })}
                                            </td>
                                            <td class="num">
                                                {utilization.map(format::percent).unwrap_or_else(|| "—".into())}
                                            </td>
                                            <td>
                                                <span class=state_class>{t(state_label)}</span>
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table></div>
                    {url_list.footer("reservations-count", total)}
                }
                    .into_any()
        })}
    }
}

/// Manage, Refund and Exchange for the selected reservation.
#[component]
fn ActionsBar(customer: String, reservation: Option<Reservation>) -> impl IntoView {
    let Some(r) = reservation else {
        return view! {
            <section class="card" aria-labelledby="actions-heading">
                <h2 id="actions-heading">{t("reservations.actions")}</h2>
                <p>{t("reservations.select_hint")}</p>
            </section>
        }
        .into_any();
    };
    let key = key_of(&customer, &r);
    let name = r.properties.display_name.clone();
    let active = r.properties.provisioning_state == ProvisioningState::Succeeded;
    let heading = {
        let name = name.clone();
        move || tw("reservations.selected_actions", &[("name", &name)])
    };
    view! {
        <section class="card" aria-labelledby="actions-heading">
            <h2 id="actions-heading">{heading}</h2>
            <div class="actions" role="group" aria-labelledby="actions-heading">
                <A href=key.page(ReservationPage::Overview) attr:class="button primary">
                    {t("reservations.manage")}
                </A>
                <MoneyActions
                    key=key
                    blocked=Signal::derive(move || (!active).then(|| tr("reservations.inactive_why")))
                    why_id="inactive-why"
                />
            </div>
        </section>
    }
    .into_any()
}
