//! The real app as two more users: one imports a big file through the wizard in
//! headless Chromium while the storm rages, another undoes an earlier import from the
//! history. Each is a process of `examples/soak_browser.rs` (the browser tests' journey
//! helpers live in the root package), which prints what the page showed as JSON.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use serde_json::{Map, Value};

use crate::{
    history::{Shown, ShownRow},
    load::row,
};

/// The file the browser imports, by the name the history lists it under.
pub const FILE_NAME: &str = "soak-browser.csv";

/// How long the browser may take over one task (its own patience is 30 minutes).
const PATIENCE: std::time::Duration = std::time::Duration::from_secs(2_400);

/// The rows' client number, apart from the API clients'.
const CLIENT: usize = 99;

pub struct Browser {
    /// The built `soak_browser` example.
    pub program: PathBuf,
    /// The app with a token, `http://<balancer>/?lang=nb#token=…`.
    pub app_url: String,
    /// Where its logs go.
    pub dir: PathBuf,
}

/// Writes the browser's file of `rows` rows (the API clients' kind of rows: every
/// seventh with an email the app's own checks hold back) and answers each row as the
/// app should show it, its batch not known yet.
pub fn write_file(seed: u64, rows: u64, path: &Path) -> anyhow::Result<Vec<ShownRow>> {
    let mut text = String::from("Navn;E-post;Enhet;Ekstern ID\r\n");
    let mut shown = Vec::new();
    for i in 0..rows {
        let (_, mut r) = row(seed, CLIENT, 0, i);
        text += &format!("{};{};{};{}\r\n", r.name, r.email, r.unit, r.external_id);
        r.shown = if r.email.contains('@') {
            Shown::Created { customer_id: None }
        } else {
            Shown::HeldBack
        };
        shown.push(r);
    }
    std::fs::write(path, text)?;
    Ok(shown)
}

impl Browser {
    async fn run(&self, mode: &str, what: &str) -> anyhow::Result<Map<String, Value>> {
        // `output` captures both streams; what the browser said goes to a log after.
        // Its browser's profile goes under the soak's folder, so that scripts/soak.sh
        // finds and stops that browser too if the soak is killed.
        let running = tokio::process::Command::new(&self.program)
            .args([mode, &self.app_url, what])
            .env("TMPDIR", &self.dir)
            .kill_on_drop(true)
            .output();
        let out = tokio::time::timeout(PATIENCE, running)
            .await
            .with_context(|| format!("the browser's {mode} did not end within {PATIENCE:?}"))?
            .with_context(|| format!("starting {}", self.program.display()))?;
        let said = String::from_utf8_lossy(&out.stderr);
        std::fs::write(
            self.dir.join(format!("browser-{mode}.log")),
            said.as_bytes(),
        )?;
        if !out.status.success() {
            let reason = said
                .lines()
                .find(|l| l.contains("failed:") || l.contains("panicked"))
                .unwrap_or_default();
            bail!("the browser's {mode} failed ({}): {reason}", out.status);
        }
        let line = String::from_utf8(out.stdout)?;
        Ok(serde_json::from_str(line.trim())?)
    }

    /// Imports `file`; the end's counts by outcome (`created`, `refused`, `held_back`,
    /// `not_sent`).
    pub async fn import(&self, file: &Path) -> anyhow::Result<Map<String, Value>> {
        self.run("import", &file.to_string_lossy()).await
    }

    /// Undoes import `batch` from the history.
    pub async fn undo(&self, batch: i64) -> anyhow::Result<()> {
        let said = self.run("undo", &batch.to_string()).await?;
        if said.get("undone") != Some(&Value::from(batch)) {
            bail!("the browser's undo of {batch} said {said:?}");
        }
        Ok(())
    }
}
