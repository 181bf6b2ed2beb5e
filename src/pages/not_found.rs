//! The page for any address the router does not know.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::context::t;
use crate::routes;

/// Says the page does not exist and offers the way home.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <section class="not-found">
            <h1>{t("notfound.title")}</h1>
            <p>{t("notfound.body")}</p>
            <A href=routes::home()>{t("notfound.back")}</A>
        </section>
    }
}
