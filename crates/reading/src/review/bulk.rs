//! Fixing many rows at once (issue 20.4): find and replace within one column, and
//! filling a column's empty cells with one value.
//!
//! The match is plain text and **case-sensitive**: the commonest fix is a case fix
//! itself (`b-` → `B-`), and a replace should change exactly what the user typed and
//! nothing that merely looks like it; lists (units, groups, types) already accept any
//! case, so a case-insensitive find would mostly match cells that need no fixing.
//! A replace changes every occurrence within a cell, or with `whole_cell` only cells
//! whose whole value (spaces around it aside) is the text. A cell is changed as an
//! edit would change it: it becomes an edit (or stops being one when it is back to the
//! file's value), a row the server refused becomes ready to send again once fixed, and
//! rows created or awaiting the server's answer are left as they are. Excluded rows
//! are changed too, so a row taken back in has the fix. Only the changed rows are
//! checked again; duplicates are looked for again only when an e-mail or customer
//! number changed: around the few rows touched, or in one pass over all rows when
//! many were.

use serde::{Deserialize, Serialize};

use super::{Outcome, Review};

/// One change to a column's cells.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum BulkEdit {
    /// `find` becomes `with`, case-sensitively: every occurrence in a cell, or with
    /// `whole_cell` only a cell that is `find` as a whole.
    Replace {
        find: String,
        with: String,
        whole_cell: bool,
    },
    /// Every empty cell (or one of spaces only) becomes `value`.
    FillEmpty { value: String },
}

/// Rows changed at most for duplicates to be brought up to date row by row; above it
/// one pass over all rows is cheaper.
const FEW: usize = 16;

impl BulkEdit {
    /// The cell's new value, or `None` when it stays as it is.
    pub fn apply(&self, value: &str) -> Option<String> {
        let new = match self {
            BulkEdit::Replace { find, .. } if find.is_empty() => return None,
            BulkEdit::Replace {
                find,
                with,
                whole_cell: true,
            } => (value.trim() == find).then(|| with.clone())?,
            BulkEdit::Replace {
                find,
                with,
                whole_cell: false,
            } => value
                .contains(find.as_str())
                .then(|| value.replace(find.as_str(), with))?,
            BulkEdit::FillEmpty { value: fill } => {
                (value.trim().is_empty() && !fill.trim().is_empty()).then(|| fill.clone())?
            }
        };
        (new != value).then_some(new)
    }
}

impl Review {
    /// Applies `edit` to `column` on every row that can change, checks the changed
    /// rows again and brings duplicates up to date. Returns how many cells changed.
    pub fn bulk_edit(&mut self, column: usize, edit: &BulkEdit) -> usize {
        self.edit_cells(column, |value| edit.apply(value))
    }

    /// Gives every cell of `column` that `new` has a new value for (on rows that can
    /// change) that value, in one pass over the rows, as [`Review::bulk_edit`] says.
    /// Returns how many cells changed.
    pub(super) fn edit_cells(
        &mut self,
        column: usize,
        new: impl Fn(&str) -> Option<String>,
    ) -> usize {
        if column >= self.values.columns.len() {
            return 0;
        }
        let mut changed = Vec::new();
        for row in 0..self.rows.len() {
            if self.locked(row).is_some() {
                continue;
            }
            // The row's cells are found in the sheet once for both values.
            let values = self.values.row(row);
            let Some(new) = new(values.raw(column).map_or("", |v| v.text)) else {
                continue;
            };
            if values.original(column).map_or("", |v| v.text) == new {
                self.values.edits.remove(&(row, column));
            } else {
                self.values.edits.insert((row, column), new);
            }
            self.rows[row].outcome = Outcome::Pending;
            self.rejections.remove(&row);
            self.host_changed(row);
            changed.push(row);
        }
        let before: Vec<_> = changed.iter().map(|&row| self.rows[row].keys()).collect();
        self.check(changed.iter().copied());
        let moved: Vec<_> = changed
            .iter()
            .zip(before)
            .filter(|&(&row, before)| self.rows[row].keys() != before)
            .collect();
        // A key replaced is no longer the key the customer was looked up by.
        for &(&row, before) in &moved {
            self.forget_stale_match(row, before);
        }
        if moved.len() > FEW {
            self.find_duplicates();
        } else {
            for (&row, before) in moved {
                self.refresh_duplicates(row, before);
            }
        }
        changed.len()
    }
}
