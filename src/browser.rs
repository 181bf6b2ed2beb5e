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
pub fn install_panic_page() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let korean = load(crate::context::LOCALE_KEY).is_some_and(|t| t.starts_with("ko"));
        let (title, body, reload) = if korean {
            (
                "문제가 발생했습니다",
                "앱에서 예기치 않은 오류가 발생했습니다. 페이지를 새로 고쳐 다시 시도하세요.",
                "새로 고침",
            )
        } else {
            (
                "Something went wrong",
                "The app hit an unexpected error. Reload the page to try again.",
                "Reload",
            )
        };
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

/// Reads `config.json` beside `index.html`, then applies the page's query parameters.
pub async fn load_config() -> crate::config::AppConfig {
    let url = format!("{}/config.json", base_path());
    let text = match gloo_net::http::Request::get(&url).send().await {
        Ok(response) if response.ok() => response.text().await.unwrap_or_default(),
        _ => String::new(),
    };
    let query = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    crate::config::AppConfig::from_json(&text).with_query(&query)
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
