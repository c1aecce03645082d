//! Workbooks (`.xlsx`, `.xlsm`, `.xls`, `.ods`) through `calamine`.
//!
//! xlsx sheets are streamed cell by cell ([`sparse`] keeps them bounded), never
//! through calamine's `worksheet_range`, which allocates the sheet's whole declared
//! rectangle. xls and ods are parsed by calamine when opened; their size is bounded by
//! the file-size limit (xls) and by the zip guard plus calamine's own caps (ods).
//! Formulas give their cached value, which is what Excel shows.

pub mod cell_text;
mod merge_scan;
mod sparse;
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
    let merges = merge_scan::any_sheet_has_merges(bytes);
    let mut entries = Vec::new();
    for meta in metas.into_iter().filter(|m| m.typ == SheetType::WorkSheet) {
        let content = xlsx_sheet(&mut book, &meta.name, merges, limits);
        entries.push(entry(meta, content));
    }
    Ok(entries)
}

fn xlsx_sheet(
    book: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    merges: bool,
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
    if merges && let Ok(regions) = book.merge_cells_by_sheet_name(name) {
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
