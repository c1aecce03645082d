//! What reading a file gives: a [`Book`] of sheets, each readable or not. Apart from
//! the reading itself ([`super`]) so that the readers of each format ([`super::text`],
//! [`super::workbook`]) name a [`SheetEntry`] without importing the module that calls
//! them.

use super::{error::ReadError, sheet::Sheet, text::TextLayout};
use crate::format::FileFormat;

/// One sheet of a file. Delimited text has exactly one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetEntry {
    pub name: String,
    pub visible: bool,
    /// A sheet can be unreadable (too large, empty) while its neighbours are fine.
    pub content: Result<Sheet, ReadError>,
}

impl SheetEntry {
    /// Rows with data, for the sheet picker (0 for empty or unreadable sheets).
    pub fn rows(&self) -> usize {
        self.content.as_ref().map_or(0, Sheet::rows)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Book {
    pub format: FileFormat,
    /// Encoding and delimiter, for delimited text.
    pub text_layout: Option<TextLayout>,
    pub sheets: Vec<SheetEntry>,
}

impl Book {
    /// The sheet to start with: the first visible one that looks like a table of
    /// customers, not a cover sheet ("this tab holds no customers") before it; else the
    /// first visible one of several rows (a list of names), else the first visible one
    /// with data, else the first with data.
    pub fn default_sheet(&self) -> usize {
        let has_data = |s: &SheetEntry| s.rows() > 0;
        let table = |s: &SheetEntry| s.content.as_ref().is_ok_and(Sheet::looks_like_table);
        self.sheets
            .iter()
            .position(|s| s.visible && table(s))
            .or_else(|| self.sheets.iter().position(|s| s.visible && s.rows() > 1))
            .or_else(|| self.sheets.iter().position(|s| s.visible && has_data(s)))
            .or_else(|| self.sheets.iter().position(has_data))
            .unwrap_or(0)
    }
}
