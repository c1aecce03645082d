//! The whole import in real Chromium against the real server and database: a file is
//! read, mapped, reviewed and saved; rows refused by the browser or the server are
//! corrected in place and sent again; the database holds each customer once, and the
//! server saw nothing but mapped fields of imported rows (and, for the mapping shared
//! in the organization, the signature of the headings and the mapping).
#![allow(clippy::unwrap_used)]

use std::{collections::BTreeSet, path::PathBuf};

use crate::support::{
    browser,
    server::{Recorded, TestServer},
};
use customer_import_domain::wire::{ImportChunk, SharedMappingSave};
use sqlx::Row;

fn corpus(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("crates/reading/tests/corpus")
        .join(name)
}

/// Text as Nordic Excel saves "CSV (semicolon delimited)": Windows-1252, CRLF.
fn windows_1252(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).expect("a Latin-1 character"))
        .collect()
}

async fn project_id(server: &TestServer, name: &str) -> i64 {
    sqlx::query("SELECT id FROM projects WHERE name = $1")
        .bind(name)
        .fetch_one(&server.db().await.pool)
        .await
        .unwrap()
        .get::<i64, _>(0)
}

/// (e-mail, name, phone, unit code) of every customer of the project, by e-mail.
async fn customers(server: &TestServer, project: i64) -> Vec<(String, String, String, String)> {
    sqlx::query(
        "SELECT c.email, c.name, COALESCE(c.phone, ''), COALESCE(u.code, '')
         FROM customers c LEFT JOIN units u ON u.id = c.unit_id
         WHERE c.project_id = $1 ORDER BY c.email",
    )
    .bind(project)
    .fetch_all(&server.db().await.pool)
    .await
    .unwrap()
    .iter()
    .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3)))
    .collect()
}

fn imports(recorded: &[Recorded]) -> Vec<(&Recorded, ImportChunk)> {
    recorded
        .iter()
        .filter(|r| r.method == "POST" && r.path.ends_with("/import"))
        .map(|r| (r, serde_json::from_slice(&r.body).expect("an import chunk")))
        .collect()
}

/// Every body the app sent is an import chunk holding only `mapped` fields, and none
/// carries any of `private` (values of unmapped columns or of excluded rows).
fn assert_only_mapped_fields_sent(recorded: &[Recorded], mapped: &[&str], private: &[&str]) {
    for r in recorded {
        let is_import = r.method == "POST" && r.path.ends_with("/import");
        // The mapping saved for the organization (issue 20.3): the signature of the
        // headings, the number of columns and the mapping; no heading and no value of
        // any row.
        let mapping = (r.method == "PUT" && r.path.starts_with("/api/mappings/"))
            .then(|| serde_json::from_slice::<SharedMappingSave>(&r.body).ok())
            .flatten();
        assert!(
            is_import || mapping.is_some() || r.body.is_empty(),
            "{} {} carried a body",
            r.method,
            r.path
        );
        let text = String::from_utf8_lossy(&r.body);
        for secret in private {
            assert!(!text.contains(secret), "{secret} was sent: {text}");
        }
    }
    let sent = imports(recorded);
    assert!(!sent.is_empty(), "nothing was imported");
    for (_, chunk) in sent {
        for row in chunk.rows {
            let keys: BTreeSet<&str> = row.values.keys().map(String::as_str).collect();
            assert!(
                keys.iter().all(|k| mapped.contains(k)),
                "row {} sent {keys:?}",
                row.row
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_nordic_excel_csv_is_mapped_reviewed_and_saved() {
    let server = TestServer::start().await;
    let project = project_id(&server, "Fjordparken").await;
    let files = tempfile::tempdir().unwrap();
    let csv = files.path().join("kunder.csv");
    std::fs::write(
        &csv,
        windows_1252(
            "Navn;E-post;Mobil;Fødselsdato;Bolig;Kredittvurdering\r\n\
             Åse Øvrebø;ase@example.no;912 34 567;04.07.1985;A-101;HEMMELIG-1\r\n\
             Ola Nordmann;ola@example.no;+47 913 45 678;;A-102;HEMMELIG-2\r\n\
             Kari Bø;kari@example.no;;31.01.1990;b-201;HEMMELIG-3\r\n",
        ),
    )
    .unwrap();
    let url = server.app_url("nb", &server.users.case_handler.token);
    let recorder = server.recorder.clone();
    browser::run(
        "a_nordic_excel_csv_is_mapped_reviewed_and_saved",
        |page| async move {
            page.open_at_file_step(&url).await?;
            page.upload(&csv).await?;
            page.wait_for_text("[data-testid=file-summary]", "kunder.csv")
                .await?;
            assert_eq!(page.value("#encoding").await?, "windows-1252");
            assert_eq!(page.value("#delimiter").await?, "59");
            page.next().await?;
            page.wait_for_text("[data-testid=counts]", "3 kunder · 6 felt")
                .await?;
            page.wait_for_text("[data-testid=first-row]", "Åse Øvrebø")
                .await?;
            page.next().await?;

            // The suggested mapping; the credit column is left out.
            page.wait_for_text("#mapping-heading", "Kobling").await?;
            for (field, column) in [
                ("name", 0),
                ("email", 1),
                ("phone", 2),
                ("birth_date", 3),
                ("unit", 4),
            ] {
                assert_eq!(page.mapped_column(field).await?, Some(column), "{field}");
            }
            assert_eq!(page.value("#map-col-5").await?, "", "the credit column");
            page.wait_for_text("[data-testid=mapping-not-imported]", "Kreditt")
                .await?;
            page.next().await?;

            page.wait_for_text(
                "[data-testid=review-counts]",
                "3 klare · 0 med feil · 0 utelatt",
            )
            .await?;
            // Values as they will be stored.
            page.wait_for_text("tr[data-row='2']", "+4791234567")
                .await?;
            page.wait_for_text("tr[data-row='4']", "B-201").await?;
            page.wait_for_text("#next", "Lagre 3 kunder").await?;
            page.next().await?;

            page.wait_for_text(
                "[data-testid=save-summary]",
                "3 opprettet · 0 ikke opprettet",
            )
            .await?;
            page.wait_for_text("#save-heading", "Lagre").await?;
            page.wait_for_text(".step", "Importerte kunder får ingen invitasjon")
                .await?;
            Ok(())
        },
    )
    .await;

    assert_eq!(
        customers(&server, project).await,
        [
            (
                "ase@example.no".into(),
                "Åse Øvrebø".into(),
                "+4791234567".into(),
                "A-101".into()
            ),
            (
                "kari@example.no".into(),
                "Kari Bø".into(),
                String::new(),
                "B-201".into()
            ),
            (
                "ola@example.no".into(),
                "Ola Nordmann".into(),
                "+4791345678".into(),
                "A-102".into()
            ),
        ]
    );
    assert_only_mapped_fields_sent(
        &recorder.requests(),
        &["name", "email", "phone", "birth_date", "unit"],
        &["HEMMELIG", "Kredittvurdering"],
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn refused_rows_are_fixed_in_place_and_sent_again_exactly_once() {
    let server = TestServer::start().await;
    let project = project_id(&server, "Fjordparken").await;
    // A customer the project already has.
    let seeded = reqwest::Client::new()
        .post(format!("{}/api/projects/{project}/import", server.url))
        .bearer_auth(&server.users.admin.token)
        .header("Idempotency-Key", "seed")
        .json(&serde_json::json!({
            "rows": [{"row": 1, "values": {"name": "Berit Før", "email": "taken@example.no"}}]
        }))
        .send()
        .await
        .unwrap();
    assert!(seeded.status().is_success());

    let files = tempfile::tempdir().unwrap();
    let csv = files.path().join("nye.csv");
    std::fs::write(
        &csv,
        "Navn;E-post;Bolig;Notat\r\n\
         Anne Ny;anne@example.no;A-101;\r\n\
         Berit Tatt;TAKEN@example.no;A-102;\r\n\
         Carl Borte;carl@example.no;A-201;\r\n\
         ;dora@example.no;A-202;\r\n\
         Eirik Feil;eirik(at)example.no;B-101;\r\n\
         Frida Ut;frida@example.no;B-102;UTELATT-RAD\r\n",
    )
    .unwrap();
    let url = server.app_url("nb", &server.users.admin.token);
    let recorder = server.recorder.clone();
    let lose_answer = server.recorder.clone();
    let db = server.db().await;
    browser::run(
        "refused_rows_are_fixed_in_place_and_sent_again_exactly_once",
        |page| async move {
            page.open(&url).await?;
            page.wait_for_text("#project", "Fjordparken").await?;
            page.select("#project", &project.to_string()).await?;
            page.next().await?;
            page.upload(&csv).await?;
            page.next().await?;
            page.wait_for_text("[data-testid=counts]", "6 kunder")
                .await?;
            page.next().await?;
            page.wait_for_text("#mapping-heading", "Kobling").await?;
            // Notes are not imported this time.
            page.unmap("notes").await?;
            page.next().await?;

            // The browser's own findings, each on its row and cell.
            page.wait_for_text(
                "[data-testid=review-counts]",
                "4 klare · 2 med feil · 0 utelatt",
            )
            .await?;
            page.wait_for_text("tr[data-row='5']", "En kunde må ha navn eller firmanavn.")
                .await?;
            page.wait_for_text(
                "tr[data-row='6'] td:nth-of-type(2)",
                "«eirik(at)example.no» er ikke en gyldig e-postadresse.",
            )
            .await?;
            page.click("#only-problems").await?;
            // The list is made again in the worker: wait for it.
            let mut shown = 0;
            for _ in 0..100 {
                shown = page.texts("tbody tr[data-row]").await?.len();
                if shown == 2 {
                    break;
                }
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            assert_eq!(shown, 2);
            page.type_into("tr[data-row='5'] td:nth-of-type(1) input", "Dora Dahl")
                .await?;
            page.type_into(
                "tr[data-row='6'] td:nth-of-type(2) input",
                "eirik@example.no",
            )
            .await?;
            page.wait_for_text("[data-testid=review-counts]", "6 klare · 0 med feil")
                .await?;
            page.click("#only-problems").await?;
            // Frida stays out of this import.
            page.click("tr[data-row='7'] .rows__import input").await?;
            page.wait_for_text(
                "[data-testid=review-counts]",
                "5 klare · 0 med feil · 1 utelatt",
            )
            .await?;

            // Meanwhile someone deletes unit A-201, and the first answer gets lost.
            sqlx::query("DELETE FROM units WHERE project_id = $1 AND code = 'A-201'")
                .bind(project)
                .execute(&db.pool)
                .await?;
            lose_answer.lose_next_import_answer();
            page.next().await?;

            page.wait_for_text(
                "[data-testid=save-summary]",
                "3 opprettet · 2 ikke opprettet",
            )
            .await?;
            page.wait_for_text(
                "tr[data-row='3']",
                "E-postadressen TAKEN@example.no er allerede registrert i dette prosjektet.",
            )
            .await?;
            page.wait_for_text(
                "tr[data-row='4']",
                "Bolig A-201 finnes ikke i dette prosjektet.",
            )
            .await?;
            page.element("#download-failed").await?;

            page.type_into(
                "tr[data-row='3'] td:nth-of-type(2) input",
                "berit@example.no",
            )
            .await?;
            page.type_into("tr[data-row='4'] td:nth-of-type(3) input", "B-101")
                .await?;
            page.wait_for_text("#send-again", "Send 2 rettede rader")
                .await?;
            page.click("#send-again").await?;
            page.wait_for_text(
                "[data-testid=save-summary]",
                "5 opprettet · 0 ikke opprettet",
            )
            .await?;
            Ok(())
        },
    )
    .await;

    let emails: Vec<String> = customers(&server, project)
        .await
        .into_iter()
        .map(|c| c.0)
        .collect();
    assert_eq!(
        emails,
        [
            "anne@example.no",
            "berit@example.no",
            "carl@example.no",
            "dora@example.no",
            "eirik@example.no",
            "taken@example.no"
        ]
    );
    let recorded = recorder.requests();
    let sent = imports(&recorded);
    // The chunk whose answer was lost went again with the same key and the same body;
    // the seed request went first.
    assert_eq!(sent[1].0.idempotency_key, sent[2].0.idempotency_key);
    assert_eq!(sent[1].0.body, sent[2].0.body);
    assert_eq!(sent.len(), 4, "seed, lost answer, retry, corrected rows");
    let resent: Vec<u64> = sent[3].1.rows.iter().map(|r| r.row).collect();
    assert_eq!(resent, [3, 4], "only the corrected rows went again");
    assert_only_mapped_fields_sent(
        &recorded[1..],
        &["name", "email", "unit"],
        &["UTELATT-RAD", "frida@example.no"],
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_xlsx_with_its_header_under_title_rows_is_imported() {
    let server = TestServer::start().await;
    let project = project_id(&server, "Fjordparken").await;
    let url = server.app_url("en", &server.users.admin.token);
    browser::run(
        "an_xlsx_with_its_header_under_title_rows_is_imported",
        |page| async move {
            page.open(&url).await?;
            page.wait_for_text("#project", "Fjordparken").await?;
            page.select("#project", &project.to_string()).await?;
            page.next().await?;
            page.upload(&corpus("customers.xlsx")).await?;
            page.wait_for_text("[data-testid=file-summary]", "Excel workbook (.xlsx)")
                .await?;
            page.next().await?;
            // The title row and the blank row under it are skipped by suggestion.
            assert_eq!(page.value("#skip-rows").await?, "2");
            page.wait_for_text("[data-testid=counts]", "4 customers · 8 fields")
                .await?;
            page.wait_for_text("[data-testid=first-row]", "Åse Øvrebø")
                .await?;
            page.next().await?;

            for (field, column) in [
                ("name", 0),
                ("email", 1),
                ("phone", 2),
                ("postal_code", 3),
                ("city", 4),
                ("birth_date", 5),
                ("unit", 6),
            ] {
                assert_eq!(page.mapped_column(field).await?, Some(column), "{field}");
            }
            page.next().await?;

            // Swedish postal codes are not Norwegian ones: fix one, leave the other out.
            page.wait_for_text(
                "[data-testid=review-counts]",
                "2 ready · 2 with problems · 0 left out",
            )
            .await?;
            page.wait_for_text("tr[data-row='4']", "1985-07-04").await?;
            page.wait_for_text(
                "tr[data-row='6'] td:nth-of-type(5)",
                "“11122” is not a postal code of this country.",
            )
            .await?;
            page.type_into("tr[data-row='6'] td:nth-of-type(5) input", "0150")
                .await?;
            page.click("tr[data-row='7'] .rows__import input").await?;
            page.wait_for_text(
                "[data-testid=review-counts]",
                "3 ready · 0 with problems · 1 left out",
            )
            .await?;
            page.next().await?;
            page.wait_for_text("[data-testid=save-summary]", "3 created · 0 not created")
                .await?;
            Ok(())
        },
    )
    .await;

    assert_eq!(
        customers(&server, project).await,
        [
            (
                "ase@example.no".into(),
                "Åse Øvrebø".into(),
                "+4791234567".into(),
                "A-101".into()
            ),
            (
                "jorgen@example.se".into(),
                "Jörgen Ångström".into(),
                "+46701234567".into(),
                "B-201".into()
            ),
            (
                "paivi@example.fi".into(),
                "Päivi Kärkkäinen".into(),
                "+358401234567".into(),
                "A-102".into()
            ),
        ]
    );
}
