//! The worker's side of the portal's own checks (issue 30): the rows waiting for them
//! go to the page a batch at a time, only their mapped fields, and the portal's
//! answer, about file rows by number, is put on the review's rows it was asked about.
//! The rest of the file never crosses.

use std::collections::HashMap;

use customer_import_reading::review::import_review::ImportReview;

use crate::protocol::{HostProblem, HostRow};

/// The most rows handed to the portal at once.
pub const MAX_BATCH: usize = 1_000;

/// Up to `max` rows waiting for the portal's check (at most [`MAX_BATCH`]), now asked.
pub fn host_rows(review: &mut ImportReview, max: usize) -> Vec<HostRow> {
    let rows = review.host_rows(max.clamp(1, MAX_BATCH));
    rows.into_iter()
        .filter_map(|row| {
            let (file, local) = review.locate(row)?;
            let one = &review.files()[file];
            Some(HostRow {
                row,
                file,
                number: one.row_number(local),
                values: one.host_values(local),
            })
        })
        .collect()
}

/// The portal's `problems` put on the review's `rows` it was asked about: each row of
/// them gets its own (none: it is fine); problems on other rows are dropped.
pub fn take_problems(review: &mut ImportReview, rows: &[usize], problems: Vec<HostProblem>) {
    let mut by_cell: HashMap<(usize, u64), usize> = HashMap::with_capacity(rows.len());
    let mut found: Vec<Vec<(String, String)>> = vec![Vec::new(); rows.len()];
    for (i, &row) in rows.iter().enumerate() {
        if let Some((file, local)) = review.locate(row) {
            by_cell.insert((file, review.files()[file].row_number(local)), i);
        }
    }
    for problem in problems {
        if let Some(&i) = by_cell.get(&(problem.file, problem.row)) {
            found[i].push((problem.field, problem.message));
        }
    }
    for (&row, problems) in rows.iter().zip(found) {
        review.set_host_problems(row, problems);
    }
}
