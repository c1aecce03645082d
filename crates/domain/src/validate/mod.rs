//! Normalising and checking the values of a customer row. Each function takes the raw
//! text of one cell and returns the value as it will be stored, or the [`Problem`].
//! The browser runs them as the user works and the server runs them again on every
//! received row, so both always agree.

pub mod business_id;
mod checked;
pub mod custom;
mod customer;
pub mod date;
pub mod duplicates;
pub mod email;
pub mod pattern;
pub mod phone;
mod plain;
pub mod postal_code;
mod problem;
mod punycode;
pub mod row;
pub mod storable;
pub mod text;

pub use crate::cell::RawValue;
pub use business_id::{BusinessId, normalize_business_id};
pub use checked::Checked;
pub use customer::{Customer, FieldError};
pub use date::{Date, normalize_birth_date};
pub use duplicates::{duplicates_in_file, find_duplicates};
pub use email::normalize_email;
pub use phone::normalize_phone;
pub use postal_code::normalize_postal_code;
pub use problem::Problem;
pub use row::{Lists, RowContext, RowValidator, validate_row};
pub use text::normalize_text;
