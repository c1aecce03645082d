//! Saving across what can go wrong between the browser and the server, in real
//! Chromium against the real server and database: a file of several chunks goes with
//! several in flight at once, each row created once; another project chosen in the
//! same session gets its own rows; and a chunk whose answer is lost keeps its rows
//! locked, saying why, until sending it again tells their fate, creating nobody twice.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;

use crate::support::{
    browser,
    journey::{Journey, Step, Wizard, grouped},
    server::TestServer,
};
use customer_import::steps::save::save_loop::{CHUNK_ROWS, IN_FLIGHT};
use customer_import_domain::wire::ImportChunk;
use fantoccini::Locator;

const CSV: &str = "Navn;E-post\r\n\
    Anne Ny;anne@example.no\r\n\
    Bo Berg;bo@example.no\r\n\
    Carl Ek;carl@example.no\r\n";

const ALL: [&str; 3] = ["anne@example.no", "bo@example.no", "carl@example.no"];

/// From the file step with the file picked, through header and mapping, to the
/// review of its three customers.
async fn review_three(w: &Wizard<'_>) -> anyhow::Result<()> {
    w.to_header().await?;
    w.header_counts("3 kunder").await?;
    w.to_review().await?;
    w.review_counts("3 klare · 0 med feil · 0 utelatt").await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn several_chunks_in_flight_create_every_row_once() {
    // A first chunk, then IN_FLIGHT chunks, then a short last one.
    let rows = CHUNK_ROWS * (IN_FLIGHT + 1) + 7;
    let server = TestServer::start().await;
    let project = server.project_id("Fjordparken").await;
    // The chunks after the first are handled only once IN_FLIGHT of them have
    // arrived: one chunk at a time would never be answered.
    server.recorder.hold_imports_until_together(IN_FLIGHT);
    let mut text = String::from("Navn;E-post\r\n");
    for i in 0..rows {
        text.push_str(&format!("Kunde {i};kunde{i}@example.no\r\n"));
    }
    let all = grouped(rows);
    let server = &server;
    browser::run(|page| async move {
        let w = Journey::csv("kunder.csv", text)
            .to_review(&page, server)
            .await?;
        w.review_counts(&format!("{all} klare")).await?;
        w.to_save().await?;
        w.save_status("Ferdig").await?;
        w.ended_with(rows as u64, 0, 0).await?;
        let progress = w
            .js("const p = document.querySelector('progress'); return [p.value, p.max];")
            .await?;
        assert_eq!(progress, serde_json::json!([rows, rows]), "the bar is full");
        Ok(())
    })
    .await;

    let db = server.db().await;
    let (count, distinct): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), COUNT(DISTINCT lower(email)) FROM customers WHERE project_id = $1",
    )
    .bind(project)
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert_eq!((count, distinct), (rows as i64, rows as i64));
    let imports: Vec<(Option<String>, ImportChunk)> = server
        .recorder
        .imports()
        .into_iter()
        .map(|r| (r.idempotency_key.clone(), r.chunk()))
        .collect();
    assert_eq!(
        imports.len(),
        IN_FLIGHT + 2,
        "nothing lost, nothing sent twice"
    );
    let keys: BTreeSet<_> = imports
        .iter()
        .map(|(key, _)| key.clone().unwrap())
        .collect();
    assert_eq!(keys.len(), imports.len(), "each chunk its own key");
    // The first chunk went alone; the others joined its batch.
    let batch: i64 = sqlx::query_scalar("SELECT id FROM import_batches")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(imports[0].1.batch_id, None);
    assert!(imports[1..].iter().all(|(_, c)| c.batch_id == Some(batch)));
    let mut numbers: Vec<u64> = imports
        .iter()
        .flat_map(|(_, c)| c.rows.iter().map(|r| r.row))
        .collect();
    numbers.sort_unstable();
    assert_eq!(
        numbers,
        (2..rows as u64 + 2).collect::<Vec<_>>(),
        "every row sent once"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn another_project_chosen_in_the_same_session_gets_its_own_customers() {
    let server = TestServer::start().await;
    let first = server.project_id("Fjordparken").await;
    let second = server.project_id("Koivuranta").await;
    let server = &server;
    browser::run(|page| async move {
        let w = Journey::csv("kunder.csv", CSV)
            .by_admin()
            .start(&page, server)
            .await?;
        review_three(&w).await?;
        w.to_save().await?;
        w.ended_with(3, 0, 0).await?;

        // Back to the first step, as a user who picked the wrong project would,
        // by the step bar: header and mapping stay closed, since this review's
        // created rows would come back as ready from a review built again.
        w.back().await?;
        assert!(
            w.texts("#back").await?.is_empty(),
            "no Back behind the review"
        );
        assert!(
            w.texts("button.steps__link[data-step='3']")
                .await?
                .is_empty(),
            "mapping is closed"
        );
        w.click("button.steps__link[data-step='0']").await?;
        w.arrived(Step::Project).await?;
        w.choose_project("Koivuranta").await?;
        w.to(Step::File).await?;
        // The same file, read again for a Finnish project and checked against its
        // lists: every row is ready for it, none is created there yet.
        w.file_summary("kunder.csv").await?;
        review_three(&w).await?;
        w.to_save().await?;
        w.ended_with(3, 0, 0).await?;
        w.save_status("Ferdig").await?;
        Ok(())
    })
    .await;

    assert_eq!(server.emails(first).await, ALL);
    assert_eq!(server.emails(second).await, ALL);
    let imports: Vec<(String, ImportChunk)> = server
        .recorder
        .imports()
        .into_iter()
        .map(|r| (r.path.clone(), r.chunk()))
        .collect();
    assert_eq!(imports.len(), 2);
    assert_eq!(imports[1].0, format!("/api/projects/{second}/import"));
    assert_eq!(imports[1].1.batch_id, None, "not the first project's batch");
}

#[tokio::test(flavor = "multi_thread")]
async fn rows_whose_answer_was_lost_stay_locked_until_sending_again_tells_their_fate() {
    let server = TestServer::start().await;
    let project = server.project_id("Fjordparken").await;
    let db = server.db().await;
    let server = &server;
    browser::run(|page| async move {
        let w = Journey::csv("kunder.csv", CSV).start(&page, server).await?;
        // The server creates the rows, and every answer it gives is lost.
        server.recorder.lose_import_answers();
        review_three(&w).await?;
        w.start_saving().await?;
        w.save_status("prøver igjen").await?;
        // While it is sending, a row whose answer is late is waiting, not lost.
        let row = "tr[data-row='2']";
        w.wait_for_text(row, "Venter på svar").await?;
        let waiting = w.wait_for_text(row, "venter på svar fra serveren").await?;
        assert!(!waiting.contains("uten svar"), "{waiting}");
        w.click("#cancel-save").await?;
        w.save_status("Stoppet").await?;
        w.shows(
            "save-awaiting",
            "Svaret for 3 rader kom aldri fram, og serveren kan allerede ha opprettet dem.",
        )
        .await?;
        let created: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM customers WHERE project_id = $1")
                .bind(project)
                .fetch_one(&db.pool)
                .await?;
        assert_eq!(created, 3, "the server did create them");

        // Only once sending stopped without an answer does the row say so. The user
        // tries to correct a name and to leave a row out: the rows refuse, and say why.
        w.wait_for_text(row, "Sendt, uten svar").await?;
        w.wait_for_text(
            row,
            "Svaret for denne raden kom aldri fram, og kunden kan allerede være opprettet.",
        )
        .await?;
        let name = w.element(&format!("{row} td:nth-of-type(1) input")).await?;
        assert!(!name.is_enabled().await?, "a locked name can be edited");
        let _ = name.click().await;
        w.keys("Annette").await?;
        assert_eq!(
            w.value(&format!("{row} td:nth-of-type(1) input")).await?,
            "Anne Ny"
        );
        let include = w.element(&format!("{row} .rows__import input")).await?;
        assert!(!include.is_enabled().await?, "a locked row can be left out");
        let _ = include.click().await;
        assert_eq!(include.prop("checked").await?.as_deref(), Some("true"));
        assert!(
            w.client
                .find_all(Locator::Css("[data-testid=change-refused]"))
                .await?
                .is_empty(),
            "nothing reached the review to be refused"
        );

        // The server answers again: the same chunk, sent again, tells their fate.
        server.recorder.deliver_import_answers();
        w.wait_for_text("#send-again", "Send på nytt (3 rader)")
            .await?;
        w.click("#send-again").await?;
        w.ended_with(3, 0, 0).await?;
        w.wait_for_text(row, "Opprettet").await?;
        w.wait_gone("[data-testid=save-awaiting]").await?;
        Ok(())
    })
    .await;

    assert_eq!(server.emails(project).await, ALL, "nobody twice");
    let imports = server.recorder.imports();
    assert!(imports.len() >= 2, "sent, then sent again after stopping");
    for import in &imports {
        assert_eq!(import.idempotency_key, imports[0].idempotency_key);
        assert_eq!(import.body, imports[0].body, "byte for byte");
    }
}
