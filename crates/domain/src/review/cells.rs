//! The mapped columns' cells of every row, kept compactly: one `String` for all
//! texts, one end offset and one kind a cell. Unmapped columns are not copied, so the
//! review holds no more of the file than it may send.

use crate::{read::CellKind, table::Table, validate::RawValue};

#[derive(Debug, Clone, Default)]
pub struct Cells {
    per_row: usize,
    text: String,
    ends: Vec<u32>,
    kinds: Vec<CellKind>,
}

impl Cells {
    /// The cells of `columns` (table columns, in this order) of every data row.
    pub fn collect(table: &Table<'_>, columns: &[usize]) -> Cells {
        let count = table.rows() * columns.len();
        // Sized first: growing a buffer of a hundred megabytes copies it again each time.
        let bytes = (0..table.rows())
            .flat_map(|row| columns.iter().map(move |&column| (row, column)))
            .map(|(row, column)| table.cell(row, column).text.len())
            .sum();
        let mut cells = Cells {
            per_row: columns.len(),
            text: String::with_capacity(bytes),
            ends: Vec::with_capacity(count),
            kinds: Vec::with_capacity(count),
        };
        for row in 0..table.rows() {
            for &column in columns {
                let cell = table.cell(row, column);
                cells.text.push_str(cell.text);
                // The sheet addresses its own text with u32 offsets, and these
                // cells are a part of that text.
                cells
                    .ends
                    .push(u32::try_from(cells.text.len()).unwrap_or(u32::MAX));
                cells.kinds.push(cell.kind);
            }
        }
        cells
    }

    /// The cell of `row` kept at `slot`.
    pub fn get(&self, row: usize, slot: usize) -> RawValue<'_> {
        let i = row * self.per_row + slot;
        let start = i.checked_sub(1).and_then(|p| self.ends.get(p)).copied();
        match (self.ends.get(i), self.kinds.get(i)) {
            (Some(&end), Some(&kind)) => RawValue {
                text: self
                    .text
                    .get(start.unwrap_or(0) as usize..end as usize)
                    .unwrap_or(""),
                kind,
            },
            _ => RawValue {
                text: "",
                kind: CellKind::Empty,
            },
        }
    }
}
