//! Walks every step as a user would and photographs it. The pictures go to
//! `target/screenshots/`, or to `$CUSTOMER_IMPORT_SCREENSHOTS` (the README's pictures
//! are made with `CUSTOMER_IMPORT_SCREENSHOTS=docs/screenshots`).
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use crate::{
    review_grid::{nordic_csv_fi, nordic_csv_nb},
    support::{
        browser::{self, Browser, Page},
        journey::{Journey, Step},
        server::TestServer,
    },
};

pub(crate) async fn shoot(page: &Page, name: &str) -> anyhow::Result<()> {
    let dir = std::env::var_os("CUSTOMER_IMPORT_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/screenshots"));
    std::fs::create_dir_all(&dir)?;
    let png = page.client.screenshot().await?;
    assert!(png.starts_with(b"\x89PNG"), "{name} is not a PNG");
    std::fs::write(dir.join(format!("{name}.png")), png)?;
    Ok(())
}

/// Six customers under a title row, three of them with a problem.
const CSV: &str = "Buyers of Fjordparken;;;;;\r\n\
    ;;;;;\r\n\
    Name;E-mail;Mobile;Date of birth;Unit;Customer no.\r\n\
    Åse Øvrebø;ase@example.no;912 34 567;04.07.1985;A-101;1001\r\n\
    Ola Nordmann;ola(at)example.no;913 45 678;12.03.1979;A-102;1002\r\n\
    Kari Bø;kari@example.no;+47 415 55 123;31.01.1990;B-201;1003\r\n\
    Per Hansen;per@example.no;22 33 44 55;;C-999;1004\r\n\
    Liv Berg;liv@example.no;480 12 345;01.01.2031;A-103;1005\r\n\
    Nils Dahl;nils@example.no;;;A-201;1006\r\n";

/// Waits (a few seconds at most) until the page fits the window: the customers grid
/// takes the room left in it.
async fn fitted(page: &Page) -> anyhow::Result<()> {
    browser::until(async || {
        let fits = page
            .js("return Math.abs(innerHeight - document.documentElement.scrollHeight) <= 2")
            .await?;
        Ok(if fits == serde_json::Value::Bool(true) {
            Ok(())
        } else {
            Err("the page never fitted the window".to_owned())
        })
    })
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn every_step_is_shown() {
    let server = TestServer::start().await;
    browser::run(|page| async move {
        page.client.set_window_size(1280, 1000).await?;
        let w = Journey::csv("fjordparken-buyers.csv", CSV)
            .in_language("en")
            .open(&page, &server)
            .await?;
        shoot(&w, "1-project").await?;
        w.to(Step::File).await?;
        w.pick(w.file()).await?;
        shoot(&w, "2-file").await?;
        w.to_header().await?;
        w.header_counts("6 customers · 6 fields").await?;
        shoot(&w, "3-header").await?;
        w.to_mapping().await?;
        w.wait_for_text(".mapping", "Customer no.").await?;
        shoot(&w, "4-mapping").await?;
        w.to_review().await?;
        w.review_counts("3 ready · 3 with problems").await?;
        // The focus in a cell with a problem: its whole text under the grid.
        w.click("tr[data-row='7'] td:nth-of-type(5)").await?;
        w.shows("cell-detail", "C-999").await?;
        shoot(&w, "5-review").await?;
        w.to_save().await?;
        w.ended_with(3, 0, 3).await?;
        // Ola's e-mail corrected in place, ready to be sent again.
        w.type_into("tr[data-row='5'] td:nth-of-type(2) input", "ola@example.no")
            .await?;
        w.wait_for_text("#send-again", "1").await?;
        // The corrected row is counted as not sent, not lost among the others.
        w.save_summary("3 created · 0 refused · 2 to fix · 1 not sent")
            .await?;
        w.js("document.querySelector('#save-heading').scrollIntoView()")
            .await?;
        shoot(&w, "6-save").await?;
        w.click("#send-again").await?;
        w.shows("end", "The import is finished").await?;
        w.ended_with(4, 0, 2).await?;
        w.js("window.scrollTo(0, 0)").await?;
        shoot(&w, "7-end").await?;
        Ok(())
    })
    .await;
}

/// The mapping step as a Norwegian and a Finnish user first see it, at a laptop's and
/// a desktop's size (`mapping-<language>-<width>.png`, shown in the README).
#[tokio::test(flavor = "multi_thread")]
async fn the_mapping_is_shown_in_norwegian_and_finnish_at_two_sizes() {
    let server = TestServer::start().await;
    let nb = Journey::csv(
        "kunder-fjordparken.csv",
        "Navn;E-post;Tlf.nr;F.dato;Leil.nr;Kundenr.;Favorittfarge\r\n\
         Åse Øvrebø;ase@example.no;912 34 567;04.07.1985;A-101;1001;grønn\r\n\
         Ola Nordmann;ola@example.no;913 45 678;12.03.1979;A-102;1002;blå\r\n\
         Kari Bø;kari@example.no;+47 415 55 123;31.01.1990;B-201;1003;rød\r\n",
    );
    let fi = Journey::csv(
        "asiakkaat-koivuranta.csv",
        "Nimi;Sähköposti;Puh.;Synt.pvm;Huon.nro;Postinro;Lempiväri\r\n\
         Aino Virtanen;aino@example.fi;040 123 4567;05.03.1985;A 1;33100;vihreä\r\n\
         Matti Meikäläinen;matti@example.fi;050 765 4321;12.11.1970;A 2;33200;sininen\r\n",
    )
    .in_language("fi");
    for (lang, journey) in [("nb", &nb), ("fi", &fi)] {
        for (width, height) in [(1366, 900), (1920, 1080)] {
            let server = &server;
            browser::run_part(&format!("{lang}-{width}"), |page| async move {
                page.client.set_window_size(width, height).await?;
                let w = journey.to_mapping(&page, server).await?;
                w.element("[data-testid=mapping-not-imported]").await?;
                shoot(&page, &format!("mapping-{lang}-{width}")).await
            })
            .await;
        }
    }
}

/// The review of eighteen Nordic columns in Norwegian and in Finnish, at 1366×900 and
/// 1920×1080: `review-<lang>-<width>.png` (with `-firefox` in Firefox), to look at for
/// hidden columns without a sign, squeezed values, cut errors, anything lying over a
/// cell.
#[tokio::test(flavor = "multi_thread")]
async fn the_review_is_shown_in_norwegian_and_finnish() {
    let server = TestServer::start().await;
    let suffix = match Browser::chosen() {
        Browser::Chromium => "",
        Browser::Firefox => "-firefox",
    };
    for (lang, project, csv, counts) in [
        ("nb", "Fjordparken", nordic_csv_nb(), "med feil"),
        ("fi", "Koivuranta", nordic_csv_fi(), "virheellis"),
    ] {
        let journey = Journey::csv(&format!("asiakkaat-{lang}.csv"), csv)
            .by_admin()
            .in_language(lang)
            .into_project(project);
        let server = &server;
        browser::run_part(lang, |page| async move {
            page.client.set_window_size(1366, 900).await?;
            let w = journey.to_review(&page, server).await?;
            w.review_counts(counts).await?;
            // The first problem active, as after "next problem".
            w.click("#next-problem").await?;
            w.element(".virtual__table td[data-col]:focus").await?;
            for (width, height) in [(1366, 900), (1920, 1080)] {
                w.client.set_window_size(width, height).await?;
                fitted(&w).await?;
                shoot(&w, &format!("review-{lang}-{width}{suffix}")).await?;
            }
            // Row 7's customer number repeats row 3's: its button goes to the
            // column at the right end; the row's own column stays, and a shadow
            // says columns go on to the left.
            w.client.set_window_size(1366, 900).await?;
            fitted(&w).await?;
            w.click("tr[data-row='7'] .rows__problem").await?;
            w.element("tr[data-row='7'] td[data-col]:focus").await?;
            w.element(".virtual--more-left").await?;
            shoot(&w, &format!("review-{lang}-1366-right{suffix}")).await
        })
        .await;
    }
}

/// Several files in one import, in Finnish at 1366×900, as the Finnish help page
/// prepares them: a file per account manager ("asiakasvastaavittain") of one layout,
/// and a workbook of other headings.
#[tokio::test(flavor = "multi_thread")]
async fn several_files_are_shown_in_finnish() {
    let server = TestServer::start().await;
    let server = &server;
    browser::run(|page| async move {
        page.client.set_window_size(1366, 900).await?;
        let w = Journey::csv(
            "myyja-virtanen.csv",
            "Nimi;Sähköposti;Huon.nro\r\n\
             Aino Virtanen;aino@example.fi;Huoneisto A 1\r\n\
             Matti Meikäläinen;matti@example.fi;A 2\r\n",
        )
        .in_language("fi")
        .into_project("Koivuranta")
        .by_admin()
        .open(&page, server)
        .await?;
        w.to(Step::File).await?;
        let other = w.write(
            "myyja-nieminen.csv",
            "Nimi;Sähköposti;Huon.nro\r\nLiisa Laine;liisa@example.fi;huoneisto a3\r\n",
        )?;
        let buyers = w.write(
            "ostajat.csv",
            "Etunimi;Sukunimi;Sähköpostiosoite;Asunto\r\nPekka;Puumala;pekka@example.fi;B 4\r\n",
        )?;
        w.pick_all(&[w.file(), &other, &buyers]).await?;
        shoot(&page, "several-files-fi-file").await?;
        w.to_mapping().await?;
        w.wait_for_count("[data-testid=file-values]", 2).await?;
        shoot(&page, "several-files-fi-mapping").await?;
        w.next().await?;
        w.arrived(Step::Header).await?;
        w.element("#layout-2[aria-pressed=true]").await?;
        shoot(&page, "several-files-fi-second-layout").await?;
        w.to_review().await?;
        w.wait_for_count(".rows__file", 4).await?;
        fitted(&page).await?;
        shoot(&page, "several-files-fi-review").await
    })
    .await;
}
