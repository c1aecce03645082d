//! Values mapped to the project's lists (issue 29): a unit column spelled another way
//! than the project's units is listed once per spelling with its rows and the unit it
//! most likely means; applying the choice maps every row with the spelling, and the
//! next file spelled the same way needs nothing.
#![allow(clippy::unwrap_used)]

use crate::support::{browser, journey::Journey, server::TestServer};

/// Two rows spell A-101 as "Blokk A 101"; "a-102" is A-102 to the checks already;
/// Z-999 is no unit of the project's.
const CSV: &str = "Navn;E-post;Bolig\r\n\
                   Anne Ny;anne@example.no;Blokk A 101\r\n\
                   Bo Berg;bo@example.no;Blokk A 101\r\n\
                   Carl Ek;carl@example.no;a-102\r\n\
                   Dina Dahl;dina@example.no;Z-999\r\n";

/// The folder for a picture of the spellings, if any.
const SHOTS: &str = "CUSTOMER_IMPORT_SHOTS";

const NEXT: &str = "Navn;E-post;Bolig\r\nEva Ek;eva@example.no;Blokk A 101\r\n";

#[tokio::test(flavor = "multi_thread")]
async fn a_spelling_is_mapped_to_a_unit_once_for_every_row_and_the_next_file() {
    let server = TestServer::start().await;
    let project = server.project_id("Fjordparken").await;
    let server = &server;
    browser::run(|page| async move {
        let w = Journey::csv("kunder.csv", CSV)
            .by_admin()
            .to_review(&page, server)
            .await?;
        w.review_counts("1 klar · 3 med feil").await?;
        // Folded to one line until asked for: the grid keeps the page.
        w.shows("spellings", "2 verdier finnes ikke i prosjektets lister")
            .await?;
        w.click("#spellings-toggle").await?;
        let listed = w.shows("spellings", "Blokk A 101").await?;
        assert!(listed.contains("Z-999"), "{listed}");
        assert!(!listed.contains("a-102"), "{listed}");
        // The likely unit is picked already; Z-999's rows are left as they are.
        assert_eq!(w.value("#spelling-2-0").await?, "A-101");
        assert_eq!(w.value("#spelling-2-1").await?, "");
        w.picture(SHOTS, "spellings-nb.png").await?;
        w.click("#apply-spellings-2").await?;
        w.review_counts("3 klare · 1 med feil").await?;
        w.shows("spellings", "1 verdi finnes ikke i prosjektets lister")
            .await?;
        let left = w.shows("spellings", "Z-999").await?;
        assert!(!left.contains("Blokk A 101"), "{left}");
        w.to_end().await?;
        w.ended_with(3, 0, 1).await?;

        // The next file with the same headings and spelling: nothing to choose.
        w.click("#import-another").await?;
        w.pick_csv("flere.csv", NEXT).await?;
        w.to_review().await?;
        w.review_counts("1 klar · 0 med feil").await?;
        w.wait_gone("[data-testid=spellings]").await?;
        w.to_end().await?;
        w.ended_with(1, 0, 0).await?;
        Ok(())
    })
    .await;
    let units: Vec<(String, String)> = {
        use sqlx::Row;
        sqlx::query(
            "SELECT c.name, u.code FROM customers c JOIN units u ON u.id = c.unit_id \
             WHERE c.project_id = $1 ORDER BY c.name",
        )
        .bind(project)
        .fetch_all(&server.db().await.pool)
        .await
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect()
    };
    let expected = [
        ("Anne Ny", "A-101"),
        ("Bo Berg", "A-101"),
        ("Carl Ek", "A-102"),
        ("Eva Ek", "A-101"),
    ];
    assert_eq!(units, expected.map(|(n, u)| (n.to_owned(), u.to_owned())));
}
