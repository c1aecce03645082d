//! The whole flow by keyboard alone, with an axe-core audit of every step: no serious
//! or critical finding is allowed.
#![allow(clippy::unwrap_used)]

use crate::support::{browser, browser::Page, server::TestServer};

const ENTER: &str = "\u{e007}";
const DOWN: &str = "\u{e015}";
const RIGHT: &str = "\u{e014}";
const SELECT_ALL: &str = "\u{e009}a\u{e009}";

async fn audit(page: &Page, step: &str) -> anyhow::Result<()> {
    let problems = page.accessibility_problems().await?;
    assert!(problems.is_empty(), "{step}: {problems:#?}");
    Ok(())
}

/// Waits until the focus is on the element matching `css`.
async fn focus_on(page: &Page, css: &str) -> anyhow::Result<()> {
    let script = format!(
        "return document.activeElement !== null && document.activeElement.matches({})",
        serde_json::to_string(css)?
    );
    for _ in 0..200 {
        if page.client.execute(&script, vec![]).await? == serde_json::Value::Bool(true) {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    anyhow::bail!("the focus did not move to {css}")
}

/// Moves on with the keyboard and checks the focus landed on the new step's heading.
async fn continue_to(page: &Page, heading: &str) -> anyhow::Result<()> {
    page.tab_to("#next").await?;
    page.keys(ENTER).await?;
    page.element(&format!("#{heading}")).await?;
    for _ in 0..50 {
        if page.focused_id().await? == heading {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    anyhow::bail!("the focus did not move to #{heading}")
}

#[tokio::test(flavor = "multi_thread")]
async fn the_flow_works_by_keyboard_alone_and_passes_an_accessibility_audit() {
    let server = TestServer::start().await;
    let files = tempfile::tempdir().unwrap();
    let csv = files.path().join("customers.csv");
    std::fs::write(
        &csv,
        "Name;Email;Phone;Unit\n\
         Aino Virtanen;aino@example.fi;912 34 567;A-101\n\
         Mikko Laine;mikko(at)example.fi;;A-102\n",
    )
    .unwrap();
    let url = server.app_url("en", &server.users.case_handler.token);
    browser::run(
        "the_flow_works_by_keyboard_alone_and_passes_an_accessibility_audit",
        |page| async move {
            page.open(&url).await?;
            page.wait_for_text("#project", "Fjordparken").await?;
            audit(&page, "project").await?;
            continue_to(&page, "file-heading").await?;

            // The file picker is reached by Tab; WebDriver stands in for the OS dialog.
            page.tab_to("input[type=file]").await?;
            page.upload(&csv).await?;
            page.wait_for_text("[data-testid=file-summary]", "customers.csv")
                .await?;
            audit(&page, "file").await?;
            continue_to(&page, "header-heading").await?;
            page.wait_for_text("[data-testid=counts]", "2 customers · 4 fields")
                .await?;
            audit(&page, "header").await?;
            continue_to(&page, "mapping-heading").await?;
            page.element("#map-email").await?;
            audit(&page, "mapping").await?;
            continue_to(&page, "review-heading").await?;
            page.wait_for_text("[data-testid=review-counts]", "1 ready · 1 with problems")
                .await?;
            audit(&page, "review").await?;

            // Correct the e-mail in place by keyboard: Tab into the grid (one stop),
            // arrows to the cell, Enter edits, Enter keeps the new value.
            page.tab_to(".virtual__table [data-col]").await?;
            page.keys(DOWN).await?;
            focus_on(&page, "tr[data-row='3'] th").await?;
            page.keys(RIGHT).await?;
            focus_on(&page, "tr[data-row='3'] td:nth-of-type(1)").await?;
            page.keys(RIGHT).await?;
            focus_on(&page, "tr[data-row='3'] td:nth-of-type(2)").await?;
            page.keys(ENTER).await?;
            focus_on(&page, "tr[data-row='3'] td:nth-of-type(2) input").await?;
            page.keys(&format!("{SELECT_ALL}mikko@example.fi{ENTER}"))
                .await?;
            page.wait_for_text("[data-testid=review-counts]", "2 ready · 0 with problems")
                .await?;
            continue_to(&page, "save-heading").await?;
            page.wait_for_text("[data-testid=save-summary]", "2 created · 0 not created")
                .await?;
            page.wait_for_text("[data-testid=save-status]", "Done.")
                .await?;
            audit(&page, "save").await?;
            Ok(())
        },
    )
    .await;
}
