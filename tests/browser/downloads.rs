//! The project's files in a real browser: the template and the export are fetched with
//! the user's token from our own server and saved as the server named them.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use crate::support::{browser, server::TestServer};
use customer_import_reading::read::{ReadOptions, read_file};

#[tokio::test(flavor = "multi_thread")]
async fn a_case_handler_downloads_the_template_and_the_customers() {
    let server = TestServer::start().await;
    let db = server.db().await;
    sqlx::query(
        "INSERT INTO customers (project_id, name, email, phone, created_at)
         SELECT id, '=1+2', 'kari@example.no', '+4791234567', '2026-01-01' FROM projects
         WHERE name = 'Fjordparken'",
    )
    .execute(&db.pool)
    .await
    .unwrap();
    let url = server.app_url("nb", &server.users.case_handler.token);
    browser::run(|page| async move {
        page.open(&url).await?;
        // Her only project is chosen for her, and its files are offered.
        page.wait_for_text("#project-files-heading", "Filer for prosjektet")
            .await?;

        page.click("#download-customers-csv").await?;
        let csv = String::from_utf8(page.downloaded("fjordparken-customers.csv").await?)?;
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert!(lines.len() >= 2, "{csv}");
        for (line, start) in lines.iter().zip([
            "\u{feff}Navn;E-post;Telefon;",
            "'=1+2;kari@example.no;+4791234567;",
        ]) {
            assert!(line.starts_with(start), "{csv}");
        }

        page.click("#download-template-xlsx").await?;
        let xlsx = page.downloaded("fjordparken-template.xlsx").await?;
        let book = read_file(&xlsx, "template.xlsx", &ReadOptions::default())?;
        let names: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Kunder", "Forklaringer"]);

        // Each file was asked for once, from our own server (the server answers
        // these only to a valid token, so the files prove it was sent).
        let downloads: Vec<String> = server
            .recorder
            .requests()
            .into_iter()
            .map(|r| r.path)
            .filter(|p| p.ends_with(".csv") || p.ends_with(".xlsx"))
            .collect();
        assert_eq!(downloads.len(), 2, "{downloads:?}");
        assert!(downloads[0].ends_with("/customers.csv"));
        assert!(downloads[1].ends_with("/template.xlsx"));
        Ok(())
    })
    .await;
}
