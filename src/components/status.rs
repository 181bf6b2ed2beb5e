//! Loading and error states, shown the same way on every page.

use leptos::prelude::*;

use crate::context::t;

/// A polite live region saying that something is loading.
#[component]
pub fn Loading() -> impl IntoView {
    view! {
        <p class="loading" role="status" aria-live="polite">
            <span class="spinner" aria-hidden="true"></span>
            {t("common.loading")}
        </p>
    }
}
