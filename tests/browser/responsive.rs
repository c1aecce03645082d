//! A file of 200,000 customers is read and checked off the page's main thread: while
//! that runs, the page shows how far it has come and answers clicks — here the one
//! that stops the work, in both phases. A page busy parsing could not: the button
//! would never be drawn, or the click would land after the work had ended. And the
//! file's first rows show while the rest of it is still read.
#![allow(clippy::unwrap_used)]

use std::fmt::Write;

use crate::support::{
    browser,
    journey::{Journey, Step},
    server::TestServer,
};

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
    browser::run(|page| async move {
        let w = Journey::without_file().start(&page, &server).await?;
        let file = w.write("kunder.csv", customers_csv())?;

        // Stopped while the file is read: the page forgets it. The page clicks
        // Cancel as soon as it appears; a page busy reading could not.
        w.click_when_shown("#cancel-work").await?;
        w.upload(&file).await?;
        w.wait_gone("[data-testid=file-reading]").await?;
        assert!(w.texts("[data-testid=file-summary]").await?.is_empty());
        assert!(w.texts("[data-testid=first-rows]").await?.is_empty());
        assert!(!w.element("#next").await?.is_enabled().await?);

        // Read to the end, then stopped while its rows are checked: the mapping
        // stays, and checking again goes through.
        w.pick(&file).await?;
        w.to_header().await?;
        w.header_counts("200 000 kunder · 9 felt").await?;
        w.to_mapping().await?;
        assert_eq!(w.mapped_column("email").await?, Some(2));
        w.click_when_shown("#cancel-work").await?;
        w.next().await?;
        w.wait_gone("[data-testid=work-progress]").await?;
        w.element("#mapping-heading").await?;
        assert!(w.texts("[data-testid=review-counts]").await?.is_empty());
        assert_eq!(w.mapped_column("email").await?, Some(2));

        w.to_review().await?;
        w.review_counts("200 000 klare · 0 med feil").await?;
        Ok(())
    })
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
    browser::run(|page| async move {
        let w = Journey::csv("asiakkaat.csv", customers_csv())
            .in_language("fi")
            .open(&page, &server)
            .await?;
        w.to(Step::File).await?;
        w.js(WATCH_FIRST_ROWS).await?;
        w.pick(w.file()).await?;
        let seen = w.js("return window.firstRowsWhileReading;").await?;
        let seen = seen.as_str().unwrap_or_default();
        assert!(
            seen.contains("Tiedoston ensimmäiset rivit")
                && seen.contains("Fornavn")
                && seen.contains("kunde0@example.no"),
            "no first rows while the file was read: {seen:?}"
        );
        // Once read, they stay, and the counts are complete on the next step.
        let kept = w.texts("[data-testid=first-rows] tr").await?;
        assert_eq!(kept.len(), 10, "{kept:?}");
        assert!(kept[9].contains("kunde8@example.no"), "{kept:?}");
        w.to_header().await?;
        w.header_counts("200 000 asiakasta").await?;
        Ok(())
    })
    .await;
}
