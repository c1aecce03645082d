//! The import in progress, shared by the steps through context. It holds only what
//! the user chose; everything else (the read file, the sheet and header in effect,
//! the preview) is derived, so nothing can fall out of step.

use customer_import_domain::{
    mapping::Mapping,
    read::ReadError,
    review::{Counts, Review, Setup},
    table::{HeaderOptions, Layout, Table},
    validate::{Date, Lists},
    wire::{ImportSchema, ProjectSummary},
};
use leptos::prelude::*;

use crate::{
    api::{Api, ApiFailure},
    components::drop_zone::PickedFile,
    mapping::{Origin, starting_mapping, table_signature},
    memory,
    reading::{Overrides, Parsed, Preview, preview, read, suggested_skip},
};

/// The wizard's steps, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    Project,
    File,
    Header,
    Mapping,
    Review,
    Save,
}

impl Step {
    pub const ALL: [Step; 6] = [
        Step::Project,
        Step::File,
        Step::Header,
        Step::Mapping,
        Step::Review,
        Step::Save,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    /// The step's name in the events a portal receives, and in its heading's id.
    pub fn name(self) -> &'static str {
        match self {
            Step::Project => "project",
            Step::File => "file",
            Step::Header => "header",
            Step::Mapping => "mapping",
            Step::Review => "review",
            Step::Save => "save",
        }
    }

    /// The id of the step's heading, which takes the focus when the step opens.
    pub fn heading_id(self) -> String {
        format!("{}-heading", self.name())
    }

    pub fn previous(self) -> Option<Step> {
        Step::ALL.get(self.index().checked_sub(1)?).copied()
    }

    pub fn next(self) -> Option<Step> {
        Step::ALL.get(self.index() + 1).copied()
    }
}

/// The mapping in effect: for which heading layout, and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappingInEffect {
    pub signature: String,
    pub mapping: Mapping,
    pub origin: Origin,
}

/// What a review was built from; the same inputs keep the review and its edits.
#[derive(Debug, Clone, PartialEq)]
struct ReviewInputs {
    parsed: Parsed,
    sheet: usize,
    header: HeaderOptions,
    mapping: Mapping,
    create_missing_groups: bool,
}

#[derive(Clone, Copy)]
pub struct ImportState {
    pub project: RwSignal<Option<ProjectSummary>>,
    pub file: RwSignal<Option<PickedFile>>,
    pub overrides: RwSignal<Overrides>,
    /// The sheet the user picked; the book's default until they do.
    pub sheet_choice: RwSignal<Option<usize>>,
    /// Rows to skip as the user set them; the suggestion until they do.
    pub skip_choice: RwSignal<Option<usize>>,
    pub has_headers: RwSignal<bool>,
    pub step: RwSignal<Step>,
    /// The fields, units and lists of the chosen project.
    pub schema: LocalResource<Option<Result<ImportSchema, ApiFailure>>>,
    /// The user's own mapping, for the heading layout it was made for.
    pub mapping_choice: RwSignal<Option<(String, Mapping)>>,
    pub create_missing_groups: RwSignal<bool>,
    /// The customers being reviewed and saved; built when the user leaves the mapping.
    pub review: RwSignal<Option<Review>>,
    /// Rows per state, counted once per change of the review for every reader.
    pub counts: Memo<Counts>,
    review_inputs: StoredValue<Option<ReviewInputs>>,
    /// The mapping to start from for the current table: remembered or suggested.
    starting_mapping: Memo<Option<MappingInEffect>>,
    /// The file as read, or why it could not be. Read again only when the file, the
    /// overrides or the project's country change.
    pub parsed: Memo<Option<Parsed>>,
    /// Which rows make the table: found once per file and header choice, not for every
    /// row drawn.
    table_layout: Memo<Option<Layout>>,
}

impl ImportState {
    pub fn new(api: Api) -> ImportState {
        let project = RwSignal::new(None::<ProjectSummary>);
        let file = RwSignal::new(None::<PickedFile>);
        let overrides = RwSignal::new(Overrides::default());
        let sheet_choice = RwSignal::new(None);
        let skip_choice = RwSignal::new(None);
        let has_headers = RwSignal::new(true);
        let parsed = Memo::new(move |_| {
            let country = project.with(|p| p.as_ref().map(|p| p.country));
            file.with(|f| f.as_ref().map(|f| read(f, &overrides.get(), country)))
        });
        let table_layout = Memo::new(move |_| {
            let sheet = chosen_sheet(parsed, sheet_choice);
            let header = chosen_header(parsed, sheet, skip_choice, has_headers);
            parsed.with(|p| {
                let book = p.as_ref()?.0.as_ref().as_ref().ok()?;
                let content = book.sheets.get(sheet)?.content.as_ref().ok()?;
                Layout::new(content, header).ok()
            })
        });
        let project_id = Memo::new(move |_| project.with(|p| p.as_ref().map(|p| p.id)));
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
        let starting_mapping = Memo::new(move |_| {
            let schema = schema.get().flatten()?.ok()?;
            let country = project.with(|p| p.as_ref().map(|p| p.country))?;
            table_of(parsed, sheet_choice, table_layout, |table| {
                let signature = table_signature(table);
                let remembered = memory::remembered_mapping(&signature);
                let (mapping, origin) =
                    starting_mapping(table, &schema.fields, country, today(), remembered);
                MappingInEffect {
                    signature,
                    mapping,
                    origin,
                }
            })
        });
        let review = RwSignal::new(None::<Review>);
        let counts =
            Memo::new(move |_| review.with(|r| r.as_ref().map(Review::counts).unwrap_or_default()));
        ImportState {
            project,
            file,
            overrides,
            sheet_choice,
            skip_choice,
            has_headers,
            step: RwSignal::new(Step::Project),
            schema,
            mapping_choice: RwSignal::new(None),
            create_missing_groups: RwSignal::new(false),
            review,
            counts,
            review_inputs: StoredValue::new(None),
            starting_mapping,
            parsed,
            table_layout,
        }
    }

    /// The table under the header choices in effect, if the file reads as one.
    pub fn with_table<R>(&self, f: impl FnOnce(&Table<'_>) -> R) -> Option<R> {
        table_of(self.parsed, self.sheet_choice, self.table_layout, f)
    }

    /// The mapping in effect: the user's own for these headings, else the starting one.
    pub fn mapping(&self) -> Option<MappingInEffect> {
        let mut start = self.starting_mapping.get()?;
        if let Some((signature, mapping)) = self.mapping_choice.get()
            && signature == start.signature
        {
            start.mapping = mapping;
        }
        Some(start)
    }

    pub fn set_mapping(&self, mapping: Mapping) {
        if let Some(start) = self.starting_mapping.get_untracked() {
            self.mapping_choice.set(Some((start.signature, mapping)));
        }
    }

    /// Builds the review from the choices in effect, keeping the current one (and the
    /// user's edits in it) when nothing it was built from has changed. Remembers the
    /// mapping for the next file with the same headings. False when there is nothing
    /// to review yet (no schema or no table).
    pub fn prepare_review(&self) -> bool {
        let Some(Some(Ok(schema))) = self.schema.get_untracked() else {
            return false;
        };
        let Some(effect) = self.mapping() else {
            return false;
        };
        let Some(parsed) = self.parsed.get_untracked() else {
            return false;
        };
        let inputs = ReviewInputs {
            parsed,
            sheet: self.sheet(),
            header: self.header_options(),
            mapping: effect.mapping.clone(),
            create_missing_groups: self.create_missing_groups.get_untracked(),
        };
        if self.review_inputs.get_value().as_ref() == Some(&inputs)
            && self.review.with_untracked(Option::is_some)
        {
            return true;
        }
        memory::remember_mapping(&effect.signature, &effect.mapping);
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
        let Some(review) = self.with_table(|table| Review::new(table, &effect.mapping, setup))
        else {
            return false;
        };
        self.review.set(Some(review));
        self.review_inputs.set_value(Some(inputs));
        true
    }

    /// A new file: earlier choices about the previous file no longer apply.
    pub fn pick(&self, file: PickedFile) {
        self.overrides.set(Overrides::default());
        self.sheet_choice.set(None);
        self.skip_choice.set(None);
        self.has_headers.set(true);
        self.file.set(Some(file));
    }

    pub fn forget_file(&self) {
        self.file.set(None);
    }

    /// The sheet in effect.
    pub fn sheet(&self) -> usize {
        chosen_sheet(self.parsed, self.sheet_choice)
    }

    /// The preview under the header choices in effect; `None` before a file is read.
    pub fn preview(&self) -> Option<Result<Preview, ReadError>> {
        let header = self.header_options();
        let sheet = self.sheet();
        self.parsed.with(|p| {
            p.as_ref().map(|p| match p.0.as_ref() {
                Ok(book) => preview(book, sheet, header),
                Err(e) => Err(e.clone()),
            })
        })
    }

    pub fn header_options(&self) -> HeaderOptions {
        chosen_header(
            self.parsed,
            self.sheet(),
            self.skip_choice,
            self.has_headers,
        )
    }
}

/// The sheet in effect: the user's pick, else the book's default.
/// Runs `f` on the table the file, sheet and header choices make, if there is one.
fn table_of<R>(
    parsed: Memo<Option<Parsed>>,
    sheet_choice: RwSignal<Option<usize>>,
    layout: Memo<Option<Layout>>,
    f: impl FnOnce(&Table<'_>) -> R,
) -> Option<R> {
    let sheet = chosen_sheet(parsed, sheet_choice);
    layout.with(|layout| {
        let layout = layout.as_ref()?;
        parsed.with(|p| {
            let book = p.as_ref()?.0.as_ref().as_ref().ok()?;
            let content = book.sheets.get(sheet)?.content.as_ref().ok()?;
            Some(f(&Table::with_layout(content, layout)))
        })
    })
}

fn chosen_sheet(parsed: Memo<Option<Parsed>>, choice: RwSignal<Option<usize>>) -> usize {
    let default = parsed.with(|p| match p.as_ref().map(|p| p.0.as_ref()) {
        Some(Ok(book)) => book.default_sheet(),
        _ => 0,
    });
    choice.get().unwrap_or(default)
}

/// The header choices in effect on `sheet`: the user's, else the suggested skip.
fn chosen_header(
    parsed: Memo<Option<Parsed>>,
    sheet: usize,
    skip_choice: RwSignal<Option<usize>>,
    has_headers: RwSignal<bool>,
) -> HeaderOptions {
    let suggested = parsed.with(|p| match p.as_ref().map(|p| p.0.as_ref()) {
        Some(Ok(book)) => suggested_skip(book, sheet),
        _ => 0,
    });
    HeaderOptions {
        skip_rows: skip_choice.get().unwrap_or(suggested),
        has_headers: has_headers.get(),
    }
}

/// Today in the user's time zone, for "a birth date is not in the future".
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
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
