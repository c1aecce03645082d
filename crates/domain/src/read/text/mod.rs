//! Delimited text (`.csv`, `.txt`): decoded to UTF-8, delimiter found, then parsed by
//! `csv-core` (the `csv` crate's own state machine) writing each field's bytes straight
//! into the sheet's text buffer: one pass, one copy, no allocation per cell.
//!
//! Quotes, doubled quotes, delimiters and newlines inside quotes, and CRLF/LF/CR line
//! ends are handled by csv-core. Rows of any length are kept as they are.

pub mod decode;
pub mod delimiter;

use csv_core::{ReadRecordResult, ReaderBuilder};

pub use decode::Decoding;

use super::{
    Limits, ReadError,
    sheet::{CellKind, Sheet, SheetBuilder},
};
use crate::country::Country;

/// What the user may override, and what was used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextLayout {
    pub decoding: Decoding,
    pub delimiter: u8,
    /// False when the user chose the delimiter.
    pub delimiter_detected: bool,
}

/// Reads delimited text into a sheet.
pub fn read_text(
    bytes: &[u8],
    encoding: Option<&'static encoding_rs::Encoding>,
    delimiter: Option<u8>,
    country: Option<Country>,
    limits: &Limits,
) -> Result<(Sheet, TextLayout), ReadError> {
    let (text, decoding) = decode::decode(bytes, encoding, country);
    let (delimiter, delimiter_detected) = match delimiter {
        Some(d) => (d, false),
        None => (delimiter::sniff(&text), true),
    };
    let sheet = parse(text.as_bytes(), delimiter, limits)?;
    Ok((
        sheet,
        TextLayout {
            decoding,
            delimiter,
            delimiter_detected,
        },
    ))
}

/// Parses UTF-8 `input` with csv-core into a sheet.
fn parse(input: &[u8], delimiter: u8, limits: &Limits) -> Result<Sheet, ReadError> {
    let mut reader = ReaderBuilder::new().delimiter(delimiter).build();
    let mut sheet = SheetBuilder::new(*limits).keep_trailing_empty();
    // A field's unquoted bytes are never longer than its source, so room for the whole
    // input is room enough: csv-core never reports a full output buffer.
    sheet.spare(input.len());
    // Rough guess: 12 bytes a cell.
    sheet.reserve_cells(input.len() / 12);
    let mut ends = vec![0usize; 64];
    let mut pos = 0;
    let mut previous_ended_in_cr = false;
    loop {
        let record_start = sheet.text_len();
        let span_start = pos;
        let mut written = 0;
        let mut fields = 0;
        let result = loop {
            let output = sheet.spare(1);
            let (result, read, wrote, nends) =
                reader.read_record(&input[pos..], &mut output[written..], &mut ends[fields..]);
            pos += read;
            written += wrote;
            fields += nends;
            match result {
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull => {
                    let grow = written + 4096;
                    sheet.spare(grow);
                }
                ReadRecordResult::OutputEndsFull => ends.resize(ends.len() * 2, 0),
                ReadRecordResult::Record | ReadRecordResult::End => break result,
            }
        };
        if matches!(result, ReadRecordResult::End) {
            break;
        }
        let span = &input[span_start..pos];
        for _ in 0..blank_lines_before(span, previous_ended_in_cr) {
            sheet.end_row()?;
        }
        previous_ended_in_cr = span.last() == Some(&b'\r');
        for &end in &ends[..fields] {
            sheet.push_written(record_start + end, CellKind::Text)?;
        }
        sheet.end_row()?;
    }
    sheet.finish()
}

/// csv-core skips blank lines, but Excel shows them as rows, and row numbers in
/// messages must match Excel's: count the line ends that open a record's span. A `\n`
/// completing the previous record's `\r\n` is not a blank line.
fn blank_lines_before(span: &[u8], previous_ended_in_cr: bool) -> usize {
    let mut i = usize::from(previous_ended_in_cr && span.first() == Some(&b'\n'));
    let mut blank = 0;
    while let Some(&b) = span.get(i) {
        match b {
            b'\r' => {
                i += if span.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
            }
            b'\n' => i += 1,
            _ => break,
        }
        blank += 1;
    }
    blank
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(sheet: &Sheet) -> Vec<Vec<&str>> {
        (0..sheet.rows())
            .map(|r| {
                (0..sheet.stored_len(r))
                    .map(|c| sheet.cell(r, c).text)
                    .collect()
            })
            .collect()
    }

    fn read(bytes: &[u8]) -> (Sheet, TextLayout) {
        read_text(bytes, None, None, None, &Limits::default()).unwrap()
    }

    #[test]
    fn quotes_doubled_quotes_and_newlines_inside_quotes() {
        let (sheet, layout) =
            read(b"Navn;Notat\r\n\"Hansen; Ola\";\"sa \"\"hei\"\"\r\nog gikk\"\r\nKari;\r\n");
        assert_eq!(layout.delimiter, b';');
        assert_eq!(
            rows(&sheet),
            vec![
                vec!["Navn", "Notat"],
                vec!["Hansen; Ola", "sa \"hei\"\r\nog gikk"],
                vec!["Kari", ""]
            ]
        );
    }

    #[test]
    fn cr_lf_and_crlf_line_ends() {
        for text in ["a;b\nc;d\n", "a;b\r\nc;d\r\n", "a;b\rc;d\r", "a;b\nc;d"] {
            let (sheet, _) = read(text.as_bytes());
            assert_eq!(
                rows(&sheet),
                vec![vec!["a", "b"], vec!["c", "d"]],
                "{text:?}"
            );
        }
    }

    #[test]
    fn ragged_rows_are_kept() {
        let (sheet, _) = read(b"a;b;c\n1;2\n1;2;3;4\n");
        assert_eq!(sheet.columns(), 4);
        assert_eq!((sheet.stored_len(1), sheet.stored_len(2)), (2, 4));
    }

    #[test]
    fn blank_lines_inside_are_empty_rows_and_trailing_ones_go() {
        let (sheet, _) = read("Kundeliste\n\nNavn;Bolig\nÅse;A-101\n\n\n".as_bytes());
        assert_eq!(
            rows(&sheet),
            vec![
                vec!["Kundeliste"],
                vec![],
                vec!["Navn", "Bolig"],
                vec!["Åse", "A-101"]
            ]
        );
    }

    #[test]
    fn blank_lines_count_as_rows_whatever_the_line_ends() {
        for text in [
            "T\n\nH;x\n\n\nA;1\n",
            "T\r\n\r\nH;x\r\n\r\n\r\nA;1\r\n",
            "T\r\rH;x\r\r\rA;1\r",
        ] {
            let (sheet, _) = read(text.as_bytes());
            assert_eq!(
                rows(&sheet),
                vec![
                    vec!["T"],
                    vec![],
                    vec!["H", "x"],
                    vec![],
                    vec![],
                    vec!["A", "1"]
                ],
                "{text:?}"
            );
        }
        let (sheet, _) = read(b"\n\nH;x\n");
        assert_eq!(rows(&sheet), vec![vec![], vec![], vec!["H", "x"]]);
    }

    #[test]
    fn an_unclosed_quote_is_a_positioned_error_not_a_hang() {
        let mut bytes = b"Navn;Notat\nOla;\"starts here\n".to_vec();
        bytes.extend(std::iter::repeat_n(b'x', 200_000));
        let err = read_text(&bytes, None, None, None, &Limits::default()).unwrap_err();
        assert_eq!(err.key(), "file.cell_too_long");
        assert_eq!(err.position().map(|p| (p.row, p.column)), Some((2, 2)));
    }

    #[test]
    fn only_delimiters_is_no_data() {
        let err = read_text(b";;;\r\n;;;\r\n", None, None, None, &Limits::default()).unwrap_err();
        assert_eq!(err, ReadError::NoData);
    }

    #[test]
    fn the_users_delimiter_wins() {
        let (sheet, layout) =
            read_text(b"a,b;c\n", None, Some(b','), None, &Limits::default()).unwrap();
        assert!(!layout.delimiter_detected);
        assert_eq!(rows(&sheet), vec![vec!["a", "b;c"]]);
    }
}
