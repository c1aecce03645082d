//! A file of ten thousand customers: the tables render only the rows in view, and the
//! mapping the user made is offered again for the next file with the same headings.
#![allow(clippy::unwrap_used)]

use crate::support::{browser, server::TestServer};

const ROWS: usize = 10_000;

fn customers_csv(unit_column: &str) -> String {
    let mut csv = format!("Fornavn;Etternavn;E-post;{unit_column};Kommentar\r\n");
    for i in 0..ROWS {
        csv.push_str(&format!(
            "Kunde;Nummer {i};kunde{i}@example.no;A-101;intern {i}\r\n"
        ));
    }
    csv
}

#[tokio::test(flavor = "multi_thread")]
async fn big_tables_render_only_rows_in_view_and_a_mapping_is_remembered() {
    let server = TestServer::start().await;
    let files = tempfile::tempdir().unwrap();
    let first = files.path().join("januar.csv");
    let second = files.path().join("februar.csv");
    std::fs::write(&first, customers_csv("Kolonne D")).unwrap();
    std::fs::write(&second, customers_csv("Kolonne D")).unwrap();
    let url = server.app_url("nb", &server.users.case_handler.token);
    browser::run(
        "big_tables_render_only_rows_in_view_and_a_mapping_is_remembered",
        |page| async move {
            page.open_at_file_step(&url).await?;
            page.upload(&first).await?;
            page.next().await?;
            page.wait_for_text("[data-testid=counts]", "10 000 kunder · 5 felt")
                .await?;
            let rendered = page.texts("tbody tr").await?.len();
            assert!(rendered < 60, "the data table rendered {rendered} rows");
            page.next().await?;

            // "Kolonne D" says nothing a suggestion could use: the user maps it.
            assert_eq!(page.mapped_column("first_name").await?, Some(0));
            assert_eq!(page.mapped_column("unit").await?, None);
            assert!(
                page.texts("[data-testid=mapping-remembered]")
                    .await?
                    .is_empty()
            );
            page.map_column(3, "unit").await?;
            page.unmap("notes").await?;
            page.next().await?;
            page.wait_for_text("[data-testid=review-counts]", "10 000 klare · 0 med feil")
                .await?;
            assert_eq!(
                page.value("tr[data-row='2'] td:nth-of-type(3) input")
                    .await?,
                "kunde0@example.no"
            );
            let rendered = page.texts("tbody tr[data-row]").await?.len();
            assert!(rendered < 60, "the review rendered {rendered} rows");

            // The next file with the same headings starts from the user's mapping.
            for _ in 0..3 {
                page.click("#back").await?;
            }
            page.upload(&second).await?;
            page.wait_for_text("[data-testid=file-summary]", "februar.csv")
                .await?;
            page.next().await?;
            page.next().await?;
            page.element("[data-testid=mapping-remembered]").await?;
            assert_eq!(page.mapped_column("unit").await?, Some(3));
            assert_eq!(page.mapped_column("notes").await?, None);
            Ok(())
        },
    )
    .await;
}
