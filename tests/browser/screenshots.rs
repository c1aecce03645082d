//! Walks every step as a user would and photographs it. The pictures go to
//! `target/screenshots/`, or to `$CUSTOMER_IMPORT_SCREENSHOTS` (the README's pictures
//! are made with `CUSTOMER_IMPORT_SCREENSHOTS=docs/screenshots`).
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use crate::{
    review_grid::{nordic_csv_fi, nordic_csv_nb},
    support::{
        browser::{self, Browser, Page},
        server::TestServer,
    },
};

async fn shoot(page: &Page, name: &str) -> anyhow::Result<()> {
    let dir = std::env::var_os("CUSTOMER_IMPORT_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/screenshots"));
    std::fs::create_dir_all(&dir)?;
    let png = page.client.screenshot().await?;
    assert!(png.starts_with(b"\x89PNG"), "{name} is not a PNG");
    std::fs::write(dir.join(format!("{name}.png")), png)?;
    Ok(())
}

/// Waits (a few seconds at most) until the page fits the window: the customers grid
/// takes the room left in it.
async fn fitted(page: &Page) -> anyhow::Result<()> {
    for _ in 0..50 {
        let fits = page
            .client
            .execute(
                "return Math.abs(innerHeight - document.documentElement.scrollHeight) <= 2",
                vec![],
            )
            .await?;
        if fits == serde_json::Value::Bool(true) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn every_step_is_shown() {
    let server = TestServer::start().await;
    let files = tempfile::tempdir().unwrap();
    let csv = files.path().join("fjordparken-buyers.csv");
    std::fs::write(
        &csv,
        "Buyers of Fjordparken;;;;;\r\n\
         ;;;;;\r\n\
         Name;E-mail;Mobile;Date of birth;Unit;Customer no.\r\n\
         Åse Øvrebø;ase@example.no;912 34 567;04.07.1985;A-101;1001\r\n\
         Ola Nordmann;ola(at)example.no;913 45 678;12.03.1979;A-102;1002\r\n\
         Kari Bø;kari@example.no;+47 415 55 123;31.01.1990;B-201;1003\r\n\
         Per Hansen;per@example.no;22 33 44 55;;C-999;1004\r\n\
         Liv Berg;liv@example.no;480 12 345;01.01.2031;A-103;1005\r\n\
         Nils Dahl;nils@example.no;;;A-201;1006\r\n",
    )
    .unwrap();
    let url = server.app_url("en", &server.users.case_handler.token);
    browser::run("every_step_is_shown", |page| async move {
        page.client.set_window_size(1280, 1000).await?;
        page.open(&url).await?;
        page.wait_for_text("#project", "Fjordparken").await?;
        shoot(&page, "1-project").await?;
        page.next().await?;
        page.upload(&csv).await?;
        page.wait_for_text("[data-testid=file-summary]", "fjordparken-buyers.csv")
            .await?;
        shoot(&page, "2-file").await?;
        page.next().await?;
        page.wait_for_text("[data-testid=counts]", "6 customers · 6 fields")
            .await?;
        shoot(&page, "3-header").await?;
        page.next().await?;
        page.wait_for_text("#map-external_id", "Customer no.")
            .await?;
        shoot(&page, "4-mapping").await?;
        page.next().await?;
        page.wait_for_text("[data-testid=review-counts]", "3 ready · 3 with problems")
            .await?;
        // The focus in a cell with a problem: its whole text under the grid.
        page.click("tr[data-row='7'] td:nth-of-type(5)").await?;
        page.wait_for_text("[data-testid=cell-detail]", "C-999")
            .await?;
        shoot(&page, "5-review").await?;
        page.next().await?;
        page.wait_for_text(
            "[data-testid=save-summary]",
            "3 created · 3 not created · 0 not sent",
        )
        .await?;
        // Ola's e-mail corrected in place, ready to be sent again.
        page.type_into("tr[data-row='5'] td:nth-of-type(2) input", "ola@example.no")
            .await?;
        page.wait_for_text("#send-again", "1").await?;
        // The corrected row is counted as not sent, not lost among the others.
        page.wait_for_text(
            "[data-testid=save-summary]",
            "3 created · 2 not created · 1 not sent",
        )
        .await?;
        page.client
            .execute(
                "document.querySelector('#save-heading').scrollIntoView()",
                vec![],
            )
            .await?;
        shoot(&page, "6-save").await?;
        page.click("#send-again").await?;
        page.wait_for_text("[data-testid=end]", "The import is finished")
            .await?;
        page.wait_for_text(
            "[data-testid=save-summary]",
            "4 created · 2 not created · 0 not sent",
        )
        .await?;
        page.client.execute("window.scrollTo(0, 0)", vec![]).await?;
        shoot(&page, "7-end").await?;
        Ok(())
    })
    .await;
}

/// The review of eighteen Nordic columns in Norwegian and in Finnish, at 1366×900 and
/// 1920×1080: `review-<lang>-<width>.png` (with `-firefox` in Firefox), to look at for
/// hidden columns without a sign, squeezed values, cut errors, anything lying over a
/// cell.
#[tokio::test(flavor = "multi_thread")]
async fn the_review_is_shown_in_norwegian_and_finnish() {
    let server = TestServer::start().await;
    let files = tempfile::tempdir().unwrap();
    let suffix = match Browser::chosen() {
        Browser::Chromium => "",
        Browser::Firefox => "-firefox",
    };
    for (lang, project, csv, counts) in [
        ("nb", "Fjordparken", nordic_csv_nb(), "med feil"),
        ("fi", "Koivuranta", nordic_csv_fi(), "virheellis"),
    ] {
        let file = files.path().join(format!("asiakkaat-{lang}.csv"));
        std::fs::write(&file, csv).unwrap();
        let url = server.app_url(lang, &server.users.admin.token);
        browser::run(
            "the_review_is_shown_in_norwegian_and_finnish",
            |page| async move {
                page.client.set_window_size(1366, 900).await?;
                page.open(&url).await?;
                page.wait_for_text("#project", project).await?;
                let value = page
                    .client
                    .execute(
                        "return [...document.querySelectorAll('#project option')]
                       .find(o => o.textContent.includes(arguments[0])).value",
                        vec![project.into()],
                    )
                    .await?;
                page.select("#project", value.as_str().unwrap_or_default())
                    .await?;
                page.next().await?;
                page.upload(&file).await?;
                page.wait_for_text("[data-testid=file-summary]", "asiakkaat")
                    .await?;
                page.next().await?;
                page.next().await?;
                page.element("#map-email").await?;
                page.next().await?;
                page.wait_for_text("[data-testid=review-counts]", counts)
                    .await?;
                // The first problem active, as after "next problem".
                page.click("#next-problem").await?;
                page.element(".virtual__table td[data-col]:focus").await?;
                for (width, height) in [(1366, 900), (1920, 1080)] {
                    page.client.set_window_size(width, height).await?;
                    fitted(&page).await?;
                    shoot(&page, &format!("review-{lang}-{width}{suffix}")).await?;
                }
                // Row 7's customer number repeats row 3's: its button goes to the
                // column at the right end; the row's own column stays, and a shadow
                // says columns go on to the left.
                page.client.set_window_size(1366, 900).await?;
                fitted(&page).await?;
                page.click("tr[data-row='7'] .rows__problem").await?;
                page.element("tr[data-row='7'] td[data-col]:focus").await?;
                page.element(".virtual--more-left").await?;
                shoot(&page, &format!("review-{lang}-1366-right{suffix}")).await?;
                Ok(())
            },
        )
        .await;
    }
}
