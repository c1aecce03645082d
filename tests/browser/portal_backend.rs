//! A real portal adopting the product (`examples/portal-backend`): its backend
//! provisions its project and user, its page gets the wizard a token from the portal
//! (nobody types one), the user imports a file, and the page lists the customers the
//! portal received by webhook, signed: only those of the user's project, with their
//! count. Undoing the import in the wizard takes them off the list again.
#![allow(clippy::unwrap_used)]

use std::{
    sync::Arc,
    time::{Duration, Instant},
};

use crate::support::{
    browser,
    server::TestServer,
    shadow::{inside, next, pick_file, saved, shadow},
};
use customer_import_portal_example::{Config, Portal, router};
use customer_import_server::admin;
use fantoccini::elements::ShadowRoot;

const SECRET: &str = "a secret the portal and the import server share, 32+";

/// A customer of Fjordparken, a project of the organization made in the import server
/// itself: the portal hears of it, but its user is not in that project.
async fn import_elsewhere(server: &TestServer) {
    let project: i64 = sqlx::query_scalar("SELECT id FROM projects WHERE name = 'Fjordparken'")
        .fetch_one(&server.db().await.pool)
        .await
        .unwrap();
    let answer = reqwest::Client::new()
        .post(format!("{}/api/projects/{project}/import", server.url))
        .bearer_auth(&server.users.admin.token)
        .header("Idempotency-Key", "fjordparken.csv")
        .json(&serde_json::json!({
            "file_name": "fjordparken.csv",
            "rows": [{"row": 2, "values": {"name": "Per Annetprosjekt", "email": "per@example.no"}}]
        }))
        .send()
        .await
        .unwrap();
    assert!(answer.status().is_success(), "{}", answer.status());
}

/// Waits until the import server has delivered every event of the organization to the
/// portal, as its backend can ask (`GET /api/provisioning/deliveries`).
async fn all_delivered(server: &TestServer, api_key: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let events: Vec<serde_json::Value> = reqwest::Client::new()
            .get(format!("{}/api/provisioning/deliveries", server.url))
            .bearer_auth(api_key)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        if !events.is_empty() && events.iter().all(|e| e["state"] == "delivered") {
            return;
        }
        assert!(Instant::now() < deadline, "not delivered: {events:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Clicks `css` in the wizard.
async fn click_inside(root: &ShadowRoot, css: &str) -> anyhow::Result<()> {
    inside(root, css, "").await?.click().await?;
    Ok(())
}

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
        api_key: api_key.clone(),
        jwt_secret: SECRET.to_owned(),
        jwt_issuer: "nordbygg-portal".to_owned(),
        jwt_audience: "customer-import".to_owned(),
        // A Standard Webhooks secret: whsec_ and the base64 of 32 bytes.
        webhook_secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwJ5cLQ3lO8Gs=".to_owned(),
    });
    portal.provision().await.unwrap();
    // Provisioning again changes nothing, as a portal restarting would send it.
    portal.provision().await.unwrap();
    tokio::spawn(async move { axum::serve(listener, router(portal)).await });
    import_elsewhere(&server).await;
    all_delivered(&server, &api_key).await;

    let portal_origin = portal_url.clone();
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
        // Fjordparken's customer reached the portal, but is not Liv's to see.
        page.wait_for_text("#received-count", "0 kunder").await?;
        assert!(page.texts("#received tr").await?.is_empty());
        page.click("#open-import").await?;
        let root = shadow(&page).await?;
        // Signed in by the portal: its project is offered, no token was typed.
        inside(&root, "#project", "Elvebredden").await?;
        next(&root).await?;
        pick_file(&root, &csv).await?;
        inside(&root, "[data-testid=file-summary]", "kjopere.csv").await?;
        next(&root).await?;
        inside(&root, "[data-testid=counts]", "2 kunder").await?;
        next(&root).await?;
        inside(&root, "#mapping-heading", "Kobling").await?;
        next(&root).await?;
        inside(&root, "[data-testid=review-counts]", "2 klare").await?;
        saved(&root, 2).await?;
        // The portal's own list fills from the webhook: her project's customers
        // only, the newest first, and how many.
        let count = page.wait_for_text("#received-count", "2 kunder").await?;
        assert_eq!(count, "2 kunder");
        let rows = page.texts("#received tr").await?;
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert!(
            rows[0].contains("Ola Nordmann") && rows[0].contains("ola@example.no"),
            "{rows:?}"
        );
        assert!(
            rows[1].contains("Kari Nordmann") && rows[1].contains("E-101"),
            "{rows:?}"
        );
        // While nothing changes, the page is told so and keeps its rows: it asks
        // every second, but builds nothing again.
        let mark = "document.querySelector('#received tr').dataset.kept = 'yes'";
        page.client.execute(mark, vec![]).await?;
        tokio::time::sleep(Duration::from_millis(2_500)).await;
        assert_eq!(page.texts("#received tr[data-kept=yes]").await?.len(), 1);

        // Undone in the wizard's history: the portal is told, and the customers
        // leave its list; no row is left behind, blank or not.
        click_inside(&root, "button.steps__link[data-step='0']").await?;
        inside(&root, "[data-testid=history-row]", "kjopere.csv").await?;
        click_inside(&root, "[data-testid=history-row] [data-testid=undo]").await?;
        click_inside(&root, "[data-testid=undo-confirm]").await?;
        inside(&root, "[data-testid=undo-result]", "2 kunder er fjernet.").await?;
        let count = page.wait_for_text("#received-count", "0 kunder").await?;
        assert_eq!(count, "0 kunder");
        assert!(page.texts("#received tr").await?.is_empty());
        Ok(())
    })
    .await;
    let sent = server
        .recorder
        .requests()
        .into_iter()
        .filter(|r| r.method == "POST" && r.path.ends_with("/import"))
        .filter(|r| r.origin.as_deref() == Some(portal_origin.as_str()))
        .count();
    assert_eq!(
        sent, 1,
        "one chunk, sent from the portal's page with its token"
    );
}
