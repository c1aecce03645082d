//! Collects a workbook sheet's non-empty cells in any order (as they stream out of
//! calamine, or from a laid-out sheet to fill merged regions into), bounded by the
//! [`Limits`] at every step, then lays them out as a [`Sheet`] only once its rectangle
//! is known to be reasonable. A 3 KB xlsx with cells at A1 and XFD1048576 is refused
//! here instead of allocating a 17-billion-cell grid.

use calamine::Dimensions;

use super::{
    cell_limits::CellLimits,
    cell_text::{Value, write_text},
};
use customer_import_domain::cell::CellKind;

use crate::read::{
    error::ReadError,
    limits::Limits,
    sheet::{Losses, Sheet, SheetBuilder},
};

struct SparseCell {
    row: u32,
    column: u32,
    kind: CellKind,
    /// Byte range in `SparseSheet::text`.
    start: u32,
    end: u32,
}

pub struct SparseSheet {
    cells: Vec<SparseCell>,
    text: String,
    checks: CellLimits,
    losses: Losses,
}

impl SparseSheet {
    pub fn new(limits: Limits) -> SparseSheet {
        SparseSheet {
            cells: Vec::new(),
            text: String::new(),
            checks: CellLimits::new(limits),
            losses: Losses::default(),
        }
    }

    /// Adds the cell at 0-based (`row`, `column`); empty values are skipped.
    pub fn push(&mut self, row: u32, column: u32, value: &Value<'_>) -> Result<(), ReadError> {
        let position = self.checks.place(row, column)?;
        let start = self.text.len();
        let kind = write_text(value, &mut self.text);
        let len = self.text.len() - start;
        if kind == CellKind::Empty || len == 0 {
            self.text.truncate(start);
            return Ok(());
        }
        self.checks.admit(position, len)?;
        self.cells.push(SparseCell {
            row,
            column,
            kind,
            start: start as u32,
            end: self.text.len() as u32,
        });
        Ok(())
    }

    /// Counts a formula cell at 0-based (`row`, `column`) saved without its result.
    pub fn formula_without_value(&mut self, row: u32, column: u32) {
        self.losses.formula_without_value(row, column);
    }

    /// The cells of a laid-out `sheet`, to fill merged regions into (see
    /// [`super::in_order`]); its formula losses go with them.
    pub fn from_sheet(sheet: Sheet, limits: Limits) -> Result<SparseSheet, ReadError> {
        let mut sparse = SparseSheet::new(limits);
        sparse.losses = sheet.losses().clone();
        for row in 0..sheet.rows() {
            let cells = sheet.row_cells(row);
            for column in 0..sheet.stored_len(row) {
                let cell = cells.cell(column);
                if cell.kind == CellKind::Empty {
                    continue;
                }
                let (row, column) = (row as u32, column as u32);
                let position = sparse.checks.place(row, column)?;
                sparse.checks.admit(position, cell.text.len())?;
                let start = sparse.text.len() as u32;
                sparse.text.push_str(cell.text);
                sparse.cells.push(SparseCell {
                    row,
                    column,
                    kind: cell.kind,
                    start,
                    end: sparse.text.len() as u32,
                });
            }
        }
        Ok(sparse)
    }

    /// Gives each row of a merged region the region's value, in its first column: a
    /// unit code merged over two buyers' rows belongs to both. A merge across columns
    /// (a title drawn over the table) stays one value. Regions are clipped to the rows
    /// that hold data.
    pub fn fill_merged(&mut self, regions: &[Dimensions]) -> Result<(), ReadError> {
        if regions.is_empty() || self.cells.is_empty() {
            return Ok(());
        }
        self.sort();
        // Searched in the sorted cells only; regions never overlap in a valid file,
        // and an overlap in a broken one is resolved by `into_sheet` (first wins).
        let mut additions = Vec::new();
        for region in regions {
            let (top, left) = region.start;
            let bottom = region.end.0.min(self.checks.rows().saturating_sub(1));
            let Some(origin) = self.find(top, left) else {
                continue;
            };
            let (kind, start, end) = (
                self.cells[origin].kind,
                self.cells[origin].start,
                self.cells[origin].end,
            );
            for row in top + 1..=bottom {
                if self.find(row, left).is_some() {
                    continue;
                }
                let limit = self.checks.limits().max_cells;
                if (self.cells.len() + additions.len()) as u64 >= limit {
                    return Err(ReadError::TooManyCells {
                        rows: self.checks.rows() as u64,
                        columns: self.checks.columns() as u64,
                        limit,
                    });
                }
                // Shares the origin's text: no copy.
                additions.push(SparseCell {
                    row,
                    column: left,
                    kind,
                    start,
                    end,
                });
            }
        }
        if !additions.is_empty() {
            self.cells.append(&mut additions);
            self.sort();
        }
        Ok(())
    }

    fn sort(&mut self) {
        if !self.cells.is_sorted_by_key(|c| (c.row, c.column)) {
            self.cells.sort_by_key(|c| (c.row, c.column));
        }
    }

    fn find(&self, row: u32, column: u32) -> Option<usize> {
        self.cells
            .binary_search_by_key(&(row, column), |c| (c.row, c.column))
            .ok()
    }

    /// Lays the cells out row by row, after checking the rectangle they span.
    pub fn into_sheet(mut self) -> Result<Sheet, ReadError> {
        self.checks.check_rectangle()?;
        self.sort();
        let mut sheet = SheetBuilder::new(*self.checks.limits());
        sheet.reserve_cells(self.cells.len());
        let mut row = 0;
        let mut column = 0;
        let mut previous: Option<(u32, u32)> = None;
        for cell in &self.cells {
            if previous == Some((cell.row, cell.column)) {
                continue; // the same cell twice in a broken file: the first one counts
            }
            previous = Some((cell.row, cell.column));
            while row < cell.row {
                sheet.end_row()?;
                row += 1;
                column = 0;
            }
            sheet.push_empty((cell.column - column) as usize)?;
            let text = self
                .text
                .get(cell.start as usize..cell.end as usize)
                .unwrap_or("");
            sheet.push(text, cell.kind)?;
            column = cell.column + 1;
        }
        let mut sheet = sheet.finish()?;
        sheet.set_formula_losses(self.losses);
        Ok(sheet)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(sheet: &Sheet) -> Vec<Vec<&str>> {
        (0..sheet.rows())
            .map(|r| sheet.row(r).map(|c| c.text).collect())
            .collect()
    }

    #[test]
    fn cells_in_any_order_land_in_place() {
        let mut s = SparseSheet::new(Limits::default());
        s.push(2, 1, &Value::Text("c")).unwrap();
        s.push(0, 0, &Value::Text("a")).unwrap();
        s.push(0, 2, &Value::Int(7)).unwrap();
        s.push(1, 1, &Value::Empty).unwrap();
        let sheet = s.into_sheet().unwrap();
        assert_eq!(
            text(&sheet),
            vec![vec!["a", "", "7"], vec!["", "", ""], vec!["", "c", ""]]
        );
        assert_eq!(sheet.cell(0, 2).kind, CellKind::Number);
    }

    #[test]
    fn an_absurd_rectangle_is_refused_before_it_is_built() {
        let mut s = SparseSheet::new(Limits::default());
        s.push(0, 0, &Value::Text("A1")).unwrap();
        s.push(1_048_575, 16_383, &Value::Text("XFD1048576"))
            .unwrap();
        assert_eq!(
            s.into_sheet().unwrap_err(),
            ReadError::TooManyCells {
                rows: 1_048_576,
                columns: 16_384,
                limit: 40_000_000
            }
        );
    }

    #[test]
    fn merged_regions_take_the_top_left_value() {
        let mut s = SparseSheet::new(Limits::default());
        s.push(0, 0, &Value::Text("Navn")).unwrap();
        s.push(0, 1, &Value::Text("Bolig")).unwrap();
        s.push(1, 0, &Value::Text("Åse")).unwrap();
        s.push(1, 1, &Value::Text("A-101")).unwrap();
        s.push(2, 0, &Value::Text("Ola")).unwrap();
        // B2:B3 merged, and a huge merge that must be clipped to the data.
        let regions = [
            Dimensions {
                start: (1, 1),
                end: (2, 1),
            },
            Dimensions {
                start: (0, 0),
                end: (0, 16_000),
            },
        ];
        s.fill_merged(&regions).unwrap();
        let sheet = s.into_sheet().unwrap();
        assert_eq!(
            text(&sheet),
            vec![
                vec!["Navn", "Bolig"],
                vec!["Åse", "A-101"],
                vec!["Ola", "A-101"]
            ]
        );
    }
}
