//! What a source knows about a cell's value, apart from its text. A leaf: the rules
//! (a date cell needs no parsing, a number cell keeps its digits) and the file reading
//! that finds it both name it, so it belongs to neither.

use serde::{Deserialize, Serialize};

/// What the source knows about a cell's value. Delimited text only knows text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[repr(u8)]
pub enum CellKind {
    Empty,
    Text,
    Number,
    /// Shown as `dd.mm.yyyy` (or `dd.mm.yyyy hh:mm` when it has a time).
    Date,
    Bool,
    /// An Excel error value such as `#N/A`.
    Error,
}

/// A value of the row before normalisation, and the kind of cell it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawValue<'a> {
    pub text: &'a str,
    pub kind: CellKind,
}
