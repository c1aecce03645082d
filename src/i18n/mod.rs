//! Every word on screen in Norwegian Bokmål, Finnish, English and Swedish.
//!
//! Texts are looked up by stable keys: the app's own (`project.heading`) and those the
//! domain crate and the server put in their errors (`file.empty`, `auth.forbidden`),
//! so no layer below the app carries English sentences. A missing translation falls
//! back to English, then to the key itself, so a screen never goes blank; the tests
//! make sure neither happens in practice.

mod en;
mod fi;
mod nb;
mod sv;

use customer_import_domain::texts::Language;
use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Locale {
    Nb,
    Fi,
    En,
    Sv,
}

impl Locale {
    pub const ALL: [Locale; 4] = [Locale::Nb, Locale::Fi, Locale::En, Locale::Sv];

    /// BCP 47 tag, for `<html lang>` and the language picker.
    pub fn tag(self) -> &'static str {
        self.language().tag()
    }

    /// The language's name in itself, as language pickers show it.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::Nb => "Norsk bokmål",
            Locale::Fi => "Suomi",
            Locale::En => "English",
            Locale::Sv => "Svenska",
        }
    }

    /// Maps a language tag to a supported locale. Nynorsk and plain "no" readers get
    /// Bokmål, which they read more easily than English.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let language = Language::from_tag(tag)?;
        Locale::ALL.into_iter().find(|l| l.language() == language)
    }

    /// The first supported locale among the user's preferred languages, else English.
    pub fn negotiate<'a>(preferred: impl IntoIterator<Item = &'a str>) -> Locale {
        preferred
            .into_iter()
            .find_map(Locale::from_tag)
            .unwrap_or(Locale::En)
    }

    /// The app's own texts, then those for the domain crate's keys.
    fn catalogs(self) -> [&'static [(&'static str, &'static str)]; 2] {
        match self {
            Locale::Nb => [nb::TEXTS, Language::Nb.catalog()],
            Locale::Fi => [fi::TEXTS, Language::Fi.catalog()],
            Locale::En => [en::TEXTS, Language::En.catalog()],
            Locale::Sv => [sv::TEXTS, Language::Sv.catalog()],
        }
    }

    /// The text for `key`.
    pub fn text(self, key: &str) -> &str {
        lookup(self.catalogs(), key)
            .or_else(|| lookup(Locale::En.catalogs(), key))
            .unwrap_or(key)
    }

    /// The text for `key` with `{name}` placeholders replaced.
    pub fn format(self, key: &str, args: &[(&str, &str)]) -> String {
        args.iter()
            .fold(self.text(key).to_owned(), |text, (name, value)| {
                text.replace(&format!("{{{name}}}"), value)
            })
    }

    /// A problem with a value, in words: "E-mail ola@x.no is already registered…".
    pub fn problem(self, error: &customer_import_domain::validate::FieldError) -> String {
        self.language().problem(error)
    }

    /// The domain crate's language for this locale.
    pub fn language(self) -> Language {
        match self {
            Locale::Nb => Language::Nb,
            Locale::Fi => Language::Fi,
            Locale::En => Language::En,
            Locale::Sv => Language::Sv,
        }
    }

    /// A byte count as people read it: "812 B", "1,4 MB" (decimal comma but in English).
    pub fn file_size(self, bytes: u64) -> String {
        const UNITS: [&str; 4] = ["kB", "MB", "GB", "TB"];
        if bytes < 1000 {
            return format!("{bytes} B");
        }
        let mut value = bytes as f64 / 1000.0;
        let mut unit = 0;
        while value >= 999.95 && unit < UNITS.len() - 1 {
            value /= 1000.0;
            unit += 1;
        }
        let text = format!("{value:.1} {}", UNITS[unit]);
        match self {
            Locale::En => text,
            Locale::Nb | Locale::Fi | Locale::Sv => text.replacen('.', ",", 1),
        }
    }
}

fn lookup(
    catalogs: [&'static [(&'static str, &'static str)]; 2],
    key: &str,
) -> Option<&'static str> {
    catalogs
        .iter()
        .flat_map(|c| c.iter())
        .find(|(k, _)| *k == key)
        .map(|(_, v)| *v)
}

/// The current language, shared through context so no component threads it by props.
#[derive(Debug, Clone, Copy)]
pub struct I18n(pub RwSignal<Locale>);

impl I18n {
    pub fn locale(&self) -> Locale {
        self.0.get()
    }

    /// Reactive lookup: re-runs when the language changes.
    pub fn t(&self, key: &str) -> String {
        self.0.get().text(key).to_owned()
    }

    pub fn format(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.0.get().format(key, args)
    }
}

pub fn provide_i18n(initial: Locale) -> I18n {
    let i18n = I18n(RwSignal::new(initial));
    provide_context(i18n);
    i18n
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// The language to start in: `?lang=` in the URL (used by portals and tests), else the
/// browser's preferred languages.
pub fn initial_locale() -> Locale {
    let Some(window) = web_sys::window() else {
        return Locale::En;
    };
    let from_query = window
        .location()
        .search()
        .ok()
        .and_then(|s| web_sys::UrlSearchParams::new_with_str(&s).ok())
        .and_then(|p| p.get("lang"))
        .and_then(|tag| Locale::from_tag(&tag));
    from_query.unwrap_or_else(|| {
        let tags: Vec<String> = window
            .navigator()
            .languages()
            .iter()
            .filter_map(|v| v.as_string())
            .collect();
        Locale::negotiate(tags.iter().map(String::as_str))
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use customer_import_domain::{
        format::FormatError, read::ReadError, schema::default_fields, validate::Problem,
    };

    use super::*;

    fn entries(locale: Locale) -> Vec<(&'static str, &'static str)> {
        locale
            .catalogs()
            .iter()
            .flat_map(|c| c.iter().copied())
            .collect()
    }

    fn keys(locale: Locale) -> BTreeSet<&'static str> {
        entries(locale).into_iter().map(|(k, _)| k).collect()
    }

    /// The `{placeholders}` of a text, sorted.
    fn placeholders(text: &str) -> Vec<&str> {
        let mut found: Vec<&str> = text
            .split('{')
            .skip(1)
            .filter_map(|s| s.split_once('}').map(|(p, _)| p))
            .collect();
        found.sort_unstable();
        found
    }

    #[test]
    fn every_language_has_every_key_once_with_the_same_placeholders() {
        let english = keys(Locale::En);
        for locale in Locale::ALL {
            assert_eq!(keys(locale), english, "{locale:?} differs from English");
            assert_eq!(
                keys(locale).len(),
                entries(locale).len(),
                "{locale:?} repeats a key"
            );
            for (key, text) in entries(locale) {
                assert!(!text.trim().is_empty(), "{locale:?} {key} is blank");
                assert_eq!(
                    placeholders(text),
                    placeholders(Locale::En.text(key)),
                    "{locale:?} {key}"
                );
            }
        }
    }

    #[test]
    fn every_key_of_the_domain_crate_is_translated() {
        let english = keys(Locale::En);
        let format = [
            FormatError::Empty,
            FormatError::UnsupportedContainer,
            FormatError::Binary,
        ]
        .map(|e| e.key());
        let problems = Problem::ALL.map(Problem::key);
        let fields: Vec<String> = default_fields()
            .iter()
            .flat_map(|f| [f.label.clone(), f.help.clone()])
            .collect();
        let all = format
            .iter()
            .chain(&ReadError::KEYS)
            .chain(&problems)
            .copied()
            .chain(fields.iter().map(String::as_str));
        for key in all {
            assert!(english.contains(key), "no text for {key}");
        }
    }

    #[test]
    fn negotiation_picks_the_first_supported_language() {
        assert_eq!(Locale::negotiate(["de-DE", "fi-FI", "en"]), Locale::Fi);
        assert_eq!(Locale::negotiate(["nn-NO"]), Locale::Nb);
        assert_eq!(Locale::negotiate(["no"]), Locale::Nb);
        assert_eq!(Locale::negotiate(["en_GB", "nb"]), Locale::En);
        assert_eq!(Locale::negotiate(["de", "sv-FI", "fi"]), Locale::Sv);
        assert_eq!(Locale::negotiate(["de", "fr"]), Locale::En);
        assert_eq!(Locale::negotiate([]), Locale::En);
        for locale in Locale::ALL {
            assert_eq!(Locale::from_tag(locale.tag()), Some(locale));
        }
    }

    #[test]
    fn unknown_keys_fall_back_to_the_key() {
        assert_eq!(Locale::Fi.text("no.such.key"), "no.such.key");
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(Locale::En.format("project.units", &[("n", "8")]), "8 units");
        assert_eq!(
            Locale::Nb.format("project.units", &[("n", "8")]),
            "8 boliger"
        );
        assert_eq!(
            Locale::Sv.format(
                "value.duplicate_in_file",
                &[("value", "a@b.se"), ("other_row", "4")]
            ),
            "”a@b.se” finns också på rad 4."
        );
        assert_eq!(
            Locale::Fi.format(
                "value.duplicate_in_file",
                &[("value", "a@b.fi"), ("other_row", "4")]
            ),
            "”a@b.fi” on myös rivillä 4."
        );
    }

    #[test]
    fn file_sizes_use_the_local_decimal_mark() {
        assert_eq!(Locale::En.file_size(812), "812 B");
        assert_eq!(Locale::En.file_size(1_400), "1.4 kB");
        assert_eq!(Locale::Nb.file_size(1_400), "1,4 kB");
        assert_eq!(Locale::Fi.file_size(117_000_000), "117,0 MB");
        assert_eq!(Locale::Sv.file_size(2_500_000), "2,5 MB");
        assert_eq!(Locale::En.file_size(999_999), "1.0 MB");
    }
}
