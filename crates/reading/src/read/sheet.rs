//! The raw sheet: every cell as the text a user sees in Excel, plus its kind, before
//! any meaning is given to it.
//!
//! Stored compactly for files of a million rows: all cell texts in one `String`, one
//! `u32` end offset and one kind byte per cell, one `u32` end index per row. A row holds
//! the cells up to its last stored one; cells beyond read as empty. A CSV's sheet thus
//! takes its text plus 5 bytes a cell, instead of a `String` (24 bytes + heap) a cell.

use customer_import_domain::cell::CellKind;
use serde::{Deserialize, Serialize};

use super::{
    error::{Position, ReadError},
    limits::Limits,
};

/// One cell, borrowed from its sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell<'a> {
    pub text: &'a str,
    pub kind: CellKind,
}

/// One row's stored cells: where they start and end among all cells.
#[derive(Debug, Clone, Copy)]
pub struct RowCells<'a> {
    sheet: &'a Sheet,
    start: usize,
    end: usize,
}

impl<'a> RowCells<'a> {
    /// The cell in `column`; empty past the row's stored cells. Inlined, with
    /// [`Sheet::cell_at`]: checking a review reads every mapped cell through it, and
    /// the calls cost as much as the reading.
    #[inline]
    pub fn cell(&self, column: usize) -> Cell<'a> {
        let index = self.start + column;
        if index >= self.end {
            return Cell::EMPTY;
        }
        self.sheet.cell_at(index)
    }
}

impl Cell<'_> {
    pub const EMPTY: Cell<'static> = Cell {
        text: "",
        kind: CellKind::Empty,
    };
}

/// Formula cells without a value listed at most; all of them are counted.
pub const FORMULAS_LISTED: usize = 100;

/// What reading could not keep, so that the user is told instead of finding gaps later.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Losses {
    /// Characters the encoding could not decode; each became U+FFFD (`Kj�rsti`).
    pub unreadable_chars: u64,
    /// The cell of the first of them (1-based).
    pub first_unreadable: Option<Position>,
    /// Formula cells saved without their result (read as empty), all of them.
    pub formulas_without_value: u64,
    /// The first [`FORMULAS_LISTED`] of them, in file order (1-based).
    pub formula_cells: Vec<Position>,
}

impl Losses {
    /// Counts a formula cell at 0-based `row`, `column` that had no stored value.
    pub(crate) fn formula_without_value(&mut self, row: u32, column: u32) {
        self.formulas_without_value += 1;
        if self.formula_cells.len() < FORMULAS_LISTED {
            self.formula_cells.push(Position {
                row: u64::from(row) + 1,
                column: u64::from(column) + 1,
            });
        }
    }

    pub fn is_empty(&self) -> bool {
        self.unreadable_chars == 0 && self.formulas_without_value == 0
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sheet {
    text: String,
    cell_ends: Vec<u32>,
    /// One a cell; empty when every cell is text (delimited text), whose kind then
    /// follows from its length.
    kinds: Vec<CellKind>,
    row_ends: Vec<u32>,
    columns: usize,
    /// Whether rows keep every cell of the source, trailing empty ones included, so
    /// their lengths can be compared (delimited text); workbooks keep only used cells.
    raw_widths: bool,
    losses: Losses,
}

impl Sheet {
    /// True when [`Sheet::stored_len`] is the row's field count in the source.
    pub fn has_raw_widths(&self) -> bool {
        self.raw_widths
    }

    /// What reading lost: undecodable characters, formula results never saved.
    pub fn losses(&self) -> &Losses {
        &self.losses
    }

    /// Formula cells without a value, as the workbook reader found them.
    pub(crate) fn set_formula_losses(&mut self, formulas: Losses) {
        self.losses.formulas_without_value = formulas.formulas_without_value;
        self.losses.formula_cells = formulas.formula_cells;
    }

    /// Counts the U+FFFD characters decoding put in the cells, and finds the first
    /// one's cell. Called only when the decoder reported errors, so a file that merely
    /// contains U+FFFD as written is not blamed on its encoding.
    pub(crate) fn count_unreadable(&mut self) {
        const REPLACEMENT: &[u8] = "\u{FFFD}".as_bytes();
        let text = self.text.as_bytes();
        let mut found = memchr::memmem::find_iter(text, REPLACEMENT);
        let Some(first) = found.next() else {
            return;
        };
        self.losses.unreadable_chars = 1 + found.count() as u64;
        // The cell whose text holds byte `first`, and its row.
        let cell = self.cell_ends.partition_point(|&end| end as usize <= first);
        let row = self.row_ends.partition_point(|&end| end as usize <= cell);
        let (row_start, _) = self.row_range(row);
        self.losses.first_unreadable = Some(Position {
            row: row as u64 + 1,
            column: (cell - row_start) as u64 + 1,
        });
    }

    /// Number of rows, trailing empty rows excluded.
    pub fn rows(&self) -> usize {
        self.row_ends.len()
    }

    /// Number of columns: the widest row's last non-empty cell.
    pub fn columns(&self) -> usize {
        self.columns
    }

    /// Number of cells stored in `row` (its width in the source, for ragged rows).
    pub fn stored_len(&self, row: usize) -> usize {
        let (start, end) = self.row_range(row);
        end - start
    }

    /// The cell at 0-based `row`, `column`; empty outside the stored cells.
    pub fn cell(&self, row: usize, column: usize) -> Cell<'_> {
        self.row_cells(row).cell(column)
    }

    /// The cells of 0-based `row`, found once for reading several of them (no cells
    /// outside the sheet).
    pub fn row_cells(&self, row: usize) -> RowCells<'_> {
        let (start, end) = self.row_range(row);
        RowCells {
            sheet: self,
            start,
            end,
        }
    }

    /// The stored cell `index` (counted over all rows).
    #[inline]
    fn cell_at(&self, index: usize) -> Cell<'_> {
        let text_start = index
            .checked_sub(1)
            .map_or(0, |p| self.cell_ends[p] as usize);
        let text_end = self.cell_ends[index] as usize;
        let text = self.text.get(text_start..text_end).unwrap_or("");
        // Without kinds every cell is text, empty or not by its length.
        let kind = match self.kinds.get(index) {
            Some(&kind) => kind,
            None if text.is_empty() => CellKind::Empty,
            None => CellKind::Text,
        };
        Cell { text, kind }
    }

    /// The cells of `row`, `columns()` of them.
    pub fn row(&self, row: usize) -> impl Iterator<Item = Cell<'_>> + '_ {
        (0..self.columns).map(move |c| self.cell(row, c))
    }

    /// Whether the sheet looks like a table of records: at least two rows (headings
    /// and one record) of two or more different values. A cover sheet (a title, a
    /// note, merged across the page, one column of text) does not.
    pub fn looks_like_table(&self) -> bool {
        let wide = |row: usize| {
            let cells = self.row_cells(row);
            let (start, end) = self.row_range(row);
            let mut first: Option<&str> = None;
            (0..end - start).any(|c| {
                let text = cells.cell(c).text.trim();
                match first {
                    _ if text.is_empty() => false,
                    None => {
                        first = Some(text);
                        false
                    }
                    Some(f) => f != text,
                }
            })
        };
        (0..self.rows()).filter(|&r| wide(r)).take(2).count() == 2
    }

    /// Whether every cell of `row` is empty.
    pub fn row_is_empty(&self, row: usize) -> bool {
        let (start, end) = self.row_range(row);
        (start..end).all(|i| self.cell_at(i).kind == CellKind::Empty)
    }

    fn row_range(&self, row: usize) -> (usize, usize) {
        if row >= self.row_ends.len() {
            return (0, 0);
        }
        let start = if row == 0 {
            0
        } else {
            self.row_ends[row - 1] as usize
        };
        (start, self.row_ends[row] as usize)
    }

    /// Where `text`, a cell's text this sheet gave out, lies in the sheet's text; `None`
    /// for text from anywhere else. Lets a caller keep a cell's position instead of a copy.
    pub fn text_range(&self, text: &str) -> Option<std::ops::Range<usize>> {
        // Only addresses are compared; nothing is read through them.
        let start = (text.as_ptr() as usize).checked_sub(self.text.as_ptr() as usize)?;
        let end = start + text.len();
        (end <= self.text.len()).then_some(start..end)
    }

    /// The sheet's text in `range`, as [`Sheet::text_range`] gave it.
    pub fn text_in(&self, range: std::ops::Range<usize>) -> Option<&str> {
        self.text.get(range)
    }

    /// Bytes this sheet holds on the heap (for the memory budget and benchmarks).
    pub fn heap_bytes(&self) -> usize {
        self.text.capacity()
            + 4 * self.cell_ends.capacity()
            + self.kinds.capacity()
            + 4 * self.row_ends.capacity()
    }
}

/// Builds a [`Sheet`] row by row, enforcing the [`Limits`] as it goes so that nothing
/// grows past them.
pub struct SheetBuilder {
    /// Cell texts; bytes past `text_len` are spare room a reader may write into.
    text: Vec<u8>,
    text_len: usize,
    cell_ends: Vec<u32>,
    kinds: Vec<CellKind>,
    row_ends: Vec<u32>,
    columns: usize,
    limits: Limits,
    /// Cells in the current row up to and including its last non-empty one.
    row_width: usize,
    /// Rows up to and including the last one with a non-empty cell.
    used_rows: usize,
    keep_trailing_empty: bool,
    /// Every cell is text: no kinds are kept (see [`Sheet::kinds`]).
    text_only: bool,
    /// Index of the current row's first cell (cached: read for every cell).
    row_start: usize,
    /// Buffers were sized ahead by [`Self::reserve_total`].
    reserved: bool,
}

impl SheetBuilder {
    /// Keep each row's trailing empty cells, so that the row's length in the source
    /// is known (used for delimited text, whose ragged rows are reported).
    pub fn keep_trailing_empty(mut self) -> SheetBuilder {
        self.keep_trailing_empty = true;
        self
    }

    pub fn new(limits: Limits) -> SheetBuilder {
        SheetBuilder {
            text: Vec::new(),
            text_len: 0,
            cell_ends: Vec::new(),
            kinds: Vec::new(),
            row_ends: Vec::new(),
            columns: 0,
            limits,
            row_width: 0,
            used_rows: 0,
            keep_trailing_empty: false,
            text_only: false,
            row_start: 0,
            reserved: false,
        }
    }

    /// A builder whose cell texts are written into `buffer`, over what a reader has
    /// already taken out of it (delimited text parsed in place). Its cells are all
    /// text, so it keeps no kinds.
    pub(crate) fn in_place(limits: Limits, buffer: Vec<u8>) -> SheetBuilder {
        SheetBuilder {
            text: buffer,
            text_only: true,
            ..SheetBuilder::new(limits)
        }
    }

    /// The whole buffer the cell texts are written into.
    pub(crate) fn buffer(&self) -> &[u8] {
        &self.text
    }

    /// The buffer after the text so far, as it is (see [`Self::spare`] to grow it).
    pub(crate) fn room(&mut self) -> &mut [u8] {
        &mut self.text[self.text_len..]
    }

    /// Reserves room for about `cells` more cells.
    pub fn reserve_cells(&mut self, cells: usize) {
        self.cell_ends.reserve(cells);
        if !self.text_only {
            self.kinds.reserve(cells);
        }
    }

    /// Where the buffers hold less than `text` bytes, `cells` cells or `rows` rows in
    /// all, makes room for `headroom` times as much, so that they need not grow by
    /// doubling, which holds the old and the new buffer at once. Best effort: what
    /// cannot be reserved is left to grow.
    pub fn reserve_total(&mut self, text: usize, cells: usize, rows: usize, headroom: f64) {
        let room = |total: usize, capacity: usize| {
            (total > capacity).then_some((total as f64 * headroom) as usize)
        };
        fn reserve<T>(buffer: &mut Vec<T>, total: Option<usize>) -> bool {
            total.is_some_and(|total| {
                buffer
                    .try_reserve_exact(total.saturating_sub(buffer.len()))
                    .is_ok()
            })
        }
        let text = room(text, self.text.capacity());
        let cells = room(cells, self.cell_ends.capacity());
        let rows = room(rows, self.row_ends.capacity());
        let kinds = !self.text_only && reserve(&mut self.kinds, cells);
        self.reserved |= reserve(&mut self.text, text)
            | reserve(&mut self.cell_ends, cells)
            | kinds
            | reserve(&mut self.row_ends, rows);
    }

    /// Text bytes, cells and rows so far.
    pub fn counts(&self) -> (usize, usize, usize) {
        (self.text_len, self.cell_ends.len(), self.row_ends.len())
    }

    fn row_start(&self) -> usize {
        self.row_start
    }

    /// The 1-based position the next cell would have.
    fn next_position(&self) -> Position {
        Position {
            row: self.row_ends.len() as u64 + 1,
            column: (self.cell_ends.len() - self.row_start()) as u64 + 1,
        }
    }

    /// Appends a cell to the current row.
    pub fn push(&mut self, text: &str, kind: CellKind) -> Result<(), ReadError> {
        let end = self.text_len + text.len();
        if self.text.len() < end {
            self.text.resize(end, 0);
        }
        self.text[self.text_len..end].copy_from_slice(text.as_bytes());
        self.push_written(end, kind)
    }

    /// Spare room of at least `bytes` after the text so far, for a reader that writes
    /// cell texts in place; it then reports each cell with [`Self::push_written`].
    pub(crate) fn spare(&mut self, bytes: usize) -> &mut [u8] {
        let needed = self.text_len + bytes;
        if self.text.is_empty() {
            // One zeroed allocation (calloc): the OS hands out zero pages lazily,
            // instead of a pass writing zeros over the whole buffer.
            self.text = vec![0u8; needed];
        } else if self.text.len() < needed {
            self.text.resize(needed, 0);
        }
        &mut self.text[self.text_len..]
    }

    /// Offset of the end of the text so far; [`Self::spare`] starts here.
    pub(crate) fn text_len(&self) -> usize {
        self.text_len
    }

    /// Appends a cell whose text ends at `end`, already written after the previous one.
    /// Empty text makes an empty cell whatever `kind` says.
    pub(crate) fn push_written(&mut self, end: usize, kind: CellKind) -> Result<(), ReadError> {
        let position = self.next_position();
        if position.column > self.limits.max_columns {
            return Err(ReadError::TooManyColumns {
                position,
                limit: self.limits.max_columns,
            });
        }
        let len = end.saturating_sub(self.text_len);
        if len as u64 > self.limits.max_cell_bytes {
            return Err(ReadError::CellTooLong {
                position,
                limit: self.limits.max_cell_bytes,
            });
        }
        let end32 = u32::try_from(end).map_err(|_| ReadError::FileTooBig {
            size: end as u64,
            limit: u32::MAX as u64,
        })?;
        let kind = if len == 0 { CellKind::Empty } else { kind };
        self.text_len = end;
        self.cell_ends.push(end32);
        if !self.text_only {
            self.kinds.push(kind);
        }
        if kind != CellKind::Empty {
            self.row_width = self.cell_ends.len() - self.row_start();
        }
        Ok(())
    }

    /// Appends `count` empty cells.
    pub fn push_empty(&mut self, count: usize) -> Result<(), ReadError> {
        for _ in 0..count {
            self.push_written(self.text_len, CellKind::Empty)?;
        }
        Ok(())
    }

    /// Ends the current row. Its trailing empty cells are dropped unless asked.
    pub fn end_row(&mut self) -> Result<(), ReadError> {
        let keep = if self.keep_trailing_empty {
            self.cell_ends.len()
        } else {
            self.row_start() + self.row_width
        };
        self.cell_ends.truncate(keep);
        self.kinds.truncate(keep);
        self.text_len = self.cell_ends.last().copied().unwrap_or(0) as usize;
        self.columns = self.columns.max(self.row_width);
        self.row_ends.push(keep as u32);
        self.row_start = keep;
        if self.row_width > 0 {
            self.used_rows = self.row_ends.len();
        }
        self.row_width = 0;
        let rows = self.row_ends.len() as u64;
        if rows > self.limits.max_rows {
            return Err(ReadError::TooManyRows {
                limit: self.limits.max_rows,
            });
        }
        if rows * self.columns as u64 > self.limits.max_cells {
            return Err(ReadError::TooManyCells {
                rows,
                columns: self.columns as u64,
                limit: self.limits.max_cells,
            });
        }
        Ok(())
    }

    /// The finished sheet without its trailing empty rows, or [`ReadError::NoData`]
    /// when no cell holds anything.
    pub fn finish(mut self) -> Result<Sheet, ReadError> {
        if self.cell_ends.len() > self.row_start() {
            self.end_row()?;
        }
        self.row_ends.truncate(self.used_rows);
        if self.row_ends.is_empty() {
            return Err(ReadError::NoData);
        }
        let cells = self.row_start();
        self.cell_ends.truncate(cells);
        self.kinds.truncate(cells);
        self.text
            .truncate(self.cell_ends.last().copied().unwrap_or(0) as usize);
        // Shrinking may copy a buffer (a new block, then the old one freed), holding it
        // twice for a moment. After buffers were sized ahead (a guess with headroom),
        // up to a quarter of spare room is kept rather than risk that.
        let fit = |spare: usize, len: usize| !self.reserved || spare > len / 4;
        if fit(self.text.capacity() - self.text.len(), self.text.len()) {
            self.text.shrink_to_fit();
        }
        if fit(self.cell_ends.capacity() - cells, cells) {
            self.cell_ends.shrink_to_fit();
            self.kinds.shrink_to_fit();
        }
        let rows = self.row_ends.len();
        if fit(self.row_ends.capacity() - rows, rows) {
            self.row_ends.shrink_to_fit();
        }
        let text = String::from_utf8(self.text).map_err(|e| ReadError::Corrupt {
            detail: format!("cell text is not UTF-8: {e}"),
        })?;
        Ok(Sheet {
            text,
            cell_ends: self.cell_ends,
            kinds: self.kinds,
            row_ends: self.row_ends,
            columns: self.columns,
            raw_widths: self.keep_trailing_empty,
            losses: Losses::default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(rows: &[&[&str]]) -> Result<Sheet, ReadError> {
        let mut b = SheetBuilder::new(Limits::default());
        for row in rows {
            for cell in *row {
                b.push(cell, CellKind::Text)?;
            }
            b.end_row()?;
        }
        b.finish()
    }

    #[test]
    fn cells_are_read_back_and_ragged_rows_kept() {
        let s = build(&[
            &["Navn", "E-post"],
            &["Åse", "ase@example.no", "extra"],
            &["Ola"],
        ])
        .unwrap();
        assert_eq!((s.rows(), s.columns()), (3, 3));
        assert_eq!(s.cell(1, 2).text, "extra");
        assert_eq!(s.cell(2, 1), Cell::EMPTY);
        assert_eq!(s.cell(9, 9), Cell::EMPTY);
        assert_eq!(s.stored_len(2), 1);
        let row: Vec<_> = s.row(0).map(|c| c.text).collect();
        assert_eq!(row, ["Navn", "E-post", ""]);
    }

    #[test]
    fn a_cell_is_found_again_by_where_its_text_lies() {
        let s = build(&[&["Navn", "E-post"], &["Åse", "ase@example.no"]]).unwrap();
        let cell = s.cell(1, 1).text;
        let range = s.text_range(cell).unwrap();
        assert_eq!(s.text_in(range), Some("ase@example.no"));
        // Equal text from elsewhere is not the sheet's.
        let copy = String::from("ase@example.no");
        assert_eq!(s.text_range(&copy), None);
        assert_eq!(s.text_range("Åse"), None);
    }

    #[test]
    fn trailing_empty_cells_and_rows_are_dropped() {
        let s = build(&[&["a", "", ""], &["", "b", ""], &["", ""], &[""]]).unwrap();
        assert_eq!((s.rows(), s.columns()), (2, 2));
        assert_eq!(s.stored_len(0), 1);
        assert!(!s.row_is_empty(1));
    }

    #[test]
    fn a_sheet_of_empty_cells_has_no_data() {
        assert_eq!(build(&[&["", ""], &[]]), Err(ReadError::NoData));
        assert_eq!(build(&[]), Err(ReadError::NoData));
    }

    #[test]
    fn limits_are_enforced_while_building() {
        let limits = Limits {
            max_rows: 2,
            max_columns: 2,
            max_cell_bytes: 4,
            ..Limits::default()
        };
        let mut b = SheetBuilder::new(limits);
        b.push("a", CellKind::Text).unwrap();
        b.push("b", CellKind::Text).unwrap();
        assert_eq!(
            b.push("c", CellKind::Text),
            Err(ReadError::TooManyColumns {
                position: Position { row: 1, column: 3 },
                limit: 2
            })
        );
        b.end_row().unwrap();
        assert_eq!(
            b.push("toolong", CellKind::Text),
            Err(ReadError::CellTooLong {
                position: Position { row: 2, column: 1 },
                limit: 4
            })
        );
        b.end_row().unwrap();
        assert_eq!(b.end_row(), Err(ReadError::TooManyRows { limit: 2 }));
    }
}
