//! The pure core of customer-import: everything that decides what a customer file
//! means, with no web and no database dependency, so that the browser (wasm32) and the
//! server (native) run exactly the same code.
//!
//! - [`format`]: recognise what kind of file the user picked, by content.
//! - [`read`]: bytes → raw sheets (every cell as the text Excel shows), bounded by limits.
//! - [`table`]: a raw sheet seen through the user's header choices.
//! - [`schema`]: the target fields; [`mapping`]: which column feeds which field.
//! - [`validate`]: each value normalised as it will be stored, or the problem with it.
//! - [`country`]: the countries a project can be in; they drive phone, postal code and
//!   business-id rules.
//! - [`wire`]: the JSON shapes exchanged between the app and the server. No logic.

pub mod country;
pub mod format;
pub mod mapping;
pub mod read;
pub mod review;
pub mod schema;
pub mod table;
pub mod texts;
pub mod validate;
pub mod wire;
pub mod write;
