//! The file as the wizard sees it: read once per file (and again only when the user
//! overrides the encoding or delimiter), previewed under the header choices. Plain
//! Rust so it is tested natively; the steps only render it.

use std::sync::Arc;

use customer_import_domain::{
    country::Country,
    read::{Book, ReadError, ReadOptions, read_file},
    table::{HeaderOptions, Table, suggest_skip_rows},
};

use crate::{components::drop_zone::PickedFile, i18n::Locale};

/// What the user chose about reading the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    pub encoding: Option<String>,
    pub delimiter: Option<u8>,
}

/// The result of reading a file. Compared by identity: a new read is a new value, and
/// a million-row book is never compared cell by cell.
#[derive(Debug, Clone)]
pub struct Parsed(pub Arc<Result<Book, ReadError>>);

impl PartialEq for Parsed {
    fn eq(&self, other: &Parsed) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

pub fn read(file: &PickedFile, overrides: &Overrides, country: Option<Country>) -> Parsed {
    let options = ReadOptions {
        encoding: overrides.encoding.clone(),
        delimiter: overrides.delimiter,
        country,
        ..ReadOptions::default()
    };
    Parsed(Arc::new(read_file(&file.bytes, &file.name, &options)))
}

/// What the header step shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    pub rows: usize,
    pub columns: usize,
    /// Every column's heading with the first customer's value.
    pub first_row: Vec<(String, String)>,
    /// Rows longer or shorter than the header (delimited text), at most 1,000 counted.
    pub ragged_rows: Vec<u64>,
}

pub fn preview(book: &Book, sheet: usize, header: HeaderOptions) -> Result<Preview, ReadError> {
    let entry = book.sheets.get(sheet).ok_or(ReadError::NoData)?;
    let sheet = entry.content.as_ref().map_err(Clone::clone)?;
    let table = Table::new(sheet, header)?;
    Ok(Preview {
        rows: table.rows(),
        columns: table.columns(),
        first_row: table
            .first_row()
            .into_iter()
            .map(|(h, v)| (h.to_owned(), v.to_owned()))
            .collect(),
        ragged_rows: table.ragged_rows(1_000).iter().map(|r| r.row).collect(),
    })
}

/// Rows to skip above the header of `sheet`, as a first guess for the user.
pub fn suggested_skip(book: &Book, sheet: usize) -> usize {
    match book.sheets.get(sheet).map(|s| &s.content) {
        Some(Ok(sheet)) => suggest_skip_rows(sheet),
        _ => 0,
    }
}

/// A reading error in the user's language, with sizes written as sizes.
pub fn error_text(locale: Locale, error: &ReadError) -> String {
    let params: Vec<(&str, String)> = error
        .params()
        .into_iter()
        .map(|(name, value)| {
            let bytes = matches!(
                error,
                ReadError::FileTooBig { .. } | ReadError::InflatesTooBig { .. }
            ) && matches!(name, "size" | "limit");
            match value.parse::<u64>() {
                Ok(n) if bytes => (name, locale.file_size(n)),
                _ => (name, value),
            }
        })
        .collect();
    let borrowed: Vec<(&str, &str)> = params.iter().map(|(n, v)| (*n, v.as_str())).collect();
    locale.format(error.key(), &borrowed)
}

/// The delimiters the user can choose, with their message keys.
pub const DELIMITERS: [(u8, &str); 4] = [
    (b';', "delimiter.semicolon"),
    (b',', "delimiter.comma"),
    (b'\t', "delimiter.tab"),
    (b'|', "delimiter.pipe"),
];

/// The encodings the user can choose (labels `encoding_rs` knows).
pub const ENCODINGS: [&str; 5] = [
    "UTF-8",
    "windows-1252",
    "ISO-8859-15",
    "UTF-16LE",
    "UTF-16BE",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, bytes: &[u8]) -> PickedFile {
        PickedFile {
            name: name.to_owned(),
            bytes: bytes.into(),
        }
    }

    #[test]
    fn a_nordic_csv_is_read_and_previewed_under_its_title_row() {
        let f = file(
            "kunder.csv",
            b"Kundeliste\r\nNavn;E-post\r\n\xC5se;ase@example.no\r\nOla;ola@example.no;x\r\n",
        );
        let parsed = read(&f, &Overrides::default(), Some(Country::Norway));
        let book = parsed.0.as_ref().as_ref().unwrap();
        assert_eq!(
            book.text_layout.unwrap().decoding.encoding.name(),
            "windows-1252"
        );
        let skip = suggested_skip(book, 0);
        assert_eq!(skip, 1);
        let p = preview(
            book,
            0,
            HeaderOptions {
                skip_rows: skip,
                has_headers: true,
            },
        )
        .unwrap();
        assert_eq!((p.rows, p.columns), (2, 3));
        assert_eq!(p.first_row[0], ("Navn".to_owned(), "Åse".to_owned()));
        assert_eq!(p.first_row[2], ("C".to_owned(), String::new()));
        assert_eq!(p.ragged_rows, [4]);
    }

    #[test]
    fn overrides_make_a_new_read() {
        let f = file("a.csv", b"a,b;c\n1,2;3\n");
        let first = read(&f, &Overrides::default(), None);
        let again = read(
            &f,
            &Overrides {
                delimiter: Some(b','),
                ..Overrides::default()
            },
            None,
        );
        assert_ne!(first, again);
        assert_eq!(first, first.clone());
        let book = again.0.as_ref().as_ref().unwrap();
        assert_eq!(
            preview(book, 0, HeaderOptions::default()).unwrap().columns,
            2
        );
    }

    #[test]
    fn errors_read_in_the_users_language() {
        let f = file("tom.csv", b"");
        let err = read(&f, &Overrides::default(), None)
            .0
            .as_ref()
            .clone()
            .unwrap_err();
        assert_eq!(error_text(Locale::Nb, &err), "Filen er tom.");
        let big = ReadError::FileTooBig {
            size: 2_500_000_000,
            limit: 1_073_741_824,
        };
        assert_eq!(
            error_text(Locale::En, &big),
            "The file is 2.5 GB. The largest file that can be read here is 1.1 GB."
        );
        let long = ReadError::CellTooLong {
            position: customer_import_domain::read::Position { row: 7, column: 3 },
            limit: 131072,
        };
        assert!(error_text(Locale::Fi, &long).starts_with("Rivin 7 sarakkeen C solussa"));
    }
}
