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
use crate::pages::customers::CustomersPage;
use crate::pages::not_found::NotFoundPage;
use crate::pages::*;

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
                        <Route path=path!("/") view=HomeRoute />
                        <Route path=path!("/customers") view=CustomersPage />
                        <Route path=path!("/customers/:customer") view=CustomerRoute />
                        <Route path=path!("/customers/:customer/reservations") view=ReservationsRoute />
                        <Route path=path!("/customers/:customer/buy") view=BuyRoute />
                        <Route path=path!("/buy") view=BuyStartRoute />
                        <Route path=path!("/customers/:customer/billing") view=BillingRoute />
                        <ParentRoute
                            path=path!("/customers/:customer/reservations/:order/:reservation")
                            view=ReservationLayoutRoute
                        >
                            <Route path=path!("") view=OverviewRoute />
                            <Route path=path!("access") view=AccessRoute />
                            <Route path=path!("configuration") view=ConfigurationRoute />
                            <Route path=path!("properties") view=PropertiesRoute />
                            <Route path=path!("refund") view=RefundRoute />
                            <Route path=path!("exchange") view=ExchangeRoute />
                            <Route path=path!("support") view=SupportRoute />
                            <Route path=path!("split") view=SplitRoute />
                            <Route path=path!("merge") view=MergeRoute />
                            <Route path=path!("history") view=HistoryRoute />
                        </ParentRoute>
                        <Route path=path!("/portfolio") view=PortfolioRoute />
                        <Route path=path!("/alerts") view=AlertsRoute />
                        // The server build has no demo settings: /settings is not found there.
                        <Route path=path!("/settings") view=SettingsRoute />
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
