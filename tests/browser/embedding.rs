//! The wizard embedded in the example portal (`examples/portal`), served from another
//! origin than the import server: mounted with the documented snippet, themed, run to
//! the end, telling the portal what happened, and unmounted without a trace.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use crate::support::{
    browser::{self, Page},
    server::{PortalSite, Recorded, TestServer},
    shadow::{click, inside, next, saved, shadow, to_review},
};
use anyhow::Context;
use fantoccini::Locator;

/// How the portal's own page looks, as the browser computes it.
const PORTAL_LOOK: &str = r#"
    const look = (css, props) => {
        const s = getComputedStyle(document.querySelector(css));
        return props.map(p => `${css} ${p}: ${s.getPropertyValue(p)}`);
    };
    return [
        ...look('body', ['font-family', 'font-size', 'color', 'background-color', 'line-height']),
        ...look('.portal-header', ['background-color', 'padding-top', 'display']),
        ...look('h2', ['color', 'text-transform']),
        ...look('#open-import', ['background-color', 'border-top-style']),
        ...look('.portal-menu a', ['color']),
        `html lang: ${document.documentElement.lang}`,
        `head children: ${document.head.children.length}`,
        `stylesheets: ${document.styleSheets.length}`,
    ].join('\n');
"#;

/// Counts listeners added minus removed on the window, the document and the host, from
/// now on; the portal's own were added before.
const COUNT_LISTENERS: &str = r#"
    const host = document.getElementById('customer-import');
    window.__listeners = 0;
    const watched = (t) => t === window || t === document || t === host;
    const add = EventTarget.prototype.addEventListener;
    const remove = EventTarget.prototype.removeEventListener;
    EventTarget.prototype.addEventListener = function (...a) {
        if (watched(this)) window.__listeners++;
        return add.apply(this, a);
    };
    EventTarget.prototype.removeEventListener = function (...a) {
        if (watched(this)) window.__listeners--;
        return remove.apply(this, a);
    };
"#;

/// Counts the Web Workers the page starts and ends.
pub(crate) const COUNT_WORKERS: &str = r#"
    window.__workers = { started: 0, ended: 0 };
    const Original = window.Worker;
    window.Worker = class extends Original {
        constructor(...a) { super(...a); window.__workers.started++; }
        terminate() { window.__workers.ended++; return super.terminate(); }
    };
"#;

/// Workers started and still running.
pub(crate) const WORKERS: &str = "return `started ${window.__workers.started}, running ${window.__workers.started - window.__workers.ended}`";

/// What the wizard left behind on the host.
const TRACES: &str = r#"
    const host = document.getElementById('customer-import');
    return [
        `shadow nodes: ${host.shadowRoot ? host.shadowRoot.childNodes.length : 'none'}`,
        `adopted sheets: ${host.shadowRoot ? host.shadowRoot.adoptedStyleSheets.length : 0}`,
        `children: ${host.children.length}`,
        `style: ${host.getAttribute('style') || ''}`,
        `listeners: ${window.__listeners}`,
    ].join('\n');
"#;

pub(crate) async fn script(page: &Page, js: &str) -> anyhow::Result<String> {
    let value = page.client.execute(js, vec![]).await?;
    Ok(value.as_str().unwrap_or_default().to_owned())
}

/// What the portal's page heard from the wizard, once `heard` holds for it.
pub(crate) async fn activity(
    page: &Page,
    heard: impl Fn(&[String]) -> bool,
) -> anyhow::Result<Vec<String>> {
    browser::until(async || {
        let events = page.texts("#activity li").await?;
        Ok(match heard(&events) {
            true => Ok(events),
            false => Err(format!("the portal heard only {events:?}")),
        })
    })
    .await
}

/// Each kind of API request the portal's page sent (method, path with ids as `{n}`
/// and a mapping's signature as `{signature}`, status), once the mapping's save (sent
/// without waiting for it) has been answered.
async fn portal_routes_answered(server: &TestServer, portal: &str) -> anyhow::Result<Vec<String>> {
    let from_portal = browser::until(async || {
        let from_portal: Vec<Recorded> = server
            .recorder
            .requests()
            .into_iter()
            .filter(|r| r.origin.as_deref() == Some(portal) && r.path.starts_with("/api/"))
            .collect();
        let settled = from_portal.iter().all(|r| r.status.is_some());
        let saved = from_portal.iter().any(|r| r.method == "PUT");
        Ok(match settled && saved {
            true => Ok(from_portal),
            false => Err(format!(
                "the portal's requests never settled: {from_portal:?}"
            )),
        })
    })
    .await?;
    let mut routes: Vec<String> = from_portal
        .iter()
        .map(|r| {
            let path: Vec<&str> = r
                .path
                .split('/')
                .enumerate()
                .map(|(i, part)| match part {
                    _ if i == 3 && r.path.starts_with("/api/mappings/") => "{signature}",
                    _ if !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()) => "{n}",
                    _ => part,
                })
                .collect();
            let status = r.status.map_or("none".to_owned(), |s| s.to_string());
            format!("{} {} {status}", r.method, path.join("/"))
        })
        .collect();
    routes.sort();
    routes.dedup();
    Ok(routes)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_portal_on_another_origin_embeds_runs_and_removes_the_wizard() {
    let (listener, portal_url) = PortalSite::bind().await;
    let server = TestServer::start_for_portals(vec![portal_url.clone()]).await;
    let _portal = PortalSite::serve(listener, portal_url.clone());
    let db = server.db().await;
    let project: i64 = sqlx::query_scalar("SELECT id FROM projects WHERE name = 'Fjordparken'")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    // A customer the project already has: the server refuses a second one.
    sqlx::query(
        "INSERT INTO customers (project_id, name, email, created_at)
         VALUES ($1, 'Eksisterende', 'finnes@example.no', '2026-01-01')",
    )
    .bind(project)
    .execute(&db.pool)
    .await
    .unwrap();
    let files = tempfile::tempdir().unwrap();
    let csv = files.path().join("kunder.csv");
    std::fs::write(
        &csv,
        "Navn;E-post\r\nKari Nordmann;kari@example.no\r\nOla Nordmann;ola@example.no\r\n\
         Per Hansen;per@example.no\r\nFinn Igjen;finnes@example.no\r\n",
    )
    .unwrap();
    let url = format!(
        "{portal_url}/index.html?server={}&token={}&project={project}",
        server.url, server.users.admin.token
    );

    browser::run(|page| async move {
        page.open(&url).await?;
        page.element("body[data-portal-ready=yes]").await?;
        let look_before = script(&page, PORTAL_LOOK).await?;
        script(&page, COUNT_LISTENERS).await?;
        script(&page, COUNT_WORKERS).await?;

        // Opening twice replaces the first wizard instead of stacking a second.
        page.click("#open-import").await?;
        page.click("#open-import").await?;
        let root = shadow(&page).await?;
        inside(&root, "#project", "Fjordparken").await?;
        assert_eq!(root.find_all(Locator::Css(".app")).await?.len(), 1);
        // Only the project the portal fixed is offered, already chosen.
        assert_eq!(
            root.find_all(Locator::Css("#project option")).await?.len(),
            2
        );

        // Themed by the portal, untouched by its pushy CSS (hot pink buttons, serif
        // everywhere, 14px root).
        let next_button = inside(&root, "#next", "Fortsett").await?;
        // Chromium says `rgba(…, 1)` where Firefox says `rgb(…)`: the same colour.
        let background = next_button.css_value("background-color").await?;
        assert_eq!(
            background.replace("rgba(", "rgb(").replace(", 1)", ")"),
            "rgb(11, 110, 79)"
        );
        assert_eq!(
            next_button.css_value("border-top-left-radius").await?,
            "2px"
        );
        let title = inside(&root, "h1", "").await?;
        let font = title.css_value("font-family").await?;
        assert!(!font.contains("Georgia"), "{font}");
        // 1.6rem as on the app's own page, not of the portal's 14px root.
        let root_size = "return getComputedStyle(document.documentElement).fontSize";
        assert_eq!(script(&page, root_size).await?, "14px");
        assert_eq!(title.css_value("font-size").await?, "25.6px");

        to_review(&root, &csv, "4 kunder").await?;
        inside(&root, "#next", "Lagre 4 kunder").await?;
        saved(&root, 3).await?;

        // The portal heard every step and the end, with the right counts.
        let events = activity(&page, |e| e.iter().any(|e| e.starts_with("finished"))).await?;
        let batch: i64 =
            sqlx::query_scalar("SELECT id FROM import_batches ORDER BY id DESC LIMIT 1")
                .fetch_one(&server.db().await.pool)
                .await?;
        let steps: Vec<&str> = events
            .iter()
            .filter(|e| e.starts_with("step"))
            .map(String::as_str)
            .collect();
        assert_eq!(
            steps,
            [
                "step project",
                "step project",
                "step file",
                "step header",
                "step mapping",
                "step review",
                "step save"
            ],
            "{events:?}"
        );
        assert_eq!(
            events
                .iter()
                .filter(|e| e.starts_with("finished"))
                .collect::<Vec<_>>(),
            [&format!("finished batch {batch}: 3 created, 1 rejected")]
        );

        // Every other request the wizard makes works from the portal's page too:
        // the project's files, the history, an import's rows and its undo.
        click(&root, "button.steps__link[data-step='0']").await?;
        inside(&root, "#history-heading", "").await?;
        click(&root, "#download-template-csv").await?;
        let line = format!("[data-testid=history-row][data-batch='{batch}']");
        click(&root, &format!("{line} [data-testid=show-rows]")).await?;
        inside(
            &root,
            "[data-testid=history-rows]",
            "er allerede registrert",
        )
        .await?;
        click(&root, &format!("{line} [data-testid=undo]")).await?;
        click(&root, "[data-testid=undo-confirm]").await?;
        inside(&root, "[data-testid=undo-result]", "3 kunder er fjernet.").await?;
        click(&root, "[data-testid=undo-close]").await?;
        let routes = portal_routes_answered(&server, &portal_url).await?;
        assert_eq!(
            routes,
            [
                "GET /api/mappings/{signature} 404",
                "GET /api/me 200",
                "GET /api/projects 200",
                "GET /api/projects/{n}/imports 200",
                "GET /api/projects/{n}/imports/{n} 200",
                "GET /api/projects/{n}/schema 200",
                "GET /api/projects/{n}/template.csv 200",
                "OPTIONS /api/mappings/{signature} 204",
                "OPTIONS /api/me 204",
                "OPTIONS /api/projects 204",
                "OPTIONS /api/projects/{n}/import 204",
                "OPTIONS /api/projects/{n}/imports 204",
                "OPTIONS /api/projects/{n}/imports/{n} 204",
                "OPTIONS /api/projects/{n}/imports/{n}/undo 204",
                "OPTIONS /api/projects/{n}/schema 204",
                "OPTIONS /api/projects/{n}/template.csv 204",
                "POST /api/projects/{n}/import 200",
                "POST /api/projects/{n}/imports/{n}/undo 200",
                "PUT /api/mappings/{signature} 200",
            ]
        );

        // The portal looks exactly as before.
        assert_eq!(script(&page, PORTAL_LOOK).await?, look_before);

        // Closing removes every node, sheet, style and listener the wizard added;
        // opening again works, and closing again is as clean.
        page.click("#close-import").await?;
        let clean = "shadow nodes: 0\nadopted sheets: 0\nchildren: 0\nstyle: \nlisteners: 0";
        assert_eq!(script(&page, TRACES).await?, clean);
        // The worker holding the file's rows ended with it, freeing its memory.
        let workers = script(&page, WORKERS).await?;
        assert!(
            workers.ends_with("running 0") && !workers.starts_with("started 0"),
            "{workers}"
        );
        page.click("#open-import").await?;
        let root = shadow(&page).await?;
        inside(&root, "#project-heading", "Velg prosjekt").await?;
        page.click("#close-import").await?;
        assert_eq!(script(&page, TRACES).await?, clean);
        assert_eq!(script(&page, PORTAL_LOOK).await?, look_before);
        Ok(())
    })
    .await;
}

/// A wizard without a project fixed offers every project the user may import into;
/// when the portal's session ends before saving, the portal is told why.
#[tokio::test(flavor = "multi_thread")]
async fn the_portal_hears_when_saving_stops_on_an_expired_session() {
    let (listener, portal_url) = PortalSite::bind().await;
    let server = TestServer::start_for_portals(vec![portal_url.clone()]).await;
    let _portal = PortalSite::serve(listener, portal_url.clone());
    let files = tempfile::tempdir().unwrap();
    let csv = files.path().join("kunder.csv");
    std::fs::write(&csv, "Navn;E-post\r\nKari Nordmann;kari@example.no\r\n").unwrap();
    let url = format!(
        "{portal_url}/index.html?server={}&token={}",
        server.url, server.users.admin.token
    );
    let db = server.db().await;

    browser::run(|page| async move {
        page.open(&url).await?;
        page.element("body[data-portal-ready=yes]").await?;
        page.click("#open-import").await?;
        let root = shadow(&page).await?;
        inside(&root, "#project", "Koivuranta").await?;
        assert_eq!(
            root.find_all(Locator::Css("#project option")).await?.len(),
            3,
            "both of the admin's projects, after the prompt"
        );
        root.find(Locator::Css("#project option:nth-child(2)"))
            .await?
            .click()
            .await?;
        to_review(&root, &csv, "1 kunde").await?;
        inside(&root, "#next", "Lagre 1 kunde").await?;

        // The portal's session ends (its token is revoked) just before saving.
        sqlx::query("UPDATE api_tokens SET revoked_at = 'now'")
            .execute(&db.pool)
            .await?;
        next(&root).await?;

        let events = activity(&page, |e| {
            e.iter().any(|e| e == "error auth.unauthenticated")
        })
        .await
        .context("no error event")?;
        assert!(
            !events.iter().any(|e| e.starts_with("finished")),
            "{events:?}"
        );
        let customers: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM customers")
            .fetch_one(&db.pool)
            .await?;
        assert_eq!(customers, 0);
        Ok(())
    })
    .await;
}
