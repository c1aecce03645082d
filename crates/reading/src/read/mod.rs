//! Reading a customer file: bytes and a file name in, a [`Book`] of raw sheets out.
//!
//! The format is recognised by content ([`crate::format::sniff`]), then delimited text
//! goes through [`text`] and workbooks through [`workbook`]. Everything is bounded by
//! [`Limits`]; every failure is a [`ReadError`] with a message key, never a panic.
//!
//! This is the raw layer: cells are text as Excel shows them. Choosing the header row
//! and giving columns meaning happen later ([`crate::table`], mapping).

pub mod book;
pub mod error;
pub mod limits;
pub mod preview;
pub mod sheet;
pub mod text;
pub mod workbook;

pub use book::{Book, SheetEntry};
/// A cell's kind is the rules' own (their checks read it); named here too, beside the
/// [`Cell`] that carries it.
pub use customer_import_domain::cell::CellKind;
pub use error::{Position, ReadError, column_letter};
pub use limits::Limits;
pub use sheet::{Cell, FORMULAS_LISTED, Losses, RowCells, Sheet};
pub use text::TextLayout;

use std::{
    borrow::Cow,
    io::{Read, Seek},
};

use customer_import_domain::country::Country;

use crate::format::{FileFormat, sniff};

/// What the user may choose about how the file is read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// An encoding label (`windows-1252`, `utf-8`, `utf-16le`, …); detected when absent.
    pub encoding: Option<String>,
    /// The delimiter of delimited text; detected when absent.
    pub delimiter: Option<u8>,
    /// The project's country, a hint for guessing legacy encodings.
    pub country: Option<Country>,
    pub limits: Limits,
}

/// Reads `bytes`, picked under `file_name`.
pub fn read_file(bytes: &[u8], file_name: &str, options: &ReadOptions) -> Result<Book, ReadError> {
    read(Cow::Borrowed(bytes), file_name, options)
}

/// [`read_file`] taking the bytes: delimited text is then parsed in place, so a large
/// CSV is never in memory twice (the browser's worker reads this way).
pub fn read_file_owned(
    bytes: Vec<u8>,
    file_name: &str,
    options: &ReadOptions,
) -> Result<Book, ReadError> {
    read(Cow::Owned(bytes), file_name, options)
}

fn read(bytes: Cow<'_, [u8]>, file_name: &str, options: &ReadOptions) -> Result<Book, ReadError> {
    let limits = &options.limits;
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(ReadError::FileTooBig {
            size: bytes.len() as u64,
            limit: limits.max_file_bytes,
        });
    }
    let format = sniff(&bytes, file_name)?;
    if format == FileFormat::DelimitedText {
        let encoding = match &options.encoding {
            Some(label) => Some(
                encoding_rs::Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
                    ReadError::UnknownEncoding {
                        label: label.clone(),
                    }
                })?,
            ),
            None => None,
        };
        let (sheet, layout) =
            text::read_text_cow(bytes, encoding, options.delimiter, options.country, limits)?;
        return Ok(Book {
            format,
            text_layout: Some(layout),
            sheets: vec![SheetEntry {
                name: file_name.to_owned(),
                visible: true,
                content: Ok(sheet),
            }],
        });
    }
    workbook_book(format, workbook::read_workbook(&bytes, format, limits)?)
}

/// Whether a file whose first bytes are `start` is a zip workbook (xlsx, ods), which
/// [`read_zip_workbook`] reads without holding the file whole.
pub fn is_zip_workbook(start: &[u8], file_name: &str) -> bool {
    matches!(
        sniff(start, file_name),
        Ok(FileFormat::Xlsx | FileFormat::Ods)
    )
}

/// [`read_file`] for a zip workbook (see [`is_zip_workbook`]) of `size` bytes, read
/// from `source` in pieces: the browser's worker reads it straight from the `File`,
/// so that the file's bytes are never in its memory whole beside the sheets.
pub fn read_zip_workbook<R: Read + Seek>(
    mut source: R,
    size: u64,
    start: &[u8],
    file_name: &str,
    options: &ReadOptions,
) -> Result<Book, ReadError> {
    let limits = &options.limits;
    if size > limits.max_file_bytes {
        return Err(ReadError::FileTooBig {
            size,
            limit: limits.max_file_bytes,
        });
    }
    let format = sniff(start, file_name)?;
    workbook_book(format, workbook::read_zipped(&mut source, format, limits)?)
}

/// The book of a workbook's sheets, or why none of them can be used.
fn workbook_book(format: FileFormat, sheets: Vec<SheetEntry>) -> Result<Book, ReadError> {
    if sheets.is_empty() {
        return Err(ReadError::NoSheets);
    }
    if sheets.iter().all(|s| s.rows() == 0) {
        // Say why the most useful sheet failed: a real error beats "no data".
        let error = sheets
            .iter()
            .filter_map(|s| s.content.as_ref().err())
            .find(|e| **e != ReadError::NoData)
            .cloned()
            .unwrap_or(ReadError::NoData);
        return Err(error);
    }
    Ok(Book {
        format,
        text_layout: None,
        sheets,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A book of one visible sheet per CSV text.
    fn book(sheets: &[&str]) -> Book {
        let sheets = sheets
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let mut book = read_file(text.as_bytes(), "x.csv", &ReadOptions::default())
                    .unwrap_or_else(|e| panic!("{text:?}: {e}"));
                let mut entry = book.sheets.remove(0);
                entry.name = format!("{i}");
                entry
            })
            .collect();
        Book {
            format: FileFormat::Xlsx,
            text_layout: None,
            sheets,
        }
    }

    #[test]
    fn the_default_sheet_is_the_first_that_looks_like_customers() {
        let cover = "Denne fanen inneholder ingen kunder\n";
        let title = "Kundeliste;Kundeliste\nEksportert 30.11.2026;\n";
        let table = "Navn;E-post\nÅse;ase@example.no\n";
        let names = "Navn\nÅse\nOla\n";
        assert_eq!(book(&[cover, table]).default_sheet(), 1);
        // A title merged across the page is one value, not a table.
        assert_eq!(book(&[title, table]).default_sheet(), 1);
        // A one-column list of names beats a one-cell cover …
        assert_eq!(book(&[cover, names]).default_sheet(), 1);
        // … but not a table after it.
        assert_eq!(book(&[names, table]).default_sheet(), 1);
        // Nothing like a table: the first with data.
        assert_eq!(book(&[cover, cover]).default_sheet(), 0);
    }

    /// Every workbook of the corpus reads the same from a reader as from its bytes,
    /// errors too, and only zip workbooks are taken that way.
    #[test]
    fn a_zip_workbook_reads_the_same_from_a_reader() {
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
        let mut zipped = 0;
        for entry in std::fs::read_dir(corpus).unwrap().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let bytes = std::fs::read(entry.path()).unwrap();
            let start = &bytes[..bytes.len().min(64 << 10)];
            let zip = is_zip_workbook(start, &name);
            assert_eq!(
                zip,
                matches!(sniff(&bytes, &name), Ok(FileFormat::Xlsx | FileFormat::Ods)),
                "{name}"
            );
            if !zip {
                continue;
            }
            zipped += 1;
            let options = ReadOptions::default();
            let source = std::io::Cursor::new(&bytes[..]);
            let streamed = read_zip_workbook(source, bytes.len() as u64, start, &name, &options);
            assert_eq!(streamed, read_file(&bytes, &name, &options), "{name}");
        }
        assert!(zipped >= 3, "only {zipped} zip workbooks in the corpus");
    }
}
