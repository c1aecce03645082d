//! One type per question the page asks the worker, each naming the type of its answer,
//! so that an answer is read as what was asked and nothing else. Answers made for one
//! question are here beside it; what the steps are shown is in `views`.

use customer_import_domain::{
    country::Country,
    mapping::{
        Mapping,
        list_values::{FieldChoices, Spelling},
    },
    schema::Field,
    texts::Language,
    validate::Date,
    wire::ImportFile,
};
use customer_import_reading::{
    read::ReadError,
    review::{
        Column, Counts, Locked, Setup, bulk,
        failed_rows::{AddedHeadings, FailedKind},
    },
};
use serde::{Deserialize, Serialize, de::DeserializeOwned};

use super::views::{
    FileSummary, ListFilter, OpenOptions, Origin, RowView, TableChoice, TableRow, TableSummary,
};

/// A question to the worker, and what it is answered.
pub trait Question: Serialize + DeserializeOwned + Into<Request> {
    type Answer: Serialize + DeserializeOwned;
}

/// Each question with its answer; makes [`Request`], every question as it crosses.
macro_rules! questions {
    ($($question:ident => $answer:ty,)*) => {
        /// A question as it crosses to the worker.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        pub enum Request {
            $($question($question),)*
        }

        $(
            impl Question for $question {
                type Answer = $answer;
            }

            impl From<$question> for Request {
                fn from(question: $question) -> Request {
                    Request::$question(question)
                }
            }
        )*
    };
}

questions! {
    Open => Result<FileSummary, ReadError>,
    Table => Result<TableSummary, ReadError>,
    TableRows => Vec<TableRow>,
    StartingMapping => (Mapping, Origin),
    Review => Reviewed,
    List => usize,
    Rows => Vec<RowView>,
    Edit => Result<Counts, Locked>,
    Exclude => Result<Counts, Locked>,
    BulkEdit => BulkEdited,
    Spellings => Vec<Spelling>,
    ChooseValues => BulkEdited,
    NextChunk => Chunk,
    Apply => Result<Counts, NotApplied>,
    Release => Counts,
    LookupRequests => Lookups,
    Matches => Result<Counts, NotApplied>,
    FailedRows => FailedFile,
    FileCounts => Vec<Counts>,
    HostRows => Vec<HostRow>,
    HostProblems => Counts,
    HostFailed => Counts,
    MemoryUsed => u64,
}

/// Reads the file that comes with the call, whatever its format, as the import's
/// `file`th of `files`: it takes the place of the file read there before, files past
/// `files` are forgotten, and so is the review. A file beyond the size limit is
/// refused unread (`ReadError::FileTooBig`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Open {
    pub name: String,
    pub options: OpenOptions,
    #[serde(default)]
    pub file: usize,
    #[serde(default = "one")]
    pub files: usize,
}

fn one() -> usize {
    1
}

/// The table a sheet and header choice make, as the header and mapping steps show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    pub choice: TableChoice,
}

/// Rows `start..start + len` of that table, as the file has them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableRows {
    pub choice: TableChoice,
    pub start: usize,
    pub len: usize,
}

/// The mapping to start from: `remembered` when it fits the table, else suggested.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StartingMapping {
    pub choice: TableChoice,
    pub fields: Vec<Field>,
    pub country: Country,
    pub today: Date,
    pub remembered: Option<Mapping>,
}

/// Maps and checks every row of the tables, one per file of the import, each with its
/// mapping; the review replaces any earlier one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    pub files: Vec<ReviewFile>,
    pub setup: Setup,
    /// The portal checks rows too (its row hook, issue 30): every row waits for it.
    #[serde(default)]
    pub host_checks: bool,
}

/// One file's table in a [`Review`], and the mapping its rows are read with (every
/// file's mapping maps the same fields: `mapping::several_files::file_mapping`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewFile {
    pub choice: TableChoice,
    pub mapping: Mapping,
}

/// The review's columns and the rows in each state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reviewed {
    pub columns: Vec<Column>,
    pub counts: Counts,
    /// The rows of each file, in order.
    #[serde(default)]
    pub file_rows: Vec<usize>,
}

/// Lists the review rows `filter` shows, as they stand now; answers their number.
/// The list stays as it is until asked again, so a row just fixed stays in view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct List {
    pub filter: ListFilter,
    /// Only the rows of this file; all files' with `None`.
    #[serde(default)]
    pub file: Option<usize>,
}

/// The rows at positions `start..start + len` of the list made for `filter`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rows {
    pub filter: ListFilter,
    #[serde(default)]
    pub file: Option<usize>,
    pub start: usize,
    pub len: usize,
}

/// Changes one value; answers the rows in each state, or why the row cannot change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    pub row: usize,
    pub column: usize,
    pub text: String,
}

/// Leaves a row out of the import, or takes it back; answered like [`Edit`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exclude {
    pub row: usize,
    pub excluded: bool,
}

/// Changes `column` on every row that can change (find and replace, fill empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkEdit {
    pub column: usize,
    pub edit: bulk::BulkEdit,
}

/// The spellings in `column` that name no item of its field's list, the most rows
/// first, each with the item it most likely means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Spellings {
    pub column: usize,
}

/// What becomes of the rows holding each spelling in `column`: every row spelled as a
/// choice mapped to an item takes the item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChooseValues {
    pub column: usize,
    pub choices: FieldChoices,
}

/// How many cells a [`BulkEdit`] changed, and the rows in each state now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkEdited {
    pub changed: usize,
    pub counts: Counts,
}

/// The next rows to send (at most `max`): the worker locks them until [`Apply`] or
/// [`Release`] and writes the request body that sends them, `head` and their values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextChunk {
    pub max: usize,
    pub head: ChunkHead,
}

/// What goes with the rows in every chunk's request body: `wire::ImportChunk` but its
/// rows, as the save loop decides it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChunkHead {
    pub batch_id: Option<i64>,
    pub create_missing_groups: bool,
    pub file_name: Option<String>,
    pub file_rows: Option<u64>,
    pub held_back: Option<u64>,
    pub left_out: Option<u64>,
    /// Each file's name and rows when the import has several (issue 29); empty
    /// with one.
    #[serde(default)]
    pub files: Vec<ImportFile>,
}

/// The rows a [`NextChunk`] took (none when no row is ready), the request body for
/// them (a JSON `wire::ImportChunk`, empty with no rows), and the rows in each state
/// now that they are locked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chunk {
    pub rows: Vec<usize>,
    pub body: String,
    pub counts: Counts,
}

/// The server's answer to the chunk of `rows` (as taken), as the text it came in: the
/// worker reads the verdicts from it and records them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Apply {
    pub rows: Vec<usize>,
    pub response_text: String,
}

/// Why an [`Apply`] or [`Matches`] recorded nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NotApplied {
    /// The text is not a `wire::ImportResult` (a `wire::CustomerLookupResult`).
    Unreadable,
    /// The verdicts (matches) do not match the rows sent (asked for).
    Mismatch,
}

/// The server refused a chunk whole, creating none of its rows: they are unlocked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Release {
    pub rows: Vec<usize>,
}

/// The lookup's request bodies for the rows' keys, `max` keys a body, when the import
/// updates (issue 28): the page sends them and hands the answers back ([`Matches`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LookupRequests {
    pub max: usize,
}

/// The rows with a key (review rows, in order) and the request bodies (JSON
/// `wire::CustomerLookup`) that ask for their customers, one after another; both
/// empty when the import does not update.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lookups {
    pub rows: Vec<usize>,
    pub bodies: Vec<String>,
}

/// The server's answers to the lookup bodies of [`Lookups`], as the texts they came
/// in, in order, for its `rows`: the review takes what each row's key found, and
/// every row gets its plan (new, update, unchanged) or a problem of matching.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Matches {
    pub rows: Vec<usize>,
    pub answers: Vec<String>,
}

/// The rows not created, as a file to fix in Excel, of the kind the user brought.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailedRows {
    /// The file whose failed rows these are, in its own kind.
    #[serde(default)]
    pub file: usize,
    pub language: Language,
    /// The headings of the row number's and the reasons' columns.
    pub added: AddedHeadings,
    /// The name of a workbook's sheet.
    pub sheet: String,
}

/// The failed rows' file: its kind (which names its extension and type) and bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailedFile {
    pub kind: FailedKind,
    pub bytes: Vec<u8>,
}

/// The rows in each state in each file of the import, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileCounts {}

/// Up to `max` rows waiting for the portal's own check, as it is shown them; the rows
/// are then asked until [`HostProblems`] or [`HostFailed`] says what came of it. Only
/// these rows cross to the page, a batch at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostRows {
    pub max: usize,
}

/// One row as the portal's check is shown it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostRow {
    /// The review's row.
    pub row: usize,
    /// The import's file it is in, and its number there as the sheet shows it.
    pub file: usize,
    pub number: u64,
    /// Each mapped field's key and its value as the user sees it.
    pub values: Vec<(String, String)>,
}

/// The portal's answer for the review's `rows` (as [`HostRows`] gave them): its
/// problems, each on a file's row by number. Rows of the batch with none are fine;
/// problems on rows not in it, or on fields not mapped, are dropped. Answered with
/// the rows in each state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostProblems {
    pub rows: Vec<usize>,
    pub problems: Vec<HostProblem>,
}

/// One of the portal's problems: a cell and what is wrong with it, in the user's
/// language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostProblem {
    pub file: usize,
    pub row: u64,
    pub field: String,
    pub message: String,
}

/// The portal gave no answer for `rows` (its check failed or took too long): they wait
/// to be asked again, nothing of them changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostFailed {
    pub rows: Vec<usize>,
}

/// How much memory the worker's wasm has taken, in bytes; it never gives any back, so
/// this is its peak. Answered by the worker's entry point (for the benchmark).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemoryUsed {}
