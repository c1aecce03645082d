//! The words for what this crate reports (reading errors, value problems) and for the
//! target fields' labels and help, in Norwegian Bokmål, Finnish, English and Swedish. Errors
//! carry only stable keys; the app shows these texts, and the server writes the field
//! labels and help into the templates and exports it makes.

mod en;
mod fi;
mod nb;
mod sv;

use serde::{Deserialize, Serialize};

use crate::validate::FieldError;

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
    pub fn problem(self, error: &FieldError) -> String {
        let other_row = error.other_row.map(|r| r.to_string()).unwrap_or_default();
        self.text(error.problem.key())
            .replace("{value}", &error.value)
            .replace("{other_row}", &other_row)
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
}
