//! The rows that were not created, as a CSV file to fix in Excel and import again.
//!
//! The file has the mapped columns under the file's own headings (so the same mapping
//! applies when it comes back), the values as the user last edited them, and one more
//! column with every reason in words, as an [`ExcelCsv`].

use super::Review;
use crate::{mapping::Source, validate::FieldError, write::ExcelCsv};

/// The failed rows of `review`. `message` words one problem; `error_heading` names the
/// reasons' column.
pub fn failed_rows_csv(
    review: &Review,
    error_heading: &str,
    message: impl Fn(&FieldError) -> String,
) -> String {
    let columns: Vec<usize> = review
        .columns()
        .iter()
        .enumerate()
        .filter(|(_, c)| matches!(c.source, Source::Column(_)))
        .map(|(i, _)| i)
        .collect();
    let mut out = ExcelCsv::new();
    let headings = columns
        .iter()
        .map(|&c| review.columns()[c].heading.as_str())
        .chain([error_heading]);
    out.record(headings);
    for row in review.failed() {
        let reasons = review
            .problems(row)
            .into_iter()
            .map(&message)
            .collect::<Vec<_>>()
            .join(" ");
        let values = columns.iter().map(|&c| review.value(row, c));
        out.record(values.chain([reasons.as_str()]));
    }
    out.finish()
}
