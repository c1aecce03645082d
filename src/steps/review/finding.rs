//! "Next problem" past the rows the grid has fetched: the worker holds the rows, so it
//! is asked. The order is [`crate::steps::review::problems`]'s.
//!
//! The list of all rows is the review's rows in order, so a row's index in the review
//! is its position there: the next row to fix is found by bisecting a fresh list of
//! the rows with problems. Other lists (the rows with problems as they were listed,
//! the rows not created) hold few rows that are not to fix, and are read on from the
//! position.

use customer_import_worker::protocol::{ListFilter, RowView};

use crate::{
    steps::review::problems::{Bisect, to_fix},
    wizard::state::ImportState,
};

/// Rows asked at a time when reading a list on.
const CHUNK: usize = 200;

/// The first row to fix at position `from` or later of the list `filter` shows (of
/// `file`, or of all files), of `count` rows, with its position.
pub async fn first_to_fix(
    state: ImportState,
    filter: ListFilter,
    file: Option<usize>,
    count: usize,
    from: usize,
) -> Option<(usize, RowView)> {
    if from >= count {
        return None;
    }
    match (filter, file) {
        // Every row listed: a row's position is its index.
        (ListFilter::All, None) => bisected(state, from).await,
        _ => read_on(state, filter, file, count, from).await,
    }
}

async fn bisected(state: ImportState, from: usize) -> Option<(usize, RowView)> {
    let listed = state.list(ListFilter::WithProblems, None).await;
    let mut search = Bisect::new(listed, from);
    while let Some(probe) = search.probe() {
        let row = state
            .review_rows(ListFilter::WithProblems, None, probe, 1)
            .await?
            .into_iter()
            .next()?;
        search.answer(probe, row.row);
    }
    let found = search.found();
    let row = state
        .review_rows(ListFilter::WithProblems, None, found, 1)
        .await?
        .into_iter()
        .next()?;
    Some((row.row, row))
}

async fn read_on(
    state: ImportState,
    filter: ListFilter,
    file: Option<usize>,
    count: usize,
    from: usize,
) -> Option<(usize, RowView)> {
    let mut start = from;
    while start < count {
        let rows = state.review_rows(filter, file, start, CHUNK).await?;
        if rows.is_empty() {
            return None;
        }
        if let Some(i) = rows.iter().position(to_fix) {
            return rows.into_iter().nth(i).map(|row| (start + i, row));
        }
        start += rows.len();
    }
    None
}
