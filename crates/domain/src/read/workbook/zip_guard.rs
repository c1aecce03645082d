//! Checks a zip-based workbook (xlsx, xlsm, ods) before anything is inflated: the sum
//! of the parts' declared sizes must stay under the limit, so a small file that would
//! unpack to gigabytes ("zip bomb") is refused up front. Reading the central directory
//! allocates only the list of entries.

use std::io::Cursor;

use crate::read::{Limits, ReadError};

const MAX_ENTRIES: usize = 10_000;

pub fn check(bytes: &[u8], limits: &Limits) -> Result<(), ReadError> {
    let archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| ReadError::Corrupt {
        detail: format!("zip: {e}"),
    })?;
    if archive.len() > MAX_ENTRIES {
        return Err(ReadError::Corrupt {
            detail: format!("zip with {} entries", archive.len()),
        });
    }
    let inflated = archive.decompressed_size().unwrap_or(u128::MAX);
    if inflated > limits.max_inflated_bytes as u128 {
        return Err(ReadError::InflatesTooBig {
            limit: limits.max_inflated_bytes,
        });
    }
    Ok(())
}
