//! How much a file may hold. The defaults take a million customers with thirty columns
//! and refuse what would exhaust a browser tab's memory.

use customer_import_domain::wire::MAX_FILE_ROWS;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// Size of the file as picked.
    pub max_file_bytes: u64,
    /// Sum of the declared uncompressed sizes of a zip-based workbook's parts.
    pub max_inflated_bytes: u64,
    /// Rows of a sheet, title and header rows included.
    pub max_rows: u64,
    /// Columns of a sheet (Excel's own maximum is 16,384).
    pub max_columns: u64,
    /// Cells of a sheet, counted over its whole rectangle (rows × columns).
    pub max_cells: u64,
    /// Characters in one cell (Excel's own maximum is 32,767).
    pub max_cell_bytes: u64,
    /// Text of one sheet, all cells together (shared strings are repeated per cell).
    pub max_sheet_text_bytes: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_file_bytes: 1 << 30,
            max_inflated_bytes: 2 << 30,
            max_rows: MAX_FILE_ROWS,
            max_columns: 16_384,
            max_cells: 40_000_000,
            max_cell_bytes: 128 * 1024,
            max_sheet_text_bytes: 1 << 30,
        }
    }
}
