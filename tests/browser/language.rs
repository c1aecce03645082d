//! The language in a real browser: switching it in the review re-renders every visible
//! text, the table's column headings and the counts included, with each language's
//! plural forms and digit grouping; the choice survives a reload, and a `?lang=` in the
//! address still comes first without replacing it.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use crate::support::{
    browser::{self, Page},
    journey::{Step, Wizard},
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
    let script = "return document.querySelector(arguments[0]).textContent";
    let value = page.js_with(script, vec![css.into()]).await?;
    Ok(value.as_str().unwrap_or_default().to_owned())
}

/// The review table's column headings (row, each mapped field, import), checked:
/// `row` first, `import` last when given, and one starting with each of `fields`.
async fn headings(
    page: &Page,
    row: &str,
    import: Option<&str>,
    fields: &[&str],
) -> anyhow::Result<Vec<String>> {
    let headings = page.texts(".virtual__table thead th").await?;
    assert_eq!(
        headings.first().map(String::as_str),
        Some(row),
        "{headings:?}"
    );
    if let Some(import) = import {
        assert_eq!(
            headings.last().map(String::as_str),
            Some(import),
            "{headings:?}"
        );
    }
    for field in fields {
        let found = headings.iter().any(|h| h.starts_with(field));
        assert!(found, "{field} in {headings:?}");
    }
    Ok(headings)
}

#[tokio::test(flavor = "multi_thread")]
async fn switching_language_re_renders_every_text_and_survives_a_reload() {
    let server = TestServer::start().await;
    let token = &server.users.case_handler.token;
    // No `?lang=`: the language is the browser's until the user picks one.
    let plain = format!("{}/#token={token}", server.url);
    let with_lang = format!("{}/?lang=sv#token={token}", server.url);
    browser::run(|page| async move {
        page.open(&plain).await?;
        page.wait_for_text("#project", "Fjordparken").await?;
        page.choose_language("nb").await?;
        page.wait_for_text("#project-heading", "Velg prosjekt")
            .await?;
        let w = Wizard::on(&page)?;
        w.to(Step::File).await?;
        w.pick_csv("kunder.csv", &csv()).await?;
        w.to_header().await?;
        w.header_counts("1 201 kunder · 2 felt").await?;
        w.to_review().await?;

        // Norwegian: a plural "klare", a one "med feil", grouped thousands.
        w.review_counts("1 200 klare · 1 med feil · 0 utelatt")
            .await?;
        w.wait_for_text("#next", "Lagre 1 200 kunder").await?;
        let counts = text_content(&w, "[data-testid=review-counts]").await?;
        assert!(counts.starts_with("1\u{a0}200 klare"), "{counts:?}");
        headings(&w, "Rad", Some("Importer"), &["Navn", "E-post"]).await?;

        // Finnish: every text follows at once, the column headings too.
        w.choose_language("fi").await?;
        w.review_counts("1 200 valmiina · 1 virheellinen · 0 pois jätettyä")
            .await?;
        w.wait_for_text("#next", "Tallenna 1 200 asiakasta").await?;
        w.wait_for_text("#review-heading", "Tarkistus").await?;
        let fi = headings(&w, "Rivi", Some("Tuo"), &["Nimi", "Sähköposti"]).await?;
        // The file's own headings stay as the file has them.
        assert!(fi.iter().any(|h| h.contains("E-post")), "{fi:?}");
        let next = text_content(&w, "#next").await?;
        assert_eq!(next.trim(), "Tallenna 1\u{a0}200 asiakasta");

        // English groups with a comma.
        w.choose_language("en").await?;
        w.review_counts("1,200 ready · 1 with problems · 0 left out")
            .await?;
        w.wait_for_text("#next", "Save 1,200 customers").await?;
        headings(&w, "Row", Some("Import"), &["E-mail"]).await?;

        // Swedish: "1 200 klara", and the other plural of the ones left out.
        w.choose_language("sv").await?;
        w.review_counts("1 200 klara · 1 med problem · 0 utelämnade")
            .await?;
        w.wait_for_text("#next", "Spara 1 200 kunder").await?;
        headings(&w, "Rad", None, &["Namn"]).await?;

        // The choice survives a reload.
        w.choose_language("fi").await?;
        w.wait_for_text("#review-heading", "Tarkistus").await?;
        w.client.refresh().await?;
        w.wait_for_text("#project-heading", "Valitse projekti")
            .await?;
        assert_eq!(w.value(".language-picker select").await?, "fi");

        // `?lang=` from a portal or a link comes first, and does not replace the
        // user's own choice.
        w.open(&with_lang).await?;
        w.wait_for_text("#project-heading", "Välj projekt").await?;
        w.open(&plain).await?;
        w.wait_for_text("#project-heading", "Valitse projekti")
            .await?;
        Ok(())
    })
    .await;
}
