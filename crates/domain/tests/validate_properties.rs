//! Properties of every normaliser, on arbitrary and on realistic input: it never
//! panics, and what it returns is a fixed point (normalising a stored value again
//! changes nothing), so browser, server and re-imports agree.
#![allow(clippy::unwrap_used)]

use customer_import_domain::{
    country::Country,
    read::CellKind,
    validate::{
        Date, normalize_birth_date, normalize_business_id, normalize_email, normalize_phone,
        normalize_postal_code, normalize_text,
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
}
