//! The import in progress, shared by the steps through context. It holds only what
//! the user chose; everything else (the read file, the sheet and header in effect,
//! the preview) is derived, so nothing can fall out of step.

use customer_import_domain::{read::ReadError, table::HeaderOptions, wire::ProjectSummary};
use leptos::prelude::*;

use crate::{
    components::drop_zone::PickedFile,
    reading::{Overrides, Parsed, Preview, preview, read, suggested_skip},
};

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
    /// The file as read, or why it could not be. Read again only when the file, the
    /// overrides or the project's country change.
    pub parsed: Memo<Option<Parsed>>,
}

impl ImportState {
    pub fn new() -> ImportState {
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
        ImportState {
            project,
            file,
            overrides,
            sheet_choice,
            skip_choice,
            has_headers,
            parsed,
        }
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
        let default = self
            .parsed
            .with(|p| match p.as_ref().map(|p| p.0.as_ref()) {
                Some(Ok(book)) => book.default_sheet(),
                _ => 0,
            });
        self.sheet_choice.get().unwrap_or(default)
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
        let sheet = self.sheet();
        let suggested = self
            .parsed
            .with(|p| match p.as_ref().map(|p| p.0.as_ref()) {
                Some(Ok(book)) => suggested_skip(book, sheet),
                _ => 0,
            });
        HeaderOptions {
            skip_rows: self.skip_choice.get().unwrap_or(suggested),
            has_headers: self.has_headers.get(),
        }
    }
}

impl Default for ImportState {
    fn default() -> ImportState {
        ImportState::new()
    }
}
