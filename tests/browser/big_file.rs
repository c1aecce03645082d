//! A file of ten thousand customers: the tables render only the rows in view, and the
//! mapping the user made is offered again for the next file with the same headings.
#![allow(clippy::unwrap_used)]

use crate::support::{browser, journey::Journey, server::TestServer};

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
    browser::run(|page| async move {
        let w = Journey::csv("januar.csv", customers_csv("Kolonne D"))
            .to_header(&page, &server)
            .await?;
        w.header_counts("10 000 kunder · 5 felt").await?;
        let rendered = w.texts("tbody tr").await?.len();
        assert!(rendered < 60, "the data table rendered {rendered} rows");
        w.to_mapping().await?;

        // "Kolonne D" says nothing a suggestion could use: the user maps it.
        assert_eq!(w.mapped_column("first_name").await?, Some(0));
        assert_eq!(w.mapped_column("unit").await?, None);
        assert!(
            w.texts("[data-testid=mapping-remembered]")
                .await?
                .is_empty()
        );
        w.map_column(3, "unit").await?;
        w.unmap("notes").await?;
        w.to_review().await?;
        w.review_counts("10 000 klare · 0 med feil").await?;
        assert_eq!(
            w.value("tr[data-row='2'] td:nth-of-type(3) input").await?,
            "kunde0@example.no"
        );
        let rendered = w.texts("tbody tr[data-row]").await?.len();
        assert!(rendered < 60, "the review rendered {rendered} rows");

        // The next file with the same headings starts from the user's mapping.
        for _ in 0..3 {
            w.back().await?;
        }
        w.pick_csv("februar.csv", &customers_csv("Kolonne D"))
            .await?;
        w.to_mapping().await?;
        w.element("[data-testid=mapping-remembered]").await?;
        assert_eq!(w.mapped_column("unit").await?, Some(3));
        assert_eq!(w.mapped_column("notes").await?, None);
        Ok(())
    })
    .await;
}
