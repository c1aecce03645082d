//! The worker that reads, maps and validates the picked file off the page's main
//! thread, and keeps its rows, so a million-row file never blocks the page.
//!
//! - [`protocol`]: the questions between page and worker, each with its answer.
//! - [`session`]: the file, table and review the worker keeps, and how it answers.
//! - [`open`]: the one way a file of any format is read; `blob_source` (wasm only):
//!   the picked file as a reader, read in pieces where it lies.
//! - [`table_view`], [`row_view`]: what the steps are shown of them.
//! - [`sending`]: each chunk's request body written, the server's verdicts read.
//! - [`lookup`]: the lookup's request bodies written from the rows' keys, the
//!   customers it found read into the review (issue 28).
//! - [`host`]: rows handed to the portal's own check a batch at a time, and its
//!   problems put on them (issue 30).

#[cfg(target_arch = "wasm32")]
pub mod blob_source;
pub mod host;
pub mod lookup;
pub mod open;
pub mod protocol;
pub mod row_view;
pub mod sending;
pub mod session;
pub mod table_view;
