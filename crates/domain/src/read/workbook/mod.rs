//! Workbooks (`.xlsx`, `.xlsm`, `.xls`, `.ods`) through `calamine`.
//!
//! xlsx sheets are streamed cell by cell ([`sparse`] keeps them bounded), never
//! through calamine's `worksheet_range`, which allocates the sheet's whole declared
//! rectangle. xls and ods are parsed by calamine when opened; their size is bounded by
//! the file-size limit (xls) and by the zip guard plus calamine's own caps (ods).
//! Formulas give their cached value, which is what Excel shows. An xlsx formula saved
//! without one (by a program that does not calculate) is read as empty and listed in
//! the sheet's [`Losses`](super::Losses) by our scanner; sheets left to calamine, and
//! xls/ods (whose writers always store results), do not list them.

pub mod cell_text;
mod sparse;
mod xlsx_cells;
mod zip_guard;

use std::io::Cursor;

use calamine::{Ods, OdsError, Reader, SheetType, SheetVisible, Xls, XlsError, Xlsx, XlsxError};

use self::{cell_text::Value, sparse::SparseSheet};
use super::{Limits, ReadError, SheetEntry};
use crate::format::FileFormat;

pub fn read_workbook(
    bytes: &[u8],
    format: FileFormat,
    limits: &Limits,
) -> Result<Vec<SheetEntry>, ReadError> {
    match format {
        FileFormat::Xlsx => {
            zip_guard::check(bytes, limits)?;
            read_xlsx(bytes, limits)
        }
        FileFormat::Ods => {
            zip_guard::check(bytes, limits)?;
            read_ods(bytes, limits)
        }
        FileFormat::Xls => {
            if is_encrypted_ooxml(bytes) {
                return Err(ReadError::Encrypted);
            }
            read_xls(bytes, limits)
        }
        FileFormat::DelimitedText => Err(ReadError::UnsupportedContainer),
    }
}

fn read_xlsx(bytes: &[u8], limits: &Limits) -> Result<Vec<SheetEntry>, ReadError> {
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(xlsx_error)?;
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
fn scanned_sheet(
    book: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    limits: &Limits,
) -> Result<Option<super::Sheet>, ReadError> {
    let xml = book
        .customer_import_worksheet_xml(name, limits.max_inflated_bytes)
        .map_err(xlsx_error)?;
    if xml.len() as u64 > limits.max_inflated_bytes {
        return Err(ReadError::InflatesTooBig {
            limit: limits.max_inflated_bytes,
        });
    }
    let date_type = |style| book.customer_import_date_type(style);
    let context = xlsx_cells::Context {
        strings: book.customer_import_shared_strings(),
        date_type: &date_type,
        is_1904: book.customer_import_is_1904(),
    };
    let mut sparse = SparseSheet::new(*limits);
    let merged = xlsx_cells::scan(&xml, &context, &mut sparse)?;
    // The XML is the largest thing held: gone before the sheet is laid out.
    drop(xml);
    match merged {
        Some(merged) => {
            sparse.fill_merged(&merged)?;
            sparse.into_sheet().map(Some)
        }
        None => Ok(None),
    }
}

/// The sheet read by calamine's cell reader, streamed cell by cell.
fn calamine_sheet(
    book: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    limits: &Limits,
) -> Result<super::Sheet, ReadError> {
    let mut sparse = SparseSheet::new(*limits);
    let mut cells = book.worksheet_cells_reader(name).map_err(xlsx_error)?;
    while let Some(cell) = cells.next_cell().map_err(xlsx_error)? {
        let (row, column) = cell.get_position();
        sparse.push(row, column, &Value::from(cell.get_value()))?;
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

fn read_ods(bytes: &[u8], limits: &Limits) -> Result<Vec<SheetEntry>, ReadError> {
    let mut book = Ods::new(Cursor::new(bytes)).map_err(ods_error)?;
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
) -> Result<super::Sheet, ReadError> {
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

fn entry(meta: calamine::Sheet, content: Result<super::Sheet, ReadError>) -> SheetEntry {
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
            let mut sparse = SparseSheet::new(Limits::default());
            xlsx_cells::scan(xml.as_bytes(), &context, &mut sparse)
                .unwrap()
                .map(|_| sparse.into_sheet().unwrap())
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
}
