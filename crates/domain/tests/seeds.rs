//! The words of the two help pages users come from (`tests/seeds/`, copied from
//! `shared/seeds/`): APEX's Norwegian guide to importing customers and Taimer's Finnish
//! one. Every field name they use, and the headings of the Excel templates they
//! describe, is suggested for its field; so are the same names in the other languages.
#![allow(clippy::unwrap_used)]

use customer_import_domain::{
    country::Country, mapping::suggest, schema::default_fields, validate::Date,
};

const TODAY: Date = Date {
    year: 2026,
    month: 11,
    day: 21,
};

const APEX_NB: &str = include_str!("seeds/apex-kundeimport.nb.txt");
const TAIMER_FI: &str = include_str!("seeds/taimer-asiakastietojen-tuonti.fi.txt");

/// The field each heading alone is mapped to, if any.
fn field_of(heading: &str, country: Country) -> Option<String> {
    let m = suggest(
        &[Some(heading)],
        |_| Vec::new(),
        &default_fields(),
        country,
        TODAY,
    );
    m.fields.keys().next().cloned()
}

/// `(words as the page writes them, field)`: each is checked to be on the page, so the
/// list cannot drift from the text it stands for.
const APEX_WORDS: &[(&str, &str)] = &[
    // "F.eks kunde navn = navn."
    ("kunde navn", "name"),
    ("navn", "name"),
    // "Importer dine kunder i .csv fil med navn, epost adresse, telefon nr. og
    // fødselsdato"
    ("epost adresse", "email"),
    ("telefon nr.", "phone"),
    ("fødselsdato", "birth_date"),
    // "legge til kunder på ditt prosjekt, og direkte på boligene"
    ("bolig", "unit"),
];

const TAIMER_WORDS: &[(&str, &str)] = &[
    // "oikeaan otsikkoon (Y-tunnus, Yritys, Osoite jne.)"
    ("Y-tunnus", "business_id"),
    ("Yritys", "company_name"),
    ("Osoite", "address"),
    // "Valitse pudostusvalikosta: Yritystyyppi … Asiakkuusryhmä … Asiakkuusjohtaja"
    ("Yritystyyppi", "company_type"),
    ("Asiakkuusryhmä", "customer_group"),
    ("Asiakkuusjohtaja", "account_manager"),
    // "Taimerissa on oletuksena seuraavat yritysryhmät: Liidi, Kumppani, …": the
    // company types are also called company groups.
    ("yritysryhmä", "company_type"),
    // "asiakasryhmittäin ja asiakavastaavittain": by customer group and account manager.
    ("asiakasryhm", "customer_group"),
];

#[test]
fn every_field_name_on_the_apex_page_is_suggested_for_its_field() {
    check_on_page(APEX_NB, APEX_WORDS, Country::Norway);
}

#[test]
fn every_field_name_on_the_taimer_page_is_suggested_for_its_field() {
    check_on_page(TAIMER_FI, TAIMER_WORDS, Country::Finland);
}

fn check_on_page(page: &str, words: &[(&str, &str)], country: Country) {
    let page = page.to_lowercase();
    let mut wrong = Vec::new();
    for (words, field) in words {
        assert!(
            page.contains(&words.to_lowercase()),
            "{words:?} is not on the page"
        );
        // A stem such as "asiakasryhm" stands for its dictionary form.
        let heading = match *words {
            "asiakasryhm" => "Asiakasryhmä",
            w => w,
        };
        let got = field_of(heading, country);
        if got.as_deref() != Some(*field) {
            wrong.push(format!("{heading:?} → {got:?}, not {field}"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// The same names in the other three languages: what a Swedish or Norwegian user of the
/// same kind of template calls these fields.
#[test]
fn the_seed_fields_have_their_names_in_every_language() {
    let cases: &[(&str, &str)] = &[
        // company type ("Yritystyyppi", "yritysryhmä")
        ("Selskapstype", "company_type"),
        ("Bedriftstype", "company_type"),
        ("Firmatype", "company_type"),
        ("Företagstyp", "company_type"),
        ("Företagsgrupp", "company_type"),
        ("Company type", "company_type"),
        // customer group ("Asiakkuusryhmä")
        ("Kundegruppe", "customer_group"),
        ("Kundgrupp", "customer_group"),
        ("Customer group", "customer_group"),
        ("Asiakasryhmä", "customer_group"),
        // account manager ("Asiakkuusjohtaja", "asiakasvastaava")
        ("Kundeansvarlig", "account_manager"),
        ("Kundansvarig", "account_manager"),
        ("Account manager", "account_manager"),
        ("Asiakasvastaava", "account_manager"),
        // company ("Yritys"), business id ("Y-tunnus"), address ("Osoite")
        ("Firma", "company_name"),
        ("Företag", "company_name"),
        ("Company", "company_name"),
        ("Org.nr.", "business_id"),
        ("Organisationsnummer", "business_id"),
        ("Business ID", "business_id"),
        ("Adresse", "address"),
        ("Adress", "address"),
        ("Address", "address"),
        // the APEX names
        ("Kundnamn", "name"),
        ("Customer name", "name"),
        ("E-postadress", "email"),
        ("Email address", "email"),
        ("Telefonnr.", "phone"),
        ("Tel. nr", "phone"),
        ("Phone no.", "phone"),
        ("Puhelinnro", "phone"),
        ("Födelsedatum", "birth_date"),
        ("Syntymäaika", "birth_date"),
        ("Date of birth", "birth_date"),
        ("Lägenhet", "unit"),
        ("Asunto", "unit"),
        ("Unit", "unit"),
    ];
    let wrong: Vec<_> = cases
        .iter()
        .filter_map(|(heading, field)| {
            let got = field_of(heading, Country::Sweden);
            (got.as_deref() != Some(*field)).then(|| format!("{heading:?} → {got:?}, not {field}"))
        })
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// The headings of the templates the pages describe, each one a file's whole heading
/// row: APEX's "Eksporter kunder" example file and Taimer's company Excel template.
#[test]
fn the_templates_heading_rows_map_column_by_column() {
    let rows: &[(Country, &[(&str, &str)])] = &[
        (
            Country::Norway,
            &[
                ("Navn", "name"),
                ("E-post", "email"),
                ("Telefon", "phone"),
                ("Fødselsdato", "birth_date"),
                ("Adresse", "address"),
                ("Postnr", "postal_code"),
                ("Poststed", "city"),
                ("Bolig", "unit"),
                ("Firmanavn", "company_name"),
                ("Org.nr", "business_id"),
            ],
        ),
        (
            Country::Finland,
            &[
                ("Yritys", "company_name"),
                ("Y-tunnus", "business_id"),
                ("Osoite", "address"),
                ("Postinumero", "postal_code"),
                ("Postitoimipaikka", "city"),
                ("Maa", "country"),
                ("Puhelin", "phone"),
                ("Sähköposti", "email"),
                ("Yhteyshenkilö", "name"),
                ("Yritystyyppi", "company_type"),
                ("Asiakkuusryhmä", "customer_group"),
                ("Asiakkuusjohtaja", "account_manager"),
                ("Asiakasnumero", "external_id"),
                ("Lisätiedot", "notes"),
            ],
        ),
        // The headings Finnish business software puts in its customer templates.
        (
            Country::Finland,
            &[
                ("Asiakaskoodi", "external_id"),
                ("Nimi", "name"),
                ("Yrityksen nimi", "company_name"),
                ("Katuosoite", "address"),
                ("Postinumero", "postal_code"),
                ("Kaupunki", "city"),
                ("Puhelinnumero", "phone"),
                ("Sähköpostiosoite", "email"),
                ("Asiakasryhmä", "customer_group"),
                ("Lisätietoja", "notes"),
            ],
        ),
    ];
    for (country, row) in rows {
        let headings: Vec<Option<&str>> = row.iter().map(|(h, _)| Some(*h)).collect();
        let m = suggest(
            &headings,
            |_| Vec::new(),
            &default_fields(),
            *country,
            TODAY,
        );
        for (column, (heading, field)) in row.iter().enumerate() {
            assert_eq!(
                m.column_of(field),
                Some(column),
                "{heading:?} should be {field}: {m:?}"
            );
        }
    }
}
