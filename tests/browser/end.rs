//! The end of an import in a real browser: what became of every row, a summary to keep,
//! the failed rows in the user's own layout, the steps already done one click away, and
//! another file for the same project. A user without access sees only the message.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use customer_import_reading::read::{ReadOptions, read_file};

use crate::support::{
    browser,
    journey::{Journey, Step, Wizard},
    server::TestServer,
};

/// Comma-separated, the e-mail before the name (the mapping lists the name first).
const CSV: &str = "E-post,Navn,Bolig\r\n\
    anne@example.no,Anne Ny,A-101\r\n\
    bo(at)example.no,\"Berg, Bo\",A-102\r\n\
    carl@example.no,Carl Ek,Z-999\r\n";

const NEXT_CSV: &str = "Navn;E-post\r\nDina Dahl;dina@example.no\r\n";

#[tokio::test(flavor = "multi_thread")]
async fn an_import_ends_with_its_counts_a_summary_and_another_file() {
    let server = TestServer::start().await;
    let server = &server;
    browser::run(|page| async move {
        let w = Journey::csv("kunder.csv", CSV)
            .to_review(&page, server)
            .await?;
        w.review_counts("1 klar · 2 med feil").await?;

        // The end: every row's outcome, unsent ones counted apart.
        let end = w.to_end().await?;
        w.ended_with(1, 0, 2).await?;
        // One summary: the end's list takes the place of the line under the bar.
        w.wait_gone("[data-testid=save-summary]").await?;
        let counts = w
            .texts("[data-testid=end-counts] dt, [data-testid=end-counts] dd")
            .await?;
        assert_eq!(
            counts,
            [
                "Opprettet",
                "1",
                "Avvist av serveren",
                "0",
                "Holdt tilbake, må rettes",
                "2",
                "Ikke sendt",
                "0"
            ],
            "{end}"
        );

        // A summary to keep.
        w.click("#download-summary").await?;
        let summary = String::from_utf8(w.downloaded("importsammendrag.txt").await?)?;
        for line in [
            "Prosjekt: Fjordparken\r\n",
            "Fil: kunder.csv\r\n",
            "Opprettet: 1\r\n",
            "Avvist av serveren: 0\r\n",
            "Holdt tilbake, må rettes: 2\r\n",
            "Ikke sendt: 0\r\n",
        ] {
            assert!(summary.contains(line), "{line:?} not in {summary:?}");
        }

        // The failed rows as the user's file had them: commas, e-mail first, and
        // the reasons last; named in Norwegian.
        w.click("#download-failed").await?;
        let failed = String::from_utf8(w.downloaded("kunder-ikke-opprettet.csv").await?)?;
        let lines: Vec<&str> = failed.split("\r\n").collect();
        assert_eq!(lines.len(), 4, "{failed}");
        assert_eq!(lines[0], "\u{feff}E-post,Navn,Bolig,Rad,Feil", "{failed}");
        // Each with its row in the picked file, as the reasons name it.
        for (line, start) in lines[1..].iter().zip([
            "bo(at)example.no,\"Berg, Bo\",A-102,3,",
            "carl@example.no,Carl Ek,Z-999,4,",
        ]) {
            assert!(line.starts_with(start), "{failed}");
        }

        // Steps done are links in the step bar, but for header and mapping: a
        // review built again would offer the created rows as ready. The review,
        // saved with nothing left to send, leads back to this result instead of a
        // disabled "Save 0 customers", and sends nothing more.
        let done = w.texts("button.steps__link").await?;
        let numbers: Vec<&str> = done.iter().filter_map(|d| d.lines().next()).collect();
        assert_eq!(numbers, ["1", "2", "5"], "{done:?}");
        w.click("button.steps__link[data-step='4']").await?;
        w.arrived(Step::Review).await?;
        let next = w.wait_for_text("#next", "Se resultatet").await?;
        assert!(!next.contains('0'), "{next}");
        w.to_end().await?;
        assert_eq!(server.recorder.imports().len(), 1);

        // Another file, for the same project.
        w.click("#import-another").await?;
        w.arrived(Step::File).await?;
        assert!(w.texts("[data-testid=file-summary]").await?.is_empty());
        w.pick_csv("flere.csv", NEXT_CSV).await?;
        w.to_review().await?;
        w.review_counts("1 klar · 0 med feil").await?;
        w.wait_for_text("#next", "Lagre 1 kunde").await?;
        w.to_save().await?;
        w.ended_with(1, 0, 0).await?;
        Ok(())
    })
    .await;
    let created: Vec<String> = {
        use sqlx::Row;
        sqlx::query("SELECT email FROM customers ORDER BY email")
            .fetch_all(&server.db().await.pool)
            .await
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect()
    };
    assert_eq!(created, ["anne@example.no", "dina@example.no"]);
}

/// A workbook's failed rows are a workbook: text cells as typed (no apostrophe), the
/// row number beside the reasons, and picked again it imports back unchanged: the same
/// columns, the same values, the same problems.
#[tokio::test(flavor = "multi_thread")]
async fn a_workbooks_failed_rows_are_an_xlsx_that_imports_back_unchanged() {
    let server = TestServer::start().await;
    browser::run(|page| async move {
        let w = Journey::corpus("customers.xlsx")
            .in_language("en")
            .start(&page, &server)
            .await?;
        w.to_review().await?;
        let counts = w.review_counts("with problems").await?;
        w.click("#only-problems").await?;
        let failed_rows = problems_count(&counts);
        w.wait_for_count("tbody tr[data-row]", failed_rows).await?;
        let before = grid_values(&w).await?;
        w.click("#only-problems").await?;
        w.to_end().await?;
        w.ended_with(4 - failed_rows as u64, 0, failed_rows as u64)
            .await?;
        w.click("#download-failed").await?;
        let bytes = w.downloaded("customers-not-created.xlsx").await?;

        let book = read_file(
            &bytes,
            "customers-not-created.xlsx",
            &ReadOptions::default(),
        )?;
        let sheet = book.sheets[0].content.as_ref().unwrap();
        let headings: Vec<&str> = (0..10).map(|c| sheet.cell(0, c).text).collect();
        let added = headings.iter().position(|h| *h == "Row").unwrap();
        assert_eq!(headings[added + 1], "Error", "{headings:?}");
        assert!(headings[..added].contains(&"Mobil"), "{headings:?}");
        for row in 1..=failed_rows {
            assert!(sheet.cell(row, added).text.parse::<u32>().is_ok());
            for c in 0..added {
                assert!(!sheet.cell(row, c).text.starts_with('\''), "{headings:?}");
            }
        }

        // Picked again, for the same project: the same review of the same rows.
        w.click("#import-another").await?;
        w.arrived(Step::File).await?;
        w.pick(&w.write("customers-not-created.xlsx", &bytes)?)
            .await?;
        w.to_review().await?;
        w.review_counts(&format!("0 ready · {failed_rows} with problems"))
            .await?;
        w.wait_for_count("tbody tr[data-row]", failed_rows).await?;
        assert_eq!(grid_values(&w).await?, before);
        Ok(())
    })
    .await;
}

/// The number before "with problems" in the review's counts.
fn problems_count(counts: &str) -> usize {
    let before = counts.split(" with problems").next().unwrap_or_default();
    let number: String = before
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect();
    number.chars().rev().collect::<String>().parse().unwrap()
}

/// Every value the review's grid shows, row by row.
async fn grid_values(w: &Wizard<'_>) -> anyhow::Result<serde_json::Value> {
    w.js(
        "return Array.from(document.querySelectorAll('tbody tr[data-row]'), r => \
         Array.from(r.querySelectorAll('td input:not([type=checkbox])'), i => i.value))",
    )
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_user_without_access_sees_only_the_message() {
    let server = TestServer::start().await;
    let url = server.app_url("nb", &server.users.outsider.token);
    browser::run(|page| async move {
        page.open(&url).await?;
        page.element("[data-testid=no-access]").await?;
        assert!(
            page.texts(".steps").await?.is_empty(),
            "the wizard's steps show"
        );
        assert!(
            page.texts("#next, #back").await?.is_empty(),
            "buttons lead nowhere"
        );
        Ok(())
    })
    .await;
}
