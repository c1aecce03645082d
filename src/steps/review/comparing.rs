//! Comparing the file's rows with the customers they would update (issue 28), when the
//! import updates: the worker writes the lookup's requests from the rows' keys (only
//! the keys, 5,000 a request), the page sends them one after another and hands the
//! answers back as the text they came in, and the worker gives every row its plan.
//! The keys and the customers' values never become Rust values on the main thread.

use customer_import_domain::wire::MAX_LOOKUP_KEYS;
use customer_import_worker::protocol::{Counts, LookupRequests, Matches, NotApplied};

use crate::{
    api::{Api, ApiFailure},
    worker_client::WorkerClient,
};

/// Why the rows could not be compared with the project's customers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CompareFailure {
    /// The server refused the lookup, or could not be reached.
    Server(ApiFailure),
    /// The worker gave no answer (it was stopped, or broke), or could not read the
    /// server's.
    Worker,
}

impl CompareFailure {
    /// The text key that says what went wrong.
    pub fn key(&self) -> &str {
        match self {
            CompareFailure::Server(failure) => failure.key(),
            CompareFailure::Worker => "review.compare_failed",
        }
    }
}

/// Looks up the customers of the review's rows' keys in `project` and has the worker
/// plan every row; the review's counts after.
pub async fn compare_with_customers(
    worker: WorkerClient,
    api: &Api,
    project: i64,
) -> Result<Counts, CompareFailure> {
    let lookups = worker
        .ask(LookupRequests {
            max: MAX_LOOKUP_KEYS,
        })
        .await
        .and_then(Result::ok)
        .ok_or(CompareFailure::Worker)?;
    let mut answers = Vec::with_capacity(lookups.bodies.len());
    for body in &lookups.bodies {
        answers.push(
            api.lookup(project, body)
                .await
                .map_err(CompareFailure::Server)?,
        );
    }
    let matched = worker
        .ask(Matches {
            rows: lookups.rows,
            answers,
        })
        .await
        .and_then(Result::ok)
        .ok_or(CompareFailure::Worker)?;
    matched.map_err(|_: NotApplied| CompareFailure::Worker)
}
