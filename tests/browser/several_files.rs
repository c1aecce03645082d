//! Several files in one import (issue 29), as the Finnish help page tells
//! administrators to prepare them: a file per customer group, chosen at once. Files
//! with the same headings share the header choice and the mapping, each with its own
//! customer group and account manager; a workbook of other headings gets its own
//! header and mapping (and its own group and manager), after the first layout's; a unit spelled three ways across
//! the files is mapped to the unit once; the end counts each file, and the next file
//! spelled the same way needs nothing.
#![allow(clippy::unwrap_used)]

use customer_import_reading::review::plain_xlsx::{Cell, PlainXlsx};

use crate::support::{
    browser,
    journey::{Journey, Step},
    server::TestServer,
};

/// The board, in UTF-8: its unit spelled as the caretaker does.
const BOARD: &str = "Navn;E-post;Bolig\r\n\
                     Anne Styre;anne@example.no;Blokk A 101\r\n\
                     Bo Styre;bo@example.no;A-102\r\n";

/// The residents, as Excel on Windows saves CSV (windows-1252: "å" is 0xE5), the
/// unit spelled two other ways.
const RESIDENTS: &[u8] = b"Navn;E-post;Bolig\r\n\
                           K\xe5re Beboer;kare@example.no;blokk a101\r\n\
                           Liv Beboer;liv@example.no;Leil. A101\r\n";

/// The buyers, as a workbook of other headings: a title row, first and last names
/// apart, the unit written without its hyphen.
fn buyers() -> Vec<u8> {
    let mut book = PlainXlsx::new("Kjøpere");
    book.row(&[Cell::Text("Kjøpere i Fjordparken")]);
    book.headings(["Fornavn", "Etternavn", "Leil.nr", "E-postadresse"]);
    book.row(&[
        Cell::Text("Mia"),
        Cell::Text("Kjøper"),
        Cell::Text("A101"),
        Cell::Text("mia@example.no"),
    ]);
    book.finish().unwrap()
}

const NEXT: &str = "Navn;E-post;Bolig\r\nEva Ny;eva@example.no;Leil. A101\r\n";

/// The folder for pictures of the steps, if any.
const SHOTS: &str = "CUSTOMER_IMPORT_SHOTS";

#[tokio::test(flavor = "multi_thread")]
async fn files_of_one_layout_are_imported_together_each_with_its_own_group() {
    let server = TestServer::start().await;
    let project = server.project_id("Fjordparken").await;
    let server = &server;
    browser::run(|page| async move {
        let w = Journey::csv("styret.csv", BOARD)
            .by_admin()
            .open(&page, server)
            .await?;
        w.to(Step::File).await?;
        let residents = w.write("beboere.csv", RESIDENTS)?;
        let buyers = w.write("kjopere.xlsx", buyers())?;
        w.pick_all(&[w.file(), &residents, &buyers]).await?;
        let joins = w
            .texts("[data-testid=other-file][data-status=joins]")
            .await?;
        assert!(joins[0].contains("beboere.csv"), "{joins:?}");
        assert!(
            joins[0].contains("2 rader med de samme overskriftene"),
            "{joins:?}"
        );
        let differs = w
            .texts("[data-testid=other-file][data-status=differs]")
            .await?;
        assert!(differs[0].contains("kjopere.xlsx"), "{differs:?}");
        w.picture(SHOTS, "several-files-nb.png").await?;

        // One mapping for both, and each file's own group and account manager.
        w.to_mapping().await?;
        w.wait_for_count("[data-testid=file-values]", 2).await?;
        w.select("#file-value-0-customer_group", "Investorer")
            .await?;
        w.select("#file-value-1-customer_group", "Kjøpere").await?;
        w.select("#file-value-0-account_manager", "admin@nordbygg.example")
            .await?;
        w.select(
            "#file-value-1-account_manager",
            "saksbehandler@nordbygg.example",
        )
        .await?;
        w.picture(SHOTS, "several-files-mapping-nb.png").await?;

        // The workbook's layout next: its own header (the title row skipped) and
        // mapping, with its own group.
        w.next().await?;
        w.arrived(Step::Header).await?;
        w.wait_for_text("#layout-2[aria-pressed=true]", "kjopere.xlsx")
            .await?;
        w.wait_for_text("#layout-0[data-mapped=true]", "styret.csv, beboere.csv")
            .await?;
        w.header_counts("1").await?;
        w.to_mapping().await?;
        w.wait_for_count("[data-testid=file-values]", 1).await?;
        w.select("#file-value-2-customer_group", "Kjøpere").await?;
        w.select("#file-value-2-account_manager", "admin@nordbygg.example")
            .await?;
        w.picture(SHOTS, "several-files-second-layout-nb.png")
            .await?;

        // Five rows of three files; three spellings of A-101 mapped at once.
        w.to_review().await?;
        // A101 is A-101 to the checks already; three other spellings are not.
        w.review_counts("2 klare · 3 med feil").await?;
        w.click("#spellings-toggle").await?;
        let listed = w.shows("spellings", "Leil. A101").await?;
        assert!(listed.contains("Blokk A 101"), "{listed}");
        assert!(listed.contains("blokk a101"), "{listed}");
        w.click("[id^=apply-spellings-]").await?;
        w.review_counts("5 klare · 0 med feil").await?;
        // Each row says its file; a file's rows can be shown alone.
        let files = w.wait_for_count(".rows__file", 5).await?;
        let expected = [
            "styret.csv",
            "styret.csv",
            "beboere.csv",
            "beboere.csv",
            "kjopere.xlsx",
        ];
        assert_eq!(files, expected);
        w.select("#review-file", "1").await?;
        let shown = w.wait_for_count(".rows__file", 2).await?;
        assert_eq!(shown, ["beboere.csv", "beboere.csv"]);
        w.picture(SHOTS, "several-files-review-nb.png").await?;
        w.select("#review-file", "").await?;
        w.wait_for_count(".rows__file", 5).await?;

        w.to_end().await?;
        w.ended_with(5, 0, 0).await?;
        for (file, n) in [("styret.csv", 2), ("beboere.csv", 2), ("kjopere.xlsx", 1)] {
            let created = format!(
                "[data-testid=file-outcome][data-file='{file}'] \
                 [data-outcome='end.created'][data-n='{n}']"
            );
            w.element(&created).await?;
        }

        // The next file spelled the same way: nothing to map.
        w.click("#import-another").await?;
        w.pick_csv("flere.csv", NEXT).await?;
        w.to_review().await?;
        w.review_counts("1 klar · 0 med feil").await?;
        w.wait_gone("[data-testid=spellings]").await?;

        // One import in the project's history, listing its three files.
        let w = Journey::without_file()
            .by_admin()
            .open(&page, server)
            .await?;
        w.wait_for_text("[data-testid=history-row]", "3 filer")
            .await?;
        let names = "[data-testid=history-file-row] [data-testid=history-file-name]";
        assert_eq!(
            w.texts(names).await?,
            ["styret.csv", "beboere.csv", "kjopere.xlsx"]
        );
        Ok(())
    })
    .await;
    let stored: Vec<(String, String, String, String)> = {
        use sqlx::Row;
        sqlx::query(
            "SELECT c.name, u.code, g.name, m.email FROM customers c \
             JOIN units u ON u.id = c.unit_id \
             JOIN customer_groups g ON g.id = c.customer_group_id \
             JOIN users m ON m.id = c.account_manager_id \
             WHERE c.project_id = $1 ORDER BY c.name",
        )
        .bind(project)
        .fetch_all(&server.db().await.pool)
        .await
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3)))
        .collect()
    };
    let expected = [
        (
            "Anne Styre",
            "A-101",
            "Investorer",
            "admin@nordbygg.example",
        ),
        ("Bo Styre", "A-102", "Investorer", "admin@nordbygg.example"),
        (
            "Kåre Beboer",
            "A-101",
            "Kjøpere",
            "saksbehandler@nordbygg.example",
        ),
        (
            "Liv Beboer",
            "A-101",
            "Kjøpere",
            "saksbehandler@nordbygg.example",
        ),
        ("Mia Kjøper", "A-101", "Kjøpere", "admin@nordbygg.example"),
    ];
    assert_eq!(
        stored,
        expected.map(|(n, u, g, m)| (n.into(), u.into(), g.into(), m.into()))
    );
}
