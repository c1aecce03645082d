//! Delimited text (`.csv`, `.txt`): decoded to UTF-8, delimiter found, then parsed by
//! `csv-core` (the `csv` crate's own state machine) writing each field's bytes straight
//! into the sheet's text buffer: one pass, one copy, no allocation per cell.
//!
//! Quotes, doubled quotes, delimiters and newlines inside quotes, and CRLF/LF/CR line
//! ends are handled by csv-core. Rows of any length are kept as they are.

pub mod decode;
pub mod delimiter;

use std::borrow::Cow;

use csv_core::{ReadRecordResult, ReaderBuilder};

pub use decode::Decoding;

use super::{
    error::ReadError,
    limits::Limits,
    sheet::{Sheet, SheetBuilder},
};
use customer_import_domain::{cell::CellKind, country::Country};

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
    read_text_cow(Cow::Borrowed(bytes), encoding, delimiter, country, limits)
}

/// [`read_text`] taking the bytes: UTF-8 text is then parsed in place, so the file is
/// never in memory twice.
pub fn read_text_owned(
    bytes: Vec<u8>,
    encoding: Option<&'static encoding_rs::Encoding>,
    delimiter: Option<u8>,
    country: Option<Country>,
    limits: &Limits,
) -> Result<(Sheet, TextLayout), ReadError> {
    read_text_cow(Cow::Owned(bytes), encoding, delimiter, country, limits)
}

pub(crate) fn read_text_cow(
    bytes: Cow<'_, [u8]>,
    encoding: Option<&'static encoding_rs::Encoding>,
    delimiter: Option<u8>,
    country: Option<Country>,
    limits: &Limits,
) -> Result<(Sheet, TextLayout), ReadError> {
    // Where the UTF-8 text is: decoded into a new buffer, or a part of the file's own.
    enum Text {
        Decoded(String),
        Within(usize, usize),
    }
    let (text, decoding, delimiter, delimiter_detected) = {
        let (text, decoding) = decode::decode(&bytes, encoding, country);
        let (delimiter, delimiter_detected) = match delimiter {
            Some(d) => (d, false),
            None => (delimiter::sniff(&text), true),
        };
        let text = match text {
            Cow::Owned(text) => Text::Decoded(text),
            // A part of `bytes` (after a BOM): where it starts is where its pointer is.
            Cow::Borrowed(text) => {
                let start = (text.as_ptr() as usize).saturating_sub(bytes.as_ptr() as usize);
                Text::Within(start, start + text.len())
            }
        };
        (text, decoding, delimiter, delimiter_detected)
    };
    let (buffer, start) = match text {
        Text::Decoded(text) => {
            drop(bytes);
            (text.into_bytes(), 0)
        }
        Text::Within(start, end) => {
            let mut buffer = bytes.into_owned();
            buffer.truncate(end);
            (buffer, start)
        }
    };
    let mut sheet = parse(buffer, start, delimiter, limits)?;
    if decoding.lossy {
        sheet.count_unreadable();
    }
    Ok((
        sheet,
        TextLayout {
            decoding,
            delimiter,
            delimiter_detected,
        },
    ))
}

/// Input is copied out of the buffer this much at a time; the fields are written back
/// into the buffer, over input already copied out.
const CHUNK: usize = 1 << 16;

/// Parses the UTF-8 text in `buffer[start..]` with csv-core into a sheet whose text is
/// that same buffer: a field's unquoted bytes are never longer than its source, so
/// what is written never reaches input not yet copied out.
fn parse(
    buffer: Vec<u8>,
    start: usize,
    delimiter: u8,
    limits: &Limits,
) -> Result<Sheet, ReadError> {
    let end = buffer.len();
    let mut reader = ReaderBuilder::new().delimiter(delimiter).build();
    let mut sheet = SheetBuilder::in_place(*limits, buffer).keep_trailing_empty();
    // Rough guess: 12 bytes a cell.
    sheet.reserve_cells((end - start) / 12);
    let mut input = Input {
        chunk: Vec::with_capacity(CHUNK.min(end - start)),
        at: 0,
        next: start,
        end,
    };
    let mut ends = vec![0usize; 64];
    let mut previous_ended_in_cr = false;
    let mut last = 0u8;
    loop {
        input.refill(&sheet);
        let blank = blank_lines_before(input.unread(&sheet), previous_ended_in_cr);
        let record_start = sheet.text_len();
        let mut written = 0;
        let mut fields = 0;
        let result = loop {
            input.refill(&sheet);
            let chunk = &input.chunk[input.at..];
            let output = sheet.room();
            let (result, read, wrote, nends) =
                reader.read_record(chunk, &mut output[written..], &mut ends[fields..]);
            if read > 0 {
                last = chunk[read - 1];
            }
            input.at += read;
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
        for _ in 0..blank {
            sheet.end_row()?;
        }
        previous_ended_in_cr = last == b'\r';
        for &end in &ends[..fields] {
            sheet.push_written(record_start + end, CellKind::Text)?;
        }
        sheet.end_row()?;
    }
    sheet.finish()
}

/// The input not parsed yet: the rest of the chunk copied out, then the buffer from
/// `next` to `end`, which nothing has written over.
struct Input {
    chunk: Vec<u8>,
    at: usize,
    next: usize,
    end: usize,
}

impl Input {
    /// Copies the next chunk out of the buffer once the last one is parsed.
    fn refill(&mut self, sheet: &SheetBuilder) {
        if self.at < self.chunk.len() || self.next >= self.end {
            return;
        }
        let to = self.end.min(self.next + CHUNK);
        self.chunk.clear();
        self.chunk
            .extend_from_slice(sheet.buffer().get(self.next..to).unwrap_or_default());
        self.at = 0;
        self.next = to;
    }

    fn unread<'a>(&'a self, sheet: &'a SheetBuilder) -> impl Iterator<Item = u8> + 'a {
        let rest = sheet.buffer().get(self.next..self.end).unwrap_or_default();
        self.chunk[self.at..].iter().chain(rest).copied()
    }
}

/// csv-core skips blank lines, but Excel shows them as rows, and row numbers in
/// messages must match Excel's: count the line ends that open a record's span. A `\n`
/// completing the previous record's `\r\n` is not a blank line.
fn blank_lines_before(span: impl Iterator<Item = u8>, previous_ended_in_cr: bool) -> usize {
    let mut span = span.peekable();
    if previous_ended_in_cr {
        span.next_if_eq(&b'\n');
    }
    let mut blank = 0;
    while let Some(b) = span.next_if(|b| matches!(b, b'\r' | b'\n')) {
        if b == b'\r' {
            span.next_if_eq(&b'\n');
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

    /// Fields with quotes, delimiters and line ends inside, records with every kind of
    /// line end and blank lines between them, over many of the parser's input chunks:
    /// the sheet has exactly the rows written, whichever chunk a quote or line end
    /// falls in.
    #[test]
    fn records_across_input_chunks_come_out_as_written() {
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let pieces = [
            "Åse",
            "a;b",
            "sa \"hei\"",
            "linje\r\nto",
            "x\ry",
            "",
            "nøkkel 7",
            "\n",
        ];
        let mut written: Vec<Vec<String>> = Vec::new();
        let mut file = String::new();
        while file.len() < 5 * CHUNK {
            // A line end; after a lone `\r`, not one starting with `\n` (that would
            // make one `\r\n` of the two).
            fn line_end(file: &mut String, pick: u64) {
                let ends = if file.ends_with('\r') {
                    &["\r\n", "\r"][..]
                } else {
                    &["\n", "\r\n", "\r"][..]
                };
                file.push_str(ends[pick as usize % ends.len()]);
            }
            for _ in 0..next(3) {
                line_end(&mut file, next(6));
                written.push(Vec::new());
            }
            let mut row: Vec<String> = (0..1 + next(5))
                .map(|_| pieces[next(pieces.len() as u64) as usize].to_owned())
                .collect();
            // One empty field is a blank line, not a record.
            if row.iter().all(String::is_empty) {
                row[0] = "z".to_owned();
            }
            let fields: Vec<String> = row
                .iter()
                .map(|f| {
                    if f.contains([';', '"', '\r', '\n']) || next(4) == 0 {
                        format!("\"{}\"", f.replace('"', "\"\""))
                    } else {
                        f.clone()
                    }
                })
                .collect();
            file.push_str(&fields.join(";"));
            line_end(&mut file, next(6));
            written.push(row);
        }
        for bytes in [
            file.as_bytes().to_vec(),
            [b"\xEF\xBB\xBF", file.as_bytes()].concat(),
        ] {
            let (sheet, _) =
                read_text_owned(bytes, None, Some(b';'), None, &Limits::default()).unwrap();
            let got = rows(&sheet);
            assert_eq!(got.len(), written.len());
            for (i, (got, want)) in got.iter().zip(&written).enumerate() {
                assert_eq!(got, want, "row {}", i + 1);
            }
        }
    }

    #[test]
    fn the_users_delimiter_wins() {
        let (sheet, layout) =
            read_text(b"a,b;c\n", None, Some(b','), None, &Limits::default()).unwrap();
        assert!(!layout.delimiter_detected);
        assert_eq!(rows(&sheet), vec![vec!["a", "b;c"]]);
    }
}
