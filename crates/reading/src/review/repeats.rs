//! Finding the rows that repeat another row's e-mail or customer number, among the
//! values the review keeps as [`Span`]s ([`super::keys`]). Methods of [`Review`]: the
//! review calls them after building and after each edit.

use super::{
    Review,
    keys::{Span, text_of},
};
use customer_import_domain::validate::{
    duplicates::{UNIQUE_FIELDS, duplicates_among},
    find_duplicates,
};

impl Review {
    /// The text of a row's unique value.
    fn key(&self, span: Option<Span>) -> Option<&str> {
        text_of(span?, self.values.cells.sheet(), &self.keys)
    }

    /// A row's unique value in `slot` of [`UNIQUE_FIELDS`], for finding duplicates:
    /// none for an excluded row.
    fn live_key(&self, row: usize, slot: usize) -> Option<&str> {
        let r = &self.rows[row];
        if r.excluded {
            return None;
        }
        self.key(r.keys()[slot])
    }

    /// Marks each row that repeats an earlier row's e-mail or customer number. Excluded
    /// rows do not count: excluding one of two is how a user resolves the pair.
    pub(super) fn find_duplicates(&mut self) {
        let rows = &self.rows;
        let found = find_duplicates(
            rows.len(),
            |i| u64::from(rows[i].number),
            |i| self.live_key(i, 0),
            |i| self.live_key(i, 1),
        );
        self.duplicates.clear();
        for (row, problem) in found {
            self.duplicates.entry(row).or_default().push(problem);
        }
        for (i, r) in self.rows.iter_mut().enumerate() {
            r.has_duplicates = self.duplicates.contains_key(&i);
        }
    }

    /// [`Review::find_duplicates`] after one row changed, its unique values having been
    /// `before`: only the rows that share a value it had or has now can have gained or
    /// lost a repeat, so only they are looked at again.
    pub(super) fn refresh_duplicates(&mut self, row: usize, before: [Option<Span>; 2]) {
        let now = self.rows[row].keys();
        for (slot, field) in UNIQUE_FIELDS.into_iter().enumerate() {
            let values: Vec<&str> = [before[slot], now[slot]]
                .into_iter()
                .filter_map(|span| self.key(span))
                .collect();
            if values.is_empty() {
                continue;
            }
            let (sharing, found) = duplicates_among(
                self.rows.len(),
                |i| u64::from(self.rows[i].number),
                field,
                |i| self.live_key(i, slot),
                &values,
            );
            for r in sharing.into_iter().chain([row]) {
                if let Some(problems) = self.duplicates.get_mut(&r) {
                    problems.retain(|p| p.field != field);
                    if problems.is_empty() {
                        self.duplicates.remove(&r);
                    }
                }
                self.rows[r].has_duplicates = self.duplicates.contains_key(&r);
            }
            for (r, problem) in found {
                let problems = self.duplicates.entry(r).or_default();
                problems.push(problem);
                // E-mail before customer number, as `find_duplicates` has them.
                problems.sort_by_key(|p| p.field != UNIQUE_FIELDS[0]);
                self.rows[r].has_duplicates = true;
            }
        }
    }
}
