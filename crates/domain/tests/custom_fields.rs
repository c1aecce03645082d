//! A project's own fields, as its portal declares them: the declaration checked, each
//! type's values read and stored, problems in the user's language naming the field's
//! label and what it takes, and columns headed with a label suggested for the field.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;

use customer_import_domain::{
    cell::CellKind,
    country::Country,
    mapping::suggest,
    schema::{CustomField, DefinitionError, Field, LocalText, ValueType, default_fields},
    texts::Language,
    validate::{Customer, Date, FieldError, Lists, Problem, RawValue, RowContext, validate_row},
};

const TODAY: Date = Date {
    year: 2026,
    month: 11,
    day: 30,
};

fn declared(json: &str) -> Vec<CustomField> {
    serde_json::from_str(json).unwrap()
}

/// The fields of a Norwegian housing project: parking space, move-in date, floor
/// area, contract type.
fn project() -> Vec<CustomField> {
    declared(
        r#"[
        {"name": "parking", "label": {"nb": "Parkeringsplass", "fi": "Autopaikka", "en": "Parking space"},
         "help": {"nb": "Plassnummeret i garasjen"}, "type": "pattern", "pattern": "P-[0-9]{3}", "example": "P-012"},
        {"name": "move_in", "label": {"nb": "Innflytting", "fi": "Muuttopäivä"}, "type": "date", "required": true},
        {"name": "area", "label": "BRA m²", "type": "number"},
        {"name": "contract", "label": {"nb": "Kontrakt", "en": "Contract"}, "type": "one_of",
         "options": ["Kjøpekontrakt", "Leiekontrakt", "Opsjon"]}
    ]"#,
    )
}

fn fields() -> Vec<Field> {
    default_fields()
        .into_iter()
        .chain(project().iter().map(CustomField::field))
        .collect()
}

fn run(pairs: &[(&str, &str)]) -> Result<Customer, Vec<FieldError>> {
    let fields = fields();
    let row: BTreeMap<&str, &str> = pairs.iter().copied().collect();
    let lists = Lists::default();
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

fn problems(pairs: &[(&str, &str)]) -> Vec<(String, Problem)> {
    run(pairs)
        .unwrap_err()
        .into_iter()
        .map(|e| (e.field, e.problem))
        .collect()
}

#[test]
fn values_of_every_type_are_stored_in_their_normal_form() {
    let customer = run(&[
        ("name", "Kari Nordmann"),
        ("custom.parking", " P-012 "),
        ("custom.move_in", "01.05.27"),
        ("custom.area", "1 234,50"),
        ("custom.contract", "leiekontrakt"),
    ])
    .unwrap();
    let stored: Vec<(&str, &str)> = customer
        .custom
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        stored,
        [
            ("custom.area", "1234.5"),
            ("custom.contract", "Leiekontrakt"),
            // A two-digit year of a date to come: 2027, not 1927.
            ("custom.move_in", "2027-05-01"),
            ("custom.parking", "P-012"),
        ]
    );
    // What the browser sends, the server reads back to the same customer.
    let values = customer.to_values();
    let pairs: Vec<(&str, &str)> = values
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(run(&pairs).unwrap(), customer);
}

#[test]
fn every_problem_is_on_its_field_and_all_are_found_at_once() {
    assert_eq!(
        problems(&[
            ("name", "Kari"),
            ("custom.parking", "P12"),
            ("custom.move_in", "31.02.2027"),
            ("custom.area", "1,234.5"),
            ("custom.contract", "Kjøp"),
        ]),
        [
            ("custom.parking".to_owned(), Problem::PatternMismatch),
            ("custom.move_in".to_owned(), Problem::DateInvalid),
            ("custom.area".to_owned(), Problem::NumberInvalid),
            ("custom.contract".to_owned(), Problem::OptionUnknown),
        ]
    );
    assert_eq!(
        problems(&[("name", "Kari")]),
        [("custom.move_in".to_owned(), Problem::Required)]
    );
    // Hidden characters are refused on a project's field as on any other.
    assert_eq!(
        problems(&[
            ("name", "Kari"),
            ("custom.move_in", "2027-05-01"),
            ("custom.parking", "P-0\u{0}12")
        ]),
        [("custom.parking".to_owned(), Problem::ControlCharacter)]
    );
}

#[test]
fn problems_name_the_label_and_what_the_field_takes_in_the_readers_language() {
    let fields = fields();
    let errors = run(&[
        ("name", "Kari"),
        ("custom.move_in", "2027-05-01"),
        ("custom.parking", "P12"),
        ("custom.contract", "Kjøp"),
    ])
    .unwrap_err();
    let say = |language: Language| -> Vec<String> {
        errors
            .iter()
            .map(|e| language.problem_in(e, &fields))
            .collect()
    };
    assert_eq!(
        say(Language::Nb),
        [
            "«P12» har ikke formen Parkeringsplass skal ha, for eksempel P-012.",
            "«Kjøp» er ikke et av valgene for Kontrakt: Kjøpekontrakt, Leiekontrakt, Opsjon.",
        ]
    );
    assert_eq!(
        say(Language::Fi),
        [
            "Autopaikka: ”P12” ei ole oikeassa muodossa. Esimerkki: P-012.",
            // No Finnish label: the English one.
            "Contract: ”Kjøp” ei kuulu vaihtoehtoihin (Kjøpekontrakt, Leiekontrakt, Opsjon).",
        ]
    );
    let parking = &fields[fields.len() - 4];
    assert_eq!(Language::Fi.field_label(parking), "Autopaikka");
    assert_eq!(Language::Sv.field_label(parking), "Parking space");
    assert_eq!(Language::Nb.field_help(parking), "Plassnummeret i garasjen");
    assert_eq!(Language::Nb.field_label(&fields[0]), "Navn");
}

#[test]
fn a_long_list_of_choices_is_cut_in_the_message() {
    let options: Vec<String> = (1..=30).map(|i| format!("Type {i}")).collect();
    let field = CustomField {
        name: "kind".into(),
        label: LocalText::One("Type".into()),
        help: LocalText::default(),
        value: ValueType::OneOf { options },
        required: false,
    }
    .field();
    let error = FieldError {
        field: "custom.kind".into(),
        problem: Problem::OptionUnknown,
        value: "x".into(),
        other_row: None,
    };
    let text = Language::En.problem_in(&error, &[field]);
    assert!(
        text.ends_with("Type 9, Type 10, ….") && !text.contains("Type 11"),
        "{text}"
    );
}

#[test]
fn columns_headed_with_a_label_are_suggested_for_the_field() {
    let fields = fields();
    let headings = [
        Some("Nimi"),
        Some("Autopaikka"),
        Some("Muuttopäivä"),
        Some("BRA m2"),
        Some("Kontrakt"),
    ];
    let mapping = suggest(&headings, |_| Vec::new(), &fields, Country::Finland, TODAY);
    for (key, column) in [
        ("name", 0),
        ("custom.parking", 1),
        ("custom.move_in", 2),
        ("custom.area", 3),
        ("custom.contract", 4),
    ] {
        assert_eq!(mapping.column_of(key), Some(column), "{key}");
    }
}

#[test]
fn declarations_that_could_not_be_used_are_refused() {
    assert_eq!(CustomField::check_all(&project()), Ok(()));
    let refused = |json: &str| CustomField::check_all(&declared(json)).unwrap_err();
    assert_eq!(
        refused(r#"[{"name": "Parking", "label": "P", "type": "text"}]"#),
        DefinitionError::Name {
            index: 0,
            name: "Parking".into()
        }
    );
    assert_eq!(
        refused(
            r#"[{"name": "a", "label": "A", "type": "text"}, {"name": "a", "label": "B", "type": "date"}]"#
        ),
        DefinitionError::NameTwice {
            index: 1,
            name: "a".into()
        }
    );
    assert_eq!(
        refused(r#"[{"name": "a", "label": " ", "type": "text"}]"#),
        DefinitionError::Label {
            index: 0,
            name: "a".into()
        }
    );
    assert_eq!(
        refused(r#"[{"name": "a", "label": {"de": "A"}, "type": "text"}]"#),
        DefinitionError::Language {
            index: 0,
            name: "a".into()
        }
    );
    assert_eq!(
        refused(r#"[{"name": "a", "label": "A\u202e", "type": "text"}]"#),
        DefinitionError::Label {
            index: 0,
            name: "a".into()
        }
    );
    assert_eq!(
        refused(r#"[{"name": "a", "label": "A", "type": "one_of", "options": []}]"#),
        DefinitionError::Options {
            index: 0,
            name: "a".into()
        }
    );
    assert_eq!(
        refused(r#"[{"name": "a", "label": "A", "type": "one_of", "options": ["Å", "a"]}]"#),
        DefinitionError::Options {
            index: 0,
            name: "a".into()
        }
    );
    assert!(matches!(
        refused(
            r#"[{"name": "a", "label": "A", "type": "pattern", "pattern": "(", "example": "("}]"#
        ),
        DefinitionError::Pattern { index: 0, .. }
    ));
    assert_eq!(
        refused(
            r#"[{"name": "a", "label": "A", "type": "pattern", "pattern": "[0-9]+", "example": "P-1"}]"#
        ),
        DefinitionError::Example {
            index: 0,
            name: "a".into()
        }
    );
    let many: Vec<String> = (0..51)
        .map(|i| format!(r#"{{"name": "f{i}", "label": "F", "type": "text"}}"#))
        .collect();
    assert_eq!(
        refused(&format!("[{}]", many.join(","))),
        DefinitionError::TooMany
    );
    // An unknown type, or a pattern without its example, is not a declaration at all.
    assert!(
        serde_json::from_str::<Vec<CustomField>>(
            r#"[{"name": "a", "label": "A", "type": "money"}]"#
        )
        .is_err()
    );
    assert!(
        serde_json::from_str::<Vec<CustomField>>(
            r#"[{"name": "a", "label": "A", "type": "pattern", "pattern": "x"}]"#
        )
        .is_err()
    );
}

#[test]
fn custom_values_travel_by_their_declared_names_and_are_read_in_either_form() {
    use customer_import_domain::validate::Customer;
    let customer = Customer {
        name: Some("Kari".into()),
        custom: [("custom.areal".to_owned(), "74.5".to_owned())].into(),
        ..Customer::default()
    };
    let wire = serde_json::to_value(&customer).unwrap();
    assert_eq!(wire["custom"], serde_json::json!({ "areal": "74.5" }));
    let back: Customer = serde_json::from_value(wire).unwrap();
    assert_eq!(back, customer);
    let by_key: Customer =
        serde_json::from_value(serde_json::json!({ "custom": { "custom.areal": "74.5" } }))
            .unwrap();
    assert_eq!(by_key.custom, customer.custom);
}
