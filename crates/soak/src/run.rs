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
    check::{Verdict, check},
    cluster::{Haproxy, Instance, Postgres, free_port},
    history::{History, Inner},
    load::{Api, Files, importer, undoer},
    observe::observe,
    portal::RunningPortal,
    proxy::FaultProxy,
    report::{Run, report},
    schedule::plan,
    storm::{Targets, storm},
};

pub struct Settings {
    pub seed: u64,
    pub length: Duration,
    pub clients: usize,
    pub files: Files,
    /// The server binary (`target/<profile>/customer-import-server`).
    pub server: PathBuf,
    /// Logs and the database's files.
    pub dir: PathBuf,
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
    storm(
        targets.clone(),
        history.clone(),
        plan(settings.seed, settings.length, targets.instances.len()),
        start,
    )
    .await;
    targets.calm().await?;
    for c in clients {
        c.await?;
    }
    // Webhooks retried after the portal's pauses arrive within seconds; the check reads
    // the portal's copy once it holds as many customers as the database, or at the end.
    let drained = loop {
        let held = targets
            .database
            .query(&format!(
                "SELECT count(*) FROM customers c JOIN projects p ON p.id = c.project_id WHERE p.external_id = '{PROJECT}'"
            ))
            .await?;
        if held.trim() == targets.portal.customers().len().to_string() || Instant::now() > give_up {
            break start.elapsed() - settings.length;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    };
    // Deliveries of removals and of the last customers may still be in flight: a last
    // moment for them, then the system is read back.
    tokio::time::sleep(Duration::from_secs(5)).await;
    let observed = observe(&api, &org_key, PROJECT, &targets.database, &targets.portal).await?;
    let history = history.snapshot();
    let verdicts = check(&history, &observed);
    let report = report(&Run {
        seed: settings.seed,
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
