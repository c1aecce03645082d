//! Work that is CPU only and may be long (checking a chunk's rows, a project's
//! declarations) runs on tokio's blocking threads, so that one organization's work
//! never holds the threads that answer every organization's requests.

/// Runs `work` on a blocking thread and answers what it returns; a panic in it goes on
/// here, as it would have had `work` run in place.
pub async fn off_runtime<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    match tokio::task::spawn_blocking(work).await {
        Ok(out) => out,
        Err(e) => std::panic::resume_unwind(e.into_panic()),
    }
}
