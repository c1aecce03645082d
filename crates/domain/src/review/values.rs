//! Where a review's values come from: the mapped columns' cells kept from the file,
//! the values chosen for the whole file, and the user's edits on top of them.

use std::collections::HashMap;

use super::{Column, cells::Cells};
use crate::{mapping::Source, read::CellKind, validate::RawValue};

/// Where the rows' values come from: the mapped columns of the file, and the user's
/// edits on top of them.
#[derive(Debug, Clone)]
pub struct Values {
    pub columns: Vec<Column>,
    /// For each column, its index among the cells kept from the file.
    pub slots: Vec<Option<usize>>,
    /// For each of the setup's fields, the column it is mapped to.
    pub field_columns: Vec<Option<usize>>,
    pub cells: Cells,
    pub edits: HashMap<(usize, usize), String>,
}

impl Values {
    pub fn original(&self, row: usize, column: usize) -> Option<RawValue<'_>> {
        match &self.columns.get(column)?.source {
            Source::Fixed(value) => Some(RawValue {
                text: value,
                kind: CellKind::Text,
            }),
            Source::Column(_) => Some(self.cells.get(row, self.slots[column]?)),
        }
    }

    pub fn raw(&self, row: usize, column: usize) -> Option<RawValue<'_>> {
        match self.edits.get(&(row, column)) {
            Some(text) => Some(RawValue {
                text,
                kind: CellKind::Text,
            }),
            None => self.original(row, column),
        }
    }

    /// The raw value of the setup's `field`th field on `row`.
    pub fn of_field(&self, row: usize, field: usize) -> Option<RawValue<'_>> {
        self.raw(row, self.field_columns.get(field).copied().flatten()?)
    }
}
