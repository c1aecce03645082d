//! What a source knows about a cell's value, apart from its text, and how a column is
//! named. A leaf: the rules (a date cell needs no parsing, a number cell keeps its
//! digits), the file reading that finds it and the app that shows columns all name
//! them, so they belong to none of them.

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

/// The Excel name of the 0-based column `index`: 0 → `A`, 25 → `Z`, 26 → `AA`.
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}
