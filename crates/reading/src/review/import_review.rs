//! Every file of one import reviewed as one list of rows (issue 29): a [`Review`] per
//! file, each with its own sheet, layout and mapping, and one numbering of rows across
//! them, file after file. The page and the save loop ask about rows by that number;
//! each question goes to the file the row is in, so a file's rows are checked, edited,
//! sent and answered exactly as they are in an import of that file alone.
//!
//! The files' reviews must have the same columns (the same fields, in order):
//! `mapping::several_files::file_mapping` gives every file every field any of them
//! maps. Duplicates are found within each file; a customer repeated in two files is
//! refused by the server for the second (its e-mail or number is taken), which the
//! review shows like any refusal.

use std::collections::HashMap;

use customer_import_domain::{
    mapping::list_values::{FieldChoices, Spelling},
    schema::Field,
    wire::{ImportRow, KeyMatch, LookupKey, UpdateChoice, Verdict},
};

use super::{
    Column, Counts, Filter, Locked, MatchMismatch, Review, VerdictMismatch, bulk::BulkEdit,
};

/// The reviews of an import's files, in the order the user chose the files.
#[derive(Debug, Clone)]
pub struct ImportReview {
    files: Vec<Review>,
    /// The import's row number of each file's first row, and then of the end.
    starts: Vec<usize>,
}

impl From<Review> for ImportReview {
    fn from(review: Review) -> ImportReview {
        ImportReview::new(vec![review])
    }
}

impl ImportReview {
    /// The import of `files`, reviewed each on its own; their columns must be the same.
    pub fn new(files: Vec<Review>) -> ImportReview {
        debug_assert!(files.windows(2).all(|w| same_fields(&w[0], &w[1])));
        let mut starts = Vec::with_capacity(files.len() + 1);
        let mut start = 0;
        starts.push(start);
        for file in &files {
            start += file.len();
            starts.push(start);
        }
        ImportReview { files, starts }
    }

    /// The file `row` is in, and its index among that file's rows.
    pub fn locate(&self, row: usize) -> Option<(usize, usize)> {
        if row >= self.len() {
            return None;
        }
        // The last file starting at or before the row, past files without rows.
        let file = self.starts.partition_point(|&s| s <= row) - 1;
        Some((file, row - self.starts[file]))
    }

    /// The file `row` is in, with the row's index in it.
    pub fn file_of(&self, row: usize) -> Option<(&Review, usize)> {
        let (file, local) = self.locate(row)?;
        Some((&self.files[file], local))
    }

    /// The import's number of the `local`th row of `file`.
    fn global(&self, file: usize, local: usize) -> usize {
        self.starts[file] + local
    }

    /// The review of each file, in order.
    pub fn files(&self) -> &[Review] {
        &self.files
    }

    pub fn len(&self) -> usize {
        self.starts.last().copied().unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The columns every file is reviewed with; a heading is the first file's that
    /// maps the field to a column of its own.
    pub fn columns(&self) -> Vec<Column> {
        let Some(first) = self.files.first() else {
            return Vec::new();
        };
        first
            .columns()
            .iter()
            .enumerate()
            .map(|(c, column)| {
                let heading = self
                    .files
                    .iter()
                    .filter_map(|f| f.columns().get(c))
                    .map(|c| &c.heading)
                    .find(|h| !h.is_empty());
                Column {
                    heading: heading.cloned().unwrap_or_default(),
                    ..column.clone()
                }
            })
            .collect()
    }

    pub fn fields(&self) -> &[Field] {
        self.files.first().map_or(&[], Review::fields)
    }

    /// Rows in each state, in all files.
    pub fn counts(&self) -> Counts {
        self.files
            .iter()
            .map(Review::counts)
            .fold(Counts::default(), add)
    }

    /// The rows `filter` shows, in all files (`None`) or in one, in file order.
    pub fn visible(&self, filter: Filter, file: Option<usize>) -> Vec<usize> {
        self.each(file, |review| review.visible(filter))
    }

    /// The rows not created although the user meant to import them.
    pub fn failed(&self, file: Option<usize>) -> Vec<usize> {
        self.each(file, Review::failed)
    }

    /// `rows` of every file, or of `only`, as the import numbers them.
    fn each(&self, only: Option<usize>, rows: impl Fn(&Review) -> Vec<usize>) -> Vec<usize> {
        self.files
            .iter()
            .enumerate()
            .filter(|&(f, _)| only.is_none_or(|o| o == f))
            .flat_map(|(f, review)| rows(review).into_iter().map(move |r| (f, r)))
            .map(|(f, r)| self.global(f, r))
            .collect()
    }

    pub fn edit(&mut self, row: usize, column: usize, text: &str) -> Result<bool, Locked> {
        match self.locate(row) {
            Some((f, local)) => self.files[f].edit(local, column, text),
            None => Ok(false),
        }
    }

    pub fn set_excluded(&mut self, row: usize, excluded: bool) -> Result<(), Locked> {
        match self.locate(row) {
            Some((f, local)) => self.files[f].set_excluded(local, excluded),
            None => Ok(()),
        }
    }

    /// [`Review::bulk_edit`] in every file; how many cells changed in all.
    pub fn bulk_edit(&mut self, column: usize, edit: &BulkEdit) -> usize {
        self.files
            .iter_mut()
            .map(|f| f.bulk_edit(column, edit))
            .sum()
    }

    /// The spellings in `column` of every file that name no list item, each once with
    /// its rows in all files, the most rows first.
    pub fn spellings(&self, column: usize) -> Vec<Spelling> {
        let mut all: Vec<Spelling> = Vec::new();
        // Where each spelling is in `all`: ten thousand spellings are not looked for
        // one by one among the ones before them.
        let mut at: HashMap<String, usize> = HashMap::new();
        for spelling in self.files.iter().flat_map(|f| f.spellings(column)) {
            match at.get(&spelling.value) {
                Some(&i) => all[i].rows += spelling.rows,
                None => {
                    at.insert(spelling.value.clone(), all.len());
                    all.push(spelling);
                }
            }
        }
        // Stable: equal counts stay in the order the first file found them.
        all.sort_by_key(|s| std::cmp::Reverse(s.rows));
        all
    }

    /// [`Review::choose_values`] in every file.
    pub fn choose_values(&mut self, column: usize, choices: &FieldChoices) -> usize {
        self.files
            .iter_mut()
            .map(|f| f.choose_values(column, choices))
            .sum()
    }

    /// Up to `max` ready rows to send next and what is sent for them, all of the first
    /// file that has any (a chunk's row numbers are one file's), with that file.
    pub fn take_chunk(&mut self, max: usize) -> (Vec<usize>, Vec<ImportRow>, usize) {
        for f in 0..self.files.len() {
            let (rows, sent) = self.files[f].take_chunk(max);
            if !rows.is_empty() {
                let rows = rows.into_iter().map(|r| self.global(f, r)).collect();
                return (rows, sent, f);
            }
        }
        (Vec::new(), Vec::new(), 0)
    }

    /// `rows` split by file, as each file numbers them, in the order given.
    fn by_file(&self, rows: &[usize]) -> Option<Vec<Vec<(usize, usize)>>> {
        let mut split = vec![Vec::new(); self.files.len()];
        for (i, &row) in rows.iter().enumerate() {
            let (f, local) = self.locate(row)?;
            split[f].push((i, local));
        }
        Some(split)
    }

    pub fn release(&mut self, rows: &[usize]) {
        let Some(split) = self.by_file(rows) else {
            return;
        };
        for (f, rows) in split.into_iter().enumerate() {
            let local: Vec<usize> = rows.into_iter().map(|(_, r)| r).collect();
            self.files[f].release(&local);
        }
    }

    /// Records the server's answer for `rows` (as sent, in order): nothing unless the
    /// verdicts match the rows of every file.
    pub fn apply(&mut self, rows: &[usize], verdicts: &[Verdict]) -> Result<(), VerdictMismatch> {
        if rows.len() != verdicts.len() {
            return Err(VerdictMismatch);
        }
        let split = self.by_file(rows).ok_or(VerdictMismatch)?;
        let parts: Vec<(Vec<usize>, Vec<Verdict>)> = split
            .into_iter()
            .map(|rows| {
                rows.into_iter()
                    .map(|(i, local)| (local, verdicts[i].clone()))
                    .unzip()
            })
            .collect();
        // Each file's verdicts are matched to its rows before any is recorded.
        let all_match = parts
            .iter()
            .zip(&self.files)
            .all(|((rows, verdicts), review)| review.verdicts_match(rows, verdicts));
        if !all_match {
            return Err(VerdictMismatch);
        }
        for ((rows, verdicts), review) in parts.iter().zip(&mut self.files) {
            review.apply(rows, verdicts)?;
        }
        Ok(())
    }

    /// Every row of every file waits for the portal's own check (issue 30).
    pub fn await_host(&mut self) {
        self.files.iter_mut().for_each(Review::await_host);
    }

    /// Up to `max` rows waiting for the portal's check, now asked, in import order.
    pub fn host_rows(&mut self, max: usize) -> Vec<usize> {
        let mut rows = Vec::new();
        for f in 0..self.files.len() {
            let left = max - rows.len();
            if left == 0 {
                break;
            }
            let local = self.files[f].host_rows(left);
            rows.extend(local.into_iter().map(|r| self.global(f, r)));
        }
        rows
    }

    /// [`Review::set_host_problems`] for the import's `row`.
    pub fn set_host_problems(&mut self, row: usize, problems: Vec<(String, String)>) -> bool {
        match self.locate(row) {
            Some((f, local)) => self.files[f].set_host_problems(local, problems),
            None => false,
        }
    }

    /// [`Review::host_failed`] for the import's `rows`.
    pub fn host_failed(&mut self, rows: &[usize]) {
        for &row in rows {
            if let Some((f, local)) = self.locate(row) {
                self.files[f].host_failed(&[local]);
            }
        }
    }

    /// What the import does with customers that exist; the same in every file.
    pub fn update_choice(&self) -> Option<&UpdateChoice> {
        self.files.first()?.update_choice()
    }

    /// The rows with a key in every file, and their keys, as [`Review::lookup_keys`].
    pub fn lookup_keys(&self) -> (Vec<usize>, Vec<LookupKey>) {
        let mut rows = Vec::new();
        let mut keys = Vec::new();
        for (f, review) in self.files.iter().enumerate() {
            let (local, mut found) = review.lookup_keys();
            rows.extend(local.into_iter().map(|r| self.global(f, r)));
            keys.append(&mut found);
        }
        (rows, keys)
    }

    /// Takes what the lookup found for `rows` (as [`ImportReview::lookup_keys`] listed
    /// them): each file gets its own.
    pub fn set_matches(
        &mut self,
        rows: &[usize],
        found: Vec<KeyMatch>,
    ) -> Result<(), MatchMismatch> {
        if rows.len() != found.len() {
            return Err(MatchMismatch);
        }
        let split = self.by_file(rows).ok_or(MatchMismatch)?;
        let mut found: Vec<Option<KeyMatch>> = found.into_iter().map(Some).collect();
        for (f, rows) in split.into_iter().enumerate() {
            let (local, matches): (Vec<usize>, Vec<KeyMatch>) = rows
                .into_iter()
                .filter_map(|(i, local)| Some((local, found[i].take()?)))
                .unzip();
            self.files[f].set_matches(&local, matches)?;
        }
        Ok(())
    }
}

fn same_fields(a: &Review, b: &Review) -> bool {
    a.columns()
        .iter()
        .map(|c| &c.field.key)
        .eq(b.columns().iter().map(|c| &c.field.key))
}

fn add(a: Counts, b: Counts) -> Counts {
    Counts {
        ready: a.ready + b.ready,
        problems: a.problems + b.problems,
        excluded: a.excluded + b.excluded,
        sent: a.sent + b.sent,
        created: a.created + b.created,
        rejected: a.rejected + b.rejected,
        updated: a.updated + b.updated,
        unchanged: a.unchanged + b.unchanged,
        will_update: a.will_update + b.will_update,
        will_stay: a.will_stay + b.will_stay,
        awaiting_host: a.awaiting_host + b.awaiting_host,
    }
}
