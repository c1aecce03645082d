//! Mappings shared in the organization (issue 20.3): a mapping one admin chose is
//! offered to another admin of the same organization on another browser, saying whose
//! it is, and never to another organization.
#![allow(clippy::unwrap_used)]

use crate::support::{browser, journey::Journey, server::TestServer};
use customer_import_server::admin::{self, UserRole};

const CSV: &str = "Navn;E-post;Bolig;Merknad\r\n\
                   Åse Berg;ase@example.no;A-101;ringer etter kl. 16\r\n\
                   Ola Nordmann;ola@example.no;A-102;\r\n";

/// The folder for pictures of the offered mapping, if any.
const SHOTS: &str = "CUSTOMER_IMPORT_SHOTS";

#[tokio::test(flavor = "multi_thread")]
async fn a_mapping_is_offered_to_colleagues_and_never_to_another_organization() {
    let server = TestServer::start().await;
    let db = server.db().await;
    admin::create_user(
        &db,
        "Nordbygg AS",
        "bodil@nordbygg.example",
        "Bodil Berg",
        UserRole::Admin,
    )
    .await
    .unwrap();
    let bodil = admin::issue_token(&db, None, "bodil@nordbygg.example", "test", None)
        .await
        .unwrap();
    let server = &server;

    // Ada maps the file her own way: the note column is not imported.
    browser::run_part("chosen", |page| async move {
        let w = Journey::csv("kunder.csv", CSV)
            .by_admin()
            .to_mapping(&page, server)
            .await?;
        assert!(
            w.texts("[data-testid=mapping-remembered]")
                .await?
                .is_empty()
        );
        assert_eq!(w.mapped_column("notes").await?, Some(3));
        w.unmap("notes").await?;
        w.to_review().await?;
        w.review_counts("2 klare").await?;
        Ok(())
    })
    .await;
    // The save is not awaited by the step: wait until the server has it.
    let saved = browser::until(async || {
        let saved: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM shared_mappings")
            .fetch_one(&db.pool)
            .await?;
        Ok(if saved > 0 {
            Ok(saved)
        } else {
            Err("the mapping was not saved on the server".to_owned())
        })
    })
    .await
    .unwrap();
    assert_eq!(saved, 1, "one mapping saved on the server");

    // Bodil, another admin of Nordbygg in a fresh browser, gets Ada's mapping and is
    // told whose it is, in Norwegian and in Finnish.
    browser::run_part("offered", |page| async move {
        let w = Journey::csv("kunder.csv", CSV)
            .by_holder_of(&bodil)
            .to_mapping(&page, server)
            .await?;
        w.shows("mapping-remembered", "Koblingen ble brukt av Ada Admin ")
            .await?;
        assert_eq!(w.mapped_column("notes").await?, None);
        assert_eq!(w.mapped_column("unit").await?, Some(2));
        w.picture(SHOTS, "shared-mapping-nb.png").await?;
        w.choose_language("fi").await?;
        w.shows("mapping-remembered", "Ada Admin yhdisti kentät näin ")
            .await?;
        w.picture(SHOTS, "shared-mapping-fi.png").await?;
        Ok(())
    })
    .await;

    // Sven, admin of another organization, gets only the suggestion.
    browser::run_part("not_offered", |page| async move {
        let w = Journey::csv("kunder.csv", CSV)
            .by_other_admin()
            .into_project("Solsiden")
            .to_mapping(&page, server)
            .await?;
        assert_eq!(w.mapped_column("notes").await?, Some(3));
        assert!(
            w.texts("[data-testid=mapping-remembered]")
                .await?
                .is_empty()
        );
        Ok(())
    })
    .await;
}
