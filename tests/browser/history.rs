//! The import history and undoing an import (issue 20) in a real browser, against the
//! real server and database, as Kari, a case handler: her import through the wizard is
//! found in the project step's history with its file's name and counts, its refused
//! row with the reason, and undone after she confirms (its customers are gone from the
//! database); an undo that another session already made, or of an import grown too old
//! while the list was open, is refused with the reason in her language; a colleague's
//! (the admin's) import offers her no undo, and the server refuses it too. An import of
//! several files (issue 29, sent through the API) is one line with its files under it.
//!
//! `CUSTOMER_IMPORT_HISTORY_SCREENSHOTS=<folder>` also saves pictures of the history in
//! Norwegian and Finnish.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use crate::support::{
    browser::{self, Page},
    journey::Journey,
    server::{TestServer, one_customer},
};
use customer_import_domain::wire::ImportChunk;

/// Three customers; the third has an e-mail the project already has (the admin's
/// import), which only the server knows: it is refused there.
const CSV: &str = "Navn;E-post\r\n\
    Anne Ny;anne@example.no\r\n\
    Bo Berg;bo@example.no\r\n\
    Berit Tatt;TAKEN@example.no\r\n\
    Feil Adresse;ikke-en-adresse\r\n";

/// The folder for pictures of the history, if any.
const SHOTS: &str = "CUSTOMER_IMPORT_HISTORY_SCREENSHOTS";

/// Imports one customer through the API as `token`'s user, naming `file`; its batch.
async fn api_import(
    server: &TestServer,
    project: i64,
    token: &str,
    file: &str,
    email: &str,
) -> i64 {
    let chunk = ImportChunk {
        files: Vec::new(),
        file: None,
        file_name: Some(file.to_owned()),
        ..one_customer(2, "Kunde Fra API", email)
    };
    server
        .api(token)
        .import(project, file, &chunk)
        .await
        .batch_id
}

async fn batch_of(server: &TestServer, file: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM import_batches WHERE file_name = $1")
        .bind(file)
        .fetch_one(&server.db().await.pool)
        .await
        .unwrap()
}

/// The customers an import created that are still in the project.
async fn customers_of(server: &TestServer, batch: i64) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM customers WHERE batch_id = $1")
        .bind(batch)
        .fetch_one(&server.db().await.pool)
        .await
        .unwrap()
}

/// The line of import `batch` in the history.
fn line(batch: i64) -> String {
    format!("[data-testid=history-row][data-batch='{batch}']")
}

/// Asks to undo import `batch` from its line, and waits for the dialog's question to
/// show `question`.
async fn ask_to_undo(page: &Page, batch: i64, question: &str) -> anyhow::Result<String> {
    page.click(&format!("{} [data-testid=undo]", line(batch)))
        .await?;
    page.shows("undo-question", question).await
}

/// Confirms the undo, and waits for the dialog to tell `result`.
async fn confirm_undo(page: &Page, result: &str) -> anyhow::Result<String> {
    page.click("[data-testid=undo-confirm]").await?;
    page.shows("undo-result", result).await
}

#[tokio::test(flavor = "multi_thread")]
async fn an_import_is_found_in_the_history_undone_once_and_only_by_whom_may() {
    let server = TestServer::start().await;
    let project = server.project_id("Fjordparken").await;
    let admin = &server.users.admin.token;
    let kari = &server.users.case_handler.token;
    // A colleague's import: the admin's, with the customer Kari's file repeats.
    let colleagues = api_import(&server, project, admin, "admin.csv", "taken@example.no").await;

    let server = &server;
    browser::run(|page| async move {
        // Kari's import through the wizard.
        let w = Journey::csv("kunder.csv", CSV)
            .to_review(&page, server)
            .await?;
        w.review_counts("3 klare").await?;
        w.to_save().await?;
        // The row the browser held back is not created, as the one the server
        // refused; the history tells the same.
        w.ended_with(2, 1, 1).await?;
        let mine = batch_of(server, "kunder.csv").await;
        assert_eq!(customers_of(server, mine).await, 2);
        // Two more of hers, made elsewhere (another tab, another client).
        let elsewhere = api_import(server, project, kari, "andre.csv", "dora@example.no").await;
        let later_old = api_import(server, project, kari, "sen.csv", "eva@example.no").await;

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
            server.api(kari).undo(project, colleagues).await,
            (403, "undo.not_allowed".to_owned())
        );

        // The row the server refused, with its reason.
        page.click(&format!("{mine_line} [data-testid=show-rows]"))
            .await?;
        let rows = page
            .shows("history-rows", "Rad 4:")
            .await?;
        assert!(rows.contains("er allerede registrert"), "{rows}");
        let problems = page.accessibility_problems().await?;
        assert!(problems.is_empty(), "history: {problems:#?}");
        page.picture(SHOTS, "history-nb.png").await?;

        // Undo, after confirming with the count.
        let question = "Fjerne de 2 kundene denne importen opprettet?";
        ask_to_undo(&page, mine, question).await?;
        page.shows("undo-confirm", "Fjern 2 kunder")
            .await?;
        page.shows(
            "undo-portal",
            "Portalen ble varslet om disse kundene da de ble opprettet",
        )
        .await?;
        let problems = page.accessibility_problems().await?;
        assert!(problems.is_empty(), "undo dialog: {problems:#?}");
        assert_eq!(page.focused_id().await?, "undo-cancel", "the safe choice");
        page.picture(SHOTS, "history-undo-nb.png").await?;
        confirm_undo(&page, "2 kunder er fjernet.").await?;
        page.wait_for_text("#undo-heading", "Importen er angret").await?;
        page.picture(SHOTS, "history-undone-nb.png").await?;
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
        assert_eq!(server.api(admin).undo(project, elsewhere).await.0, 200);
        ask_to_undo(&page, elsewhere, "").await?;
        confirm_undo(&page, "Importen er allerede angret.").await?;
        page.wait_for_text("#undo-heading", "Importen ble ikke angret")
            .await?;
        page.click("[data-testid=undo-close]").await?;
        page.wait_for_text(&line(elsewhere), "Angret").await?;
        page.wait_for_text(&line(elsewhere), "Ada Admin").await?;

        // In Finnish now. Grown older than the server allows while the list was
        // open: refused, saying why.
        page.choose_language("fi").await?;
        page.wait_for_text("#history-heading", "Aiemmat tuonnit")
            .await?;
        sqlx::query(
            "UPDATE import_batches SET created_at = datetime('now', '-15 days') WHERE id = $1",
        )
        .bind(later_old)
        .execute(&server.db().await.pool)
        .await?;
        let question = "Poistetaanko asiakas, jonka tämä tuonti loi?";
        ask_to_undo(&page, later_old, question).await?;
        confirm_undo(&page, "Tuonti on liian vanha peruttavaksi.").await?;
        page.picture(SHOTS, "history-refused-fi.png").await?;
        page.click("[data-testid=undo-close]").await?;
        page.wait_for_text(&line(later_old), "Ei voi enää perua: yli 14 päivää vanha")
            .await?;
        assert!(
            page.texts(&format!("{} [data-testid=undo]", line(later_old)))
                .await?
                .is_empty()
        );
        assert_eq!(customers_of(server, later_old).await, 1, "kept");
        page.picture(SHOTS, "history-fi.png").await?;
        page.js("document.querySelector('[data-testid=history-rows]').scrollIntoView()")
            .await?;
        page.picture(SHOTS, "history-rows-fi.png").await?;
        Ok(())
    })
    .await;
}

/// Whether the whole Continue button is inside the window, and where it is.
async fn next_in_view(page: &Page) -> anyhow::Result<(bool, String)> {
    let js = "const r = document.getElementById('next').getBoundingClientRect();
              return [r.top >= 0 && r.bottom <= window.innerHeight,
                      `Continue at ${r.top}-${r.bottom} of ${window.innerHeight}`];";
    let answer = page.js(js).await?;
    Ok((
        answer[0].as_bool() == Some(true),
        answer[1].as_str().unwrap_or_default().to_owned(),
    ))
}

#[tokio::test(flavor = "multi_thread")]
async fn older_imports_are_listed_a_page_at_a_time() {
    let server = TestServer::start().await;
    let project = server.project_id("Fjordparken").await;
    let admin = &server.users.admin.token;
    for n in 0..51 {
        let file = format!("fil-{n:02}.csv");
        api_import(&server, project, admin, &file, &format!("k{n}@example.no")).await;
    }
    browser::run(|page| async move {
        let w = Journey::without_file()
            .by_admin()
            .in_language("en")
            .open(&page, &server)
            .await?;
        w.wait_for_text("#history-heading", "Earlier imports")
            .await?;
        w.shows("history", "fil-50.csv").await?;
        assert_eq!(w.texts("[data-testid=history-row]").await?.len(), 50);
        // However long the history, Continue stays in reach: in view once the
        // project is chosen, and before the history in the tab order.
        w.picture(SHOTS, "history-long-en.png").await?;
        let (seen, place) = next_in_view(&w).await?;
        assert!(seen, "{place}");
        let before = "return Boolean(document.getElementById('next')
            .compareDocumentPosition(document.getElementById('history-heading'))
            & Node.DOCUMENT_POSITION_FOLLOWING)";
        assert_eq!(w.js(before).await?, true);
        w.click("[data-testid=history-more]").await?;
        w.shows("history", "fil-00.csv").await?;
        assert_eq!(w.texts("[data-testid=history-row]").await?.len(), 51);
        w.wait_gone("[data-testid=history-more]").await?;
        Ok(())
    })
    .await;
}

/// One chunk of an import of three files (issue 29): rows of file `file`, joining
/// `batch` when one is given, naming all three files as the app does.
fn of_file(batch: Option<i64>, file: u32, rows: &[(u64, &str, &str)]) -> ImportChunk {
    use customer_import_domain::wire::{ImportFile, ImportRow};
    let files = [("vest.csv", 2), ("øst.csv", 1), ("nord.xlsx", 1)];
    ImportChunk {
        batch_id: batch,
        file_name: Some("vest.csv".to_owned()),
        file_rows: Some(4),
        files: files
            .iter()
            .map(|(name, rows)| ImportFile {
                name: (*name).to_owned(),
                rows: *rows,
            })
            .collect(),
        file: Some(file),
        rows: rows
            .iter()
            .map(|(row, name, email)| ImportRow {
                row: *row,
                values: [("name", *name), ("email", *email)]
                    .into_iter()
                    .map(|(k, v)| (k.to_owned(), v.to_owned()))
                    .collect(),
                version: None,
            })
            .collect(),
        ..one_customer(2, "", "")
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn an_import_of_several_files_lists_each_file_under_its_line() {
    let server = TestServer::start().await;
    let project = server.project_id("Fjordparken").await;
    let api = server.api(&server.users.admin.token);
    let vest = [
        (2, "Vera Vest", "vera@example.no"),
        (3, "Feil", "ikke-en-adresse"),
    ];
    let batch = api
        .import(project, "vest", &of_file(None, 0, &vest))
        .await
        .batch_id;
    let øst = [(2, "Øystein Øst", "oystein@example.no")];
    api.import(project, "ost", &of_file(Some(batch), 1, &øst))
        .await;
    let nord = [(2, "Nora Nord", "nora@example.no")];
    api.import(project, "nord", &of_file(Some(batch), 2, &nord))
        .await;
    let server = &server;
    browser::run(|page| async move {
        let w = Journey::without_file()
            .by_admin()
            .open(&page, server)
            .await?;
        w.wait_for_text(&line(batch), "3 filer").await?;
        let rows = "[data-testid=history-file-row]";
        assert_eq!(
            w.texts(&format!("{rows} [data-testid=history-file-name]"))
                .await?,
            ["vest.csv", "øst.csv", "nord.xlsx"]
        );
        assert_eq!(w.texts(rows).await?.len(), 3);
        let counts = w
            .texts(&format!(
                "{rows} [data-testid=history-file-created], {rows} [data-testid=history-file-rejected]"
            ))
            .await?;
        assert_eq!(counts, ["1", "1", "1", "0", "1", "0"]);
        assert!(w.texts(rows).await?[0].starts_with("Fil 1 av 3"));
        w.picture(SHOTS, "history-files-nb.png").await?;
        Ok(())
    })
    .await;
}
