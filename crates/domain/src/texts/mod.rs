//! The words for what this crate reports (reading errors, value problems) and for the
//! target fields' labels and help, in Norwegian Bokmål, Finnish, English and Swedish. Errors
//! carry only stable keys; the app shows these texts, and the server writes the field
//! labels and help into the templates and exports it makes.
//!
//! Texts are [Project Fluent](https://projectfluent.org) files (`nb.ftl`, …), read by
//! `fluent-bundle`: a translator writes plural forms (`{ $n -> [one] … *[other] … }`)
//! and the CLDR plural rules of each language pick one, which hand-made tables could
//! not ("Save 1 customers"). The app keeps its own `.ftl` files and builds its bundles
//! with [`new_bundle`], so both follow the same rules:
//!
//! - Keys stay what the code and the server's error codes use (`file.too_big`,
//!   `auth.forbidden`) and are looked up at run time; Fluent ids cannot hold a '.', so
//!   [`fluent_id`] writes each '.' as '-' (no key holds a '-', which a test checks).
//! - Values are typed ([`Arg`]): a count is a number, so it picks the plural form and
//!   is written with the language's digit grouping (en "1,234,567"; nb, fi, sv with a
//!   no-break space, "1 234 567", CLDR 48 with minimum grouping digits 1, so
//!   "1 000" too). Text (an e-mail, a customer number, a postal code, a row number as
//!   the sheet shows it) is never grouped.
//! - Grouping is a few lines here ([`Language::number`]) hooked in by
//!   `set_formatter`, not `icu_decimal`: counts are whole numbers and these four
//!   languages need one separator each, so CLDR's decimal data and formatter would only
//!   add size to both wasm downloads. Plural rules come with `fluent-bundle`
//!   (`intl_pluralrules`).
//! - No bidi isolation marks around values (`set_use_isolating(false)`): all four
//!   languages are left to right, and the marks would end up in exported files and in
//!   text the tests and screen readers compare.
//! - The limits in reading errors and value problems are large fixed numbers, never
//!   one, so those texts have no plural variants; their numbers are still grouped.
//! - Cost, measured (release, gzip -9): 40,327 B more on the app's first download
//!   (378,634 → 418,961 B) and 47,452 B on the worker (592,304 → 639,756 B), mostly
//!   Fluent's parser (a language's files are parsed the first time it is shown) and the
//!   plural rules of every CLDR locale.

use std::borrow::Cow;

pub mod language;

pub use language::{Arg, Bundle, Language, fluent_id, message, messages_of, new_bundle};

use crate::{
    schema::{Field, ValueType},
    validate::{FieldError, Problem, storable},
};

/// The most characters of a value a problem's text shows: a 40,000-character value
/// would bury the reason.
pub const SHOWN_VALUE: usize = 100;

fn shortened(value: &str) -> Cow<'_, str> {
    match value.char_indices().nth(SHOWN_VALUE) {
        Some((end, _)) => format!("{}…", &value[..end]).into(),
        None => value.into(),
    }
}

/// The choices a problem lists before it says "…": a long list would bury the reason.
const SHOWN_OPTIONS: usize = 10;

fn options_text(options: &[String]) -> String {
    let mut shown: Vec<&str> = options
        .iter()
        .take(SHOWN_OPTIONS)
        .map(String::as_str)
        .collect();
    if options.len() > SHOWN_OPTIONS {
        shown.push("…");
    }
    shown.join(", ")
}

/// The words for problems and fields: these need the schema and the checks, which
/// name [`Language`] themselves, so they live here and not in [`language`].
impl Language {
    /// A problem with a value, in words: "E-mail ola@x.no is already registered…".
    /// A value is shown up to [`SHOWN_VALUE`] characters.
    pub fn problem(self, error: &FieldError) -> String {
        self.problem_in(error, &[])
    }

    /// [`Language::problem`] with the fields of the import, so a project's own field is
    /// named by its label and its choices or example are shown.
    pub fn problem_in(self, error: &FieldError, fields: &[Field]) -> String {
        let custom = fields
            .iter()
            .find(|f| f.key == error.field)
            .and_then(|f| f.custom.as_ref());
        let field = match custom {
            Some(c) => Cow::Owned(c.label.get(self).to_owned()),
            None => self.field_name(&error.field),
        };
        let mut args = vec![
            ("value", Arg::Text(shortened(&error.value))),
            ("field", Arg::Text(field)),
        ];
        match custom.map(|c| &c.value) {
            Some(ValueType::OneOf { options }) => {
                args.push(("options", Arg::Text(options_text(options).into())));
            }
            Some(ValueType::Pattern { example, .. }) => {
                args.push(("example", Arg::Text(example.as_str().into())));
            }
            _ => {}
        }
        // A row number is shown as the sheet shows it, ungrouped.
        if let Some(row) = error.other_row {
            args.push(("other_row", Arg::Text(row.to_string().into())));
        }
        match error.problem {
            Problem::TooLong => {
                let limit = storable::max_length(&error.field) as u64;
                args.push(("limit", Arg::Count(limit)));
            }
            Problem::ControlCharacter | Problem::BidiControl => {
                let notes = error.field == "notes";
                let character = storable::hidden_character(&error.value, notes)
                    .map(|(_, c)| storable::code_point(c))
                    .unwrap_or_default();
                args.push(("character", Arg::Text(character.into())));
            }
            // The portal's own words, whole.
            Problem::Portal => args.push(("message", Arg::Text(error.value.as_str().into()))),
            _ => {}
        }
        self.format(error.problem.key(), &args).into_owned()
    }

    /// A field's label as the wizard shows it: a built-in field's text, or a project's
    /// own field's label in this language.
    pub fn field_label(self, field: &Field) -> Cow<'_, str> {
        match &field.custom {
            Some(c) => Cow::Borrowed(c.label.get(self)),
            None => self.text(&field.label),
        }
    }

    /// A field's one-line explanation, likewise.
    pub fn field_help(self, field: &Field) -> Cow<'_, str> {
        match &field.custom {
            Some(c) => Cow::Borrowed(c.help.get(self)),
            None => self.text(&field.help),
        }
    }

    /// A field's label by its key; a custom field (`custom.parking`) by its name.
    fn field_name(self, key: &str) -> Cow<'static, str> {
        let label = format!("field.{key}");
        match message(self.bundle(), &label, &[])
            .or_else(|| message(Language::En.bundle(), &label, &[]))
        {
            Some(text) => text,
            None => key.strip_prefix("custom.").unwrap_or(key).to_owned().into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::default_fields;

    #[test]
    fn every_field_has_a_label_and_help_in_every_language() {
        for language in Language::ALL {
            for field in default_fields() {
                for key in [&field.label, &field.help] {
                    let text = language.text(key);
                    assert!(
                        text != key.as_str() && !text.is_empty(),
                        "{language:?} {key}"
                    );
                }
            }
        }
        assert_eq!(Language::Fi.text("field.email"), "Sähköposti");
        assert_eq!(Language::from_tag("nn-NO"), Some(Language::Nb));
        assert_eq!(Language::from_tag("sv-FI"), Some(Language::Sv));
        assert_eq!(Language::Sv.text("field.email"), "E-post");
        assert_eq!(Language::from_tag("da"), None);
        assert_eq!(Language::En.text("no.such.key"), "no.such.key");
    }

    /// The app's test checks its and this crate's files together; this one keeps the
    /// domain's own four in step where the domain is built alone.
    #[test]
    fn every_language_has_the_english_ids_with_the_same_variables() {
        let english = messages_of(Language::En.ftl()).expect("en.ftl");
        for language in Language::ALL {
            assert_eq!(
                messages_of(language.ftl()),
                Ok(english.clone()),
                "{language:?}"
            );
        }
    }

    /// Problems and fields are worded here; reading errors in the app, whose test
    /// checks those keys.
    #[test]
    fn every_problem_and_field_has_a_text_in_every_language() {
        let problems = Problem::ALL.map(Problem::key);
        let fields: Vec<String> = default_fields()
            .iter()
            .flat_map(|f| [f.label.clone(), f.help.clone()])
            .collect();
        let keys = problems
            .iter()
            .copied()
            .chain(fields.iter().map(String::as_str));
        for key in keys {
            assert!(
                !key.contains('-'),
                "{key} cannot be told from its Fluent id"
            );
            for language in Language::ALL {
                assert!(language.has(key), "{language:?} has no text for {key}");
            }
        }
    }

    #[test]
    fn counts_are_grouped_as_each_language_writes_them_and_text_is_not() {
        let n = [("limit", Arg::Count(1_234_567))];
        let t = [("limit", Arg::from("1234567"))];
        let key = "file.too_many_rows";
        assert!(Language::En.format(key, &n).contains(" 1,234,567 "));
        for language in [Language::Nb, Language::Fi, Language::Sv] {
            assert!(language.format(key, &n).contains(" 1\u{a0}234\u{a0}567 "));
            assert!(language.format(key, &t).contains(" 1234567 "));
        }
        assert_eq!(Language::Nb.number(1000), "1\u{a0}000");
        assert_eq!(Language::Fi.number(100_000), "100\u{a0}000");
        assert_eq!(Language::En.number(999), "999");
        assert_eq!(Language::En.number(0), "0");
        // No bidi isolation marks around values.
        assert!(!Language::En.format(key, &n).contains('\u{2068}'));
    }

    #[test]
    fn problems_name_the_field_the_limit_and_the_hidden_character() {
        use crate::validate::Problem;
        let error = |field: &str, problem, value: &str| FieldError {
            field: field.to_owned(),
            problem,
            value: value.to_owned(),
            other_row: None,
        };
        let long = "a".repeat(40_000);
        assert_eq!(
            Language::En.problem(&error("notes", Problem::TooLong, &long)),
            "Notes is longer than 32,767 characters. Shorten it."
        );
        assert_eq!(
            Language::Nb.problem(&error("customer_group", Problem::TooLong, &long)),
            "Kundegruppe er lengre enn 100 tegn. Gjør teksten kortere."
        );
        assert_eq!(
            Language::Sv.problem(&error("notes", Problem::TooLong, &long)),
            "Anteckningar är längre än 32\u{a0}767 tecken. Korta texten."
        );
        assert_eq!(
            Language::En.problem(&error("name", Problem::ControlCharacter, "Ola\0")),
            "Name holds an invisible control character (U+0000) that cannot be stored. Remove it."
        );
        let bidi =
            Language::Fi.problem(&error("custom.parking", Problem::BidiControl, "P\u{202e}1"));
        assert!(
            bidi.starts_with("parking: näkymätön merkki (U+202E)"),
            "{bidi}"
        );
        // A value is shown shortened, and what it holds is not taken for a placeholder.
        let shown = Language::En.problem(&error("email", Problem::EmailInvalid, &long));
        let expected = format!("“{}…” is not a valid e-mail address.", &long[..SHOWN_VALUE]);
        assert_eq!(shown, expected);
        let braces = Language::En.problem(&error("email", Problem::EmailInvalid, "{field}"));
        assert_eq!(braces, "“{field}” is not a valid e-mail address.");
    }
}
