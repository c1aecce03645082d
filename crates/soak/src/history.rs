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
    /// When requests were answered successfully.
    pub successes: Vec<Instant>,
    /// Answers by the load balancer while no instance could answer (502, 503, 504):
    /// retried, and counted for the report.
    pub unavailable: u64,
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

    pub fn success(&self) {
        let now = Instant::now();
        self.with(|i| i.successes.push(now));
    }

    pub fn defect(&self, what: String) {
        self.with(|i| i.defects.push(what));
    }
}

impl Inner {
    /// For each fault, how long after it ended the next request succeeded; `None` when
    /// none did before the run ended.
    pub fn recovery_times(&self) -> Vec<(&'static str, Option<Duration>)> {
        let mut successes = self.successes.clone();
        successes.sort();
        self.faults
            .iter()
            .map(|f| {
                let next = successes.partition_point(|s| *s < f.ended);
                (f.kind, successes.get(next).map(|s| *s - f.ended))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_is_the_wait_from_a_faults_end_to_the_next_success() {
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
            successes: vec![at(50), at(700), at(130)],
            ..Inner::default()
        };
        assert_eq!(
            inner.recovery_times(),
            vec![("kill", Some(Duration::from_millis(30))), ("pause", None)]
        );
    }
}
