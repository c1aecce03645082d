//! Where a review's values come from: the mapped columns' cells kept from the file,
//! the values chosen for the whole file, and the user's edits on top of them.

use std::collections::HashMap;

use super::{
    Column,
    cells::{Cells, CellsRow},
};
use crate::{
    mapping::Source,
    read::CellKind,
    validate::{RawValue, duplicates::Words},
};

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
    /// By (row, column); hashed by [`Words`], as the review's other maps of rows.
    pub edits: HashMap<(usize, usize), String, Words>,
}

impl Values {
    pub fn original(&self, row: usize, column: usize) -> Option<RawValue<'_>> {
        self.row(row).original(column)
    }

    pub fn raw(&self, row: usize, column: usize) -> Option<RawValue<'_>> {
        self.row(row).raw(column)
    }

    /// The values of `row`; its cells are found in the sheet once, not once a field.
    pub fn row(&self, row: usize) -> RowValues<'_> {
        RowValues {
            values: self,
            row,
            cells: self.cells.row(row),
        }
    }
}

/// One row's values.
#[derive(Debug, Clone, Copy)]
pub struct RowValues<'a> {
    values: &'a Values,
    row: usize,
    cells: CellsRow<'a>,
}

impl<'a> RowValues<'a> {
    pub fn original(&self, column: usize) -> Option<RawValue<'a>> {
        match &self.values.columns.get(column)?.source {
            Source::Fixed(value) => Some(RawValue {
                text: value,
                kind: CellKind::Text,
            }),
            Source::Column(_) => Some(self.cells.get(self.values.slots[column]?)),
        }
    }

    pub fn raw(&self, column: usize) -> Option<RawValue<'a>> {
        match self.values.edits.get(&(self.row, column)) {
            Some(text) => Some(RawValue {
                text,
                kind: CellKind::Text,
            }),
            None => self.original(column),
        }
    }

    /// The raw value of the setup's `field`th field.
    pub fn of_field(&self, field: usize) -> Option<RawValue<'a>> {
        self.raw(self.values.field_columns.get(field).copied().flatten()?)
    }

    /// [`RowValues::of_field`] of every field, in order, into `out` (cleared first):
    /// checking a row asks for some fields more than once, and each asking found the
    /// cell anew.
    pub fn fields_into(&self, out: &mut Vec<Option<RawValue<'a>>>) {
        out.clear();
        out.extend(
            self.values
                .field_columns
                .iter()
                .map(|column| self.raw((*column)?)),
        );
    }
}
