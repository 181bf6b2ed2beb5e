//! Entry point: installs the panic page, reads the runtime configuration and mounts the app.

use reservations_dashboard::{config, install_panic_page, load_first_locale, App};

fn main() {
    install_panic_page();
    wasm_bindgen_futures::spawn_local(async {
        // Both fetches were preloaded by index.html; texts that fail to load give English
        // (`load_first_locale`), and keys only when English fails too.
        let (config, _) = futures::join!(config::load(), load_first_locale());
        leptos::mount::mount_to_body(move || leptos::view! { <App config=config /> });
        // index.html's static frame (#boot) goes in the same task that mounted the app's own,
        // so no painted frame shows both, or neither.
        if let Some(boot) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("boot"))
        {
            boot.remove();
        }
    });
}
