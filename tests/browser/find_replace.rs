//! Fixing many rows at once in the review (issue 20.4): one find and replace in the
//! unit column fixes a thousand rows, and the review's counts follow; a column's empty
//! cells are filled with one value.
#![allow(clippy::unwrap_used)]

use crate::support::{
    browser::{self, Page},
    journey::Journey,
    server::TestServer,
};
use fantoccini::Locator;

const ROWS: usize = 1_000;

/// The folder for pictures of the review's fixes, if any.
const SHOTS: &str = "CUSTOMER_IMPORT_SHOTS";

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
    browser::until(async || {
        let values = page.js(&script).await?;
        if values
            .as_array()
            .is_some_and(|v| v.iter().any(|v| v.as_str() == Some(value)))
        {
            Ok(Ok(()))
        } else {
            Ok(Err(format!("row {row} never held {value:?}: {values}")))
        }
    })
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn one_replace_fixes_a_thousand_rows_and_empty_cells_are_filled() {
    let server = TestServer::start().await;
    browser::run(|page| async move {
        let w = Journey::csv("kunder.csv", customers_csv())
            .to_mapping(&page, &server)
            .await?;
        w.map_column(2, "unit").await?;
        w.map_column(3, "customer_group").await?;
        w.to_review().await?;
        w.review_counts("0 klare · 1 000 med feil").await?;

        // One action fixes every row's unit, in the form opened on demand.
        w.click("#fix-many-toggle").await?;
        let unit = option_value(&w, "#fix-column", "Bolig").await?;
        w.select("#fix-column", &unit).await?;
        w.type_into("#fix-find", "C-").await?;
        w.type_into("#fix-with", "B-").await?;
        w.click("#fix-replace").await?;
        w.shows("fix-result", "1 000 celler endret").await?;
        w.review_counts("1 000 klare · 0 med feil · 0 utelatt")
            .await?;
        wait_for_value(&w, 2, "B-101").await?;

        // Case matters: nothing is "c-" any more, and nothing changes.
        w.type_into("#fix-find", "c-").await?;
        w.click("#fix-replace").await?;
        w.shows("fix-result", "Ingen celler endret").await?;

        // Every other customer had no group: they get one.
        let group = option_value(&w, "#fix-column", "Kundegruppe").await?;
        w.select("#fix-column", &group).await?;
        w.type_into("#fix-fill", "Kjøpere").await?;
        w.click("#fix-fill-button").await?;
        w.shows("fix-result", "500 celler endret").await?;
        wait_for_value(&w, 3, "Kjøpere").await?;
        w.review_counts("1 000 klare").await?;
        w.picture(SHOTS, "find-replace-nb.png").await?;

        w.choose_language("fi").await?;
        w.shows("fix-result", "500 solua muutettu").await?;
        w.picture(SHOTS, "find-replace-fi.png").await?;
        Ok(())
    })
    .await;
}
