//! The whole flow by keyboard alone, with an axe-core audit of every step: no serious
//! or critical finding is allowed.
#![allow(clippy::unwrap_used)]

use crate::support::{
    browser::{self, Page},
    journey::{Journey, Step, Wizard},
    server::TestServer,
};

const ENTER: &str = "\u{e007}";
const DOWN: &str = "\u{e015}";
const RIGHT: &str = "\u{e014}";
const SELECT_ALL: &str = "\u{e009}a\u{e009}";

const CSV: &str = "Name;Email;Phone;Unit\n\
                   Aino Virtanen;aino@example.fi;912 34 567;A-101\n\
                   Mikko Laine;mikko(at)example.fi;;A-102\n";

async fn audit(page: &Page, step: &str) -> anyhow::Result<()> {
    let problems = page.accessibility_problems().await?;
    assert!(problems.is_empty(), "{step}: {problems:#?}");
    Ok(())
}

/// Moves on with the keyboard, waits for the next step, and checks the focus landed
/// on its heading.
async fn continue_to(w: &Wizard<'_>, step: Step) -> anyhow::Result<()> {
    w.tab_to("#next").await?;
    w.keys(ENTER).await?;
    w.arrived(step).await?;
    let heading = step.heading_id();
    browser::until(async || {
        let focused = w.focused_id().await?;
        Ok(if focused == heading {
            Ok(())
        } else {
            Err(format!(
                "the focus did not move to #{heading}: it is on #{focused}"
            ))
        })
    })
    .await
}

/// Waits until the focus is on the element matching `css`.
async fn focus_on(page: &Page, css: &str) -> anyhow::Result<()> {
    let script = format!(
        "return document.activeElement !== null && document.activeElement.matches({})",
        serde_json::to_string(css)?
    );
    browser::until(async || {
        Ok(
            if page.js(&script).await? == serde_json::Value::Bool(true) {
                Ok(())
            } else {
                Err(format!("the focus did not move to {css}"))
            },
        )
    })
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn the_flow_works_by_keyboard_alone_and_passes_an_accessibility_audit() {
    let server = TestServer::start().await;
    browser::run(|page| async move {
        let w = Journey::csv("customers.csv", CSV)
            .in_language("en")
            .open(&page, &server)
            .await?;
        audit(&w, "project").await?;
        continue_to(&w, Step::File).await?;

        // The file picker is reached by Tab; WebDriver stands in for the OS dialog.
        w.tab_to("input[type=file]").await?;
        w.pick(w.file()).await?;
        audit(&w, "file").await?;
        continue_to(&w, Step::Header).await?;
        w.header_counts("2 customers · 4 fields").await?;
        audit(&w, "header").await?;
        continue_to(&w, Step::Mapping).await?;
        w.element("#map-col-0").await?;
        audit(&w, "mapping").await?;
        continue_to(&w, Step::Review).await?;
        w.review_counts("1 ready · 1 with problems").await?;
        audit(&w, "review").await?;

        // Correct the e-mail in place by keyboard: Tab into the grid (one stop),
        // arrows to the cell, Enter edits, Enter keeps the new value.
        w.tab_to(".virtual__table [data-col]").await?;
        w.keys(DOWN).await?;
        focus_on(&w, "tr[data-row='3'] th").await?;
        w.keys(RIGHT).await?;
        focus_on(&w, "tr[data-row='3'] td:nth-of-type(1)").await?;
        w.keys(RIGHT).await?;
        focus_on(&w, "tr[data-row='3'] td:nth-of-type(2)").await?;
        w.keys(ENTER).await?;
        focus_on(&w, "tr[data-row='3'] td:nth-of-type(2) input").await?;
        w.keys(&format!("{SELECT_ALL}mikko@example.fi{ENTER}"))
            .await?;
        w.review_counts("2 ready · 0 with problems").await?;
        continue_to(&w, Step::Save).await?;
        w.ended_with(2, 0, 0).await?;
        w.save_status("Done.").await?;
        audit(&w, "save").await?;
        Ok(())
    })
    .await;
}
