//! The customers to be created, as the user reviews, corrects and saves them.
//!
//! A [`Review`] is built once from the table and the mapping. It reads the mapped
//! columns' cells from the sheet it shares (see [`cells`]) and keeps the user's edits
//! on top of them, which rows are excluded, the problems the browser found and, after
//! saving, what the server answered for each row. Every row is in exactly one [`RowState`]; the counts,
//! the filter, the next chunk to send and the failed-rows file are all derived from
//! those states, so the screen and the save can never disagree.
//!
//! Its parts import downward only: `cells`, `values` and `keys` (where a row's
//! e-mail and customer number are kept) are what the review is built of; `repeats`
//! (finding duplicates) and [`bulk`] (fixing many rows at once) add methods to
//! [`Review`] and import it, and nothing here imports them. The review does call
//! `repeats`' methods after each edit: a method call is no import, so that one
//! dependency back is not a path a reader follows, but it is there.
//!
//! The portal's own checks (issue 30) are a third source of problems beside the rows'
//! own and their duplicates: [`host`] adds the methods that hand rows to them and take
//! their answers, and, like `bulk`, imports the review without being imported.
//!
//! When the import updates customers (issue 28), the review also keeps what the
//! server's lookup found for each row's key (`matches`, a leaf like `keys`) and each
//! row's [`Plan`]: create, update or leave unchanged; the plan is worked out again
//! whenever the row is checked, so it always says what saving the row would do.

pub mod bulk;
mod cells;
pub mod failed_rows;
mod host;
pub mod import_review;
mod keys;
pub mod matches;
pub mod plain_xlsx;
mod repeats;
mod spellings;
mod values;

use std::{collections::HashMap, sync::Arc};

use serde::{Deserialize, Serialize};

use customer_import_domain::{
    country::Country,
    mapping::{Mapping, Source},
    schema::Field,
    update::{FieldChange, MatchKey},
    validate::{
        Checked, Customer, Date, FieldError, Lists, Problem, RowContext, RowValidator,
        duplicates::{UNIQUE_FIELDS, Words},
    },
    wire::{CurrentCustomer, ImportRow, KeyMatch, LookupKey, UpdateChoice, Verdict},
};

use crate::{
    read::Sheet,
    table::{Layout, Table},
};
use cells::Cells;
use keys::{Span, keep_key, text_of};
use matches::Matched;
pub use matches::Plan;
pub use values::Column;
use values::Values;

/// What the rows are checked against: the server's schema and the project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Setup {
    pub fields: Vec<Field>,
    pub lists: Lists,
    pub country: Country,
    pub today: Date,
}

/// Where a row stands. Exactly one holds at any time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RowState {
    /// Valid in the browser and not sent yet (or corrected after a refusal).
    Ready,
    /// The browser found problems; it will not be sent until they are fixed.
    Problems,
    /// The user left it out of the import.
    Excluded,
    /// Sent, and the server's answer has not arrived (it was lost, or the server is
    /// still busy): the server may already have created it. Locked, so what is sent
    /// again with the same key is what the user sees, until an answer tells its fate.
    Sent,
    /// The server created it. It is never sent again and can no longer be edited.
    Created,
    /// The server refused it (or its customer changed since the review compared the
    /// row with it); it is sent again only once the user has edited it.
    Rejected,
    /// The server updated the customer the row matched. Never sent again.
    Updated,
    /// The customer the row matched had its values already. Never sent again.
    Unchanged,
}

/// How many rows are in each state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub ready: usize,
    pub problems: usize,
    pub excluded: usize,
    pub sent: usize,
    pub created: usize,
    pub rejected: usize,
    /// Rows the server updated, and rows whose customer had their values already.
    #[serde(default)]
    pub updated: usize,
    #[serde(default)]
    pub unchanged: usize,
    /// Of the ready rows, when the import updates: those that will update a customer
    /// and those whose customer has their values already (the rest create one).
    #[serde(default)]
    pub will_update: usize,
    #[serde(default)]
    pub will_stay: usize,
    /// Of the rows with problems or ready, those the portal's own check has not
    /// answered for yet (issue 30): they are not sent until it has.
    #[serde(default)]
    pub awaiting_host: usize,
}

impl Counts {
    /// Rows in all, each counted in its state once.
    pub fn total(&self) -> usize {
        self.ready
            + self.problems
            + self.excluded
            + self.sent
            + self.created
            + self.rejected
            + self.updated
            + self.unchanged
    }

    /// Rows the server has taken: created, updated or found unchanged.
    pub fn saved(&self) -> usize {
        self.created + self.updated + self.unchanged
    }
}

/// Why a row cannot be changed now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum Locked {
    #[error("the server created this row")]
    Created,
    #[error("the server updated this row's customer")]
    Updated,
    /// See [`RowState::Sent`].
    #[error("the row was sent and the server's answer has not arrived")]
    AwaitingAnswer,
}

/// Which rows the table shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Filter {
    #[default]
    All,
    /// Rows the browser or the server found problems with.
    WithProblems,
    /// Rows that create a customer, and rows that update one (issue 28).
    New,
    Updates,
}

/// The server answered for rows it was not sent, or left one out: the answer cannot be
/// matched to the rows, so none of it is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the server's verdicts do not match the rows sent")]
pub struct VerdictMismatch;

/// The lookup answered for other rows than it was asked for: none of it is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the lookup's answer does not match the rows asked for")]
pub struct MatchMismatch;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Outcome {
    #[default]
    Pending,
    /// Sent; the answer is not known yet.
    Sent,
    Created,
    /// The reasons are in [`Review::rejections`].
    Rejected,
    /// Refused as [`Outcome::Rejected`]: the server answered "changed since you
    /// checked", and the row is compared with the customer as it is now, for a second
    /// look.
    ChangedSince,
    Updated,
    Unchanged,
}

/// Rows checked between two progress reports: often enough for a smooth bar, rarely
/// enough to cost nothing.
const PROGRESS_SLICE: usize = 1 << 15;

/// One row's state, kept small (24 bytes): a file may have a million of them. Problems
/// are kept apart, for the few rows that have any.
#[derive(Debug, Clone, Default)]
struct Row {
    /// The row's number in the file (a sheet has fewer than 2³² rows).
    number: u32,
    /// The values that must be unique, as stored, for finding duplicates.
    email: Option<Span>,
    external_id: Option<Span>,
    has_problems: bool,
    has_duplicates: bool,
    excluded: bool,
    outcome: Outcome,
}

impl Row {
    /// Where the row's e-mail and customer number are, in that order.
    fn keys(&self) -> [Option<Span>; 2] {
        [self.email, self.external_id]
    }
}

/// Where a row stands with the portal's check. Kept only when the import has one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum HostCheck {
    /// The portal answered for the row as it is.
    #[default]
    Answered,
    /// Changed (or new) since the portal last answered, and not asked yet.
    Waiting,
    /// Handed to the portal; its answer has not come.
    Asked,
}

/// Something of some rows, by row index. Hashed by [`Words`], not SipHash: checking a
/// row looks its problems up, and SipHash cost more than some whole fields' checks.
type RowMap<T> = HashMap<usize, T, Words>;

#[derive(Debug, Clone)]
pub struct Review {
    setup: Setup,
    values: Values,
    rows: Vec<Row>,
    /// The rows' unique values that are not in the sheet as they are stored (see
    /// [`Span`]), one after another; an edit appends the new ones.
    keys: String,
    /// Problems of the row's own values, for rows that have any.
    problems: RowMap<Vec<FieldError>>,
    /// Values repeated from an earlier row; brought up to date whenever a row changes.
    duplicates: RowMap<Vec<FieldError>>,
    /// The server's reasons for the rows it refused.
    rejections: RowMap<Vec<FieldError>>,
    /// The portal's own check's problems (`host`), for rows it found any in.
    external: RowMap<Vec<FieldError>>,
    /// Each row's standing with the portal's check; empty when the import has none.
    host: Vec<HostCheck>,
    /// What the import does with customers that exist; `None`: it creates only (or
    /// maps no key to match rows by).
    update: Option<UpdateChoice>,
    /// The customers rows' keys found, for the rows that found any.
    matched: RowMap<Matched>,
    /// Whether the lookup's answer came: before it, no row is "not found".
    looked_up: bool,
    /// Each row's plan when the import updates (empty when it does not: a byte a row
    /// only for the imports that need it).
    plans: Vec<Plan>,
}

impl Setup {
    fn context(&self) -> RowContext<'_> {
        RowContext {
            fields: &self.fields,
            country: self.country,
            today: self.today,
            lists: &self.lists,
        }
    }
}

impl Review {
    /// Every data row of `table` with the fields `mapping` maps, validated. The review
    /// keeps a copy of the table's sheet; [`Review::shared`] shares it instead.
    pub fn new(table: &Table<'_>, mapping: &Mapping, setup: Setup) -> Review {
        let sheet = Arc::new(table.sheet().clone());
        let layout = Arc::new(table.layout().clone());
        Review::shared(sheet, layout, mapping, setup, |_, _| {})
    }

    /// Every data row of the table `layout` makes of `sheet`, validated; the review
    /// reads its values from the sheet, which it shares. `progress` is told (rows
    /// checked, rows in all) before the first slice of rows and after every one, so a
    /// long check can be shown as it goes.
    pub fn shared(
        sheet: Arc<Sheet>,
        layout: Arc<Layout>,
        mapping: &Mapping,
        setup: Setup,
        mut progress: impl FnMut(usize, usize),
    ) -> Review {
        let table = Table::with_layout(&sheet, &layout);
        let table = &table;
        let columns: Vec<Column> = setup
            .fields
            .iter()
            .filter_map(|field| {
                let source = mapping.fields.get(&field.key)?.clone();
                let heading = match &source {
                    Source::Column(c) => table.headings().get(*c)?.label.clone(),
                    Source::Fixed(_) => String::new(),
                };
                Some(Column {
                    field: field.clone(),
                    source,
                    heading,
                })
            })
            .collect();
        let from_file: Vec<usize> = columns
            .iter()
            .filter_map(|c| match c.source {
                Source::Column(c) => Some(c),
                Source::Fixed(_) => None,
            })
            .collect();
        let mut next = 0..;
        let slots = columns
            .iter()
            .map(|c| matches!(c.source, Source::Column(_)).then(|| next.next().unwrap_or(0)))
            .collect();
        let field_columns = setup
            .fields
            .iter()
            .map(|f| columns.iter().position(|c| c.field.key == f.key))
            .collect();
        let rows = (0..table.rows())
            .map(|r| Row {
                number: u32::try_from(table.row_number(r)).unwrap_or(u32::MAX),
                ..Row::default()
            })
            .collect();
        let cells = Cells::new(sheet.clone(), layout.clone(), from_file);
        let update = mapping.match_key().filter(|_| mapping.mode.updates());
        let update = update.map(|match_key| UpdateChoice {
            mode: mapping.mode,
            match_key,
            blank: mapping.blank.clone(),
        });
        let mut review = Review {
            setup,
            values: Values {
                columns,
                slots,
                field_columns,
                cells,
                edits: HashMap::default(),
            },
            rows,
            keys: String::new(),
            problems: RowMap::default(),
            duplicates: RowMap::default(),
            rejections: RowMap::default(),
            external: RowMap::default(),
            host: Vec::new(),
            update,
            matched: RowMap::default(),
            looked_up: false,
            plans: Vec::new(),
        };
        if review.update.is_some() {
            review.plans = vec![Plan::New; review.rows.len()];
        }
        let total = review.rows.len();
        let mut done = 0;
        progress(done, total);
        while done < total {
            let end = total.min(done + PROGRESS_SLICE);
            review.check(done..end);
            done = end;
            progress(done, total);
        }
        review.find_duplicates();
        // The spellings the layout's mapping maps to list items (issue 29), as the
        // user chose them for a file of this layout before.
        for (field, choices) in &mapping.values {
            let column = review
                .values
                .columns
                .iter()
                .position(|c| &c.field.key == field);
            if let Some(column) = column {
                review.choose_values(column, choices);
            }
        }
        review
    }

    /// The fields the rows are checked against, the project's own included.
    pub fn fields(&self) -> &[Field] {
        &self.setup.fields
    }

    pub fn columns(&self) -> &[Column] {
        &self.values.columns
    }

    /// Number of rows (customers in the file).
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The row's number in the file, as Excel shows it.
    pub fn row_number(&self, row: usize) -> u64 {
        self.rows.get(row).map_or(0, |r| u64::from(r.number))
    }

    /// The value of `column` on `row` as the user sees it: edited, from the file, or
    /// the value chosen for the whole file.
    pub fn value(&self, row: usize, column: usize) -> &str {
        self.values.raw(row, column).map_or("", |v| v.text)
    }

    pub fn is_edited(&self, row: usize, column: usize) -> bool {
        self.values.edits.contains_key(&(row, column))
    }

    /// The customer as it will be stored, or every problem of the row's own values.
    pub fn customer(&self, row: usize) -> Result<Customer, Vec<FieldError>> {
        let values = self.values.row(row);
        RowValidator::new(self.setup.context()).customer(|f| values.of_field(f))
    }

    pub fn state(&self, row: usize) -> RowState {
        let r = &self.rows[row];
        match r.outcome {
            Outcome::Created => RowState::Created,
            Outcome::Updated => RowState::Updated,
            Outcome::Unchanged => RowState::Unchanged,
            Outcome::Sent => RowState::Sent,
            _ if r.excluded => RowState::Excluded,
            Outcome::Rejected | Outcome::ChangedSince => RowState::Rejected,
            Outcome::Pending
                if r.has_problems || r.has_duplicates || self.external.contains_key(&row) =>
            {
                RowState::Problems
            }
            Outcome::Pending => RowState::Ready,
        }
    }

    /// What is wrong with the row now: the server's reasons after a refusal, else
    /// what the browser found.
    pub fn problems(&self, row: usize) -> Vec<&FieldError> {
        let Some(r) = self.rows.get(row) else {
            return Vec::new();
        };
        match r.outcome {
            Outcome::Rejected | Outcome::ChangedSince => {
                self.rejections.get(&row).into_iter().flatten().collect()
            }
            Outcome::Created | Outcome::Updated | Outcome::Unchanged => Vec::new(),
            Outcome::Pending | Outcome::Sent => self
                .problems
                .get(&row)
                .into_iter()
                .chain(self.duplicates.get(&row))
                .chain(self.external.get(&row))
                .flatten()
                .collect(),
        }
    }

    pub fn counts(&self) -> Counts {
        let mut counts = Counts::default();
        for row in 0..self.rows.len() {
            let state = self.state(row);
            let slot = match state {
                RowState::Ready => &mut counts.ready,
                RowState::Problems => &mut counts.problems,
                RowState::Excluded => &mut counts.excluded,
                RowState::Sent => &mut counts.sent,
                RowState::Created => &mut counts.created,
                RowState::Rejected => &mut counts.rejected,
                RowState::Updated => &mut counts.updated,
                RowState::Unchanged => &mut counts.unchanged,
            };
            *slot += 1;
            if matches!(state, RowState::Ready | RowState::Problems) && self.awaits_host(row) {
                counts.awaiting_host += 1;
            }
            if state == RowState::Ready {
                match self.plans.get(row).copied().unwrap_or_default() {
                    Plan::Update => counts.will_update += 1,
                    Plan::Unchanged => counts.will_stay += 1,
                    Plan::New => {}
                }
            }
        }
        counts
    }

    /// The rows the table shows under `filter`, in file order.
    pub fn visible(&self, filter: Filter) -> Vec<usize> {
        (0..self.rows.len())
            .filter(|&row| match filter {
                Filter::All => true,
                Filter::WithProblems => {
                    matches!(self.state(row), RowState::Problems | RowState::Rejected)
                }
                Filter::New => {
                    self.plan(row) == Some(Plan::New)
                        && !matches!(self.state(row), RowState::Problems | RowState::Rejected)
                }
                Filter::Updates => self.plan(row) == Some(Plan::Update),
            })
            .collect()
    }

    /// Why `row` cannot be changed now, if it cannot.
    pub fn locked(&self, row: usize) -> Option<Locked> {
        match self.rows.get(row)?.outcome {
            Outcome::Created => Some(Locked::Created),
            Outcome::Updated | Outcome::Unchanged => Some(Locked::Updated),
            Outcome::Sent => Some(Locked::AwaitingAnswer),
            Outcome::Pending | Outcome::Rejected | Outcome::ChangedSince => None,
        }
    }

    /// Sets the value of `column` on `row` and checks the row again at once. A row
    /// the server refused becomes ready to send again; a created row, or one whose
    /// answer is awaited, cannot change. Returns whether anything changed.
    pub fn edit(&mut self, row: usize, column: usize, text: &str) -> Result<bool, Locked> {
        if let Some(lock) = self.locked(row) {
            return Err(lock);
        }
        if row >= self.rows.len() || column >= self.values.columns.len() {
            return Ok(false);
        }
        let original = self.values.original(row, column).map_or("", |v| v.text);
        if text == original {
            self.values.edits.remove(&(row, column));
        } else {
            self.values.edits.insert((row, column), text.to_owned());
        }
        self.rows[row].outcome = Outcome::Pending;
        self.rejections.remove(&row);
        self.host_changed(row);
        let before = self.rows[row].keys();
        self.check([row]);
        self.forget_stale_match(row, before);
        self.refresh_duplicates(row, before);
        Ok(true)
    }

    /// A row whose key changed no longer matches the customer looked up for the old
    /// one: it is compared with nobody (a new customer) until the review is built
    /// again; should the new key be a customer's, the server answers "changed since
    /// you checked" with it, and the row is compared with it then.
    fn forget_stale_match(&mut self, row: usize, before: [Option<Span>; 2]) {
        let Some(update) = &self.update else {
            return;
        };
        let which = match update.match_key {
            MatchKey::Email => 0,
            MatchKey::ExternalId => 1,
        };
        let sheet = self.values.cells.sheet();
        let text = |span: Option<Span>| span.and_then(|s| text_of(s, sheet, &self.keys));
        if text(before[which]) != text(self.rows[row].keys()[which])
            && self.matched.remove(&row).is_some()
        {
            self.check([row]);
        }
    }

    /// Leaves a row out of the import, or takes it back in; not a created row, nor
    /// one whose answer is awaited.
    pub fn set_excluded(&mut self, row: usize, excluded: bool) -> Result<(), Locked> {
        if let Some(lock) = self.locked(row) {
            return Err(lock);
        }
        if row < self.rows.len() {
            self.rows[row].excluded = excluded;
            self.refresh_duplicates(row, self.rows[row].keys());
        }
        Ok(())
    }

    /// Up to `max` ready rows to send next, in file order: not those the portal's
    /// check has not answered for.
    pub fn next_chunk(&self, max: usize) -> Vec<usize> {
        (0..self.rows.len())
            .filter(|&row| self.state(row) == RowState::Ready && !self.awaits_host(row))
            .take(max)
            .collect()
    }

    /// The rows as sent for import: each row's number and its customer's values.
    /// Only mapped fields can be in them, since the customer is built from nothing else.
    pub fn import_rows(&self, rows: &[usize]) -> Vec<ImportRow> {
        let validator = RowValidator::new(self.setup.context());
        rows.iter()
            .filter_map(|&row| {
                let (customer, current) = self.checked_customer(&validator, row)?;
                Some(ImportRow {
                    row: self.row_number(row),
                    values: customer.to_values(),
                    version: current.map(|c| c.version),
                })
            })
            .collect()
    }

    /// Up to `max` ready rows to send next and what is sent for them, locked as
    /// [`RowState::Sent`] until [`Review::apply`] records the server's answer or
    /// [`Review::release`] says none came of them.
    pub fn take_chunk(&mut self, max: usize) -> (Vec<usize>, Vec<ImportRow>) {
        let rows = self.next_chunk(max);
        let sent = self.import_rows(&rows);
        // A ready row always makes a customer; should one not, rows and what is sent
        // for them would no longer match, so nothing is taken.
        if sent.len() != rows.len() {
            return (Vec::new(), Vec::new());
        }
        for &row in &rows {
            self.rows[row].outcome = Outcome::Sent;
        }
        (rows, sent)
    }

    /// The server refused the whole chunk before creating anyone (signed out, no
    /// access, …): its rows are as they were before they were taken.
    pub fn release(&mut self, rows: &[usize]) {
        for &row in rows {
            if let Some(r) = self.rows.get_mut(row)
                && r.outcome == Outcome::Sent
            {
                r.outcome = Outcome::Pending;
            }
        }
    }

    /// Records the server's answer for `rows` (as sent, in order).
    pub fn apply(&mut self, rows: &[usize], verdicts: &[Verdict]) -> Result<(), VerdictMismatch> {
        if !self.verdicts_match(rows, verdicts) {
            return Err(VerdictMismatch);
        }
        for (&row, verdict) in rows.iter().zip(verdicts) {
            self.rows[row].outcome = match verdict {
                Verdict::Created { .. } => Outcome::Created,
                Verdict::Rejected { errors, .. } => {
                    self.rejections.insert(row, errors.clone());
                    Outcome::Rejected
                }
                Verdict::Updated { .. } => Outcome::Updated,
                Verdict::Unchanged { .. } => Outcome::Unchanged,
                // Compared again with the customer as it is now, for a second look;
                // sent again once the user has looked (and edited it).
                Verdict::ChangedSince { current, .. } => {
                    match current {
                        Some(c) => self.matched.insert(row, Matched::Existing(c.clone())),
                        None => self.matched.remove(&row),
                    };
                    self.rejections.insert(row, Vec::new());
                    Outcome::ChangedSince
                }
            };
        }
        // The rows compared anew get their plan from the customer as it is now.
        let again: Vec<usize> = rows
            .iter()
            .copied()
            .filter(|&r| self.rows[r].outcome == Outcome::ChangedSince)
            .collect();
        self.check(again);
        Ok(())
    }

    /// Whether `verdicts` answer `rows`, one each, in order, by the rows' numbers.
    pub fn verdicts_match(&self, rows: &[usize], verdicts: &[Verdict]) -> bool {
        rows.len() == verdicts.len()
            && rows.iter().zip(verdicts).all(|(&row, verdict)| {
                self.rows
                    .get(row)
                    .is_some_and(|r| u64::from(r.number) == verdict.row())
            })
    }

    /// The rows that were not created although the user meant to import them: those
    /// with problems and those the server refused.
    pub fn failed(&self) -> Vec<usize> {
        (0..self.rows.len())
            .filter(|&row| matches!(self.state(row), RowState::Problems | RowState::Rejected))
            .collect()
    }

    /// Validates `rows` again, keeping their problems, unique values and plans.
    fn check(&mut self, rows: impl IntoIterator<Item = usize>) {
        let validator = RowValidator::new(self.setup.context());
        let mut checked = Checked::default();
        let [email_field, external_id_field] =
            UNIQUE_FIELDS.map(|key| self.setup.fields.iter().position(|f| f.key == key));
        // The row's raw values by field, found once a row.
        let origins = self.values.origins();
        let mut fields = Vec::new();
        for row in rows {
            self.values.fields_into(row, &origins, &mut fields);
            let value = |f: usize| fields.get(f).copied().flatten();
            let valid = validator.check(value, &mut checked);
            // A row's valid e-mail and customer number take part in finding duplicates
            // whatever else is wrong with it, so every problem shows at once.
            let mut keep = |field: Option<usize>, stored: Option<&str>| {
                let raw = value(field?)?.text;
                keep_key(&mut self.keys, self.values.cells.sheet(), raw, stored?)
            };
            let email = keep(email_field, checked.email());
            let external_id = keep(external_id_field, checked.external_id());
            let mut errors = if valid {
                Vec::new()
            } else {
                checked.take_errors()
            };
            let plan = match &self.update {
                Some(update) => self.plan_checked(row, update, &validator, &checked, &mut errors),
                None => Plan::New,
            };
            if let Some(slot) = self.plans.get_mut(row) {
                *slot = plan;
            }
            let r = &mut self.rows[row];
            r.email = email;
            r.external_id = external_id;
            r.has_problems = !errors.is_empty();
            if errors.is_empty() {
                self.problems.remove(&row);
            } else {
                self.problems.insert(row, errors);
            }
        }
    }

    /// The plan of a row just checked into `checked` with `errors`, when the import
    /// updates: a row that matches a customer needs no name of its own (its customer
    /// has one); a key that names two customers, or none when the import only
    /// updates, is a problem on the key.
    fn plan_checked(
        &self,
        row: usize,
        update: &UpdateChoice,
        validator: &RowValidator<'_>,
        checked: &Checked,
        errors: &mut Vec<FieldError>,
    ) -> Plan {
        let key = update.match_key.field();
        let key_value = || {
            let value = match update.match_key {
                MatchKey::Email => checked.email(),
                MatchKey::ExternalId => checked.external_id(),
            };
            value.unwrap_or_default().to_owned()
        };
        match self.matched.get(&row) {
            Some(Matched::Existing(current)) => {
                errors.retain(|e| e.problem != Problem::NameOrCompanyRequired);
                if errors.is_empty() {
                    let customer = validator.to_customer(checked);
                    matches::plan_of(current, &customer, &update.blank)
                } else {
                    Plan::Update
                }
            }
            Some(Matched::Two(_)) => {
                errors.push(FieldError::new(
                    key,
                    Problem::MatchesTwoCustomers,
                    &key_value(),
                ));
                Plan::New
            }
            None if self.looked_up && !update.mode.creates() => {
                errors.push(FieldError::new(
                    key,
                    Problem::CustomerNotFound,
                    &key_value(),
                ));
                Plan::New
            }
            None => Plan::New,
        }
    }

    /// The row's customer as it will be sent, and the customer it updates: a row that
    /// matches one is held to [`RowValidator::changes`] (no name of its own needed).
    fn checked_customer(
        &self,
        validator: &RowValidator<'_>,
        row: usize,
    ) -> Option<(Customer, Option<&CurrentCustomer>)> {
        let values = self.values.row(row);
        match self.matched.get(&row).filter(|_| self.update.is_some()) {
            Some(Matched::Existing(current)) => {
                let customer = validator.changes(|f| values.of_field(f)).ok()?;
                Some((customer, Some(current)))
            }
            _ => Some((validator.customer(|f| values.of_field(f)).ok()?, None)),
        }
    }

    /// What the import does with customers that exist, as the chunks carry it; `None`
    /// when it creates only.
    pub fn update_choice(&self) -> Option<&UpdateChoice> {
        self.update.as_ref()
    }

    /// What saving the row would do, when the import updates.
    pub fn plan(&self, row: usize) -> Option<Plan> {
        self.plans.get(row).copied()
    }

    /// Whether the server answered that the row's customer changed since it was
    /// compared; the row is now compared with the customer as it is.
    pub fn changed_since(&self, row: usize) -> bool {
        self.rows
            .get(row)
            .is_some_and(|r| r.outcome == Outcome::ChangedSince)
    }

    /// Every field the row changes in the customer it matches, old → new (the old
    /// values as the lookup, or the last "changed since", answered them).
    pub fn changes(&self, row: usize) -> Vec<FieldChange> {
        let (Some(update), Some(Matched::Existing(current))) =
            (self.update.as_ref(), self.matched.get(&row))
        else {
            return Vec::new();
        };
        let validator = RowValidator::new(self.setup.context());
        let values = self.values.row(row);
        match validator.changes(|f| values.of_field(f)) {
            Ok(customer) => matches::changes_of(current, &customer, &update.blank),
            Err(_) => Vec::new(),
        }
    }

    /// The rows that have a value of the match key, and their unique values as the
    /// lookup takes them (stored form); nothing when the import does not update.
    pub fn lookup_keys(&self) -> (Vec<usize>, Vec<LookupKey>) {
        let Some(update) = &self.update else {
            return (Vec::new(), Vec::new());
        };
        let sheet = self.values.cells.sheet();
        let text = |span: Option<Span>| {
            span.and_then(|s| text_of(s, sheet, &self.keys))
                .map(str::to_owned)
        };
        self.rows
            .iter()
            .enumerate()
            .filter_map(|(row, r)| {
                let key = LookupKey {
                    email: text(r.email),
                    external_id: text(r.external_id),
                };
                let has_key = match update.match_key {
                    MatchKey::Email => key.email.is_some(),
                    MatchKey::ExternalId => key.external_id.is_some(),
                };
                has_key.then_some((row, key))
            })
            .unzip()
    }

    /// Takes what the lookup found for `rows` (as [`Review::lookup_keys`] listed
    /// them, in order), and checks every row again: each gets its plan, and problems
    /// of matching (two customers; none when the import only updates) show.
    pub fn set_matches(
        &mut self,
        rows: &[usize],
        found: Vec<KeyMatch>,
    ) -> Result<(), MatchMismatch> {
        if rows.len() != found.len() || rows.iter().any(|&r| r >= self.rows.len()) {
            return Err(MatchMismatch);
        }
        self.matched.clear();
        for (&row, found) in rows.iter().zip(found) {
            if let Some(m) = Matched::of(found) {
                self.matched.insert(row, m);
            }
        }
        self.looked_up = true;
        self.check(0..self.rows.len());
        Ok(())
    }
}

#[cfg(test)]
mod tests;
