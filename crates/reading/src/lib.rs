//! Reading customer files and reviewing their customers: the part of customer-import
//! that only the browser's worker (and the benchmarks) need. Pure Rust, no web and no
//! database, built for wasm32 and native alike.
//!
//! Cut from the rules (`customer-import-domain`) by who uses it: the server checks
//! rows it receives as JSON and never reads a spreadsheet, so it depends on the rules
//! alone and compiles none of the readers here (calamine, csv-core, encoding_rs,
//! chardetng; zip only as its own xlsx writer's). This crate builds on the rules: a reading error is worded with the
//! rules' texts, a review checks rows with the rules' checks, and a cell's kind
//! ([`CellKind`](customer_import_domain::cell::CellKind)) is the rules' own.
//!
//! - [`format`](mod@format): recognise what kind of file the user picked, by content.
//! - [`read`]: bytes → raw sheets (every cell as the text Excel shows), bounded by
//!   limits.
//! - [`table`]: a raw sheet seen through the user's header choices.
//! - [`review`]: the customers of a file being reviewed and saved: edits, exclusions,
//!   problems, duplicates, the server's verdicts, the failed-rows CSV.
//!
//! No import cycle: [`format`](mod@format) imports nothing of the crate, [`read`]
//! builds on it, [`table`] on [`read`], [`review`] on [`read`] and [`table`]; inside
//! [`read`] the readers of each format import the pieces they share
//! ([`read::book`], [`read::sheet`], [`read::error`], [`read::limits`]), never
//! [`read`] itself, which calls them (`scripts/import-cycles.py crates/reading`
//! checks it).

pub mod format;
pub mod read;
pub mod review;
pub mod table;
