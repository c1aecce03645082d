//! The mapping step from the file's side (issue 27.1): every column with its heading,
//! values and where it goes; abbreviations suggested; the columns left behind named
//! before Continue; a field taken from another column said and undone; help in the
//! project's own values.

use crate::support::{browser, server::TestServer};

#[tokio::test(flavor = "multi_thread")]
async fn every_column_of_the_file_says_where_it_goes_and_what_is_left_behind() {
    let server = TestServer::start().await;
    let files = tempfile::tempdir().unwrap();
    let csv = files.path().join("kunder.csv");
    std::fs::write(
        &csv,
        "Navn;E-post;Leil.nr;Favorittfarge\r\n\
         Åse Berg;ase@example.no;A-101;grønn\r\n\
         Ola Nordmann;ola@example.no;A-102;blå\r\n",
    )
    .unwrap();
    let url = server.app_url("nb", &server.users.case_handler.token);
    browser::run(
        "every_column_of_the_file_says_where_it_goes_and_what_is_left_behind",
        |page| async move {
            page.open_at_file_step(&url).await?;
            page.upload(&csv).await?;
            page.wait_for_text("[data-testid=file-summary]", "kunder.csv")
                .await?;
            page.next().await?;
            page.wait_for_text("[data-testid=counts]", "2 kunder")
                .await?;
            page.next().await?;
            page.wait_for_text("#mapping-heading", "Kobling").await?;

            // Each column with its values; the abbreviation is taken for the unit.
            page.wait_for_text("tr[data-column='3']", "grønn").await?;
            assert_eq!(page.mapped_column("unit").await?, Some(2));
            assert_eq!(
                page.value("#map-col-3").await?,
                "",
                "nothing suggests a colour"
            );
            page.wait_for_text(
                "[data-testid=mapping-not-imported]",
                "Importeres ikke: «Favorittfarge».",
            )
            .await?;
            // The unit's help names this project's units, not made-up ones.
            let help = page
                .wait_for_text(
                    "#map-col-2-help",
                    "I dette prosjektet: A-101, A-102, A-103, A-201 og 4 til.",
                )
                .await?;
            assert!(!help.contains("f.eks."), "{help}");

            // Giving the name to another column takes it from "Navn", which says so and
            // can be undone.
            page.map_column(3, "name").await?;
            page.wait_for_text(
                "[data-testid=mapping-takeover]",
                "Navn hentes nå fra «Favorittfarge», og «Navn» importeres ikke lenger.",
            )
            .await?;
            assert_eq!(page.value("#map-col-0").await?, "");
            page.wait_for_text("[data-testid=mapping-not-imported]", "«Navn»")
                .await?;
            page.click("#mapping-undo").await?;
            page.wait_gone("[data-testid=mapping-takeover]").await?;
            assert_eq!(page.mapped_column("name").await?, Some(0));
            page.wait_for_text("[data-testid=mapping-not-imported]", "«Favorittfarge»")
                .await?;

            // Leaving out the e-mail names both columns left behind.
            page.unmap("email").await?;
            page.wait_for_text(
                "[data-testid=mapping-not-imported]",
                "Disse 2 kolonnene importeres ikke: «E-post», «Favorittfarge».",
            )
            .await?;
            Ok(())
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_finnish_file_is_mapped_from_its_abbreviations_and_a_value_serves_every_row() {
    let server = TestServer::start().await;
    let files = tempfile::tempdir().unwrap();
    let csv = files.path().join("asiakkaat.csv");
    std::fs::write(
        &csv,
        "Nimi;Puh.;Huon.nro;Synt.pvm\r\n\
         Aino Virtanen;040 123 4567;A 1;05.03.1985\r\n",
    )
    .unwrap();
    let url = server.app_url("fi", &server.users.case_handler.token);
    browser::run(
        "a_finnish_file_is_mapped_from_its_abbreviations_and_a_value_serves_every_row",
        |page| async move {
            page.open_at_file_step(&url).await?;
            page.upload(&csv).await?;
            page.wait_for_text("[data-testid=file-summary]", "asiakkaat.csv")
                .await?;
            page.next().await?;
            page.wait_for_text("[data-testid=counts]", "1 asiakas")
                .await?;
            page.next().await?;
            page.wait_for_text("#mapping-heading", "Kenttien yhdistäminen")
                .await?;
            for (field, column) in [("name", 0), ("phone", 1), ("unit", 2), ("birth_date", 3)] {
                assert_eq!(page.mapped_column(field).await?, Some(column), "{field}");
            }
            page.wait_for_text(
                "[data-testid=mapping-not-imported]",
                "Kaikki tiedoston sarakkeet tuodaan.",
            )
            .await?;
            // No column holds a customer group: one value serves every row.
            page.select("#map-whole-customer_group", "Kjøpere").await?;
            assert_eq!(page.value("#map-whole-customer_group").await?, "Kjøpere");
            Ok(())
        },
    )
    .await;
}
