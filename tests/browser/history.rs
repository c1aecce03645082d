//! The import history and undoing an import (issue 20) in a real browser, against the
//! real server and database, as Kari, a case handler: her import through the wizard is
//! found in the project step's history with its file's name and counts, its refused
//! row with the reason, and undone after she confirms (its customers are gone from the
//! database); an undo that another session already made, or of an import grown too old
//! while the list was open, is refused with the reason in her language; a colleague's
//! (the admin's) import offers her no undo, and the server refuses it too.
//!
//! `CUSTOMER_IMPORT_HISTORY_SCREENSHOTS=<folder>` also saves pictures of the history in
//! Norwegian and Finnish.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use std::path::PathBuf;

use crate::support::{browser, server::TestServer};
use sqlx::Row;

/// Three customers; the third has an e-mail the project already has (the admin's
/// import), which only the server knows: it is refused there.
const CSV: &str = "Navn;E-post\r\n\
    Anne Ny;anne@example.no\r\n\
    Bo Berg;bo@example.no\r\n\
    Berit Tatt;TAKEN@example.no\r\n\
    Feil Adresse;ikke-en-adresse\r\n";

async fn project_id(server: &TestServer, name: &str) -> i64 {
    sqlx::query("SELECT id FROM projects WHERE name = $1")
        .bind(name)
        .fetch_one(&server.db().await.pool)
        .await
        .unwrap()
        .get::<i64, _>(0)
}

/// Imports one customer through the API as `token`'s user, naming `file`; its batch.
async fn api_import(
    server: &TestServer,
    project: i64,
    token: &str,
    file: &str,
    email: &str,
) -> i64 {
    let answer = reqwest::Client::new()
        .post(format!("{}/api/projects/{project}/import", server.url))
        .bearer_auth(token)
        .header("Idempotency-Key", file)
        .json(&serde_json::json!({
            "file_name": file,
            "rows": [{"row": 2, "values": {"name": "Kunde Fra API", "email": email}}]
        }))
        .send()
        .await
        .unwrap();
    assert!(answer.status().is_success(), "{}", answer.status());
    let body: serde_json::Value = answer.json().await.unwrap();
    body["batch_id"].as_i64().unwrap()
}

/// `POST …/undo` as `token`'s user: the status and the error code, if any.
async fn api_undo(server: &TestServer, project: i64, batch: i64, token: &str) -> (u16, String) {
    let answer = reqwest::Client::new()
        .post(format!(
            "{}/api/projects/{project}/imports/{batch}/undo",
            server.url
        ))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let status = answer.status().as_u16();
    let body: serde_json::Value = answer.json().await.unwrap_or_default();
    (status, body["code"].as_str().unwrap_or_default().to_owned())
}

async fn batch_of(server: &TestServer, file: &str) -> i64 {
    sqlx::query("SELECT id FROM import_batches WHERE file_name = $1")
        .bind(file)
        .fetch_one(&server.db().await.pool)
        .await
        .unwrap()
        .get::<i64, _>(0)
}

/// The customers an import created that are still in the project.
async fn customers_of(server: &TestServer, batch: i64) -> i64 {
    sqlx::query("SELECT COUNT(*) FROM customers WHERE batch_id = $1")
        .bind(batch)
        .fetch_one(&server.db().await.pool)
        .await
        .unwrap()
        .get::<i64, _>(0)
}

fn screenshots() -> Option<PathBuf> {
    std::env::var_os("CUSTOMER_IMPORT_HISTORY_SCREENSHOTS").map(PathBuf::from)
}

async fn screenshot(page: &browser::Page, name: &str) -> anyhow::Result<()> {
    if let Some(dir) = screenshots() {
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join(name), page.client.screenshot().await?)?;
    }
    Ok(())
}

/// The line of import `batch` in the history.
fn line(batch: i64) -> String {
    format!("[data-testid=history-row][data-batch='{batch}']")
}

#[tokio::test(flavor = "multi_thread")]
async fn an_import_is_found_in_the_history_undone_once_and_only_by_whom_may() {
    let server = TestServer::start().await;
    let project = project_id(&server, "Fjordparken").await;
    let admin = server.users.admin.token.clone();
    let kari = server.users.case_handler.token.clone();
    // A colleague's import: the admin's, with the customer Kari's file repeats.
    let colleagues = api_import(&server, project, &admin, "admin.csv", "taken@example.no").await;

    let files = tempfile::tempdir().unwrap();
    let csv = files.path().join("kunder.csv");
    std::fs::write(&csv, CSV).unwrap();
    let url = server.app_url("nb", &kari);
    let server = &server;
    let admin = &admin;
    let kari_token = &kari;
    browser::run(
        "an_import_is_found_in_the_history_undone_once_and_only_by_whom_may",
        |page| async move {
            // Kari's import through the wizard.
            page.open_at_file_step(&url).await?;
            page.upload(&csv).await?;
            page.wait_for_text("[data-testid=file-summary]", "kunder.csv")
                .await?;
            page.next().await?;
            page.next().await?;
            page.wait_for_text("#mapping-heading", "Kobling").await?;
            page.next().await?;
            page.wait_for_text("[data-testid=review-counts]", "3 klare")
                .await?;
            page.next().await?;
            // The row the browser held back is not created, as the one the server
            // refused; the history tells the same.
            page.wait_for_text(
                "[data-testid=save-summary]",
                "2 opprettet · 2 ikke opprettet",
            )
            .await?;
            let mine = batch_of(server, "kunder.csv").await;
            assert_eq!(customers_of(server, mine).await, 2);
            // Two more of hers, made elsewhere (another tab, another client).
            let elsewhere = api_import(server, project, kari_token, "andre.csv", "dora@example.no").await;
            let later_old = api_import(server, project, kari_token, "sen.csv", "eva@example.no").await;

            // The organization's portal hears of its customers by webhook.
            sqlx::query("UPDATE organizations SET webhook_url = 'https://portal.example/hook'")
                .execute(&server.db().await.pool)
                .await?;
            // Back on the project step: the history, newest first.
            page.click("button.steps__link[data-step='0']").await?;
            page.element("#history-heading").await?;
            page.wait_for_text(&line(colleagues), "admin.csv").await?;
            let files = page.texts("[data-testid=history-file]").await?;
            assert_eq!(files, ["sen.csv", "andre.csv", "kunder.csv", "admin.csv"]);
            let mine_line = line(mine);
            let counts = page
                .texts(&format!(
                    "{mine_line} [data-testid=history-created], {mine_line} [data-testid=history-rejected], {mine_line} [data-testid=history-left-out], {mine_line} [data-testid=history-removed]"
                ))
                .await?;
            assert_eq!(counts, ["2", "2", "0", "0"]);
            let text = page.wait_for_text(&mine_line, "Kari Saksbehandler").await?;
            assert!(text.contains("Kan angres til"), "{text}");

            // A colleague's import: no undo for her, and the server says why.
            page.wait_for_text(
                &line(colleagues),
                "Bare den som importerte, eller en administrator, kan angre",
            )
            .await?;
            assert!(
                page.texts(&format!("{} [data-testid=undo]", line(colleagues)))
                    .await?
                    .is_empty()
            );
            assert_eq!(
                api_undo(server, project, colleagues, kari_token).await,
                (403, "undo.not_allowed".to_owned())
            );

            // The row the server refused, with its reason.
            page.click(&format!("{mine_line} [data-testid=show-rows]"))
                .await?;
            let rows = page
                .wait_for_text("[data-testid=history-rows]", "Rad 4:")
                .await?;
            assert!(rows.contains("er allerede registrert"), "{rows}");
            let problems = page.accessibility_problems().await?;
            assert!(problems.is_empty(), "history: {problems:#?}");
            screenshot(&page, "history-nb.png").await?;

            // Undo, after confirming with the count.
            page.click(&format!("{mine_line} [data-testid=undo]"))
                .await?;
            page.wait_for_text(
                "[data-testid=undo-question]",
                "Fjerne de 2 kundene denne importen opprettet?",
            )
            .await?;
            page.wait_for_text("[data-testid=undo-confirm]", "Fjern 2 kunder")
                .await?;
            page.wait_for_text(
                "[data-testid=undo-portal]",
                "Portalen ble varslet om disse kundene da de ble opprettet",
            )
            .await?;
            let problems = page.accessibility_problems().await?;
            assert!(problems.is_empty(), "undo dialog: {problems:#?}");
            assert_eq!(page.focused_id().await?, "undo-cancel", "the safe choice");
            screenshot(&page, "history-undo-nb.png").await?;
            page.click("[data-testid=undo-confirm]").await?;
            page.wait_for_text("[data-testid=undo-result]", "2 kunder er fjernet.")
                .await?;
            page.wait_for_text("#undo-heading", "Importen er angret").await?;
            screenshot(&page, "history-undone-nb.png").await?;
            assert_eq!(customers_of(server, mine).await, 0, "the customers are gone");
            assert_eq!(customers_of(server, colleagues).await, 1, "not the admin's");
            page.click("[data-testid=undo-close]").await?;
            page.wait_gone("[data-testid=undo-dialog]").await?;
            assert_eq!(page.focused_id().await?, "history-heading");
            page.wait_for_text(&mine_line, "Angret").await?;
            assert_eq!(
                page.texts(&format!("{mine_line} [data-testid=history-removed]"))
                    .await?,
                ["2"]
            );
            assert!(
                page.texts(&format!("{mine_line} [data-testid=undo]"))
                    .await?
                    .is_empty(),
                "undone once"
            );

            // Undone in another session while this list was open: refused, with why.
            assert_eq!(api_undo(server, project, elsewhere, admin).await.0, 200);
            page.click(&format!("{} [data-testid=undo]", line(elsewhere)))
                .await?;
            page.click("[data-testid=undo-confirm]").await?;
            page.wait_for_text(
                "[data-testid=undo-result]",
                "Importen er allerede angret.",
            )
            .await?;
            page.wait_for_text("#undo-heading", "Importen ble ikke angret")
                .await?;
            page.click("[data-testid=undo-close]").await?;
            page.wait_for_text(&line(elsewhere), "Angret").await?;
            page.wait_for_text(&line(elsewhere), "Ada Admin").await?;

            // In Finnish now. Grown older than the server allows while the list was
            // open: refused, saying why.
            page.select(".language-picker select", "fi").await?;
            page.wait_for_text("#history-heading", "Aiemmat tuonnit")
                .await?;
            sqlx::query(
                "UPDATE import_batches SET created_at = datetime('now', '-15 days') WHERE id = $1",
            )
            .bind(later_old)
            .execute(&server.db().await.pool)
            .await?;
            page.click(&format!("{} [data-testid=undo]", line(later_old)))
                .await?;
            page.wait_for_text(
                "[data-testid=undo-question]",
                "Poistetaanko asiakas, jonka tämä tuonti loi?",
            )
            .await?;
            page.click("[data-testid=undo-confirm]").await?;
            page.wait_for_text(
                "[data-testid=undo-result]",
                "Tuonti on liian vanha peruttavaksi.",
            )
            .await?;
            screenshot(&page, "history-refused-fi.png").await?;
            page.click("[data-testid=undo-close]").await?;
            page.wait_for_text(&line(later_old), "Ei voi enää perua: yli 14 päivää vanha")
                .await?;
            assert!(
                page.texts(&format!("{} [data-testid=undo]", line(later_old)))
                    .await?
                    .is_empty()
            );
            assert_eq!(customers_of(server, later_old).await, 1, "kept");
            screenshot(&page, "history-fi.png").await?;
            page.client
                .execute(
                    "document.querySelector('[data-testid=history-rows]').scrollIntoView()",
                    vec![],
                )
                .await?;
            screenshot(&page, "history-rows-fi.png").await?;
            Ok(())
        },
    )
    .await;
}

/// Whether the whole Continue button is inside the window, and where it is.
async fn next_in_view(page: &browser::Page) -> anyhow::Result<(bool, String)> {
    let js = "const r = document.getElementById('next').getBoundingClientRect();
              return [r.top >= 0 && r.bottom <= window.innerHeight,
                      `Continue at ${r.top}-${r.bottom} of ${window.innerHeight}`];";
    let answer = page.client.execute(js, vec![]).await?;
    Ok((
        answer[0].as_bool() == Some(true),
        answer[1].as_str().unwrap_or_default().to_owned(),
    ))
}

#[tokio::test(flavor = "multi_thread")]
async fn older_imports_are_listed_a_page_at_a_time() {
    let server = TestServer::start().await;
    let project = project_id(&server, "Fjordparken").await;
    let admin = server.users.admin.token.clone();
    for n in 0..51 {
        api_import(
            &server,
            project,
            &admin,
            &format!("fil-{n:02}.csv"),
            &format!("k{n}@example.no"),
        )
        .await;
    }
    let url = server.app_url("en", &admin);
    browser::run(
        "older_imports_are_listed_a_page_at_a_time",
        |page| async move {
            page.open(&url).await?;
            page.wait_for_text("#project", "Fjordparken").await?;
            page.select("#project", &project.to_string()).await?;
            page.wait_for_text("#history-heading", "Earlier imports")
                .await?;
            page.wait_for_text("[data-testid=history]", "fil-50.csv")
                .await?;
            assert_eq!(page.texts("[data-testid=history-row]").await?.len(), 50);
            // However long the history, Continue stays in reach: in view once the
            // project is chosen, and before the history in the tab order.
            screenshot(&page, "history-long-en.png").await?;
            let (seen, place) = next_in_view(&page).await?;
            assert!(seen, "{place}");
            let before = "return Boolean(document.getElementById('next')
                .compareDocumentPosition(document.getElementById('history-heading'))
                & Node.DOCUMENT_POSITION_FOLLOWING)";
            assert_eq!(page.client.execute(before, vec![]).await?, true);
            page.click("[data-testid=history-more]").await?;
            page.wait_for_text("[data-testid=history]", "fil-00.csv")
                .await?;
            assert_eq!(page.texts("[data-testid=history-row]").await?.len(), 51);
            page.wait_gone("[data-testid=history-more]").await?;
            Ok(())
        },
    )
    .await;
}
