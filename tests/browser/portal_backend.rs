//! A real portal adopting the product (`examples/portal-backend`): its backend
//! provisions its project and user, its page gets the wizard a token from the portal
//! (nobody types one), the user imports a file, and the page lists the customers the
//! portal received by webhook, signed.
#![allow(clippy::unwrap_used)]

use std::sync::Arc;

use crate::support::{
    browser,
    server::TestServer,
    shadow::{inside, next, shadow, to_review},
};
use customer_import_portal_example::{Config, Portal, router};
use customer_import_server::admin;

const SECRET: &str = "a secret the portal and the import server share, 32+";

#[tokio::test(flavor = "multi_thread")]
async fn the_portals_signed_in_user_imports_and_the_portal_receives_the_customers() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let portal_url = format!("http://{}", listener.local_addr().unwrap());
    let origin = portal_url.clone();
    let server = TestServer::start_configured(move |s| {
        s.portal_origins = vec![origin];
        s.jwt_issuer = Some("nordbygg-portal".to_owned());
        s.jwt_audience = Some("customer-import".to_owned());
        s.jwt_hs256_secret = Some(SECRET.to_owned());
        // The portal runs on this machine.
        s.allow_private_webhooks = true;
    })
    .await;
    let api_key = admin::issue_api_key(&server.db().await, "Nordbygg AS", "portal")
        .await
        .unwrap();
    let portal: Arc<Portal> = Portal::new(Config {
        import_server: server.url.clone(),
        portal_url: portal_url.clone(),
        api_key,
        jwt_secret: SECRET.to_owned(),
        jwt_issuer: "nordbygg-portal".to_owned(),
        jwt_audience: "customer-import".to_owned(),
        webhook_secret: "the portal's own webhook secret, 32+ characters".to_owned(),
    });
    portal.provision().await.unwrap();
    // Provisioning again changes nothing, as a portal restarting would send it.
    portal.provision().await.unwrap();
    tokio::spawn(async move { axum::serve(listener, router(portal)).await });

    let files = tempfile::tempdir().unwrap();
    let csv = files.path().join("kjopere.csv");
    std::fs::write(
        &csv,
        "Navn;E-post;Leilighet\r\nKari Nordmann;kari@example.no;E-101\r\n\
         Ola Nordmann;ola@example.no;E-202\r\n",
    )
    .unwrap();
    browser::run(|page| async move {
        page.open(&format!("{portal_url}/")).await?;
        page.element("body[data-portal-ready=yes]").await?;
        page.click("#open-import").await?;
        let root = shadow(&page).await?;
        // Signed in by the portal: its project is offered, no token was typed.
        inside(&root, "#project", "Elvebredden").await?;
        to_review(&root, &csv, "2 kunder").await?;
        inside(&root, "[data-testid=review-counts]", "2 klare").await?;
        next(&root).await?;
        inside(&root, "[data-testid=save-summary]", "2 opprettet").await?;
        // The portal's own list fills from the webhook.
        page.wait_for_text("#received-count", "2 kunder").await?;
        let rows = page.texts("#received tr").await?;
        assert!(
            rows.iter()
                .any(|r| r.contains("Kari Nordmann") && r.contains("E-101")),
            "{rows:?}"
        );
        assert!(
            rows.iter().any(|r| r.contains("ola@example.no")),
            "{rows:?}"
        );
        Ok(())
    })
    .await;
    let sent = server.recorder.imports().len();
    assert_eq!(sent, 1, "one chunk, sent with the portal's token");
}
