//! Entry point: installs the panic page and mounts the app.

use reservations_dashboard::{install_panic_page, App};

fn main() {
    install_panic_page();
    leptos::mount::mount_to_body(App);
}
