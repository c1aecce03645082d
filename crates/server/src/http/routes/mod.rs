//! The handlers, one file per module they serve: each takes the request apart, asks
//! its module, and shapes the answer.

pub mod account;
pub mod delivery;
pub mod export;
pub mod health;
pub mod history;
pub mod import;
pub mod keys;
pub mod lookup;
pub mod mappings;
pub mod provisioning;
pub mod pull;
pub mod schema;
