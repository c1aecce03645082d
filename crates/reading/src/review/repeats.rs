//! Finding the rows that repeat another row's e-mail or customer number, and keeping
//! those values cheaply: a row's value is a [`Span`] of the sheet's own text when it is
//! stored as the file wrote it, and is copied only when normalising changed it.

use std::num::NonZeroU32;

use super::Review;
use customer_import_domain::validate::{
    duplicates::{UNIQUE_FIELDS, duplicates_among},
    find_duplicates,
};

use crate::read::Sheet;

/// Where a row's unique value is: in the sheet's text when it is stored as the file
/// wrote it (nearly always, and then it costs no copy), else in [`Review::keys`]. The
/// sheet's text is under 2³¹ bytes ([`Limits`](crate::read::Limits)), so the top bit
/// of `start` can tell which. Never empty, so `Option<Span>` takes no more room than a
/// `Span`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Span {
    start: u32,
    end: NonZeroU32,
}

/// Set in [`Span::start`] for a value in [`Review::keys`].
const IN_KEYS: u32 = 1 << 31;

/// Where the stored unique `value` of a row whose raw value is `raw` (a cell of `sheet`,
/// an edit or a value for the whole file) is kept: `raw` itself when they are equal and
/// `raw` is the sheet's, else a copy appended to `keys`. `None` for an empty value, which
/// repeats nothing.
pub(super) fn keep_key(keys: &mut String, sheet: &Sheet, raw: &str, value: &str) -> Option<Span> {
    if value.is_empty() {
        return None;
    }
    match (raw == value).then(|| sheet.text_range(raw)).flatten() {
        Some(range) => span(range.start, range.end, 0),
        None => push_key(keys, value),
    }
}

impl Review {
    /// The text of a row's unique value.
    fn key(&self, span: Option<Span>) -> Option<&str> {
        let span = span?;
        let range = (span.start & !IN_KEYS) as usize..span.end.get() as usize;
        if span.start & IN_KEYS == 0 {
            self.values.cells.sheet().text_in(range)
        } else {
            self.keys.get(range)
        }
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

/// Appends a row's unique value to the keys. They hold no more than the sheet's text
/// and the edits, so they fit below [`IN_KEYS`]; `None` if not.
fn push_key(keys: &mut String, value: &str) -> Option<Span> {
    let start = keys.len();
    keys.push_str(value);
    span(start, keys.len(), IN_KEYS)
}

/// The span `start..end` (never empty) with `flag` set; `None` if it does not fit.
fn span(start: usize, end: usize, flag: u32) -> Option<Span> {
    let start = u32::try_from(start).ok().filter(|s| s & IN_KEYS == 0)?;
    let end = NonZeroU32::new(u32::try_from(end).ok()?)?;
    Some(Span {
        start: start | flag,
        end,
    })
}
