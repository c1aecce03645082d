//! The rows that were not created, as a CSV file to fix in Excel and import again.
//!
//! The file is laid out as the user's own: the mapped columns under the file's own
//! headings in the file's order (so the same mapping applies when it comes back),
//! separated as the file was, the values as the user last edited them, and one more
//! column with every reason in words, as an [`ExcelCsv`].

use super::Review;
use customer_import_domain::{
    mapping::Source, texts::Language, validate::FieldError, write::ExcelCsv,
};

/// The delimiter for failed rows of a file that had none (a workbook): the list
/// separator a spreadsheet uses in `language`'s locale, where `,` is the decimal mark
/// everywhere but in English.
pub fn list_separator(language: Language) -> u8 {
    match language {
        Language::En => b',',
        Language::Nb | Language::Fi | Language::Sv => b';',
    }
}

/// The failed rows of `review`, fields separated by `delimiter`. `message` words one
/// problem; `error_heading` names the reasons' column.
pub fn failed_rows_csv(
    review: &Review,
    delimiter: u8,
    error_heading: &str,
    message: impl Fn(&FieldError) -> String,
) -> String {
    let mut columns: Vec<(usize, usize)> = review
        .columns()
        .iter()
        .enumerate()
        .filter_map(|(i, c)| match c.source {
            Source::Column(source) => Some((source, i)),
            Source::Fixed(_) => None,
        })
        .collect();
    columns.sort_unstable();
    let mut out = ExcelCsv::with_delimiter(delimiter);
    let headings = columns
        .iter()
        .map(|&(_, c)| review.columns()[c].heading.as_str())
        .chain([error_heading]);
    out.record(headings);
    for row in review.failed() {
        let reasons = review
            .problems(row)
            .into_iter()
            .map(&message)
            .collect::<Vec<_>>()
            .join(" ");
        let values = columns.iter().map(|&(_, c)| review.value(row, c));
        out.record(values.chain([reasons.as_str()]));
    }
    out.finish()
}
