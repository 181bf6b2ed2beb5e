//! The application root: context, the router and the page layout, nothing else.

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{path, Lazy};

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
                        <Route path=path!("/") view={Lazy::<HomeRoute>::new()} />
                        <Route path=path!("/customers") view=CustomersPage />
                        <Route path=path!("/customers/:customer") view={Lazy::<CustomerRoute>::new()} />
                        <Route path=path!("/customers/:customer/reservations") view={Lazy::<ReservationsRoute>::new()} />
                        <Route path=path!("/customers/:customer/buy") view={Lazy::<BuyRoute>::new()} />
                        <Route path=path!("/buy") view={Lazy::<BuyStartRoute>::new()} />
                        <Route path=path!("/customers/:customer/billing") view={Lazy::<BillingRoute>::new()} />
                        <ParentRoute
                            path=path!("/customers/:customer/reservations/:order/:reservation")
                            view={Lazy::<ReservationLayoutRoute>::new()}
                        >
                            <Route path=path!("") view={Lazy::<OverviewRoute>::new()} />
                            <Route path=path!("access") view={Lazy::<AccessRoute>::new()} />
                            <Route path=path!("configuration") view={Lazy::<ConfigurationRoute>::new()} />
                            <Route path=path!("properties") view={Lazy::<PropertiesRoute>::new()} />
                            <Route path=path!("refund") view={Lazy::<RefundRoute>::new()} />
                            <Route path=path!("exchange") view={Lazy::<ExchangeRoute>::new()} />
                            <Route path=path!("support") view={Lazy::<SupportRoute>::new()} />
                            <Route path=path!("split") view={Lazy::<SplitRoute>::new()} />
                            <Route path=path!("merge") view={Lazy::<MergeRoute>::new()} />
                            <Route path=path!("history") view={Lazy::<HistoryRoute>::new()} />
                        </ParentRoute>
                        <Route path=path!("/portfolio") view={Lazy::<PortfolioRoute>::new()} />
                        <Route path=path!("/alerts") view={Lazy::<AlertsRoute>::new()} />
                        // The server build has no demo settings: /settings is not found there.
                        <Route path=path!("/settings") view={Lazy::<SettingsRoute>::new()} />
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
