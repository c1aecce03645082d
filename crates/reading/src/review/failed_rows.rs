//! The rows that were not created, as a file to fix in Excel and import again, in the
//! kind of file the user brought: delimited text as delimited text (a `.txt` when it is
//! tab-separated, as Excel's "Unicode text" is, else a `.csv`), a workbook as an xlsx.
//!
//! The file is laid out as the user's own: the mapped columns under the file's own
//! headings in the file's order (so the same mapping applies when it comes back),
//! separated as the file was, the values as the user last edited them; then the row's
//! number in the original file, and every reason in words. The CSV is an
//! [`ExcelCsv`]; the xlsx ([`PlainXlsx`]) holds every value as a text cell, so a phone
//! keeps its `+` and no apostrophe shows.

use customer_import_domain::{
    mapping::Source,
    texts::Language,
    validate::FieldError,
    write::{ExcelCsv, text_cell},
};
use serde::{Deserialize, Serialize};

use super::{
    Review,
    plain_xlsx::{Cell, PlainXlsx, TooLarge},
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

/// The kind of file the failed rows are written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FailedKind {
    /// Delimited text whose fields are separated by this byte.
    Delimited(u8),
    Xlsx,
}

impl FailedKind {
    /// The kind for a source read as delimited text (`Some(delimiter)`) or not.
    pub fn of_source(delimiter: Option<u8>) -> FailedKind {
        delimiter.map_or(FailedKind::Xlsx, FailedKind::Delimited)
    }

    /// The file name's extension, by which Excel knows how to open it.
    pub fn extension(self) -> &'static str {
        match self {
            FailedKind::Delimited(b'\t') => "txt",
            FailedKind::Delimited(_) => "csv",
            FailedKind::Xlsx => "xlsx",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            FailedKind::Delimited(b'\t') => "text/plain;charset=utf-8",
            FailedKind::Delimited(_) => "text/csv;charset=utf-8",
            FailedKind::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

/// The headings of the two columns the file adds, in the user's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddedHeadings {
    /// The row's number in the original file.
    pub row: String,
    /// Every reason the row was not created.
    pub reasons: String,
}

/// The failed rows of `review` as a file of `kind`; the sheet of an xlsx is called
/// `sheet`. `message` words one problem.
pub fn failed_rows_file(
    review: &Review,
    kind: FailedKind,
    added: &AddedHeadings,
    sheet: &str,
    message: impl Fn(&FieldError) -> String,
) -> Result<Vec<u8>, TooLarge> {
    let table = FailedTable::new(review, added, message);
    match kind {
        FailedKind::Delimited(delimiter) => Ok(table.csv(delimiter).into_bytes()),
        FailedKind::Xlsx => table.xlsx(sheet),
    }
}

/// The failed rows of `review` as a CSV, fields separated by `delimiter`.
pub fn failed_rows_csv(
    review: &Review,
    delimiter: u8,
    added: &AddedHeadings,
    message: impl Fn(&FieldError) -> String,
) -> String {
    FailedTable::new(review, added, message).csv(delimiter)
}

/// The file's rows before they are written: headings, then per row the values, the
/// row's number and its reasons.
struct FailedTable<'r> {
    headings: Vec<&'r str>,
    rows: Vec<(Vec<&'r str>, u64, String)>,
}

impl<'r> FailedTable<'r> {
    fn new(
        review: &'r Review,
        added: &'r AddedHeadings,
        message: impl Fn(&FieldError) -> String,
    ) -> FailedTable<'r> {
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
        let headings = columns
            .iter()
            .map(|&(_, c)| review.columns()[c].heading.as_str())
            .chain([added.row.as_str(), added.reasons.as_str()])
            .collect();
        let rows = review
            .failed()
            .into_iter()
            .map(|row| {
                let reasons = review
                    .problems(row)
                    .into_iter()
                    .map(&message)
                    .collect::<Vec<_>>()
                    .join(" ");
                let values = columns.iter().map(|&(_, c)| review.value(row, c)).collect();
                (values, review.row_number(row), reasons)
            })
            .collect();
        FailedTable { headings, rows }
    }

    fn csv(&self, delimiter: u8) -> String {
        let mut out = ExcelCsv::with_delimiter(delimiter);
        out.record(self.headings.iter().copied());
        for (values, number, reasons) in &self.rows {
            let number = number.to_string();
            out.record(
                values
                    .iter()
                    .copied()
                    .chain([number.as_str(), reasons.as_str()]),
            );
        }
        out.finish()
    }

    fn xlsx(&self, name: &str) -> Result<Vec<u8>, TooLarge> {
        let mut book = PlainXlsx::new(name);
        let headings: Vec<_> = self.headings.iter().map(|h| text_cell(h)).collect();
        book.headings(headings.iter().map(|h| &**h));
        for (values, number, reasons) in &self.rows {
            let values: Vec<_> = values.iter().map(|v| text_cell(v)).collect();
            let reasons = text_cell(reasons);
            let cells: Vec<Cell<'_>> = values
                .iter()
                .map(|v| Cell::Text(v))
                .chain([Cell::Number(*number as f64), Cell::Wrapped(&reasons)])
                .collect();
            book.row(&cells);
        }
        book.finish()
    }
}
