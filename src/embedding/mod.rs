//! The wizard inside a portal's page: [`mount`] (`mount`/`unmount`, exported to
//! JavaScript), the [`options`] a portal passes, the [`host_events`] it receives, and
//! its own checks of the rows ([`row_hook`]).

pub mod host_events;
pub mod mount;
pub mod options;
pub mod row_hook;
