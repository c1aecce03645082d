//! A row taken as headings that reads like a customer is asked about, not guessed
//! (issue 27.3): a file whose header row is empty keeps its first customer.

use crate::support::{browser, journey::Journey, server::TestServer};

/// The header row is empty; the first customer is where the headings would be.
const NO_HEADINGS: &str = ";;\r\n\
    Kari Nordmann;kari@example.no;912 34 567\r\n\
    Ola Nordmann;ola@example.no;913 45 678\r\n";

/// Either answer: the row is a customer (kept), or headings that only look like data.
#[tokio::test(flavor = "multi_thread")]
async fn a_customer_where_the_headings_should_be_is_asked_about() {
    let server = TestServer::start().await;
    {
        let server = &server;
        browser::run_part(
            "a_customer_where_the_headings_should_be_is_asked_about_and_kept",
            |page| async move {
                let w = Journey::csv("kunder.csv", NO_HEADINGS)
                    .to_header(&page, server)
                    .await?;
                w.shows(
                    "headings-doubt",
                    "Rad 2 ser ut som en kunde, ikke som overskrifter: Kari Nordmann",
                )
                .await?;
                // Continue waits for the answer.
                assert_eq!(
                    w.element("#next").await?.prop("disabled").await?.as_deref(),
                    Some("true")
                );
                w.click("#headings-are-a-customer").await?;
                w.wait_gone("[data-testid=headings-doubt]").await?;
                w.header_counts("2 kunder").await?;
                w.shows("first-row", "Kari Nordmann").await?;
                w.to_mapping().await?;
                // Without headings the values tell the e-mails; the names are the user's to map.
                assert_eq!(w.mapped_column("email").await?, Some(1));
                w.map_column(0, "name").await?;
                w.to_review().await?;
                w.wait_for_text("[data-testid=review-counts]", "2 klare")
                    .await?;
                Ok(())
            },
        )
        .await;
    }

    {
        let server = &server;
        let csv = "Navn;kontakt@firma.no;Telefon\r\nKari Nordmann;kari@example.no;912 34 567\r\n";
        browser::run_part(
            "headings_that_only_look_like_data_can_be_kept_as_headings",
            |page| async move {
                let w = Journey::csv("kunder.csv", csv)
                    .in_language("fi")
                    .to_header(&page, server)
                    .await?;
                w.shows("headings-doubt", "Rivi 1 näyttää asiakkaalta")
                    .await?;
                w.click("#headings-are-headings").await?;
                w.wait_gone("[data-testid=headings-doubt]").await?;
                w.header_counts("1 asiakas").await?;
                w.to_mapping().await?;
                Ok(())
            },
        )
        .await;
    }
}
