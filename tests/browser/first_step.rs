//! The first wizard step in real headless Chromium against the real server: who sees
//! which projects, in which language, and picking a file.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use crate::support::{
    browser,
    journey::{Step, Wizard},
    server::TestServer,
};

#[tokio::test(flavor = "multi_thread")]
async fn admin_sees_every_project_in_the_chosen_language() {
    let server = TestServer::start().await;
    let url = server.app_url("en", &server.users.admin.token);
    browser::run(|page| async move {
        page.open(&url).await?;
        page.wait_for_text("#project-heading", "Choose the project")
            .await?;
        page.wait_for_text("#project", "Koivuranta").await?;
        assert_eq!(
            page.texts("#project option").await?,
            [
                "Choose a project",
                "Fjordparken · Norway · 8 units",
                "Koivuranta · Finland · 6 units"
            ]
        );

        // Switching the language re-renders everything at once.
        page.choose_language("nb").await?;
        page.wait_for_text("#project-heading", "Velg prosjekt")
            .await?;
        page.wait_for_text("#project", "Fjordparken · Norge · 8 boliger")
            .await?;
        page.choose_language("sv").await?;
        page.wait_for_text("#project-heading", "Välj projekt")
            .await?;
        page.wait_for_text("#project", "Koivuranta · Finland · 6 bostäder")
            .await?;
        page.choose_language("fi").await?;
        page.wait_for_text("#project", "Koivuranta · Suomi · 6 asuntoa")
            .await?;
        // Continuing needs a project; the next step takes the focus to its heading.
        assert!(!page.element("#next").await?.is_enabled().await?);
        let koivuranta = page.texts("#project option").await?;
        assert_eq!(koivuranta.len(), 3);
        page.js(
            "const s = document.querySelector('#project'); s.selectedIndex = 2; s.dispatchEvent(new Event('change'));",
        )
        .await?;
        page.next().await?;
        page.wait_for_text(".drop-zone", "Pudota tiedosto tähän tai napsauta")
            .await?;
        assert_eq!(page.focused_id().await?, "file-heading");

        // The token left the address bar, and nothing was fetched from another host.
        assert!(!page.current_url().await?.contains("token="));
        let origin = format!("{}/", server.url);
        for requested in page.requested_urls().await? {
            assert!(
                requested.starts_with(&origin),
                "request to another host: {requested}"
            );
        }
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn case_handler_picks_a_file_that_is_read_in_the_browser() {
    let server = TestServer::start().await;
    // A Nordic Excel export: semicolons, Windows-1252 (æøå as single bytes), CRLF.
    let nordic: &[u8] = b"Navn;E-post;Bolig\r\n\xC6se \xD8vreb\xF8;ase@example.no;A-101\r\n";
    let size = format!("{} B", nordic.len());
    let url = server.app_url("nb", &server.users.case_handler.token);
    browser::run(|page| async move {
        page.open(&url).await?;
        page.wait_for_text("#project", "Fjordparken").await?;
        // Only the project this user handles, already chosen since it is the only one.
        assert_eq!(
            page.texts("#project option").await?,
            ["Velg et prosjekt", "Fjordparken · Norge · 8 boliger"]
        );
        assert_ne!(page.value("#project").await?, "");
        let w = Wizard::on(&page)?;
        w.to(Step::File).await?;

        let summary = w.pick(&w.write("kunder.csv", nordic)?).await?;
        assert!(summary.contains("Tekst med skilletegn"), "{summary}");
        assert!(summary.contains(&size), "{summary}");

        // A picture renamed to .csv is refused in words, not by a crash.
        w.upload(&w.write("bilde.csv", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0")?)
            .await?;
        w.file_summary("Denne filen er verken et regneark eller en tekstfil.")
            .await?;
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn outsider_is_told_they_have_no_access() {
    let server = TestServer::start().await;
    let url = server.app_url("en", &server.users.outsider.token);
    browser::run(|page| async move {
        page.open(&url).await?;
        page.shows("no-access", "You do not have access to import customers")
            .await?;
        assert!(
            page.texts("#project").await?.is_empty(),
            "no project picker for an outsider"
        );
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_pasted_token_signs_in_and_a_wrong_one_is_explained() {
    let server = TestServer::start().await;
    let url = format!("{}/?lang=en", server.url);
    let admin_token = server.users.admin.token.clone();
    browser::run(|page| async move {
        page.open(&url).await?;
        let input = page.element("input[type=password]").await?;
        input.send_keys("cit_wrong").await?;
        page.element("button[type=submit]").await?.click().await?;
        page.wait_for_text("[role=alert]", "is wrong or has expired")
            .await?;

        // The form is still there to try again.
        let input = page.element("input[type=password]").await?;
        input.clear().await?;
        input.send_keys(&admin_token).await?;
        page.element("button[type=submit]").await?.click().await?;
        page.wait_for_text("#project", "Fjordparken").await?;
        Ok(())
    })
    .await;
}

// Found by the soak (issue 32): when the storm cut the app's download, the page stayed
// blank for good, with nothing to tell the user or to try again. Now it says so in the
// user's language, and loading again brings the app.
#[tokio::test(flavor = "multi_thread")]
async fn a_cut_download_of_the_app_is_told_and_loading_again_brings_it() {
    let server = TestServer::start().await;
    let url = server.app_url("fi", &server.users.admin.token);
    server
        .recorder
        .fail_requests_for("/customer-import_bg.wasm");
    let server = &server;
    browser::run(|page| async move {
        page.open(&url).await?;
        page.wait_for_text("#load-failed[role=alert]", "Tuontia ei voitu ladata")
            .await?;
        server.recorder.stop_failing();
        page.click("#load-failed button").await?;
        page.wait_for_text("#project", "Koivuranta").await?;
        page.wait_gone("#load-failed").await?;
        Ok(())
    })
    .await;
}
