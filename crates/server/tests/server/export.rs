//! Exports and templates: the import layout in CSV and XLSX, formulas neutralised, the
//! headings recognised by the wizard's mapping, and an export that imports back into
//! the same customers. Hostile values: a NUL or an over-long value rejects its row with
//! the reason; values stored before that still export; arbitrary Unicode goes through
//! import and both exports as stored or neutralised (a property test).
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;

use crate::common::{TestApp, chunk, get, test_app};
use axum::http::{StatusCode, header};
use customer_import_domain::{
    country::Country,
    mapping::suggest,
    schema::default_fields,
    validate::{Date, Problem, storable},
    wire::{ImportChunk, ImportRow, Verdict},
    write::neutralize_formula,
};
use customer_import_reading::{
    read::{Book, ReadOptions, read_file},
    table::{HeaderOptions, Table},
};
use customer_import_server::db::Backend;
use proptest::{
    prelude::{Strategy, any, prop_oneof},
    test_runner::{Config as ProptestConfig, TestRunner},
};
use sqlx::Row;

fn values(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// Rows of a file with `values`, numbered from 2 (under the heading).
fn file_rows(values: Vec<BTreeMap<String, String>>) -> Vec<ImportRow> {
    (2..)
        .zip(values)
        .map(|(row, values)| ImportRow {
            row,
            values,
            version: None,
        })
        .collect()
}

/// Imports `rows` as the admin, every one of which is created.
async fn import(t: &TestApp, project: i64, key: &str, rows: Vec<BTreeMap<String, String>>) {
    let sent = chunk(file_rows(rows));
    let result = t.admin().import_with_key(project, key, &sent).await;
    for verdict in result.unwrap().verdicts {
        assert!(matches!(verdict, Verdict::Created { .. }), "{verdict:?}");
    }
}

/// Two customers, one of them with every field and values that would be formulas.
async fn seeded() -> (TestApp, i64) {
    let t = test_app(None).await;
    let project = t.admin().project_id("Fjordparken").await;
    import(
        &t,
        project,
        "seed",
        vec![
            values(&[
                ("name", "=HYPERLINK(\"http://evil.example\";\"Klikk\")"),
                ("email", "kari@example.no"),
                ("phone", "+47 912 34 567"),
                ("birth_date", "01.02.1980"),
                ("address", "Storgata 1"),
                ("postal_code", "0150"),
                ("city", "Oslo"),
                ("country", "NO"),
                ("unit", "A-101"),
                ("company_name", "@SUM(1+1)"),
                ("business_id", "923609016"),
                ("company_type", "lead"),
                ("customer_group", "Kjøpere"),
                ("account_manager", "admin@nordbygg.example"),
                ("external_id", "-1+cmd|' /C calc'!A0"),
                ("notes", "+cmd|' /C calc'!A0"),
            ]),
            values(&[("name", "Ola Nordmann"), ("email", "ola@example.no")]),
        ],
    )
    .await;
    (t, project)
}

async fn download(t: &TestApp, uri: &str) -> (String, Vec<u8>) {
    let (status, headers, body) = get(&t.router, uri, Some(&t.users.admin.token)).await;
    assert_eq!(status, StatusCode::OK, "{uri}");
    let disposition = headers[header::CONTENT_DISPOSITION].to_str().unwrap();
    assert!(
        disposition.starts_with("attachment; filename=\"fjordparken-"),
        "{disposition}"
    );
    (
        headers[header::CONTENT_TYPE].to_str().unwrap().to_owned(),
        body,
    )
}

fn read(bytes: &[u8], name: &str) -> Book {
    read_file(bytes, name, &ReadOptions::default()).unwrap()
}

/// Headings and rows of a sheet, as text.
fn cells(book: &Book, sheet: usize) -> Vec<Vec<String>> {
    let sheet = book.sheets[sheet].content.as_ref().unwrap();
    (0..sheet.rows())
        .map(|r| {
            (0..sheet.columns())
                .map(|c| sheet.cell(r, c).text.to_owned())
                .collect()
        })
        .collect()
}

#[tokio::test]
async fn customers_export_as_a_nordic_excel_csv_with_formulas_neutralised() {
    let (t, project) = seeded().await;
    let (content_type, body) = download(
        &t,
        &format!("/api/projects/{project}/customers.csv?lang=nb"),
    )
    .await;
    assert_eq!(content_type, "text/csv; charset=utf-8");
    let text = String::from_utf8(body.clone()).unwrap();
    assert!(text.starts_with('\u{feff}'));
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert_eq!(
        lines[0],
        "Navn;E-post;Telefon;Fødselsdato;Adresse;Postnummer;Poststed;Land;Bolig;Firmanavn;\
         Organisasjonsnummer;Kundetype;Kundegruppe;Kundeansvarlig;Kundenummer;Notat"
    );
    assert_eq!(lines.len(), 4, "headings, two customers, final line end");

    let rows = cells(&read(&body, "export.csv"), 0);
    let first = &rows[1];
    assert_eq!(first[0], "'=HYPERLINK(\"http://evil.example\";\"Klikk\")");
    assert_eq!(first[2], "+4791234567", "a phone number is not a formula");
    assert_eq!(first[3], "1980-02-01");
    assert_eq!(first[5], "0150", "leading zero kept");
    assert_eq!(first[8], "A-101");
    assert_eq!(first[9], "'@SUM(1+1)");
    assert_eq!(first[11], "Lead");
    assert_eq!(first[12], "Kjøpere");
    assert_eq!(first[13], "admin@nordbygg.example");
    assert_eq!(first[14], "'-1+cmd|' /C calc'!A0");
    assert_eq!(first[15], "'+cmd|' /C calc'!A0");
    assert_eq!(rows[2][0], "Ola Nordmann");
}

#[tokio::test]
async fn customers_export_as_xlsx_with_text_cells_and_neutralised_formulas() {
    let (t, project) = seeded().await;
    let (content_type, body) = download(
        &t,
        &format!("/api/projects/{project}/customers.xlsx?lang=fi"),
    )
    .await;
    assert!(content_type.contains("spreadsheetml"));
    let book = read(&body, "export.xlsx");
    assert_eq!(book.sheets[0].name, "Asiakkaat");
    let rows = cells(&book, 0);
    assert_eq!(rows[0][0], "Nimi");
    assert_eq!(rows[0][1], "Sähköposti");
    assert_eq!(rows[1][0], "'=HYPERLINK(\"http://evil.example\";\"Klikk\")");
    assert_eq!(rows[1][2], "+4791234567");
    assert_eq!(rows[1][5], "0150");
    assert_eq!(rows[1][11], "Liidi", "the type's Finnish name");
    assert_eq!(rows[1][15], "'+cmd|' /C calc'!A0");
    assert_eq!(rows.len(), 3);
}

#[tokio::test]
async fn an_export_maps_itself_and_imports_back_into_the_same_customers() {
    let (t, project) = seeded().await;
    for (lang, ext) in [("nb", "csv"), ("fi", "xlsx"), ("en", "csv"), ("sv", "xlsx")] {
        let (_, exported) = download(
            &t,
            &format!("/api/projects/{project}/customers.{ext}?lang={lang}"),
        )
        .await;
        let book = read(&exported, &format!("export.{ext}"));
        let sheet = book.sheets[0].content.as_ref().unwrap();
        let table = Table::new(sheet, HeaderOptions::default()).unwrap();
        let headings: Vec<Option<&str>> = table
            .headings()
            .iter()
            .map(|h| Some(h.label.as_str()))
            .collect();
        let mapping = suggest(
            &headings,
            |c| {
                (0..table.rows())
                    .map(|r| {
                        let cell = table.cell(r, c);
                        (cell.text, cell.kind)
                    })
                    .collect()
            },
            &default_fields(),
            Country::Norway,
            Date::new(2026, 11, 21).unwrap(),
        );
        let keys = [
            "name",
            "email",
            "phone",
            "birth_date",
            "address",
            "postal_code",
            "city",
            "country",
            "unit",
            "company_name",
            "business_id",
            "company_type",
            "customer_group",
            "account_manager",
            "external_id",
            "notes",
        ];
        for (column, key) in keys.iter().enumerate() {
            assert_eq!(mapping.column_of(key), Some(column), "{lang}: {key}");
        }

        // Into a fresh copy of the demo data, then out again: the same cells, the
        // neutralised values included (their apostrophe is not neutralised twice).
        let copy = test_app(None).await;
        let copy_project = copy.admin().project_id("Fjordparken").await;
        let rows = (0..table.rows())
            .map(|r| {
                keys.iter()
                    .enumerate()
                    .filter(|(c, _)| !table.cell(r, *c).text.is_empty())
                    .map(|(c, k)| (k.to_string(), table.cell(r, c).text.to_owned()))
                    .collect()
            })
            .collect();
        import(&copy, copy_project, "again", rows).await;
        let (_, again) = download(
            &copy,
            &format!("/api/projects/{copy_project}/customers.{ext}?lang={lang}"),
        )
        .await;
        let again_rows = cells(&read(&again, &format!("again.{ext}")), 0);
        let expected = cells(&book, 0);
        assert_eq!(again_rows, expected, "{lang} {ext}");
    }
}

#[tokio::test]
async fn templates_hold_the_headings_and_explain_every_column() {
    let (t, project) = seeded().await;
    let (_, csv) = download(&t, &format!("/api/projects/{project}/template.csv")).await;
    let csv = String::from_utf8(csv).unwrap();
    assert!(
        csv.starts_with("\u{feff}Navn;E-post;Telefon;"),
        "Norwegian for a Norwegian project"
    );
    assert_eq!(csv.matches("\r\n").count(), 1, "headings only");

    let (_, xlsx) = download(
        &t,
        &format!("/api/projects/{project}/template.xlsx?lang=en"),
    )
    .await;
    let book = read(&xlsx, "template.xlsx");
    // A blank template's first sheet has headings only, so a reader does not take it
    // for the customers' table until rows are filled in (tests/corpus.rs covers that).
    assert_eq!(book.sheets[0].name, "Customers");
    let customers = cells(&book, 0);
    assert_eq!(customers.len(), 1, "no customer in a blank template");
    assert_eq!(customers[0][0], "Name");
    assert_eq!(book.sheets[1].name, "Explanations");
    let explained = cells(&book, 1);
    assert_eq!(
        explained[0],
        ["Column", "What it holds", "Values the project accepts"]
    );
    assert_eq!(explained.len(), 17);
    let unit = explained.iter().find(|r| r[0] == "Unit").unwrap();
    assert!(!unit[1].is_empty());
    assert!(unit[2].starts_with("A-101, A-102"), "{unit:?}");
    let types = explained.iter().find(|r| r[0] == "Company type").unwrap();
    assert_eq!(types[2], "Lead, Partner, Cold, Customer");
}

#[tokio::test]
async fn downloads_follow_the_access_rules() {
    let t = test_app(None).await;
    let admin = &t.users.admin.token;
    let koivuranta = t.client(admin).project_id("Koivuranta").await;
    for file in [
        "customers.csv",
        "customers.xlsx",
        "template.csv",
        "template.xlsx",
    ] {
        let uri = format!("/api/projects/{koivuranta}/{file}");
        let status = |token: Option<String>| {
            let router = t.router.clone();
            let uri = uri.clone();
            async move { get(&router, &uri, token.as_deref()).await.0 }
        };
        assert_eq!(status(Some(admin.clone())).await, StatusCode::OK, "{file}");
        assert_eq!(
            status(Some(t.users.case_handler.token.clone())).await,
            StatusCode::FORBIDDEN,
            "{file}"
        );
        assert_eq!(
            status(Some(t.users.other_admin.token.clone())).await,
            StatusCode::NOT_FOUND,
            "{file}"
        );
        assert_eq!(status(None).await, StatusCode::UNAUTHORIZED, "{file}");
    }
}

#[tokio::test]
async fn an_unknown_file_is_not_found_and_checked_for_access_first() {
    let t = test_app(None).await;
    let admin = &t.users.admin.token;
    let project = t.client(admin).project_id("Fjordparken").await;
    let (status, _, _) = get(
        &t.router,
        &format!("/api/projects/{project}/secrets.txt"),
        Some(admin),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = get(
        &t.router,
        &format!("/api/projects/{project}/secrets.txt"),
        Some(&t.users.outsider.token),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

// Hostile values (issue 16): a reason per row on import, and exports that never fail.

/// A chunk's verdicts, answered 200 whatever the rows hold.
async fn import_verdicts(
    t: &TestApp,
    project: i64,
    key: &str,
    rows: Vec<BTreeMap<String, String>>,
) -> Vec<Verdict> {
    let sent = ImportChunk {
        files: Vec::new(),
        file: None,
        create_missing_groups: true,
        ..chunk(file_rows(rows))
    };
    let admin = t.admin();
    let result = admin.import_with_key(project, key, &sent).await.unwrap();
    // The stored answer replays: it holds the rejected values, NUL included.
    let again = admin.import_with_key(project, key, &sent).await.unwrap();
    assert_eq!(again, result);
    assert_eq!(result.verdicts.len(), sent.rows.len());
    result.verdicts
}

fn rejection(verdict: &Verdict) -> Vec<(&str, Problem)> {
    match verdict {
        Verdict::Created { .. } => Vec::new(),
        Verdict::Rejected { errors, .. } => errors
            .iter()
            .map(|e| (e.field.as_str(), e.problem))
            .collect(),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_nul_or_an_over_long_value_rejects_its_row_with_the_reason() {
    let t = test_app(None).await;
    let project = t.admin().project_id("Fjordparken").await;
    let long_group = "g".repeat(40_000);
    let verdicts = import_verdicts(
        &t,
        project,
        "hostile",
        vec![
            values(&[("name", "Ola Nordmann")]),
            values(&[("name", "Kari\0Nordmann")]),
            values(&[("name", "Per"), ("notes", "Ring\0 meg")]),
            values(&[("name", "Åse"), ("customer_group", &long_group)]),
            values(&[("name", "Liv"), ("city", "Os\u{202e}lo")]),
            values(&[("name", "Siv"), ("notes", "Linje 1\r\nLinje 2\tslutt")]),
        ],
    )
    .await;
    assert!(matches!(verdicts[0], Verdict::Created { .. }));
    assert_eq!(
        rejection(&verdicts[1]),
        [("name", Problem::ControlCharacter)]
    );
    assert_eq!(
        rejection(&verdicts[2]),
        [("notes", Problem::ControlCharacter)]
    );
    assert_eq!(
        rejection(&verdicts[3]),
        [("customer_group", Problem::TooLong)]
    );
    assert_eq!(rejection(&verdicts[4]), [("city", Problem::BidiControl)]);
    let Verdict::Created { customer_id, .. } = verdicts[5] else {
        panic!("{:?}", verdicts[5]);
    };
    let notes: Option<String> = sqlx::query_scalar("SELECT notes FROM customers WHERE id = $1")
        .bind(customer_id)
        .fetch_one(&t.db.pool)
        .await
        .unwrap();
    assert_eq!(notes.as_deref(), Some("Linje 1\nLinje 2\tslutt"));
    // The over-long group was not created for the organization.
    let groups: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM customer_groups WHERE name = $1")
        .bind(&long_group)
        .fetch_one(&t.db.pool)
        .await
        .unwrap();
    assert_eq!(groups, 0);
}

/// Values stored before validation refused them: written as the exports can, with the
/// answer 200 for every file of the project.
#[tokio::test]
async fn values_stored_before_validation_still_export() {
    let t = test_app(None).await;
    let project = t.admin().project_id("Fjordparken").await;
    // PostgreSQL never stored a NUL (it refused the whole chunk); SQLite did.
    let name = match t.db.backend {
        Backend::Sqlite => "Ola\0Nordmann\u{1}\u{ffff}",
        Backend::Postgres => "Ola\u{7}Nordmann\u{1}\u{ffff}",
    };
    let note = format!("={}", "n".repeat(40_000));
    let long_group = "G".repeat(40_000);
    let long_unit = "U".repeat(40_000);
    let group: i64 = sqlx::query_scalar(
        "INSERT INTO customer_groups (organization_id, name)
         SELECT organization_id, $2 FROM projects WHERE id = $1 RETURNING id",
    )
    .bind(project)
    .bind(&long_group)
    .fetch_one(&t.db.pool)
    .await
    .unwrap();
    let unit: i64 =
        sqlx::query_scalar("INSERT INTO units (project_id, code) VALUES ($1, $2) RETURNING id")
            .bind(project)
            .bind(&long_unit)
            .fetch_one(&t.db.pool)
            .await
            .unwrap();
    sqlx::query(
        "INSERT INTO customers (project_id, name, notes, customer_group_id, unit_id, created_at)
         VALUES ($1, $2, $3, $4, $5, CAST(CURRENT_TIMESTAMP AS TEXT))",
    )
    .bind(project)
    .bind(name)
    .bind(&note)
    .bind(group)
    .bind(unit)
    .execute(&t.db.pool)
    .await
    .unwrap();

    let shown_name = name.replace(['\0', '\u{7}', '\u{1}', '\u{ffff}'], "\u{fffd}");
    let cut = |value: &str| value.chars().take(32_767).collect::<String>();
    for ext in ["xlsx", "csv"] {
        let (_, body) = download(&t, &format!("/api/projects/{project}/customers.{ext}")).await;
        let rows = cells(&read_back(&body, ext), 0);
        let row = &rows[1];
        assert_eq!(row[0], shown_name, "{ext}");
        assert_eq!(row[8], cut(&long_unit), "{ext}");
        assert_eq!(row[12], cut(&long_group), "{ext}");
        assert_eq!(
            row[15],
            cut(&format!("'{note}")),
            "{ext}: neutralised, then cut"
        );
    }
    for (file, lang) in [("template.xlsx", "nb"), ("template.csv", "en")] {
        download(&t, &format!("/api/projects/{project}/{file}?lang={lang}")).await;
    }
    let (_, template) = download(&t, &format!("/api/projects/{project}/template.xlsx")).await;
    let explained = cells(&read(&template, "template.xlsx"), 1);
    let units = explained.iter().find(|r| r[0] == "Bolig").unwrap();
    assert!(
        units[2].starts_with("A-101, A-102"),
        "{:?}",
        &units[2][..20]
    );
    assert_eq!(units[2].encode_utf16().count(), 32_767);
    let groups = explained.iter().find(|r| r[0] == "Kundegruppe").unwrap();
    assert_eq!(groups[2].encode_utf16().count(), 32_767);
}

/// An export read back as written: the CSV with its own delimiter and encoding, so
/// values full of `;`, `,` and tabs cannot make a guess go wrong.
fn read_back(bytes: &[u8], ext: &str) -> Book {
    let options = ReadOptions {
        encoding: Some("utf-8".into()),
        delimiter: (ext == "csv").then_some(b';'),
        ..ReadOptions::default()
    };
    read_file(bytes, &format!("export.{ext}"), &options).unwrap()
}

/// The free-text columns of the layout, by their place in it, and where each is stored.
const FREE_TEXT: [(&str, usize, &str); 7] = [
    ("name", 0, "c.name"),
    ("address", 4, "c.address"),
    ("city", 6, "c.city"),
    ("company_name", 9, "c.company_name"),
    ("customer_group", 12, "g.name"),
    ("external_id", 14, "c.external_id"),
    ("notes", 15, "c.notes"),
];

/// Characters that matter to storage, XML, CSV and formulas, often; any other often
/// enough.
fn a_char() -> impl Strategy<Value = char> {
    let chosen = vec![
        '=',
        '+',
        '-',
        '@',
        '＝',
        '＋',
        '－',
        '＠',
        ' ',
        '\t',
        '\n',
        '\r',
        '\0',
        '\u{1}',
        '\u{b}',
        '\u{1b}',
        '\u{7f}',
        '\u{85}',
        '\u{9b}',
        '\u{a0}',
        '\u{202e}',
        '\u{2066}',
        '\u{200e}',
        '\u{2028}',
        '\u{feff}',
        '\u{fffe}',
        '\u{ffff}',
        '"',
        ';',
        ',',
        '\'',
        '<',
        '&',
        '_',
        'x',
        '0',
        '1',
        '.',
        'Å',
        'ø',
        '😀',
        '\u{10ffff}',
    ];
    prop_oneof![
        6 => proptest::char::range('a', 'z'),
        2 => proptest::sample::select(chosen),
        1 => any::<char>(),
    ]
}

fn a_value() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => proptest::collection::vec(a_char(), 0..16).prop_map(String::from_iter),
        // Around the limits of one-line fields (100 and 255).
        1 => (a_char(), proptest::sample::select(vec![99, 100, 101, 254, 255, 256]))
            .prop_map(|(c, n)| format!("{c}{}", "x".repeat(n - 1))),
    ]
}

/// A name (most rows need one to be created) and a few other free-text values.
fn a_row() -> impl Strategy<Value = BTreeMap<String, String>> {
    let field = proptest::sample::select(FREE_TEXT.map(|(k, _, _)| k).to_vec());
    (
        a_value(),
        proptest::collection::vec((field, a_value()), 0..5),
    )
        .prop_map(|(name, pairs)| {
            std::iter::once(("name", name))
                .chain(pairs)
                .map(|(k, v)| (k.to_owned(), v))
                .collect()
        })
}

/// Whether `value` holds what no field may store, told apart from the validation's own
/// code: controls (notes may keep tab and LF; CR is stored as LF), U+FFFE/F, bidi
/// overrides and isolates.
fn hidden(value: &str, notes: bool) -> bool {
    value.chars().any(|c| {
        (c.is_control() && !(notes && matches!(c, '\t' | '\n')))
            || matches!(c, '\u{fffe}' | '\u{ffff}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    })
}

/// One chunk of arbitrary rows: 200 with a verdict per row, and every created row's
/// values in both exports as stored, or neutralised. Returns how many rows were
/// created and how many rejected.
async fn imports_and_exports_as_stored(
    t: &TestApp,
    project: i64,
    key: &str,
    rows: Vec<BTreeMap<String, String>>,
) -> (usize, usize) {
    let verdicts = import_verdicts(t, project, key, rows).await;
    let created: Vec<i64> = verdicts
        .iter()
        .filter_map(|v| match v {
            Verdict::Created { customer_id, .. } => Some(*customer_id),
            Verdict::Rejected { errors, .. } => {
                assert!(!errors.is_empty(), "a rejection has a reason");
                None
            }
            other => panic!("{other:?}"),
        })
        .collect();
    let counts = (created.len(), verdicts.len() - created.len());
    if created.is_empty() {
        return counts;
    }
    let ids: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM customers WHERE project_id = $1 ORDER BY id")
            .bind(project)
            .fetch_all(&t.db.pool)
            .await
            .unwrap();
    let columns: Vec<&str> = FREE_TEXT.iter().map(|(_, _, c)| *c).collect();
    let query = format!(
        "SELECT {} FROM customers c LEFT JOIN customer_groups g ON g.id = c.customer_group_id
         WHERE c.id = $1",
        columns.join(", ")
    );
    let mut stored = Vec::new();
    for id in &created {
        let row = sqlx::query(&query)
            .bind(id)
            .fetch_one(&t.db.pool)
            .await
            .unwrap();
        let values: Vec<String> = (0..FREE_TEXT.len())
            .map(|i| {
                row.try_get::<Option<String>, _>(i)
                    .unwrap()
                    .unwrap_or_default()
            })
            .collect();
        for ((key, _, _), value) in FREE_TEXT.iter().zip(&values) {
            assert!(!hidden(value, *key == "notes"), "{key} {value:?}");
            let length = value.encode_utf16().count();
            assert!(length <= storable::max_length(key), "{key}: {length}");
        }
        stored.push(values);
    }
    for ext in ["csv", "xlsx"] {
        let uri = format!("/api/projects/{project}/customers.{ext}");
        let (_, body) = download(t, &uri).await;
        let rows = cells(&read_back(&body, ext), 0);
        for (id, values) in created.iter().zip(&stored) {
            let at = 1 + ids.iter().position(|i| i == id).unwrap();
            for ((key, column, _), value) in FREE_TEXT.iter().zip(values) {
                let cell = &rows[at][*column];
                let neutral = neutralize_formula(value);
                assert_eq!(cell, &*neutral, "{ext} {key}: stored {value:?}");
                assert!(
                    *cell == *value || *cell == format!("'{value}"),
                    "{ext} {key}"
                );
            }
        }
    }
    counts
}

#[test]
fn arbitrary_unicode_imports_with_a_verdict_and_exports_as_stored() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let (t, project) = runtime.block_on(async {
        let t = test_app(None).await;
        let project = t.admin().project_id("Fjordparken").await;
        (t, project)
    });
    let mut runner = TestRunner::new(ProptestConfig {
        cases: 48,
        failure_persistence: None,
        ..ProptestConfig::default()
    });
    let case = std::cell::Cell::new(0);
    let (created, rejected) = (std::cell::Cell::new(0), std::cell::Cell::new(0));
    runner
        .run(&proptest::collection::vec(a_row(), 1..5), |rows| {
            case.set(case.get() + 1);
            let key = format!("property-{}", case.get());
            let (c, r) = runtime.block_on(imports_and_exports_as_stored(&t, project, &key, rows));
            created.set(created.get() + c);
            rejected.set(rejected.get() + r);
            Ok(())
        })
        .unwrap();
    // Both ways were taken, many times.
    assert!(
        created.get() > 20 && rejected.get() > 20,
        "{created:?} {rejected:?}"
    );
}
