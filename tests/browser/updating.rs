//! Updating customers from a file (issue 28) in a real browser, against the real
//! server and database: Ada imports a customer list, corrects three values in the
//! spreadsheet and imports it again choosing "create new and update existing". The
//! review shows exactly the three changes, old → new, and the other rows unchanged;
//! saving updates the three customers; the history counts the import's updated and
//! unchanged rows and shows the changes; undoing it puts the old values back in the
//! database. And a customer changed by someone else after the review compared its row
//! is not overwritten: the row comes back "changed since you checked", compared with
//! the customer as it is now, and updates it once looked at again.
//!
//! `CUSTOMER_IMPORT_UPDATE_SCREENSHOTS=<folder>` also saves pictures of the mapping
//! with the mode and of the review with rows to update, in Norwegian at 1366×900.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use crate::support::{
    browser,
    journey::{Journey, Step},
    server::TestServer,
};

const SHOTS: &str = "CUSTOMER_IMPORT_UPDATE_SCREENSHOTS";

const FIRST: &str = "Kundenr;Navn;E-post;Telefon;Poststed\r\n\
    K-1;Anne Ny;anne@example.no;912 34 567;Oslo\r\n\
    K-2;Bo Berg;bo@example.no;913 45 678;Bergen\r\n\
    K-3;Cecilie Dahl;cecilie@example.no;;Trondheim\r\n\
    K-4;Dag Eng;dag@example.no;415 55 123;Stavanger\r\n\
    K-5;Eva Fjell;eva@example.no;480 12 345;Tromsø\r\n\
    K-6;Finn Gran;finn@example.no;22 33 44 55;Bodø\r\n";

/// The same list with three values corrected: Bo's phone, Dag's town, Eva's name.
const CORRECTED: &str = "Kundenr;Navn;E-post;Telefon;Poststed\r\n\
    K-1;Anne Ny;anne@example.no;912 34 567;Oslo\r\n\
    K-2;Bo Berg;bo@example.no;987 65 432;Bergen\r\n\
    K-3;Cecilie Dahl;cecilie@example.no;;Trondheim\r\n\
    K-4;Dag Eng;dag@example.no;415 55 123;Sandnes\r\n\
    K-5;Eva Fjellheim;eva@example.no;480 12 345;Tromsø\r\n\
    K-6;Finn Gran;finn@example.no;22 33 44 55;Bodø\r\n";

/// Name, phone and town of the customer with customer number `number`.
async fn stored(server: &TestServer, number: &str) -> (String, Option<String>, String) {
    sqlx::query_as("SELECT name, phone, city FROM customers WHERE external_id = $1")
        .bind(number)
        .fetch_one(&server.db().await.pool)
        .await
        .unwrap()
}

async fn batch_of(server: &TestServer, file: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM import_batches WHERE file_name = $1")
        .bind(file)
        .fetch_one(&server.db().await.pool)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_corrected_list_imported_again_updates_exactly_its_changes_and_is_undone() {
    let server = TestServer::start().await;
    let server = &server;
    browser::run(|page| async move {
        page.client.set_window_size(1366, 900).await?;
        let w = Journey::csv("kunder.csv", FIRST)
            .by_admin()
            .to_review(&page, server)
            .await?;
        w.review_counts("6 klare").await?;
        w.to_save().await?;
        w.ended_with(6, 0, 0).await?;

        // The corrected spreadsheet, with "create new and update existing".
        w.another_file("kunder-rettet.csv", CORRECTED).await?;
        w.to_mapping().await?;
        w.choose_mode("create_and_update").await?;
        w.shows("mapping-match-key", "kundenummer (kolonnen «Kundenr»)")
            .await?;
        let problems = w.accessibility_problems().await?;
        assert!(problems.is_empty(), "mapping with the mode: {problems:#?}");
        w.js("window.scrollTo(0, 0)").await?;
        w.picture(SHOTS, "update-mapping-nb-1366.png").await?;
        w.to_review().await?;
        w.review_counts("0 nye · 3 oppdateres · 3 uendret · 0 med feil")
            .await?;
        let mut changes = w.review_changes(3).await?;
        changes.sort();
        assert_eq!(
            changes,
            [
                "city: Stavanger → Sandnes",
                "name: Eva Fjell → Eva Fjellheim",
                "phone: +4791345678 → +4798765432",
            ]
        );
        let badges = w.texts(".rows__tr .badge").await?;
        assert_eq!(badges.iter().filter(|b| *b == "Oppdateres").count(), 3, "{badges:?}");
        assert_eq!(badges.iter().filter(|b| *b == "Uendret").count(), 3, "{badges:?}");
        // Only the updates, on demand.
        w.select("#review-filter", "updates").await?;
        w.wait_for_count(".rows__tr .badge", 3).await?;
        w.picture(SHOTS, "update-review-nb-1366.png").await?;
        let problems = w.accessibility_problems().await?;
        assert!(problems.is_empty(), "review with updates: {problems:#?}");

        w.to_save().await?;
        w.ended_with_outcomes(&[("created", 0), ("updated", 3), ("unchanged", 3), ("refused", 0)])
            .await?;
        assert_eq!(
            stored(server, "K-2").await,
            ("Bo Berg".into(), Some("+4798765432".into()), "Bergen".into())
        );
        assert_eq!(stored(server, "K-4").await.2, "Sandnes");
        assert_eq!(stored(server, "K-5").await.0, "Eva Fjellheim");
        // The mode went with the mapping shared for these headings.
        browser::until(async || {
            let shared: String = sqlx::query_scalar("SELECT mapping FROM shared_mappings")
                .fetch_one(&server.db().await.pool)
                .await?;
            Ok(if shared.contains(r#""mode":"create_and_update""#) {
                Ok(())
            } else {
                Err(format!("the shared mapping has no mode: {shared}"))
            })
        })
        .await?;

        // The history counts the update and shows its changes.
        page.click("button.steps__link[data-step='0']").await?;
        w.arrived(Step::Project).await?;
        let batch = batch_of(server, "kunder-rettet.csv").await;
        let line = format!("[data-testid=history-row][data-batch='{batch}']");
        w.wait_for_text(&line, "kunder-rettet.csv").await?;
        let counts = w
            .texts(&format!(
                "{line} [data-testid=history-created], {line} [data-testid=history-updated], {line} [data-testid=history-unchanged]"
            ))
            .await?;
        assert_eq!(counts, ["0", "3", "3"]);
        w.click(&format!("{line} [data-testid=show-rows]")).await?;
        let rows = w
            .shows("history-updated-rows", "Rad 5: Poststed: Stavanger → Sandnes")
            .await?;
        assert!(rows.contains("Rad 3: Telefon: +4791345678 → +4798765432"), "{rows}");

        // Undo puts the old values back.
        w.click(&format!("{line} [data-testid=undo]")).await?;
        w.shows(
            "undo-question",
            "Sette tilbake de tidligere verdiene til de 3 kundene denne importen oppdaterte?",
        )
        .await?;
        w.click("[data-testid=undo-confirm]").await?;
        w.shows("undo-result", "3 kunder fikk tilbake de tidligere verdiene.")
            .await?;
        assert_eq!(
            stored(server, "K-2").await,
            ("Bo Berg".into(), Some("+4791345678".into()), "Bergen".into())
        );
        assert_eq!(stored(server, "K-4").await.2, "Stavanger");
        assert_eq!(stored(server, "K-5").await.0, "Eva Fjell");
        Ok(())
    })
    .await;
}

/// Bo's customer is changed by someone else (his town set to Voss) after the review
/// compared his row: saving leaves him as he is and says "changed since you checked",
/// the row now compared with him as he is (the file would put Bergen back); Ada keeps
/// Voss in the row, sends it again, and it updates him with the fresh version. Undoing
/// the import later leaves Eva, changed again since, as she is, and says so.
#[tokio::test(flavor = "multi_thread")]
async fn a_customer_changed_since_is_shown_again_updated_on_a_second_look_and_not_overwritten_by_undo()
 {
    let server = TestServer::start().await;
    let server = &server;
    browser::run(|page| async move {
        let w = Journey::csv("kunder.csv", FIRST)
            .by_admin()
            .to_review(&page, server)
            .await?;
        w.to_save().await?;
        w.ended_with(6, 0, 0).await?;
        w.another_file("kunder-rettet.csv", CORRECTED).await?;
        w.to_mapping().await?;
        w.choose_mode("create_and_update").await?;
        w.to_review().await?;
        w.review_counts("3 oppdateres").await?;

        sqlx::query(
            "UPDATE customers SET city = 'Voss', version = version + 1 WHERE external_id = 'K-2'",
        )
        .execute(&server.db().await.pool)
        .await?;
        w.to_save().await?;
        w.ended_with_outcomes(&[("updated", 2), ("unchanged", 3), ("refused", 1)])
            .await?;
        w.wait_for_text("tr[data-row='3'] .badge", "Endret siden kontrollen")
            .await?;
        let mut changes = w
            .texts("tr[data-row='3'] [data-testid=cell-change]")
            .await?;
        changes.sort();
        assert_eq!(changes, ["+4791345678 → +4798765432", "Voss → Bergen"]);
        assert_eq!(
            stored(server, "K-2").await.1.as_deref(),
            Some("+4791345678")
        );

        // The second look: Voss stays; the phone is still to change.
        w.type_into("tr[data-row='3'] td:nth-of-type(4) input", "Voss")
            .await?;
        w.wait_for_text("tr[data-row='3'] .badge", "Oppdateres")
            .await?;
        w.click("#send-again").await?;
        w.ended_with_outcomes(&[("updated", 3), ("unchanged", 3), ("refused", 0)])
            .await?;
        assert_eq!(
            stored(server, "K-2").await,
            ("Bo Berg".into(), Some("+4798765432".into()), "Voss".into())
        );

        // Eva is changed again after the import: its undo leaves her as she is now,
        // and says so, while the other two get their previous values back.
        sqlx::query("UPDATE customers SET name = 'Eva Annen', version = version + 1 WHERE external_id = 'K-5'")
            .execute(&server.db().await.pool)
            .await?;
        page.click("button.steps__link[data-step='0']").await?;
        w.arrived(Step::Project).await?;
        let batch = batch_of(server, "kunder-rettet.csv").await;
        let line = format!("[data-testid=history-row][data-batch='{batch}']");
        w.click(&format!("{line} [data-testid=undo]")).await?;
        w.shows("undo-question", "de 3 kundene denne importen oppdaterte?")
            .await?;
        w.click("[data-testid=undo-confirm]").await?;
        let result = w
            .shows("undo-result", "2 kunder fikk tilbake de tidligere verdiene.")
            .await?;
        assert!(
            result.contains("1 kunde er endret igjen siden og ble latt være som den er."),
            "{result}"
        );
        assert_eq!(stored(server, "K-5").await.0, "Eva Annen");
        assert_eq!(stored(server, "K-4").await.2, "Stavanger");
        assert_eq!(
            stored(server, "K-2").await,
            ("Bo Berg".into(), Some("+4791345678".into()), "Voss".into())
        );
        Ok(())
    })
    .await;
}
