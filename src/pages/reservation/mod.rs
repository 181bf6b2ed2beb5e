//! One reservation's pages (Manage): a shared frame with the reservation's menu, and one module
//! per page.

pub mod access;
pub mod configuration;
pub mod exchange;
pub mod history;
pub mod overview;
pub mod properties;
pub mod refund;
pub mod split;
pub mod support;

use leptos::prelude::*;
use leptos_router::components::{Outlet, A};

use crate::api::{use_api, ClientError, Permissions, Reservation};
use crate::components::breadcrumb::{customer_crumbs, Breadcrumbs, Crumb};
use crate::components::status::{ErrorNotice, Loading};
use crate::context::t;
use crate::routes::{
    self, use_reservation_key, ReservationKey, ReservationPage, ReservationRoutes,
};

/// What every page of one reservation shares: its key, the reservation and what the signed-in
/// user may do with it. Pages refetch `reservation` after they change it.
#[derive(Clone, Copy)]
pub struct ReservationContext {
    pub key: Memo<ReservationKey>,
    pub reservation: LocalResource<Result<Reservation, ClientError>>,
    pub permissions: LocalResource<Result<Permissions, ClientError>>,
}

impl ReservationContext {
    /// Whether the signed-in user may do what `can` reads from their permissions on this
    /// reservation; `None` until the permissions are known (tracked).
    pub fn may(&self, can: fn(&Permissions) -> bool) -> Option<bool> {
        self.permissions.get().and_then(Result::ok).map(|p| can(&p))
    }
}

/// The context of the reservation being shown.
pub fn use_reservation() -> ReservationContext {
    expect_context::<ReservationContext>()
}

/// The reservation's frame: breadcrumb, title, its menu and the selected page.
#[component]
pub fn ReservationLayout() -> impl IntoView {
    let api = use_api();
    let key = use_reservation_key();
    let reservation = LocalResource::new(move || {
        let api = api.client();
        let k = key.get();
        async move { api.get_reservation(&k).await }
    });
    let permissions = LocalResource::new(move || {
        let api = api.client();
        let k = key.get();
        async move { api.my_permissions(&k).await }
    });
    provide_context(ReservationContext {
        key,
        reservation,
        permissions,
    });
    let customer_id = Memo::new(move |_| key.get().customer);
    let title = move || {
        reservation
            .get()
            .and_then(Result::ok)
            .map(|r| r.properties.display_name)
            .unwrap_or_default()
    };
    // The pages render once the reservation is loaded, and not again when a page refetches it,
    // so that a form keeps what the user typed.
    let loaded = Memo::new(move |_| matches!(reservation.get(), Some(Ok(_))));
    let menu = [
        (ReservationPage::Overview, "reservation.overview"),
        (ReservationPage::Access, "reservation.access"),
        (ReservationPage::Configuration, "reservation.configuration"),
        (ReservationPage::Properties, "reservation.properties"),
        (ReservationPage::History, "reservation.history"),
        (ReservationPage::Support, "reservation.support"),
    ];
    view! {
        <Breadcrumbs crumbs={
            let [customers, company] = customer_crumbs(customer_id.into());
            vec![
                customers,
                company,
                Crumb::link(
                    Signal::derive(t("reservations.title")),
                    Signal::derive(move || routes::reservations(&customer_id.get())),
                ),
                Crumb::here(Signal::derive(title)),
            ]
        } />
        <h1>{title}</h1>
        <Show
            when=move || loaded.get()
            fallback=move || match reservation.get() {
                Some(Err(error)) => view! { <ErrorNotice error=error on_retry=move || reservation.refetch() /> }.into_any(),
                _ => view! { <Loading /> }.into_any(),
            }
        >
            <div class="res-layout">
                <nav class="res-menu" aria-label=t("reservation.menu")>
                    <ul>
                        {menu
                            .into_iter()
                            .map(|(page, label)| {
                                view! {
                                    <li>
                                        <A href=move || key.get().page(page) exact=true>{t(label)}</A>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </nav>
                <div class="res-content">
                    <Outlet />
                </div>
            </div>
        </Show>
    }
}
