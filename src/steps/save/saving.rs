//! Drives the [`SaveLoop`]: carries out each of its actions (the worker takes,
//! records and unlocks rows; the API sends chunks; a timer waits) and hands it the
//! results. Every decision is the loop's; the screen derives what it shows from it.

use std::time::Duration;

use customer_import_worker::protocol::{Apply, Chunk, NextChunk, Release};
use leptos::prelude::*;

use crate::{
    api::Api,
    steps::save::save_loop::{Action, Progress, SaveLoop, Target, Told},
    wizard::state::ImportState,
};

/// How often a pause before a retry checks whether the user stopped.
const STOP_CHECK: Duration = Duration::from_millis(100);

/// The page's one save loop, in context for the wizard and the save step.
#[derive(Clone, Copy)]
pub struct Saver {
    state: RwSignal<SaveLoop>,
    pub progress: Memo<Progress>,
}

impl Saver {
    pub fn new() -> Saver {
        let state = RwSignal::new(SaveLoop::default());
        Saver {
            state,
            progress: Memo::new(move |_| state.with(|s| s.progress().clone())),
        }
    }

    /// Whether the review of `generation` was saved (a run started for it), tracked.
    pub fn saved(&self, generation: u64) -> bool {
        self.state.with(|s| {
            s.target().is_some_and(|t| t.review == generation)
                && s.progress().phase != crate::steps::save::save_loop::Phase::Idle
        })
    }

    /// The batch the answered chunks were created in, once one was answered.
    pub fn batch_id(&self) -> Option<i64> {
        self.state.with_untracked(SaveLoop::batch_id)
    }

    /// Asks the run to stop once the chunks being sent are settled or their retries
    /// are due.
    pub fn cancel(&self) {
        self.state.update(SaveLoop::stop);
    }

    /// Sends the unanswered chunks, then every ready row of the review, into the
    /// chosen project, until none is left, the user stops, or the server refuses in a
    /// way retrying will not change. The run ends with the wizard that started it.
    pub fn start(self, api: Api, state: ImportState) {
        let Some(project) = state.project.with_untracked(|p| p.as_ref().map(|p| p.id)) else {
            return;
        };
        let target = Target {
            project,
            review: state.review_generation.get_untracked(),
        };
        let counts = state.counts.get_untracked();
        let ready = counts.ready;
        let told = Told {
            file_rows: counts.total() as u64,
            held_back: counts.problems as u64,
            left_out: counts.excluded as u64,
        };
        let groups = state.create_missing_groups.get_untracked();
        let file = state
            .file
            .with_untracked(|f| f.as_ref().map(|f| f.name.clone()));
        let files = untrack(|| state.reviewed_file_rows());
        let Some(Some(first)) = self.state.try_update(|s| {
            let first = s.start(target, ready, groups, file.as_deref());
            s.tell(told);
            s.tell_files(files);
            first
        }) else {
            return;
        };
        self.spawn(api, state, first);
    }

    /// Starts each action as a task of its own (several chunks are in flight at once);
    /// each hands its result to the loop and starts what the loop answers. Once the
    /// wizard is gone its signals are too: `try_update` answers `None` and the task
    /// ends with it.
    fn spawn(self, api: Api, state: ImportState, actions: Vec<Action>) {
        for action in actions {
            let api = api.clone();
            leptos::task::spawn_local(async move {
                if let Some(next) = self.carry_out(&api, state, action).await {
                    self.spawn(api, state, next);
                }
            });
        }
    }

    /// Carries out `action`; what the loop starts next, or `None` when the wizard is
    /// gone.
    async fn carry_out(self, api: &Api, state: ImportState, action: Action) -> Option<Vec<Action>> {
        match action {
            Action::TakeChunk { max } => {
                let head = self.state.try_with_untracked(SaveLoop::chunk_head)?;
                let answer = state.worker.ask(NextChunk { max, head }).await;
                match answer {
                    Some(Ok(Chunk { rows, body, counts })) => {
                        let ready_left = counts.ready;
                        // The rows show as sent (and locked) while they are.
                        state.take_counts(Some(counts));
                        self.state
                            .try_update(|s| s.took(rows, body, new_key(), ready_left))
                    }
                    Some(Err(_)) | None => self.state.try_update(SaveLoop::worker_lost),
                }
            }
            Action::Send {
                chunk,
                project,
                key,
                body,
            } => {
                let result = api.import(project, &key, &body).await;
                self.state.try_update(|s| s.answered(chunk, result))
            }
            Action::Wait { chunk, delay } => {
                let mut left = delay;
                while !left.is_zero() && !self.state.try_with(SaveLoop::ending)? {
                    let step = left.min(STOP_CHECK);
                    sleep(step).await;
                    left -= step;
                }
                self.state.try_update(|s| s.waited(chunk))
            }
            Action::Apply {
                chunk,
                rows,
                response_text,
            } => {
                let answer = state
                    .worker
                    .ask(Apply {
                        rows,
                        response_text,
                    })
                    .await;
                let lost = answer.is_none();
                // Not recorded when the worker lost the review, or could not read or
                // match the verdicts.
                let counts = answer.and_then(Result::ok).and_then(Result::ok);
                let recorded = state.take_counts(counts);
                self.state.try_update(|s| {
                    if lost {
                        s.apply_lost(chunk)
                    } else {
                        s.applied(chunk, recorded)
                    }
                })
            }
            Action::Release { chunk, rows } => {
                let answer = state.worker.ask(Release { rows }).await;
                state.take_counts(answer.and_then(Result::ok));
                self.state.try_update(|s| s.released(chunk))
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
