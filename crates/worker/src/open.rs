//! The one door every file comes in by, whatever its format: a reader over it (the
//! picked `File` in the browser, read slice by slice; bytes in tests). Its first
//! 64 KiB come first, and their first rows go to the page at once, so that a large
//! file shows its rows within milliseconds, not once the whole of it is read. A zip
//! workbook is then read where it lies, in pieces (its parts are inflated from there),
//! so its bytes are never in memory whole beside its sheets; anything else is read
//! whole into memory, where delimited text is parsed in place.

use std::io::{self, BufReader, Read, Seek};

use customer_import_reading::read::{
    Book, ReadError, ReadOptions, is_zip_workbook, preview, read_file_owned, read_zip_workbook,
};

use crate::{protocol::TextSummary, table_view::text_summary};

/// Rows shown from the start of a file while the rest is read.
pub const PREVIEW_ROWS: usize = 10;

/// The start of the file that is read first, for its first rows and its format.
const FIRST_SLICE: u64 = 64 << 10;

/// Reads of a zip workbook's parts are buffered this much: each read of the `File` is
/// a call into the browser.
const PIECE: usize = 256 << 10;

/// Reads the book in `file` of `size` bytes, picked as `name`; its first rows go to
/// `preview` as soon as its start is read. An error reading `file` itself (not what is
/// in it) is the `io::Error`.
pub fn read_book<R: Read + Seek>(
    mut file: R,
    size: u64,
    name: &str,
    options: &ReadOptions,
    preview: &mut dyn FnMut(Vec<Vec<String>>, TextSummary),
) -> io::Result<Result<Book, ReadError>> {
    file.rewind()?;
    let mut start = Vec::new();
    file.by_ref().take(FIRST_SLICE).read_to_end(&mut start)?;
    let complete = start.len() as u64 >= size;
    if let Some(first) = preview::first_rows(&start, complete, name, options, PREVIEW_ROWS) {
        preview(first.rows, text_summary(&first.layout));
    }
    if is_zip_workbook(&start, name) {
        let pieces = BufReader::with_capacity(PIECE, file);
        return Ok(read_zip_workbook(pieces, size, &start, name, options));
    }
    // Straight into the one buffer the book is read from: never held twice whole.
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    bytes.extend_from_slice(&start);
    drop(start);
    file.read_to_end(&mut bytes)?;
    // Taken, not borrowed: a CSV is parsed in place.
    Ok(read_file_owned(bytes, name, options))
}
