//! App-wide state shared through Leptos context: the language and the signed-in demo user.

use leptos::prelude::*;

use crate::browser;
use crate::storage_keys;
use crate::text::i18n::{self, Locale};

/// The UI language, readable from any component.
#[derive(Clone, Copy)]
pub struct Ui {
    pub locale: RwSignal<Locale>,
}

impl Ui {
    /// Creates the context from the remembered choice, else the browser's language.
    pub fn provide() -> Ui {
        let initial = browser::load(storage_keys::LOCALE)
            .or_else(browser::preferred_language)
            .and_then(|tag| Locale::from_tag(&tag))
            .unwrap_or_default();
        let ui = Ui {
            locale: RwSignal::new(initial),
        };
        Effect::new(move |_| {
            let locale = ui.locale.get();
            browser::set_document_language(locale.tag());
        });
        provide_context(ui);
        ui
    }

    /// Switches the language and remembers it across reloads.
    pub fn set_locale(&self, locale: Locale) {
        browser::save(storage_keys::LOCALE, locale.tag());
        self.locale.set(locale);
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
/// storage: after a panic the reactive context may be gone).
pub fn panic_texts() -> [String; 3] {
    let locale = browser::load(storage_keys::LOCALE)
        .and_then(|tag| Locale::from_tag(&tag))
        .unwrap_or_default();
    ["panic.title", "panic.body", "panic.reload"].map(|key| i18n::text(locale, key))
}
