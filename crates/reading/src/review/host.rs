//! The portal's own checks (issue 30): a portal that mounts the wizard with a row hook
//! is asked about every row, and what it answers shows like the review's own problems.
//!
//! Each row's [`HostCheck`] says whether the portal has answered for the row as it is
//! now. A row waits from the review's start and again after every change to its
//! values; [`Review::host_rows`] hands out waiting rows (they are then asked), and
//! [`Review::set_host_problems`] takes the answer only for rows still asked, so an
//! answer about values the user changed meanwhile is dropped and the row asked again.
//! A row not answered is never sent ([`Review::next_chunk`]). The server does not
//! trust the portal: it validates every row sent as it always does.

use customer_import_domain::validate::{FieldError, Problem};

use super::{HostCheck, Review, RowState};

/// The longest message of the portal's that is kept, in characters.
const MESSAGE_CHARS: usize = 500;

impl Review {
    /// Makes every row wait for the portal's check: the import has one.
    pub fn await_host(&mut self) {
        self.host = vec![HostCheck::Waiting; self.rows.len()];
        self.external.clear();
    }

    /// Whether the import waits for the portal's check of its rows.
    pub fn has_host_checks(&self) -> bool {
        !self.host.is_empty()
    }

    /// Whether the portal has not answered for `row` as it is now.
    pub fn awaits_host(&self, row: usize) -> bool {
        self.host
            .get(row)
            .is_some_and(|h| *h != HostCheck::Answered)
    }

    /// The row's values changed: what the portal said of them no longer holds, and it
    /// is asked again.
    pub(super) fn host_changed(&mut self, row: usize) {
        if let Some(h) = self.host.get_mut(row) {
            *h = HostCheck::Waiting;
            self.external.remove(&row);
        }
    }

    /// Up to `max` rows waiting for the portal's check, in file order, now asked. Rows
    /// left out, or that can no longer change, are not asked (a row left out is asked
    /// once taken back in).
    pub fn host_rows(&mut self, max: usize) -> Vec<usize> {
        let mut rows = Vec::new();
        for row in 0..self.host.len() {
            if rows.len() == max {
                break;
            }
            if self.host[row] == HostCheck::Waiting
                && matches!(
                    self.state(row),
                    RowState::Ready | RowState::Problems | RowState::Rejected
                )
            {
                self.host[row] = HostCheck::Asked;
                rows.push(row);
            }
        }
        rows
    }

    /// The mapped fields of `row` as the portal is shown them: each field's key and
    /// the value as the user sees it.
    pub fn host_values(&self, row: usize) -> Vec<(String, String)> {
        self.values
            .columns
            .iter()
            .enumerate()
            .map(|(c, column)| (column.field.key.clone(), self.value(row, c).to_owned()))
            .collect()
    }

    /// The portal's answer for `row`: its problems, `(field, message)`, on mapped fields
    /// (others are dropped). Taken only if the row is still asked; whether it was.
    pub fn set_host_problems(&mut self, row: usize, problems: Vec<(String, String)>) -> bool {
        if self.host.get(row) != Some(&HostCheck::Asked) {
            return false;
        }
        self.host[row] = HostCheck::Answered;
        let errors: Vec<FieldError> = problems
            .into_iter()
            .filter(|(field, _)| self.values.columns.iter().any(|c| &c.field.key == field))
            .map(|(field, message)| {
                let message: String = message.trim().chars().take(MESSAGE_CHARS).collect();
                FieldError::new(&field, Problem::Portal, &message)
            })
            .collect();
        if errors.is_empty() {
            self.external.remove(&row);
        } else {
            self.external.insert(row, errors);
        }
        true
    }

    /// The portal gave no answer for `rows` (it failed or took too long): those still
    /// asked wait again, their values and edits untouched.
    pub fn host_failed(&mut self, rows: &[usize]) {
        for &row in rows {
            if let Some(h) = self.host.get_mut(row)
                && *h == HostCheck::Asked
            {
                *h = HostCheck::Waiting;
            }
        }
    }
}
