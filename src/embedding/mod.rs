//! The wizard inside a portal's page: [`mount`] (`mount`/`unmount`, exported to
//! JavaScript), the [`options`] a portal passes, and the [`host_events`] it receives.

pub mod host_events;
pub mod mount;
pub mod options;
