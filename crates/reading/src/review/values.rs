//! Where a review's values come from: the mapped columns' cells kept from the file,
//! the values chosen for the whole file, and the user's edits on top of them.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::cells::{Cells, CellsRow};
use customer_import_domain::{
    cell::{CellKind, RawValue},
    mapping::Source,
    schema::Field,
    validate::duplicates::Words,
};

/// A mapped field: where its values come from and what the file called it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    pub field: Field,
    pub source: Source,
    /// The file's heading for a column; empty for one value for the whole file.
    pub heading: String,
}

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

    /// Where each of the setup's fields gets its values, for [`Values::fields_into`].
    pub fn origins(&self) -> Vec<Option<Origin>> {
        let origin = |column: usize| {
            let from = match self.columns.get(column)?.source {
                Source::Fixed(_) => Kept::Fixed,
                Source::Column(_) => match self.cells.column(self.slots[column]?) {
                    Some(cell) => Kept::Cell(cell),
                    None => Kept::Nothing,
                },
            };
            Some(Origin { column, from })
        };
        self.field_columns
            .iter()
            .map(|column| origin((*column)?))
            .collect()
    }

    /// [`RowValues::of_field`] of every field of `row`, in order, into `out` (cleared
    /// first), with the `origins` of the fields: checking a row asks for some fields
    /// more than once, and going from field to column to slot to cell for each cost
    /// more than reading the cell.
    pub fn fields_into<'a>(
        &'a self,
        row: usize,
        origins: &[Option<Origin>],
        out: &mut Vec<Option<RawValue<'a>>>,
    ) {
        out.clear();
        let cells = self.cells.row_cells(row);
        let edited = !self.edits.is_empty();
        out.extend(origins.iter().map(|origin| {
            let Origin { column, from } = (*origin)?;
            if edited && let Some(text) = self.edits.get(&(row, column)) {
                return Some(RawValue {
                    text,
                    kind: CellKind::Text,
                });
            }
            Some(match from {
                Kept::Cell(cell) => {
                    let cell = cells.cell(cell);
                    RawValue {
                        text: cell.text,
                        kind: cell.kind,
                    }
                }
                Kept::Nothing => RawValue {
                    text: "",
                    kind: CellKind::Empty,
                },
                Kept::Fixed => match &self.columns[column].source {
                    Source::Fixed(text) => RawValue {
                        text,
                        kind: CellKind::Text,
                    },
                    Source::Column(_) => return None,
                },
            })
        }));
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

/// Where a field's values come from: its column, and what that column holds.
#[derive(Debug, Clone, Copy)]
pub struct Origin {
    column: usize,
    from: Kept,
}

#[derive(Debug, Clone, Copy)]
enum Kept {
    /// A cell of the file, in this table column.
    Cell(usize),
    /// A column kept from the file that it has no cells for: empty.
    Nothing,
    /// The value chosen for the whole file.
    Fixed,
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
}
