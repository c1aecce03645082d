//! Why a file could not be read, with the position where there is one.
//!
//! Every variant has a stable message key (`key()`) and named parameters (`params()`)
//! that the app renders in the user's language; `Display` gives the key too, so no
//! English sentence is baked into this crate.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use customer_import_domain::texts::Arg;

use crate::format::FormatError;

/// A 1-based place in a sheet, as Excel shows it: row 1 is the first row of the file,
/// column 1 is column A.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub row: u64,
    pub column: u64,
}

impl Position {
    /// The column as Excel names it: 1 → `A`, 27 → `AA`.
    pub fn column_letter(&self) -> String {
        column_letter(self.column.saturating_sub(1) as usize)
    }
}

/// The Excel name of a 0-based column; the rules crate's, as the app names columns too.
pub use customer_import_domain::cell::column_letter;

#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[non_exhaustive]
pub enum ReadError {
    #[error("file.empty")]
    Empty,
    #[error("file.binary")]
    Binary,
    #[error("file.unsupported_container")]
    UnsupportedContainer,
    /// A password-protected workbook: its cells cannot be read without the password.
    #[error("file.encrypted")]
    Encrypted,
    /// The container or its XML is broken. `detail` is for logs, never shown.
    #[error("file.corrupt")]
    Corrupt { detail: String },
    #[error("file.too_big")]
    FileTooBig { size: u64, limit: u64 },
    /// A zip-based workbook that would inflate beyond the limit (a "zip bomb").
    #[error("file.inflates_too_big")]
    InflatesTooBig { limit: u64 },
    #[error("file.too_many_rows")]
    TooManyRows { limit: u64 },
    #[error("file.too_many_columns")]
    TooManyColumns { position: Position, limit: u64 },
    /// Too many cells, counted over the sheet's whole rectangle.
    #[error("file.too_many_cells")]
    TooManyCells { rows: u64, columns: u64, limit: u64 },
    #[error("file.cell_too_long")]
    CellTooLong { position: Position, limit: u64 },
    /// A workbook without any worksheet.
    #[error("file.no_sheets")]
    NoSheets,
    /// Nothing but empty cells (after the skipped rows).
    #[error("file.no_data")]
    NoData,
    /// A header row and no customers under it.
    #[error("file.header_only")]
    HeaderOnly,
    #[error("file.unknown_encoding")]
    UnknownEncoding { label: String },
    #[error("file.sheet_not_found")]
    SheetNotFound { name: String },
}

impl ReadError {
    /// Every message key a `ReadError` can have, for translation checks.
    pub const KEYS: [&'static str; 16] = [
        "file.empty",
        "file.binary",
        "file.unsupported_container",
        "file.encrypted",
        "file.corrupt",
        "file.too_big",
        "file.inflates_too_big",
        "file.too_many_rows",
        "file.too_many_columns",
        "file.too_many_cells",
        "file.cell_too_long",
        "file.no_sheets",
        "file.no_data",
        "file.header_only",
        "file.unknown_encoding",
        "file.sheet_not_found",
    ];

    /// The stable message key; the same text `Display` gives.
    pub fn key(&self) -> &'static str {
        match self {
            ReadError::Empty => "file.empty",
            ReadError::Binary => "file.binary",
            ReadError::UnsupportedContainer => "file.unsupported_container",
            ReadError::Encrypted => "file.encrypted",
            ReadError::Corrupt { .. } => "file.corrupt",
            ReadError::FileTooBig { .. } => "file.too_big",
            ReadError::InflatesTooBig { .. } => "file.inflates_too_big",
            ReadError::TooManyRows { .. } => "file.too_many_rows",
            ReadError::TooManyColumns { .. } => "file.too_many_columns",
            ReadError::TooManyCells { .. } => "file.too_many_cells",
            ReadError::CellTooLong { .. } => "file.cell_too_long",
            ReadError::NoSheets => "file.no_sheets",
            ReadError::NoData => "file.no_data",
            ReadError::HeaderOnly => "file.header_only",
            ReadError::UnknownEncoding { .. } => "file.unknown_encoding",
            ReadError::SheetNotFound { .. } => "file.sheet_not_found",
        }
    }

    /// Where in the sheet, when the error is about one place.
    pub fn position(&self) -> Option<Position> {
        match self {
            ReadError::TooManyColumns { position, .. }
            | ReadError::CellTooLong { position, .. } => Some(*position),
            _ => None,
        }
    }

    /// Values for the message's `{ $variables }`: sizes, limits and counts as numbers
    /// (grouped when shown, "1 048 576"), the row as the sheet numbers it and the
    /// column as its letter.
    pub fn params(&self) -> Vec<(&'static str, Arg<'static>)> {
        let mut params = match self {
            ReadError::FileTooBig { size, limit } => {
                vec![("size", Arg::Count(*size)), ("limit", Arg::Count(*limit))]
            }
            ReadError::InflatesTooBig { limit }
            | ReadError::TooManyRows { limit }
            | ReadError::TooManyColumns { limit, .. }
            | ReadError::CellTooLong { limit, .. } => vec![("limit", Arg::Count(*limit))],
            ReadError::TooManyCells {
                rows,
                columns,
                limit,
            } => vec![
                ("rows", Arg::Count(*rows)),
                ("columns", Arg::Count(*columns)),
                ("limit", Arg::Count(*limit)),
            ],
            ReadError::UnknownEncoding { label } => vec![("label", Arg::from(label.clone()))],
            ReadError::SheetNotFound { name } => vec![("name", Arg::from(name.clone()))],
            _ => Vec::new(),
        };
        if let Some(p) = self.position() {
            params.push(("row", Arg::from(p.row.to_string())));
            params.push(("column", Arg::from(p.column_letter())));
        }
        params
    }
}

impl From<FormatError> for ReadError {
    fn from(e: FormatError) -> ReadError {
        match e {
            FormatError::Empty => ReadError::Empty,
            FormatError::Binary => ReadError::Binary,
            FormatError::UnsupportedContainer => ReadError::UnsupportedContainer,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_follow_excel() {
        let cases = [
            (0, "A"),
            (25, "Z"),
            (26, "AA"),
            (51, "AZ"),
            (52, "BA"),
            (701, "ZZ"),
            (702, "AAA"),
            (16383, "XFD"),
        ];
        for (index, letters) in cases {
            assert_eq!(column_letter(index), letters, "{index}");
        }
    }

    #[test]
    fn keys_lists_every_variant() {
        let p = Position { row: 1, column: 1 };
        let all = [
            ReadError::Empty,
            ReadError::Binary,
            ReadError::UnsupportedContainer,
            ReadError::Encrypted,
            ReadError::Corrupt {
                detail: String::new(),
            },
            ReadError::FileTooBig { size: 0, limit: 0 },
            ReadError::InflatesTooBig { limit: 0 },
            ReadError::TooManyRows { limit: 0 },
            ReadError::TooManyColumns {
                position: p,
                limit: 0,
            },
            ReadError::TooManyCells {
                rows: 0,
                columns: 0,
                limit: 0,
            },
            ReadError::CellTooLong {
                position: p,
                limit: 0,
            },
            ReadError::NoSheets,
            ReadError::NoData,
            ReadError::HeaderOnly,
            ReadError::UnknownEncoding {
                label: String::new(),
            },
            ReadError::SheetNotFound {
                name: String::new(),
            },
        ];
        let keys: Vec<_> = all.iter().map(ReadError::key).collect();
        assert_eq!(keys, ReadError::KEYS);
    }

    #[test]
    fn positioned_errors_name_row_and_column() {
        let e = ReadError::CellTooLong {
            position: Position { row: 12, column: 3 },
            limit: 32767,
        };
        assert_eq!(e.key(), "file.cell_too_long");
        assert_eq!(e.to_string(), e.key());
        assert_eq!(
            e.params(),
            vec![
                ("limit", Arg::Count(32767)),
                ("row", Arg::from("12")),
                ("column", Arg::from("C"))
            ]
        );
    }
}
