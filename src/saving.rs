//! Sending the ready rows in chunks and recording each row's verdict.
//!
//! Every chunk carries a fresh idempotency key. When the answer does not arrive (the
//! network failed, a gateway timed out, the first attempt is still running), the very
//! same body is sent again with the same key after a pause, so the server answers
//! what it already did instead of creating the rows twice. A chunk given up on is kept
//! and sent first, again with its key, when the user tries again.

use std::time::Duration;

use customer_import_domain::wire::{ImportChunk, ImportResult};
use customer_import_worker::protocol::{Answer, Request};
use leptos::prelude::*;

use crate::{
    api::{Api, ApiFailure},
    state::ImportState,
};

/// The message when the worker holding the rows is gone (it broke, or the user
/// stopped it): nothing more can be sent from this review.
const WORKER_LOST: &str = "file.read_failed";

/// Rows per request: small enough for steady progress, large enough to keep the
/// number of requests low (the server takes up to 5,000).
pub const CHUNK_ROWS: usize = 500;

/// The pause before attempt `attempt` (1 = first retry); `None`: give up and let the
/// user decide.
pub fn retry_delay(attempt: u32) -> Option<Duration> {
    (1..=5)
        .contains(&attempt)
        .then(|| Duration::from_millis(500 << (attempt - 1)))
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Phase {
    #[default]
    Idle,
    Sending,
    /// Waiting to send a chunk again after a failed attempt.
    Retrying,
    /// Stopped by the user between chunks.
    Cancelled,
    Finished,
    /// Stopped on an answer that retrying will not change; the message key.
    Failed(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Progress {
    pub phase: Phase,
    /// Rows this run set out to send, and rows answered so far.
    pub total: usize,
    pub done: usize,
}

impl Progress {
    pub fn is_running(&self) -> bool {
        matches!(self.phase, Phase::Sending | Phase::Retrying)
    }
}

/// A chunk as sent: kept byte for byte until it is answered.
#[derive(Debug, Clone)]
struct InFlight {
    rows: Vec<usize>,
    key: String,
    body: ImportChunk,
}

/// One import into one project, across runs (the first save and every retry).
#[derive(Clone, Copy)]
pub struct Saver {
    pub progress: RwSignal<Progress>,
    cancel: RwSignal<bool>,
    batch: StoredValue<Option<i64>>,
    unanswered: StoredValue<Option<InFlight>>,
}

impl Saver {
    pub fn new() -> Saver {
        Saver {
            progress: RwSignal::new(Progress::default()),
            cancel: RwSignal::new(false),
            batch: StoredValue::new(None),
            unanswered: StoredValue::new(None),
        }
    }

    /// The batch the answered chunks were created in, once one was answered.
    pub fn batch_id(&self) -> Option<i64> {
        self.batch.get_value()
    }

    /// Asks the run to stop once the chunk being sent is answered.
    pub fn cancel(&self) {
        self.cancel.set(true);
    }

    /// Sends every ready row of the review, chunk by chunk, until none is left, the
    /// user cancels, or the server refuses in a way retrying will not change.
    pub fn start(self, api: Api, project: i64, state: ImportState, create_missing_groups: bool) {
        if self.progress.with_untracked(Progress::is_running) {
            return;
        }
        let total = state.counts.with_untracked(|c| c.ready)
            + self
                .unanswered
                .with_value(|u| u.as_ref().map_or(0, |u| u.rows.len()));
        self.cancel.set(false);
        self.progress.set(Progress {
            phase: Phase::Sending,
            total,
            done: 0,
        });
        leptos::task::spawn_local(async move {
            let phase = self.run(&api, project, state, create_missing_groups).await;
            self.progress.update(|p| p.phase = phase);
        });
    }

    async fn run(
        self,
        api: &Api,
        project: i64,
        state: ImportState,
        create_missing_groups: bool,
    ) -> Phase {
        loop {
            if self.cancel.get_untracked() {
                return Phase::Cancelled;
            }
            let next = match self.unanswered.get_value() {
                Some(unanswered) => Some(unanswered),
                None => match state
                    .worker
                    .ask(Request::NextChunk { max: CHUNK_ROWS }, None)
                    .await
                {
                    Some(Answer::Chunk { rows, sent }) => (!rows.is_empty()).then(|| InFlight {
                        rows,
                        key: new_key(),
                        body: ImportChunk {
                            batch_id: self.batch.get_value(),
                            create_missing_groups,
                            rows: sent,
                        },
                    }),
                    _ => return Phase::Failed(WORKER_LOST.to_owned()),
                },
            };
            let Some(chunk) = next else {
                return Phase::Finished;
            };
            self.unanswered.set_value(Some(chunk.clone()));
            let result = match self.send(api, project, &chunk).await {
                Ok(result) => result,
                Err(failure) => return Phase::Failed(failure.key().to_owned()),
            };
            let apply = Request::Apply {
                rows: chunk.rows.clone(),
                verdicts: result.verdicts,
            };
            let applied = state.worker.ask(apply, None).await;
            state.review_version.update(|v| *v += 1);
            match applied {
                Some(Answer::Counts(counts)) => state.set_counts(counts),
                Some(_) => return Phase::Failed(ApiFailure::BadAnswer.key().to_owned()),
                None => return Phase::Failed(WORKER_LOST.to_owned()),
            }
            self.unanswered.set_value(None);
            self.batch.set_value(Some(result.batch_id));
            self.progress.update(|p| {
                p.phase = Phase::Sending;
                p.done += chunk.rows.len();
            });
        }
    }

    /// Sends `chunk`, again with the same key while the failure is transient.
    async fn send(
        &self,
        api: &Api,
        project: i64,
        chunk: &InFlight,
    ) -> Result<ImportResult, ApiFailure> {
        let mut attempt = 0;
        loop {
            match api.import(project, &chunk.key, &chunk.body).await {
                Err(failure) if failure.is_transient() => {
                    attempt += 1;
                    let delay = retry_delay(attempt).ok_or(failure)?;
                    self.progress.update(|p| p.phase = Phase::Retrying);
                    sleep(delay).await;
                }
                answer => return answer,
            }
        }
    }
}

impl Default for Saver {
    fn default() -> Saver {
        Saver::new()
    }
}

/// 128 random bits, hex: unique per chunk. `getRandomValues` works on plain http too,
/// unlike `randomUUID`, so an embedding portal need not be served over https.
fn new_key() -> String {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .and_then(|c| c.get_random_values_with_u8_array(&mut bytes).ok());
    if filled.is_none() {
        // No Web Crypto (never in a supported browser): time and Math.random still
        // make a collision within one user's imports practically impossible.
        let seed = (js_sys::Date::now() as u64) ^ ((js_sys::Math::random() * 2f64.powi(53)) as u64);
        bytes[..8].copy_from_slice(&seed.to_le_bytes());
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

async fn sleep(delay: Duration) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                &resolve,
                delay.as_millis() as i32,
            );
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_and_then_give_up() {
        let delays: Vec<_> = (1..=6).map(retry_delay).collect();
        assert_eq!(
            delays,
            [
                Some(Duration::from_millis(500)),
                Some(Duration::from_secs(1)),
                Some(Duration::from_secs(2)),
                Some(Duration::from_secs(4)),
                Some(Duration::from_secs(8)),
                None
            ]
        );
        assert_eq!(retry_delay(0), None);
    }

    #[test]
    fn only_failures_that_may_pass_are_retried() {
        assert!(ApiFailure::Network.is_transient());
        assert!(ApiFailure::Unavailable.is_transient());
        assert!(ApiFailure::Refused("import.in_progress".into()).is_transient());
        assert!(!ApiFailure::Refused("auth.forbidden".into()).is_transient());
        assert!(!ApiFailure::Refused("import.idempotency_key_reused".into()).is_transient());
        assert!(!ApiFailure::BadAnswer.is_transient());
    }
}
