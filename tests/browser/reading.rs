//! Reading files in the browser: the reading crate compiled to wasm reads the corpus
//! files, the header step previews them, and unreadable files are explained in the
//! user's language.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use crate::support::{browser, server::TestServer};

fn corpus(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("crates/reading/tests/corpus")
        .join(name)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_nordic_excel_csv_under_title_rows_is_previewed() {
    let server = TestServer::start().await;
    let url = server.app_url("nb", &server.users.case_handler.token);
    browser::run(
        "a_nordic_excel_csv_under_title_rows_is_previewed",
        |page| async move {
            page.open_at_file_step(&url).await?;
            page.upload(&corpus("title_rows.csv")).await?;
            page.wait_for_text("[data-testid=file-summary]", "title_rows.csv")
                .await?;
            // Windows-1252 and semicolons were recognised and are shown for correction.
            assert_eq!(
                page.element("#encoding")
                    .await?
                    .prop("value")
                    .await?
                    .as_deref(),
                Some("windows-1252")
            );
            assert_eq!(
                page.element("#delimiter")
                    .await?
                    .prop("value")
                    .await?
                    .as_deref(),
                Some("59")
            );
            page.next().await?;
            // Three title rows skipped by suggestion; three customers of seven fields.
            assert_eq!(
                page.element("#skip-rows")
                    .await?
                    .prop("value")
                    .await?
                    .as_deref(),
                Some("3")
            );
            page.wait_for_text("[data-testid=counts]", "3 kunder · 7 felt")
                .await?;
            let first = page
                .wait_for_text("[data-testid=first-row]", "Åse Øvrebø")
                .await?;
            for expected in [
                "E-post",
                "ase@example.no",
                "Fødselsdato",
                "04.07.1985",
                "Bolig",
                "A-101",
            ] {
                assert!(first.contains(expected), "{expected} missing in {first:?}");
            }

            // Skipping nothing makes the title row the header, and the export-date row,
            // the real header and the three customers the data (the blank row is no one).
            let skip = page.element("#skip-rows").await?;
            skip.clear().await?;
            skip.send_keys("0").await?;
            page.wait_for_text("[data-testid=counts]", "5 kunder")
                .await?;
            page.wait_for_text("[data-testid=first-row]", "Kundeliste Fjordparken")
                .await?;
            Ok(())
        },
    )
    .await;
}

/// A file whose first 64 KiB are UTF-8 but which holds a Windows-1252 byte further
/// on: its first rows show while it is read, and go once the whole file turns out to
/// be Windows-1252, instead of showing letters the import will not have.
#[tokio::test(flavor = "multi_thread")]
async fn first_rows_read_otherwise_than_the_whole_file_are_not_kept() {
    let server = TestServer::start().await;
    let files = tempfile::tempdir().unwrap();
    let file = files.path().join("blandet.csv");
    let mut bytes = "Navn;By\r\n".to_owned().into_bytes();
    for i in 0..5_000 {
        bytes.extend_from_slice(format!("Øystein {i};Bø\r\n").as_bytes());
    }
    bytes.extend_from_slice(b"K\xe5re;Oslo\r\n");
    std::fs::write(&file, bytes).unwrap();
    let url = server.app_url("nb", &server.users.case_handler.token);
    browser::run(
        "first_rows_read_otherwise_than_the_whole_file_are_not_kept",
        |page| async move {
            page.open_at_file_step(&url).await?;
            page.upload(&file).await?;
            page.wait_for_text("[data-testid=file-summary]", "blandet.csv")
                .await?;
            assert_eq!(
                page.element("#encoding")
                    .await?
                    .prop("value")
                    .await?
                    .as_deref(),
                Some("windows-1252")
            );
            page.wait_gone("[data-testid=first-rows]").await?;
            // Read as UTF-8 by the user's choice, the rows are those of the start again.
            page.select("#encoding", "UTF-8").await?;
            page.wait_for_text("[data-testid=first-rows]", "Øystein 0")
                .await?;
            Ok(())
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_workbook_offers_its_sheets_and_broken_files_are_explained() {
    let server = TestServer::start().await;
    let url = server.app_url("en", &server.users.admin.token);
    browser::run(
        "a_workbook_offers_its_sheets_and_broken_files_are_explained",
        |page| async move {
            page.open(&url).await?;
            page.wait_for_text("#project", "Koivuranta").await?;
            page.client
                .execute(
                    "const s = document.querySelector('#project'); s.selectedIndex = 1; s.dispatchEvent(new Event('change'));",
                    vec![],
                )
                .await?;
            page.next().await?;
            page.upload(&corpus("customers.xlsx")).await?;
            page.wait_for_text("[data-testid=file-summary]", "Excel workbook (.xlsx)")
                .await?;
            let sheets = page.texts("#sheet option").await?;
            assert_eq!(
                sheets,
                [
                    "Forside (0 rows)",
                    "Kunder (7 rows)",
                    "Skjult (2 rows) · hidden"
                ]
            );
            assert_eq!(
                page.element("#sheet")
                    .await?
                    .prop("value")
                    .await?
                    .as_deref(),
                Some("1")
            );
            page.next().await?;
            page.wait_for_text("[data-testid=counts]", "4 customers · 8 fields")
                .await?;
            page.wait_for_text("[data-testid=first-row]", "4791234567")
                .await?;

            // Back keeps the file; another sheet gives another preview.
            page.click("#back").await?;
            page.select("#sheet", "2").await?;
            page.next().await?;
            page.wait_for_text("[data-testid=counts]", "1 customer · 2 fields")
                .await?;
            page.click("#back").await?;

            page.upload(&corpus("encrypted.xlsx")).await?;
            page.wait_for_text(
                "[data-testid=file-summary]",
                "The workbook is protected with a password.",
            )
            .await?;
            page.select(".language-picker select", "fi").await?;
            page.wait_for_text(
                "[data-testid=file-summary]",
                "Työkirja on suojattu salasanalla.",
            )
            .await?;
            page.upload(&corpus("huge_dimensions.xlsx")).await?;
            page.wait_for_text(
                "[data-testid=file-summary]",
                "1 048 576 riviä × 16 384 saraketta",
            )
            .await?;
            Ok(())
        },
    )
    .await;
}
