//! Reading files in the browser: the reading crate compiled to wasm reads the corpus
//! files, the header step previews them, and unreadable files are explained in the
//! user's language.
#![allow(clippy::unwrap_used)]

use crate::support::{
    browser,
    journey::{Journey, corpus},
    server::TestServer,
};

#[tokio::test(flavor = "multi_thread")]
async fn a_nordic_excel_csv_under_title_rows_is_previewed() {
    let server = TestServer::start().await;
    browser::run(|page| async move {
        let w = Journey::corpus("title_rows.csv")
            .start(&page, &server)
            .await?;
        // Windows-1252 and semicolons were recognised and are shown for correction.
        assert_eq!(w.value("#encoding").await?, "windows-1252");
        assert_eq!(w.value("#delimiter").await?, "59");
        w.to_header().await?;
        // Three title rows skipped by suggestion; three customers of seven fields.
        assert_eq!(w.value("#skip-rows").await?, "3");
        w.header_counts("3 kunder · 7 felt").await?;
        let first = w.shows("first-row", "Åse Øvrebø").await?;
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
        let skip = w.element("#skip-rows").await?;
        skip.clear().await?;
        skip.send_keys("0").await?;
        w.header_counts("5 kunder").await?;
        w.shows("first-row", "Kundeliste Fjordparken").await?;
        Ok(())
    })
    .await;
}

/// A file whose first 64 KiB are UTF-8 but which holds a Windows-1252 byte further
/// on: its first rows show while it is read, and go once the whole file turns out to
/// be Windows-1252, instead of showing letters the import will not have.
#[tokio::test(flavor = "multi_thread")]
async fn first_rows_read_otherwise_than_the_whole_file_are_not_kept() {
    let server = TestServer::start().await;
    let mut bytes = "Navn;By\r\n".to_owned().into_bytes();
    for i in 0..5_000 {
        bytes.extend_from_slice(format!("Øystein {i};Bø\r\n").as_bytes());
    }
    bytes.extend_from_slice(b"K\xe5re;Oslo\r\n");
    browser::run(|page| async move {
        let w = Journey::bytes("blandet.csv", bytes)
            .start(&page, &server)
            .await?;
        assert_eq!(w.value("#encoding").await?, "windows-1252");
        w.wait_gone("[data-testid=first-rows]").await?;
        // Read as UTF-8 by the user's choice, the rows are those of the start again.
        w.select("#encoding", "UTF-8").await?;
        w.shows("first-rows", "Øystein 0").await?;
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_workbook_offers_its_sheets_and_broken_files_are_explained() {
    let server = TestServer::start().await;
    browser::run(|page| async move {
        let w = Journey::corpus("customers.xlsx")
            .by_admin()
            .in_language("en")
            .start(&page, &server)
            .await?;
        w.file_summary("Excel workbook (.xlsx)").await?;
        let sheets = w.texts("#sheet option").await?;
        assert_eq!(
            sheets,
            [
                "Forside (0 rows)",
                "Kunder (7 rows)",
                "Skjult (2 rows) · hidden"
            ]
        );
        assert_eq!(w.value("#sheet").await?, "1");
        w.to_header().await?;
        w.header_counts("4 customers · 8 fields").await?;
        w.shows("first-row", "4791234567").await?;

        // Back keeps the file; another sheet gives another preview.
        w.back().await?;
        w.select("#sheet", "2").await?;
        w.to_header().await?;
        w.header_counts("1 customer · 2 fields").await?;
        w.back().await?;

        w.upload(&corpus("encrypted.xlsx")).await?;
        w.file_summary("The workbook is protected with a password.")
            .await?;
        w.choose_language("fi").await?;
        w.file_summary("Työkirja on suojattu salasanalla.").await?;
        w.upload(&corpus("huge_dimensions.xlsx")).await?;
        w.file_summary("1 048 576 riviä × 16 384 saraketta").await?;
        Ok(())
    })
    .await;
}
