//! Fixing many rows at once in the review (issue 20.4): one find and replace in the
//! unit column fixes a thousand rows, and the review's counts follow; a column's empty
//! cells are filled with one value.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use crate::support::{browser, browser::Page, server::TestServer};
use fantoccini::Locator;

const ROWS: usize = 1_000;

/// A thousand customers whose unit is written with the building's old letter, `C-101`
/// (Fjordparken has `B-101`; units match whatever their case, so `b-101` would already
/// be right), and every other one without a customer group.
fn customers_csv() -> String {
    let mut csv = String::from("Navn;E-post;Bolig;Kundegruppe\r\n");
    for i in 0..ROWS {
        let group = if i % 2 == 0 { "Investorer" } else { "" };
        csv.push_str(&format!("Kunde {i};kunde{i}@example.no;C-101;{group}\r\n"));
    }
    csv
}

/// The value of the option of `select` whose text contains `text`.
async fn option_value(page: &Page, select: &str, text: &str) -> anyhow::Result<String> {
    page.element(select).await?;
    for option in page
        .client
        .find_all(Locator::Css(&format!("{select} option")))
        .await?
    {
        if option.text().await?.contains(text) {
            return Ok(option.attr("value").await?.unwrap_or_default());
        }
    }
    anyhow::bail!("{select} has no option {text:?}")
}

/// Waits until an input of the review row numbered `row` holds `value`.
async fn wait_for_value(page: &Page, row: u32, value: &str) -> anyhow::Result<()> {
    let script = format!(
        "return [...document.querySelectorAll(\"tr[data-row='{row}'] input\")].map(i => i.value)"
    );
    for _ in 0..200 {
        let values = page.client.execute(&script, vec![]).await?;
        if values
            .as_array()
            .is_some_and(|v| v.iter().any(|v| v.as_str() == Some(value)))
        {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    anyhow::bail!("row {row} never held {value:?}")
}

/// Saves a screenshot of the page when `CUSTOMER_IMPORT_SHOTS` names a folder.
async fn shot(page: &Page, name: &str) -> anyhow::Result<()> {
    if let Ok(folder) = std::env::var("CUSTOMER_IMPORT_SHOTS") {
        let png = page.client.screenshot().await?;
        std::fs::write(Path::new(&folder).join(name), png)?;
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn one_replace_fixes_a_thousand_rows_and_empty_cells_are_filled() {
    let server = TestServer::start().await;
    let files = tempfile::tempdir().unwrap();
    let csv = files.path().join("kunder.csv");
    std::fs::write(&csv, customers_csv()).unwrap();
    let url = server.app_url("nb", &server.users.case_handler.token);
    browser::run(
        "one_replace_fixes_a_thousand_rows_and_empty_cells_are_filled",
        |page| async move {
            page.open_at_file_step(&url).await?;
            page.upload(&csv).await?;
            page.wait_for_text("[data-testid=file-summary]", "kunder.csv")
                .await?;
            page.next().await?;
            page.next().await?;
            page.element("#map-unit").await?;
            page.select("#map-unit", "c:2").await?;
            page.select("#map-customer_group", "c:3").await?;
            page.next().await?;
            page.wait_for_text("[data-testid=review-counts]", "0 klare · 1 000 med feil")
                .await?;

            // One action fixes every row's unit, in the form opened on demand.
            page.click("#fix-many-toggle").await?;
            let unit = option_value(&page, "#fix-column", "Bolig").await?;
            page.select("#fix-column", &unit).await?;
            page.type_into("#fix-find", "C-").await?;
            page.type_into("#fix-with", "B-").await?;
            page.click("#fix-replace").await?;
            page.wait_for_text("[data-testid=fix-result]", "1 000 celler endret")
                .await?;
            page.wait_for_text(
                "[data-testid=review-counts]",
                "1 000 klare · 0 med feil · 0 utelatt",
            )
            .await?;
            wait_for_value(&page, 2, "B-101").await?;

            // Case matters: nothing is "c-" any more, and nothing changes.
            page.type_into("#fix-find", "c-").await?;
            page.click("#fix-replace").await?;
            page.wait_for_text("[data-testid=fix-result]", "Ingen celler endret")
                .await?;

            // Every other customer had no group: they get one.
            let group = option_value(&page, "#fix-column", "Kundegruppe").await?;
            page.select("#fix-column", &group).await?;
            page.type_into("#fix-fill", "Kjøpere").await?;
            page.click("#fix-fill-button").await?;
            page.wait_for_text("[data-testid=fix-result]", "500 celler endret")
                .await?;
            wait_for_value(&page, 3, "Kjøpere").await?;
            page.wait_for_text("[data-testid=review-counts]", "1 000 klare")
                .await?;
            shot(&page, "find-replace-nb.png").await?;

            page.select(".language-picker select", "fi").await?;
            page.wait_for_text("[data-testid=fix-result]", "500 solua muutettu")
                .await?;
            shot(&page, "find-replace-fi.png").await?;
            Ok(())
        },
    )
    .await;
}
