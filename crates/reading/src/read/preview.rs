//! The first rows of a file while the rest is still being read: what the wizard shows
//! a moment after a large file is chosen, long before the whole of it is parsed.
//!
//! Only delimited text can be previewed from its start; a workbook's zip directory
//! sits at its end. The start is read exactly as the whole file will be (same
//! decoding, delimiter detection and parser), cut after its last line end so that no
//! character is cut in two. The last row read is left out: the cut may fall inside a
//! quoted value (a note over several lines), which the parser then ends early.

use super::{ReadOptions, TextLayout, text};
use crate::format::{FileFormat, sniff};

/// The first rows, and the encoding and delimiter they were read with: a start can be
/// plain UTF-8 while a byte further on makes the whole file another encoding, so the
/// page keeps the rows only if the whole file was read the same way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirstRows {
    pub rows: Vec<Vec<String>>,
    pub layout: TextLayout,
}

/// Up to `max_rows` rows of the file whose first bytes are `start` (the whole file when
/// `complete`), each as its cells' text; `None` when the start shows none (a workbook,
/// no complete line, text that cannot be read).
pub fn first_rows(
    start: &[u8],
    complete: bool,
    file_name: &str,
    options: &ReadOptions,
    max_rows: usize,
) -> Option<FirstRows> {
    if sniff(start, file_name).ok()? != FileFormat::DelimitedText {
        return None;
    }
    let encoding = match &options.encoding {
        Some(label) => Some(encoding_rs::Encoding::for_label(label.trim().as_bytes())?),
        None => None,
    };
    let read = |bytes: &[u8]| {
        text::read_text(
            bytes,
            encoding,
            options.delimiter,
            options.country,
            &options.limits,
        )
        .ok()
    };
    let ((sheet, layout), shown) = if complete {
        let read = read(start)?;
        let rows = read.0.rows();
        (read, rows)
    } else {
        // After a line end's last byte: `\n`, and in UTF-16 the zero byte beside it.
        let utf16 = start.starts_with(&[0xFF, 0xFE]) || start.starts_with(&[0xFE, 0xFF]);
        let newline = start.iter().rposition(|&b| b == b'\n')?;
        let end = (newline + if utf16 { 2 } else { 1 }).min(start.len());
        let read = read(&start[..end])?;
        let rows = read.0.rows().saturating_sub(1);
        (read, rows)
    };
    let rows: Vec<Vec<String>> = (0..shown.min(max_rows))
        .map(|r| sheet.row(r).map(|cell| cell.text.to_owned()).collect())
        .collect();
    (!rows.is_empty()).then_some(FirstRows { rows, layout })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::read_file;

    fn whole_rows(bytes: &[u8], max: usize) -> Vec<Vec<String>> {
        let book = read_file(bytes, "x.csv", &ReadOptions::default()).unwrap();
        let sheet = book.sheets[0].content.as_ref().unwrap();
        (0..sheet.rows().min(max))
            .map(|r| sheet.row(r).map(|c| c.text.to_owned()).collect())
            .collect()
    }

    /// A file with a note over several lines every third row.
    fn file(rows: usize) -> Vec<u8> {
        let mut text = String::from("Navn;E-post;Notat\n");
        for i in 0..rows {
            let note = if i % 3 == 0 {
                format!("\"linje én\nlinje to; «{i}»\"")
            } else {
                format!("kort {i}")
            };
            text.push_str(&format!("Kunde {i};k{i}@example.no;{note}\n"));
        }
        text.into_bytes()
    }

    #[test]
    fn every_cut_of_the_start_shows_the_rows_the_whole_file_has() {
        let bytes = file(40);
        let options = ReadOptions::default();
        let whole = whole_rows(&bytes, usize::MAX);
        // Every length of start, cut anywhere: inside a quoted note, inside «, on a
        // line end. What is shown is always the whole file's first rows.
        for len in 1..bytes.len() {
            if let Some(FirstRows { rows, .. }) =
                first_rows(&bytes[..len], false, "x.csv", &options, 10)
            {
                assert_eq!(rows, whole[..rows.len()], "start of {len} bytes");
            }
        }
        // Once a few lines are in, there is a preview.
        let rows = first_rows(&bytes[..600], false, "x.csv", &options, 10)
            .unwrap()
            .rows;
        assert!(rows.len() >= 5, "{rows:?}");
        assert_eq!(rows[0], ["Navn", "E-post", "Notat"]);
        assert_eq!(
            first_rows(&bytes, true, "x.csv", &options, 10)
                .unwrap()
                .rows,
            whole_rows(&bytes, 10)
        );
    }

    #[test]
    fn the_delimiter_and_encoding_chosen_are_used() {
        let bytes = b"a,b;c\n1,2;3\n";
        let options = ReadOptions {
            delimiter: Some(b','),
            ..ReadOptions::default()
        };
        let first = first_rows(bytes, true, "x.csv", &options, 10).unwrap();
        assert_eq!(first.rows, [["a", "b;c"], ["1", "2;3"]]);
        assert_eq!(first.layout.delimiter, b',');
        let latin1 = b"Navn\nK\xe5re\n";
        let options = ReadOptions {
            encoding: Some("windows-1252".into()),
            ..ReadOptions::default()
        };
        let first = first_rows(latin1, true, "x.csv", &options, 10).unwrap();
        assert_eq!(first.rows, [["Navn"], ["Kåre"]]);
        assert_eq!(first.layout.decoding.encoding, encoding_rs::WINDOWS_1252);
    }

    #[test]
    fn utf16_is_cut_after_the_whole_line_end() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Navn;By\nÅse;Bø\nOla;Å\nKa".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let rows = first_rows(&bytes, false, "x.csv", &ReadOptions::default(), 10).unwrap();
        assert_eq!(rows.rows, [["Navn", "By"], ["Åse", "Bø"]]);
    }

    #[test]
    fn no_preview_without_a_line_or_of_a_workbook() {
        let options = ReadOptions::default();
        assert_eq!(first_rows(b"Navn;E-po", false, "x.csv", &options, 10), None);
        assert_eq!(first_rows(b"", false, "x.csv", &options, 10), None);
        let zip = b"PK\x03\x04\x14\x00\x00\x00\x08\x00";
        assert_eq!(first_rows(zip, false, "x.xlsx", &options, 10), None);
        // A quote opened in the first line and not closed in the start.
        let open = b"Navn;\"Notat\nlinje\nlinje\n";
        assert_eq!(first_rows(open, false, "x.csv", &options, 10), None);
        // One line, not known to be whole.
        assert_eq!(first_rows(b"Navn;By\n", false, "x.csv", &options, 10), None);
    }

    #[test]
    fn a_start_in_utf8_says_so_when_the_whole_file_is_not() {
        let mut bytes = "Navn;By\nØystein;Bø\n".repeat(200).into_bytes();
        bytes.extend_from_slice(b"K\xe5re;Oslo\n");
        let options = ReadOptions::default();
        let first = first_rows(&bytes[..1000], false, "x.csv", &options, 10).unwrap();
        assert_eq!(first.layout.decoding.encoding, encoding_rs::UTF_8);
        let whole = read_file(&bytes, "x.csv", &options).unwrap();
        assert_ne!(
            whole.text_layout.unwrap().decoding.encoding,
            first.layout.decoding.encoding,
            "the page must be able to tell the two apart"
        );
    }
}
