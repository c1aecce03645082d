//! A file of 200,000 customers is read and checked off the page's main thread: while
//! that runs, the page shows how far it has come and answers clicks — here the one
//! that stops the work, in both phases. A page busy parsing could not: the button
//! would never be drawn, or the click would land after the work had ended. And the
//! file's first rows show while the rest of it is still read.
#![allow(clippy::unwrap_used)]

use std::fmt::Write;

use crate::support::{browser, server::TestServer};

const ROWS: usize = 200_000;

/// Nine columns, `;`, UTF-8, with a quoted two-line comment on every 50th row.
fn customers_csv() -> String {
    let mut csv = String::from(
        "Fornavn;Etternavn;E-post;Telefon;Adresse;Postnummer;Poststed;Fødselsdato;Kommentar\r\n",
    );
    for i in 0..ROWS {
        let comment = if i % 50 == 0 {
            format!("\"Ring etter kl. 16\r\nnøkkel {i}\"")
        } else {
            format!("kunde {i}")
        };
        write!(
            csv,
            "Åse;Nummer {i};kunde{i}@example.no;+47 9{:07};Storgata {};{:04};Oslo;{:02}.{:02}.19{:02};{comment}\r\n",
            i % 10_000_000,
            i % 200 + 1,
            i % 9000 + 1000,
            i % 28 + 1,
            i % 12 + 1,
            i % 80 + 10,
        )
        .unwrap();
    }
    csv
}

#[tokio::test(flavor = "multi_thread")]
async fn reading_and_checking_a_big_file_can_be_stopped_from_the_page() {
    let server = TestServer::start().await;
    let files = tempfile::tempdir().unwrap();
    let file = files.path().join("kunder.csv");
    std::fs::write(&file, customers_csv()).unwrap();
    let url = server.app_url("nb", &server.users.case_handler.token);
    browser::run(
        "reading_and_checking_a_big_file_can_be_stopped_from_the_page",
        |page| async move {
            page.open_at_file_step(&url).await?;

            // Stopped while the file is read: the page forgets it. The page clicks
            // Cancel as soon as it appears; a page busy reading could not.
            page.click_when_shown("#cancel-work").await?;
            page.upload(&file).await?;
            page.wait_gone("[data-testid=file-reading]").await?;
            assert!(page.texts("[data-testid=file-summary]").await?.is_empty());
            assert!(page.texts("[data-testid=first-rows]").await?.is_empty());
            assert!(!page.element("#next").await?.is_enabled().await?);

            // Read to the end, then stopped while its rows are checked: the mapping
            // stays, and checking again goes through.
            page.upload(&file).await?;
            page.wait_for_text("[data-testid=file-summary]", "kunder.csv")
                .await?;
            page.next().await?;
            page.wait_for_text("[data-testid=counts]", "200 000 kunder · 9 felt")
                .await?;
            page.next().await?;
            assert_eq!(page.mapped_column("email").await?, Some(2));
            page.click_when_shown("#cancel-work").await?;
            page.next().await?;
            page.wait_gone("[data-testid=work-progress]").await?;
            page.element("#mapping-heading").await?;
            assert!(page.texts("[data-testid=review-counts]").await?.is_empty());
            assert_eq!(page.mapped_column("email").await?, Some(2));

            page.next().await?;
            page.wait_for_text("[data-testid=review-counts]", "200 000 klare · 0 med feil")
                .await?;
            Ok(())
        },
    )
    .await;
}

/// Notes, as the page changes, whether the file's first rows were ever shown while the
/// page still said the file was being read, and what they said then.
const WATCH_FIRST_ROWS: &str = r#"
window.firstRowsWhileReading = null;
new MutationObserver(() => {
    const rows = document.querySelector("[data-testid=first-rows]");
    const reading = document.querySelector("[data-testid=file-reading]");
    if (rows && reading && window.firstRowsWhileReading === null) {
        window.firstRowsWhileReading = rows.innerText;
    }
}).observe(document.body, { childList: true, subtree: true });
return true;
"#;

#[tokio::test(flavor = "multi_thread")]
async fn the_first_rows_of_a_big_file_show_while_the_rest_is_read() {
    let server = TestServer::start().await;
    let files = tempfile::tempdir().unwrap();
    let file = files.path().join("asiakkaat.csv");
    std::fs::write(&file, customers_csv()).unwrap();
    let url = server.app_url("fi", &server.users.case_handler.token);
    browser::run(
        "the_first_rows_of_a_big_file_show_while_the_rest_is_read",
        |page| async move {
            page.open_at_file_step(&url).await?;
            page.client.execute(WATCH_FIRST_ROWS, vec![]).await?;
            page.upload(&file).await?;
            page.wait_for_text("[data-testid=file-summary]", "asiakkaat.csv")
                .await?;
            let seen = page
                .client
                .execute("return window.firstRowsWhileReading;", vec![])
                .await?;
            let seen = seen.as_str().unwrap_or_default();
            assert!(
                seen.contains("Tiedoston ensimmäiset rivit")
                    && seen.contains("Fornavn")
                    && seen.contains("kunde0@example.no"),
                "no first rows while the file was read: {seen:?}"
            );
            // Once read, they stay, and the counts are complete on the next step.
            let kept = page.texts("[data-testid=first-rows] tr").await?;
            assert_eq!(kept.len(), 10, "{kept:?}");
            assert!(kept[9].contains("kunde8@example.no"), "{kept:?}");
            page.next().await?;
            page.wait_for_text("[data-testid=counts]", "200 000 asiakasta")
                .await?;
            Ok(())
        },
    )
    .await;
}
