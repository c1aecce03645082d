//! What the clients were shown during the storm, written down as it happened: each
//! row's verdict, each undo's outcome, every answer that was a server error, every
//! fault with its start and end, and when answers succeeded (for recovery times).
//! The checker ([`crate::check`]) judges the system by this record alone, as Jepsen
//! judges a database by its history, not by reading its code.

use std::{
    collections::BTreeSet,
    sync::Mutex,
    time::{Duration, Instant},
};

/// A row's verdict as the client showed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// Created, as customer `customer_id` when the client was told which (the API's
    /// verdicts say; the app's end counts do not).
    Created { customer_id: Option<i64> },
    /// Refused by the server.
    Refused,
    /// Held back by the browser's own checks: never sent.
    HeldBack,
    /// Sent, but what became of it the client could not tell (the app's end counts
    /// were not what the file should give): its customer, if any, is not a phantom.
    Unknown,
}

/// One row sent, and what its client was told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownRow {
    pub external_id: String,
    pub batch: i64,
    pub name: String,
    pub email: String,
    pub unit: String,
    pub shown: Shown,
}

/// One fault of the schedule, as injected.
#[derive(Debug, Clone)]
pub struct FaultRecord {
    pub kind: &'static str,
    pub started: Instant,
    pub ended: Instant,
}

#[derive(Debug, Default)]
pub struct History {
    inner: Mutex<Inner>,
}

#[derive(Debug, Default, Clone)]
pub struct Inner {
    pub rows: Vec<ShownRow>,
    /// Batches their undo was confirmed for (answered, or answered "already undone"
    /// to a retry).
    pub undone: BTreeSet<i64>,
    /// Of those, the ones picked while their chunks were still arriving: the history
    /// may count rows created before the undo that no client was shown.
    pub undone_arriving: BTreeSet<i64>,
    /// Of those, the ones the browser undid from the app's history.
    pub undone_by_browser: Vec<i64>,
    /// Batches whose every chunk was answered.
    pub finished: Vec<i64>,
    /// Batches whose first chunk was answered and their last not yet.
    pub in_progress: BTreeSet<i64>,
    /// Every answer with a 500 status, and every answer a client did not expect, with
    /// what was asked.
    pub defects: Vec<String>,
    pub faults: Vec<FaultRecord>,
    /// Requests answered successfully: when each was sent (its last attempt) and
    /// when it was answered.
    pub successes: Vec<(Instant, Instant)>,
    /// Answers by the load balancer while no instance could answer (502, 504, and 503
    /// without the server's problem body): retried, and counted for the report.
    pub unavailable: u64,
    /// The instances' own 503 (`server.unavailable`: the database unreachable).
    pub server_unavailable: u64,
}

impl History {
    pub fn with<T>(&self, f: impl FnOnce(&mut Inner) -> T) -> T {
        // A client that panicked holding the lock leaves a record still worth reading.
        let mut inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut inner)
    }

    pub fn snapshot(&self) -> Inner {
        self.with(|i| i.clone())
    }

    pub fn success(&self, sent: Instant) {
        let now = Instant::now();
        self.with(|i| i.successes.push((sent, now)));
    }

    pub fn defect(&self, what: String) {
        self.with(|i| i.defects.push(what));
    }
}

impl Inner {
    /// For each fault, how long after it ended the first request sent after its end
    /// was answered; `None` when none was before the run ended. Faults overlap: a
    /// figure is the system's recovery from all that struck then, not from one alone.
    pub fn recovery_times(&self) -> Vec<(&'static str, Option<Duration>)> {
        self.faults
            .iter()
            .map(|f| {
                let answered = self
                    .successes
                    .iter()
                    .filter(|(sent, _)| *sent >= f.ended)
                    .map(|(_, answered)| *answered)
                    .min();
                (f.kind, answered.map(|a| a - f.ended))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_is_the_wait_from_a_faults_end_to_the_answer_of_a_request_sent_after() {
        let t0 = Instant::now();
        let at = |ms| t0 + Duration::from_millis(ms);
        let inner = Inner {
            faults: vec![
                FaultRecord {
                    kind: "kill",
                    started: at(0),
                    ended: at(100),
                },
                FaultRecord {
                    kind: "pause",
                    started: at(200),
                    ended: at(900),
                },
            ],
            // Sent before the first fault ended, answered after: not its recovery.
            successes: vec![(at(50), at(120)), (at(110), at(130)), (at(105), at(700))],
            ..Inner::default()
        };
        assert_eq!(
            inner.recovery_times(),
            vec![("kill", Some(Duration::from_millis(30))), ("pause", None)]
        );
    }
}
