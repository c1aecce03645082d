//! The save loop as a plain type: which project and review it saves, the batch the
//! answered chunks went into, the chunks whose answers are awaited (their rows, keys
//! and bodies as sent), and when to send each again. It does no I/O: each call
//! returns the [`Action`]s to start now, each naming the chunk it concerns, and each
//! action's result is handed back to it. The component only drives it (`saving.rs`),
//! so every rule here is tested natively.
//!
//! The rows' values never pass through here: the worker writes each chunk's body (with
//! [`SaveLoop::chunk_head`]) and reads the verdicts from the answer's text, which the
//! loop only carries; of an answer it reads only the batch.
//!
//! Up to [`IN_FLIGHT`] chunks are in flight at once, and their answers are recorded
//! in whatever order they come. The first chunk of a batch goes alone: its answer
//! names the batch that the later chunks join.
//!
//! A chunk whose answer is lost may have been created by the server. Its rows stay
//! locked in the review (the worker refuses edits to them), and it is sent again byte
//! for byte with the same key until an answer tells their fate: the server then
//! replays what it did instead of creating anyone twice. Only a refusal that says the
//! server did nothing (signed out, no access, …) unlocks them without an answer, and
//! only when no earlier attempt of the chunk went unanswered. While a chunk's answer
//! is in doubt no new rows are taken, so an outage locks no more than the chunks
//! already in flight.

use std::time::Duration;

use customer_import_domain::wire::ImportFile;
use customer_import_worker::protocol::ChunkHead;

use crate::api::{ApiFailure, Imported};

/// Rows per request, and chunks in flight at once. Measured saving the 100k-row CSV
/// from headless Chromium into SQLite (`examples/browser_save_bench.rs`; 2 shared
/// cores, other builds running, so ±20%): 500 rows one at a time 9.9 s; 1,000 × 3
/// 7.5 s; 2,000 × 1 7.7 s; 2,000 × 3 5.3–6.5 s; 2,000 × 4 6.3–6.8 s; 4,000 × 3 5.5 s.
/// Each chunk costs the browser and the server a fixed share (taking the rows from
/// the worker, a request, recording the verdicts), so larger chunks help up to about
/// 2,000 rows (the server takes 5,000); with several in flight that cost overlaps the
/// database's writing, and SQLite writes one chunk at a time, so a fourth only waits
/// (and locks more rows when answers are lost).
pub const CHUNK_ROWS: usize = 2_000;
pub const IN_FLIGHT: usize = 3;

/// The message when the worker said no rows were left to take while its counts
/// still had ready rows: a run that ends there must not say it finished.
pub const ROWS_NOT_TAKEN: &str = "save.rows_not_taken";

/// The message when the worker holding the rows is gone (it broke, or the user
/// stopped it): nothing more can be sent from this review.
pub const WORKER_LOST: &str = "file.read_failed";

/// The server's refusal of a chunk for a batch that was undone meanwhile, or that
/// holds as many rows as the file has (rows refused by the server and sent again).
const BATCH_UNDONE: &str = "import.batch_undone";
const BATCH_FULL: &str = "import.batch_full";

/// What the history is told with each chunk: counts only, never values.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Told {
    /// Every row of the file: a batch takes no more.
    pub file_rows: u64,
    /// Held back by the browser's checks.
    pub held_back: u64,
    /// Left out by the user.
    pub left_out: u64,
}

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

/// Names a chunk in the actions that concern it, unique within one [`SaveLoop`].
pub type ChunkId = u64;

/// A chunk as sent: kept byte for byte, with its key, until it is answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    pub id: ChunkId,
    pub rows: Vec<usize>,
    pub key: String,
    /// The JSON body, serialised once.
    pub body: String,
    /// An earlier attempt got no answer, so the server may have created the rows
    /// then: a later refusal (an expired token, say) speaks only for itself.
    pub maybe_done: bool,
}

/// Where a chunk stands in the current run.
#[derive(Debug, Clone)]
enum Stage {
    /// Its request is on the way ([`Action::Send`]).
    Sending,
    /// Pausing before it is sent again ([`Action::Wait`]).
    Waiting,
    /// Answered into `batch_id`; the review records the verdicts ([`Action::Apply`]).
    Applying { batch_id: i64 },
    /// Nothing came of its rows, which are being unlocked ([`Action::Release`]).
    Releasing,
    /// No answer, and none is sought in this run: the next run sends it first.
    Unanswered,
}

#[derive(Debug, Clone)]
struct Tracked {
    chunk: Chunk,
    stage: Stage,
    /// Its answer was lost in this run, or in an earlier one: no new rows are taken
    /// until it is settled.
    in_doubt: bool,
    /// Failed attempts in this run, and the time waited.
    attempts: u32,
    waited: Duration,
}

/// What the driver starts, each then reported back with its chunk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Ask the worker for up to `max` ready rows (it locks them) and their request
    /// body, written with [`SaveLoop::chunk_head`]; then [`SaveLoop::took`], or
    /// [`SaveLoop::worker_lost`]. One at a time.
    TakeChunk { max: usize },
    /// `POST` `body` with `key` to `project`'s import; then [`SaveLoop::answered`].
    Send {
        chunk: ChunkId,
        project: i64,
        key: String,
        body: String,
    },
    /// Pause, then [`SaveLoop::waited`] (sooner if the user stops).
    Wait { chunk: ChunkId, delay: Duration },
    /// Record the verdicts of the server's answer, `response_text` as it came, in the
    /// review, unlocking the rows; then [`SaveLoop::applied`].
    Apply {
        chunk: ChunkId,
        rows: Vec<usize>,
        response_text: String,
    },
    /// Unlock rows nothing came of; then [`SaveLoop::released`].
    Release { chunk: ChunkId, rows: Vec<usize> },
}

/// Only the name of a file, never a folder a browser might give (none does today).
fn bare_name(name: &str) -> Option<String> {
    let name = name.rsplit(['/', '\\']).next()?.trim();
    (!name.is_empty()).then(|| name.to_owned())
}

/// One user's saving in one page, across runs (the first save, every retry, every
/// project chosen).
///
/// A run is over when none of its actions is outstanding; every call answers the
/// actions to start now (none when the ones still outstanding will report back).
#[derive(Debug, Clone, Default)]
pub struct SaveLoop {
    target: Option<Target>,
    create_missing_groups: bool,
    /// The name of the file the rows come from, sent with every chunk for the
    /// project's import history.
    file_name: Option<String>,
    /// The file's counts as the run started, sent with every chunk.
    told: Option<Told>,
    /// Each file's name and rows when the import has several, sent with every chunk.
    files: Vec<ImportFile>,
    /// The batch the answered chunks were created in, once one was answered.
    batch: Option<i64>,
    /// Every chunk not yet settled, in the order taken; between runs only those whose
    /// answer is awaited.
    chunks: Vec<Tracked>,
    next_id: ChunkId,
    /// A [`Action::TakeChunk`] is outstanding.
    taking: bool,
    /// The worker has no ready rows left for this run.
    drained: bool,
    /// Why the run ends without finishing, once in-flight chunks settle: the first
    /// failure's message key.
    failure: Option<String>,
    stop: bool,
    progress: Progress,
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

    /// Tells the history the file's counts with the chunks sent from now on.
    pub fn tell(&mut self, told: Told) {
        self.told = Some(told);
    }

    /// Tells the history each file of an import of several, with the chunks sent
    /// from now on (only their names, as for one file).
    pub fn tell_files(&mut self, files: Vec<ImportFile>) {
        self.files = files
            .into_iter()
            .map(|f| ImportFile {
                name: bare_name(&f.name).unwrap_or_default(),
                rows: f.rows,
            })
            .collect();
    }

    /// The chunks whose answer is awaited, in the order taken.
    pub fn unanswered(&self) -> impl Iterator<Item = &Chunk> {
        self.chunks
            .iter()
            .filter(|t| matches!(t.stage, Stage::Sending | Stage::Waiting | Stage::Unanswered))
            .map(|t| &t.chunk)
    }

    /// Starts a run that sends the unanswered chunks first, then every `ready` row;
    /// `None` while a run is going. Another project or review starts afresh: no batch,
    /// and no chunk of rows the review no longer has.
    pub fn start(
        &mut self,
        target: Target,
        ready: usize,
        create_missing_groups: bool,
        file_name: Option<&str>,
    ) -> Option<Vec<Action>> {
        if self.progress.is_running() {
            return None;
        }
        if self.target != Some(target) {
            *self = SaveLoop {
                target: Some(target),
                next_id: self.next_id,
                ..SaveLoop::default()
            };
        }
        self.create_missing_groups = create_missing_groups;
        self.file_name = file_name.and_then(bare_name);
        self.stop = false;
        self.failure = None;
        self.drained = false;
        self.taking = false;
        for t in &mut self.chunks {
            t.in_doubt = true;
            t.attempts = 0;
            t.waited = Duration::ZERO;
        }
        self.progress = Progress {
            phase: Phase::Sending,
            total: ready
                + self
                    .chunks
                    .iter()
                    .map(|t| t.chunk.rows.len())
                    .sum::<usize>(),
            done: 0,
        };
        Some(self.next())
    }

    /// Asks the run to stop once the chunks in flight are settled or their retries
    /// are due. A chunk whose answer is awaited stays locked.
    pub fn stop(&mut self) {
        if self.progress.is_running() {
            self.stop = true;
        }
    }

    pub fn stop_requested(&self) -> bool {
        self.stop
    }

    /// What goes with the rows of the chunk taken now, in its body: the batch, the
    /// file and its counts. None of it changes while a take is outstanding but when
    /// the run ends (a refusal that forgets the batch fails it), and then the rows
    /// taken are not sent.
    pub fn chunk_head(&self) -> ChunkHead {
        ChunkHead {
            batch_id: self.batch,
            create_missing_groups: self.create_missing_groups,
            file_name: self.file_name.clone(),
            file_rows: self.told.map(|t| t.file_rows),
            held_back: self.told.map(|t| t.held_back),
            left_out: self.told.map(|t| t.left_out),
            files: self.files.clone(),
        }
    }

    /// The worker took `rows` (locked) to be sent with `body`, the JSON `ImportChunk`
    /// it wrote, and has `ready_left` ready rows besides; `key` is a new unique key.
    pub fn took(
        &mut self,
        rows: Vec<usize>,
        body: String,
        key: String,
        ready_left: usize,
    ) -> Vec<Action> {
        if !self.taking {
            return Vec::new();
        }
        self.taking = false;
        if rows.is_empty() {
            self.drained = true;
            if ready_left > 0 {
                self.fail(ROWS_NOT_TAKEN);
            }
            return self.next();
        }
        let id = self.next_id;
        self.next_id += 1;
        if self.ending() {
            // Never sent: nothing can have come of them.
            self.track(
                id,
                rows.clone(),
                String::new(),
                String::new(),
                Stage::Releasing,
            );
            return vec![Action::Release { chunk: id, rows }];
        }
        self.track(id, rows, key, body, Stage::Sending);
        let mut actions: Vec<Action> = self.send(id).into_iter().collect();
        actions.extend(self.next());
        actions
    }

    /// The server's answer to chunk `id`'s [`Action::Send`], or why none came.
    pub fn answered(&mut self, id: ChunkId, result: Result<Imported, ApiFailure>) -> Vec<Action> {
        let ending = self.ending();
        let Some(t) = self.tracked(id, |s| matches!(s, Stage::Sending)) else {
            return Vec::new();
        };
        let failure = match result {
            Ok(answer) => {
                let apply = Action::Apply {
                    chunk: id,
                    rows: t.chunk.rows.clone(),
                    response_text: answer.text,
                };
                t.stage = Stage::Applying {
                    batch_id: answer.batch_id,
                };
                return vec![apply];
            }
            Err(failure) => failure,
        };
        let fate = match Fate::of(&failure) {
            Fate::Retry(after) => {
                t.chunk.maybe_done = true;
                t.in_doubt = true;
                Fate::Retry(after)
            }
            Fate::NotCreated if t.chunk.maybe_done => Fate::Unknown,
            Fate::NotCreated => Fate::NotCreated,
            // The server may have created them: a later refusal speaks only for itself.
            Fate::Unknown => {
                t.chunk.maybe_done = true;
                Fate::Unknown
            }
        };
        let mut actions = Vec::new();
        let failed = match fate {
            Fate::Retry(_) if ending => {
                t.stage = Stage::Unanswered;
                false
            }
            Fate::Retry(retry_after) => {
                t.attempts += 1;
                let delay = retry_delay(t.attempts, retry_after);
                if t.waited + delay > RETRY_FOR {
                    t.stage = Stage::Unanswered;
                    true
                } else {
                    t.waited += delay;
                    t.stage = Stage::Waiting;
                    actions.push(Action::Wait { chunk: id, delay });
                    false
                }
            }
            Fate::NotCreated => {
                t.stage = Stage::Releasing;
                actions.push(Action::Release {
                    chunk: id,
                    rows: t.chunk.rows.clone(),
                });
                true
            }
            Fate::Unknown => {
                t.stage = Stage::Unanswered;
                true
            }
        };
        if failed {
            self.fail(failure.key());
        }
        if matches!(&failure, ApiFailure::Refused(code) if code == BATCH_UNDONE || code == BATCH_FULL)
        {
            // Undone meanwhile (from the import history), or full: rows sent from now
            // on go into a new batch, not again into the one that cannot take them.
            self.batch = None;
        }
        actions.extend(self.next());
        actions
    }

    /// The pause of chunk `id`'s [`Action::Wait`] is over (or the user stopped
    /// during it).
    pub fn waited(&mut self, id: ChunkId) -> Vec<Action> {
        let ending = self.ending();
        let Some(t) = self.tracked(id, |s| matches!(s, Stage::Waiting)) else {
            return Vec::new();
        };
        if ending {
            t.stage = Stage::Unanswered;
            return self.next();
        }
        t.stage = Stage::Sending;
        let mut actions: Vec<Action> = self.send(id).into_iter().collect();
        actions.extend(self.next());
        actions
    }

    /// The review recorded chunk `id`'s verdicts (`true`), or could not: the worker
    /// is gone, or the answer's verdicts could not be read or did not match the rows
    /// sent (`false`, the rows stay
    /// locked).
    pub fn applied(&mut self, id: ChunkId, recorded: bool) -> Vec<Action> {
        let Some(t) = self.tracked(id, |s| matches!(s, Stage::Applying { .. })) else {
            return Vec::new();
        };
        let Stage::Applying { batch_id } = std::mem::replace(&mut t.stage, Stage::Unanswered)
        else {
            return Vec::new();
        };
        let rows = t.chunk.rows.len();
        // Answered but not recorded: the server created what it says, so a later
        // refusal of the same chunk must not unlock its rows.
        t.chunk.maybe_done |= !recorded;
        if recorded {
            self.batch = Some(batch_id);
            self.progress.done += rows;
            self.chunks.retain(|t| t.chunk.id != id);
        } else {
            self.fail(ApiFailure::BadAnswer.key());
        }
        self.next()
    }

    /// The worker was gone when chunk `id`'s verdicts were to be recorded: the rows
    /// stay locked (the server created what it answered), and nothing more can be
    /// sent from this review.
    pub fn apply_lost(&mut self, id: ChunkId) -> Vec<Action> {
        self.fail(WORKER_LOST);
        self.applied(id, false)
    }

    /// The rows of chunk `id`'s [`Action::Release`] are unlocked.
    pub fn released(&mut self, id: ChunkId) -> Vec<Action> {
        if self
            .tracked(id, |s| matches!(s, Stage::Releasing))
            .is_none()
        {
            return Vec::new();
        }
        self.chunks.retain(|t| t.chunk.id != id);
        self.next()
    }

    /// The worker holding the rows is gone: nothing more can be sent.
    pub fn worker_lost(&mut self) -> Vec<Action> {
        self.taking = false;
        self.fail(WORKER_LOST);
        self.next()
    }

    /// The chunk `id` if it is at a stage `at` accepts.
    fn tracked(&mut self, id: ChunkId, at: impl Fn(&Stage) -> bool) -> Option<&mut Tracked> {
        self.chunks
            .iter_mut()
            .find(|t| t.chunk.id == id)
            .filter(|t| at(&t.stage))
    }

    fn track(&mut self, id: ChunkId, rows: Vec<usize>, key: String, body: String, stage: Stage) {
        self.chunks.push(Tracked {
            chunk: Chunk {
                id,
                rows,
                key,
                body,
                maybe_done: false,
            },
            stage,
            in_doubt: false,
            attempts: 0,
            waited: Duration::ZERO,
        });
    }

    /// Stopping was asked for, or something failed: in-flight chunks settle, nothing
    /// new goes, and a pause before a retry that will not be sent is cut short, so the
    /// run says how it ended at once.
    pub fn ending(&self) -> bool {
        self.stop || self.failure.is_some()
    }

    /// Keeps the first failure: the one the user is told.
    fn fail(&mut self, key: &str) {
        if self.failure.is_none() {
            self.failure = Some(key.to_owned());
        }
    }

    /// Chunks with an action outstanding, and a take.
    fn busy(&self) -> usize {
        let chunks = self
            .chunks
            .iter()
            .filter(|t| !matches!(t.stage, Stage::Unanswered))
            .count();
        chunks + usize::from(self.taking)
    }

    /// What to start now that something settled: chunks left unanswered by an earlier
    /// run first, then new rows while there is room; or the end of the run when
    /// nothing is outstanding.
    fn next(&mut self) -> Vec<Action> {
        if !self.progress.is_running() {
            return Vec::new();
        }
        let mut actions = Vec::new();
        if !self.ending() {
            while self.busy() < IN_FLIGHT {
                let Some(t) = self
                    .chunks
                    .iter_mut()
                    .find(|t| matches!(t.stage, Stage::Unanswered))
                else {
                    break;
                };
                t.stage = Stage::Sending;
                let id = t.chunk.id;
                actions.extend(self.send(id));
            }
            // The batch is known only from an answer, so the first chunk goes alone.
            let may_take = !self.taking
                && !self.drained
                && !self.chunks.iter().any(|t| t.in_doubt)
                && self.busy() < if self.batch.is_some() { IN_FLIGHT } else { 1 };
            if may_take {
                self.taking = true;
                actions.push(Action::TakeChunk { max: CHUNK_ROWS });
            }
        }
        if self.busy() > 0 {
            let retrying = self
                .chunks
                .iter()
                .any(|t| matches!(t.stage, Stage::Waiting));
            self.progress.phase = if retrying {
                Phase::Retrying
            } else {
                Phase::Sending
            };
            return actions;
        }
        self.progress.phase = match self.failure.take() {
            Some(key) => Phase::Failed(key),
            None if self.stop => Phase::Cancelled,
            None if self.drained => Phase::Finished,
            // Nothing outstanding and rows left: never reached, and never "finished".
            None => Phase::Failed(ROWS_NOT_TAKEN.to_owned()),
        };
        self.stop = false;
        actions
    }

    /// Chunk `id` as sent; called only for a tracked chunk of a started loop.
    fn send(&self, id: ChunkId) -> Option<Action> {
        let chunk = &self.chunks.iter().find(|t| t.chunk.id == id)?.chunk;
        Some(Action::Send {
            chunk: id,
            project: self.target?.project,
            key: chunk.key.clone(),
            body: chunk.body.clone(),
        })
    }
}

#[cfg(test)]
mod tests;
