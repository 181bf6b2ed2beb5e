//! Home: the partner's overview across all customers.

use leptos::prelude::*;

use crate::context::t;

/// The landing page.
#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <h1>{t("home.title")}</h1>
    }
}
