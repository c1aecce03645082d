//! The server binary as a separate process: limited by the operating system (a full
//! disk) or killed outright (SIGKILL, no shutdown) and started again on the same
//! database.
#![allow(dead_code, clippy::unwrap_used)]

use std::{process::Stdio, time::Duration};

use axum::http::StatusCode;
use customer_import_domain::wire::ImportChunk;
use tokio::io::{AsyncBufReadExt, BufReader};

/// Fails the test when `work` has not finished after `seconds`: a hang, not slowness.
pub async fn within<T>(seconds: u64, what: &str, work: impl Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(seconds), work)
        .await
        .unwrap_or_else(|_| panic!("{what}: no answer after {seconds} s"))
}

/// Waits until `done` holds, looking every 100 ms; fails the test after `seconds`
/// saying what did not happen.
pub async fn until(seconds: u64, what: &str, mut done: impl AsyncFnMut() -> bool) {
    within(seconds, what, async {
        while !done().await {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    })
    .await;
}

pub struct ServerProcess {
    child: tokio::process::Child,
    pub url: String,
}

impl ServerProcess {
    /// Starts the server on `database` with `args` besides the address and database;
    /// with `max_file_kib`, no file it writes may grow past that size (`ulimit -f`):
    /// its disk is full there.
    pub async fn start(database: &str, args: &[&str], max_file_kib: Option<u64>) -> ServerProcess {
        let limit = max_file_kib.map_or(String::new(), |k| format!("ulimit -f {k}; "));
        // SIGXFSZ would kill the process at the limit; ignored, the write fails with
        // EFBIG instead, as it fails with ENOSPC on a full disk. `exec`: the process
        // killed is the server itself.
        let script = format!(
            "trap '' XFSZ; {limit}exec \"$0\" --addr 127.0.0.1:0 --database-url \"$1\" \"${{@:2}}\""
        );
        let mut child = tokio::process::Command::new("bash")
            .args([
                "-c",
                &script,
                env!("CARGO_BIN_EXE_customer-import-server"),
                database,
            ])
            .args(args)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let url = within(60, "server start", async {
            loop {
                let line = lines
                    .next_line()
                    .await
                    .unwrap()
                    .expect("the server printed its URL");
                if let Some(rest) = line.split_once("running at ").map(|(_, r)| r) {
                    return rest.trim_end_matches('/').to_owned();
                }
            }
        })
        .await;
        // Read on to the end: with the pipe closed, the server's next line of output
        // (it prints more after the URL) would fail and end it.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        ServerProcess { child, url }
    }

    /// Sends `chunk` to the import endpoint: status, `Retry-After`, body.
    pub async fn import(
        &self,
        project: i64,
        token: &str,
        key: &str,
        chunk: &ImportChunk,
    ) -> (StatusCode, Option<String>, Vec<u8>) {
        let response = reqwest::Client::new()
            .post(format!("{}/api/projects/{project}/import", self.url))
            .bearer_auth(token)
            .header("idempotency-key", key)
            .json(chunk)
            .send()
            .await
            .unwrap();
        let status = StatusCode::from_u16(response.status().as_u16()).unwrap();
        let retry_after = response
            .headers()
            .get("retry-after")
            .map(|v| v.to_str().unwrap().to_owned());
        (
            status,
            retry_after,
            response.bytes().await.unwrap().to_vec(),
        )
    }

    /// Kills the process with SIGKILL, as the OOM killer or a power cut would: no
    /// shutdown, nothing in flight finished.
    pub async fn kill(mut self) {
        self.child.kill().await.unwrap();
    }
}
