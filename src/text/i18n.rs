//! English and Korean text for every user-visible string.
//!
//! A small module of our own rather than `leptos_i18n`: we need two flat catalogues that
//! translators can edit as JSON, runtime switching without a rebuild, and tests that fail when a
//! key is missing in one language. The browser fetches a catalogue when its language is first
//! used (`context::load_locale`; index.html preloads the first one) rather than carrying both in
//! the wasm; native code (tests) embeds them.

use std::collections::HashMap;
use std::sync::OnceLock;

/// A language the UI speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Locale {
    #[default]
    En,
    Ko,
}

impl Locale {
    /// Every supported locale, in the order the language switch shows them.
    pub const ALL: [Locale; 2] = [Locale::En, Locale::Ko];

    /// The BCP 47 tag, as used for `<html lang>` and storage.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Ko => "ko",
        }
    }

    /// The language's own name, shown on the switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Ko => "한국어",
        }
    }

    /// Parses a tag such as `ko` or `ko-KR`; unknown tags give `None`.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Locale::En),
            "ko" => Some(Locale::Ko),
            _ => None,
        }
    }

    /// The catalogue's JSON, embedded: for native code only (the browser fetches it).
    #[cfg(not(target_arch = "wasm32"))]
    fn source(self) -> &'static str {
        match self {
            Locale::En => include_str!("../../locales/en.json"),
            Locale::Ko => include_str!("../../locales/ko.json"),
        }
    }

    fn cell(self) -> &'static OnceLock<HashMap<String, String>> {
        static EN: OnceLock<HashMap<String, String>> = OnceLock::new();
        static KO: OnceLock<HashMap<String, String>> = OnceLock::new();
        match self {
            Locale::En => &EN,
            Locale::Ko => &KO,
        }
    }

    /// The catalogue; empty in the browser until `install` (texts then show their keys).
    fn catalogue(self) -> &'static HashMap<String, String> {
        #[cfg(not(target_arch = "wasm32"))]
        {
            // A malformed catalogue is caught by the unit tests.
            self.cell()
                .get_or_init(|| serde_json::from_str(self.source()).unwrap_or_default())
        }
        #[cfg(target_arch = "wasm32")]
        {
            static EMPTY: OnceLock<HashMap<String, String>> = OnceLock::new();
            self.cell()
                .get()
                .unwrap_or_else(|| EMPTY.get_or_init(HashMap::new))
        }
    }

    /// Whether this language's texts are at hand.
    pub fn is_installed(self) -> bool {
        self.cell().get().is_some()
    }

    /// This language if its texts are at hand, else the first language whose texts are.
    pub fn or_installed(self) -> Option<Locale> {
        std::iter::once(self)
            .chain(Locale::ALL)
            .find(|l| l.is_installed())
    }

    /// Takes this language's catalogue (the JSON of `locales/<tag>.json`); false when it is not
    /// a catalogue.
    pub fn install(self, json: &str) -> bool {
        match serde_json::from_str::<HashMap<String, String>>(json) {
            Ok(map) if !map.is_empty() => {
                let _ = self.cell().set(map);
                true
            }
            _ => false,
        }
    }
}

/// The text for `key`, or the key itself when it is missing (visible, never a crash).
pub fn text(locale: Locale, key: &str) -> String {
    locale
        .catalogue()
        .get(key)
        .cloned()
        .unwrap_or_else(|| key.to_string())
}

/// The text for `key` with each `{name}` replaced by its value.
pub fn text_with(locale: Locale, key: &str, args: &[(&str, &str)]) -> String {
    fill(text(locale, key), args)
}

fn fill(template: String, args: &[(&str, &str)]) -> String {
    args.iter().fold(template, |acc, (name, value)| {
        acc.replace(&format!("{{{name}}}"), value)
    })
}

/// A plural category of CLDR's cardinal rules, as far as our languages need them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plural {
    One,
    Other,
}

impl Plural {
    /// The key suffix of the category in the catalogues (`key.one`, `key.other`).
    pub fn suffix(self) -> &'static str {
        match self {
            Plural::One => "one",
            Plural::Other => "other",
        }
    }
}

impl Locale {
    /// The category of the whole number `n`: English has one and other; Korean has no plural
    /// forms, so every number is other.
    pub fn plural(self, n: i64) -> Plural {
        match self {
            Locale::En if n == 1 => Plural::One,
            Locale::En | Locale::Ko => Plural::Other,
        }
    }

    /// The categories a plural key must have in this language's catalogue.
    pub fn plural_categories(self) -> &'static [Plural] {
        match self {
            Locale::En => &[Plural::One, Plural::Other],
            Locale::Ko => &[Plural::Other],
        }
    }
}

/// The text of plural `key` for the count `n` (`key.one` or `key.other`, falling back to
/// `key.other`), with `{name}` placeholders filled; `n` itself is passed formatted, as `count`.
pub fn plural_with(locale: Locale, key: &str, n: i64, args: &[(&str, &str)]) -> String {
    let catalogue = locale.catalogue();
    let template = catalogue
        .get(&format!("{key}.{}", locale.plural(n).suffix()))
        .or_else(|| catalogue.get(&format!("{key}.other")))
        .cloned()
        .unwrap_or_else(|| key.to_string());
    fill(template, args)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn all_keys(locale: Locale) -> BTreeSet<String> {
        let map: HashMap<String, String> =
            serde_json::from_str(locale.source()).expect("catalogue is valid JSON");
        map.into_keys().collect()
    }

    /// The plural base of a key (`a.b` of `a.b.one`), if it is one of a plural's forms.
    fn plural_base(key: &str) -> Option<&str> {
        key.strip_suffix(".one")
            .or_else(|| key.strip_suffix(".other"))
    }

    /// The keys of a catalogue, with each plural's forms counted once under its base.
    fn keys(locale: Locale) -> BTreeSet<String> {
        all_keys(locale)
            .into_iter()
            .map(|k| plural_base(&k).map_or(k.clone(), str::to_string))
            .collect()
    }

    /// The text of `key`, or of its `other` form when it is a plural.
    fn text_or_other(locale: Locale, key: &str) -> String {
        let catalogue = locale.catalogue();
        catalogue
            .get(key)
            .or_else(|| catalogue.get(&format!("{key}.other")))
            .cloned()
            .unwrap_or_default()
    }

    #[test]
    fn every_plural_has_the_forms_its_language_needs_and_no_others() {
        for locale in Locale::ALL {
            let all = all_keys(locale);
            for base in all.iter().filter_map(|k| plural_base(k)) {
                for category in [Plural::One, Plural::Other] {
                    let key = format!("{base}.{}", category.suffix());
                    let needed = locale.plural_categories().contains(&category);
                    assert_eq!(all.contains(&key), needed, "{locale:?}: {key}");
                }
            }
        }
    }

    #[test]
    fn plural_forms_are_chosen_by_count() {
        let en = |n: i64| {
            plural_with(
                Locale::En,
                "reservations.expires_in",
                n,
                &[("days", &n.to_string())],
            )
        };
        assert_eq!(en(1), "expires in 1 day");
        assert_eq!(en(0), "expires in 0 days");
        assert_eq!(en(2), "expires in 2 days");
        assert_eq!(en(21), "expires in 21 days");
        let items = plural_with(Locale::En, "common.total_items", 1, &[("count", "1")]);
        assert_eq!(items, "1 item");
        assert_eq!(
            plural_with(Locale::Ko, "reservations.expires_in", 1, &[("days", "1")]),
            "1일 후 만료"
        );
        assert_eq!(Locale::Ko.plural(1), Plural::Other);
        assert!(plural_with(Locale::Ko, "common.total_items", 1, &[("count", "1")]).contains('1'));
    }

    /// A sizing recommendation's Refund link names its units in the number's form.
    #[test]
    fn the_sizing_refund_link_agrees_with_its_count() {
        let link = |locale, n: i64| {
            let count = n.to_string();
            plural_with(
                locale,
                "sizing.return_link",
                n,
                &[("name", "vm-split-b"), ("quantity", &count)],
            )
        };
        assert_eq!(link(Locale::En, 1), "Refund 1 unused unit of vm-split-b");
        assert_eq!(link(Locale::En, 3), "Refund 3 unused units of vm-split-b");
        assert_eq!(link(Locale::Ko, 1), "vm-split-b의 미사용 수량 1개 환불");
        assert_eq!(link(Locale::Ko, 3), "vm-split-b의 미사용 수량 3개 환불");
    }

    #[test]
    fn every_key_exists_in_every_language() {
        let en = keys(Locale::En);
        let ko = keys(Locale::Ko);
        let only_en: Vec<_> = en.difference(&ko).collect();
        let only_ko: Vec<_> = ko.difference(&en).collect();
        assert!(only_en.is_empty(), "keys missing in ko.json: {only_en:?}");
        assert!(only_ko.is_empty(), "keys missing in en.json: {only_ko:?}");
    }

    #[test]
    fn no_translation_is_empty() {
        for locale in Locale::ALL {
            for (key, value) in locale.catalogue().iter() {
                assert!(!value.trim().is_empty(), "{key} is empty in {locale:?}");
            }
        }
    }

    #[test]
    fn placeholders_match_across_languages() {
        let placeholders = |s: &str| -> BTreeSet<String> {
            s.split('{')
                .skip(1)
                .filter_map(|p| p.split_once('}').map(|(name, _)| name.to_string()))
                .collect()
        };
        for key in keys(Locale::En) {
            assert_eq!(
                placeholders(&text_or_other(Locale::En, &key)),
                placeholders(&text_or_other(Locale::Ko, &key)),
                "placeholders differ for {key}"
            );
        }
    }

    /// Every key the source code names exists, so a typo fails here and not in front of a user.
    /// A key is any string literal whose first segment is one of the catalogue's namespaces
    /// (`"customers.col.name"`), wherever it appears: in `t("…")` or in a table of labels.
    #[test]
    fn every_key_used_in_the_source_exists() {
        let known = keys(Locale::En);
        let namespaces: BTreeSet<String> = known
            .iter()
            .filter_map(|k| k.split_once('.').map(|(ns, _)| ns.to_string()))
            .collect();
        let mut missing = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("src is readable") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let source = std::fs::read_to_string(&path).expect("readable");
                    for key in key_literals(&source, &namespaces) {
                        if !known.contains(&key) {
                            missing.push(format!("{}: {key}", path.display()));
                        }
                    }
                }
            }
        }
        assert!(missing.is_empty(), "unknown translation keys: {missing:#?}");
    }

    /// String literals shaped like `namespace.name[.more]` with a known namespace.
    fn key_literals(source: &str, namespaces: &BTreeSet<String>) -> Vec<String> {
        source
            .split('"')
            .skip(1)
            .step_by(2)
            .filter(|lit| {
                let shaped = lit.contains('.')
                    && lit.chars().all(|c| {
                        c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '_'
                    });
                shaped
                    && !lit.ends_with(".json")
                    && lit.split('.').all(|part| !part.is_empty())
                    && lit
                        .split_once('.')
                        .is_some_and(|(ns, _)| namespaces.contains(ns))
            })
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn parses_tags() {
        assert_eq!(Locale::from_tag("ko-KR"), Some(Locale::Ko));
        assert_eq!(Locale::from_tag("EN"), Some(Locale::En));
        assert_eq!(Locale::from_tag("fr"), None);
    }

    #[test]
    fn substitutes_placeholders() {
        assert_eq!(
            text_with(Locale::En, "quote.line", &[("line", "5")]),
            text(Locale::En, "quote.line").replace("{line}", "5")
        );
    }
}
