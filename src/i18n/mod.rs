//! Every word on screen in Norwegian Bokmål, Finnish, English and Swedish.
//!
//! Texts are Project Fluent files (`nb.ftl`, …) read by `fluent-bundle`, the same way
//! as the domain crate's (see `customer_import_domain::texts` for why this library,
//! how keys map to Fluent ids, and how numbers are grouped). They are looked up by
//! stable keys: the app's own (`project.heading`) and those the domain crate and the
//! server put in their errors (`file.empty`, `auth.forbidden`), so no layer below the
//! app carries English sentences, and a code from the server is looked up as it comes.
//! A missing translation falls back to English, then to the key itself, so a screen
//! never goes blank; the tests make sure neither happens for any key in the source.
//!
//! A text that shows a count takes it as a number, so the language's plural rule picks
//! the form and the number is grouped ("Lagre 1 kunde", "Lagre 1 200 kunder"):
//!
//! ```text
//! # en.ftl (and the same id in nb, fi, sv)
//! nav-save = { $n ->
//!     [one] Save { $n } customer
//!    *[other] Save { $n } customers
//! }
//! ```
//! ```text
//! i18n.format("nav.save", &[("n", Arg::Count(n))]) // or `n.into()` for u64/usize/u32
//! ```
//!
//! Text values (`Arg::Text`, or `.into()` from a string) are shown as they are, never
//! grouped: e-mails, customer numbers, postal codes, and row numbers, which are written
//! as the sheet numbers its rows.
//!
//! The chosen language is kept in `localStorage` and used on the next start; a `?lang=`
//! in the address, or the locale a portal passes to `mount`, still comes first.

use std::sync::LazyLock;

pub use customer_import_domain::texts::Arg;
use customer_import_domain::texts::{Bundle, Language, fluent_id, message, new_bundle};
use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Locale {
    Nb,
    Fi,
    En,
    Sv,
}

/// The app's texts and the domain crate's in one bundle per language (in
/// `Locale::ALL`'s order), made the first time a language is shown.
static BUNDLES: [LazyLock<Bundle>; 4] = [
    LazyLock::new(|| Locale::Nb.new_bundle()),
    LazyLock::new(|| Locale::Fi.new_bundle()),
    LazyLock::new(|| Locale::En.new_bundle()),
    LazyLock::new(|| Locale::Sv.new_bundle()),
];

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

    /// The app's own texts in this language, as a Fluent file.
    fn ftl(self) -> &'static str {
        match self {
            Locale::Nb => include_str!("nb.ftl"),
            Locale::Fi => include_str!("fi.ftl"),
            Locale::En => include_str!("en.ftl"),
            Locale::Sv => include_str!("sv.ftl"),
        }
    }

    fn new_bundle(self) -> Bundle {
        new_bundle(self.language(), &[self.ftl(), self.language().ftl()])
    }

    fn bundle(self) -> &'static Bundle {
        &BUNDLES[self as usize]
    }

    /// The text for `key`.
    pub fn text(self, key: &str) -> String {
        self.format(key, &[])
    }

    /// The text for `key` with its `{ $name }`s filled in: counts as numbers (plural
    /// form, grouping), everything else as text.
    pub fn format(self, key: &str, args: &[(&str, Arg)]) -> String {
        message(self.bundle(), key, args)
            .or_else(|| message(Locale::En.bundle(), key, args))
            .map_or_else(|| key.to_owned(), |text| text.into_owned())
    }

    /// The key to show for a code the server answered: the code itself when it has a
    /// text, else the text for its kind (a portal's sign-in refused, any other
    /// refusal), so that a code is never shown as it is.
    pub fn server_code(code: &str) -> &str {
        if Locale::En.bundle().has_message(&fluent_id(code)) {
            code
        } else if code
            .strip_prefix("auth.")
            .is_some_and(|c| c.starts_with("token_"))
        {
            "auth.token_refused"
        } else {
            "server.refused"
        }
    }

    /// A count as the language writes it: "1,200" / "1 200".
    pub fn number(self, n: u64) -> String {
        self.language().number(n)
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

/// The current language, shared through context so no component threads it by props.
#[derive(Debug, Clone, Copy)]
pub struct I18n(pub RwSignal<Locale>);

impl I18n {
    pub fn locale(&self) -> Locale {
        self.0.get()
    }

    /// Reactive lookup: re-runs when the language changes.
    pub fn t(&self, key: &str) -> String {
        self.0.get().text(key)
    }

    /// Reactive [`Locale::format`].
    pub fn format(&self, key: &str, args: &[(&str, Arg)]) -> String {
        self.0.get().format(key, args)
    }

    /// The user's choice: shown at once, and kept for the next start.
    pub fn choose(&self, locale: Locale) {
        self.0.set(locale);
        if let Some(storage) = storage() {
            // A full or disabled storage only forgets the choice.
            let _ = storage.set_item(STORED, locale.tag());
        }
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

/// Where the chosen language is kept (per origin: a portal's page keeps it for the
/// wizard alone).
const STORED: &str = "customer-import.language";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The language to start in: `?lang=` in the URL (used by portals and tests), else the
/// one the user chose last time, else the browser's preferred languages.
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
    let stored = || {
        storage()?
            .get_item(STORED)
            .ok()
            .flatten()
            .and_then(|tag| Locale::from_tag(&tag))
    };
    from_query.or_else(stored).unwrap_or_else(|| {
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
    use std::{collections::BTreeSet, path::Path};

    use customer_import_domain::{
        country::Country, schema::default_fields, texts::messages_of, validate::Problem,
    };
    use customer_import_worker::protocol::{FormatError, ReadError};

    use super::*;

    /// Every message id of a locale (app and domain) with its variables, sorted.
    fn messages(locale: Locale) -> Vec<(String, Vec<String>)> {
        let mut all = messages_of(locale.ftl()).expect("app .ftl parses");
        all.extend(messages_of(locale.language().ftl()).expect("domain .ftl parses"));
        all.sort();
        all
    }

    #[test]
    fn every_language_has_every_id_once_with_the_same_variables() {
        let english = messages(Locale::En);
        let ids: BTreeSet<&String> = english.iter().map(|(id, _)| id).collect();
        assert_eq!(
            ids.len(),
            english.len(),
            "an id is repeated (app and domain?)"
        );
        for locale in Locale::ALL {
            assert_eq!(messages(locale), english, "{locale:?} differs from English");
            for (id, _) in &english {
                let key = id.replace('-', ".");
                assert!(!locale.text(&key).trim().is_empty(), "{locale:?} {key}");
            }
        }
    }

    /// String literals in `dir`'s Rust files that look like keys (`nav.save`).
    fn literal_keys(dir: &Path, found: &mut BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).expect("source folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                literal_keys(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let source = std::fs::read_to_string(&path).expect("source file");
                for literal in source.split('"').skip(1).step_by(2) {
                    let mut parts = literal.split('.');
                    let looks_like_key = parts.clone().count() > 1
                        && parts.next().is_some_and(|p| {
                            !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
                        })
                        && parts.all(|p| {
                            !p.is_empty()
                                && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
                        });
                    if looks_like_key {
                        found.insert(literal.to_owned());
                    }
                }
            }
        }
    }

    /// Every key the app's source names (in a namespace the texts use, so file names
    /// like "kunder.csv" are not taken for keys), every key the rules and reading crates report,
    /// and the keys made at run time, has a text in every language.
    #[test]
    fn every_key_used_has_a_text_in_every_language() {
        let english = messages(Locale::En);
        let namespaces: BTreeSet<&str> = english
            .iter()
            .filter_map(|(id, _)| id.split('-').next())
            .collect();
        let mut keys = BTreeSet::new();
        literal_keys(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut keys,
        );
        // A host name in a test is no key.
        keys.retain(|k| {
            k.split('.').next().is_some_and(|n| namespaces.contains(n)) && !k.ends_with(".com")
        });
        assert!(keys.len() > 100, "the scan found only {keys:?}");
        keys.extend(
            [
                FormatError::Empty,
                FormatError::UnsupportedContainer,
                FormatError::Binary,
            ]
            .map(|e| e.key().to_owned()),
        );
        keys.extend(ReadError::KEYS.map(str::to_owned));
        keys.extend(Problem::ALL.map(|p| p.key().to_owned()));
        keys.extend(Country::ALL.map(|c| format!("country.{}", c.code())));
        for field in default_fields() {
            keys.extend([field.label, field.help]);
        }
        let missing: Vec<String> = keys
            .iter()
            .flat_map(|key| Locale::ALL.map(|locale| (locale, key)))
            .filter(|(locale, key)| {
                key.contains('-') || !locale.bundle().has_message(&key.replace('.', "-"))
            })
            .map(|(locale, key)| format!("{locale:?} {key}"))
            .collect();
        assert!(missing.is_empty(), "no text for {missing:?}");
    }

    /// Every code the server answers shows as words in every language: its own text
    /// where the app's requests can meet it, the text for its kind otherwise.
    #[test]
    fn every_code_the_server_answers_reads_as_words() {
        let mut codes = BTreeSet::new();
        literal_keys(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/server/src"),
            &mut codes,
        );
        // Host names in tests are no codes.
        codes.retain(|c| {
            [
                "auth.", "import.", "undo.", "history.", "mapping.", "request.", "server.",
            ]
            .iter()
            .any(|n| c.starts_with(n))
                && !c.contains(".example")
        });
        assert!(codes.len() > 40, "the scan found only {codes:?}");
        for code in &codes {
            let shown = Locale::server_code(code);
            for locale in Locale::ALL {
                assert!(
                    locale.bundle().has_message(&shown.replace('.', "-")),
                    "{locale:?} has no text for {code} (shown as {shown})"
                );
            }
            let own = ["import.", "undo."].iter().any(|n| code.starts_with(n))
                || [
                    "auth.unauthenticated",
                    "auth.forbidden",
                    "auth.token_expired",
                ]
                .contains(&code.as_str());
            assert!(!own || shown == code, "{code} has no text of its own");
        }
        assert_eq!(
            Locale::server_code("auth.token_signature"),
            "auth.token_refused"
        );
        assert_eq!(
            Locale::server_code("mapping.invalid_body"),
            "server.refused"
        );
        assert_eq!(
            Locale::server_code("import.batch_undone"),
            "import.batch_undone"
        );
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
    fn counts_choose_the_plural_form_in_every_language() {
        let save = |locale: Locale, n: u64| locale.format("nav.save", &[("n", Arg::Count(n))]);
        assert_eq!(save(Locale::Nb, 1), "Lagre 1 kunde");
        assert_eq!(save(Locale::Nb, 2), "Lagre 2 kunder");
        assert_eq!(save(Locale::Fi, 1), "Tallenna 1 asiakas");
        assert_eq!(save(Locale::Fi, 2), "Tallenna 2 asiakasta");
        assert_eq!(save(Locale::En, 1), "Save 1 customer");
        assert_eq!(save(Locale::En, 0), "Save 0 customers");
        assert_eq!(save(Locale::Sv, 1), "Spara 1 kund");
        assert_eq!(save(Locale::Sv, 2), "Spara 2 kunder");
        let sheet = |locale: Locale, rows: u64| {
            locale.format(
                "file.sheet_rows",
                &[("name", "Info".into()), ("rows", Arg::Count(rows))],
            )
        };
        assert_eq!(sheet(Locale::Nb, 1), "Info (1 rad)");
        assert_eq!(sheet(Locale::Fi, 1), "Info (1 rivi)");
        assert_eq!(sheet(Locale::Sv, 3), "Info (3 rader)");
        let counts = |locale: Locale, ready: u64, problems: u64, excluded: u64| {
            locale.format(
                "review.counts",
                &[
                    ("ready", Arg::Count(ready)),
                    ("problems", Arg::Count(problems)),
                    ("excluded", Arg::Count(excluded)),
                ],
            )
        };
        assert_eq!(
            counts(Locale::Nb, 1, 0, 2),
            "1 klar · 0 med feil · 2 utelatt"
        );
        assert_eq!(
            counts(Locale::Fi, 2, 1, 1),
            "2 valmiina · 1 virheellinen · 1 pois jätetty"
        );
        assert_eq!(
            counts(Locale::Sv, 1, 2, 1),
            "1 klar · 2 med problem · 1 utelämnad"
        );
    }

    #[test]
    fn counts_are_grouped_and_text_is_not() {
        let header = |locale: Locale, rows: u64| {
            locale.format(
                "header.counts",
                &[("rows", Arg::Count(rows)), ("columns", Arg::Count(1))],
            )
        };
        assert_eq!(header(Locale::Nb, 100_000), "100\u{a0}000 kunder · 1 felt");
        assert_eq!(header(Locale::Fi, 1_200), "1\u{a0}200 asiakasta · 1 kenttä");
        assert_eq!(
            header(Locale::En, 1_234_567),
            "1,234,567 customers · 1 field"
        );
        assert_eq!(header(Locale::Sv, 1), "1 kund · 1 fält");
        // A row number is text: shown as the sheet numbers it.
        assert_eq!(
            Locale::Nb.format("rows.include", &[("row", "12345".into())]),
            "Importer rad 12345"
        );
        assert_eq!(
            Locale::Sv.format(
                "value.duplicate_in_file",
                &[("value", "a@b.se".into()), ("other_row", "4".into())]
            ),
            "”a@b.se” finns också på rad 4."
        );
        assert_eq!(Locale::Fi.number(1_000), "1\u{a0}000");
        assert_eq!(Locale::En.number(1_000), "1,000");
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
