//! Whether any worksheet of an xlsx has merged cells. Asking calamine for a sheet's
//! merges parses its whole XML a second time (~40% of reading a large sheet); a plain
//! substring scan of the inflated parts costs a fraction of that, and most customer
//! files have no merges at all.

use std::io::{Cursor, Read};

use memchr::memmem::Finder;

const NEEDLE: &[u8] = b"<mergeCell ";

/// True if some `xl/worksheets/*.xml` part contains a merge, or if it cannot be told.
pub fn any_sheet_has_merges(bytes: &[u8]) -> bool {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return true;
    };
    let finder = Finder::new(NEEDLE);
    for index in 0..archive.len() {
        let Ok(mut part) = archive.by_index(index) else {
            return true;
        };
        let is_sheet = part
            .name()
            .is_ok_and(|name| name.starts_with("xl/worksheets/") && name.ends_with(".xml"));
        if !is_sheet {
            continue;
        }
        match contains(&mut part, &finder) {
            Ok(false) => {}
            Ok(true) | Err(_) => return true,
        }
    }
    false
}

/// Streams `reader` through a fixed buffer, keeping an overlap so a match split
/// between two reads is still found.
fn contains(reader: &mut impl Read, finder: &Finder<'_>) -> std::io::Result<bool> {
    let keep = NEEDLE.len() - 1;
    let mut buffer = vec![0u8; 256 * 1024];
    let mut filled = 0;
    loop {
        let read = reader.read(&mut buffer[filled..])?;
        if read == 0 {
            return Ok(false);
        }
        filled += read;
        if finder.find(&buffer[..filled]).is_some() {
            return Ok(true);
        }
        if filled > keep {
            buffer.copy_within(filled - keep..filled, 0);
            filled = keep;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_match_across_two_reads_is_found() {
        let mut text = vec![b'x'; 256 * 1024 - 5];
        text.extend_from_slice(b"<mergeCell ref=\"A1:B1\"/>");
        assert!(contains(&mut text.as_slice(), &Finder::new(NEEDLE)).unwrap());
        let plain = vec![b'x'; 600_000];
        assert!(!contains(&mut plain.as_slice(), &Finder::new(NEEDLE)).unwrap());
    }

    #[test]
    fn corpus_workbooks() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/");
        let with = std::fs::read(format!("{dir}customers.xlsx")).unwrap();
        let without = std::fs::read(format!("{dir}huge_dimensions.xlsx")).unwrap();
        assert!(any_sheet_has_merges(&with));
        assert!(!any_sheet_has_merges(&without));
    }
}
