//! App-wide state shared through Leptos context: the language and the signed-in demo user.

use leptos::prelude::*;

use crate::browser;
use crate::storage_keys;
use crate::text::i18n::{self, Locale};

/// The UI language, readable from any component.
#[derive(Clone, Copy)]
pub struct Ui {
    pub locale: RwSignal<Locale>,
    /// The language whose texts could not be downloaded when the user chose it.
    pub switch_failed: RwSignal<Option<Locale>>,
}

/// The language to start in: the remembered choice, else the browser's (index.html's first
/// script chooses the same, to preload its texts).
pub fn initial_locale() -> Locale {
    browser::load(storage_keys::LOCALE)
        .or_else(browser::preferred_language)
        .and_then(|tag| Locale::from_tag(&tag))
        .unwrap_or_default()
}

/// Fetches a language's texts (`locales/<tag>.json` beside index.html) unless they are at hand;
/// false when they could not be loaded.
pub async fn load_locale(locale: Locale) -> bool {
    if locale.is_installed() {
        return true;
    }
    let url = format!("{}/locales/{}.json", browser::base_path(), locale.tag());
    match browser::fetch_text(&url).await {
        Some(json) => locale.install(&json),
        None => false,
    }
}

impl Ui {
    /// Creates the context in the [`initial_locale`], or in the language whose texts `main`
    /// could load instead.
    pub fn provide() -> Ui {
        let chosen = initial_locale();
        let start = chosen.or_installed().unwrap_or(chosen);
        let ui = Ui {
            locale: RwSignal::new(start),
            switch_failed: RwSignal::new(None),
        };
        Effect::new(move |_| {
            let locale = ui.locale.get();
            browser::set_document_language(locale.tag());
        });
        provide_context(ui);
        ui
    }

    /// Remembers the language across reloads and switches to it once its texts are at hand.
    /// A later choice made meanwhile wins; a language that cannot be loaded is not remembered.
    pub fn set_locale(&self, locale: Locale) {
        let before = self.locale.get_untracked();
        browser::save(storage_keys::LOCALE, locale.tag());
        let ui = *self;
        leptos::task::spawn_local(async move {
            let loaded = load_locale(locale).await;
            if browser::load(storage_keys::LOCALE).as_deref() != Some(locale.tag()) {
                return;
            }
            if loaded {
                ui.switch_failed.set(None);
                ui.locale.set(locale);
            } else {
                browser::save(storage_keys::LOCALE, before.tag());
                ui.switch_failed.set(Some(locale));
            }
        });
    }
}

/// The UI context; panics only if `App` forgot to provide it (a programming error).
pub fn use_ui() -> Ui {
    expect_context::<Ui>()
}

/// The current locale, tracked.
pub fn locale() -> Locale {
    use_ui().locale.get()
}

/// A reactive text for `key`: use as `{t("nav.home")}` in a view.
pub fn t(key: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let locale = use_ui().locale;
    move || i18n::text(locale.get(), key)
}

/// The text for `key` now (tracked when called inside a reactive closure).
pub fn tr(key: &str) -> String {
    i18n::text(locale(), key)
}

/// The text for `key` with `{name}` placeholders filled in (tracked).
pub fn tw(key: &str, args: &[(&str, &str)]) -> String {
    i18n::text_with(locale(), key, args)
}

/// The form of plural `key` for the count `n`, with placeholders filled in (tracked).
pub fn tp(key: &str, n: i64, args: &[(&str, &str)]) -> String {
    i18n::plural_with(locale(), key, n, args)
}

/// The panic page's title, message and button, in the language the user chose last (read from
/// storage: after a panic the reactive context may be gone), else in a language whose texts are
/// at hand, else in English from here (a panic before any texts arrived).
pub fn panic_texts() -> [String; 3] {
    let chosen = browser::load(storage_keys::LOCALE)
        .and_then(|tag| Locale::from_tag(&tag))
        .unwrap_or_default();
    let Some(locale) = chosen.or_installed() else {
        return PANIC_FALLBACK.map(str::to_string);
    };
    ["panic.title", "panic.body", "panic.reload"].map(|key| i18n::text(locale, key))
}

/// `panic.title`, `panic.body` and `panic.reload` of `locales/en.json` (a unit test compares).
const PANIC_FALLBACK: [&str; 3] = [
    "Something went wrong",
    "The app hit an unexpected error. Reload the page to try again.",
    "Reload",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_panic_fallback_is_the_english_catalogue() {
        let english =
            ["panic.title", "panic.body", "panic.reload"].map(|key| i18n::text(Locale::En, key));
        assert_eq!(PANIC_FALLBACK.map(str::to_string), english);
    }
}
