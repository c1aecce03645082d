//! The customer-import wizard: a Leptos single-page app compiled to WebAssembly.
//!
//! Components only render and dispatch; decisions live in plain types tested natively
//! (`i18n`, `session`), in the rules crate (`customer_import_domain`) shared with the
//! server, and in the reading crate the worker runs.
//!
//! - [`app`]: the shell — who is signed in, which language, which step.
//! - [`steps`]: one module per wizard step.
//! - [`components`]: reusable pieces that know nothing of import rules.
//! - [`worker_client`]: the worker that reads, maps and checks the file off the main
//!   thread and keeps its rows (`crates/worker`); the steps ask it for what they show.
//! - [`reading`], [`mapping`]: how reading and mapping choices are worded and applied.
//! - [`save_loop`]: rows sent in chunks, retried with the same idempotency key, as a
//!   plain type; [`saving`] drives it.
//! - [`history`]: a project's earlier imports and undoing one, as the project step
//!   shows them.
//! - [`memory`]: what this browser remembers (mappings); [`download`]: files made here.
//! - [`api`]: the only module that knows the server's URLs.
//! - [`embed`]: `mount`/`unmount` for portals ([`embedding`] options, [`host_events`]).

pub mod api;
pub mod app;
pub mod components;
pub mod download;
pub mod embedding;
pub mod i18n;
pub mod session;
pub mod steps;
pub mod wizard;
pub mod worker_client;

pub use app::App;
