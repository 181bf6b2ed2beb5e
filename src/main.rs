//! Entry point: installs the panic hook and mounts the app.

use reservations_dashboard::App;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}
