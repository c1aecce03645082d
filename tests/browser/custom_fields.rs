//! A project's own fields, declared by its portal, in a real browser: the mapping step
//! offers them under their label in the user's language and says what they take, the
//! file's columns headed with a label are mapped to them, the review names what is
//! wrong in the user's language, and the saved customer holds the values in their
//! normal form.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use crate::support::{browser, journey::Journey, server::TestServer};
use serde_json::{Value, json};
use sqlx::Row;

fn declared() -> Value {
    json!([
        { "name": "parking", "label": { "nb": "Parkeringsplass", "fi": "Autopaikka" },
          "help": { "nb": "Plassen i garasjen.", "fi": "Paikka autohallissa." },
          "type": "pattern", "pattern": "P-[0-9]{3}", "example": "P-012" },
        { "name": "area", "label": { "nb": "Areal", "fi": "Pinta-ala" }, "type": "number" },
        { "name": "contract", "label": { "nb": "Kontrakt", "fi": "Sopimus" }, "type": "one_of",
          "options": ["Kjøpekontrakt", "Opsjon"] },
    ])
}

/// Declares the fields on every project of the demo organization, as the portal's
/// provisioning call stores them.
async fn declare(server: &TestServer) {
    sqlx::query("UPDATE projects SET custom_fields = $1")
        .bind(declared().to_string())
        .execute(&server.db().await.pool)
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_projects_own_fields_are_mapped_explained_checked_and_saved() {
    let server = TestServer::start().await;
    declare(&server).await;
    let csv = "Navn;E-post;Parkeringsplass;Areal;Kontrakt\r\n\
               Åse Berg;ase@example.no;P-012;74,5;opsjon\r\n\
               Kari Li;kari@example.no;P12;stor;Leie\r\n";
    let server = &server;
    browser::run(|page| async move {
        let w = Journey::csv("kunder.csv", csv)
            .to_mapping(&page, server)
            .await?;

        // Listed under their Norwegian labels, with what they take, and mapped to
        // the columns headed so.
        w.wait_for_text("#map-col-2", "Parkeringsplass").await?;
        w.wait_for_text("#map-col-2-help", "Plassen i garasjen. På formen P-012.")
            .await?;
        w.wait_for_text("#map-col-3-help", "Et tall").await?;
        w.wait_for_text("#map-col-4-help", "Ett av: Kjøpekontrakt, Opsjon.")
            .await?;
        assert_eq!(w.mapped_column("custom.parking").await?, Some(2));
        assert_eq!(w.mapped_column("custom.contract").await?, Some(4));

        w.to_review().await?;
        w.element("tr[data-row='3'] .cell__problem").await?;
        let problems = w.texts("tr[data-row='3'] .cell__problem").await?;
        for expected in [
            "«P12» har ikke formen Parkeringsplass skal ha, for eksempel P-012.",
            "«stor» er ikke et tall.",
            "«Leie» er ikke et av valgene for Kontrakt: Kjøpekontrakt, Opsjon.",
        ] {
            assert!(
                problems.iter().any(|p| p.contains(expected)),
                "{expected} not in {problems:?}"
            );
        }
        assert!(
            w.texts("tr[data-row='2'] .cell__problem").await?.is_empty(),
            "Åse's row is ready"
        );

        w.to_save().await?;
        w.save_status("Ferdig").await?;
        Ok(())
    })
    .await;

    let row =
        sqlx::query("SELECT email, custom_fields FROM customers WHERE email = 'ase@example.no'")
            .fetch_one(&server.db().await.pool)
            .await
            .unwrap();
    let stored: Value = serde_json::from_str(&row.get::<String, _>(1)).unwrap();
    assert_eq!(
        stored,
        json!({ "custom.parking": "P-012", "custom.area": "74.5", "custom.contract": "Opsjon" })
    );
    let kari: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM customers WHERE email = 'kari@example.no'")
            .fetch_one(&server.db().await.pool)
            .await
            .unwrap();
    assert_eq!(kari, 0, "a row with problems is not saved");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_finnish_reader_sees_the_finnish_labels() {
    let server = TestServer::start().await;
    declare(&server).await;
    let csv = "Nimi;Sähköposti;Autopaikka\r\nAino Virtanen;aino@example.fi;P12\r\n";
    browser::run(|page| async move {
        let w = Journey::csv("asiakkaat.csv", csv)
            .in_language("fi")
            .to_mapping(&page, &server)
            .await?;
        w.wait_for_text("#map-col-2", "Autopaikka").await?;
        w.wait_for_text("#map-col-2-help", "Paikka autohallissa. Muotoa P-012.")
            .await?;
        assert_eq!(w.mapped_column("custom.parking").await?, Some(2));
        w.to_review().await?;
        w.wait_for_text(
            "tr[data-row='2'] .cell__problem",
            "Autopaikka: ”P12” ei ole oikeassa muodossa. Esimerkki: P-012.",
        )
        .await?;
        Ok(())
    })
    .await;
}
