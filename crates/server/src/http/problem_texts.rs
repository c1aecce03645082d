//! The words of error answers in Norwegian Bokmål, Finnish, Swedish and English: the
//! `detail` of an answer that lists values, and each value's problem. Fluent files
//! beside this one, read by the domain's [`new_bundle`] so plural forms and digit
//! grouping follow the same rules as the app's and the domain's texts; the language is
//! the first of the request's `Accept-Language` the server has ([`preferred`]).
//! Other answers keep their English `detail`: a program branches on `code`, and the
//! app has its own words for every code.

use std::sync::LazyLock;

use customer_import_domain::{
    schema::DefinitionError,
    texts::{Arg, Bundle, Language, message, new_bundle},
    validate::pattern::{PATTERN_SIZE, PATTERNS_SIZE},
};

use crate::error::Reason;

fn ftl(language: Language) -> &'static str {
    match language {
        Language::Nb => include_str!("problem_texts/nb.ftl"),
        Language::Fi => include_str!("problem_texts/fi.ftl"),
        Language::En => include_str!("problem_texts/en.ftl"),
        Language::Sv => include_str!("problem_texts/sv.ftl"),
    }
}

static BUNDLES: LazyLock<[Bundle; 4]> =
    LazyLock::new(|| Language::ALL.map(|language| new_bundle(language, &[ftl(language)])));

fn bundle(language: Language) -> &'static Bundle {
    let index = Language::ALL
        .iter()
        .position(|l| *l == language)
        .unwrap_or_default();
    &BUNDLES[index]
}

/// `key`'s words in `language`, else in English.
fn text(language: Language, key: &str, args: &[(&str, Arg)]) -> Option<String> {
    message(bundle(language), key, args)
        .or_else(|| message(bundle(Language::En), key, args))
        .map(|t| t.into_owned())
}

/// The language an `Accept-Language` header asks for first among those the server
/// has (its weights respected), else English.
pub fn preferred(header: &str) -> Language {
    let mut asked: Vec<(f32, Language)> = header
        .split(',')
        .filter_map(|part| {
            let mut pieces = part.split(';');
            let language = Language::from_tag(pieces.next()?)?;
            let weight = pieces
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            (weight > 0.0).then_some((weight, language))
        })
        .collect();
    // Stable: of equal weights, the first named wins.
    asked.sort_by(|a, b| b.0.total_cmp(&a.0));
    asked
        .first()
        .map_or(Language::En, |(_, language)| *language)
}

/// The `detail` of an answer with `code` that lists `count` values, when there are
/// words for it.
pub fn detail(language: Language, code: &str, count: usize) -> Option<String> {
    text(language, code, &[("n", count.into())])
}

/// Why one value cannot be used, in `language`: the words of its `code`.
pub fn reason(language: Language, code: &str, reason: &Reason) -> String {
    let name = |e: &DefinitionError| e.field().map(|(_, n)| n.to_owned()).unwrap_or_default();
    let args: Vec<(&str, Arg)> = match reason {
        Reason::UnknownProject(id) => vec![("id", id.into())],
        Reason::UnknownField(field) => vec![("field", field.into())],
        Reason::Shape(why) => vec![("why", why.into())],
        Reason::TooMuch(limit) => vec![("limit", (*limit).into())],
        Reason::Definition(e @ DefinitionError::SlowPattern { size, .. }) => vec![
            ("name", name(e).into()),
            ("size", (*size).into()),
            ("limit", PATTERN_SIZE.into()),
        ],
        Reason::Definition(DefinitionError::SlowPatterns { size }) => {
            vec![("size", (*size).into()), ("limit", PATTERNS_SIZE.into())]
        }
        Reason::Definition(e) => vec![("name", name(e).into())],
        _ => Vec::new(),
    };
    text(language, code, &args).unwrap_or_else(|| reason.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_language_the_server_has_is_taken_by_weight() {
        assert_eq!(preferred("fi-FI,fi;q=0.9,en;q=0.8"), Language::Fi);
        assert_eq!(preferred("de-DE, sv;q=0.5, nb;q=0.7"), Language::Nb);
        assert_eq!(preferred("de, *;q=0.1"), Language::En);
        assert_eq!(preferred("nn"), Language::Nb);
        assert_eq!(preferred("sv;q=0, fi;q=0.2"), Language::Fi);
    }

    #[test]
    fn every_language_has_words_for_every_key_english_has() {
        let keys = |language| {
            ftl(language)
                .lines()
                .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim().to_owned()))
                .collect::<Vec<_>>()
        };
        let english = keys(Language::En);
        let mut unique = english.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), english.len(), "a key is written twice");
        for language in Language::ALL {
            assert_eq!(keys(language), english, "{language:?}");
        }
    }

    #[test]
    fn a_declaration_is_named_by_its_name_in_every_language() {
        let e = Reason::Definition(DefinitionError::Example {
            index: 0,
            name: "areal".into(),
        });
        for language in Language::ALL {
            let words = reason(language, "custom_field.example_mismatch", &e);
            assert!(words.contains("areal"), "{language:?}");
        }
        assert_eq!(
            reason(Language::Nb, "value.country_unknown", &Reason::Country),
            "Ikke et land importen kjenner: skriv NO, FI eller SE."
        );
    }
}
