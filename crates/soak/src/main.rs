//! `customer-import-soak [--seed N] [--seconds N] [--clients N] [--server PATH]
//! [--dir PATH] [--report FILE] [--dist DIR --browser PATH [--browser-rows N]]`: one soak run (see the library's docs); prints its
//! report, writes it to `--report` too, and exits 1 when an invariant is broken.
//! Interrupted (Ctrl+C, SIGTERM), it stops every process it started.

use std::{path::PathBuf, process::ExitCode, time::Duration};

use customer_import_soak::{
    load::Files,
    run::{Settings, soak},
};
use tokio::signal::unix::{SignalKind, signal};

fn parse() -> anyhow::Result<(Settings, Option<PathBuf>)> {
    let mut settings = Settings {
        seed: fastrand::u64(..),
        command: std::env::args().skip(1).collect::<Vec<_>>().join(" "),
        length: Duration::from_secs(60),
        clients: 4,
        files: Files {
            // Files of 10,000 rows in chunks of 2,000, as the app sends them.
            chunks: 5,
            rows_a_chunk: 2_000,
        },
        server: PathBuf::from("target/release/customer-import-server"),
        dir: std::env::temp_dir().join(format!("customer-import-soak-{}", std::process::id())),
        dist: None,
        browser: None,
        browser_rows: 200_000,
    };
    let mut report = None;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || {
            args.next()
                .ok_or_else(|| anyhow::anyhow!("{flag} needs a value"))
        };
        match flag.as_str() {
            "--seed" => settings.seed = value()?.parse()?,
            "--seconds" => settings.length = Duration::from_secs(value()?.parse()?),
            "--clients" => settings.clients = value()?.parse()?,
            "--rows-a-chunk" => settings.files.rows_a_chunk = value()?.parse()?,
            "--chunks" => settings.files.chunks = value()?.parse()?,
            "--server" => settings.server = value()?.into(),
            "--dir" => settings.dir = value()?.into(),
            "--report" => report = Some(value()?.into()),
            "--dist" => settings.dist = Some(value()?.into()),
            "--browser" => settings.browser = Some(value()?.into()),
            "--browser-rows" => settings.browser_rows = value()?.parse()?,
            other => anyhow::bail!(
                "unknown argument {other} (see the doc at the top of crates/soak/src/main.rs)"
            ),
        }
    }
    Ok((settings, report))
}

#[tokio::main]
async fn main() -> anyhow::Result<ExitCode> {
    let (settings, report_file) = parse()?;
    eprintln!(
        "soak: seed {}, {} s, {} clients; logs in {}",
        settings.seed,
        settings.length.as_secs(),
        settings.clients,
        settings.dir.display()
    );
    let mut terminate = signal(SignalKind::terminate())?;
    let outcome = tokio::select! {
        outcome = soak(&settings) => outcome?,
        _ = tokio::signal::ctrl_c() => anyhow::bail!("interrupted: every process stopped"),
        _ = terminate.recv() => anyhow::bail!("terminated: every process stopped"),
    };
    println!("{}", outcome.report);
    if let Some(file) = report_file {
        std::fs::write(file, &outcome.report)?;
    }
    Ok(if outcome.verdicts.iter().all(|v| v.holds()) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
