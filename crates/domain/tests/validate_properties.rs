//! Properties of every normaliser, on arbitrary and on realistic input: it never
//! panics, and what it returns is a fixed point (normalising a stored value again
//! changes nothing), so browser, server and re-imports agree.
#![allow(clippy::unwrap_used)]

use customer_import_domain::{
    cell::CellKind,
    country::Country,
    validate::{
        Date, find_duplicates, normalize_birth_date, normalize_business_id, normalize_email,
        normalize_phone, normalize_postal_code, normalize_text, text::trim,
    },
};
use proptest::prelude::*;

const TODAY: Date = Date {
    year: 2026,
    month: 11,
    day: 21,
};

fn country() -> impl Strategy<Value = Country> {
    prop_oneof![
        Just(Country::Norway),
        Just(Country::Finland),
        Just(Country::Sweden)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn the_quick_trim_is_str_trim(raw in prop_oneof![".*", "[ \u{a0}\u{3000}\tæa]{0,4}"]) {
        prop_assert_eq!(trim(&raw), raw.trim());
    }

    #[test]
    fn email_is_a_fixed_point(raw in prop_oneof![
        ".*",
        "(mailto:)? ?[a-zA-Z0-9.+_'-]{1,16}@[a-zA-ZæøåÆØÅäö0-9-]{1,12}(\\.[a-z]{2,4}){1,2}\\.?",
    ]) {
        if let Ok(once) = normalize_email(&raw) {
            prop_assert_eq!(normalize_email(&once), Ok(once.clone()));
        }
    }

    #[test]
    fn phone_is_a_fixed_point_in_every_project(
        raw in prop_oneof![".*", "(\\+|00)?[0-9 ()./-]{0,18}"],
        project in country(),
    ) {
        if let Ok(once) = normalize_phone(&raw, project) {
            prop_assert!(once.starts_with('+'));
            for other in Country::ALL {
                prop_assert_eq!(normalize_phone(&once, other), Ok(once.clone()));
            }
        }
    }

    #[test]
    fn postal_code_is_a_fixed_point(raw in prop_oneof![".*", "((NO|FI|SE)-?)? ?[0-9 ]{0,7}"], c in country()) {
        if let Ok(once) = normalize_postal_code(&raw, c) {
            prop_assert_eq!(normalize_postal_code(&once, c), Ok(once.clone()));
        }
    }

    #[test]
    fn business_id_is_a_fixed_point(raw in prop_oneof![".*", "(NO|FI|SE|16)?[0-9 .-]{6,14}(MVA|01)?"]) {
        if let Ok(once) = normalize_business_id(&raw) {
            let again = normalize_business_id(&once.value).unwrap();
            prop_assert_eq!(again, once);
        }
    }

    #[test]
    fn birth_date_is_a_fixed_point(
        raw in prop_oneof![".*", "[0-9]{1,2}[./-][0-9]{1,2}[./-]([0-9]{2}|[0-9]{4})", "[0-9]{4}-[0-9]{2}-[0-9]{2}", "[0-9]{1,7}"],
        number_cell in any::<bool>(),
    ) {
        let kind = if number_cell { CellKind::Number } else { CellKind::Text };
        if let Ok(once) = normalize_birth_date(&raw, kind, TODAY) {
            prop_assert!(once <= TODAY && once.year >= 1900);
            prop_assert_eq!(normalize_birth_date(&once.iso(), CellKind::Text, TODAY), Ok(once));
        }
    }

    #[test]
    fn text_is_a_fixed_point(raw in ".*") {
        let once = normalize_text(&raw);
        prop_assert_eq!(normalize_text(&once), once);
    }

    /// The byte-level shortcut for clean cells gives what splitting on every white
    /// space character gives, also for Nordic letters and Unicode spaces.
    #[test]
    fn text_keeps_the_words_and_one_space_between(
        raw in prop_oneof![".*", "[ a-zåøæäö\u{a0}\u{85}\u{2000}-\u{200a}\u{3000}\t\r\n]{0,20}"]
    ) {
        let words: Vec<&str> = raw.split_whitespace().collect();
        prop_assert_eq!(normalize_text(&raw), words.join(" "));
    }

    /// The sorted search finds what comparing every row with every earlier one finds.
    #[test]
    fn duplicates_are_those_of_the_plain_definition(
        rows in proptest::collection::vec(
            (proptest::option::of("[aAbB]{1,2}@x\\.no"), proptest::option::of("[kK][12]")),
            0..40,
        )
    ) {
        let found: Vec<(usize, String, Option<u64>)> = find_duplicates(
            rows.len(),
            |i| 100 + i as u64,
            |i| rows[i].0.as_deref(),
            |i| rows[i].1.as_deref(),
        )
        .into_iter()
        .map(|(i, e)| (i, e.field, e.other_row))
        .collect();
        type Keys = (Option<String>, Option<String>);
        let mut expected = Vec::new();
        for (i, (email, id)) in rows.iter().enumerate() {
            let first = |same: &dyn Fn(&Keys) -> bool| {
                rows[..i].iter().position(same).map(|j| 100 + j as u64)
            };
            if let Some(e) = email
                && let Some(j) = first(&|r| r.0.as_ref().is_some_and(|o| o.eq_ignore_ascii_case(e)))
            {
                expected.push((i, "email".to_owned(), Some(j)));
            }
            if let Some(k) = id
                && let Some(j) = first(&|r| r.1.as_ref() == Some(k))
            {
                expected.push((i, "external_id".to_owned(), Some(j)));
            }
        }
        prop_assert_eq!(found, expected);
    }
}
