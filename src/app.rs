//! The application root: context, the router and the page layout, nothing else.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::browser;
use crate::components::layout::Layout;
use crate::context::{t, Ui};
use crate::pages::{home::HomePage, not_found::NotFoundPage};

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    Ui::provide();
    view! {
        <Router base=browser::base_path()>
            <Layout>
                <ErrorBoundary fallback=|_errors| view! { <RenderError /> }>
                    <Routes fallback=NotFoundPage>
                        <Route path=path!("/") view=HomePage />
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
