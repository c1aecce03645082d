//! The load: clients that import files in chunks through the load balancer as the app
//! does (one batch a file, an idempotency key a chunk, the same chunk sent again after
//! any answer that is not a verdict), and one that undoes imports, finished ones and
//! ones still arriving. What each was shown goes into the [`History`].

use std::{
    collections::BTreeMap,
    sync::Arc,
    time::{Duration, Instant, SystemTime, UNIX_EPOCH},
};

use customer_import_domain::wire::{ImportChunk, ImportResult, ImportRow, Verdict};
use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
use reqwest::StatusCode;
use serde_json::json;

use crate::history::{History, Shown, ShownRow};

/// How the clients reach the system and who they are.
#[derive(Clone)]
pub struct Api {
    pub http: reqwest::Client,
    /// The load balancer, `http://127.0.0.1:port`.
    pub base: String,
    pub project: String,
    pub jwt_secret: String,
    pub jwt_issuer: String,
    pub jwt_audience: String,
    /// The portal's user and organization, as its own sessions name them.
    pub user: String,
    pub organization: String,
}

impl Api {
    /// A fresh five-minute session token, as the portal signs for its user.
    pub fn token(&self) -> String {
        self.token_lasting(300)
    }

    /// A session token valid `seconds` (the app's, which must outlive its import).
    pub fn token_lasting(&self, seconds: i64) -> String {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        let claims = json!({
            "iss": self.jwt_issuer, "aud": self.jwt_audience,
            "iat": now, "nbf": now, "exp": now + seconds,
            "sub": self.user, "email": "liv@nordbygg.example", "name": "Liv Portal",
            "org": self.organization, "role": "member",
            "projects": [self.project.trim_start_matches("portal:")],
        });
        EncodingKey::from_secret(self.jwt_secret.as_bytes())
            .and_then(|key| encode(&Header::new(Algorithm::HS256), &claims, &key))
            .unwrap_or_default()
    }
}

/// What one attempt got.
enum Attempt {
    /// A verdict: the answer's status and body.
    Answer(StatusCode, String),
    /// No answer to act on (connection lost, timeout, the balancer found no instance,
    /// the first request with this key still running): the same request again.
    Again,
}

/// Sends until an answer comes that is not worth retrying; records server errors.
async fn send(
    history: &History,
    what: &str,
    request: impl Fn() -> reqwest::RequestBuilder,
    stop: &Instant,
) -> Option<(StatusCode, String)> {
    let mut pause = Duration::from_millis(100);
    loop {
        let sent = Instant::now();
        let attempt = match request().send().await {
            Err(_) => Attempt::Again,
            Ok(response) => {
                let status = response.status();
                match response.text().await {
                    Err(_) => Attempt::Again,
                    Ok(body) if status == StatusCode::INTERNAL_SERVER_ERROR => {
                        history.defect(format!("{what}: 500 {body}"));
                        Attempt::Again
                    }
                    // The instance's own: its database unreachable.
                    Ok(body)
                        if status == StatusCode::SERVICE_UNAVAILABLE
                            && body.contains("server.unavailable") =>
                    {
                        history.with(|h| h.server_unavailable += 1);
                        Attempt::Again
                    }
                    // The balancer's own answers while no instance could take it.
                    Ok(_) if matches!(status.as_u16(), 502..=504) => {
                        history.with(|h| h.unavailable += 1);
                        Attempt::Again
                    }
                    Ok(body) if status == StatusCode::CONFLICT && body.contains("in_progress") => {
                        Attempt::Again
                    }
                    Ok(body) => Attempt::Answer(status, body),
                }
            }
        };
        match attempt {
            Attempt::Answer(status, body) => {
                if status.is_success() {
                    history.success(sent);
                }
                return Some((status, body));
            }
            // Long after the storm: a hang, which the report names.
            Attempt::Again if stop.elapsed() > Duration::ZERO => {
                history.defect(format!("{what}: no answer before the drain's deadline"));
                return None;
            }
            Attempt::Again => {
                tokio::time::sleep(pause).await;
                pause = (pause * 2).min(Duration::from_secs(2));
            }
        }
    }
}

/// The shape of the files a client imports.
#[derive(Debug, Clone, Copy)]
pub struct Files {
    pub chunks: u64,
    pub rows_a_chunk: u64,
}

const UNITS: [&str; 4] = ["E-101", "E-102", "E-201", "E-202"];

/// Row `i` of client `client`'s file `file`: every seventh has an email no check
/// accepts, so each chunk has refused rows beside created ones.
pub fn row(seed: u64, client: usize, file: u64, i: u64) -> (ImportRow, ShownRow) {
    let external_id = format!("s{seed}-c{client}-f{file}-r{i}");
    let name = format!("Kunde {external_id}");
    let email = if i % 7 == 3 {
        "not-an-email".to_owned()
    } else {
        format!("{external_id}@soak.example")
    };
    let unit = UNITS[(i % 4) as usize].to_owned();
    let values: BTreeMap<String, String> = [
        ("name", name.clone()),
        ("email", email.clone()),
        ("unit", unit.clone()),
        ("external_id", external_id.clone()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    let import = ImportRow {
        row: i + 2,
        values,
        version: None,
    };
    let shown = ShownRow {
        external_id,
        batch: 0,
        name,
        email,
        unit,
        shown: Shown::Refused,
    };
    (import, shown)
}

/// Client `client` imports files until `until`, then finishes the one it is on; gives
/// up on requests still unanswered at `give_up`.
pub async fn importer(
    api: Api,
    history: Arc<History>,
    seed: u64,
    client: usize,
    files: Files,
    until: Instant,
    give_up: Instant,
) {
    let mut file = 0;
    while Instant::now() < until {
        import_file(&api, &history, seed, client, file, files, &give_up).await;
        file += 1;
    }
}

async fn import_file(
    api: &Api,
    history: &History,
    seed: u64,
    client: usize,
    file: u64,
    files: Files,
    give_up: &Instant,
) {
    let mut batch = None;
    let file_rows = files.chunks * files.rows_a_chunk;
    for chunk in 0..files.chunks {
        let (rows, mut shown): (Vec<ImportRow>, Vec<ShownRow>) = (0..files.rows_a_chunk)
            .map(|i| row(seed, client, file, chunk * files.rows_a_chunk + i))
            .unzip();
        let body = ImportChunk {
            files: Vec::new(),
            file: None,
            batch_id: batch,
            create_missing_groups: false,
            file_name: Some(format!("soak-c{client}-f{file}.csv")),
            file_rows: Some(file_rows),
            held_back: None,
            left_out: None,
            update: None,
            rows,
        };
        let key = format!("soak-{seed}-c{client}-f{file}-k{chunk}");
        let url = format!("{}/api/projects/{}/import", api.base, api.project);
        let what = format!("chunk {key}");
        let Some((status, text)) = send(
            history,
            &what,
            || {
                api.http
                    .post(&url)
                    .bearer_auth(api.token())
                    .header("idempotency-key", &key)
                    .json(&body)
            },
            give_up,
        )
        .await
        else {
            return;
        };
        if status == StatusCode::CONFLICT && text.contains("batch_undone") {
            // Undone while it was arriving: the rest of the file is not sent.
            if let Some(batch) = batch {
                history.with(|h| h.in_progress.remove(&batch));
            }
            return;
        }
        let Ok(result) = serde_json::from_str::<ImportResult>(&text)
            .map_err(|_| ())
            .and_then(|r| if status.is_success() { Ok(r) } else { Err(()) })
        else {
            history.defect(format!("{what}: {status} {text}"));
            return;
        };
        if batch.is_none() {
            history.with(|h| h.in_progress.insert(result.batch_id));
        }
        batch = Some(result.batch_id);
        let verdicts: BTreeMap<u64, &Verdict> =
            result.verdicts.iter().map(|v| (v.row(), v)).collect();
        for (i, s) in shown.iter_mut().enumerate() {
            let number = (chunk * files.rows_a_chunk + i as u64) + 2;
            s.batch = result.batch_id;
            s.shown = match verdicts.get(&number) {
                Some(Verdict::Created { customer_id, .. }) => Shown::Created {
                    customer_id: Some(*customer_id),
                },
                Some(Verdict::Rejected { .. }) => Shown::Refused,
                other => {
                    history.defect(format!("{what}: row {number} answered {other:?}"));
                    Shown::Refused
                }
            };
        }
        history.with(|h| h.rows.extend(shown));
    }
    if let Some(batch) = batch {
        history.with(|h| {
            h.in_progress.remove(&batch);
            h.finished.push(batch);
        });
    }
}

/// Undoes an import every one to four seconds until `until`: mostly a finished one,
/// one time in four one whose chunks are still arriving.
pub async fn undoer(api: Api, history: Arc<History>, seed: u64, until: Instant, give_up: Instant) {
    let mut rng = fastrand::Rng::with_seed(seed ^ 0x5eed);
    while Instant::now() < until {
        tokio::time::sleep(Duration::from_millis(rng.u64(1_000..4_000))).await;
        let pick = history.with(|h| {
            let arriving: Vec<i64> = h
                .in_progress
                .iter()
                .copied()
                .filter(|b| !h.undone.contains(b))
                .collect();
            let standing: Vec<i64> = h
                .finished
                .iter()
                .copied()
                .filter(|b| !h.undone.contains(b))
                .collect();
            if rng.u8(0..4) == 0 && !arriving.is_empty() {
                Some((arriving[rng.usize(0..arriving.len())], true))
            } else if !standing.is_empty() {
                Some((standing[rng.usize(0..standing.len())], false))
            } else {
                None
            }
        });
        let Some((batch, arriving)) = pick else {
            continue;
        };
        let url = format!(
            "{}/api/projects/{}/imports/{batch}/undo",
            api.base, api.project
        );
        let what = format!("undo of batch {batch}");
        let Some((status, text)) = send(
            &history,
            &what,
            || api.http.post(&url).bearer_auth(api.token()),
            &give_up,
        )
        .await
        else {
            return;
        };
        // A retry of an undo whose first answer was lost finds it done.
        if status.is_success() || text.contains("already_undone") {
            history.with(|h| {
                h.undone.insert(batch);
                if arriving {
                    h.undone_arriving.insert(batch);
                }
            });
        } else {
            history.defect(format!("{what}: {status} {text}"));
        }
    }
}
