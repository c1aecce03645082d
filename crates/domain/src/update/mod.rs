//! Bringing a file of changes into customers that exist (issue 28): whether an import
//! creates, updates or both ([`ImportMode`], chosen once per import and kept with the
//! shared mapping), which value finds a row's customer ([`MatchKey`], the project's
//! identity of a customer, as the uniqueness rules say), and what a row changes in the
//! customer it matches ([`diff`]).
//!
//! Pure, like the rest of the crate: the browser compares a row with the values the
//! server answered for its key to show "old → new" in the review, and the server
//! compares it again with the values it holds when it applies the update, with the same
//! functions, so the two never disagree about what a row changes.

pub mod diff;
pub mod matching;
mod mode;

pub use diff::{FieldChange, Values, changes, compare, has_name, merged};
pub use matching::{Found, identify};
pub use mode::{ImportMode, MatchKey};
