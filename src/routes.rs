//! The app's own URLs, built in one place so links and routes cannot drift apart.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

pub use crate::api::ReservationKey;

thread_local! {
    static BASE: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Sets the sub-path the app is served under (Trunk's `--public-url`), once at startup.
/// leptos_router 0.8 matches routes under its `base` but does not prefix links with it.
pub fn set_base(base: &str) {
    BASE.with(|b| *b.borrow_mut() = base.trim_end_matches('/').to_string());
}

/// An app path as a link: prefixed with the sub-path the app is served under.
pub fn app(path: &str) -> String {
    BASE.with(|b| format!("{}{path}", b.borrow()))
}

/// A link made by these functions, as `use_navigate` wants it: that one adds the base itself.
pub fn for_navigate(link: &str) -> String {
    BASE.with(|b| {
        let base = b.borrow();
        link.strip_prefix(base.as_str()).unwrap_or(link).to_string()
    })
}

/// The home page.
pub fn home() -> String {
    app("/")
}

/// The customer list.
pub fn customers() -> String {
    app("/customers")
}

/// Every customer's reservations in one grid.
pub fn portfolio() -> String {
    app("/portfolio")
}

/// Alert rules and open alerts.
pub fn alerts() -> String {
    app("/alerts")
}

/// Demo settings.
pub fn settings() -> String {
    app("/settings")
}

/// A customer's detail page.
pub fn customer(customer: &str) -> String {
    app(&format!("/customers/{customer}"))
}

/// A customer's Azure reservations.
pub fn reservations(customer: &str) -> String {
    app(&format!("/customers/{customer}/reservations"))
}

/// Buying reservations for a customer (the flow's choices go in the query string).
pub fn buy(customer: &str) -> String {
    app(&format!("/customers/{customer}/buy"))
}

/// Buying reservations, starting with the choice of customer (from the Portfolio).
pub fn buy_start() -> String {
    app("/buy")
}

/// A customer's Billing page: payment schedules, charges by month, CSV export.
pub fn billing(customer: &str) -> String {
    app(&format!("/customers/{customer}/billing"))
}

/// The pages of one reservation; `Overview` is the reservation's own address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReservationPage {
    Overview,
    Access,
    Configuration,
    Properties,
    Support,
    Refund,
    Exchange,
    Split,
    Merge,
    History,
}

impl ReservationPage {
    /// The path segment after the reservation's address.
    pub fn segment(self) -> &'static str {
        match self {
            ReservationPage::Overview => "",
            ReservationPage::Access => "/access",
            ReservationPage::Configuration => "/configuration",
            ReservationPage::Properties => "/properties",
            ReservationPage::Support => "/support",
            ReservationPage::Refund => "/refund",
            ReservationPage::Exchange => "/exchange",
            ReservationPage::Split => "/split",
            ReservationPage::Merge => "/merge",
            ReservationPage::History => "/history",
        }
    }
}

/// Addresses of a reservation's pages, on the API's own key type.
pub trait ReservationRoutes {
    /// The address of one of the reservation's pages.
    fn page(&self, page: ReservationPage) -> String;
}

impl ReservationRoutes for ReservationKey {
    fn page(&self, page: ReservationPage) -> String {
        app(&format!(
            "/customers/{}/reservations/{}/{}{}",
            self.customer,
            self.order,
            self.reservation,
            page.segment()
        ))
    }
}

/// The customer id of the current route.
pub fn use_customer_id() -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get("customer").unwrap_or_default()))
}

/// The reservation of the current route.
pub fn use_reservation_key() -> Memo<ReservationKey> {
    let params = use_params_map();
    Memo::new(move |_| {
        params.with(|p| {
            ReservationKey::new(
                &p.get("customer").unwrap_or_default(),
                &p.get("order").unwrap_or_default(),
                &p.get("reservation").unwrap_or_default(),
            )
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_reservation_pages() {
        let key = ReservationKey::new("c1", "o1", "r1");
        assert_eq!(
            key.page(ReservationPage::Overview),
            "/customers/c1/reservations/o1/r1"
        );
        assert_eq!(
            key.page(ReservationPage::Refund),
            "/customers/c1/reservations/o1/r1/refund"
        );
        assert_eq!(reservations("c1"), "/customers/c1/reservations");
        set_base("/partner/");
        assert_eq!(customers(), "/partner/customers");
        assert_eq!(
            key.page(ReservationPage::Properties),
            "/partner/customers/c1/reservations/o1/r1/properties"
        );
        assert_eq!(for_navigate(&customers()), "/customers");
        set_base("");
    }
}
