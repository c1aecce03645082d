//! The save loop as a plain type: which project and review it saves, the batch the
//! answered chunks went into, the chunk whose answer is awaited (its rows, key and
//! body as sent), and when to send it again. It does no I/O: each call returns the
//! [`Action`] to carry out next, and the result is handed back to it. The component
//! only drives it (`saving.rs`), so every rule here is tested natively.
//!
//! A chunk whose answer is lost may have been created by the server. Its rows stay
//! locked in the review (the worker refuses edits to them), and it is sent again byte
//! for byte with the same key until an answer tells their fate: the server then
//! replays what it did instead of creating anyone twice. Only a refusal that says the
//! server did nothing (signed out, no access, …) unlocks them without an answer, and
//! only when no earlier attempt of the chunk went unanswered.

use std::time::Duration;

use customer_import_domain::wire::{ImportChunk, ImportResult, ImportRow, Verdict};

use crate::api::ApiFailure;

/// Rows per request: small enough for steady progress, large enough to keep the
/// number of requests low (the server takes up to 5,000).
pub const CHUNK_ROWS: usize = 500;

/// The message when the worker holding the rows is gone (it broke, or the user
/// stopped it): nothing more can be sent from this review.
pub const WORKER_LOST: &str = "file.read_failed";

/// The first pause before sending a chunk again, doubled after each failure up to
/// [`RETRY_CAP`], so that a server back after an outage is noticed within seconds.
const RETRY_FIRST: Duration = Duration::from_millis(500);
const RETRY_CAP: Duration = Duration::from_secs(15);
/// The longest pause a server's `Retry-After` may ask for.
const RETRY_AFTER_CAP: Duration = Duration::from_secs(120);
/// How long to keep trying one chunk before leaving it to the user (who may stop
/// sooner, or go on later): long enough to outlast a database restart.
pub const RETRY_FOR: Duration = Duration::from_secs(30 * 60);

/// The pause before the `attempt`th try again (1 = first) when the server asked for
/// `retry_after`: the backoff, or longer if the server asked for longer.
pub fn retry_delay(attempt: u32, retry_after: Option<Duration>) -> Duration {
    let backoff = RETRY_FIRST
        .saturating_mul(1 << attempt.saturating_sub(1).min(16))
        .min(RETRY_CAP);
    retry_after.map_or(backoff, |asked| backoff.max(asked.min(RETRY_AFTER_CAP)))
}

/// What a failed request says about the rows it carried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    /// Not known yet: the request may not have arrived, its answer may have been
    /// lost, or the first attempt is still running. Worth sending again after a pause.
    Retry(Option<Duration>),
    /// The server refused the request before creating anyone.
    NotCreated,
    /// The server may have created them, and sending again will not tell soon (a
    /// fault of the server, an answer that cannot be read).
    Unknown,
}

impl Fate {
    pub fn of(failure: &ApiFailure) -> Fate {
        match failure {
            ApiFailure::Network => Fate::Retry(None),
            ApiFailure::Unavailable(retry_after) => Fate::Retry(*retry_after),
            ApiFailure::Refused(code) => match code.as_str() {
                "import.in_progress" => Fate::Retry(None),
                // The key's first use, not this one, may have created them.
                "server.internal" | "import.idempotency_key_reused" => Fate::Unknown,
                _ => Fate::NotCreated,
            },
            ApiFailure::BadAnswer => Fate::Unknown,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Phase {
    #[default]
    Idle,
    Sending,
    /// Waiting to send a chunk again after a failed attempt.
    Retrying,
    /// Stopped by the user.
    Cancelled,
    Finished,
    /// Stopped on an answer that retrying soon will not change; the message key.
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

/// What the loop saves into: a batch belongs to one project, and a chunk's rows to
/// one review. Either changing starts afresh.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub project: i64,
    /// The review's generation (a new review numbers its rows anew).
    pub review: u64,
}

/// A chunk as sent: kept byte for byte, with its key, until it is answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    pub rows: Vec<usize>,
    pub key: String,
    /// The JSON body, serialised once.
    pub body: String,
    /// An earlier attempt got no answer, so the server may have created the rows
    /// then: a later refusal (an expired token, say) speaks only for itself.
    pub maybe_done: bool,
}

/// What the driver does next, then reports back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Ask the worker for up to `max` ready rows (it locks them); then
    /// [`SaveLoop::took`], or [`SaveLoop::worker_lost`].
    TakeChunk { max: usize },
    /// `POST` `body` with `key` to `project`'s import; then [`SaveLoop::answered`].
    Send {
        project: i64,
        key: String,
        body: String,
    },
    /// Pause, then [`SaveLoop::waited`] (sooner if the user stops).
    Wait(Duration),
    /// Record the verdicts in the review, unlocking the rows; then
    /// [`SaveLoop::applied`].
    Apply {
        rows: Vec<usize>,
        verdicts: Vec<Verdict>,
    },
    /// Unlock rows nothing came of; then [`SaveLoop::released`].
    Release { rows: Vec<usize> },
    /// The run is over; [`SaveLoop::progress`] says how.
    Stop,
}

/// Only the name of a file, never a folder a browser might give (none does today).
fn bare_name(name: &str) -> Option<String> {
    let name = name.rsplit(['/', '\\']).next()?.trim();
    (!name.is_empty()).then(|| name.to_owned())
}

/// One user's saving in one page, across runs (the first save, every retry, every
/// project chosen).
#[derive(Debug, Clone, Default)]
pub struct SaveLoop {
    target: Option<Target>,
    create_missing_groups: bool,
    /// The name of the file the rows come from, sent with every chunk for the
    /// project's import history.
    file_name: Option<String>,
    /// The batch the answered chunks were created in, once one was answered.
    batch: Option<i64>,
    /// The chunk whose answer is awaited.
    unanswered: Option<Chunk>,
    /// An answer received and not yet recorded in the review.
    answer: Option<ImportResult>,
    progress: Progress,
    /// Failed attempts of the unanswered chunk in this run, and the time waited.
    attempts: u32,
    waited: Duration,
    stop: bool,
}

impl SaveLoop {
    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    /// What the last run saved into.
    pub fn target(&self) -> Option<Target> {
        self.target
    }

    /// The batch of the project being saved into, once a chunk was answered.
    pub fn batch_id(&self) -> Option<i64> {
        self.batch
    }

    /// The chunk whose answer is awaited.
    pub fn unanswered(&self) -> Option<&Chunk> {
        self.unanswered.as_ref()
    }

    /// Starts a run that sends the unanswered chunk first, then every `ready` row;
    /// `None` while a run is going. Another project or review starts afresh: no batch,
    /// and no chunk of rows the review no longer has.
    pub fn start(
        &mut self,
        target: Target,
        ready: usize,
        create_missing_groups: bool,
        file_name: Option<&str>,
    ) -> Option<Action> {
        if self.progress.is_running() {
            return None;
        }
        if self.target != Some(target) {
            *self = SaveLoop {
                target: Some(target),
                ..SaveLoop::default()
            };
        }
        self.create_missing_groups = create_missing_groups;
        self.file_name = file_name.and_then(bare_name);
        self.stop = false;
        self.attempts = 0;
        self.waited = Duration::ZERO;
        self.progress = Progress {
            phase: Phase::Sending,
            total: ready + self.unanswered.as_ref().map_or(0, |c| c.rows.len()),
            done: 0,
        };
        Some(match &self.unanswered {
            Some(_) => self.send(),
            None => self.next_chunk(),
        })
    }

    /// Asks the run to stop as soon as the chunk in flight (if any) is settled or
    /// its retry is due. A chunk whose answer is awaited stays locked.
    pub fn stop(&mut self) {
        if self.progress.is_running() {
            self.stop = true;
        }
    }

    pub fn stop_requested(&self) -> bool {
        self.stop
    }

    /// The worker took `rows` (locked) to be sent as `sent`; `key` is a new unique key.
    pub fn took(&mut self, rows: Vec<usize>, sent: Vec<ImportRow>, key: String) -> Action {
        if rows.is_empty() {
            return self.finish(Phase::Finished);
        }
        if self.stop {
            // Never sent: nothing can have come of them.
            return Action::Release { rows };
        }
        let body = ImportChunk {
            batch_id: self.batch,
            create_missing_groups: self.create_missing_groups,
            file_name: self.file_name.clone(),
            rows: sent,
        };
        let Ok(body) = serde_json::to_string(&body) else {
            self.progress.phase = Phase::Failed(ApiFailure::BadAnswer.key().to_owned());
            return Action::Release { rows };
        };
        self.unanswered = Some(Chunk {
            rows,
            key,
            body,
            maybe_done: false,
        });
        self.attempts = 0;
        self.waited = Duration::ZERO;
        self.send()
    }

    /// The server's answer to the last [`Action::Send`], or why none came.
    pub fn answered(&mut self, result: Result<ImportResult, ApiFailure>) -> Action {
        let Some(chunk) = &mut self.unanswered else {
            return self.finish(Phase::Failed(ApiFailure::BadAnswer.key().to_owned()));
        };
        let failure = match result {
            Ok(answer) => {
                let apply = Action::Apply {
                    rows: chunk.rows.clone(),
                    verdicts: answer.verdicts.clone(),
                };
                self.answer = Some(answer);
                return apply;
            }
            Err(failure) => failure,
        };
        let fate = match Fate::of(&failure) {
            Fate::Retry(after) => {
                chunk.maybe_done = true;
                Fate::Retry(after)
            }
            Fate::NotCreated if chunk.maybe_done => Fate::Unknown,
            fate => fate,
        };
        match fate {
            Fate::Retry(_) if self.stop => self.finish(Phase::Cancelled),
            Fate::Retry(retry_after) => {
                self.attempts += 1;
                let delay = retry_delay(self.attempts, retry_after);
                if self.waited + delay > RETRY_FOR {
                    return self.finish(Phase::Failed(failure.key().to_owned()));
                }
                self.waited += delay;
                self.progress.phase = Phase::Retrying;
                Action::Wait(delay)
            }
            Fate::NotCreated => {
                self.progress.phase = Phase::Failed(failure.key().to_owned());
                Action::Release {
                    rows: chunk.rows.clone(),
                }
            }
            Fate::Unknown => self.finish(Phase::Failed(failure.key().to_owned())),
        }
    }

    /// The pause of [`Action::Wait`] is over (or the user stopped during it).
    pub fn waited(&mut self) -> Action {
        if self.stop {
            return self.finish(Phase::Cancelled);
        }
        self.progress.phase = Phase::Sending;
        self.send()
    }

    /// The review recorded the verdicts (`true`), or could not: the worker is gone
    /// or the verdicts did not match the rows sent (`false`, the rows stay locked).
    pub fn applied(&mut self, recorded: bool) -> Action {
        let Some(answer) = self.answer.take() else {
            return self.finish(Phase::Failed(ApiFailure::BadAnswer.key().to_owned()));
        };
        if !recorded {
            return self.finish(Phase::Failed(ApiFailure::BadAnswer.key().to_owned()));
        }
        let rows = self.unanswered.take().map_or(0, |c| c.rows.len());
        self.batch = Some(answer.batch_id);
        self.progress.done += rows;
        self.progress.phase = Phase::Sending;
        if self.stop {
            return self.finish(Phase::Cancelled);
        }
        self.next_chunk()
    }

    /// The rows of [`Action::Release`] are unlocked.
    pub fn released(&mut self) -> Action {
        self.unanswered = None;
        match &self.progress.phase {
            Phase::Failed(_) => Action::Stop,
            _ => self.finish(Phase::Cancelled),
        }
    }

    /// The worker holding the rows is gone: nothing more can be sent.
    pub fn worker_lost(&mut self) -> Action {
        self.finish(Phase::Failed(WORKER_LOST.to_owned()))
    }

    fn next_chunk(&self) -> Action {
        Action::TakeChunk { max: CHUNK_ROWS }
    }

    fn send(&self) -> Action {
        match (&self.unanswered, self.target) {
            (Some(chunk), Some(target)) => Action::Send {
                project: target.project,
                key: chunk.key.clone(),
                body: chunk.body.clone(),
            },
            _ => Action::Stop,
        }
    }

    fn finish(&mut self, phase: Phase) -> Action {
        self.progress.phase = phase;
        self.stop = false;
        Action::Stop
    }
}

#[cfg(test)]
mod tests;
