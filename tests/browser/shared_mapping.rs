//! Mappings shared in the organization (issue 20.3): a mapping one admin chose is
//! offered to another admin of the same organization on another browser, saying whose
//! it is, and never to another organization.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use crate::support::{browser, browser::Page, server::TestServer};
use customer_import_server::admin::{self, UserRole};
use fantoccini::Locator;

const CSV: &str = "Navn;E-post;Bolig;Merknad\r\n\
                   Åse Berg;ase@example.no;A-101;ringer etter kl. 16\r\n\
                   Ola Nordmann;ola@example.no;A-102;\r\n";

/// Signs in at `url`, picks `project` and goes with `file` to the mapping step.
async fn to_mapping(page: &Page, url: &str, project: &str, file: &Path) -> anyhow::Result<()> {
    page.open(url).await?;
    page.wait_for_text("#project", project).await?;
    let mut value = None;
    for option in page
        .client
        .find_all(Locator::Css("#project option"))
        .await?
    {
        if option.text().await?.contains(project) {
            value = option.attr("value").await?;
        }
    }
    page.select("#project", &value.unwrap_or_default()).await?;
    page.next().await?;
    page.upload(file).await?;
    page.wait_for_text("[data-testid=file-summary]", "kunder.csv")
        .await?;
    page.next().await?;
    page.next().await?;
    page.element("#map-col-0").await?;
    Ok(())
}

/// Saves a screenshot of the page to `path` when `CUSTOMER_IMPORT_SHOTS` names a folder.
async fn shot(page: &Page, name: &str) -> anyhow::Result<()> {
    if let Ok(folder) = std::env::var("CUSTOMER_IMPORT_SHOTS") {
        let png = page.client.screenshot().await?;
        std::fs::write(Path::new(&folder).join(name), png)?;
    }
    Ok(())
}

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
    let files = tempfile::tempdir().unwrap();
    let csv = files.path().join("kunder.csv");
    std::fs::write(&csv, CSV).unwrap();

    // Ada maps the file her own way: the note column is not imported.
    let url = server.app_url("nb", &server.users.admin.token);
    browser::run("shared_mapping_chosen", |page| async move {
        to_mapping(&page, &url, "Fjordparken", &csv).await?;
        assert!(
            page.texts("[data-testid=mapping-remembered]")
                .await?
                .is_empty()
        );
        assert_eq!(page.mapped_column("notes").await?, Some(3));
        page.unmap("notes").await?;
        page.next().await?;
        page.wait_for_text("[data-testid=review-counts]", "2 klare")
            .await?;
        Ok(())
    })
    .await;
    // The save is not awaited by the step: wait until the server has it.
    let mut saved = 0;
    for _ in 0..100 {
        saved = sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM shared_mappings")
            .fetch_one(&db.pool)
            .await
            .unwrap();
        if saved > 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(saved, 1, "the mapping was not saved on the server");

    // Bodil, another admin of Nordbygg in a fresh browser, gets Ada's mapping and is
    // told whose it is, in Norwegian and in Finnish.
    let url = server.app_url("nb", &bodil);
    let csv = files.path().join("kunder.csv");
    let file = csv.clone();
    browser::run("shared_mapping_offered", |page| async move {
        to_mapping(&page, &url, "Fjordparken", &file).await?;
        page.wait_for_text(
            "[data-testid=mapping-remembered]",
            "Koblingen ble brukt av Ada Admin ",
        )
        .await?;
        assert_eq!(page.mapped_column("notes").await?, None);
        assert_eq!(page.mapped_column("unit").await?, Some(2));
        shot(&page, "shared-mapping-nb.png").await?;
        page.select(".language-picker select", "fi").await?;
        page.wait_for_text(
            "[data-testid=mapping-remembered]",
            "Ada Admin yhdisti kentät näin ",
        )
        .await?;
        shot(&page, "shared-mapping-fi.png").await?;
        Ok(())
    })
    .await;

    // Sven, admin of another organization, gets only the suggestion.
    let url = server.app_url("nb", &server.users.other_admin.token);
    browser::run("shared_mapping_not_offered", |page| async move {
        to_mapping(&page, &url, "Solsiden", &csv).await?;
        assert_eq!(page.mapped_column("notes").await?, Some(3));
        assert!(
            page.texts("[data-testid=mapping-remembered]")
                .await?
                .is_empty()
        );
        Ok(())
    })
    .await;
}
