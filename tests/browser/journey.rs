//! The whole import in real Chromium against the real server and database: a file is
//! read, mapped, reviewed and saved; rows refused by the browser or the server are
//! corrected in place and sent again; the database holds each customer once, and the
//! server saw nothing but mapped fields of imported rows (and, for the mapping shared
//! in the organization, the signature of the headings and the mapping).
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;

use crate::support::{
    browser,
    journey::Journey,
    server::{Recorded, TestServer, one_customer},
};
use customer_import_domain::wire::SharedMappingSave;
use sqlx::Row;

/// Text as Nordic Excel saves "CSV (semicolon delimited)": Windows-1252, CRLF.
fn windows_1252(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).expect("a Latin-1 character"))
        .collect()
}

/// Every customer of the project, by e-mail, as `e-mail;name;phone;unit code`.
async fn customers(server: &TestServer, project: i64) -> Vec<String> {
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
    .map(|r| {
        (0..4)
            .map(|i| r.get::<String, _>(i))
            .collect::<Vec<_>>()
            .join(";")
    })
    .collect()
}

/// Every body the app sent is an import chunk holding only `mapped` fields, and none
/// carries any of `private` (values of unmapped columns or of excluded rows).
fn assert_only_mapped_fields_sent(recorded: &[Recorded], mapped: &[&str], private: &[&str]) {
    for r in recorded {
        let is_import = r.is_import();
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
    let sent: Vec<&Recorded> = recorded.iter().filter(|r| r.is_import()).collect();
    assert!(!sent.is_empty(), "nothing was imported");
    for import in sent {
        for row in import.chunk().rows {
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
    let project = server.project_id("Fjordparken").await;
    let csv = windows_1252(
        "Navn;E-post;Mobil;Fødselsdato;Bolig;Kredittvurdering\r\n\
         Åse Øvrebø;ase@example.no;912 34 567;04.07.1985;A-101;HEMMELIG-1\r\n\
         Ola Nordmann;ola@example.no;+47 913 45 678;;A-102;HEMMELIG-2\r\n\
         Kari Bø;kari@example.no;;31.01.1990;b-201;HEMMELIG-3\r\n",
    );
    let server = &server;
    browser::run(|page| async move {
        let w = Journey::bytes("kunder.csv", csv)
            .start(&page, server)
            .await?;
        assert_eq!(w.value("#encoding").await?, "windows-1252");
        assert_eq!(w.value("#delimiter").await?, "59");
        w.to_header().await?;
        w.header_counts("3 kunder · 6 felt").await?;
        w.shows("first-row", "Åse Øvrebø").await?;
        w.to_mapping().await?;

        // The suggested mapping; the credit column is left out.
        w.assert_columns_feed("name email phone birth_date unit")
            .await?;
        assert_eq!(w.value("#map-col-5").await?, "", "the credit column");
        w.wait_for_text("[data-testid=mapping-not-imported]", "Kreditt")
            .await?;
        w.to_review().await?;

        w.review_counts("3 klare · 0 med feil · 0 utelatt").await?;
        // Values as they will be stored.
        w.wait_for_text("tr[data-row='2']", "+4791234567").await?;
        w.wait_for_text("tr[data-row='4']", "B-201").await?;
        w.wait_for_text("#next", "Lagre 3 kunder").await?;
        w.to_save().await?;

        w.ended_with(3, 0, 0).await?;
        w.wait_for_text(".step", "Importerte kunder får ingen invitasjon")
            .await?;
        Ok(())
    })
    .await;

    assert_eq!(
        customers(server, project).await,
        [
            "ase@example.no;Åse Øvrebø;+4791234567;A-101",
            "kari@example.no;Kari Bø;;B-201",
            "ola@example.no;Ola Nordmann;+4791345678;A-102",
        ]
    );
    assert_only_mapped_fields_sent(
        &server.recorder.requests(),
        &["name", "email", "phone", "birth_date", "unit"],
        &["HEMMELIG", "Kredittvurdering"],
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn refused_rows_are_fixed_in_place_and_sent_again_exactly_once() {
    let server = TestServer::start().await;
    let project = server.project_id("Fjordparken").await;
    // A customer the project already has.
    let seed = one_customer(1, "Berit Før", "taken@example.no");
    server
        .api(&server.users.admin.token)
        .import(project, "seed", &seed)
        .await;

    let csv = "Navn;E-post;Bolig;Notat\r\n\
               Anne Ny;anne@example.no;A-101;\r\n\
               Berit Tatt;TAKEN@example.no;A-102;\r\n\
               Carl Borte;carl@example.no;A-201;\r\n\
               ;dora@example.no;A-202;\r\n\
               Eirik Feil;eirik(at)example.no;B-101;\r\n\
               Frida Ut;frida@example.no;B-102;UTELATT-RAD\r\n";
    let db = server.db().await;
    let server = &server;
    browser::run(|page| async move {
        let w = Journey::csv("nye.csv", csv)
            .by_admin()
            .to_header(&page, server)
            .await?;
        w.header_counts("6 kunder").await?;
        w.to_mapping().await?;
        // Notes are not imported this time.
        w.unmap("notes").await?;
        w.to_review().await?;

        // The browser's own findings, each on its row and cell.
        w.review_counts("4 klare · 2 med feil · 0 utelatt").await?;
        w.wait_for_text("tr[data-row='5']", "En kunde må ha navn eller firmanavn.")
            .await?;
        w.wait_for_text(
            "tr[data-row='6'] td:nth-of-type(2)",
            "«eirik(at)example.no» er ikke en gyldig e-postadresse.",
        )
        .await?;
        w.click("#only-problems").await?;
        // The list is made again in the worker: wait for it.
        w.wait_for_count("tbody tr[data-row]", 2).await?;
        w.type_into("tr[data-row='5'] td:nth-of-type(1) input", "Dora Dahl")
            .await?;
        w.type_into(
            "tr[data-row='6'] td:nth-of-type(2) input",
            "eirik@example.no",
        )
        .await?;
        w.review_counts("6 klare · 0 med feil").await?;
        w.click("#only-problems").await?;
        // Frida stays out of this import.
        w.click("tr[data-row='7'] .rows__import input").await?;
        w.review_counts("5 klare · 0 med feil · 1 utelatt").await?;

        // Meanwhile someone deletes unit A-201, and the first answer gets lost.
        sqlx::query("DELETE FROM units WHERE project_id = $1 AND code = 'A-201'")
            .bind(project)
            .execute(&db.pool)
            .await?;
        server.recorder.lose_next_import_answer();
        w.to_save().await?;

        w.ended_with(3, 2, 0).await?;
        w.wait_for_text(
            "tr[data-row='3']",
            "E-postadressen TAKEN@example.no er allerede registrert i dette prosjektet.",
        )
        .await?;
        w.wait_for_text(
            "tr[data-row='4']",
            "Bolig A-201 finnes ikke i dette prosjektet.",
        )
        .await?;
        w.element("#download-failed").await?;

        w.type_into(
            "tr[data-row='3'] td:nth-of-type(2) input",
            "berit@example.no",
        )
        .await?;
        w.type_into("tr[data-row='4'] td:nth-of-type(3) input", "B-101")
            .await?;
        w.wait_for_text("#send-again", "Send 2 rettede rader")
            .await?;
        w.click("#send-again").await?;
        w.ended_with(5, 0, 0).await?;
        Ok(())
    })
    .await;

    assert_eq!(
        server.emails(project).await,
        [
            "anne@example.no",
            "berit@example.no",
            "carl@example.no",
            "dora@example.no",
            "eirik@example.no",
            "taken@example.no"
        ]
    );
    let recorded = server.recorder.requests();
    let sent = server.recorder.imports();
    // The chunk whose answer was lost went again with the same key and the same body;
    // the seed request went first.
    assert_eq!(sent[1].idempotency_key, sent[2].idempotency_key);
    assert_eq!(sent[1].body, sent[2].body);
    assert_eq!(sent.len(), 4, "seed, lost answer, retry, corrected rows");
    let resent: Vec<u64> = sent[3].chunk().rows.iter().map(|r| r.row).collect();
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
    let project = server.project_id("Fjordparken").await;
    let server = &server;
    browser::run(|page| async move {
        let w = Journey::corpus("customers.xlsx")
            .by_admin()
            .in_language("en")
            .start(&page, server)
            .await?;
        w.file_summary("Excel workbook (.xlsx)").await?;
        w.to_header().await?;
        // The title row and the blank row under it are skipped by suggestion.
        assert_eq!(w.value("#skip-rows").await?, "2");
        w.header_counts("4 customers · 8 fields").await?;
        w.shows("first-row", "Åse Øvrebø").await?;
        w.to_mapping().await?;
        w.assert_columns_feed("name email phone postal_code city birth_date unit")
            .await?;
        w.to_review().await?;

        // Swedish postal codes are not Norwegian ones: fix one, leave the other out.
        w.review_counts("2 ready · 2 with problems · 0 left out")
            .await?;
        w.wait_for_text("tr[data-row='4']", "1985-07-04").await?;
        w.wait_for_text(
            "tr[data-row='6'] td:nth-of-type(5)",
            "“11122” is not a postal code of this country.",
        )
        .await?;
        w.type_into("tr[data-row='6'] td:nth-of-type(5) input", "0150")
            .await?;
        w.click("tr[data-row='7'] .rows__import input").await?;
        w.review_counts("3 ready · 0 with problems · 1 left out")
            .await?;
        w.to_save().await?;
        w.ended_with(3, 0, 0).await?;
        Ok(())
    })
    .await;

    assert_eq!(
        customers(server, project).await,
        [
            "ase@example.no;Åse Øvrebø;+4791234567;A-101",
            "jorgen@example.se;Jörgen Ångström;+46701234567;B-201",
            "paivi@example.fi;Päivi Kärkkäinen;+358401234567;A-102",
        ]
    );
}
