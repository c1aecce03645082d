//! The customers table as a user sees it, in a real browser: every problem of a row at
//! once (a repeated e-mail beside an unknown unit), columns as wide as their values,
//! a whole error readable from the keyboard (under the grid), row number and status in
//! view when the table scrolls sideways, and the last row of a large file reached by
//! scrolling.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use crate::support::{
    browser::{self, Page},
    journey::Journey,
    server::TestServer,
};
use serde_json::Value;

const CSV: &str = "Navn;E-post;Telefon;Postnummer;Poststed;Fødselsdato;Bolig\r\n\
    Åse Berg;ase@example.no;912 34 567;0150;Oslo;04.07.1985;A-101\r\n\
    Kari Li;ase@example.no;913 45 678;0151;Oslo;12.03.1979;Z-999 blokk sør, inngang fra gårdsplassen\r\n";

/// Runs `script` (which `return`s a value) in the page.
async fn js(page: &Page, script: &str) -> anyhow::Result<Value> {
    Ok(page.client.execute(script, vec![]).await?)
}

/// The width in pixels of the review's heading cell for the field named `label`.
async fn column_width(page: &Page, label: &str) -> anyhow::Result<f64> {
    let script = format!(
        "const th = [...document.querySelectorAll('.virtual thead th')]
           .find(th => th.firstChild && th.firstChild.textContent === {});
         return th.getBoundingClientRect().width;",
        serde_json::to_string(label)?
    );
    Ok(js(page, &script).await?.as_f64().unwrap_or_default())
}

#[tokio::test(flavor = "multi_thread")]
async fn every_problem_shows_at_once_in_columns_a_user_can_read() {
    let server = TestServer::start().await;
    let name = "kunder.csv";
    let journey = Journey::csv(name, CSV);
    browser::run(|page| async move {
            page.client.set_window_size(1000, 900).await?;
            let _w = journey.to_review(&page, &server).await?;
            page.wait_for_text("[data-testid=review-counts]", "1 klar · 1 med feil")
                .await?;

            // Kari's unit is unknown and her e-mail repeats Åse's: both show at once.
            let problems = page.texts("tr[data-row='3'] .cell__problem").await?;
            assert!(
                problems.iter().any(|p| p.contains("står også på rad 2")),
                "{problems:?}"
            );
            assert!(
                problems
                    .iter()
                    .any(|p| p.contains("finnes ikke i dette prosjektet")),
                "{problems:?}"
            );

            // Columns are as wide as what they hold: the e-mail wider than the postal
            // code, and no value cut.
            let email = column_width(&page, "E-post").await?;
            let postal = column_width(&page, "Postnummer").await?;
            assert!(email > postal, "{email} {postal}");
            let cut = js(
                &page,
                "return [...document.querySelectorAll('.virtual tbody input.cell__input')]
                   .filter(i => i.scrollWidth > i.clientWidth + 1).map(i => i.value)",
            )
            .await?;
            assert_eq!(cut, serde_json::json!([]), "values cut");

            // The unit's error is long. With the focus in its cell (by keyboard: Tab
            // into the grid, F8 to the row's problems), the whole of it shows under
            // the grid: nothing clipped, nothing cut with "…"; in the cell, it lies
            // over no other cell.
            let unit = "tr[data-row='3'] td:nth-of-type(7)";
            page.tab_to(".virtual__table [data-col]").await?;
            page.keys("\u{e038}").await?;
            page.wait_for_text("[data-testid=cell-detail]", "står også på rad 2")
                .await?;
            page.keys("\u{e038}").await?;
            page.wait_for_text("[data-testid=cell-detail]", "finnes ikke i dette prosjektet.")
                .await?;
            let clipped = js(
                &page,
                &format!(
                    "const p = document.querySelector('[data-testid=cell-detail] .grid__active');
                     const s = getComputedStyle(p);
                     const focused = document.activeElement.matches(\"{unit}\");
                     const cell = document.querySelector(\"{unit}\").getBoundingClientRect();
                     const own = document.querySelector(\"{unit} .cell__problem\").getBoundingClientRect();
                     return [p.textContent, p.scrollHeight > p.clientHeight + 1
                       || p.scrollWidth > p.clientWidth + 1 || s.textOverflow === 'ellipsis',
                       focused, own.bottom <= cell.bottom + 1 && own.right <= cell.right + 1];"
                ),
            )
            .await?;
            assert_eq!(clipped[1], Value::Bool(false), "{clipped}");
            assert_eq!(clipped[2], Value::Bool(true), "the unit's cell has the focus: {clipped}");
            assert_eq!(clipped[3], Value::Bool(true), "inside its cell: {clipped}");
            assert!(
                clipped[0]
                    .as_str()
                    .unwrap()
                    .ends_with("finnes ikke i dette prosjektet."),
                "{clipped}"
            );

            // Scrolled sideways to the end, the row number and status stay in view.
            let sticky = js(
                &page,
                "const region = document.querySelector('.virtual');
                 region.scrollLeft = region.scrollWidth;
                 const scrolled = region.scrollLeft;
                 const cell = document.querySelector(\"tr[data-row='3'] th.rows__row\");
                 const r = cell.getBoundingClientRect(), v = region.getBoundingClientRect();
                 const under = document.elementFromPoint(r.left + 8, r.top + 8);
                 return [scrolled, r.left - v.left, cell.contains(under), cell.textContent];",
            )
            .await?;
            assert!(
                sticky[0].as_f64().unwrap() > 50.0,
                "no sideways scroll: {sticky}"
            );
            assert!(sticky[1].as_f64().unwrap().abs() < 2.0, "{sticky}");
            assert_eq!(sticky[2], Value::Bool(true), "covered: {sticky}");
            assert!(
                sticky[3].as_str().unwrap().contains("Må rettes"),
                "{sticky}"
            );
            Ok(())
        },
    )
    .await;
}

/// 420,000 rows of 84 px are 35M px: past what Chromium (33.5M) and Firefox (17.9M)
/// let an element be, so without a scaled scroll space the last rows cannot be
/// scrolled to. Read and checked in a few seconds.
const ROWS: usize = 420_000;

#[tokio::test(flavor = "multi_thread")]
async fn the_last_row_of_a_large_file_is_reached_by_scrolling() {
    let server = TestServer::start().await;
    let name = "mange.csv";
    let mut text = String::from("Navn;E-post;Bolig\r\n");
    for i in 0..ROWS {
        text.push_str(&format!("Kunde {i};kunde{i}@example.no;A-101\r\n"));
    }
    let journey = Journey::csv(name, text);
    browser::run(|page| async move {
        let _w = journey.to_review(&page, &server).await?;
        page.wait_for_text("[data-testid=review-counts]", "420 000 klare")
            .await?;
        // Scrolled to the end, again until the last row shows, as a user would: the
        // list may still grow (widths measured, rows fetched) on a busy machine.
        let last = format!("tr[data-row='{}']", ROWS + 1);
        let scroll = format!(
            "const region = document.querySelector('.virtual');
                 region.scrollTop = region.scrollHeight;
                 return document.querySelector(\"{last} input\") !== null;"
        );
        browser::until(async || {
            Ok(match js(&page, &scroll).await? {
                Value::Bool(true) => Ok(()),
                _ => Err(format!("{last} never showed at the end of the list")),
            })
        })
        .await?;
        page.element(&format!("{last} input")).await?;
        page.wait_for_text(&format!("{last} th"), &(ROWS + 1).to_string())
            .await?;
        let seen = js(
            &page,
            &format!(
                "const region = document.querySelector('.virtual');
                     const row = document.querySelector(\"{last}\").getBoundingClientRect();
                     const view = region.getBoundingClientRect();
                     return [row.top >= view.top, row.bottom <= view.bottom + 1,
                             document.querySelector(\"{last} input\").value,
                             region.scrollHeight];"
            ),
        )
        .await?;
        assert_eq!(seen[0], Value::Bool(true), "{seen}");
        assert_eq!(seen[1], Value::Bool(true), "{seen}");
        assert!(
            seen[2]
                .as_str()
                .is_some_and(|v| v == format!("Kunde {}", ROWS - 1)),
            "{seen}"
        );
        assert!(seen[3].as_f64().unwrap() < 8_100_000.0, "{seen}");
        Ok(())
    })
    .await;
}
