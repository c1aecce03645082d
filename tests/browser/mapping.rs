//! The mapping step from the file's side (issue 27.1): every column with its heading,
//! values and where it goes; abbreviations suggested; the columns left behind named
//! before Continue; a field taken from another column said and undone; help in the
//! project's own values.

use crate::support::{browser, journey::Journey, server::TestServer};

/// In Norwegian: takeover, undo, columns left behind; in Finnish: abbreviations and a
/// value for every row.
#[tokio::test(flavor = "multi_thread")]
async fn every_column_of_the_file_says_where_it_goes() {
    let server = TestServer::start().await;
    {
        let server = &server;
        let csv = "Navn;E-post;Leil.nr;Favorittfarge\r\n\
                   Åse Berg;ase@example.no;A-101;grønn\r\n\
                   Ola Nordmann;ola@example.no;A-102;blå\r\n";
        browser::run_part(
            "every_column_of_the_file_says_where_it_goes_and_what_is_left_behind",
            |page| async move {
                let w = Journey::csv("kunder.csv", csv)
                    .to_mapping(&page, server)
                    .await?;

                // Each column with its values; the abbreviation is taken for the unit.
                w.wait_for_text("tr[data-column='3']", "grønn").await?;
                assert_eq!(w.mapped_column("unit").await?, Some(2));
                assert_eq!(
                    w.value("#map-col-3").await?,
                    "",
                    "nothing suggests a colour"
                );
                w.shows("mapping-not-imported", "Importeres ikke: «Favorittfarge».")
                    .await?;
                // The unit's help names this project's units, not made-up ones.
                let help = w
                    .wait_for_text(
                        "#map-col-2-help",
                        "I dette prosjektet: A-101, A-102, A-103, A-201 og 4 til.",
                    )
                    .await?;
                assert!(!help.contains("f.eks."), "{help}");

                // Giving the name to another column takes it from "Navn", which says so and
                // can be undone.
                w.map_column(3, "name").await?;
                w.shows(
                    "mapping-takeover",
                    "Navn hentes nå fra «Favorittfarge», og «Navn» importeres ikke lenger.",
                )
                .await?;
                assert_eq!(w.value("#map-col-0").await?, "");
                w.shows("mapping-not-imported", "«Navn»").await?;
                w.click("#mapping-undo").await?;
                w.wait_gone("[data-testid=mapping-takeover]").await?;
                assert_eq!(w.mapped_column("name").await?, Some(0));
                w.shows("mapping-not-imported", "«Favorittfarge»").await?;

                // Leaving out the e-mail names both columns left behind.
                w.unmap("email").await?;
                w.shows(
                    "mapping-not-imported",
                    "Disse 2 kolonnene importeres ikke: «E-post», «Favorittfarge».",
                )
                .await?;
                Ok(())
            },
        )
        .await;
    }

    {
        let server = &server;
        let csv = "Nimi;Puh.;Huon.nro;Synt.pvm\r\n\
                   Aino Virtanen;040 123 4567;A 1;05.03.1985\r\n";
        browser::run_part(
            "a_finnish_file_is_mapped_from_its_abbreviations_and_a_value_serves_every_row",
            |page| async move {
                let w = Journey::csv("asiakkaat.csv", csv)
                    .in_language("fi")
                    .to_mapping(&page, server)
                    .await?;
                w.assert_columns_feed("name phone unit birth_date").await?;
                w.shows(
                    "mapping-not-imported",
                    "Kaikki tiedoston sarakkeet tuodaan.",
                )
                .await?;
                // No column holds a customer group: one value serves every row.
                w.select("#map-whole-customer_group", "Kjøpere").await?;
                assert_eq!(w.value("#map-whole-customer_group").await?, "Kjøpere");
                Ok(())
            },
        )
        .await;
    }
}
