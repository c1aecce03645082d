//! When to ask the portal's own check about rows (issue 30), as plain Rust: the
//! component that runs it only does what this says. Rows wait in the worker; a run
//! fetches a batch of them, hands it to the portal, gives its answer back, and fetches
//! again until none waits. Something changed during a run (an edit, a new review)
//! makes it look once more before it stops. A failed or late answer stops the runs
//! until the user says "try again": the rows it was about wait, nothing else changes.

/// Why the portal's check gave no answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HookFailure {
    /// It threw, or its promise was rejected, with this message.
    Threw(String),
    /// It took longer than the time it is given per batch.
    TimedOut,
    /// It answered something other than a list of problems.
    BadAnswer,
}

/// Where the portal's check stands.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum HookPhase {
    /// No row waits, or none was found the last time it looked.
    #[default]
    Idle,
    /// A run is going: fetching rows, or waiting for the portal's answer.
    Running,
    /// The last batch got no answer; runs wait for [`HookLoop::retry`].
    Failed(HookFailure),
}

/// What the run does next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// Fetch the next batch of waiting rows from the worker.
    Fetch,
    /// Hand the batch fetched to the portal.
    Call,
    /// End the run.
    Stop,
}

#[derive(Debug, Clone, Default)]
pub struct HookLoop {
    phase: HookPhase,
    /// Something changed while a run was going: it looks again before stopping.
    dirty: bool,
}

impl HookLoop {
    pub fn phase(&self) -> &HookPhase {
        &self.phase
    }

    /// Rows may wait now (a review built, a row changed): whether a run is to start
    /// (else one is going, and looks again before it stops, or the check failed).
    pub fn poke(&mut self) -> bool {
        match self.phase {
            HookPhase::Idle => {
                self.phase = HookPhase::Running;
                self.dirty = false;
                true
            }
            HookPhase::Running => {
                self.dirty = true;
                false
            }
            HookPhase::Failed(_) => false,
        }
    }

    /// The user asked to try again after a failure: whether a run is to start.
    pub fn retry(&mut self) -> bool {
        match self.phase {
            HookPhase::Failed(_) => {
                self.phase = HookPhase::Idle;
                self.poke()
            }
            _ => false,
        }
    }

    /// The worker handed out `rows` waiting rows (`None`: it has no review, or is gone).
    pub fn fetched(&mut self, rows: Option<usize>) -> Next {
        match rows {
            Some(n) if n > 0 => Next::Call,
            Some(_) if self.dirty => {
                self.dirty = false;
                Next::Fetch
            }
            _ => {
                self.phase = HookPhase::Idle;
                Next::Stop
            }
        }
    }

    /// The portal answered the batch, and the answer was given to the worker.
    pub fn answered(&mut self) -> Next {
        Next::Fetch
    }

    /// The portal gave no answer for the batch: runs wait for "try again".
    pub fn failed(&mut self, failure: HookFailure) -> Next {
        self.phase = HookPhase::Failed(failure);
        self.dirty = false;
        Next::Stop
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_fetches_calls_and_stops_when_no_row_waits() {
        let mut driver = HookLoop::default();
        assert!(driver.poke());
        assert_eq!(driver.phase(), &HookPhase::Running);
        assert_eq!(driver.fetched(Some(500)), Next::Call);
        assert_eq!(driver.answered(), Next::Fetch);
        assert_eq!(driver.fetched(Some(0)), Next::Stop);
        assert_eq!(driver.phase(), &HookPhase::Idle);
    }

    #[test]
    fn a_change_during_a_run_makes_it_look_again_once() {
        let mut driver = HookLoop::default();
        assert!(driver.poke());
        assert!(!driver.poke(), "one run at a time");
        assert_eq!(driver.fetched(Some(0)), Next::Fetch);
        assert_eq!(driver.fetched(Some(0)), Next::Stop);
        assert!(driver.poke(), "a later change starts a new run");
    }

    #[test]
    fn a_failure_waits_for_try_again() {
        let mut driver = HookLoop::default();
        driver.poke();
        assert_eq!(driver.fetched(Some(3)), Next::Call);
        assert_eq!(driver.failed(HookFailure::TimedOut), Next::Stop);
        assert_eq!(driver.phase(), &HookPhase::Failed(HookFailure::TimedOut));
        assert!(!driver.poke(), "an edit does not hide the failure");
        assert!(driver.retry());
        assert_eq!(driver.phase(), &HookPhase::Running);
        assert!(!driver.retry(), "only after a failure");
    }

    #[test]
    fn a_worker_without_a_review_ends_the_run() {
        let mut driver = HookLoop::default();
        driver.poke();
        driver.poke();
        assert_eq!(driver.fetched(None), Next::Stop);
        assert_eq!(driver.phase(), &HookPhase::Idle);
    }
}
