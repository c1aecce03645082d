//! The rules of customer-import: what a customer is, how each value is normalised and
//! checked, which column feeds which field, and the words for all of it, with no web,
//! no database and no file reader, so that the browser (wasm32), its worker and the
//! server (native) decide exactly alike.
//!
//! The crate is cut by who uses it: everything here is needed by the server as much as
//! by the browser. Reading files (formats, sheets, header choices, the review of a
//! file's customers) is needed only by the worker and the benchmarks, and lives in
//! `customer-import-reading`, which builds on this crate; so the server compiles no
//! spreadsheet or zip reader.
//!
//! - [`schema`]: the target fields; [`mapping`]: which column feeds which field.
//! - [`validate`]: each value normalised as it will be stored, or the problem with it.
//! - [`country`]: the countries a project can be in; they drive phone, postal code and
//!   business-id rules.
//! - [`texts`]: the words for problems, fields and reading errors in four languages.
//! - [`write`](mod@write): files people open in Excel (the failed-rows CSV, the
//!   server's exports).
//! - [`wire`]: the JSON shapes exchanged between the app and the server. No logic.
//! - [`update`]: updating existing customers from a file: the import's mode, the match
//!   key, and what a row changes in the customer it matches.
//! - [`cell`]: what a source knows about a cell's value, named by the checks and by
//!   the reading alike.
//!
//! No import cycle: the leaves [`cell`], [`country`], [`texts::language`],
//! [`mapping::fold`] and [`validate::pattern`] import nothing of the crate; [`validate`]
//! and [`schema`] build on them (each check imports what it needs from the module that
//! defines it, not through [`validate`]'s re-exports); the wording of problems
//! ([`texts`]) on those; [`update`] on [`validate`]; [`mapping`] and [`wire`] last (`scripts/import-cycles.py
//! crates/domain` checks it).

pub mod cell;
pub mod country;
pub mod mapping;
pub mod schema;
pub mod texts;
pub mod update;
pub mod validate;
pub mod wire;
pub mod write;
