//! The [`Limits`] each workbook cell is checked against as it is read, before it is
//! stored. Shared by the sheet laid out as its cells come ([`super::in_order`]) and the
//! one collected first and laid out after ([`super::sparse`]), so that a sheet refused
//! by one is refused by the other with the same error.

use crate::read::{
    error::{Position, ReadError},
    limits::Limits,
};

pub struct CellLimits {
    limits: Limits,
    /// Rows and columns up to the last non-empty cell.
    rows: u32,
    columns: u32,
    text_bytes: u64,
    cells: u64,
}

impl CellLimits {
    pub fn new(limits: Limits) -> CellLimits {
        CellLimits {
            limits,
            rows: 0,
            columns: 0,
            text_bytes: 0,
            cells: 0,
        }
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    pub fn rows(&self) -> u32 {
        self.rows
    }

    pub fn columns(&self) -> u32 {
        self.columns
    }

    /// Checks where the cell at 0-based (`row`, `column`) lies, empty or not, and gives
    /// its 1-based position.
    pub fn place(&self, row: u32, column: u32) -> Result<Position, ReadError> {
        let position = Position {
            row: row as u64 + 1,
            column: column as u64 + 1,
        };
        if position.row > self.limits.max_rows {
            return Err(ReadError::TooManyRows {
                limit: self.limits.max_rows,
            });
        }
        if position.column > self.limits.max_columns {
            return Err(ReadError::TooManyColumns {
                position,
                limit: self.limits.max_columns,
            });
        }
        Ok(position)
    }

    /// Counts a non-empty cell of `len` text bytes at `position` (from [`Self::place`]).
    pub fn admit(&mut self, position: Position, len: usize) -> Result<(), ReadError> {
        if len as u64 > self.limits.max_cell_bytes {
            return Err(ReadError::CellTooLong {
                position,
                limit: self.limits.max_cell_bytes,
            });
        }
        let too_many = || ReadError::TooManyCells {
            rows: position.row,
            columns: (self.columns as u64).max(position.column),
            limit: self.limits.max_cells,
        };
        if self.text_bytes + len as u64 > self.limits.max_sheet_text_bytes {
            return Err(too_many());
        }
        if self.cells >= self.limits.max_cells {
            return Err(too_many());
        }
        self.text_bytes += len as u64;
        self.cells += 1;
        let clamp = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
        self.rows = self.rows.max(clamp(position.row));
        self.columns = self.columns.max(clamp(position.column));
        Ok(())
    }

    /// Refuses a sheet whose rectangle (rows × columns up to its last cells) is over
    /// the cell limit, which laying it out would allocate.
    pub fn check_rectangle(&self) -> Result<(), ReadError> {
        let (rows, columns) = (self.rows as u64, self.columns as u64);
        if rows * columns > self.limits.max_cells {
            return Err(ReadError::TooManyCells {
                rows,
                columns,
                limit: self.limits.max_cells,
            });
        }
        Ok(())
    }
}
