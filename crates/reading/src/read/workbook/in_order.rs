//! A workbook sheet laid out as its cells are read, when they come in order (row by
//! row, left to right: how Excel and the common writers save them). Each cell goes
//! straight into the [`Sheet`]'s compact storage, instead of being collected first as
//! [`SparseSheet`] does and laid out after, which held every cell twice at the end.
//! A cell out of order tells the caller to read the sheet another way.
//!
//! The same [`CellLimits`] as [`SparseSheet`]'s are checked, with the same errors: a
//! sheet whose rectangle is over the cell limit stops being laid out, is read on for
//! the other limits and then refused as [`SparseSheet::into_sheet`] refuses it.

use calamine::Dimensions;

use super::{
    cell_limits::CellLimits,
    cell_text::{Value, write_text},
    sparse::SparseSheet,
};
use customer_import_domain::cell::CellKind;

use crate::read::{
    error::ReadError,
    limits::Limits,
    sheet::{Losses, Sheet, SheetBuilder},
};

/// Room is reserved only once this much of the XML has been read: a smaller sample
/// (the heading row, a title) says little about the rest.
const SAMPLE_BYTES: u64 = 1 << 20;

/// Room is reserved for this much more than projected, so that a projection a little
/// short (the rest of the sheet holding a little more text for its XML than the part
/// read) does not need another reservation, which would copy the buffers.
const HEADROOM: f64 = 1.08;

pub struct InOrderSheet {
    sheet: SheetBuilder,
    checks: CellLimits,
    /// The builder's current row, and the column its next cell goes in.
    row: u32,
    column: u32,
    /// The last non-empty cell: the next one must come after it.
    last: Option<(u32, u32)>,
    /// The rectangle is over the cell limit: cells are checked, no longer laid out.
    too_big: bool,
    /// One cell's text, written before its length is checked.
    text: String,
    losses: Losses,
}

impl InOrderSheet {
    pub fn new(limits: Limits) -> InOrderSheet {
        InOrderSheet {
            sheet: SheetBuilder::new(limits),
            checks: CellLimits::new(limits),
            row: 0,
            column: 0,
            last: None,
            too_big: false,
            text: String::new(),
            losses: Losses::default(),
        }
    }

    /// Notes a formula cell at 0-based (`row`, `column`) saved without its result.
    pub fn formula_without_value(&mut self, row: u32, column: u32) {
        self.losses.formula_without_value(row, column);
    }

    /// Lays out the cell at 0-based (`row`, `column`); empty values are skipped.
    /// `Ok(false)`: the cell comes before one already laid out, and nothing was done.
    pub fn push(&mut self, row: u32, column: u32, value: &Value<'_>) -> Result<bool, ReadError> {
        let position = self.checks.place(row, column)?;
        self.text.clear();
        let kind = write_text(value, &mut self.text);
        if kind == CellKind::Empty || self.text.is_empty() {
            return Ok(true);
        }
        if self.last.is_some_and(|last| (row, column) <= last) {
            return Ok(false);
        }
        self.last = Some((row, column));
        self.checks.admit(position, self.text.len())?;
        self.too_big = self.too_big || self.checks.check_rectangle().is_err();
        if self.too_big {
            return Ok(true);
        }
        while self.row < row {
            self.sheet.end_row()?;
            self.row += 1;
            self.column = 0;
        }
        self.sheet.push_empty((column - self.column) as usize)?;
        self.sheet.push(&self.text, kind)?;
        self.column = column + 1;
        Ok(true)
    }

    /// Reserves room for the whole sheet, projected from the part laid out so far:
    /// `read` of the XML's `total` bytes. Growing by doubling instead would hold the
    /// old and the new buffer at once, up to three times the text near the end. A
    /// `total` that lies (a crafted zip directory) can only make this reserve up to the
    /// limits, as the cells themselves could, and a reservation that fails is skipped.
    pub fn reserve_projected(&mut self, read: u64, total: u64) {
        if read < SAMPLE_BYTES || total <= read || self.too_big {
            return;
        }
        let scale = total as f64 / read as f64;
        let limits = self.checks.limits();
        let project = |n: usize, limit: u64| (n as f64 * scale).min(limit as f64) as usize;
        let (text, cells, rows) = self.sheet.counts();
        let text = project(text, limits.max_sheet_text_bytes);
        let cells = project(cells, limits.max_cells);
        let rows = project(rows, limits.max_rows);
        self.sheet.reserve_total(text, cells, rows, HEADROOM);
    }

    /// The laid-out sheet, with the `merged` regions filled in.
    pub fn finish(self, merged: &[Dimensions]) -> Result<Sheet, ReadError> {
        self.checks.check_rectangle()?;
        let limits = *self.checks.limits();
        // Only a region over several rows with data adds cells; one across columns
        // (a title over the table) stays one value and changes nothing.
        let last_row = self.checks.rows().saturating_sub(1);
        let fills = merged
            .iter()
            .any(|region| region.start.0 < region.end.0.min(last_row));
        let mut sheet = self.sheet.finish()?;
        sheet.set_formula_losses(self.losses);
        if !fills {
            return Ok(sheet);
        }
        // Rare in large sheets: filling is done on the cells collected again.
        let mut sparse = SparseSheet::from_sheet(sheet, limits)?;
        sparse.fill_merged(merged)?;
        sparse.into_sheet()
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
    fn cells_in_order_are_laid_out_with_the_gaps_between_them() {
        let mut s = InOrderSheet::new(Limits::default());
        assert_eq!(s.push(0, 0, &Value::Text("a")), Ok(true));
        assert_eq!(s.push(0, 2, &Value::Int(7)), Ok(true));
        assert_eq!(s.push(1, 1, &Value::Empty), Ok(true));
        assert_eq!(s.push(2, 1, &Value::Text("c")), Ok(true));
        let sheet = s.finish(&[]).unwrap();
        assert_eq!(
            text(&sheet),
            vec![vec!["a", "", "7"], vec!["", "", ""], vec!["", "c", ""]]
        );
        assert_eq!(sheet.cell(0, 2).kind, CellKind::Number);
    }

    #[test]
    fn a_cell_before_the_last_one_is_not_laid_out() {
        let mut s = InOrderSheet::new(Limits::default());
        s.push(1, 1, &Value::Text("b")).unwrap();
        assert_eq!(s.push(1, 1, &Value::Text("again")), Ok(false));
        assert_eq!(s.push(0, 5, &Value::Text("above")), Ok(false));
        // An empty cell anywhere changes nothing.
        assert_eq!(s.push(0, 0, &Value::Empty), Ok(true));
    }

    #[test]
    fn an_absurd_rectangle_is_refused_as_the_sparse_sheet_refuses_it() {
        let cells = [(0, 0, "A1"), (1_048_575, 16_383, "XFD1048576")];
        let mut in_order = InOrderSheet::new(Limits::default());
        let mut sparse = SparseSheet::new(Limits::default());
        for (row, column, text) in cells {
            assert_eq!(in_order.push(row, column, &Value::Text(text)), Ok(true));
            sparse.push(row, column, &Value::Text(text)).unwrap();
        }
        let refused = ReadError::TooManyCells {
            rows: 1_048_576,
            columns: 16_384,
            limit: 40_000_000,
        };
        assert_eq!(in_order.finish(&[]).unwrap_err(), refused);
        assert_eq!(sparse.into_sheet().unwrap_err(), refused);
    }

    #[test]
    fn merged_regions_over_rows_are_filled_and_across_columns_kept() {
        let mut s = InOrderSheet::new(Limits::default());
        for (r, c, text) in [(0, 0, "Navn"), (0, 1, "Bolig"), (1, 0, "Åse")] {
            s.push(r, c, &Value::Text(text)).unwrap();
        }
        s.push(1, 1, &Value::Text("A-101")).unwrap();
        s.formula_without_value(1, 2);
        s.push(2, 0, &Value::Text("Ola")).unwrap();
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
        let sheet = s.finish(&regions).unwrap();
        assert_eq!(
            text(&sheet),
            vec![
                vec!["Navn", "Bolig"],
                vec!["Åse", "A-101"],
                vec!["Ola", "A-101"]
            ]
        );
        assert_eq!(sheet.losses().formulas_without_value, 1);
    }

    /// A projected reservation changes where the sheet is stored, not what it holds.
    #[test]
    fn room_reserved_ahead_leaves_the_cells_as_they_are() {
        let read = |reserve: bool| {
            let mut s = InOrderSheet::new(Limits::default());
            for row in 0..50 {
                s.push(row, 0, &Value::Text("Åse Øvrebø")).unwrap();
                s.push(row, 3, &Value::Float(4791234567.0)).unwrap();
                if reserve && row == 10 {
                    s.reserve_projected(10 * SAMPLE_BYTES, 45 * SAMPLE_BYTES);
                }
            }
            s.finish(&[]).unwrap()
        };
        let (plain, reserved) = (read(false), read(true));
        assert_eq!(plain, reserved);
        assert!(reserved.heap_bytes() > plain.heap_bytes(), "room was kept");
    }
}
