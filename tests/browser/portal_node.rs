//! The example portal in TypeScript on Node (`examples/portal-node`, built by
//! `scripts/npm-build.sh --portal`), run as scripts/start.sh runs it: its backend
//! provisions its project through the client generated from the OpenAPI document and
//! signs its user in; its page mounts the wizard from the npm package with a row hook
//! that asks the portal's backend. The user imports a Finnish file: the portal's check
//! shows on a cell and holds the row back until it is fixed, and the portal receives
//! every customer created, through its Standard Webhooks library.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use std::{os::fd::OwnedFd, path::PathBuf, process::Stdio, time::Duration};

use customer_import_server::{admin, demo};
use tokio::{
    io::{AsyncBufReadExt, BufReader},
    process::{Child, Command},
};

use crate::{
    screenshots::shoot,
    support::{
        browser,
        server::TestServer,
        shadow::{inside, saved, shadow, to_review, type_into},
    },
};

const SECRET: &str = "a secret the portal and the import server share, 32+";
const ISSUER: &str = "andre-eiendom-portal";
const AUDIENCE: &str = "customer-import";

/// The portal's built backend. A missing build fails the test: browser tests never pass
/// by skipping.
fn built_portal() -> PathBuf {
    let portal = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/portal-node/dist");
    assert!(
        portal.join("server/main.js").is_file() && portal.join("web/index.html").is_file(),
        "the example portal in TypeScript is not built in {}: run scripts/npm-build.sh \
         --portal (scripts/test.sh does)",
        portal.display()
    );
    portal.join("server/main.js")
}

/// Starts the portal with the environment scripts/start.sh gives it, on `listener`
/// (handed over as its standard input, as inetd would: its address is known before it
/// starts, so the import server can trust it as a portal's origin), and waits until it
/// says it is provisioned and serving.
async fn start_portal(listener: std::net::TcpListener, server: &TestServer) -> Child {
    let api_key = admin::issue_api_key(&server.db().await, demo::OTHER_ORGANIZATION, "portal")
        .await
        .unwrap();
    let mut portal = Command::new("node")
        .arg(built_portal())
        .env("PORTAL_LISTEN_FD", "0")
        .env("PORTAL_IMPORT_SERVER", &server.url)
        .env("PORTAL_API_KEY", api_key)
        .env("PORTAL_JWT_SECRET", SECRET)
        .env("PORTAL_JWT_ISSUER", ISSUER)
        .env("PORTAL_JWT_AUDIENCE", AUDIENCE)
        .env(
            "PORTAL_WEBHOOK_SECRET",
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwJ5cLQ3lO8Gs=",
        )
        .stdin(Stdio::from(OwnedFd::from(listener)))
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("node runs (scripts/setup.sh checks it is installed)");
    let mut lines = BufReader::new(portal.stdout.take().unwrap()).lines();
    let said = tokio::time::timeout(Duration::from_secs(60), lines.next_line())
        .await
        .expect("the portal starts within a minute")
        .unwrap();
    assert!(
        said.as_deref()
            .is_some_and(|line| line.starts_with("example portal (TypeScript) at")),
        "the portal did not start (its error is above): {said:?}"
    );
    // Whatever it says later is shown too, and never meets a closed pipe.
    tokio::spawn(async move {
        while let Ok(Some(line)) = lines.next_line().await {
            println!("portal: {line}");
        }
    });
    portal
}

#[tokio::test(flavor = "multi_thread")]
async fn the_typescript_portal_checks_rows_and_receives_every_customer_created() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let portal_url = format!("http://{}", listener.local_addr().unwrap());
    let origin = portal_url.clone();
    let server = TestServer::start_configured(move |s| {
        s.portal_origins = vec![origin];
        s.jwt_issuer = Some(ISSUER.to_owned());
        s.jwt_audience = Some(AUDIENCE.to_owned());
        s.jwt_hs256_secret = Some(SECRET.to_owned());
        // The portal runs on this machine.
        s.allow_private_webhooks = true;
    })
    .await;
    let _portal = start_portal(listener, &server).await;

    let files = tempfile::tempdir().unwrap();
    let csv = files.path().join("asiakkaat.csv");
    std::fs::write(
        &csv,
        "Nimi;Sähköposti;Huoneisto;Pysäköintipaikka\r\n\
         Aino Virtanen;aino@example.fi;A 1;P-001\r\n\
         Kalle Kilpailija;kalle@kilpailija.example;A 2;P-002\r\n\
         Matti Meikäläinen;matti@example.fi;B 3;P-003\r\n",
    )
    .unwrap();
    browser::run(|page| async move {
        page.open(&format!("{portal_url}/")).await?;
        page.element("body[data-portal-ready=yes]").await?;
        page.wait_for_text("#received-count", "0 asiakasta").await?;
        page.click("#open-import").await?;
        let root = shadow(&page).await?;
        // The project the portal provisioned, by its own id; no token was typed.
        inside(&root, "#project", "Aurinkorinne").await?;
        to_review(&root, &csv, "3 asiakasta").await?;
        // The portal's backend refused Kalle's e-mail, in Finnish, on its cell.
        let email = "tr[data-row='3'] td[data-col='2']";
        inside(
            &root,
            &format!("{email} .cell__problem"),
            "Verkkotunnus kilpailija.example kuuluu toiselle asiakkaallemme (Kilpailija Oy).",
        )
        .await?;
        inside(
            &root,
            "[data-testid=review-counts]",
            "2 valmiina · 1 virheellinen",
        )
        .await?;
        shoot(&page, "portal-node-row-check-fi").await?;
        // Fixed, the row is asked about again and joins the others.
        type_into(&root, &format!("{email} input"), "kalle@example.fi").await?;
        inside(
            &root,
            "[data-testid=review-counts]",
            "3 valmiina · 0 virheellistä",
        )
        .await?;
        saved(&root, 3).await?;
        // Every customer created reached the portal, signed, with the portal's own
        // field keyed by the name it declared.
        page.wait_for_text("#received-count", "3 asiakasta").await?;
        let rows = page.texts("#received tr").await?;
        assert_eq!(rows.len(), 3, "{rows:?}");
        for (row, (name, parking)) in rows.iter().zip([
            ("Matti Meikäläinen", "P-003"),
            ("Kalle Kilpailija", "P-002"),
            ("Aino Virtanen", "P-001"),
        ]) {
            assert!(row.contains(name) && row.contains(parking), "{rows:?}");
        }
        assert!(rows[1].contains("kalle@example.fi"), "{rows:?}");
        shoot(&page, "portal-node-received-fi").await?;
        Ok(())
    })
    .await;
}
