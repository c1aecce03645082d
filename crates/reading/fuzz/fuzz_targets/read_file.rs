//! Any bytes under any of the accepted file names, read with any overrides and header
//! choices: the reader may refuse them, never panic, hang or allocate past its limits.
#![no_main]

use customer_import_reading::{
    read::{Limits, ReadOptions, read_file},
    table::{HeaderOptions, Table, suggest_skip_rows},
};
use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 8] = ["a.csv", "a.txt", "a.xlsx", "a.xlsm", "a.xls", "a.ods", "a", "a.tsv"];
const ENCODINGS: [Option<&str>; 4] = [None, Some("windows-1252"), Some("utf-16le"), Some("utf-8")];
const DELIMITERS: [Option<u8>; 4] = [None, Some(b';'), Some(b','), Some(b'\t')];

fuzz_target!(|data: &[u8]| {
    let Some((&control, bytes)) = data.split_first() else { return };
    let options = ReadOptions {
        encoding: ENCODINGS[(control >> 3 & 3) as usize].map(str::to_owned),
        delimiter: DELIMITERS[(control >> 5 & 3) as usize],
        country: None,
        // Small limits keep each run fast and prove they hold.
        limits: Limits {
            max_rows: 2_000,
            max_columns: 200,
            max_cells: 100_000,
            max_cell_bytes: 10_000,
            max_sheet_text_bytes: 1 << 20,
            max_inflated_bytes: 16 << 20,
            ..Limits::default()
        },
    };
    let Ok(book) = read_file(bytes, NAMES[(control & 7) as usize], &options) else { return };
    for entry in &book.sheets {
        let Ok(sheet) = &entry.content else { continue };
        let skip = suggest_skip_rows(sheet);
        for has_headers in [true, false] {
            if let Ok(table) = Table::new(sheet, HeaderOptions { skip_rows: skip, has_headers }) {
                let _ = table.first_row();
                let _ = table.ragged_rows(10);
                for row in 0..table.rows().min(50) {
                    for column in 0..table.columns() {
                        let _ = table.cell(row, column);
                    }
                }
            }
        }
    }
});
