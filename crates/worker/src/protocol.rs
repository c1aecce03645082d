//! The messages between the page and the worker. The page sends a [`Call`] (plus the
//! file's bytes with [`Request::Open`]); the worker answers with [`Message`]s: any
//! number of [`Progress`] reports, then one [`Answer`], all tagged with the call's id.
//! Everything crosses as JSON text; rows cross only as the window the page shows.

use customer_import_domain::{
    country::Country,
    mapping::Mapping,
    schema::Field,
    texts::Language,
    validate::{Date, FieldError},
    wire::{ImportRow, Verdict},
};
use customer_import_reading::{
    format::FileFormat,
    read::{Losses, ReadError},
    review::{Column, Counts, Locked, RowState, Setup, bulk::BulkEdit},
    table::HeaderOptions,
};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Call {
    pub id: u32,
    pub request: Request,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// Reads the file whose bytes come with the call; forgets the one before.
    Open { name: String, options: OpenOptions },
    /// The table a sheet and header choice make, as the header and mapping steps
    /// show it.
    Table { choice: TableChoice },
    /// Rows `start..start + len` of that table, as the file has them.
    TableRows {
        choice: TableChoice,
        start: usize,
        len: usize,
    },
    /// The mapping to start from: `remembered` when it fits the table, else suggested.
    StartingMapping {
        choice: TableChoice,
        fields: Vec<Field>,
        country: Country,
        today: Date,
        remembered: Option<Mapping>,
    },
    /// Maps and checks every row of the table; the review replaces any earlier one.
    Review {
        choice: TableChoice,
        mapping: Mapping,
        setup: Setup,
    },
    /// Lists the review rows `filter` shows, as they stand now; answers their number.
    /// The list stays as it is until asked again, so a row just fixed stays in view.
    List { filter: ListFilter },
    /// The rows at positions `start..start + len` of the list made for `filter`.
    Rows {
        filter: ListFilter,
        start: usize,
        len: usize,
    },
    /// Answered [`Answer::Counts`], or [`Answer::Locked`] when the row cannot change.
    Edit {
        row: usize,
        column: usize,
        text: String,
    },
    /// Answered like [`Request::Edit`].
    Exclude { row: usize, excluded: bool },
    /// Changes `column` on every row that can change (find and replace, fill empty);
    /// answered [`Answer::BulkEdited`].
    BulkEdit { column: usize, edit: BulkEdit },
    /// The next rows to send (at most `max`), with what is sent for them. They are
    /// locked until [`Request::Apply`] or [`Request::Release`].
    NextChunk { max: usize },
    /// The server's verdicts for the rows of a chunk.
    Apply {
        rows: Vec<usize>,
        verdicts: Vec<Verdict>,
    },
    /// The server refused a chunk whole, creating none of its rows: they are unlocked.
    Release { rows: Vec<usize> },
    /// The rows not created, as a CSV file to fix in Excel.
    FailedRows {
        language: Language,
        error_heading: String,
    },
    /// How much memory the worker's wasm has taken; it never gives any back, so this
    /// is its peak. Answered by the worker's entry point (for the benchmark).
    MemoryUsed,
}

/// What the user chose about reading the file, and the project's country.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenOptions {
    pub encoding: Option<String>,
    pub delimiter: Option<u8>,
    pub country: Option<Country>,
}

/// A sheet and the header choices on it; `skip_rows: None` takes the suggestion.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TableChoice {
    pub sheet: usize,
    pub skip_rows: Option<usize>,
    pub has_headers: bool,
}

/// Which review rows a table lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ListFilter {
    All,
    /// Rows the browser or the server found problems with.
    WithProblems,
    /// Rows not created (after saving) and not left out: with problems or refused.
    Failed,
}

/// Where the starting mapping came from, so the step can say so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Origin {
    /// The user mapped a file with the same headings before.
    Remembered,
    /// Proposed from the headings and the values.
    Suggested,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Message {
    /// The worker listens: messages sent before it does would be lost.
    Ready,
    Progress {
        id: u32,
        progress: Progress,
    },
    /// The first rows of the file being opened, read from its start while the rest is
    /// still read (delimited text only); the answer to the call follows.
    Preview {
        id: u32,
        rows: Vec<Vec<String>>,
        /// The encoding and delimiter they were read with.
        text: TextSummary,
    },
    Answer {
        id: u32,
        answer: Answer,
    },
}

/// How far a long request has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub phase: Phase,
    pub done: u64,
    pub total: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Phase {
    /// Reading the file; `done`/`total` in bytes.
    Reading,
    /// Checking the rows; `done`/`total` in rows.
    Checking,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Answer {
    Opened(Result<FileSummary, ReadError>),
    Table(Result<TableSummary, ReadError>),
    TableRows(Vec<TableRow>),
    StartingMapping(Mapping, Origin),
    Reviewed {
        columns: Vec<Column>,
        counts: Counts,
    },
    Listed(usize),
    Rows(Vec<RowView>),
    /// After an edit, exclusion or verdicts: the rows in each state.
    Counts(Counts),
    /// The row was not changed, and why.
    Locked(Locked),
    /// After a [`Request::BulkEdit`]: how many cells changed, and the rows in each
    /// state now.
    BulkEdited {
        changed: usize,
        counts: Counts,
    },
    /// The rows taken to send, what is sent for them, and the rows in each state
    /// now that they are locked.
    Chunk {
        rows: Vec<usize>,
        sent: Vec<ImportRow>,
        counts: Counts,
    },
    /// The verdicts did not match the rows sent; nothing was applied.
    VerdictMismatch,
    FailedRows(String),
    /// Bytes of wasm memory.
    MemoryUsed(u64),
    /// The request needs a file read (or a review built) that the worker does not have.
    NotReady,
    /// The request could not be understood (a page and worker of different builds).
    BadRequest,
}

/// What the file step shows of a file that could be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileSummary {
    pub format: FileFormat,
    /// Encoding and delimiter, for delimited text.
    pub text: Option<TextSummary>,
    pub sheets: Vec<SheetSummary>,
    /// The sheet to start with.
    pub default_sheet: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextSummary {
    /// The encoding's label, as `encoding_rs` names it.
    pub encoding: String,
    pub delimiter: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetSummary {
    pub name: String,
    pub visible: bool,
    /// Rows with data (0 for an empty or unreadable sheet).
    pub rows: usize,
    /// What reading lost: undecodable characters, formula cells without a value.
    pub losses: Losses,
}

/// A table under its header choices, as the header and mapping steps show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableSummary {
    /// The header choices in effect (the suggested skip when the user set none).
    pub header: HeaderOptions,
    pub rows: usize,
    pub headings: Vec<String>,
    /// Every column's heading with the first customer's value.
    pub first_row: Vec<(String, String)>,
    /// Rows longer or shorter than the header (delimited text), at most 1,000.
    pub ragged_rows: Vec<u64>,
    /// How many rows are longer or shorter than the header, all of them.
    pub ragged_total: u64,
    /// Per column, up to three distinct values from the first rows.
    pub examples: Vec<Vec<String>>,
    /// The headings' layout, under which the mapping is remembered.
    pub signature: String,
}

/// One row of a table as the file has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableRow {
    /// The row's number in the file, as Excel shows it.
    pub number: u64,
    pub cells: Vec<String>,
}

/// One review row as the customers table shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowView {
    /// The row's index in the review, for edits.
    pub row: usize,
    pub number: u64,
    pub state: RowState,
    pub cells: Vec<CellView>,
    /// Problems not tied to one of the row's columns (e.g. "needs a name").
    pub other: Vec<FieldError>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellView {
    pub value: String,
    /// The value as it will be stored, when it differs.
    pub stored: Option<String>,
    pub problems: Vec<FieldError>,
}
