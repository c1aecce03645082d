//! The import in progress, shared by the steps through context. It holds what the user
//! chose; the file itself, its tables and the review live in the worker
//! ([`WorkerClient`]), and what the steps show of them is asked for, keyed by the
//! choices it was asked under, so an answer to an older choice is never shown as
//! current.

use std::collections::{BTreeMap, HashMap};

use customer_import_domain::{
    mapping::Mapping,
    validate::{Date, Lists},
    wire::{ImportSchema, ProjectSummary, SharedMappingSave},
};
use customer_import_worker::protocol::{
    self, ChooseValues, Column, Counts, FieldChoices, FileSummary, List, ListFilter, Locked, Open,
    OpenOptions, Origin, Question, ReadError, Reviewed, RowView, Rows, Setup, StartingMapping,
    Table, TableChoice, TableSummary, bulk::BulkEdit,
};
use leptos::prelude::*;

use crate::{
    api::{Api, ApiFailure},
    components::drop_zone::PickedFile,
    steps::file::choices::Overrides,
    steps::mapping::browser_copy,
    steps::mapping::starting::{self, Lookup, Provenance},
    steps::review::comparing::{CompareFailure, compare_with_customers},
    wizard::keyed::{Keyed, current},
    wizard::more_files::MoreFiles,
    wizard::step::Step,
    worker_client::WorkerClient,
};

mod files;

/// The mapping in effect: for which heading layout, and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappingInEffect {
    pub signature: String,
    /// How many columns the file has: saved with the mapping for the organization,
    /// whose headings stay in this browser.
    pub columns: u32,
    pub mapping: Mapping,
    pub origin: Origin,
    /// Who used the remembered mapping and when, or that it is this browser's own;
    /// `None` for a fresh suggestion.
    pub provenance: Option<Provenance>,
}

/// What a read was asked under: the file, the user's overrides, the project's country,
/// and the worker (a new one has read nothing).
#[derive(Debug, Clone, PartialEq)]
struct ReadKey {
    file: Option<PickedFile>,
    /// How many files the import has: the worker forgets the files past them.
    files: usize,
    options: OpenOptions,
    epoch: u64,
}

/// What a table was asked under.
#[derive(Debug, Clone, PartialEq)]
pub struct TableKey {
    read: ReadKey,
    pub choice: TableChoice,
}

/// What a review was built from; the same inputs keep the review and its edits.
/// Another project is checked against its own lists, and its rows were never sent.
#[derive(Debug, Clone, PartialEq)]
struct ReviewInputs {
    project: i64,
    /// The files as picked and read: the same choices on another file are another
    /// review.
    read: ReadKey,
    picked: Vec<PickedFile>,
    /// Every file's table and the mapping its rows are read with, in file order.
    files: Vec<protocol::ReviewFile>,
    create_missing_groups: bool,
}

/// A layout of headings the header and mapping steps do not show now, as the user
/// left it (issue 29): its header choice, the user's own mapping, and, once the
/// steps showed it, its table and the mapping in effect.
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutChoice {
    sheet: Option<usize>,
    skip: Option<usize>,
    has_headers: bool,
    mapping_choice: Option<(String, Mapping)>,
    seen: Option<(TableChoice, MappingInEffect)>,
}

impl Default for LayoutChoice {
    fn default() -> LayoutChoice {
        LayoutChoice {
            sheet: None,
            skip: None,
            has_headers: true,
            mapping_choice: None,
            seen: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum FileState {
    NotPicked,
    Reading,
    /// Read, or what makes it unreadable.
    Read(Result<FileSummary, ReadError>),
    /// The worker gave no answer: it could not start, or broke.
    Failed,
}

#[derive(Clone, Copy)]
pub struct ImportState {
    pub project: RwSignal<Option<ProjectSummary>>,
    /// The files picked for the import, in the order picked (issue 29).
    pub files: RwSignal<Vec<PickedFile>>,
    /// The first file: the one the header and mapping steps show.
    pub file: Memo<Option<PickedFile>>,
    /// The files after the first, as read.
    more: MoreFiles,
    /// The first file of the layout the header and mapping steps show (issue 29).
    pub in_view: RwSignal<usize>,
    /// The layouts not in view, by their first file, as the user left them.
    layouts: RwSignal<HashMap<usize, LayoutChoice>>,
    /// Each file's own values for the whole file (field key → value), by its index.
    pub file_values: RwSignal<Vec<BTreeMap<String, String>>>,
    pub overrides: RwSignal<Overrides>,
    /// The sheet the user picked; the book's default until they do.
    pub sheet_choice: RwSignal<Option<usize>>,
    /// Rows to skip as the user set them; the suggestion until they do.
    pub skip_choice: RwSignal<Option<usize>>,
    pub has_headers: RwSignal<bool>,
    /// The table whose headings the user confirmed though they read like a customer.
    pub headings_confirmed: RwSignal<Option<TableKey>>,
    pub step: RwSignal<Step>,
    /// The fields, units and lists of the chosen project.
    pub schema: LocalResource<Option<Result<ImportSchema, ApiFailure>>>,
    /// The user's own mapping, for the heading layout it was made for.
    pub mapping_choice: RwSignal<Option<(String, Mapping)>>,
    pub create_missing_groups: RwSignal<bool>,
    pub worker: WorkerClient,
    read_key: Memo<ReadKey>,
    /// The file as the worker read it, or why it could not be; `None` inside when the
    /// worker gave no answer (it failed, or was stopped).
    opened: LocalResource<Keyed<ReadKey, Option<Result<FileSummary, ReadError>>>>,
    table_key: Memo<TableKey>,
    table: LocalResource<Keyed<TableKey, Result<TableSummary, ReadError>>>,
    /// The mapping to start from for the current table: remembered or suggested.
    starting_mapping: LocalResource<Keyed<TableKey, MappingInEffect>>,
    /// The review's columns and rows per state as the worker last told them, with the
    /// worker that did: a worker that ended took its review with it.
    built: RwSignal<Option<(u64, Vec<Column>)>>,
    counted: RwSignal<(u64, Counts)>,
    /// The review's columns, while the worker has the review.
    pub review: Memo<Option<Vec<Column>>>,
    /// Rows per state.
    pub counts: Memo<Counts>,
    /// Changes with every new review: lists of its rows are made again.
    pub review_generation: RwSignal<u64>,
    /// Changes whenever any review row may have changed: rows in view are asked again.
    pub review_version: RwSignal<u64>,
    /// True while the worker checks the rows for a new review (and, when the import
    /// updates, while they are compared with the project's customers).
    pub checking: RwSignal<bool>,
    /// Why the last review could not compare its rows with the customers they update.
    pub compare_failed: RwSignal<Option<CompareFailure>>,
    /// Why the review refused the user's last change, until the next one is taken.
    pub refused: RwSignal<Option<Locked>>,
    review_inputs: StoredValue<Option<ReviewInputs>>,
    /// The rows of each file of the review, in file order.
    file_rows: StoredValue<Vec<usize>>,
    /// The user's changes to the review since it was built, in order: made again on
    /// the review checked anew when the user changes whether missing groups are
    /// created.
    changes: StoredValue<Vec<Change>>,
    /// The signed-in user's client, to save the mapping for the organization.
    api: StoredValue<Api, LocalStorage>,
    /// The portal checks the rows too (its row hook, issue 30): every row of a review
    /// waits for it before it is sent.
    pub host_checks: bool,
}

impl ImportState {
    pub fn new(api: Api) -> ImportState {
        let project = RwSignal::new(None::<ProjectSummary>);
        let files = RwSignal::new(Vec::<PickedFile>::new());
        let file = Memo::new(move |_| files.with(|f| f.first().cloned()));
        let overrides = RwSignal::new(Overrides::default());
        let sheet_choice = RwSignal::new(None);
        let skip_choice = RwSignal::new(None);
        let has_headers = RwSignal::new(true);
        let worker = WorkerClient::new({
            let api = api.clone();
            move |file| api.asset_url(file)
        });
        let read_key = Memo::new(move |_| ReadKey {
            file: file.get(),
            files: files.with(Vec::len),
            options: overrides.with(|o| OpenOptions {
                encoding: o.encoding.clone(),
                delimiter: o.delimiter,
                country: project.with(|p| p.as_ref().map(|p| p.country)),
            }),
            epoch: worker.epoch.get(),
        });
        let opened = LocalResource::new(move || {
            let key = read_key.get();
            async move {
                let file = key.file.clone()?;
                let open = Open {
                    name: file.name.clone(),
                    options: key.options.clone(),
                    file: 0,
                    files: key.files,
                };
                let result = worker.open(open, &file.file).await.and_then(Result::ok);
                Some((key, result))
            }
        });
        let more = MoreFiles::new(
            worker,
            files,
            Signal::derive(move || project.with(|p| p.as_ref().map(|p| p.country))),
            Signal::derive(move || current(opened, &read_key.get()).flatten()),
        );
        let in_view = RwSignal::new(0);
        // The summary of the file in view: the first's as the file step read it, or
        // another's.
        let summary_in_view = move |read: &ReadKey| match in_view.get() {
            0 => current(opened, read).flatten(),
            file => more.summary(file),
        };
        let table_key = Memo::new(move |_| {
            let read = read_key.get();
            let default_sheet = summary_in_view(&read)
                .and_then(|r| r.ok())
                .map_or(0, |s| s.default_sheet);
            TableKey {
                choice: TableChoice {
                    file: in_view.get(),
                    sheet: sheet_choice.get().unwrap_or(default_sheet),
                    skip_rows: skip_choice.get(),
                    has_headers: has_headers.get(),
                },
                read,
            }
        });
        let table = LocalResource::new(move || {
            let key = table_key.get();
            let readable = summary_in_view(&key.read).is_some_and(|r| r.is_ok());
            async move {
                if !readable {
                    return None;
                }
                let result = worker.ask(Table { choice: key.choice }).await?.ok()?;
                Some((key, result))
            }
        });
        let project_id = Memo::new(move |_| project.with(|p| p.as_ref().map(|p| p.id)));
        let stored_api = StoredValue::new_local(api.clone());
        let schema = LocalResource::new(move || {
            let api = api.clone();
            let id = project_id.get();
            async move {
                match id {
                    Some(id) => Some(api.schema(id).await),
                    None => None,
                }
            }
        });
        // The organization's mapping for these headings first, this browser's only
        // when the server cannot be reached (`shared_mapping`); the worker decides
        // whether it fits the file and the project.
        let starting_mapping = LocalResource::new(move || {
            let key = table_key.get();
            let table = current(table, &key).and_then(|t| t.ok());
            let schema = schema.get().flatten().and_then(Result::ok);
            let api = stored_api.get_value();
            async move {
                let (table, schema) = (table?, schema?);
                let signature = table.signature;
                let lookup = Lookup::from_answer(api.shared_mapping(&signature).await);
                let candidate = starting::candidate(
                    lookup,
                    || browser_copy::remembered_mapping(&signature),
                    local_date,
                );
                let (remembered, provenance) = candidate.unzip();
                let question = StartingMapping {
                    choice: key.choice,
                    fields: schema.fields.clone(),
                    country: schema.project.country,
                    today: today(),
                    remembered,
                };
                let (mapping, origin) = worker.ask(question).await?.ok()?;
                Some((
                    key,
                    MappingInEffect {
                        signature,
                        columns: u32::try_from(table.headings.len()).unwrap_or(u32::MAX),
                        mapping,
                        origin,
                        provenance: starting::shown(provenance, origin),
                    },
                ))
            }
        });
        let built = RwSignal::new(None::<(u64, Vec<Column>)>);
        let counted = RwSignal::new((0, Counts::default()));
        let review = Memo::new(move |_| {
            let epoch = worker.epoch.get();
            built.with(|b| {
                b.as_ref()
                    .filter(|(e, _)| *e == epoch)
                    .map(|(_, c)| c.clone())
            })
        });
        let counts = Memo::new(move |_| {
            let epoch = worker.epoch.get();
            counted.with(|(e, c)| if *e == epoch { *c } else { Counts::default() })
        });
        ImportState {
            project,
            files,
            file,
            more,
            in_view,
            layouts: RwSignal::new(HashMap::new()),
            file_values: RwSignal::new(Vec::new()),
            overrides,
            sheet_choice,
            skip_choice,
            has_headers,
            headings_confirmed: RwSignal::new(None),
            step: RwSignal::new(Step::Project),
            schema,
            mapping_choice: RwSignal::new(None),
            create_missing_groups: RwSignal::new(false),
            worker,
            read_key,
            opened,
            table_key,
            table,
            starting_mapping,
            built,
            counted,
            review,
            counts,
            review_generation: RwSignal::new(0),
            review_version: RwSignal::new(0),
            checking: RwSignal::new(false),
            compare_failed: RwSignal::new(None),
            refused: RwSignal::new(None),
            review_inputs: StoredValue::new(None),
            file_rows: StoredValue::new(Vec::new()),
            changes: StoredValue::new(Vec::new()),
            api: stored_api,
            host_checks: false,
        }
    }

    /// Where the picked file stands.
    pub fn file_state(&self) -> FileState {
        if self.file.with(Option::is_none) {
            return FileState::NotPicked;
        }
        match current(self.opened, &self.read_key.get()) {
            None => FileState::Reading,
            Some(None) => FileState::Failed,
            Some(Some(result)) => FileState::Read(result),
        }
    }

    /// The file as read, once it could be.
    pub fn opened(&self) -> Option<FileSummary> {
        match self.file_state() {
            FileState::Read(Ok(summary)) => Some(summary),
            _ => None,
        }
    }

    /// The table under the sheet and header choices in effect; `None` while asked.
    pub fn table(&self) -> Option<Result<TableSummary, ReadError>> {
        current(self.table, &self.table_key.get())
    }

    /// The row taken as headings reads like a customer and the user has not said
    /// whether it is headings: the header step asks, and Continue waits.
    pub fn headings_in_doubt(&self) -> bool {
        let doubt = self
            .table()
            .is_some_and(|t| t.is_ok_and(|t| t.headings_look_like_data));
        doubt && self.headings_confirmed.get().as_ref() != Some(&self.table_key.get())
    }

    /// The headings in doubt are headings: the table stays as it is.
    pub fn confirm_headings(&self) {
        self.headings_confirmed
            .set(Some(self.table_key.get_untracked()));
    }

    /// The sheet and header choices in effect, as the worker is asked them.
    pub fn table_choice(&self) -> TableKey {
        self.table_key.get()
    }

    /// The sheet in effect.
    pub fn sheet(&self) -> usize {
        self.table_key.with(|k| k.choice.sheet)
    }

    /// The mapping in effect: the user's own for these headings, else the starting one.
    pub fn mapping(&self) -> Option<MappingInEffect> {
        let mut start = current(self.starting_mapping, &self.table_key.get())?;
        if let Some((signature, mapping)) = self.mapping_choice.get()
            && signature == start.signature
        {
            start.mapping = mapping;
        }
        Some(start)
    }

    pub fn set_mapping(&self, mapping: Mapping) {
        if let Some(start) = self.mapping() {
            self.mapping_choice.set(Some((start.signature, mapping)));
        }
    }

    /// Has the worker build the review from the choices in effect, keeping the current
    /// one (and the user's edits in it) when nothing it was built from has changed.
    /// Remembers the mapping for the next file with the same headings. False when
    /// there is nothing to review yet, or the check was cancelled.
    pub async fn build_review(self) -> bool {
        let Some(Some(Ok(schema))) = self.schema.get_untracked() else {
            return false;
        };
        let Some(layouts) = self.seen_layouts() else {
            return false;
        };
        let here = self.in_view.get_untracked();
        let Some(effect) = layouts
            .iter()
            .find(|(lead, _, _)| *lead == here)
            .map(|(_, _, e)| e.clone())
        else {
            return false;
        };
        let inputs = ReviewInputs {
            project: schema.project.id,
            read: self.read_key.get_untracked(),
            picked: self.files.get_untracked(),
            files: self.review_files(&layouts, &effect),
            create_missing_groups: self.create_missing_groups.get_untracked(),
        };
        if self.review_inputs.get_value().as_ref() == Some(&inputs)
            && self.review.with_untracked(Option::is_some)
        {
            return true;
        }
        for (_, _, effect) in &layouts {
            self.remember(effect);
        }
        let setup = Setup {
            fields: schema.fields.clone(),
            lists: Lists {
                units: Some(schema.units.clone()),
                company_types: Some(schema.company_types.clone()),
                groups: Some(schema.groups.clone()),
                create_missing_groups: inputs.create_missing_groups,
                account_managers: Some(schema.account_managers.clone()),
            },
            country: schema.project.country,
            today: today(),
        };
        let updates = effect.mapping.mode.updates();
        let question = protocol::Review {
            files: inputs.files.clone(),
            setup,
            host_checks: self.host_checks,
        };
        self.built.set(None);
        self.review_inputs.set_value(None);
        self.compare_failed.set(None);
        self.checking.set(true);
        let answer = self.worker.ask(question).await;
        let Some(Ok(Reviewed {
            columns,
            counts,
            file_rows,
        })) = answer
        else {
            self.checking.set(false);
            return false;
        };
        // An import that updates shows each row against its customer as it is now.
        let counts = if updates {
            let api = self.api.get_value();
            match compare_with_customers(self.worker, &api, inputs.project).await {
                Ok(counts) => counts,
                Err(failure) => {
                    self.checking.set(false);
                    self.compare_failed.set(Some(failure));
                    return false;
                }
            }
        } else {
            counts
        };
        self.checking.set(false);
        self.built
            .set(Some((self.worker.epoch.get_untracked(), columns)));
        self.set_counts(counts);
        self.review_generation.update(|g| *g += 1);
        self.review_version.update(|v| *v += 1);
        self.review_inputs.set_value(Some(inputs));
        self.file_rows.set_value(file_rows);
        self.changes.set_value(Vec::new());
        true
    }

    /// Whether the review may be checked again under another setting of
    /// `create_missing_groups`: not once rows were sent, whose review must stay.
    pub fn may_recheck(&self) -> bool {
        self.counts.with(|c| c.sent == 0 && c.saved() == 0)
    }

    /// Creates missing groups or not, as the user switched it on the review, and
    /// checks the rows again as Continue on the mapping step does; the user's changes
    /// to the review are made again on it. False when the rows could not be checked.
    pub async fn recheck_groups(self, create: bool) -> bool {
        if !self.may_recheck() {
            return false;
        }
        self.create_missing_groups.set(create);
        let changes = self.changes.get_value();
        if !self.build_review().await {
            return false;
        }
        for change in &changes {
            if let Some(counts) = change.clone().make(self.worker).await {
                self.set_counts(counts);
            }
        }
        self.changes.set_value(changes);
        self.review_version.update(|v| *v += 1);
        true
    }

    /// Keeps the mapping for the next file with the same headings: in this browser,
    /// and for the organization on the server (not awaited: a save that fails only
    /// costs the suggestion, and the browser's copy stands in while offline).
    fn remember(&self, effect: &MappingInEffect) {
        browser_copy::remember_mapping(&effect.signature, &effect.mapping);
        let api = self.api.get_value();
        let signature = effect.signature.clone();
        let save = SharedMappingSave {
            columns: effect.columns,
            mapping: effect.mapping.clone(),
        };
        leptos::task::spawn_local(async move {
            let _ = api.save_mapping(&signature, &save).await;
        });
    }

    /// Stops what the worker is doing (reading or checking). What it held is gone: a
    /// file still picked is read again.
    pub fn cancel_work(&self) {
        self.worker.cancel();
        self.review_inputs.set_value(None);
    }

    /// Takes the rows per state the worker counted.
    pub fn set_counts(&self, counts: Counts) {
        self.counted
            .set((self.worker.epoch.get_untracked(), counts));
    }

    /// Asks the worker to change a row of the review (`protocol::Edit`, `Exclude`),
    /// then takes its new counts, or why the row refused the change. The change is
    /// kept, to be made again on a review checked anew.
    pub fn change_review<Q>(self, change: Q)
    where
        Q: Question<Answer = Result<Counts, Locked>> + Into<Change> + Clone + 'static,
    {
        self.changes.update_value(|c| c.push(change.clone().into()));
        leptos::task::spawn_local(async move {
            let (counts, refused) = match self.worker.ask(change).await {
                Some(Ok(Ok(counts))) => (Some(counts), None),
                Some(Ok(Err(why))) => (None, Some(why)),
                Some(Err(_)) | None => (None, None),
            };
            self.refused.set(refused);
            self.take_counts(counts);
        });
    }

    /// Takes the counts the worker answered a change of the review with, and says
    /// whether there were any; rows in view are asked again either way.
    pub fn take_counts(&self, counts: Option<Counts>) -> bool {
        self.review_version.update(|v| *v += 1);
        let Some(counts) = counts else {
            return false;
        };
        self.set_counts(counts);
        true
    }

    /// Has the worker apply `edit` to `column` on every row that can change; takes
    /// the new counts and has the rows in view asked again. How many cells changed,
    /// `None` when the worker has no review (it broke or was stopped).
    pub async fn bulk_edit(self, column: usize, edit: BulkEdit) -> Option<usize> {
        let question = protocol::BulkEdit { column, edit };
        self.changes
            .update_value(|c| c.push(Change::Bulk(question.clone())));
        let answer = self.worker.ask(question).await;
        self.review_version.update(|v| *v += 1);
        let edited = answer?.ok()?;
        self.set_counts(edited.counts);
        Some(edited.changed)
    }

    /// Maps the spellings of `choices` in `column` (which feeds `field`) to the items
    /// chosen, on every row holding them, and keeps the choices with the layout's
    /// mapping for the next file spelled the same way. The review already reads them,
    /// so it is not built again for them. How many cells changed, `None` when the
    /// worker has no review.
    pub async fn choose_values(
        self,
        column: usize,
        field: String,
        choices: FieldChoices,
    ) -> Option<usize> {
        let question = ChooseValues {
            column,
            choices: choices.clone(),
        };
        self.changes
            .update_value(|c| c.push(Change::Values(question.clone())));
        let answer = self.worker.ask(question).await;
        self.review_version.update(|v| *v += 1);
        let chosen = answer?.ok()?;
        self.set_counts(chosen.counts);
        // Every layout's mapping keeps the choices, and so does every file's in the
        // review's inputs: the review read them already.
        let choose = |mapping: &mut Mapping| {
            for (spelling, choice) in &choices {
                mapping.choose_value(&field, spelling, choice.clone());
            }
        };
        if let Some(mut effect) = self.mapping() {
            choose(&mut effect.mapping);
            self.set_mapping(effect.mapping.clone());
            self.remember(&effect);
        }
        self.layouts.update(|layouts| {
            for layout in layouts.values_mut() {
                if let Some((_, mapping)) = &mut layout.mapping_choice {
                    choose(mapping);
                }
                if let Some((_, effect)) = &mut layout.seen {
                    choose(&mut effect.mapping);
                    self.remember(effect);
                }
            }
        });
        self.review_inputs.update_value(|inputs| {
            for file in inputs.iter_mut().flat_map(|i| i.files.iter_mut()) {
                choose(&mut file.mapping);
            }
        });
        Some(chosen.changed)
    }

    /// Lists the review rows `filter` shows (of one file, or all), now; their number.
    pub async fn list(self, filter: ListFilter, file: Option<usize>) -> usize {
        let listed = self.worker.ask(List { filter, file }).await;
        listed.and_then(Result::ok).unwrap_or(0)
    }

    /// The review rows at positions `start..start + len` of the list last made for
    /// `filter`, as they stand now; `None` when the worker has no review.
    pub async fn review_rows(
        self,
        filter: ListFilter,
        file: Option<usize>,
        start: usize,
        len: usize,
    ) -> Option<Vec<RowView>> {
        self.worker
            .ask(Rows {
                filter,
                file,
                start,
                len,
            })
            .await?
            .ok()
    }

    /// New files: earlier choices about the previous ones no longer apply, nor does
    /// creating missing groups, which the user allows for one import at a time.
    pub fn pick(&self, files: Vec<PickedFile>) {
        if files.is_empty() {
            return;
        }
        self.create_missing_groups.set(false);
        self.overrides.set(Overrides::default());
        self.sheet_choice.set(None);
        self.skip_choice.set(None);
        self.has_headers.set(true);
        self.file_values.set(vec![BTreeMap::new(); files.len()]);
        self.in_view.set(0);
        self.layouts.set(HashMap::new());
        self.files.set(files);
    }

    pub fn forget_file(&self) {
        self.files.set(Vec::new());
        self.file_values.set(Vec::new());
        self.in_view.set(0);
        self.layouts.set(HashMap::new());
    }
}

/// Today in the user's time zone, for "a birth date is not in the future".
pub fn today() -> Date {
    day_of(&js_sys::Date::new_0())
}

/// The day `unix` seconds fall on in the user's time zone.
pub fn local_date(unix: i64) -> Date {
    day_of(&js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(
        unix as f64 * 1000.0,
    )))
}

fn day_of(now: &js_sys::Date) -> Date {
    Date::new(
        now.get_full_year() as i32,
        (now.get_month() + 1) as u8,
        now.get_date() as u8,
    )
    .unwrap_or(Date {
        year: 2000,
        month: 1,
        day: 1,
    })
}

/// A change the user made to a review, kept to be made again on the review checked
/// anew (when missing groups are switched on or off in the review).
#[derive(Debug, Clone)]
pub enum Change {
    Edit(protocol::Edit),
    Exclude(protocol::Exclude),
    Bulk(protocol::BulkEdit),
    Values(ChooseValues),
}

impl From<protocol::Edit> for Change {
    fn from(edit: protocol::Edit) -> Change {
        Change::Edit(edit)
    }
}

impl From<protocol::Exclude> for Change {
    fn from(exclude: protocol::Exclude) -> Change {
        Change::Exclude(exclude)
    }
}

impl Change {
    /// Makes the change again; the review's counts after it, if it took.
    async fn make(self, worker: WorkerClient) -> Option<Counts> {
        match self {
            Change::Edit(q) => worker.ask(q).await?.ok()?.ok(),
            Change::Exclude(q) => worker.ask(q).await?.ok()?.ok(),
            Change::Bulk(q) => Some(worker.ask(q).await?.ok()?.counts),
            Change::Values(q) => Some(worker.ask(q).await?.ok()?.counts),
        }
    }
}
