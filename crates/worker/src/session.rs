//! The worker's state for one page: the import's files as read (several, issue 29),
//! the table last asked for in each, and the review of all of them with the user's
//! edits and the server's verdicts. Every question is
//! answered from it; nothing of the file leaves except the rows a table shows and the
//! request bodies of the rows being sent.

use std::{
    collections::HashMap,
    io::{Read, Seek, SeekFrom},
    sync::Arc,
};

use customer_import_domain::validate::FieldError;
use customer_import_reading::{
    read::{Book, ReadError, ReadOptions, Sheet},
    review::{
        Filter, Review,
        failed_rows::{self, FailedKind},
        import_review::ImportReview,
    },
    table::{HeaderOptions, Layout, Table, suggest_skip_rows},
};

use crate::{
    host, lookup,
    open::read_book,
    protocol::{
        self, FailedFile, FileSummary, ListFilter, OpenOptions, Phase, Progress, Question, Refusal,
        Reply, Request, Reviewed, TableChoice, TextSummary, reply,
    },
    row_view::row_view,
    sending,
    table_view::{file_summary, starting_mapping, table_rows, table_summary},
};

/// Why there is no table to answer from.
enum NoTable {
    /// No file read, or no such sheet.
    NotRead,
    /// The sheet, or the header choice on it, gives no table.
    Unreadable(ReadError),
}

/// Only [`protocol::Table`] says why a table cannot be made; the page asks the rest
/// only of a table it was shown.
impl From<NoTable> for Refusal {
    fn from(_: NoTable) -> Refusal {
        Refusal::NotReady
    }
}

#[derive(Default)]
pub struct Session {
    /// The import's files, by their index; `None` where none was read (or could be).
    files: Vec<Option<OpenedFile>>,
    review: Option<ImportReview>,
    /// Review rows per filter (and file), as listed when last asked.
    lists: HashMap<(ListFilter, Option<usize>), Vec<u32>>,
}

/// One file as read.
struct OpenedFile {
    /// Its sheets, shared with the review built from one of them.
    sheets: Vec<Result<Arc<Sheet>, ReadError>>,
    /// The layout of the table last asked for: finding the data rows of a million-row
    /// sheet is worth doing once per choice, not once per scroll.
    layout: Option<(usize, HeaderOptions, Arc<Layout>)>,
    /// Its delimiter, if it is delimited text: its failed rows go back in it.
    delimiter: Option<u8>,
}

/// `question` answered by `answer`, whose type is the question's own.
fn answered<Q: Question>(
    question: Q,
    answer: impl FnOnce(Q) -> Result<Q::Answer, Refusal>,
) -> Reply {
    reply::<Q>(answer(question))
}

impl Session {
    /// Answers `request`, any question but [`protocol::Open`] (which comes with its
    /// file: [`Session::open`]) and [`protocol::MemoryUsed`] (which only the entry
    /// point can answer). Long requests tell `progress` how far they are.
    pub fn handle(&mut self, request: Request, progress: &mut dyn FnMut(Progress)) -> Reply {
        match request {
            Request::Open(_) => Err(Refusal::NoFile),
            Request::MemoryUsed(_) => Err(Refusal::BadRequest),
            Request::Table(q) => answered(q, |q| match self.with_table(q.choice, table_summary) {
                Ok(summary) => Ok(Ok(summary)),
                Err(NoTable::Unreadable(e)) => Ok(Err(e)),
                Err(NoTable::NotRead) => Err(Refusal::NotReady),
            }),
            Request::TableRows(q) => answered(q, |q| {
                self.with_table(q.choice, |table, _| table_rows(table, q.start, q.len))
                    .map_err(Refusal::from)
            }),
            Request::StartingMapping(q) => answered(q, |q| {
                self.with_table(q.choice, |table, _| {
                    starting_mapping(table, &q.fields, q.country, q.today, q.remembered)
                })
                .map_err(Refusal::from)
            }),
            Request::Review(q) => answered(q, |q| {
                // The old review's memory is free before the new one takes its own.
                self.review = None;
                self.lists.clear();
                let mut tables = Vec::with_capacity(q.files.len());
                for file in &q.files {
                    let (sheet, layout, _) = self.table_parts(file.choice)?;
                    tables.push((sheet, layout));
                }
                // One bar for the rows of all files.
                let rows = |(sheet, layout): &(Arc<Sheet>, Arc<Layout>)| {
                    Table::with_layout(sheet, layout).rows()
                };
                let total: usize = tables.iter().map(rows).sum();
                let mut before = 0;
                let mut files = Vec::with_capacity(tables.len());
                for (table, file) in tables.into_iter().zip(&q.files) {
                    let in_file = rows(&table);
                    let (sheet, layout) = table;
                    let review =
                        Review::shared(sheet, layout, &file.mapping, q.setup.clone(), |done, _| {
                            progress(Progress {
                                phase: Phase::Checking,
                                done: (before + done) as u64,
                                total: total as u64,
                            })
                        });
                    before += in_file;
                    files.push(review);
                }
                let mut review = ImportReview::new(files);
                if q.host_checks {
                    review.await_host();
                }
                let reviewed = Reviewed {
                    columns: review.columns(),
                    counts: review.counts(),
                    file_rows: review.files().iter().map(Review::len).collect(),
                };
                self.review = Some(review);
                Ok(reviewed)
            }),
            Request::List(q) => answered(q, |q| {
                self.with_review(|review, lists| {
                    let file = q.file;
                    let rows: Vec<u32> = match q.filter {
                        ListFilter::All => review.visible(Filter::All, file),
                        ListFilter::WithProblems => review.visible(Filter::WithProblems, file),
                        ListFilter::New => review.visible(Filter::New, file),
                        ListFilter::Updates => review.visible(Filter::Updates, file),
                        ListFilter::Failed => review.failed(file),
                    }
                    .into_iter()
                    .map(|r| r as u32)
                    .collect();
                    let n = rows.len();
                    lists.insert((q.filter, file), rows);
                    n
                })
            }),
            Request::Rows(q) => answered(q, |q| {
                self.with_review(|review, lists| {
                    let list = lists
                        .get(&(q.filter, q.file))
                        .map_or(&[][..], Vec::as_slice);
                    let end = list.len().min(q.start.saturating_add(q.len));
                    list[q.start.min(end)..end]
                        .iter()
                        .filter_map(|&r| row_view(review, r as usize))
                        .collect()
                })
            }),
            // The review ignores rows and columns it does not have.
            Request::Edit(q) => answered(q, |q| {
                self.with_review(|review, _| {
                    review
                        .edit(q.row, q.column, &q.text)
                        .map(|_| review.counts())
                })
            }),
            Request::Exclude(q) => answered(q, |q| {
                self.with_review(|review, _| {
                    review
                        .set_excluded(q.row, q.excluded)
                        .map(|()| review.counts())
                })
            }),
            Request::BulkEdit(q) => answered(q, |q| {
                self.with_review(|review, _| protocol::BulkEdited {
                    changed: review.bulk_edit(q.column, &q.edit),
                    counts: review.counts(),
                })
            }),
            Request::Spellings(q) => answered(q, |q| {
                self.with_review(|review, _| review.spellings(q.column))
            }),
            Request::ChooseValues(q) => answered(q, |q| {
                self.with_review(|review, _| protocol::BulkEdited {
                    changed: review.choose_values(q.column, &q.choices),
                    counts: review.counts(),
                })
            }),
            Request::NextChunk(q) => answered(q, |q| {
                self.with_review(|review, _| sending::take_chunk(review, q.max, q.head))
            }),
            Request::Apply(q) => answered(q, |q| {
                self.with_review(|review, _| {
                    sending::apply(review, &q.rows, &q.response_text).map(|()| review.counts())
                })
            }),
            Request::Release(q) => answered(q, |q| {
                self.with_review(|review, _| {
                    review.release(&q.rows);
                    review.counts()
                })
            }),
            Request::LookupRequests(q) => answered(q, |q| {
                self.with_review(|review, _| lookup::lookups(review, q.max))
            }),
            Request::Matches(q) => answered(q, |q| {
                self.with_review(|review, _| {
                    lookup::take_matches(review, &q.rows, &q.answers).map(|()| review.counts())
                })
            }),
            Request::FileCounts(q) => answered(q, |_| {
                self.with_review(|review, _| review.files().iter().map(Review::counts).collect())
            }),
            Request::HostRows(q) => answered(q, |q| {
                self.with_review(|review, _| host::host_rows(review, q.max))
            }),
            Request::HostProblems(q) => answered(q, |q| {
                self.with_review(|review, _| {
                    host::take_problems(review, &q.rows, q.problems);
                    review.counts()
                })
            }),
            Request::HostFailed(q) => answered(q, |q| {
                self.with_review(|review, _| {
                    review.host_failed(&q.rows);
                    review.counts()
                })
            }),
            Request::FailedRows(q) => answered(q, |q| {
                let language = q.language;
                let delimiter = self.file(q.file).ok().and_then(|f| f.delimiter);
                let kind = FailedKind::of_source(delimiter);
                self.with_review(|review, _| {
                    let Some(review) = review.files().get(q.file) else {
                        return FailedFile {
                            kind,
                            bytes: Vec::new(),
                        };
                    };
                    let message = |e: &FieldError| language.problem_in(e, review.fields());
                    match failed_rows::failed_rows_file(review, kind, &q.added, &q.sheet, message) {
                        Ok(bytes) => FailedFile { kind, bytes },
                        // Should the workbook writer fail, the rows still go back, as
                        // a CSV the language's spreadsheets open.
                        Err(_) => {
                            let delimiter = failed_rows::list_separator(language);
                            let csv =
                                failed_rows::failed_rows_csv(review, delimiter, &q.added, message);
                            FailedFile {
                                kind: FailedKind::Delimited(delimiter),
                                bytes: csv.into_bytes(),
                            }
                        }
                    }
                })
            }),
        }
    }

    /// Opens the file `file` holds, as `open` says, the one way for every format
    /// (`open::read_book`); its first rows go to `preview` while the rest is read. A
    /// file beyond the size limit is refused by its size: its bytes are never loaded.
    pub fn open<R: Read + Seek>(
        &mut self,
        open: protocol::Open,
        mut file: R,
        progress: &mut dyn FnMut(Progress),
        preview: &mut dyn FnMut(Vec<Vec<String>>, TextSummary),
    ) -> Result<Result<FileSummary, ReadError>, Refusal> {
        let options = read_options(open.options);
        let size = file.seek(SeekFrom::End(0)).map_err(|_| Refusal::NoFile)?;
        let limit = options.limits.max_file_bytes;
        if size > limit {
            return Ok(Err(ReadError::FileTooBig { size, limit }));
        }
        // The file read there before, the files past the import's and the review
        // are forgotten: their memory may be needed now.
        self.review = None;
        self.lists.clear();
        let index = open.file;
        self.files.resize_with(open.files.max(index + 1), || None);
        self.files[index] = None;
        progress(Progress {
            phase: Phase::Reading,
            done: 0,
            total: size,
        });
        let book =
            read_book(file, size, &open.name, &options, preview).map_err(|_| Refusal::NoFile)?;
        Ok(self.opened(index, book))
    }

    fn opened(
        &mut self,
        index: usize,
        book: Result<Book, ReadError>,
    ) -> Result<FileSummary, ReadError> {
        let book = book?;
        let summary = file_summary(&book);
        let sheets = book.sheets.into_iter().map(|s| s.content.map(Arc::new));
        self.files[index] = Some(OpenedFile {
            sheets: sheets.collect(),
            layout: None,
            delimiter: book.text_layout.as_ref().map(|t| t.delimiter),
        });
        Ok(summary)
    }

    /// The import's `index`th file, if it was read.
    fn file(&self, index: usize) -> Result<&OpenedFile, NoTable> {
        self.files
            .get(index)
            .and_then(Option::as_ref)
            .ok_or(NoTable::NotRead)
    }

    /// Runs `f` on the table `choice` makes, with the header options in effect.
    fn with_table<R>(
        &mut self,
        choice: TableChoice,
        f: impl FnOnce(&Table<'_>, HeaderOptions) -> R,
    ) -> Result<R, NoTable> {
        let (sheet, layout, header) = self.table_parts(choice)?;
        Ok(f(&Table::with_layout(&sheet, &layout), header))
    }

    /// The sheet and layout of the table `choice` makes, and the header options in
    /// effect.
    fn table_parts(
        &mut self,
        choice: TableChoice,
    ) -> Result<(Arc<Sheet>, Arc<Layout>, HeaderOptions), NoTable> {
        let file = self
            .files
            .get_mut(choice.file)
            .and_then(Option::as_mut)
            .ok_or(NoTable::NotRead)?;
        let entry = file.sheets.get(choice.sheet).ok_or(NoTable::NotRead)?;
        let sheet = entry.as_ref().map_err(|e| NoTable::Unreadable(e.clone()))?;
        let header = HeaderOptions {
            skip_rows: choice.skip_rows.unwrap_or_else(|| suggest_skip_rows(sheet)),
            has_headers: choice.has_headers,
        };
        let layout = match &file.layout {
            Some((s, h, layout)) if *s == choice.sheet && *h == header => layout.clone(),
            _ => {
                let layout = Arc::new(Layout::new(sheet, header).map_err(NoTable::Unreadable)?);
                file.layout = Some((choice.sheet, header, layout.clone()));
                layout
            }
        };
        Ok((sheet.clone(), layout, header))
    }

    /// Runs `f` on the review, with the lists made of it.
    fn with_review<R>(
        &mut self,
        f: impl FnOnce(&mut ImportReview, &mut HashMap<(ListFilter, Option<usize>), Vec<u32>>) -> R,
    ) -> Result<R, Refusal> {
        let review = self.review.as_mut().ok_or(Refusal::NotReady)?;
        Ok(f(review, &mut self.lists))
    }
}

fn read_options(options: OpenOptions) -> ReadOptions {
    ReadOptions {
        encoding: options.encoding,
        delimiter: options.delimiter,
        country: options.country,
        ..ReadOptions::default()
    }
}
