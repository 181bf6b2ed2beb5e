//! Thin wrappers over the few browser APIs the app uses outside Leptos.

/// The browser's localStorage, when there is one (private modes may deny it).
fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Reads a value from localStorage.
pub fn load(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

/// Writes a value to localStorage; failure (quota, denied) is logged, not fatal.
pub fn save(key: &str, value: &str) {
    if let Some(storage) = local_storage() {
        if storage.set_item(key, value).is_err() {
            leptos::logging::warn!("could not save {key} to localStorage");
        }
    }
}

/// Removes a value from localStorage.
pub fn remove(key: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(key);
    }
}

/// The path the app is served under (Trunk's `--public-url`), without a trailing slash.
pub fn base_path() -> String {
    let href = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("base").ok().flatten())
        .and_then(|base| base.get_attribute("href"))
        .unwrap_or_default();
    // Trunk writes an absolute path (`/` or `/sub/path/`).
    href.trim_end_matches('/').to_string()
}

/// Sets `<html lang>` so screen readers pronounce the page in the right language.
pub fn set_document_language(tag: &str) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", tag);
    }
}

/// The browser's preferred language tag, such as `ko-KR`.
pub fn preferred_language() -> Option<String> {
    web_sys::window()?.navigator().language()
}

/// Today's date in UTC, the calendar the refund rules count in.
pub fn today_utc() -> chrono::NaiveDate {
    let now = js_sys::Date::new_0();
    chrono::NaiveDate::from_ymd_opt(
        now.get_utc_full_year() as i32,
        now.get_utc_month() + 1,
        now.get_utc_date(),
    )
    .unwrap_or_default()
}

/// Replaces the page with a readable message after a panic, instead of a frozen or blank app.
/// `texts` gives the title, message and button label in the user's language.
pub fn install_panic_page(texts: fn() -> [String; 3]) {
    std::panic::set_hook(Box::new(move |info| {
        console_error_panic_hook::hook(info);
        let [title, body, reload] = texts().map(|t| escape_html(&t));
        if let Some(body_el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.body())
        {
            body_el.set_inner_html(&format!(
                "<main class=\"fatal\" role=\"alert\"><h1>{title}</h1><p>{body}</p>\
                 <button type=\"button\" onclick=\"location.reload()\">{reload}</button></main>"
            ));
        }
    }));
}

/// Text made safe to put between HTML tags.
fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The text of the file at `url`, or `None` when it cannot be read.
pub async fn fetch_text(url: &str) -> Option<String> {
    match gloo_net::http::Request::get(url).send().await {
        Ok(response) if response.ok() => response.text().await.ok(),
        _ => None,
    }
}

/// The page's query string (`?a=b`), empty when there is none.
pub fn query_string() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// Reloads the page, e.g. after switching the demo user.
pub fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

/// A fresh random idempotency key (a UUID from the browser's crypto).
pub fn new_idempotency_key() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| format!("key-{}", js_sys::Date::now()))
}

/// Saves `bytes` as a file the browser downloads (a Blob, an object URL and a click on an
/// `<a download>`), as any "Save as" would.
pub fn download(file_name: &str, mime: &str, bytes: &[u8]) -> Result<(), wasm_bindgen::JsValue> {
    use wasm_bindgen::JsCast;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| wasm_bindgen::JsValue::from_str("no document"))?;
    let body = document
        .body()
        .ok_or_else(|| wasm_bindgen::JsValue::from_str("no body"))?;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(file_name);
    body.append_child(&link)?;
    link.click();
    link.remove();
    // Revoked a little later: revoking at once can cancel the download in some browsers.
    gloo_timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// Resolves once the browser has nothing more urgent to do (see [`when_idle`]).
#[cfg(feature = "demo")]
pub async fn idle() {
    let (done, idle) = futures::channel::oneshot::channel();
    when_idle(move || {
        let _ = done.send(());
    });
    let _ = idle.await;
}

/// Runs `f` once the browser has nothing more urgent to do (`requestIdleCallback`; a timer where
/// the browser lacks it, as Safari does).
pub fn when_idle(f: impl FnOnce() + 'static) {
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else {
        return;
    };
    let callback = wasm_bindgen::closure::Closure::once_into_js(f);
    let callback = callback.unchecked_ref::<js_sys::Function>();
    if window.request_idle_callback(callback).is_err() {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(callback, 1_000);
    }
}
