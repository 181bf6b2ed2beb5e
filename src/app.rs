//! The application root: the router and the page layout, nothing else.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <main id="main">
                <Routes fallback=|| view! { <h1>"Page not found"</h1> }>
                    <Route path=path!("/") view=|| view! { <h1>"Home"</h1> } />
                </Routes>
            </main>
        </Router>
    }
}
