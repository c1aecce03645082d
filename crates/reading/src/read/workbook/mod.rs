//! Workbooks (`.xlsx`, `.xlsm`, `.xls`, `.ods`) through `calamine`.
//!
//! xlsx sheets are streamed cell by cell, never through calamine's `worksheet_range`,
//! which allocates the sheet's whole declared rectangle: by our scanner from the XML
//! as it inflates ([`in_order`] lays the cells out as they come), else by calamine's
//! cell reader ([`sparse`] keeps them bounded). xls and ods are parsed by calamine when
//! opened; their size is bounded by the file-size limit (xls) and by the zip guard plus
//! calamine's own caps (ods).
//! Formulas give their cached value, which is what Excel shows. An xlsx formula saved
//! without one (by a program that does not calculate) is read as empty and listed in
//! the sheet's [`Losses`](super::Losses), by our scanner and by calamine's cell reader
//! alike; xls and ods (whose writers always store results) do not list them.

mod cell_limits;
pub mod cell_text;
mod in_order;
mod sparse;
mod xlsx_cells;
mod xml_tags;
mod xml_window;
mod zip_guard;

use std::io::{Cursor, Read, Seek, SeekFrom};

use calamine::{
    CustomerImportWorksheet, Ods, OdsError, Reader, SheetType, SheetVisible, Xls, XlsError, Xlsx,
    XlsxError,
};

use self::{cell_text::Value, in_order::InOrderSheet, sparse::SparseSheet, xml_window::XmlWindow};
use super::{book::SheetEntry, error::ReadError, limits::Limits, sheet::Sheet};
use crate::format::FileFormat;

pub fn read_workbook(
    bytes: &[u8],
    format: FileFormat,
    limits: &Limits,
) -> Result<Vec<SheetEntry>, ReadError> {
    match format {
        FileFormat::Xlsx | FileFormat::Ods => read_zipped(&mut Cursor::new(bytes), format, limits),
        FileFormat::Xls => {
            if is_encrypted_ooxml(bytes) {
                return Err(ReadError::Encrypted);
            }
            read_xls(bytes, limits)
        }
        FileFormat::DelimitedText => Err(ReadError::UnsupportedContainer),
    }
}

/// A file that can be read anywhere. Zip workbooks are read through `&mut dyn Source`,
/// bytes in memory or the browser's `File` alike, so that calamine and zip are built
/// into the worker once, not once for each (64 KB of gzipped wasm).
pub trait Source: Read + Seek {}

impl<T: Read + Seek> Source for T {}

/// A zip workbook (xlsx, ods) read from `source`, which is only ever read in pieces:
/// the file need not be in memory whole.
pub fn read_zipped(
    mut source: &mut dyn Source,
    format: FileFormat,
    limits: &Limits,
) -> Result<Vec<SheetEntry>, ReadError> {
    zip_guard::check(&mut source, limits)?;
    source
        .seek(SeekFrom::Start(0))
        .map_err(|e| ReadError::Corrupt {
            detail: format!("reading the file again: {e}"),
        })?;
    match format {
        FileFormat::Xlsx => read_xlsx(source, limits),
        FileFormat::Ods => read_ods(source, limits),
        FileFormat::Xls | FileFormat::DelimitedText => Err(ReadError::UnsupportedContainer),
    }
}

fn read_xlsx<R: Read + Seek>(source: R, limits: &Limits) -> Result<Vec<SheetEntry>, ReadError> {
    let mut book = Xlsx::new(source).map_err(xlsx_error)?;
    let metas: Vec<calamine::Sheet> = book.sheets_metadata().to_vec();
    let mut entries = Vec::new();
    for meta in metas.into_iter().filter(|m| m.typ == SheetType::WorkSheet) {
        let content = match scanned_sheet(&mut book, &meta.name, limits) {
            Ok(Some(sheet)) => Ok(sheet),
            Ok(None) => calamine_sheet(&mut book, &meta.name, limits),
            Err(e) => Err(e),
        };
        entries.push(entry(meta, content));
    }
    Ok(entries)
}

/// The sheet read by our own scanner (`xlsx_cells`); `None` if it has markup the
/// scanner leaves to calamine.
fn scanned_sheet<R: Read + Seek>(
    book: &mut Xlsx<R>,
    name: &str,
    limits: &Limits,
) -> Result<Option<Sheet>, ReadError> {
    let CustomerImportWorksheet {
        xml,
        declared_size,
        cells,
    } = book.customer_import_worksheet(name).map_err(xlsx_error)?;
    let date_type = |style| cells.date_type(style);
    let context = xlsx_cells::Context {
        strings: cells.strings,
        date_type: &date_type,
        is_1904: cells.is_1904,
    };
    let mut window = XmlWindow::new(xml, xml_window::PIECE, limits.max_inflated_bytes);
    let mut sheet = InOrderSheet::new(*limits);
    match xlsx_cells::scan(&mut window, declared_size, &context, &mut sheet)? {
        Some(merged) => sheet.finish(&merged).map(Some),
        None => Ok(None),
    }
}

/// The sheet read by calamine's cell reader, streamed cell by cell. Formulas come
/// with their cells (not expanded), so that one saved without a result is listed in
/// the sheet's losses here too: a sheet the scanner leaves to calamine (inline strings,
/// say, which converters write) tells the user the same as any other.
fn calamine_sheet<R: Read + Seek>(
    book: &mut Xlsx<R>,
    name: &str,
    limits: &Limits,
) -> Result<Sheet, ReadError> {
    let mut sparse = SparseSheet::new(*limits);
    let mut cells = book.worksheet_cells_reader(name).map_err(xlsx_error)?;
    while let Some(cell) = cells
        .next_cell_with_formula_metadata()
        .map_err(xlsx_error)?
    {
        let (row, column) = cell.pos;
        if cell.formula.is_some() && cell.value == calamine::DataRef::Empty {
            sparse.formula_without_value(row, column);
        }
        sparse.push(row, column, &Value::from(&cell.value))?;
    }
    drop(cells);
    // Merges are listed after the cells; a broken list only loses the fill.
    if let Ok(regions) = book.merge_cells_by_sheet_name(name) {
        sparse.fill_merged(&regions)?;
    }
    sparse.into_sheet()
}

fn read_xls(bytes: &[u8], limits: &Limits) -> Result<Vec<SheetEntry>, ReadError> {
    let mut book = Xls::new(Cursor::new(bytes)).map_err(xls_error)?;
    let metas: Vec<calamine::Sheet> = book.sheets_metadata().to_vec();
    let mut entries = Vec::new();
    for meta in metas.into_iter().filter(|m| m.typ == SheetType::WorkSheet) {
        let content = book
            .worksheet_range(&meta.name)
            .map_err(xls_error)
            .and_then(|range| {
                let regions = book
                    .merge_cells_by_sheet_name(&meta.name)
                    .unwrap_or_default();
                dense_to_sheet(&range, &regions, limits)
            });
        entries.push(entry(meta, content));
    }
    Ok(entries)
}

fn read_ods<R: Read + Seek>(source: R, limits: &Limits) -> Result<Vec<SheetEntry>, ReadError> {
    let mut book = Ods::new(source).map_err(ods_error)?;
    let metas: Vec<calamine::Sheet> = book.sheets_metadata().to_vec();
    let mut entries = Vec::new();
    for meta in metas.into_iter().filter(|m| m.typ == SheetType::WorkSheet) {
        let content = book
            .worksheet_range(&meta.name)
            .map_err(ods_error)
            .and_then(|range| dense_to_sheet(&range, &[], limits));
        entries.push(entry(meta, content));
    }
    Ok(entries)
}

/// A calamine range is positioned at its first used cell; the sheet keeps absolute
/// positions so that row numbers in messages match what Excel shows.
fn dense_to_sheet(
    range: &calamine::Range<calamine::Data>,
    merged: &[calamine::Dimensions],
    limits: &Limits,
) -> Result<Sheet, ReadError> {
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut sparse = SparseSheet::new(*limits);
    for (r, row) in range.rows().enumerate() {
        for (c, value) in row.iter().enumerate() {
            sparse.push(top + r as u32, left + c as u32, &Value::from(value))?;
        }
    }
    sparse.fill_merged(merged)?;
    sparse.into_sheet()
}

fn entry(meta: calamine::Sheet, content: Result<Sheet, ReadError>) -> SheetEntry {
    SheetEntry {
        name: meta.name,
        visible: meta.visible == SheetVisible::Visible,
        content,
    }
}

/// Encrypted xlsx files are OLE containers holding an `EncryptedPackage` stream.
fn is_encrypted_ooxml(bytes: &[u8]) -> bool {
    let needle: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    bytes.windows(needle.len()).any(|w| w == needle.as_slice())
}

fn xlsx_error(e: XlsxError) -> ReadError {
    match e {
        XlsxError::Password => ReadError::Encrypted,
        e => ReadError::Corrupt {
            detail: format!("xlsx: {e}"),
        },
    }
}

fn xls_error(e: XlsError) -> ReadError {
    match e {
        XlsError::Password => ReadError::Encrypted,
        e => ReadError::Corrupt {
            detail: format!("xls: {e}"),
        },
    }
}

fn ods_error(e: OdsError) -> ReadError {
    match e {
        OdsError::Password => ReadError::Encrypted,
        e => ReadError::Corrupt {
            detail: format!("ods: {e}"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each sheet read by the scanner and by calamine's cell reader, as text to compare.
    fn both_ways(bytes: &[u8]) -> Vec<(String, String)> {
        let limits = Limits::default();
        let mut book = Xlsx::new(Cursor::new(bytes)).unwrap_or_else(|e| panic!("{e}"));
        let names: Vec<String> = book.sheet_names();
        names
            .iter()
            .map(|name| {
                let scanned = scanned_sheet(&mut book, name, &limits);
                let streamed = calamine_sheet(&mut book, name, &limits).map(Some);
                (format!("{scanned:?}"), format!("{streamed:?}"))
            })
            .collect()
    }

    /// The scanner reads every sheet of the corpus workbooks itself (dates in both
    /// systems, numbers, formulas, merges, a hidden sheet) and reads them exactly as
    /// calamine's cell reader does.
    #[test]
    fn the_scanner_reads_the_corpus_as_calamine_does() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
        for file in ["customers.xlsx", "customers_1904.xlsx"] {
            let bytes = std::fs::read(dir.join(file)).unwrap();
            let sheets = both_ways(&bytes);
            assert!(sheets.len() >= 2, "{file}");
            for (scanned, streamed) in sheets {
                assert!(!scanned.starts_with("Ok(None)"), "{file}: left to calamine");
                assert_eq!(scanned, streamed, "{file}");
            }
        }
    }

    /// A sheet of many windows, long enough for room to be reserved ahead (over
    /// `in_order`'s sample), with a vertical merge at its end, reads as calamine reads it.
    #[test]
    fn a_long_sheet_is_read_as_calamine_reads_it() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        let date = rust_xlsxwriter::Format::new().set_num_format("dd.mm.yyyy");
        let rows = 12_000;
        for row in 0..rows {
            sheet
                .write_string(row, 0, format!("Åse Øvrebø {row}"))
                .unwrap();
            sheet
                .write_string(row, 1, format!("ase{row}@example.no"))
                .unwrap();
            sheet
                .write_number(row, 2, 4790000000.0 + row as f64)
                .unwrap();
            sheet
                .write_number_with_format(row, 3, 30000.0 + row as f64, &date)
                .unwrap();
            sheet.write_string(row, 5, "Tromsø").unwrap();
        }
        let plain = rust_xlsxwriter::Format::new();
        sheet
            .merge_range(rows, 0, rows + 2, 0, "slått sammen", &plain)
            .unwrap();
        sheet.write_string(rows + 2, 5, "siste").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let sheets = both_ways(&bytes);
        let (scanned, streamed) = &sheets[0];
        assert!(scanned.starts_with("Ok(Some("), "left to calamine");
        assert_eq!(scanned, streamed);
        let mut book = Xlsx::new(Cursor::new(&bytes[..])).unwrap();
        let sheet = scanned_sheet(&mut book, "Sheet1", &Limits::default())
            .unwrap()
            .unwrap();
        assert_eq!(sheet.cell(rows as usize + 2, 0).text, "slått sammen");
    }

    /// The shared strings stay calamine's, read through quick_xml's 8 KiB buffer, not
    /// our window. Rich text runs (with `&amp;`, letters of two and three bytes, and
    /// lengths that move where that buffer ends within them) read as the runs joined.
    #[test]
    fn rich_text_shared_strings_read_as_their_runs_joined() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        let bold = rust_xlsxwriter::Format::new().set_bold();
        let plain = rust_xlsxwriter::Format::new();
        let rows = 3_000;
        let tail = |row: u32| format!(" Øvrebø – {}", "x".repeat(row as usize % 13));
        for row in 0..rows {
            let runs = [
                (&bold, "Åse & ".to_owned()),
                (&plain, format!("«{row}»")),
                (&bold, tail(row)),
            ];
            let runs: Vec<_> = runs.iter().map(|(f, t)| (*f, t.as_str())).collect();
            sheet.write_rich_string(row, 0, &runs).unwrap();
        }
        let bytes = book.save_to_buffer().unwrap();
        let mut book = Xlsx::new(Cursor::new(&bytes[..])).unwrap();
        let sheet = scanned_sheet(&mut book, "Sheet1", &Limits::default())
            .unwrap()
            .expect("read by the scanner");
        for row in 0..rows {
            let joined = format!("Åse & «{row}»{}", tail(row));
            assert_eq!(sheet.cell(row as usize, 0).text, joined);
        }
    }

    /// `bytes` zipped again, each part stored as `edit` gives it (by name and content).
    fn rezip(bytes: &[u8], edit: impl Fn(&str, String) -> String) -> Vec<u8> {
        use std::io::{Read, Write};
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for index in 0..archive.len() {
            let mut part = archive.by_index(index).unwrap();
            let name = part.name().unwrap().into_owned();
            let mut text = String::new();
            part.read_to_string(&mut text).unwrap();
            out.start_file(name.as_str(), stored).unwrap();
            out.write_all(edit(&name, text).as_bytes()).unwrap();
        }
        out.finish().unwrap().into_inner()
    }

    /// A shared-strings part stating four billion strings in a small file opens (it
    /// asked for gigabytes before calamine's twelfth patch, and the process aborted).
    #[test]
    fn a_crafted_shared_string_count_reserves_nothing_absurd() {
        let mut book = rust_xlsxwriter::Workbook::new();
        book.add_worksheet().write_string(0, 0, "Åse").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let crafted = rezip(&bytes, |name, text| match name {
            "xl/sharedStrings.xml" => {
                assert!(text.contains(r#"uniqueCount="1""#), "{text}");
                text.replace(r#"uniqueCount="1""#, r#"uniqueCount="4000000000""#)
            }
            _ => text,
        });
        let sheets = read_workbook(&crafted, FileFormat::Xlsx, &Limits::default()).unwrap();
        let content = sheets[0].content.as_ref().map(|s| s.cell(0, 0).text);
        assert_eq!(content, Ok("Åse"));
    }

    /// Markup the scanner does not read is left to calamine: the same sheet comes out.
    #[test]
    fn unusual_markup_falls_back_to_calamine() {
        let sheet = |cells: &str| {
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">{cells}</row></sheetData></worksheet>"#
            )
        };
        let context = xlsx_cells::Context {
            strings: &["delt".to_owned()],
            date_type: &|_| None,
            is_1904: false,
        };
        let read = |xml: &str| {
            let mut window = XmlWindow::new(xml.as_bytes(), 64, u64::MAX);
            let mut sheet = InOrderSheet::new(Limits::default());
            xlsx_cells::scan(&mut window, 0, &context, &mut sheet)
                .unwrap()
                .map(|merged| sheet.finish(&merged).unwrap())
        };
        let plain = read(&sheet(
            r#"<c r="A1" t="s"><v>0</v></c><c r="B1"><f>1+1</f><v>2</v></c><x:c r="C1" t="str"><x:v>ja</x:v></x:c><c r="D1" s="0"/>"#,
        ))
        .expect("read by the scanner");
        let texts: Vec<&str> = (0..3).map(|c| plain.cell(0, c).text).collect();
        assert_eq!(texts, ["delt", "2", "ja"]);
        for unusual in [
            r#"<c r="A1" t="inlineStr"><is><t>inline</t></is></c>"#,
            r#"<c r="A1" t="str"><v>a &amp; b</v></c>"#,
            r#"<c r="A1" t="str"><v>line_x000D_break</v></c>"#,
            r#"<c r="A1" t="str"><v><![CDATA[x]]></v></c>"#,
            r#"<c r="A1" t="s"><v>7</v></c>"#,
            r#"<c r="a1"><v>1</v></c>"#,
            r#"<c r="A1"><v>1</v><extLst/></c>"#,
        ] {
            assert!(read(&sheet(unusual)).is_none(), "{unusual}");
        }
    }

    /// A sheet left to calamine (its inline strings) lists a formula saved without a
    /// result as the scanner does; one with a result, or an empty text result, is no loss.
    #[test]
    fn a_formula_without_value_is_listed_on_calamines_path_too() {
        let mut book = rust_xlsxwriter::Workbook::new();
        book.add_worksheet().write_string(0, 0, "Navn").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let cells = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Navn</t></is></c><c r="H1" t="inlineStr"><is><t>Sum</t></is></c></row><row r="6"><c r="A6" t="inlineStr"><is><t>Kari</t></is></c><c r="B6"><f>1+1</f><v>2</v></c><c r="C6" t="str"><f>""</f><v></v></c><c r="H6"><f>SUM(B2:B5)</f></c></row>"#;
        let edited = rezip(&bytes, |name, text| match name {
            "xl/worksheets/sheet1.xml" => {
                let start = text.find("<sheetData").unwrap();
                let end = text.find("</sheetData>").unwrap() + "</sheetData>".len();
                format!(
                    "{}<sheetData>{cells}</sheetData>{}",
                    &text[..start],
                    &text[end..]
                )
            }
            _ => text,
        });
        let mut opened = Xlsx::new(Cursor::new(&edited[..])).unwrap();
        let scanned = scanned_sheet(&mut opened, "Sheet1", &Limits::default()).unwrap();
        assert!(scanned.is_none(), "inline strings are left to calamine");
        let sheets = read_workbook(&edited, FileFormat::Xlsx, &Limits::default()).unwrap();
        let sheet = sheets[0].content.as_ref().unwrap();
        assert_eq!(sheet.cell(5, 0).text, "Kari");
        assert_eq!(sheet.cell(5, 1).text, "2");
        assert_eq!(sheet.cell(5, 7).text, "");
        let losses = sheet.losses();
        assert_eq!(losses.formulas_without_value, 1, "{losses:?}");
        let listed: Vec<(u64, u64)> = losses
            .formula_cells
            .iter()
            .map(|p| (p.row, p.column))
            .collect();
        assert_eq!(listed, [(6, 8)], "H6, 1-based");
    }

    /// `bytes` with the inflated size of every zip entry named `name` declared as
    /// `size`, in its local header and in the central directory.
    fn declare_size(mut bytes: Vec<u8>, name: &str, size: u32) -> Vec<u8> {
        let u16_at = |b: &[u8], at: usize| u16::from_le_bytes([b[at], b[at + 1]]) as usize;
        let mut patched = 0;
        // (signature, offset of the inflated size, of the name's length, of the name)
        for (signature, size_at, name_len_at, name_at) in
            [(*b"PK\x03\x04", 22, 26, 30), (*b"PK\x01\x02", 24, 28, 46)]
        {
            let starts: Vec<usize> = memchr::memmem::find_iter(&bytes, &signature).collect();
            for start in starts {
                let len = u16_at(&bytes, start + name_len_at);
                let field = start + name_at..start + name_at + len;
                if bytes.get(field) == Some(name.as_bytes()) {
                    bytes[start + size_at..start + size_at + 4]
                        .copy_from_slice(&size.to_le_bytes());
                    patched += 1;
                }
            }
        }
        assert_eq!(patched, 2, "{name} in the local header and the directory");
        bytes
    }

    /// A sheet inflating past the limit is refused by the zip guard from its declared
    /// size; read anyway, its XML is refused with the same error as it inflates; and
    /// an entry inflating past what it declares is refused by the zip reader.
    #[test]
    fn a_sheet_inflating_past_the_limit_is_refused() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for row in 0..20_000 {
            for column in 0..5 {
                sheet.write_number(row, column, 7.0).unwrap();
            }
        }
        let bytes = book.save_to_buffer().unwrap();
        let limits = Limits {
            max_inflated_bytes: 200_000,
            ..Limits::default()
        };
        let refused = ReadError::InflatesTooBig { limit: 200_000 };
        let guarded = read_workbook(&bytes, FileFormat::Xlsx, &limits);
        assert_eq!(guarded.unwrap_err(), refused);
        let mut book = Xlsx::new(Cursor::new(&bytes[..])).unwrap();
        assert_eq!(scanned_sheet(&mut book, "Sheet1", &limits), Err(refused));
        let read = scanned_sheet(&mut book, "Sheet1", &Limits::default());
        let content = read.map(|s| s.map(|s| (s.rows(), s.columns())));
        assert_eq!(content, Ok(Some((20_000, 5))), "within the default limit");

        let lying = declare_size(bytes, "xl/worksheets/sheet1.xml", 1_000);
        zip_guard::check(&mut Cursor::new(&lying[..]), &limits).expect("the declared sizes pass");
        let sheets = read_workbook(&lying, FileFormat::Xlsx, &Limits::default()).unwrap();
        let error = sheets[0].content.as_ref().map(|_| ()).unwrap_err();
        assert_eq!(error.key(), "file.corrupt", "{error:?}");
    }
}
