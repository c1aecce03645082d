//! The npm package (`packages/customer-import`) as a React portal uses it: its tarball
//! installed into a React app built by Vite (`tests/react-app`, built by
//! `scripts/npm-build.sh --react-app`), served from the portal's own origin; the
//! `<CustomerImport>` component loads the wizard from the import server, imports a file
//! to the end, tells the app what happened through its typed callbacks, and leaves
//! nothing running when the app removes it.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use std::path::PathBuf;

use fantoccini::Locator;

use crate::{
    embedding::{COUNT_WORKERS, WORKERS, activity, script},
    support::{
        browser,
        server::{PortalSite, TestServer},
        shadow::{inside, saved, shadow, to_review},
    },
};

/// The built React app, with the package installed from this build's tarball. A missing
/// build fails the test: browser tests never pass by skipping.
fn built_react_app() -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let app = root.join("tests/react-app");
    let read = |path: PathBuf| std::fs::read_to_string(&path).map(|text| (path, text));
    let version = |text: &str| {
        let json: serde_json::Value = serde_json::from_str(text).unwrap();
        json["version"].as_str().unwrap().to_owned()
    };
    let package = read(root.join("packages/customer-import/package.json"))
        .unwrap()
        .1;
    let installed = read(app.join("node_modules/customer-import/package.json"));
    let built = app.join("dist/index.html").is_file();
    let how = "run scripts/npm-build.sh --react-app (scripts/test.sh does)";
    match installed {
        Ok((_, installed)) if built => assert_eq!(
            version(&installed),
            version(&package),
            "the React app has another version of the package installed: {how}"
        ),
        _ => panic!(
            "the test React app is not built in {}: {how}",
            app.display()
        ),
    }
    app.join("dist")
}

#[tokio::test(flavor = "multi_thread")]
async fn a_react_app_imports_a_file_with_the_npm_package() {
    let app = built_react_app();
    let (listener, portal_url) = PortalSite::bind().await;
    let server = TestServer::start_for_portals(vec![portal_url.clone()]).await;
    let _portal = PortalSite::serve_dir(listener, portal_url.clone(), app);
    let project = server.project_id("Fjordparken").await;
    let db = server.db().await;
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
        "{portal_url}/?server={}&token={}&project={project}",
        server.url, server.users.admin.token
    );

    browser::run(|page| async move {
        page.open(&url).await?;
        page.element("main[data-react-ready=yes]").await?;
        script(&page, COUNT_WORKERS).await?;
        page.click("#open-import").await?;

        // The component mounted the wizard once, with the project and theme it was given.
        let root = shadow(&page).await?;
        inside(&root, "#project", "Fjordparken").await?;
        assert_eq!(root.find_all(Locator::Css(".app")).await?.len(), 1);
        let next_button = inside(&root, "#next", "Fortsett").await?;
        let background = next_button.css_value("background-color").await?;
        assert_eq!(
            background.replace("rgba(", "rgb(").replace(", 1)", ")"),
            "rgb(11, 110, 79)"
        );
        // The wizard came from the import server, not from the app's bundle.
        let requested = page.requested_urls().await?;
        for file in ["customer-import.js", "customer-import_bg.wasm"] {
            let from_server = format!("{}/{file}", server.url);
            assert!(requested.contains(&from_server), "{file}: {requested:?}");
        }

        to_review(&root, &csv, "4 kunder").await?;
        inside(&root, "#next", "Lagre 4 kunder").await?;
        saved(&root, 3).await?;

        // The app's own check (a new function on every render) saw every row once,
        // and mounted nothing anew.
        assert_eq!(script(&page, "return String(window.hookRows)").await?, "4");
        assert_eq!(root.find_all(Locator::Css(".app")).await?.len(), 1);

        // The app heard every step and the end through the component's callbacks.
        let events = activity(&page, |e| e.iter().any(|e| e.starts_with("finished"))).await?;
        let batch: i64 =
            sqlx::query_scalar("SELECT id FROM import_batches ORDER BY id DESC LIMIT 1")
                .fetch_one(&db.pool)
                .await?;
        assert_eq!(
            events,
            [
                "step project",
                "step file",
                "step header",
                "step mapping",
                "step review",
                "step save",
                &format!("finished batch {batch}: 3 created, 1 rejected"),
            ]
        );
        assert_eq!(
            server.emails(project).await,
            [
                "finnes@example.no",
                "kari@example.no",
                "ola@example.no",
                "per@example.no"
            ]
        );

        // Closing removes the component, and with it the wizard and its worker.
        page.click("#close-import").await?;
        page.wait_gone("#customer-import").await?;
        // React runs the component's cleanup (which unmounts) just after it removes it.
        browser::until(async || {
            let workers = script(&page, WORKERS).await?;
            Ok(
                match workers.ends_with("running 0") && !workers.starts_with("started 0") {
                    true => Ok(()),
                    false => Err(format!("the wizard's worker was left: {workers}")),
                },
            )
        })
        .await?;
        // Opening again mounts a fresh wizard.
        page.click("#open-import").await?;
        let root = shadow(&page).await?;
        inside(&root, "#project-heading", "Velg prosjekt").await?;
        Ok(())
    })
    .await;
}

/// When the wizard cannot be loaded (the import server is down), the component says so
/// to the app through `onMountError` instead of leaving an empty box without a word.
#[tokio::test(flavor = "multi_thread")]
async fn the_react_app_hears_when_the_wizard_cannot_be_loaded() {
    let app = built_react_app();
    let (listener, portal_url) = PortalSite::bind().await;
    let _portal = PortalSite::serve_dir(listener, portal_url.clone(), app);
    // A port nobody listens on: bound, then let go.
    let gone = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let server = format!("http://{}", gone.local_addr().unwrap());
    drop(gone);
    let url = format!("{portal_url}/?server={server}&token=cit_none");

    browser::run(|page| async move {
        page.open(&url).await?;
        page.element("main[data-react-ready=yes]").await?;
        page.click("#open-import").await?;
        let events = activity(&page, |e| !e.is_empty()).await?;
        assert_eq!(events.len(), 1, "{events:?}");
        assert!(events[0].starts_with("mount failed: "), "{events:?}");
        Ok(())
    })
    .await;
}
