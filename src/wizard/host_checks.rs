//! Runs the portal's own checks of the review's rows (issue 30) as [`HookLoop`] says:
//! whenever the review's rows may have changed, the rows waiting in the worker are
//! handed to the portal's row hook a batch at a time and its answers given back. The
//! rows never stay on this thread longer than their batch. What the check is doing is
//! [`HostChecks::phase`], for the review to say; "try again" is [`HostChecks::retry`].
//! The runs end with the wizard (`on_cleanup`).

use customer_import_worker::protocol::{HostFailed, HostProblems, HostRows};
use leptos::prelude::*;

use crate::{
    embedding::row_hook::RowHook,
    i18n::{I18n, use_i18n},
    wizard::{
        host_check::{HookLoop, HookPhase, Next},
        state::ImportState,
    },
};

/// Rows handed to the portal at once.
const BATCH: usize = 500;

#[derive(Clone, Copy)]
pub struct HostChecks {
    driver: StoredValue<HookLoop>,
    /// What the check is doing, as the driver last said.
    pub phase: RwSignal<HookPhase>,
    hook: StoredValue<RowHook, LocalStorage>,
    state: ImportState,
    i18n: I18n,
    /// Gone with the wizard: a run stops at its next step.
    ended: StoredValue<bool>,
}

impl HostChecks {
    /// Starts checking the review's rows with `hook` whenever they change, for as
    /// long as the wizard is there.
    pub fn start(hook: RowHook, state: ImportState) -> HostChecks {
        let checks = HostChecks {
            driver: StoredValue::new(HookLoop::default()),
            phase: RwSignal::new(HookPhase::Idle),
            hook: StoredValue::new_local(hook),
            state,
            i18n: use_i18n(),
            ended: StoredValue::new(false),
        };
        let ended = checks.ended;
        on_cleanup(move || ended.set_value(true));
        Effect::new(move || {
            let _ = state.review_version.get();
            if state.review.with(Option::is_some) {
                let start = checks.driver.try_update_value(HookLoop::poke);
                if start == Some(true) {
                    checks.run();
                }
            }
        });
        checks
    }

    /// Asks again after the check failed.
    pub fn retry(self) {
        if self.driver.try_update_value(HookLoop::retry) == Some(true) {
            self.run();
        }
    }

    fn run(self) {
        let locale = self.i18n;
        self.phase.set(HookPhase::Running);
        leptos::task::spawn_local(async move {
            let worker = self.state.worker;
            let mut next = Next::Fetch;
            let mut batch = Vec::new();
            loop {
                if self.ended.try_get_value() != Some(false) {
                    return;
                }
                match next {
                    Next::Stop => break,
                    Next::Fetch => {
                        batch = match worker.ask(HostRows { max: BATCH }).await {
                            Some(Ok(rows)) => rows,
                            _ => {
                                next = self.step(|d| d.fetched(None));
                                continue;
                            }
                        };
                        let n = batch.len();
                        next = self.step(|d| d.fetched(Some(n)));
                    }
                    Next::Call => {
                        let rows: Vec<usize> = batch.iter().map(|r| r.row).collect();
                        let tag = locale.locale().tag();
                        let hook = self.hook.get_value();
                        let answer = hook.check(&batch, tag).await;
                        batch = Vec::new();
                        if self.ended.try_get_value() != Some(false) {
                            return;
                        }
                        match answer {
                            Ok(problems) => {
                                let counts = worker.ask(HostProblems { rows, problems }).await;
                                self.state.take_counts(counts.and_then(Result::ok));
                                next = self.step(HookLoop::answered);
                            }
                            Err(failure) => {
                                let counts = worker.ask(HostFailed { rows }).await;
                                next = self.step(|d| d.failed(failure));
                                self.state.take_counts(counts.and_then(Result::ok));
                            }
                        }
                    }
                }
            }
        });
    }

    /// Tells the driver what happened; its phase is shown.
    fn step(self, f: impl FnOnce(&mut HookLoop) -> Next) -> Next {
        let next = self.driver.try_update_value(f).unwrap_or(Next::Stop);
        if let Some(phase) = self.driver.try_with_value(|d| d.phase().clone()) {
            self.phase.set(phase);
        }
        next
    }
}
