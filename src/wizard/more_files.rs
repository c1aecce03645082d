//! The import's files after the first (issue 29): the seeds' administrators prepare a
//! file per customer group or account manager and pick them at once. Each is read in
//! the worker as its own (encoding, delimiter, sheet found for it), after the first,
//! whose reading the file step shows. A file whose headings, under the first file's
//! header choice, have the first file's layout joins the import with its mapping; a
//! file of other headings is said so and left for an import of its own.

use customer_import_domain::country::Country;
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
        joins: bool,
    },
}

/// Each file as the worker read it, or why it could not; `None` where it gave no answer.
type Summaries = Vec<Option<Result<FileSummary, ReadError>>>;

/// Each read file's table under the first file's header choice: its rows and its
/// headings' layout.
type Layouts = Vec<Option<(usize, String)>>;

/// The other files, the first file's table key `K` telling which header choice their
/// layouts were compared under.
pub struct MoreFiles<K: 'static> {
    key: Memo<ReadKey>,
    read: LocalResource<Keyed<ReadKey, Summaries>>,
    tables: LocalResource<Keyed<(ReadKey, K), Layouts>>,
}

// Handles to reactive values: copied whatever `K` is.
impl<K> Clone for MoreFiles<K> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<K> Copy for MoreFiles<K> {}

impl<K: Clone + PartialEq + Send + Sync + 'static> MoreFiles<K> {
    /// The files of `files` after the first, read once `first_read` (the first file's
    /// reading is over) and compared with `first_table` (the first file's table key
    /// and its layout's signature).
    pub fn new(
        worker: WorkerClient,
        files: RwSignal<Vec<PickedFile>>,
        country: Signal<Option<Country>>,
        first_read: Signal<bool>,
        first_table: Signal<Option<(K, String, TableChoice)>>,
    ) -> MoreFiles<K> {
        let key = Memo::new(move |_| ReadKey {
            others: files.with(|f| f.iter().skip(1).cloned().collect()),
            count: files.with(Vec::len),
            country: country.get(),
            epoch: worker.epoch.get(),
        });
        let read = LocalResource::new(move || {
            let key = key.get();
            let ready = first_read.get();
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
        let tables = LocalResource::new(move || {
            let key = key.get();
            let summaries = current(read, &key);
            let first = first_table.get();
            async move {
                let (summaries, (first_key, _, first_choice)) = (summaries?, first?);
                let mut tables = Vec::with_capacity(summaries.len());
                for (i, summary) in summaries.iter().enumerate() {
                    let Some(Ok(summary)) = summary else {
                        tables.push(None);
                        continue;
                    };
                    let choice = TableChoice {
                        file: i + 1,
                        sheet: summary.default_sheet,
                        ..first_choice
                    };
                    let table = worker.ask(Table { choice }).await.and_then(Result::ok);
                    tables.push(table.and_then(Result::ok).map(|t| (t.rows, t.signature)));
                }
                Some(((key, first_key), tables))
            }
        });
        MoreFiles { key, read, tables }
    }

    /// Where each of the other files stands, in order, against the first file's
    /// layout `signature` under `table` (its table key).
    pub fn states(&self, table: &K, signature: &str) -> Vec<OtherFile> {
        let key = self.key.get();
        let count = key.others.len();
        let Some(read) = current(self.read, &key) else {
            return vec![OtherFile::Reading; count];
        };
        let tables = current(self.tables, &(key, table.clone()));
        read.into_iter()
            .enumerate()
            .map(|(i, summary)| match summary {
                None => OtherFile::Unreadable(None),
                Some(Err(e)) => OtherFile::Unreadable(Some(e)),
                Some(Ok(_)) => match tables.as_ref().map(|t| t.get(i).cloned().flatten()) {
                    None => OtherFile::Reading,
                    Some(None) => OtherFile::Read {
                        rows: 0,
                        joins: false,
                    },
                    Some(Some((rows, layout))) => OtherFile::Read {
                        rows,
                        joins: layout == signature,
                    },
                },
            })
            .collect()
    }

    /// The default sheet of each other file that was read, by its index among them.
    pub fn default_sheets(&self) -> Vec<Option<usize>> {
        let key = self.key.get_untracked();
        current(self.read, &key)
            .map(|read| {
                read.iter()
                    .map(|r| {
                        r.as_ref()
                            .and_then(|r| r.as_ref().ok())
                            .map(|s| s.default_sheet)
                    })
                    .collect()
            })
            .unwrap_or_default()
    }
}
