//! The application root: context, the router and the page layout, nothing else.

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

use crate::api::ApiContext;
use crate::browser;
use crate::components::alert_list::AlertsState;
use crate::components::layout::Layout;
use crate::config::AppConfig;
use crate::context::{t, Ui};
use crate::pages::alerts::AlertsPage;
use crate::pages::billing::BillingPage;
use crate::pages::buy::{BuyPage, BuyStartPage};
use crate::pages::customer::CustomerPage;
use crate::pages::customers::CustomersPage;
use crate::pages::home::HomePage;
use crate::pages::not_found::NotFoundPage;
#[cfg(not(feature = "demo"))]
use crate::pages::not_found::NotFoundPage as SettingsPage;
use crate::pages::portfolio::PortfolioPage;
use crate::pages::reservation::access::AccessPage;
use crate::pages::reservation::configuration::ConfigurationPage;
use crate::pages::reservation::exchange::ExchangePage;
use crate::pages::reservation::history::HistoryPage;
use crate::pages::reservation::overview::OverviewPage;
use crate::pages::reservation::properties::PropertiesPage;
use crate::pages::reservation::refund::RefundPage;
use crate::pages::reservation::split::merge::MergePage;
use crate::pages::reservation::split::SplitPage;
use crate::pages::reservation::support::SupportPage;
use crate::pages::reservation::ReservationLayout;
use crate::pages::reservations::ReservationsPage;
#[cfg(feature = "demo")]
use crate::pages::settings::SettingsPage;

/// The whole app, talking to the backend `config` chose.
#[component]
pub fn App(config: AppConfig) -> impl IntoView {
    Ui::provide();
    crate::routes::set_base(&browser::base_path());
    ApiContext::provide(&config);
    AlertsState::provide();
    view! {
        <Router base=browser::base_path()>
            <Layout>
                <ErrorBoundary fallback=|_errors| view! { <RenderError /> }>
                    <Routes fallback=NotFoundPage>
                        <Route path=path!("/") view=HomePage />
                        <Route path=path!("/customers") view=CustomersPage />
                        <Route path=path!("/customers/:customer") view=CustomerPage />
                        <Route path=path!("/customers/:customer/reservations") view=ReservationsPage />
                        <Route path=path!("/customers/:customer/buy") view=BuyPage />
                        <Route path=path!("/buy") view=BuyStartPage />
                        <Route path=path!("/customers/:customer/billing") view=BillingPage />
                        <ParentRoute
                            path=path!("/customers/:customer/reservations/:order/:reservation")
                            view=ReservationLayout
                        >
                            <Route path=path!("") view=OverviewPage />
                            <Route path=path!("access") view=AccessPage />
                            <Route path=path!("configuration") view=ConfigurationPage />
                            <Route path=path!("properties") view=PropertiesPage />
                            <Route path=path!("refund") view=RefundPage />
                            <Route path=path!("exchange") view=ExchangePage />
                            <Route path=path!("support") view=SupportPage />
                            <Route path=path!("split") view=SplitPage />
                            <Route path=path!("merge") view=MergePage />
                            <Route path=path!("history") view=HistoryPage />
                        </ParentRoute>
                        <Route path=path!("/portfolio") view=PortfolioPage />
                        <Route path=path!("/alerts") view=AlertsPage />
                        // The server build has no demo settings: /settings is not found there.
                        <Route path=path!("/settings") view=SettingsPage />
                    </Routes>
                </ErrorBoundary>
            </Layout>
        </Router>
    }
}

/// What a render error shows instead of a blank area.
#[component]
fn RenderError() -> impl IntoView {
    view! {
        <section class="error-page" role="alert">
            <h1>{t("error.title")}</h1>
            <p>{t("error.body")}</p>
        </section>
    }
}
