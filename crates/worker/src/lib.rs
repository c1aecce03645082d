//! The worker that reads, maps and validates the picked file off the page's main
//! thread, and keeps its rows, so a million-row file never blocks the page.
//!
//! - [`protocol`]: the messages between page and worker.
//! - [`session`]: the file, table and review the worker keeps, and how it answers.
//! - [`table_view`], [`row_view`]: what the steps are shown of them.
//! - `blob_source` (wasm only): the picked file read in pieces where it lies.

#[cfg(target_arch = "wasm32")]
pub mod blob_source;
pub mod protocol;
pub mod row_view;
pub mod session;
pub mod table_view;
