//! The language in a real browser: switching it in the review re-renders every visible
//! text, the table's column headings and the counts included, with each language's
//! plural forms and digit grouping; the choice survives a reload, and a `?lang=` in the
//! address still comes first without replacing it.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use crate::support::{
    browser::{self, Page},
    server::TestServer,
};

/// 1,200 customers and one with a broken e-mail: counts past a thousand, and a one.
fn csv() -> String {
    let mut csv = String::from("Navn;E-post\r\n");
    for i in 1..=1200 {
        csv.push_str(&format!("Kunde {i};kunde{i}@example.no\r\n"));
    }
    csv.push_str("Feil Person;ikke-en-epost\r\n");
    csv
}

/// The element's text as the page holds it (WebDriver's text turns no-break spaces
/// into plain ones, so the grouping is checked here).
async fn text_content(page: &Page, css: &str) -> anyhow::Result<String> {
    let value = page
        .client
        .execute(
            "return document.querySelector(arguments[0]).textContent",
            vec![serde_json::json!(css)],
        )
        .await?;
    Ok(value.as_str().unwrap_or_default().to_owned())
}

/// The review table's column headings: row, each mapped field, import.
async fn headings(page: &Page) -> anyhow::Result<Vec<String>> {
    page.texts(".virtual__table thead th").await
}

async fn choose(page: &Page, tag: &str) -> anyhow::Result<()> {
    page.select(".language-picker select", tag).await
}

#[tokio::test(flavor = "multi_thread")]
async fn switching_language_re_renders_every_text_and_survives_a_reload() {
    let server = TestServer::start().await;
    let files = tempfile::tempdir().unwrap();
    let file = files.path().join("kunder.csv");
    std::fs::write(&file, csv()).unwrap();
    let token = &server.users.case_handler.token;
    // No `?lang=`: the language is the browser's until the user picks one.
    let plain = format!("{}/#token={token}", server.url);
    let with_lang = format!("{}/?lang=sv#token={token}", server.url);
    browser::run(
        "switching_language_re_renders_every_text_and_survives_a_reload",
        |page| async move {
            page.open(&plain).await?;
            page.wait_for_text("#project", "Fjordparken").await?;
            choose(&page, "nb").await?;
            page.wait_for_text("#project-heading", "Velg prosjekt")
                .await?;
            page.next().await?;
            page.upload(&file).await?;
            page.wait_for_text("[data-testid=file-summary]", "kunder.csv")
                .await?;
            page.next().await?;
            page.wait_for_text("[data-testid=counts]", "1 201 kunder · 2 felt")
                .await?;
            page.next().await?;
            page.wait_for_text("#mapping-heading", "Kobling").await?;
            page.next().await?;

            // Norwegian: a plural "klare", a one "med feil", grouped thousands.
            page.wait_for_text(
                "[data-testid=review-counts]",
                "1 200 klare · 1 med feil · 0 utelatt",
            )
            .await?;
            page.wait_for_text("#next", "Lagre 1 200 kunder").await?;
            let counts = text_content(&page, "[data-testid=review-counts]").await?;
            assert!(counts.starts_with("1\u{a0}200 klare"), "{counts:?}");
            let nb = headings(&page).await?;
            assert_eq!(nb.first().map(String::as_str), Some("Rad"), "{nb:?}");
            assert_eq!(nb.last().map(String::as_str), Some("Importer"), "{nb:?}");
            assert!(nb.iter().any(|h| h.starts_with("Navn")), "{nb:?}");
            assert!(nb.iter().any(|h| h.starts_with("E-post")), "{nb:?}");

            // Finnish: every text follows at once, the column headings too.
            choose(&page, "fi").await?;
            page.wait_for_text(
                "[data-testid=review-counts]",
                "1 200 valmiina · 1 virheellinen · 0 pois jätettyä",
            )
            .await?;
            page.wait_for_text("#next", "Tallenna 1 200 asiakasta")
                .await?;
            page.wait_for_text("#review-heading", "Tarkistus").await?;
            let fi = headings(&page).await?;
            assert_eq!(fi.first().map(String::as_str), Some("Rivi"), "{fi:?}");
            assert_eq!(fi.last().map(String::as_str), Some("Tuo"), "{fi:?}");
            assert!(fi.iter().any(|h| h.starts_with("Nimi")), "{fi:?}");
            assert!(fi.iter().any(|h| h.starts_with("Sähköposti")), "{fi:?}");
            // The file's own headings stay as the file has them.
            assert!(fi.iter().any(|h| h.contains("E-post")), "{fi:?}");
            let next = text_content(&page, "#next").await?;
            assert_eq!(next.trim(), "Tallenna 1\u{a0}200 asiakasta");

            // English groups with a comma.
            choose(&page, "en").await?;
            page.wait_for_text(
                "[data-testid=review-counts]",
                "1,200 ready · 1 with problems · 0 left out",
            )
            .await?;
            page.wait_for_text("#next", "Save 1,200 customers").await?;
            let en = headings(&page).await?;
            assert_eq!(en.first().map(String::as_str), Some("Row"), "{en:?}");
            assert_eq!(en.last().map(String::as_str), Some("Import"), "{en:?}");
            assert!(en.iter().any(|h| h.starts_with("E-mail")), "{en:?}");

            // Swedish: "1 200 klara", and the other plural of the ones left out.
            choose(&page, "sv").await?;
            page.wait_for_text(
                "[data-testid=review-counts]",
                "1 200 klara · 1 med problem · 0 utelämnade",
            )
            .await?;
            page.wait_for_text("#next", "Spara 1 200 kunder").await?;
            let sv = headings(&page).await?;
            assert_eq!(sv.first().map(String::as_str), Some("Rad"), "{sv:?}");
            assert!(sv.iter().any(|h| h.starts_with("Namn")), "{sv:?}");

            // The choice survives a reload.
            choose(&page, "fi").await?;
            page.wait_for_text("#review-heading", "Tarkistus").await?;
            page.client.refresh().await?;
            page.wait_for_text("#project-heading", "Valitse projekti")
                .await?;
            assert_eq!(page.value(".language-picker select").await?, "fi");

            // `?lang=` from a portal or a link comes first, and does not replace the
            // user's own choice.
            page.open(&with_lang).await?;
            page.wait_for_text("#project-heading", "Välj projekt")
                .await?;
            page.open(&plain).await?;
            page.wait_for_text("#project-heading", "Valitse projekti")
                .await?;
            Ok(())
        },
    )
    .await;
}
