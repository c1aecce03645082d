//! The words for what this crate reports (reading errors, value problems) and for the
//! target fields' labels and help, in Norwegian Bokmål, Finnish, English and Swedish. Errors
//! carry only stable keys; the app shows these texts, and the server writes the field
//! labels and help into the templates and exports it makes.

mod en;
mod fi;
mod nb;
mod sv;

use serde::{Deserialize, Serialize};

use crate::{
    schema::{Field, ValueType},
    validate::{FieldError, storable},
};

/// The most characters of a value a problem's text shows: a 40,000-character value
/// would bury the reason.
pub const SHOWN_VALUE: usize = 100;

fn push_shortened(value: &str, out: &mut String) {
    match value.char_indices().nth(SHOWN_VALUE) {
        Some((end, _)) => {
            out.push_str(&value[..end]);
            out.push('…');
        }
        None => out.push_str(value),
    }
}

/// The choices a problem lists before it says "…": a long list would bury the reason.
const SHOWN_OPTIONS: usize = 10;

fn push_options(options: &[String], out: &mut String) {
    for (i, option) in options.iter().take(SHOWN_OPTIONS).enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(option);
    }
    if options.len() > SHOWN_OPTIONS {
        out.push_str(", …");
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Nb,
    Fi,
    En,
    Sv,
}

impl Language {
    pub const ALL: [Language; 4] = [Language::Nb, Language::Fi, Language::En, Language::Sv];

    /// BCP 47 tag.
    pub fn tag(self) -> &'static str {
        match self {
            Language::Nb => "nb",
            Language::Fi => "fi",
            Language::En => "en",
            Language::Sv => "sv",
        }
    }

    /// Maps a language tag to a supported language. Nynorsk and plain "no" readers
    /// get Bokmål, which they read more easily than English.
    pub fn from_tag(tag: &str) -> Option<Language> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "nb" | "no" | "nn" => Some(Language::Nb),
            "fi" => Some(Language::Fi),
            "en" => Some(Language::En),
            "sv" => Some(Language::Sv),
            _ => None,
        }
    }

    /// This crate's texts in the language, by key.
    pub fn catalog(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Language::Nb => nb::TEXTS,
            Language::Fi => fi::TEXTS,
            Language::En => en::TEXTS,
            Language::Sv => sv::TEXTS,
        }
    }

    /// The text for `key`, in English when the language lacks it, else the key.
    pub fn text(self, key: &str) -> &str {
        let find = |l: Language| l.catalog().iter().find(|(k, _)| *k == key).map(|(_, t)| *t);
        find(self).or_else(|| find(Language::En)).unwrap_or(key)
    }

    /// A problem with a value, in words: "E-mail ola@x.no is already registered…".
    /// Placeholders are filled in one pass, so a value that holds `{field}` stays as
    /// it is; a value is shown up to [`SHOWN_VALUE`] characters.
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
        let template = self.text(error.problem.key());
        let mut out = String::with_capacity(template.len() + error.value.len());
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|c| open + c) else {
                break;
            };
            out.push_str(&rest[..open]);
            match &rest[open + 1..close] {
                "value" => push_shortened(&error.value, &mut out),
                "other_row" => {
                    out.push_str(&error.other_row.map(|r| r.to_string()).unwrap_or_default())
                }
                "field" => match custom {
                    Some(c) => out.push_str(c.label.get(self)),
                    None => out.push_str(&self.field_name(&error.field)),
                },
                "options" => {
                    if let Some(ValueType::OneOf { options }) = custom.map(|c| &c.value) {
                        push_options(options, &mut out);
                    }
                }
                "example" => {
                    if let Some(ValueType::Pattern { example, .. }) = custom.map(|c| &c.value) {
                        out.push_str(example);
                    }
                }
                "limit" => out.push_str(&self.number(storable::max_length(&error.field))),
                "character" => {
                    let notes = error.field == "notes";
                    if let Some((_, c)) = storable::hidden_character(&error.value, notes) {
                        out.push_str(&storable::code_point(c));
                    }
                }
                _ => out.push_str(&rest[open..=close]),
            }
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        out
    }

    /// A field's label as the wizard shows it: a built-in field's text, or a project's
    /// own field's label in this language.
    pub fn field_label(self, field: &Field) -> &str {
        match &field.custom {
            Some(c) => c.label.get(self),
            None => self.text(&field.label),
        }
    }

    /// A field's one-line explanation, likewise.
    pub fn field_help(self, field: &Field) -> &str {
        match &field.custom {
            Some(c) => c.help.get(self),
            None => self.text(&field.help),
        }
    }

    /// A field's label by its key; a custom field (`custom.parking`) by its name.
    fn field_name(self, key: &str) -> String {
        let label = format!("field.{key}");
        match self.text(&label) {
            text if text == label => key.strip_prefix("custom.").unwrap_or(key).to_owned(),
            text => text.to_owned(),
        }
    }

    /// A count with thousands grouped as the language writes them: 32,767 / 32 767.
    fn number(self, n: usize) -> String {
        let separator = match self {
            Language::En => ',',
            Language::Nb | Language::Fi | Language::Sv => '\u{a0}',
        };
        let digits = n.to_string();
        let mut out = String::with_capacity(digits.len() + 4);
        for (i, d) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(separator);
            }
            out.push(d);
        }
        out
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
                    assert!(text != key && !text.is_empty(), "{language:?} {key}");
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

    /// The app's test checks its and this crate's catalogs together; this one keeps
    /// the domain's own four in step where the domain is built alone.
    #[test]
    fn every_language_has_the_english_keys_with_the_same_placeholders() {
        fn placeholders(text: &str) -> Vec<&str> {
            let mut found: Vec<&str> = text
                .split('{')
                .skip(1)
                .filter_map(|s| s.split_once('}').map(|(name, _)| name))
                .collect();
            found.sort_unstable();
            found
        }
        for language in Language::ALL {
            let catalog = language.catalog();
            assert_eq!(catalog.len(), Language::En.catalog().len(), "{language:?}");
            for (key, english) in Language::En.catalog() {
                let text = catalog.iter().find(|(k, _)| k == key).map(|(_, t)| *t);
                let text = text.unwrap_or_else(|| panic!("{language:?} lacks {key}"));
                assert_eq!(
                    placeholders(text),
                    placeholders(english),
                    "{language:?} {key}"
                );
            }
        }
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
