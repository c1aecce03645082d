//! The customer-import wizard: a Leptos single-page app compiled to WebAssembly.
//!
//! Components only render and dispatch; decisions live in plain types tested natively
//! beside them, in the rules crate (`customer_import_domain`) shared with the server,
//! and in the worker (`customer_import_worker`), which reads and checks the file.
//!
//! - [`app`]: the shell — language, sign-in, the wizard.
//! - [`wizard`]: the step bar, Back and Continue ([`wizard::navigation`]), the steps'
//!   order ([`wizard::step`]) and the import in progress the steps share
//!   ([`wizard::state`]).
//! - [`steps`]: a folder per wizard step, its component in `mod.rs` and its logic
//!   beside it: `project/` (and its files and import history with undo), `file/`,
//!   `header/`, `mapping/` (where a mapping starts from, the browser's copy), `review/`
//!   (the customers table, fixing many rows), `save/` (the save loop, its driver, the
//!   outcome).
//! - [`components`]: reusable pieces that know nothing of import rules.
//! - [`worker_client`]: the page's side of the worker; [`api`]: the only module that
//!   knows the server's URLs; [`session`]: where the token comes from; [`download`]:
//!   files made here.
//! - [`embedding`]: `mount`/`unmount` for portals, the options they pass, the events
//!   they hear.

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
