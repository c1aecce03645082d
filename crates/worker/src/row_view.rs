//! A review row as the customers table shows it: every mapped value, the value as it
//! will be stored where that differs, and each problem on its cell.

use customer_import_reading::review::import_review::ImportReview;

use crate::protocol::{CellView, RowView};

/// The import's `row` (`None` past its rows), from the file it is in.
pub fn row_view(import: &ImportReview, row: usize) -> Option<RowView> {
    let (file, local) = import.locate(row)?;
    let review = &import.files()[file];
    let (row_index, row) = (row, local);
    let stored = review.customer(row).map(|c| c.to_values()).ok();
    let problems = review.problems(row);
    let columns = review.columns();
    let cells = columns
        .iter()
        .enumerate()
        .map(|(c, column)| {
            let value = review.value(row, c).to_owned();
            let stored = stored
                .as_ref()
                .and_then(|s| s.get(&column.field.key))
                .filter(|s| **s != value)
                .cloned();
            let problems = problems
                .iter()
                .filter(|e| e.field == column.field.key)
                .map(|e| (*e).clone())
                .collect();
            CellView {
                value,
                stored,
                problems,
            }
        })
        .collect();
    let other = problems
        .iter()
        .filter(|e| !columns.iter().any(|c| c.field.key == e.field))
        .map(|e| (*e).clone())
        .collect();
    Some(RowView {
        row: row_index,
        file,
        number: review.row_number(row),
        state: review.state(row),
        cells,
        other,
        plan: review.plan(row),
        changes: review.changes(row),
        changed_since: review.changed_since(row),
    })
}
