//! The import's files after the first (issue 29): the seeds' administrators prepare a
//! file per customer group or account manager and pick them at once. Each is read in
//! the worker as its own (encoding, delimiter, sheet found for it), after the first,
//! whose reading the file step shows. Every file's headings, as the wizard suggests
//! the table (its own sheet, title rows skipped), name its layout: files of one layout
//! share one header choice and one mapping, and a layout of its own gets its own.

use customer_import_domain::{country::Country, mapping::several_files::layout_groups};
use customer_import_worker::protocol::{
    FileSummary, Open, OpenOptions, ReadError, Table, TableChoice,
};
use leptos::prelude::*;

use super::keyed::{Keyed, current};
use crate::{components::drop_zone::PickedFile, worker_client::WorkerClient};

/// What the other files were read under: the files, the project's country, the
/// worker, and how many files the import has (the worker forgets files past it).
#[derive(Debug, Clone, PartialEq)]
struct ReadKey {
    others: Vec<PickedFile>,
    count: usize,
    country: Option<Country>,
    epoch: u64,
}

/// Where one of the other files stands.
#[derive(Debug, Clone, PartialEq)]
pub enum OtherFile {
    Reading,
    /// It could not be read, and why (`None`: the worker gave no answer).
    Unreadable(Option<ReadError>),
    /// Its rows, and whether its headings are the first file's layout.
    Read {
        rows: usize,
        same_as_first: bool,
    },
}

/// Each file as the worker read it, or why it could not; `None` where it gave no answer.
type Summaries = Vec<Option<Result<FileSummary, ReadError>>>;

/// Each file's suggested table (the first file's included): its rows and its
/// headings' layout; `None` for a file without one.
type Layouts = Vec<Option<(usize, String)>>;

#[derive(Clone, Copy)]
pub struct MoreFiles {
    key: Memo<ReadKey>,
    read: LocalResource<Keyed<ReadKey, Summaries>>,
    layouts: LocalResource<Keyed<ReadKey, Layouts>>,
}

impl MoreFiles {
    /// The files of `files` after the first, read once `first` (the first file's
    /// summary) is known.
    pub fn new(
        worker: WorkerClient,
        files: RwSignal<Vec<PickedFile>>,
        country: Signal<Option<Country>>,
        first: Signal<Option<Result<FileSummary, ReadError>>>,
    ) -> MoreFiles {
        let key = Memo::new(move |_| ReadKey {
            others: files.with(|f| f.iter().skip(1).cloned().collect()),
            count: files.with(Vec::len),
            country: country.get(),
            epoch: worker.epoch.get(),
        });
        let read = LocalResource::new(move || {
            let key = key.get();
            let ready = first.with(Option::is_some);
            async move {
                if !ready || key.others.is_empty() {
                    return None;
                }
                let mut read = Vec::with_capacity(key.others.len());
                for (i, file) in key.others.iter().enumerate() {
                    let open = Open {
                        name: file.name.clone(),
                        options: OpenOptions {
                            country: key.country,
                            ..OpenOptions::default()
                        },
                        file: i + 1,
                        files: key.count,
                    };
                    read.push(worker.open(open, &file.file).await.and_then(Result::ok));
                }
                Some((key, read))
            }
        });
        let layouts = LocalResource::new(move || {
            let key = key.get();
            let others = current(read, &key);
            let first = first.get();
            async move {
                let summaries: Summaries = std::iter::once(first).chain(others?).collect();
                let mut layouts = Vec::with_capacity(summaries.len());
                for (file, summary) in summaries.iter().enumerate() {
                    let Some(Ok(summary)) = summary else {
                        layouts.push(None);
                        continue;
                    };
                    let choice = TableChoice {
                        file,
                        sheet: summary.default_sheet,
                        skip_rows: None,
                        has_headers: true,
                    };
                    let table = worker.ask(Table { choice }).await.and_then(Result::ok);
                    layouts.push(table.and_then(Result::ok).map(|t| (t.rows, t.signature)));
                }
                Some((key, layouts))
            }
        });
        MoreFiles { key, read, layouts }
    }

    /// Each file's suggested layout, the first's included, once known.
    fn layouts(&self) -> Option<Layouts> {
        current(self.layouts, &self.key.get())
    }

    /// Where each of the other files stands, in order.
    pub fn states(&self) -> Vec<OtherFile> {
        let key = self.key.get();
        let Some(read) = current(self.read, &key) else {
            return vec![OtherFile::Reading; key.others.len()];
        };
        let layouts = self.layouts();
        let first = layouts.as_ref().and_then(|l| l.first().cloned().flatten());
        read.into_iter()
            .enumerate()
            .map(|(i, summary)| match summary {
                None => OtherFile::Unreadable(None),
                Some(Err(e)) => OtherFile::Unreadable(Some(e)),
                Some(Ok(_)) => match layouts.as_ref().map(|l| l.get(i + 1).cloned().flatten()) {
                    None => OtherFile::Reading,
                    Some(None) => OtherFile::Read {
                        rows: 0,
                        same_as_first: false,
                    },
                    Some(Some((rows, layout))) => OtherFile::Read {
                        rows,
                        same_as_first: first.as_ref().is_some_and(|(_, f)| *f == layout),
                    },
                },
            })
            .collect()
    }

    /// The files by layout, the first file's layout first, each group in the order
    /// picked; files without a layout (unreadable, still reading) in none. Just the
    /// first file while the others are read.
    pub fn groups(&self) -> Vec<Vec<usize>> {
        match self.layouts() {
            Some(layouts) => {
                let signatures: Vec<Option<String>> =
                    layouts.into_iter().map(|l| l.map(|(_, s)| s)).collect();
                layout_groups(&signatures)
            }
            None => vec![vec![0]],
        }
    }

    /// The summary of the import's `file`th file (after the first), once read.
    pub fn summary(&self, file: usize) -> Option<Result<FileSummary, ReadError>> {
        let read = current(self.read, &self.key.get())?;
        read.get(file.checked_sub(1)?).cloned().flatten()
    }
}
