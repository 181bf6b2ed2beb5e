//! One module per page (route). Pages hold views; rules live in the crates.

pub mod alerts;
pub mod billing;
pub mod buy;
pub mod customer;
pub mod customers;
pub mod home;
#[macro_use]
mod lazy;
pub mod not_found;
pub mod portfolio;
pub mod reservation;
pub mod reservations;
#[cfg(feature = "demo")]
pub mod settings;

// The page groups: each downloads when one of its pages is first opened (`lazy.rs`). A new
// page goes into the group of the pages it is used with.
#[cfg(feature = "demo")]
use settings::SettingsPage;
// The server build has no demo settings: /settings is not found there.
#[cfg(not(feature = "demo"))]
use not_found::NotFoundPage as SettingsPage;

lazy_pages! {
    browse_pages, __preload_browse_pages: BrowseGroup {
        HomeRoute => home::HomePage,
        CustomerRoute => customer::CustomerPage,
        ReservationsRoute => reservations::ReservationsPage,
        BillingRoute => billing::BillingPage,
    }
    reservation_pages, __preload_reservation_pages: ReservationGroup {
        ReservationLayoutRoute => reservation::ReservationLayout,
        OverviewRoute => reservation::overview::OverviewPage,
        AccessRoute => reservation::access::AccessPage,
        ConfigurationRoute => reservation::configuration::ConfigurationPage,
        PropertiesRoute => reservation::properties::PropertiesPage,
        RefundRoute => reservation::refund::RefundPage,
        ExchangeRoute => reservation::exchange::ExchangePage,
        SupportRoute => reservation::support::SupportPage,
        SplitRoute => reservation::split::SplitPage,
        MergeRoute => reservation::split::merge::MergePage,
        HistoryRoute => reservation::history::HistoryPage,
    }
    portfolio_pages, __preload_portfolio_pages: PortfolioGroup {
        PortfolioRoute => portfolio::PortfolioPage,
        AlertsRoute => alerts::AlertsPage,
    }
    buy_pages, __preload_buy_pages: BuyGroup {
        BuyRoute => buy::BuyPage,
        BuyStartRoute => buy::BuyStartPage,
    }
    settings_pages, __preload_settings_pages: SettingsGroup {
        SettingsRoute => SettingsPage,
    }
}
