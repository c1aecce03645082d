//! The rows that were not created, as a CSV file to fix in Excel and import again.
//!
//! The file has the mapped columns under the file's own headings (so the same mapping
//! applies when it comes back), the values as the user last edited them, and one more
//! column with every reason in words. It is written the way Nordic Excel reads a CSV
//! without asking: UTF-8 with a byte order mark, `;` between fields, CRLF line ends.

use super::Review;
use crate::{mapping::Source, validate::FieldError};

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
    let mut out = String::from("\u{feff}");
    let headings = columns
        .iter()
        .map(|&c| review.columns()[c].heading.as_str())
        .chain([error_heading]);
    write_record(&mut out, headings);
    for row in review.failed() {
        let reasons = review
            .problems(row)
            .into_iter()
            .map(&message)
            .collect::<Vec<_>>()
            .join(" ");
        let values = columns.iter().map(|&c| review.value(row, c));
        write_record(&mut out, values.chain([reasons.as_str()]));
    }
    out
}

fn write_record<'a>(out: &mut String, fields: impl Iterator<Item = &'a str>) {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.push(';');
        }
        write_field(out, &neutralize_formula(field));
    }
    out.push_str("\r\n");
}

fn write_field(out: &mut String, field: &str) {
    if field.contains([';', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

/// A value a spreadsheet would run as a formula (`=HYPERLINK(…)`, `@SUM(…)`,
/// `+cmd|…`) gets a leading apostrophe, so Excel shows it as text. Numbers with a sign
/// and phone numbers such as `+47 912 34 567` cannot call anything and stay as they are.
pub fn neutralize_formula(value: &str) -> std::borrow::Cow<'_, str> {
    let risky = match value.chars().next() {
        Some('=' | '@' | '\t' | '\r') => true,
        Some('+' | '-') => !value
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | ' ' | '(' | ')' | '.' | ',')),
        _ => false,
    };
    if risky {
        std::borrow::Cow::Owned(format!("'{value}"))
    } else {
        std::borrow::Cow::Borrowed(value)
    }
}
