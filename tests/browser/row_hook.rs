//! The portal's own checks in the review (issue 30.6): a portal page mounts the wizard
//! with a row hook. Its problems show on their cells in the user's language, hold the
//! rows back until fixed (an edit asks the hook again, saving waits for its answer), and
//! a hook that throws is said so, loses nothing, and is asked again on "try again".
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use std::path::Path;

use crate::{
    embedding::script,
    support::{
        browser::{self, Page},
        server::{PortalSite, TestServer},
        shadow::{inside, saved, shadow, to_review, type_into},
    },
};
use fantoccini::elements::ShadowRoot;

/// A portal's page that mounts the wizard with a row hook: it flags e-mails of a rival
/// (in the user's language), counts the rows it was shown, throws while
/// `window.hookDown` is set, and holds its answer while `window.hold` is set, until
/// `window.release()`.
const PAGE: &str = r#"<!doctype html>
<html lang="nb"><head><meta charset="utf-8"><title>Portal</title></head>
<body>
  <div id="customer-import"></div>
  <script type="module">
    const params = new URLSearchParams(location.search);
    const server = params.get("server");
    window.hookDown = params.get("down") === "yes";
    window.hold = false;
    window.seen = [];
    const { default: init, mount } = await import(`${server}/customer-import.js`);
    await init();
    const words = {
      nb: "E-postdomenet tilhører en annen kunde av portalen.",
      en: "This e-mail domain belongs to another client of the portal.",
    };
    mount(document.getElementById("customer-import"), {
      apiBase: server,
      token: params.get("token"),
      locale: "nb",
      project: Number(params.get("project")),
      rowHookTimeoutMs: 120000,
      rowHook: async ({ rows, locale }) => {
        if (window.hookDown) throw new Error("ERP-en svarer ikke");
        if (window.hold) await new Promise((resolve) => (window.release = resolve));
        window.seen.push(...rows.map((r) => `${r.file}:${r.row}:${Object.keys(r.values).join(",")}`));
        return rows
          .filter((r) => (r.values.email || "").endsWith("@rival.example"))
          .map((r) => ({ file: r.file, row: r.row, field: "email", message: words[locale] }));
      },
    });
    document.body.dataset.portalReady = "yes";
  </script>
</body></html>
"#;

/// The page served as a portal's, and its address for `server`'s admin in Fjordparken.
async fn portal(dir: &Path, query: &str) -> (TestServer, PortalSite, String) {
    std::fs::write(dir.join("index.html"), PAGE).unwrap();
    let (listener, portal_url) = PortalSite::bind().await;
    let server = TestServer::start_for_portals(vec![portal_url.clone()]).await;
    let site = PortalSite::serve_dir(listener, portal_url.clone(), dir.to_path_buf());
    let project = server.project_id("Fjordparken").await;
    let url = format!(
        "{portal_url}/?server={}&token={}&project={project}{query}",
        server.url, server.users.admin.token
    );
    (server, site, url)
}

async fn opened(page: &Page, url: &str) -> anyhow::Result<ShadowRoot> {
    page.open(url).await?;
    page.element("body[data-portal-ready=yes]").await?;
    let root = shadow(page).await?;
    inside(&root, "#project", "Fjordparken").await?;
    Ok(root)
}

const EMAIL: &str = "tr[data-row='3'] td[data-col='2']";

#[tokio::test(flavor = "multi_thread")]
async fn the_portals_check_shows_on_the_cell_and_holds_the_row_until_fixed() {
    let files = tempfile::tempdir().unwrap();
    let (server, _site, url) = portal(files.path(), "").await;
    let csv = files.path().join("kunder.csv");
    std::fs::write(
        &csv,
        "Navn;E-post\r\nKari Nordmann;kari@example.no\r\nRolf Rival;rolf@rival.example\r\n",
    )
    .unwrap();
    let project = server.project_id("Fjordparken").await;

    browser::run(|page| async move {
        let root = opened(&page, &url).await?;
        to_review(&root, &csv, "2 kunder").await?;
        // The portal's problem on Rolf's e-mail, in the user's language, counted.
        inside(&root, "[data-testid=review-counts]", "1 klar · 1 med feil").await?;
        inside(
            &root,
            &format!("{EMAIL} .cell__problem"),
            "E-postdomenet tilhører en annen kunde av portalen.",
        )
        .await?;
        // Only the mapped fields crossed, with each row's file and number.
        let seen = script(&page, "return window.seen.sort().join(' ')").await?;
        assert_eq!(seen, "0:2:name,email 0:3:name,email");
        inside(&root, "#next", "Lagre 1 kunde").await?;
        // "Next problem" reaches it, and the line under the grid says it whole.
        inside(&root, "#next-problem", "").await?.click().await?;
        inside(
            &root,
            "[data-testid=cell-detail]",
            "E-postdomenet tilhører en annen kunde av portalen.",
        )
        .await?;

        // Fixed: saving waits while the portal looks at the row again.
        script(&page, "window.hold = true; return ''").await?;
        type_into(&root, &format!("{EMAIL} input"), "rolf@rival.example.no").await?;
        inside(&root, "#next", "Venter på portalens kontroll (én rad)").await?;
        let waiting = inside(&root, "#next", "").await?;
        assert!(
            !waiting.is_enabled().await?,
            "Continue waits for the portal"
        );
        browser::until(async || {
            let held = script(&page, "return typeof window.release").await?;
            Ok(match held.as_str() {
                "function" => Ok(()),
                _ => Err("the hook was not asked again".to_owned()),
            })
        })
        .await?;
        script(&page, "window.hold = false; window.release(); return ''").await?;
        inside(&root, "[data-testid=review-counts]", "2 klare · 0 med feil").await?;
        inside(&root, "#next", "Lagre 2 kunder").await?;
        saved(&root, 2).await?;
        assert_eq!(
            server.emails(project).await,
            ["kari@example.no", "rolf@rival.example.no"]
        );
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_hook_that_throws_is_said_so_and_loses_nothing() {
    let files = tempfile::tempdir().unwrap();
    let (server, _site, url) = portal(files.path(), "&down=yes").await;
    let csv = files.path().join("kunder.csv");
    std::fs::write(
        &csv,
        "Navn;E-post\r\nKari Nordmann;kari@example.no\r\nOla;ola@example.no\r\n",
    )
    .unwrap();
    let project = server.project_id("Fjordparken").await;

    browser::run(|page| async move {
        let root = opened(&page, &url).await?;
        to_review(&root, &csv, "2 kunder").await?;
        inside(
            &root,
            "[data-testid=host-failed]",
            "Portalens kontroll svarte ikke: ERP-en svarer ikke",
        )
        .await?;
        inside(&root, "#next", "Venter på portalens kontroll (2 rader)").await?;
        // The user's work goes on meanwhile, and is kept.
        type_into(
            &root,
            "tr[data-row='3'] td[data-col='1'] input",
            "Ola Nordmann",
        )
        .await?;
        inside(&root, "[data-testid=host-failed]", "Ingenting er tapt").await?;

        // The portal is back: "try again" asks it, and the rows can be saved.
        script(&page, "window.hookDown = false; return ''").await?;
        inside(&root, "#host-retry", "Prøv igjen")
            .await?
            .click()
            .await?;
        inside(&root, "#next", "Lagre 2 kunder").await?;
        let name = inside(&root, "tr[data-row='3'] td[data-col='1'] input", "").await?;
        assert_eq!(name.prop("value").await?.as_deref(), Some("Ola Nordmann"));
        saved(&root, 2).await?;
        let db = server.db().await;
        let names: Vec<String> =
            sqlx::query_scalar("SELECT name FROM customers WHERE project_id = $1 ORDER BY name")
                .bind(project)
                .fetch_all(&db.pool)
                .await?;
        assert_eq!(names, ["Kari Nordmann", "Ola Nordmann"]);
        Ok(())
    })
    .await;
}
