//! The messages between the page and the worker. Every question is a type of its own
//! that names the type of its answer ([`Question`]), so each side reads an answer as
//! what was asked. The page sends a [`Call`] (plus the file with [`Open`]); the worker
//! answers with [`Message`]s: any number of [`Progress`] reports, then one [`Reply`],
//! all tagged with the call's id. Everything crosses as JSON text; rows cross only as
//! the window the page shows, and rows sent to the server only as the request body the
//! worker wrote for them.
//!
//! The reading's types that answers carry are named here too, so that the page needs
//! nothing of the reading but through the worker.

mod questions;
mod views;

pub use customer_import_domain::mapping::list_values::{
    FieldChoices, Likeness, Spelling, ValueChoice,
};
pub use customer_import_reading::{
    format::{FileFormat, FormatError},
    read::{Losses, Position, ReadError},
    review::{
        Column, Counts, Locked, Plan, RowState, Setup, bulk,
        failed_rows::{AddedHeadings, FailedKind},
    },
    table::HeaderOptions,
};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

pub use questions::{
    Apply, BulkEdit, BulkEdited, ChooseValues, Chunk, ChunkHead, Edit, Exclude, FailedFile,
    FailedRows, FileCounts, HostFailed, HostProblem, HostProblems, HostRow, HostRows, List,
    LookupRequests, Lookups, Matches, MemoryUsed, NextChunk, NotApplied, Open, Question, Release,
    Request, Review, ReviewFile, Reviewed, Rows, Spellings, StartingMapping, Table, TableRows,
};
pub use views::{
    CellView, FileSummary, ListFilter, OpenOptions, Origin, RowView, SheetSummary, TableChoice,
    TableRow, TableSummary, TextSummary,
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Call {
    pub id: u32,
    pub request: Request,
}

impl Call {
    /// Reads a call from the page, or says which call could not be read, so that the
    /// page's caller is answered (refused) instead of waiting for ever: a request this
    /// worker does not know (a page of another build) still carries its `id`. Only a
    /// message with no readable id is answered as call 0, which no caller waits for.
    pub fn read(json: &str) -> Result<Call, (u32, Refusal)> {
        #[derive(Deserialize)]
        struct Id {
            id: u32,
        }
        serde_json::from_str(json).map_err(|_| {
            let id = serde_json::from_str::<Id>(json).map_or(0, |call| call.id);
            (id, Refusal::BadRequest)
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
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
        answer: Reply,
    },
}

/// An answer as it crosses: the question's own answer as JSON, left as text until the
/// one who asked reads it as the type it expects ([`answer_of`]), or the worker's
/// refusal.
pub type Reply = Result<Box<RawValue>, Refusal>;

/// Why a question got no answer of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// The question needs a file read, a table under its choice, or a review built,
    /// that the worker does not have.
    NotReady,
    /// [`Open`] came without its file, or the browser would not give the file's bytes
    /// (it changed or went away since it was picked).
    NoFile,
    /// The call or its answer could not be understood: a page and a worker of
    /// different builds.
    BadRequest,
}

/// `answer` to a `Q`, as it crosses.
pub fn reply<Q: Question>(answer: Result<Q::Answer, Refusal>) -> Reply {
    // Never refused here: every answer is plain data that serialises.
    answer.and_then(|a| serde_json::value::to_raw_value(&a).map_err(|_| Refusal::BadRequest))
}

/// The answer to a `Q` in `reply`.
pub fn answer_of<Q: Question>(reply: Reply) -> Result<Q::Answer, Refusal> {
    serde_json::from_str(reply?.get()).map_err(|_| Refusal::BadRequest)
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
