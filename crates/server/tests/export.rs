//! Exports and templates: the import layout in CSV and XLSX, formulas neutralised, the
//! headings recognised by the wizard's mapping, and an export that imports back into
//! the same customers.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeMap;

use axum::http::{StatusCode, header};
use common::{TestApp, get, post_json, project_id, test_app};
use customer_import_domain::{
    country::Country,
    mapping::suggest,
    read::{Book, ReadOptions, read_file},
    schema::default_fields,
    table::{HeaderOptions, Table},
    validate::Date,
    wire::{ImportChunk, ImportResult, ImportRow, Verdict},
};

fn values(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

async fn import(t: &TestApp, project: i64, key: &str, rows: Vec<BTreeMap<String, String>>) {
    let chunk = ImportChunk {
        batch_id: None,
        create_missing_groups: false,
        rows: rows
            .into_iter()
            .enumerate()
            .map(|(i, values)| ImportRow {
                row: i as u64 + 2,
                values,
            })
            .collect(),
    };
    let (status, _, body) = post_json(
        &t.router,
        &format!("/api/projects/{project}/import"),
        &t.users.admin.token,
        Some(key),
        serde_json::to_vec(&chunk).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let result: ImportResult = serde_json::from_slice(&body).unwrap();
    for verdict in result.verdicts {
        assert!(matches!(verdict, Verdict::Created { .. }), "{verdict:?}");
    }
}

/// Two customers, one of them with every field and values that would be formulas.
async fn seeded() -> (TestApp, i64) {
    let t = test_app(None).await;
    let project = project_id(&t, &t.users.admin.token, "Fjordparken").await;
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
        let copy_project = project_id(&copy, &copy.users.admin.token, "Fjordparken").await;
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
    assert_eq!(book.default_sheet(), 0);
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
    let koivuranta = project_id(&t, admin, "Koivuranta").await;
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
    let project = project_id(&t, admin, "Fjordparken").await;
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
