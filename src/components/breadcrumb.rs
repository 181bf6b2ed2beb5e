//! The trail above a page's title: every level links back, the last is the current page.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::use_api;
use crate::context::t;
use crate::routes;

/// One level of the trail: its label and, for every level but the last, where it links.
pub struct Crumb {
    pub label: Signal<String>,
    pub href: Option<Signal<String>>,
}

impl Crumb {
    /// A level that links to `href`.
    pub fn link(label: impl Into<Signal<String>>, href: impl Into<Signal<String>>) -> Crumb {
        Crumb {
            label: label.into(),
            href: Some(href.into()),
        }
    }

    /// The current page.
    pub fn here(label: impl Into<Signal<String>>) -> Crumb {
        Crumb {
            label: label.into(),
            href: None,
        }
    }
}

/// Customers › the customer's company, the start of every trail below a customer. The company
/// name is loaded here (empty until it arrives).
pub fn customer_crumbs(customer: Signal<String>) -> [Crumb; 2] {
    let api = use_api();
    let loaded = LocalResource::new(move || {
        let api = api.client();
        let id = customer.get();
        async move { api.get_customer(&id).await }
    });
    let company = Signal::derive(move || {
        loaded
            .get()
            .and_then(Result::ok)
            .map(|c| c.company_name)
            .unwrap_or_default()
    });
    [
        Crumb::link(
            Signal::derive(t("customers.title")),
            Signal::derive(routes::customers),
        ),
        Crumb::link(
            company,
            Signal::derive(move || routes::customer(&customer.get())),
        ),
    ]
}

/// The breadcrumb navigation.
#[component]
pub fn Breadcrumbs(crumbs: Vec<Crumb>) -> impl IntoView {
    view! {
        <nav class="breadcrumb" aria-label=t("common.breadcrumb")>
            <ol>
                {crumbs
                    .into_iter()
                    .map(|c| match c.href {
                        Some(href) => view! { <li><A href=move || href.get()>{move || c.label.get()}</A></li> }.into_any(),
                        None => view! { <li aria-current="page">{move || c.label.get()}</li> }.into_any(),
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}
