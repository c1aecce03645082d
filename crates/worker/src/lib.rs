//! The worker that reads, maps and validates the picked file off the page's main
//! thread, and keeps its rows, so a million-row file never blocks the page.
//!
//! - [`protocol`]: the messages between page and worker.
//! - [`session`]: the file, table and review the worker keeps, and how it answers.
//! - [`table_view`], [`row_view`]: what the steps are shown of them.

pub mod protocol;
pub mod row_view;
pub mod session;
pub mod table_view;
