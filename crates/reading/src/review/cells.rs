//! The mapped columns' cells of every row, read from the sheet itself: the review
//! shares the sheet the file was read into instead of copying a hundred megabytes of
//! it. Only the mapped columns are ever asked for, so the review uses no more of the
//! file than it may send.

use std::sync::Arc;

use customer_import_domain::cell::{CellKind, RawValue};

use crate::{
    read::{RowCells, Sheet},
    table::{Layout, Table},
};

#[derive(Debug, Clone)]
pub struct Cells {
    sheet: Arc<Sheet>,
    layout: Arc<Layout>,
    /// The table column kept at each slot.
    columns: Vec<usize>,
}

impl Cells {
    /// The cells of `columns` (table columns, in this order) of every data row.
    pub fn new(sheet: Arc<Sheet>, layout: Arc<Layout>, columns: Vec<usize>) -> Cells {
        Cells {
            sheet,
            layout,
            columns,
        }
    }

    /// The table the cells are read from.
    pub fn table(&self) -> Table<'_> {
        Table::with_layout(&self.sheet, &self.layout)
    }

    /// The sheet the cells are read from.
    pub fn sheet(&self) -> &Sheet {
        &self.sheet
    }

    /// The table column kept at `slot`.
    pub fn column(&self, slot: usize) -> Option<usize> {
        self.columns.get(slot).copied()
    }

    /// All the cells of `row`, for reading kept ones by their [`Cells::column`].
    pub fn row_cells(&self, row: usize) -> RowCells<'_> {
        self.table().row_cells(row)
    }

    /// The kept cells of `row`, found once for reading several of them.
    pub fn row(&self, row: usize) -> CellsRow<'_> {
        CellsRow {
            columns: &self.columns,
            cells: self.table().row_cells(row),
        }
    }
}

/// One row's kept cells.
#[derive(Debug, Clone, Copy)]
pub struct CellsRow<'a> {
    columns: &'a [usize],
    cells: RowCells<'a>,
}

impl<'a> CellsRow<'a> {
    /// The cell kept at `slot`.
    pub fn get(&self, slot: usize) -> RawValue<'a> {
        match self.columns.get(slot) {
            Some(&column) => {
                let cell = self.cells.cell(column);
                RawValue {
                    text: cell.text,
                    kind: cell.kind,
                }
            }
            None => RawValue {
                text: "",
                kind: CellKind::Empty,
            },
        }
    }
}
