//! One whole soak: starts the system, runs the clients through the storm, calms it,
//! drains it, reads it back and checks it.

use std::{
    path::PathBuf,
    sync::Arc,
    time::{Duration, Instant},
};

use anyhow::Context;
use base64::Engine;
use customer_import_portal_example::{Config, ORGANIZATION, PROJECT, USER};
use tokio::sync::Mutex;

use crate::{
    browser::{Browser, FILE_NAME, write_file},
    check::{Verdict, check},
    cluster::{Haproxy, Instance, Postgres, free_port},
    history::{History, Inner, Shown, ShownRow},
    load::{Api, Files, importer, undoer},
    observe::{batch_named, observe},
    portal::RunningPortal,
    proxy::FaultProxy,
    report::{Run, report},
    schedule::plan,
    storm::{Targets, storm},
};

pub struct Settings {
    pub seed: u64,
    /// The arguments it was started with, for the report.
    pub command: String,
    pub length: Duration,
    pub clients: usize,
    pub files: Files,
    /// The server binary (`target/<profile>/customer-import-server`).
    pub server: PathBuf,
    /// Logs and the database's files.
    pub dir: PathBuf,
    /// The built app, which the instances serve (`--dist`): needed by the browser.
    pub dist: Option<PathBuf>,
    /// The built `soak_browser` example: when given, the app in Chromium imports a
    /// file of `browser_rows` rows and undoes an earlier import, beside the clients.
    pub browser: Option<PathBuf>,
    pub browser_rows: u64,
}

pub struct Outcome {
    pub report: String,
    pub verdicts: Vec<Verdict>,
    pub history: Inner,
}

/// How long the drain may take before the clients' open requests count as hangs.
const DRAIN: Duration = Duration::from_secs(180);

pub async fn soak(settings: &Settings) -> anyhow::Result<Outcome> {
    let dir = &settings.dir;
    std::fs::create_dir_all(dir)?;
    let postgres = Postgres::start(&dir.join("pg"))
        .await
        .context("PostgreSQL")?;
    let database_link = FaultProxy::start(([127, 0, 0, 1], postgres.port).into()).await?;
    let balancer_port = free_port()?;
    let balancer = format!("http://127.0.0.1:{balancer_port}");
    let jwt_secret = format!("soak-{:016x}{:016x}", fastrand::u64(..), fastrand::u64(..));
    let webhook_secret = format!(
        "whsec_{}",
        base64::engine::general_purpose::STANDARD.encode(
            std::iter::repeat_with(|| fastrand::u8(..))
                .take(32)
                .collect::<Vec<u8>>()
        )
    );
    let args: Vec<String> = [
        "--database-url",
        &postgres.url(database_link.addr.port()),
        "--public-url",
        &balancer,
        "--jwt-issuer",
        "soak-portal",
        "--jwt-audience",
        "customer-import",
        "--jwt-hs256-secret",
        &jwt_secret,
        "--allow-private-webhooks",
        "--webhook-retry-first",
        "1",
        "--webhook-retry-longest",
        "3",
        "--webhook-lease",
        "15",
    ]
    .map(str::to_owned)
    .to_vec();
    let mut args = args;
    if let Some(dist) = &settings.dist {
        args.extend(["--dist".to_owned(), dist.display().to_string()]);
    }
    let mut instances = Vec::new();
    for (n, name) in ["a", "b"].into_iter().enumerate() {
        let mut instance = Instance::new(
            name,
            &settings.server,
            args.clone(),
            vec![("RUST_LOG".to_owned(), "warn".to_owned())],
            dir.join(format!("instance-{name}.log")),
        )?;
        // The first start of the first instance makes the demo's organizations.
        let extra: &[&str] = if n == 0 { &["--demo"] } else { &[] };
        instance
            .start(extra)
            .await
            .with_context(|| format!("instance {name}"))?;
        instances.push(instance);
    }
    let org_key = issue_key(&settings.server, &postgres).await?;
    let mut instance_links = Vec::new();
    for i in &instances {
        instance_links.push(FaultProxy::start(i.addr).await?);
    }
    let backends: Vec<_> = instance_links.iter().map(|l| l.addr).collect();
    let _haproxy = Haproxy::start(dir, ([127, 0, 0, 1], balancer_port).into(), &backends).await?;
    let portal = RunningPortal::start(Config {
        import_server: balancer.clone(),
        portal_url: String::new(),
        api_key: org_key.clone(),
        jwt_secret: jwt_secret.clone(),
        jwt_issuer: "soak-portal".to_owned(),
        jwt_audience: "customer-import".to_owned(),
        webhook_secret,
    })
    .await
    .context("the example portal")?;
    let api = Api {
        http: reqwest::Client::builder()
            .timeout(Duration::from_secs(20))
            .build()?,
        base: balancer,
        project: format!("portal:{PROJECT}"),
        jwt_secret,
        jwt_issuer: "soak-portal".to_owned(),
        jwt_audience: "customer-import".to_owned(),
        user: USER.to_owned(),
        organization: ORGANIZATION.to_owned(),
    };
    let targets = Arc::new(Targets {
        instance_links,
        instances: instances.into_iter().map(Mutex::new).collect(),
        database_link,
        database: postgres,
        database_restarting: Mutex::new(()),
        portal,
    });

    let history = Arc::new(History::default());
    let start = Instant::now();
    let until = start + settings.length;
    let give_up = until + DRAIN;
    let mut clients = Vec::new();
    for client in 0..settings.clients {
        clients.push(tokio::spawn(importer(
            api.clone(),
            history.clone(),
            settings.seed,
            client,
            settings.files,
            until,
            give_up,
        )));
    }
    clients.push(tokio::spawn(undoer(
        api.clone(),
        history.clone(),
        settings.seed,
        until,
        give_up,
    )));
    if let Some(program) = &settings.browser {
        let browser = Arc::new(Browser {
            program: program.clone(),
            app_url: format!(
                "{}/?lang=nb#token={}",
                api.base,
                api.token_lasting(3 * 3600)
            ),
            dir: dir.clone(),
        });
        let file = dir.join(FILE_NAME);
        let rows = write_file(settings.seed, settings.browser_rows, &file)?;
        clients.push(tokio::spawn(browser_import(
            browser.clone(),
            api.clone(),
            history.clone(),
            rows,
            file,
        )));
        clients.push(tokio::spawn(browser_undo(
            browser,
            history.clone(),
            start + settings.length / 2,
            give_up,
        )));
    }
    storm(
        targets.clone(),
        history.clone(),
        plan(settings.seed, settings.length, targets.instances.len()),
        start,
    )
    .await;
    targets.calm(&history).await?;
    for c in clients {
        c.await?;
    }
    // Drained once every webhook event is delivered (or given up on, which the
    // portal's copy then shows): the check reads the portal's copy after that.
    let drained = loop {
        let pending = targets
            .database
            .query(
                "SELECT count(*) FROM outbox_events WHERE delivered_at IS NULL AND dead_at IS NULL",
            )
            .await
            .unwrap_or_default();
        if pending.trim() == "0" || Instant::now() > give_up {
            break start.elapsed() - settings.length;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    };
    let observed = observe(&api, &org_key, PROJECT, &targets.database, &targets.portal).await?;
    let history = history.snapshot();
    let verdicts = check(&history, &observed);
    let report = report(&Run {
        seed: settings.seed,
        command: &settings.command,
        length: settings.length,
        clients: settings.clients,
        history: &history,
        verdicts: &verdicts,
        drained_in: drained,
    });
    Ok(Outcome {
        report,
        verdicts,
        history,
    })
}

/// The browser's import: what its end showed must be every row of the file, created
/// or held back by the app's checks; its rows join the history under its batch.
async fn browser_import(
    browser: Arc<Browser>,
    api: Api,
    history: Arc<History>,
    mut rows: Vec<ShownRow>,
    file: PathBuf,
) {
    let counts = match browser.import(&file).await {
        Ok(counts) => counts,
        Err(e) => return history.defect(format!("{e:#}")),
    };
    let created = rows
        .iter()
        .filter(|r| matches!(r.shown, Shown::Created { .. }))
        .count() as u64;
    let expected = [
        ("created", created),
        ("refused", 0),
        ("held_back", rows.len() as u64 - created),
        ("not_sent", 0),
    ];
    if expected
        .iter()
        .any(|(k, n)| counts.get(*k).and_then(serde_json::Value::as_u64) != Some(*n))
    {
        history.defect(format!(
            "the app's end showed {counts:?}, the file should give {expected:?}"
        ));
        // Which rows did what is then unknown: judged by the defect alone.
        for r in &mut rows {
            r.shown = Shown::Unknown;
        }
    }
    match batch_named(&api, FILE_NAME).await {
        Ok(batch) => {
            for r in &mut rows {
                r.batch = batch;
            }
            history.with(|h| h.rows.extend(rows));
        }
        Err(e) => history.defect(format!("the browser's import in the history: {e:#}")),
    }
}

/// From `at`, the second browser undoes an import the API clients finished.
async fn browser_undo(browser: Arc<Browser>, history: Arc<History>, at: Instant, give_up: Instant) {
    tokio::time::sleep_until(at.into()).await;
    // The first finished import, whenever one is.
    let batch = loop {
        let found = history.with(|h| {
            h.finished
                .iter()
                .rev()
                .copied()
                .find(|b| !h.undone.contains(b))
        });
        match found {
            Some(batch) => break batch,
            None if Instant::now() > give_up => {
                return history.defect("no import finished for the browser to undo".to_owned());
            }
            None => tokio::time::sleep(Duration::from_secs(1)).await,
        }
    };
    match browser.undo(batch).await {
        Ok(()) => history.with(|h| {
            h.undone.insert(batch);
            h.undone_by_browser.push(batch);
        }),
        Err(e) => history.defect(format!("{e:#}")),
    }
}

/// An organization key for the portal, made by the server's own command.
async fn issue_key(server: &std::path::Path, postgres: &Postgres) -> anyhow::Result<String> {
    let out = tokio::process::Command::new(server)
        .args([
            "issue-api-key",
            "--organization",
            "Nordbygg AS",
            "--label",
            "soak-portal",
        ])
        .env("DATABASE_URL", postgres.url(postgres.port))
        .output()
        .await?;
    anyhow::ensure!(
        out.status.success(),
        "issue-api-key: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(String::from_utf8(out.stdout)?.trim().to_owned())
}
