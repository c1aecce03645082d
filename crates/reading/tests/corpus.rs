//! The reading corpus (`tests/corpus/`, written by `make_corpus.py`): files as Nordic
//! admins' tools produce them must read right; broken and hostile files must end in
//! their error, never a panic or an abort.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use customer_import_reading::{
    format::FileFormat,
    read::{Book, CellKind, Limits, Losses, Position, ReadError, ReadOptions, Sheet, read_file},
    table::{HeaderOptions, Table, suggest_skip_rows},
};

fn bytes(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/corpus/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn read(name: &str) -> Result<Book, ReadError> {
    read_file(&bytes(name), name, &ReadOptions::default())
}

fn default_sheet(book: &Book) -> &Sheet {
    book.sheets[book.default_sheet()].content.as_ref().unwrap()
}

/// The table under the suggested header row.
fn table(sheet: &Sheet) -> Table<'_> {
    Table::new(
        sheet,
        HeaderOptions {
            skip_rows: suggest_skip_rows(sheet),
            has_headers: true,
        },
    )
    .unwrap()
}

fn headings(t: &Table<'_>) -> Vec<String> {
    t.headings().iter().map(|h| h.label.clone()).collect()
}

const HEADINGS: [&str; 7] = [
    "Navn",
    "E-post",
    "Mobil",
    "Postnummer",
    "Poststed",
    "Fødselsdato",
    "Bolig",
];

// Delimited text as Excel writes it.

#[test]
fn nordic_excel_csv_windows_1252_semicolons() {
    let book = read("nordic_excel.csv").unwrap();
    let layout = book.text_layout.unwrap();
    assert_eq!(layout.decoding.encoding, encoding_rs::WINDOWS_1252);
    assert_eq!(layout.delimiter, b';');
    let t = table(default_sheet(&book));
    assert_eq!(headings(&t), HEADINGS);
    assert_eq!((t.rows(), t.columns()), (3, 7));
    assert_eq!(
        t.first_row(),
        vec![
            ("Navn", "Åse Øvrebø"),
            ("E-post", "ase@example.no"),
            ("Mobil", "4791234567"),
            ("Postnummer", "150"),
            ("Poststed", "Oslo, sentrum"),
            ("Fødselsdato", "04.07.1985"),
            ("Bolig", "A-101"),
        ]
    );
    assert_eq!(t.cell(1, 0).text, "Päivi Kärkkäinen");
}

#[test]
fn csv_utf8_with_bom() {
    let book = read("csv_utf8_bom.csv").unwrap();
    let layout = book.text_layout.unwrap();
    assert!(layout.decoding.had_bom);
    assert_eq!(layout.decoding.encoding, encoding_rs::UTF_8);
    let t = table(default_sheet(&book));
    assert_eq!(
        headings(&t)[0],
        "Navn",
        "the BOM must not stick to the first heading"
    );
    assert_eq!(t.cell(2, 0).text, "Jörgen Ångström");
}

#[test]
fn unicode_text_utf16_tabs() {
    let book = read("unicode_text.txt").unwrap();
    let layout = book.text_layout.unwrap();
    assert_eq!(
        (layout.decoding.encoding, layout.delimiter),
        (encoding_rs::UTF_16LE, b'\t')
    );
    let t = table(default_sheet(&book));
    assert_eq!(headings(&t), HEADINGS);
    assert_eq!(t.cell(0, 0).text, "Åse Øvrebø");
}

#[test]
fn quoted_fields_with_separators_quotes_and_line_breaks() {
    let book = read("multiline.csv").unwrap();
    let t = table(default_sheet(&book));
    assert_eq!(t.rows(), 2);
    assert_eq!(t.cell(0, 0).text, "Øvrebø; Åse");
    assert_eq!(
        t.cell(0, 1).text,
        "Ringer etter kl. 16\r\nHar \"nøkkel\" til bod"
    );
    assert_eq!(t.cell(1, 1).text, "Linje 1\nLinje 2");
    // Multi-line records are one row each, as in Excel.
    assert_eq!((t.row_number(0), t.row_number(1)), (2, 3));
}

#[test]
fn title_rows_above_the_header() {
    let book = read("title_rows.csv").unwrap();
    let sheet = default_sheet(&book);
    assert_eq!(suggest_skip_rows(sheet), 3);
    let t = table(sheet);
    assert_eq!(headings(&t), HEADINGS);
    assert_eq!((t.rows(), t.row_number(0)), (3, 5));
}

#[test]
fn ragged_rows_are_kept_and_reported() {
    let book = read("ragged.csv").unwrap();
    let t = table(default_sheet(&book));
    assert_eq!((t.rows(), t.columns()), (3, 4));
    let ragged: Vec<_> = t
        .ragged_rows(10)
        .1
        .iter()
        .map(|r| (r.row, r.fields))
        .collect();
    assert_eq!(ragged, [(3, 2), (4, 4)]);
}

#[test]
fn header_only_and_empty_files() {
    let book = read("header_only.csv").unwrap();
    let sheet = default_sheet(&book);
    assert_eq!(
        Table::new(sheet, HeaderOptions::default()).unwrap_err(),
        ReadError::HeaderOnly
    );
    assert_eq!(read("empty.csv").unwrap_err(), ReadError::Empty);
}

// Workbooks.

fn check_customer_workbook(name: &str) {
    let book = read(name).unwrap();
    let names: Vec<_> = book
        .sheets
        .iter()
        .map(|s| (s.name.as_str(), s.visible))
        .collect();
    assert_eq!(
        names,
        [("Forside", true), ("Kunder", true), ("Skjult", false)],
        "{name}"
    );
    assert_eq!(book.sheets[0].rows(), 0);
    assert_eq!(
        book.sheets[0].content.as_ref().unwrap_err(),
        &ReadError::NoData
    );
    assert_eq!(
        book.default_sheet(),
        1,
        "{name}: first visible sheet with data"
    );
    let sheet = default_sheet(&book);
    let t = table(sheet);
    assert_eq!(
        headings(&t),
        [&HEADINGS[..], &["Antall"]].concat(),
        "{name}"
    );
    assert_eq!(t.rows(), 4);
    assert_eq!(
        t.row_number(0),
        4,
        "title row and blank row above the header"
    );
    let first: Vec<_> = (0..8).map(|c| t.cell(0, c)).collect();
    let texts: Vec<_> = first.iter().map(|c| c.text).collect();
    assert_eq!(
        texts,
        [
            "Åse Øvrebø",
            "ase@example.no",
            "4791234567",
            "150",
            "Oslo",
            "04.07.1985",
            "A-101",
            "2"
        ],
        "{name}"
    );
    let kinds: Vec<_> = first.iter().map(|c| c.kind).collect();
    use CellKind::*;
    assert_eq!(
        kinds,
        [Text, Text, Number, Number, Text, Date, Text, Number]
    );
    assert_eq!(
        t.cell(1, 2).text,
        "358401234567",
        "every digit of a phone stored as a number"
    );
    // The merged unit cell belongs to both buyers; the title merged across stays one.
    assert_eq!((t.cell(2, 6).text, t.cell(3, 6).text), ("B-201", "B-201"));
    assert_eq!(t.cell(3, 5).text, "28.02.1981");
    assert_eq!(
        (sheet.cell(0, 0).text, sheet.cell(0, 1).text),
        ("Kundeliste Fjordparken", "")
    );
    assert_eq!(book.sheets[2].rows(), 2);
}

#[test]
fn xlsx_with_dates_numbers_formulas_merges_and_a_hidden_sheet() {
    check_customer_workbook("customers.xlsx");
    assert_eq!(read("customers.xlsx").unwrap().format, FileFormat::Xlsx);
}

#[test]
fn a_workbook_opens_on_its_customers_not_on_a_cover_sheet_before_them() {
    let book = read("cover_sheet.xlsx").unwrap();
    let names: Vec<_> = book
        .sheets
        .iter()
        .map(|s| (s.name.as_str(), s.rows()))
        .collect();
    assert_eq!(names, [("Forside", 1), ("Kunder", 4)]);
    assert_eq!(book.default_sheet(), 1);
    let t = table(default_sheet(&book));
    assert_eq!(headings(&t), ["Navn", "E-post", "Mobil", "Bolig"]);
    assert_eq!(t.rows(), 3);
}

#[test]
fn formula_cells_saved_without_a_value_are_listed() {
    // Text as `t="str"`, read by our scanner; as inline strings, left to calamine.
    for file in [
        "formulas_without_values.xlsx",
        "formulas_inline_strings.xlsx",
    ] {
        let book = read(file).unwrap();
        let sheet = default_sheet(&book);
        // D3 saved without `<v>` (converters), C4 with an empty `<v/>` (openpyxl):
        // read as empty, as before, but no longer silently.
        assert_eq!(sheet.cell(2, 3).text, "", "{file}");
        assert_eq!(sheet.cell(2, 0).text, "Ola Nordmann", "{file}");
        assert_eq!(
            *sheet.losses(),
            Losses {
                formulas_without_value: 2,
                formula_cells: vec![
                    Position { row: 3, column: 4 },
                    Position { row: 4, column: 3 }
                ],
                ..Losses::default()
            },
            "{file}"
        );
    }
    // A formula Excel saved with its result loses nothing.
    let book = read("customers.xlsx").unwrap();
    assert!(default_sheet(&book).losses().is_empty());
}

#[test]
fn characters_a_wrong_encoding_cannot_decode_are_counted_with_the_first_cell() {
    // Windows-1252 read as UTF-8: each Nordic letter is lost (`Kj�rsti`).
    let options = ReadOptions {
        encoding: Some("utf-8".into()),
        ..ReadOptions::default()
    };
    let book = read_file(&bytes("nordic_excel.csv"), "nordic_excel.csv", &options).unwrap();
    let losses = default_sheet(&book).losses();
    // "Fødselsdato" (F1) 1, "Åse Øvrebø" 3, "Päivi Kärkkäinen" 3, "Jörgen Ångström" 3.
    assert_eq!(losses.unreadable_chars, 10);
    assert_eq!(
        losses.first_unreadable,
        Some(Position { row: 1, column: 6 })
    );
    // Read as it was written, nothing is lost.
    let book = read("nordic_excel.csv").unwrap();
    assert!(default_sheet(&book).losses().is_empty());
    // A U+FFFD written in a UTF-8 file is the file's own text, not a decoding loss.
    let book = read_file(
        "Navn\nKj\u{FFFD}rsti\n".as_bytes(),
        "k.csv",
        &ReadOptions::default(),
    )
    .unwrap();
    assert!(default_sheet(&book).losses().is_empty());
}

#[test]
fn ragged_rows_are_counted_past_the_listed_ones() {
    let csv = "Navn;E-post\n".to_owned() + &"Ola\n".repeat(2_500);
    let book = read_file(csv.as_bytes(), "x.csv", &ReadOptions::default()).unwrap();
    let t = table(default_sheet(&book));
    let (total, listed) = t.ragged_rows(1_000);
    assert_eq!((total, listed.len()), (2_500, 1_000));
}

#[test]
fn xlsx_in_the_1904_date_system_shows_the_same_dates() {
    check_customer_workbook("customers_1904.xlsx");
}

#[test]
fn xls_with_dates_numbers_and_a_hidden_sheet() {
    let book = read("customers.xls").unwrap();
    assert_eq!(book.format, FileFormat::Xls);
    let names: Vec<_> = book
        .sheets
        .iter()
        .map(|s| (s.name.as_str(), s.visible))
        .collect();
    assert_eq!(names, [("Kunder", true), ("Skjult", false)]);
    let t = table(default_sheet(&book));
    assert_eq!(headings(&t), HEADINGS);
    assert_eq!(t.row_number(0), 4);
    let texts: Vec<_> = (0..7).map(|c| t.cell(0, c).text).collect();
    assert_eq!(
        texts,
        [
            "Åse Øvrebø",
            "ase@example.no",
            "4791234567",
            "150",
            "Oslo",
            "04.07.1985",
            "A-101"
        ]
    );
    assert_eq!(t.cell(2, 5).kind, CellKind::Date);
    assert_eq!(t.cell(2, 5).text, "24.12.1979");
}

#[test]
fn ods_with_dates_numbers_and_a_hidden_sheet() {
    let book = read("customers.ods").unwrap();
    assert_eq!(book.format, FileFormat::Ods);
    let names: Vec<_> = book
        .sheets
        .iter()
        .map(|s| (s.name.as_str(), s.visible))
        .collect();
    assert_eq!(names, [("Kunder", true), ("Skjult", false)]);
    let t = table(default_sheet(&book));
    assert_eq!(headings(&t), HEADINGS);
    let texts: Vec<_> = (0..7).map(|c| t.cell(0, c).text).collect();
    assert_eq!(
        texts,
        [
            "Åse Øvrebø",
            "ase@example.no",
            "4791234567",
            "150",
            "Oslo",
            "04.07.1985",
            "A-101"
        ]
    );
    assert_eq!(t.cell(0, 5).kind, CellKind::Date);
}

// Broken and hostile files: each ends in its error.

#[test]
fn cells_at_a1_and_xfd1048576_are_refused_without_allocating_the_rectangle() {
    let err = read("huge_dimensions.xlsx").unwrap_err();
    assert_eq!(
        err,
        ReadError::TooManyCells {
            rows: 1_048_576,
            columns: 16_384,
            limit: 40_000_000
        }
    );
}

#[test]
fn a_zip_declaring_gigabytes_is_refused_before_inflating() {
    assert_eq!(
        read("declares_4gb.xlsx").unwrap_err(),
        ReadError::InflatesTooBig { limit: 2 << 30 }
    );
    let small = ReadOptions {
        limits: Limits {
            max_inflated_bytes: 5_000_000,
            ..Limits::default()
        },
        ..ReadOptions::default()
    };
    let err = read_file(&bytes("inflates_10mb.xlsx"), "inflates_10mb.xlsx", &small).unwrap_err();
    assert_eq!(err, ReadError::InflatesTooBig { limit: 5_000_000 });
    assert!(
        read("inflates_10mb.xlsx").is_ok(),
        "within the default limit"
    );
}

#[test]
fn encrypted_truncated_and_foreign_files() {
    assert_eq!(read("encrypted.xlsx").unwrap_err(), ReadError::Encrypted);
    assert_eq!(read("truncated.xlsx").unwrap_err().key(), "file.corrupt");
    assert_eq!(
        read("letter.docx").unwrap_err(),
        ReadError::UnsupportedContainer
    );
    assert_eq!(read("junk.csv").unwrap_err(), ReadError::Binary);
}

#[test]
fn a_file_over_the_size_limit_is_refused_first() {
    let tiny = ReadOptions {
        limits: Limits {
            max_file_bytes: 100,
            ..Limits::default()
        },
        ..ReadOptions::default()
    };
    let err = read_file(&bytes("customers.xlsx"), "customers.xlsx", &tiny).unwrap_err();
    assert_eq!(err.key(), "file.too_big");
}

#[test]
fn the_row_limit_stops_a_long_csv() {
    let csv = "Navn;E-post\n".to_owned() + &"Ola;ola@example.no\n".repeat(100);
    let limits = Limits {
        max_rows: 50,
        ..Limits::default()
    };
    let err = read_file(
        csv.as_bytes(),
        "x.csv",
        &ReadOptions {
            limits,
            ..ReadOptions::default()
        },
    )
    .unwrap_err();
    assert_eq!(err, ReadError::TooManyRows { limit: 50 });
}

#[test]
fn user_overrides_change_how_text_is_read() {
    let options = ReadOptions {
        encoding: Some("utf-8".into()),
        delimiter: Some(b','),
        ..ReadOptions::default()
    };
    let book = read_file(&bytes("nordic_excel.csv"), "nordic_excel.csv", &options).unwrap();
    let layout = book.text_layout.unwrap();
    assert_eq!(
        (layout.decoding.detected, layout.delimiter_detected),
        (false, false)
    );
    // Read as UTF-8, the Windows-1252 letters become replacement characters.
    assert!(default_sheet(&book).cell(1, 0).text.contains('\u{FFFD}'));
    let bad = ReadOptions {
        encoding: Some("klingon".into()),
        ..ReadOptions::default()
    };
    assert_eq!(
        read_file(&bytes("nordic_excel.csv"), "x.csv", &bad).unwrap_err(),
        ReadError::UnknownEncoding {
            label: "klingon".into()
        }
    );
}

/// Inputs that once crashed the fuzzer (`fuzz-*` files, without libFuzzer's control
/// byte): each must now end in an error or a book, never a panic.
#[test]
fn fuzz_regressions_read_without_panicking() {
    let dir = format!("{}/tests/corpus", env!("CARGO_MANIFEST_DIR"));
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with("fuzz-") {
            let _ = read_file(
                &std::fs::read(&path).unwrap(),
                &name,
                &ReadOptions::default(),
            );
            seen += 1;
        }
    }
    assert!(seen > 0, "the regression files are in the corpus");
    assert_eq!(
        read("fuzz-cfb-sector-past-eof.xls").unwrap_err().key(),
        "file.corrupt"
    );
}

/// A CSV's sheet holds its text once plus 5 bytes a cell: within 2× the file, as the
/// browser must hold a million rows.
#[test]
fn a_parsed_csv_takes_at_most_twice_its_file_size() {
    let mut csv =
        String::from("Navn;E-post;Mobil;Fødselsdato;Adresse;Postnummer;Poststed;Bolig;Notat\r\n");
    for i in 0..20_000 {
        csv.push_str(&format!(
            "Åse Øvrebø {i};ase{i}@example.no;+47 9{i:07};04.07.1985;Storgata {i};0150;Oslo;A-{i};\"Ringer etter kl. 16\nhar nøkkel\"\r\n"
        ));
    }
    let book = read_file(csv.as_bytes(), "big.csv", &ReadOptions::default()).unwrap();
    let sheet = default_sheet(&book);
    assert_eq!(sheet.rows(), 20_001);
    let ratio = sheet.heap_bytes() as f64 / csv.len() as f64;
    assert!(ratio <= 2.0, "sheet takes {ratio:.2}× the file");
}
