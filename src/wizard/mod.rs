//! The wizard around the steps: the import in progress that the steps share
//! ([`state`]) and the steps' order and where the user may go ([`step`]).

pub mod state;
pub mod step;
