//! Walks every step as a user would and photographs it. The pictures go to
//! `target/screenshots/`, or to `$CUSTOMER_IMPORT_SCREENSHOTS` (the README's pictures
//! are made with `CUSTOMER_IMPORT_SCREENSHOTS=docs/screenshots`).
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use crate::support::{browser, browser::Page, server::TestServer};

async fn shoot(page: &Page, name: &str) -> anyhow::Result<()> {
    let dir = std::env::var_os("CUSTOMER_IMPORT_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/screenshots"));
    std::fs::create_dir_all(&dir)?;
    let png = page.client.screenshot().await?;
    assert!(png.starts_with(b"\x89PNG"), "{name} is not a PNG");
    std::fs::write(dir.join(format!("{name}.png")), png)?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn every_step_is_shown() {
    let server = TestServer::start().await;
    let files = tempfile::tempdir().unwrap();
    let csv = files.path().join("fjordparken-buyers.csv");
    std::fs::write(
        &csv,
        "Buyers of Fjordparken;;;;;\r\n\
         ;;;;;\r\n\
         Name;E-mail;Mobile;Date of birth;Unit;Customer no.\r\n\
         Åse Øvrebø;ase@example.no;912 34 567;04.07.1985;A-101;1001\r\n\
         Ola Nordmann;ola(at)example.no;913 45 678;12.03.1979;A-102;1002\r\n\
         Kari Bø;kari@example.no;+47 415 55 123;31.01.1990;B-201;1003\r\n\
         Per Hansen;per@example.no;22 33 44 55;;C-999;1004\r\n\
         Liv Berg;liv@example.no;480 12 345;01.01.2031;A-103;1005\r\n\
         Nils Dahl;nils@example.no;;;A-201;1006\r\n",
    )
    .unwrap();
    let url = server.app_url("en", &server.users.case_handler.token);
    browser::run("every_step_is_shown", |page| async move {
        page.client.set_window_size(1280, 1000).await?;
        page.open(&url).await?;
        page.wait_for_text("#project", "Fjordparken").await?;
        shoot(&page, "1-project").await?;
        page.next().await?;
        page.upload(&csv).await?;
        page.wait_for_text("[data-testid=file-summary]", "fjordparken-buyers.csv")
            .await?;
        shoot(&page, "2-file").await?;
        page.next().await?;
        page.wait_for_text("[data-testid=counts]", "6 customers · 6 fields")
            .await?;
        shoot(&page, "3-header").await?;
        page.next().await?;
        page.wait_for_text(".mapping", "Customer no.").await?;
        shoot(&page, "4-mapping").await?;
        page.next().await?;
        page.wait_for_text("[data-testid=review-counts]", "3 ready · 3 with problems")
            .await?;
        // The focus in a cell with a problem opens its whole text.
        page.tab_to("tr[data-row='7'] td:nth-of-type(5) input")
            .await?;
        shoot(&page, "5-review").await?;
        page.next().await?;
        page.wait_for_text(
            "[data-testid=save-summary]",
            "3 created · 3 not created · 0 not sent",
        )
        .await?;
        // Ola's e-mail corrected in place, ready to be sent again.
        page.type_into("tr[data-row='5'] td:nth-of-type(2) input", "ola@example.no")
            .await?;
        page.wait_for_text("#send-again", "1").await?;
        // The corrected row is counted as not sent, not lost among the others.
        page.wait_for_text(
            "[data-testid=save-summary]",
            "3 created · 2 not created · 1 not sent",
        )
        .await?;
        page.client
            .execute(
                "document.querySelector('#save-heading').scrollIntoView()",
                vec![],
            )
            .await?;
        shoot(&page, "6-save").await?;
        page.click("#send-again").await?;
        page.wait_for_text("[data-testid=end]", "The import is finished")
            .await?;
        page.wait_for_text(
            "[data-testid=save-summary]",
            "4 created · 2 not created · 0 not sent",
        )
        .await?;
        page.client.execute("window.scrollTo(0, 0)", vec![]).await?;
        shoot(&page, "7-end").await?;
        Ok(())
    })
    .await;
}

/// The mapping step as a Norwegian and a Finnish user first see it, at a laptop's and
/// a desktop's size (`mapping-<language>-<width>.png`, shown in the README).
#[tokio::test(flavor = "multi_thread")]
async fn the_mapping_is_shown_in_norwegian_and_finnish_at_two_sizes() {
    let server = TestServer::start().await;
    let files = tempfile::tempdir().unwrap();
    let nb = files.path().join("kunder-fjordparken.csv");
    std::fs::write(
        &nb,
        "Navn;E-post;Tlf.nr;F.dato;Leil.nr;Kundenr.;Favorittfarge\r\n\
         Åse Øvrebø;ase@example.no;912 34 567;04.07.1985;A-101;1001;grønn\r\n\
         Ola Nordmann;ola@example.no;913 45 678;12.03.1979;A-102;1002;blå\r\n\
         Kari Bø;kari@example.no;+47 415 55 123;31.01.1990;B-201;1003;rød\r\n",
    )
    .unwrap();
    let fi = files.path().join("asiakkaat-koivuranta.csv");
    std::fs::write(
        &fi,
        "Nimi;Sähköposti;Puh.;Synt.pvm;Huon.nro;Postinro;Lempiväri\r\n\
         Aino Virtanen;aino@example.fi;040 123 4567;05.03.1985;A 1;33100;vihreä\r\n\
         Matti Meikäläinen;matti@example.fi;050 765 4321;12.11.1970;A 2;33200;sininen\r\n",
    )
    .unwrap();
    for (lang, file, heading) in [("nb", &nb, "Kobling"), ("fi", &fi, "Kenttien yhdistäminen")] {
        // A page of its own per size: the same link opened again in a tab is not a new visit.
        for (width, height) in [(1366, 900), (1920, 1080)] {
            let url = server.app_url(lang, &server.users.case_handler.token);
            browser::run(
                "the_mapping_is_shown_in_norwegian_and_finnish_at_two_sizes",
                |page| async move {
                    page.client.set_window_size(width, height).await?;
                    page.open_at_file_step(&url).await?;
                    page.upload(file).await?;
                    let name = file.file_name().unwrap().to_string_lossy().into_owned();
                    page.wait_for_text("[data-testid=file-summary]", &name)
                        .await?;
                    page.next().await?;
                    page.element("[data-testid=counts]").await?;
                    page.next().await?;
                    page.wait_for_text("#mapping-heading", heading).await?;
                    page.element("[data-testid=mapping-not-imported]").await?;
                    shoot(&page, &format!("mapping-{lang}-{width}")).await
                },
            )
            .await;
        }
    }
}
