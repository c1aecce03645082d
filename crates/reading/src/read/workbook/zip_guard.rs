//! Checks a zip-based workbook (xlsx, xlsm, ods) before anything is inflated: the sum
//! of the parts' declared sizes must stay under the limit, so a small file that would
//! unpack to gigabytes ("zip bomb") is refused up front. Reading the central directory
//! allocates only the list of entries.

use std::io::{Read, Seek};

use crate::read::{error::ReadError, limits::Limits};

const MAX_ENTRIES: usize = 10_000;

pub fn check<R: Read + Seek>(source: &mut R, limits: &Limits) -> Result<(), ReadError> {
    let corrupt = |detail: String| ReadError::Corrupt { detail };
    let mut archive = zip::ZipArchive::new(source).map_err(|e| corrupt(format!("zip: {e}")))?;
    if archive.len() > MAX_ENTRIES {
        return Err(corrupt(format!("zip with {} entries", archive.len())));
    }
    // The central directory states every part's size, also for parts written with a
    // data descriptor (where `decompressed_size()` gives up).
    let mut inflated: u64 = 0;
    for index in 0..archive.len() {
        let part = archive
            .by_index_raw(index)
            .map_err(|e| corrupt(format!("zip entry {index}: {e}")))?;
        inflated = inflated.saturating_add(part.size());
        if inflated > limits.max_inflated_bytes {
            return Err(ReadError::InflatesTooBig {
                limit: limits.max_inflated_bytes,
            });
        }
    }
    Ok(())
}
