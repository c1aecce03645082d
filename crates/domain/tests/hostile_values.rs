//! Values no field may store, through whole rows as browser and server check them:
//! control characters, bidirectional overrides, and values longer than their field.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;

use customer_import_domain::{
    cell::CellKind,
    country::Country,
    schema::{Field, custom_field, default_fields},
    validate::{
        Customer, Date, FieldError, Lists, Problem, RawValue, RowContext, storable, validate_row,
    },
};

const TODAY: Date = Date {
    year: 2026,
    month: 11,
    day: 21,
};

/// Every text field a row may carry and its limit. First and last names are joined
/// into the name, which is what is too long.
const TEXT_FIELDS: [(&str, usize); 10] = [
    ("name", 255),
    ("first_name", 255),
    ("address", 255),
    ("city", 100),
    ("unit", 100),
    ("company_name", 255),
    ("customer_group", 100),
    ("external_id", 100),
    ("custom.parking", 255),
    ("notes", 32_767),
];

fn fields() -> Vec<Field> {
    let mut fields = default_fields();
    fields.push(custom_field("parking", "Parkering", ""));
    fields
}

/// Units unchecked (as for a project without a list) and missing groups created, so
/// both are stored as written and only this file's rules can refuse them.
fn lists() -> Lists {
    Lists {
        groups: Some(vec!["Kjøpere".into()]),
        create_missing_groups: true,
        ..Lists::default()
    }
}

fn run(pairs: &[(&str, &str)]) -> Result<Customer, Vec<FieldError>> {
    let row: BTreeMap<&str, &str> = pairs.iter().copied().collect();
    let fields = fields();
    let lists = lists();
    let ctx = RowContext {
        fields: &fields,
        country: Country::Norway,
        today: TODAY,
        lists: &lists,
    };
    validate_row(
        |f| {
            row.get(f).map(|t| RawValue {
                text: t,
                kind: CellKind::Text,
            })
        },
        &ctx,
    )
}

/// The problems of a row whose `field` holds `value` (and a name, when the field is
/// not one of the name's: with a name, first and last names are not read).
fn problems(field: &str, value: &str) -> Vec<(String, Problem)> {
    let mut pairs = vec![(field, value)];
    if !["name", "first_name", "last_name"].contains(&field) {
        pairs.push(("name", "Ola"));
    }
    match run(&pairs) {
        Ok(_) => Vec::new(),
        Err(errors) => errors.into_iter().map(|e| (e.field, e.problem)).collect(),
    }
}

/// The field a value is stored in: first names go into the name.
fn stored_as(field: &str) -> &str {
    if field == "first_name" { "name" } else { field }
}

fn only(field: &str, problem: Problem) -> Vec<(String, Problem)> {
    vec![(field.to_owned(), problem)]
}

#[test]
fn nul_is_refused_in_every_field() {
    let mut all: Vec<&str> = TEXT_FIELDS.iter().map(|(f, _)| *f).collect();
    all.extend(["last_name", "email", "phone", "postal_code", "birth_date"]);
    for field in all {
        for value in ["Ola\0", "\0", "a\0b", "\0 Kjøpere"] {
            assert_eq!(
                problems(field, value),
                only(field, Problem::ControlCharacter),
                "{field} {value:?}"
            );
        }
    }
}

#[test]
fn other_c0_and_c1_controls_are_refused() {
    let controls = [
        '\u{1}', '\u{7}', '\u{8}', '\u{1b}', '\u{1f}', '\u{7f}', '\u{80}', '\u{9b}', '\u{9f}',
    ];
    for (field, _) in TEXT_FIELDS {
        for c in controls {
            let value = format!("Ol{c}a");
            assert_eq!(
                problems(field, &value),
                only(field, Problem::ControlCharacter),
                "{field} {c:?}"
            );
        }
    }
    // U+FFFE/U+FFFF: no XML can hold them.
    assert_eq!(
        problems("city", "Oslo\u{ffff}"),
        only("city", Problem::ControlCharacter)
    );
}

#[test]
fn notes_keep_tabs_and_line_breaks_and_other_fields_fold_them() {
    let customer = run(&[
        ("name", "Ola\tNord\nmann"),
        ("address", "Storgata 1\r\nLeilighet 3"),
        (
            "notes",
            "Ring etter kl. 16\tmobil\r\nNøkkel i postkassen\rHund",
        ),
    ])
    .unwrap();
    assert_eq!(customer.name.as_deref(), Some("Ola Nord mann"));
    assert_eq!(customer.address.as_deref(), Some("Storgata 1 Leilighet 3"));
    assert_eq!(
        customer.notes.as_deref(),
        Some("Ring etter kl. 16\tmobil\nNøkkel i postkassen\nHund"),
        "CRLF and CR become LF"
    );
    // Vertical tab, form feed and NEL are white space on one line, refused in notes.
    let customer = run(&[("name", "Ola\u{b}Nord\u{85}mann\u{c}")]).unwrap();
    assert_eq!(customer.name.as_deref(), Some("Ola Nord mann"));
    for c in ['\u{b}', '\u{c}', '\u{85}'] {
        let note = format!("a{c}b");
        assert_eq!(
            problems("notes", &note),
            only("notes", Problem::ControlCharacter)
        );
    }
}

#[test]
fn bidi_overrides_and_isolates_are_refused_and_marks_allowed() {
    let bidi = [
        '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}',
        '\u{2068}', '\u{2069}',
    ];
    for (field, _) in TEXT_FIELDS {
        for c in bidi {
            let value = format!("faktura{c}fdp.exe");
            assert_eq!(
                problems(field, &value),
                only(field, Problem::BidiControl),
                "{field} {c:?}"
            );
        }
        let marked = "\u{200f}שלום\u{200e} Ola";
        assert_eq!(problems(field, marked), [], "{field}");
    }
}

#[test]
fn each_field_takes_its_limit_and_not_one_more() {
    for (field, limit) in TEXT_FIELDS {
        assert_eq!(storable::max_length(field), limit, "{field}");
        let at = "å".repeat(limit);
        assert_eq!(problems(field, &at), [], "{field} at its limit");
        let over = format!("{at}x");
        assert_eq!(
            problems(field, &over),
            only(stored_as(field), Problem::TooLong),
            "{field}"
        );
    }
    // E-mail: 254 in all.
    let address = |n: usize| format!("{}@example.no", "a".repeat(n - "@example.no".len()));
    assert_eq!(problems("email", &address(254)), []);
    assert_eq!(
        problems("email", &address(255)),
        only("email", Problem::TooLong)
    );
    // First and last name make one name of at most 255.
    let first = "a".repeat(127);
    let fits = run(&[("first_name", &first), ("last_name", &first)]).unwrap();
    assert_eq!(fits.name.unwrap().len(), 255);
    let last = "b".repeat(128);
    assert_eq!(
        run(&[("first_name", &first), ("last_name", &last)]).unwrap_err(),
        [FieldError {
            field: "name".into(),
            problem: Problem::TooLong,
            value: format!("{first} {last}"),
            other_row: None,
        }]
    );
}

#[test]
fn values_of_40000_characters_are_refused_with_the_reason() {
    let huge = "Ø".repeat(40_000);
    for (field, _) in TEXT_FIELDS {
        assert_eq!(
            problems(field, &huge),
            only(stored_as(field), Problem::TooLong),
            "{field}"
        );
    }
    let email = format!("{}@example.no", "a".repeat(40_000));
    assert_eq!(problems("email", &email), only("email", Problem::TooLong));
    // Also when every character is two UTF-16 units.
    let emoji = "😀".repeat(16_384);
    assert_eq!(problems("notes", &emoji), only("notes", Problem::TooLong));
}

#[test]
fn a_group_created_by_the_import_is_checked_like_any_value_and_a_listed_one_is_found() {
    let customer = run(&[("name", "Ola"), ("customer_group", "Nye kjøpere")]).unwrap();
    assert_eq!(customer.customer_group.as_deref(), Some("Nye kjøpere"));
    let customer = run(&[("name", "Ola"), ("customer_group", "kjøpere")]).unwrap();
    assert_eq!(customer.customer_group.as_deref(), Some("Kjøpere"));
    let name = "g".repeat(40_000);
    assert_eq!(
        problems("customer_group", &name),
        only("customer_group", Problem::TooLong)
    );
}
