//! Entry point: installs the panic page, reads the runtime configuration and mounts the app.

use reservations_dashboard::{config, install_panic_page, App};

fn main() {
    install_panic_page();
    wasm_bindgen_futures::spawn_local(async {
        let config = config::load().await;
        leptos::mount::mount_to_body(move || leptos::view! { <App config=config /> });
    });
}
