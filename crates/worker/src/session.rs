//! The worker's state for one page: the file as read, the table last asked for, and
//! the review with the user's edits and the server's verdicts. Every request is
//! answered from it; nothing of the file leaves except the rows a table shows and the
//! mapped fields of the rows being sent.

use std::{
    collections::HashMap,
    io::{Read, Seek},
    sync::Arc,
};

use customer_import_reading::{
    read::{Book, ReadError, ReadOptions, Sheet, preview, read_file_owned, read_zip_workbook},
    review::{Filter, Review, failed_rows},
    table::{HeaderOptions, Layout, Table, suggest_skip_rows},
};

use crate::{
    protocol::{
        Answer, ListFilter, OpenOptions, Phase, Progress, Request, TableChoice, TextSummary,
    },
    row_view::row_view,
    table_view::{file_summary, starting_mapping, table_rows, table_summary, text_summary},
};

/// Why there is no table to answer from.
enum NoTable {
    /// No file read, or no such sheet.
    NotRead,
    /// The sheet, or the header choice on it, gives no table.
    Unreadable(ReadError),
}

impl From<NoTable> for Answer {
    fn from(missing: NoTable) -> Answer {
        match missing {
            NoTable::NotRead => Answer::NotReady,
            NoTable::Unreadable(e) => Answer::Table(Err(e)),
        }
    }
}

#[derive(Default)]
pub struct Session {
    /// The sheets of the file read, shared with the review built from one of them.
    sheets: Option<Vec<Result<Arc<Sheet>, ReadError>>>,
    /// The layout of the table last asked for: finding the data rows of a million-row
    /// sheet is worth doing once per choice, not once per scroll.
    layout: Option<(usize, HeaderOptions, Arc<Layout>)>,
    review: Option<Review>,
    /// Review rows per filter, as listed when last asked.
    lists: HashMap<ListFilter, Vec<u32>>,
    /// The delimiter of the file read, if it is delimited text: the failed rows go
    /// back in it.
    delimiter: Option<u8>,
}

impl Session {
    /// Answers `request`; `bytes` are the file's with [`Request::Open`]. Long requests
    /// tell `progress` how far they are.
    pub fn handle(
        &mut self,
        request: Request,
        bytes: Option<Vec<u8>>,
        progress: &mut dyn FnMut(Progress),
    ) -> Answer {
        match request {
            Request::Open { name, options } => match bytes {
                Some(bytes) => self.open(&name, bytes, options, progress),
                None => Answer::BadRequest,
            },
            Request::Table { choice } => self
                .with_table(choice, |table, header| {
                    Answer::Table(Ok(table_summary(table, header)))
                })
                .unwrap_or_else(Answer::from),
            Request::TableRows { choice, start, len } => self
                .with_table(choice, |table, _| {
                    Answer::TableRows(table_rows(table, start, len))
                })
                .unwrap_or_else(Answer::from),
            Request::StartingMapping {
                choice,
                fields,
                country,
                today,
                remembered,
            } => self
                .with_table(choice, |table, _| {
                    let (mapping, origin) =
                        starting_mapping(table, &fields, country, today, remembered);
                    Answer::StartingMapping(mapping, origin)
                })
                .unwrap_or_else(Answer::from),
            Request::Review {
                choice,
                mapping,
                setup,
            } => {
                // The old review's memory is free before the new one takes its own.
                self.review = None;
                self.lists.clear();
                let built = self.table_parts(choice).map(|(sheet, layout, _)| {
                    Review::shared(sheet, layout, &mapping, setup, |done, total| {
                        progress(Progress {
                            phase: Phase::Checking,
                            done: done as u64,
                            total: total as u64,
                        })
                    })
                });
                match built {
                    Ok(review) => {
                        let answer = Answer::Reviewed {
                            columns: review.columns().to_vec(),
                            counts: review.counts(),
                        };
                        self.review = Some(review);
                        answer
                    }
                    Err(missing) => missing.into(),
                }
            }
            Request::List { filter } => self.with_review(|review, lists| {
                let rows: Vec<u32> = match filter {
                    ListFilter::All => review.visible(Filter::All),
                    ListFilter::WithProblems => review.visible(Filter::WithProblems),
                    ListFilter::Failed => review.failed(),
                }
                .into_iter()
                .map(|r| r as u32)
                .collect();
                let n = rows.len();
                lists.insert(filter, rows);
                Answer::Listed(n)
            }),
            Request::Rows { filter, start, len } => self.with_review(|review, lists| {
                let list = lists.get(&filter).map_or(&[][..], Vec::as_slice);
                let end = list.len().min(start.saturating_add(len));
                Answer::Rows(
                    list[start.min(end)..end]
                        .iter()
                        .map(|&r| row_view(review, r as usize))
                        .collect(),
                )
            }),
            // The review ignores rows and columns it does not have.
            Request::Edit { row, column, text } => {
                self.with_review(|review, _| match review.edit(row, column, &text) {
                    Ok(_) => Answer::Counts(review.counts()),
                    Err(locked) => Answer::Locked(locked),
                })
            }
            Request::Exclude { row, excluded } => {
                self.with_review(|review, _| match review.set_excluded(row, excluded) {
                    Ok(()) => Answer::Counts(review.counts()),
                    Err(locked) => Answer::Locked(locked),
                })
            }
            Request::BulkEdit { column, edit } => self.with_review(|review, _| {
                let changed = review.bulk_edit(column, &edit);
                Answer::BulkEdited {
                    changed,
                    counts: review.counts(),
                }
            }),
            Request::NextChunk { max } => self.with_review(|review, _| {
                let (rows, sent) = review.take_chunk(max);
                Answer::Chunk {
                    rows,
                    sent,
                    counts: review.counts(),
                }
            }),
            Request::Release { rows } => self.with_review(|review, _| {
                review.release(&rows);
                Answer::Counts(review.counts())
            }),
            Request::Apply { rows, verdicts } => {
                self.with_review(|review, _| match review.apply(&rows, &verdicts) {
                    Ok(()) => Answer::Counts(review.counts()),
                    Err(_) => Answer::VerdictMismatch,
                })
            }
            // Only the entry point knows the wasm memory.
            Request::MemoryUsed => Answer::BadRequest,
            Request::FailedRows {
                language,
                error_heading,
            } => {
                let delimiter = self
                    .delimiter
                    .unwrap_or_else(|| failed_rows::list_separator(language));
                self.with_review(|review, _| {
                    let review = &*review;
                    Answer::FailedRows(failed_rows::failed_rows_csv(
                        review,
                        delimiter,
                        &error_heading,
                        |e| language.problem_in(e, review.fields()),
                    ))
                })
            }
        }
    }

    /// Rows shown from the start of a file while the rest is read.
    pub const PREVIEW_ROWS: usize = 10;

    /// The first rows of the file being opened, from its first bytes `start` (all of
    /// it when `complete`), to show while the rest is read.
    pub fn preview(
        start: &[u8],
        complete: bool,
        name: &str,
        options: &OpenOptions,
    ) -> Option<(Vec<Vec<String>>, TextSummary)> {
        let options = read_options(options.clone());
        let first = preview::first_rows(start, complete, name, &options, Self::PREVIEW_ROWS)?;
        Some((first.rows, text_summary(&first.layout)))
    }

    /// The answer to opening a file of `size` bytes without reading it, when it is
    /// larger than can be read: its bytes are then never loaded.
    pub fn refuse_size(size: u64) -> Option<Answer> {
        let limit = ReadOptions::default().limits.max_file_bytes;
        (size > limit).then_some(Answer::Opened(Err(ReadError::FileTooBig { size, limit })))
    }

    fn open(
        &mut self,
        name: &str,
        bytes: Vec<u8>,
        options: OpenOptions,
        progress: &mut dyn FnMut(Progress),
    ) -> Answer {
        self.start_reading(bytes.len() as u64, progress);
        // Taken, not borrowed: a CSV is parsed in place, never held twice.
        let book = read_file_owned(bytes, name, &read_options(options));
        self.opened(book)
    }

    /// Opens a zip workbook (`read::is_zip_workbook` of its first bytes `start`) of
    /// `size` bytes from `source`, which is read in pieces: the file is never in the
    /// worker's memory whole beside its sheets.
    pub fn open_zip_workbook<R: Read + Seek>(
        &mut self,
        name: &str,
        source: R,
        size: u64,
        start: &[u8],
        options: OpenOptions,
        progress: &mut dyn FnMut(Progress),
    ) -> Answer {
        self.start_reading(size, progress);
        let book = read_zip_workbook(source, size, start, name, &read_options(options));
        self.opened(book)
    }

    /// Forgets the file before, whose memory is needed now, and says a file of `size`
    /// bytes is being read.
    fn start_reading(&mut self, size: u64, progress: &mut dyn FnMut(Progress)) {
        *self = Session::default();
        progress(Progress {
            phase: Phase::Reading,
            done: 0,
            total: size,
        });
    }

    fn opened(&mut self, book: Result<Book, ReadError>) -> Answer {
        match book {
            Ok(book) => {
                let summary = file_summary(&book);
                self.delimiter = book.text_layout.as_ref().map(|t| t.delimiter);
                let sheets = book.sheets.into_iter().map(|s| s.content.map(Arc::new));
                self.sheets = Some(sheets.collect());
                Answer::Opened(Ok(summary))
            }
            Err(e) => Answer::Opened(Err(e)),
        }
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
        let sheets = self.sheets.as_ref().ok_or(NoTable::NotRead)?;
        let entry = sheets.get(choice.sheet).ok_or(NoTable::NotRead)?;
        let sheet = entry.as_ref().map_err(|e| NoTable::Unreadable(e.clone()))?;
        let header = HeaderOptions {
            skip_rows: choice.skip_rows.unwrap_or_else(|| suggest_skip_rows(sheet)),
            has_headers: choice.has_headers,
        };
        let layout = match &self.layout {
            Some((s, h, layout)) if *s == choice.sheet && *h == header => layout.clone(),
            _ => {
                let layout = Arc::new(Layout::new(sheet, header).map_err(NoTable::Unreadable)?);
                self.layout = Some((choice.sheet, header, layout.clone()));
                layout
            }
        };
        Ok((sheet.clone(), layout, header))
    }

    fn with_review(
        &mut self,
        f: impl FnOnce(&mut Review, &mut HashMap<ListFilter, Vec<u32>>) -> Answer,
    ) -> Answer {
        match self.review.as_mut() {
            Some(review) => f(review, &mut self.lists),
            None => Answer::NotReady,
        }
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
