//! Auto-mapping on heading rows as they appear in real files, in Norwegian (bokmål and
//! nynorsk), Finnish, Swedish and English, decorated, abbreviated and misspelt.
#![allow(clippy::unwrap_used)]

use customer_import_domain::{
    cell::CellKind,
    country::Country,
    mapping::{Mapping, signature, suggest},
    schema::default_fields,
    validate::Date,
};

const TODAY: Date = Date {
    year: 2026,
    month: 11,
    day: 21,
};

fn mapped(headings: &[&str]) -> Vec<(String, usize)> {
    let headings: Vec<Option<&str>> = headings.iter().map(|h| Some(*h)).collect();
    let m = suggest(
        &headings,
        |_| Vec::new(),
        &default_fields(),
        Country::Norway,
        TODAY,
    );
    by_column(&m)
}

fn by_column(m: &Mapping) -> Vec<(String, usize)> {
    let mut v: Vec<_> = m
        .fields
        .keys()
        .map(|f| (f.clone(), m.column_of(f).unwrap()))
        .collect();
    v.sort_by_key(|(_, c)| *c);
    v
}

fn expect(pairs: &[(&str, usize)]) -> Vec<(String, usize)> {
    pairs.iter().map(|(f, c)| (f.to_string(), *c)).collect()
}

/// Headings, and the field each mapped column should get.
type Case = (&'static [&'static str], &'static [(&'static str, usize)]);

#[test]
fn heading_rows_in_five_languages() {
    let cases: &[Case] = &[
        // Norwegian bokmål
        (
            &["Navn", "E-post", "Mobil", "Bolig"],
            &[("name", 0), ("email", 1), ("phone", 2), ("unit", 3)],
        ),
        (
            &[
                "Fornavn",
                "Etternavn",
                "E-postadresse",
                "Telefonnummer",
                "Leilighet",
            ],
            &[
                ("first_name", 0),
                ("last_name", 1),
                ("email", 2),
                ("phone", 3),
                ("unit", 4),
            ],
        ),
        (
            &[
                "Navn",
                "Epsot",
                "Tlf.",
                "Fødselsdato",
                "Postnr.",
                "Poststed",
            ],
            &[
                ("name", 0),
                ("email", 1),
                ("phone", 2),
                ("birth_date", 3),
                ("postal_code", 4),
                ("city", 5),
            ],
        ),
        (
            &[
                "Firmanavn",
                "Org.nr",
                "Kontaktperson",
                "E-post",
                "Telefon",
                "Kundeansvarlig",
                "Kundegruppe",
            ],
            &[
                ("company_name", 0),
                ("business_id", 1),
                ("name", 2),
                ("email", 3),
                ("phone", 4),
                ("account_manager", 5),
                ("customer_group", 6),
            ],
        ),
        (
            &["Kundenummer", "Kunde", "Merknad"],
            &[("external_id", 0), ("name", 1), ("notes", 2)],
        ),
        (
            &["NAVN", "E_POST", "MOBILNR.", "BOLIGNR"],
            &[("name", 0), ("email", 1), ("phone", 2), ("unit", 3)],
        ),
        (
            &[
                "Kjøpers navn",
                "Kundens e-postadresse",
                "Mobil (privat)",
                "Leilighet nr.",
            ],
            &[("name", 0), ("email", 1), ("phone", 2), ("unit", 3)],
        ),
        // Norwegian nynorsk
        (
            &["Namn", "E-postadresse", "Mobilnummer", "Fødd", "Bueining"],
            &[
                ("name", 0),
                ("email", 1),
                ("phone", 2),
                ("birth_date", 3),
                ("unit", 4),
            ],
        ),
        (
            &["Førenamn", "Etternamn", "Adresse", "Postnummer", "Stad"],
            &[
                ("first_name", 0),
                ("last_name", 1),
                ("address", 2),
                ("postal_code", 3),
                ("city", 4),
            ],
        ),
        // Finnish
        (
            &["Nimi", "Sähköposti", "Puhelin", "Syntymäaika", "Asunto"],
            &[
                ("name", 0),
                ("email", 1),
                ("phone", 2),
                ("birth_date", 3),
                ("unit", 4),
            ],
        ),
        (
            &[
                "Etunimi",
                "Sukunimi",
                "Sähköpostiosoite",
                "Puh",
                "Huoneisto",
                "Lisätiedot",
            ],
            &[
                ("first_name", 0),
                ("last_name", 1),
                ("email", 2),
                ("phone", 3),
                ("unit", 4),
                ("notes", 5),
            ],
        ),
        (
            &[
                "Yrityksen nimi",
                "Y-tunnus",
                "Yhteyshenkilö",
                "Sähköposti",
                "Asiakasryhmä",
                "Asiakastyyppi",
            ],
            &[
                ("company_name", 0),
                ("business_id", 1),
                ("name", 2),
                ("email", 3),
                ("customer_group", 4),
                ("company_type", 5),
            ],
        ),
        (
            &[
                "Asiakasnumero",
                "Nimi",
                "Katuosoite",
                "Postinumero",
                "Postitoimipaikka",
                "Maa",
            ],
            &[
                ("external_id", 0),
                ("name", 1),
                ("address", 2),
                ("postal_code", 3),
                ("city", 4),
                ("country", 5),
            ],
        ),
        (
            &["SAHKOPOSTI", "puhelinnro", "Syntymapaiva"],
            &[("email", 0), ("phone", 1), ("birth_date", 2)],
        ),
        // Swedish
        (
            &["Namn", "E-post", "Mobilnummer", "Lägenhet", "Födelsedatum"],
            &[
                ("name", 0),
                ("email", 1),
                ("phone", 2),
                ("unit", 3),
                ("birth_date", 4),
            ],
        ),
        (
            &[
                "Förnamn",
                "Efternamn",
                "E-postadress",
                "Telefon",
                "Adress",
                "Postnummer",
                "Ort",
            ],
            &[
                ("first_name", 0),
                ("last_name", 1),
                ("email", 2),
                ("phone", 3),
                ("address", 4),
                ("postal_code", 5),
                ("city", 6),
            ],
        ),
        (
            &[
                "Företagsnamn",
                "Organisationsnummer",
                "Kundansvarig",
                "Kundgrupp",
                "Anteckningar",
            ],
            &[
                ("company_name", 0),
                ("business_id", 1),
                ("account_manager", 2),
                ("customer_group", 3),
                ("notes", 4),
            ],
        ),
        // English
        (
            &["Name", "Email", "Phone", "Date of birth", "Unit"],
            &[
                ("name", 0),
                ("email", 1),
                ("phone", 2),
                ("birth_date", 3),
                ("unit", 4),
            ],
        ),
        (
            &[
                "First Name",
                "Last Name",
                "E-mail Address",
                "Mobile Phone",
                "Street Address",
                "ZIP Code",
                "City",
                "Country",
            ],
            &[
                ("first_name", 0),
                ("last_name", 1),
                ("email", 2),
                ("phone", 3),
                ("address", 4),
                ("postal_code", 5),
                ("city", 6),
                ("country", 7),
            ],
        ),
        (
            &[
                "Customer ID",
                "Company",
                "VAT number",
                "Contact",
                "Email",
                "Account Manager",
                "Customer Type",
                "Notes",
            ],
            &[
                ("external_id", 0),
                ("company_name", 1),
                ("business_id", 2),
                ("name", 3),
                ("email", 4),
                ("account_manager", 5),
                ("company_type", 6),
                ("notes", 7),
            ],
        ),
        // The issue's own examples, and a column that two fields could want.
        (
            &["e-mail adress", "Mobilnr.", "Puh", "Org.nr", "Leilighet"],
            &[("email", 0), ("phone", 1), ("business_id", 3), ("unit", 4)],
        ),
        (
            &["Navn", "Fornavn", "Etternavn"],
            &[("name", 0), ("first_name", 1), ("last_name", 2)],
        ),
        (&["E-post", "E-post (2)"], &[("email", 0)]),
        (&["Dato", "Sum", "Status"], &[]),
    ];
    for (headings, expected) in cases {
        assert_eq!(mapped(headings), expect(expected), "{headings:?}");
    }
}

#[test]
fn columns_without_useful_headings_are_judged_by_their_values() {
    let columns: [Vec<(&str, CellKind)>; 5] = [
        vec![
            ("Åse Øvrebø", CellKind::Text),
            ("Ola Nordmann", CellKind::Text),
        ],
        vec![
            ("ase@example.no", CellKind::Text),
            ("ola@example.no", CellKind::Text),
        ],
        vec![
            ("912 34 567", CellKind::Text),
            ("4791234567", CellKind::Number),
        ],
        vec![
            ("04.07.1985", CellKind::Date),
            ("1990-01-31", CellKind::Text),
        ],
        vec![
            ("923609016", CellKind::Text),
            ("914237335", CellKind::Number),
        ],
    ];
    let headings = [None, Some("Kolonne B"), None, None, None];
    let m = suggest(
        &headings,
        |c| columns[c].clone(),
        &default_fields(),
        Country::Norway,
        TODAY,
    );
    assert_eq!(
        by_column(&m),
        expect(&[
            ("email", 1),
            ("phone", 2),
            ("birth_date", 3),
            ("business_id", 4)
        ])
    );
}

#[test]
fn a_column_serves_one_field_and_a_field_takes_one_column() {
    let mut m = Mapping::default();
    m.set_column("email", 2);
    m.set_column("phone", 2);
    assert_eq!(by_column(&m), expect(&[("phone", 2)]));
    m.set_column("phone", 3);
    assert_eq!(by_column(&m), expect(&[("phone", 3)]));
    m.set_fixed("company_type", "Lead");
    assert_eq!(m.column_of("company_type"), None);
    assert_eq!(m.field_of_column(3), Some("phone"));
}

#[test]
fn a_layout_is_recognised_however_it_is_written() {
    let a = signature(&["Navn", "E-post", "Bolig"]);
    assert_eq!(a, signature(&["NAVN ", "e-post", "bolig"]));
    assert_eq!(a.len(), 16);
    assert_ne!(a, signature(&["E-post", "Navn", "Bolig"]));
    assert_ne!(a, signature(&["Navn", "E-post"]));
    assert_ne!(signature(&["ab", "c"]), signature(&["a", "bc"]));
}

#[test]
fn nordic_abbreviations_are_suggested() {
    let cases: &[Case] = &[
        (
            &["Navn", "Leil.nr", "Tlf.nr", "F.dato", "Postnr", "Kundenr."],
            &[
                ("name", 0),
                ("unit", 1),
                ("phone", 2),
                ("birth_date", 3),
                ("postal_code", 4),
                ("external_id", 5),
            ],
        ),
        (
            &["Nimi", "Huon.nro", "Puh.", "Synt.pvm", "Postinro", "As.nro"],
            &[
                ("name", 0),
                ("unit", 1),
                ("phone", 2),
                ("birth_date", 3),
                ("postal_code", 4),
                ("external_id", 5),
            ],
        ),
        (
            &["Namn", "Lgh nr", "Mob", "Anm."],
            &[("name", 0), ("unit", 1), ("phone", 2), ("notes", 3)],
        ),
    ];
    for (headings, expected) in cases {
        assert_eq!(mapped(headings), expect(expected), "{headings:?}");
    }
}

#[test]
fn a_mapping_saved_before_updates_reads_as_create_only_and_the_choice_round_trips() {
    use customer_import_domain::update::{ImportMode, MatchKey};
    let old: Mapping = serde_json::from_str(r#"{"fields": {"email": {"column": 1}}}"#).unwrap();
    assert_eq!(old.mode, ImportMode::CreateOnly);
    assert!(old.blank.is_empty());
    assert_eq!(old.match_key(), Some(MatchKey::Email));
    assert_eq!(
        serde_json::to_string(&old).unwrap(),
        r#"{"fields":{"email":{"column":1}}}"#,
        "the defaults are left out"
    );
    let mut chosen = old.clone();
    chosen.set_column("external_id", 3);
    chosen.mode = ImportMode::CreateAndUpdate;
    chosen.blank.insert("phone".to_owned());
    assert_eq!(chosen.match_key(), Some(MatchKey::ExternalId));
    let again: Mapping = serde_json::from_str(&serde_json::to_string(&chosen).unwrap()).unwrap();
    assert_eq!(again, chosen);
    chosen.clear("phone");
    assert!(chosen.blank.is_empty());
}

/// The choices for spellings are kept in the layout's mapping: the next file with the
/// same spellings reads them as chosen, and a mapping saved before reads as it was.
#[test]
fn value_choices_are_kept_with_the_mapping_and_read_every_row() {
    use customer_import_domain::mapping::list_values::ValueChoice;
    let old: Mapping = serde_json::from_str(r#"{"fields": {"unit": {"column": 2}}}"#).unwrap();
    assert!(old.values.is_empty());
    let mut m = old.clone();
    m.choose_value("unit", " Blokk A 101 ", ValueChoice::Item("A-101".into()));
    m.choose_value("unit", "a101", ValueChoice::Item("A-101".into()));
    m.choose_value("customer_group", "Nye", ValueChoice::Create);
    let json = serde_json::to_string(&m).unwrap();
    assert!(
        json.contains(
            r#""values":{"customer_group":{"Nye":"create"},"unit":{"Blokk A 101":{"item":"A-101"}"#
        ),
        "{json}"
    );
    let next: Mapping = serde_json::from_str(&json).unwrap();
    let column = ["Blokk A 101", "a101", "A-102", "Blokk A 101 "];
    let read: Vec<&str> = column.iter().map(|v| next.read_value("unit", v)).collect();
    assert_eq!(read, ["A-101", "A-101", "A-102", "A-101"]);
    assert_eq!(
        next.read_value("customer_group", "Nye"),
        "Nye",
        "created as spelled"
    );
    m.clear("unit");
    assert!(!m.values.contains_key("unit"));
}
