//! What the questions are asked under (the user's choices) and what the steps are shown
//! in answer: a file's summary, a table's, its rows, the review's rows.

use customer_import_domain::{country::Country, update::FieldChange, validate::FieldError};
use customer_import_reading::{
    format::FileFormat,
    read::Losses,
    review::{Plan, RowState},
    table::HeaderOptions,
};
use serde::{Deserialize, Serialize};

/// What the user chose about reading the file, and the project's country.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenOptions {
    pub encoding: Option<String>,
    pub delimiter: Option<u8>,
    pub country: Option<Country>,
}

/// A file of the import, a sheet of it and the header choices on it; `skip_rows: None`
/// takes the suggestion.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TableChoice {
    /// The file's index among the import's files (issue 29); 0 with one file.
    #[serde(default)]
    pub file: usize,
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
    /// When the import updates: rows that create a customer, rows that update one.
    New,
    Updates,
}

/// Where the starting mapping came from, so the step can say so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Origin {
    /// The user mapped a file with the same headings before.
    Remembered,
    /// Proposed from the headings and the values.
    Suggested,
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
    /// The row taken as headings reads like a customer (an e-mail, a date, a phone
    /// number): the header step asks instead of losing that customer to a guess.
    pub headings_look_like_data: bool,
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
    /// The file it comes from (its index among the import's files), and its number
    /// there.
    #[serde(default)]
    pub file: usize,
    pub number: u64,
    pub state: RowState,
    pub cells: Vec<CellView>,
    /// Problems not tied to one of the row's columns (e.g. "needs a name").
    pub other: Vec<FieldError>,
    /// What saving it does, when the import updates customers.
    #[serde(default)]
    pub plan: Option<Plan>,
    /// Every field it changes in its customer, old → new (by field key: a name made
    /// of first and last name is `name`).
    #[serde(default)]
    pub changes: Vec<FieldChange>,
    /// The server said its customer changed since it was compared: these changes are
    /// against the customer as it is now.
    #[serde(default)]
    pub changed_since: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellView {
    pub value: String,
    /// The value as it will be stored, when it differs.
    pub stored: Option<String>,
    pub problems: Vec<FieldError>,
}
