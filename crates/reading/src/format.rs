//! Recognises the kind of file a user picked from its first bytes, not only from its
//! name: people rename `.xls` exports to `.csv`, portals hand out `.txt`, and Excel
//! writes "CSV" files in three encodings. The extension only breaks ties between
//! formats that share a container (zip: xlsx/xlsm/ods; OLE: xls or an encrypted xlsx).

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// What the reader should do with the bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileFormat {
    /// Delimited text (`.csv`, `.txt`, or anything that decodes as text).
    DelimitedText,
    /// Office Open XML workbook (`.xlsx`, `.xlsm`).
    Xlsx,
    /// Legacy Excel 97–2003 binary workbook (`.xls`, OLE compound file).
    Xls,
    /// OpenDocument spreadsheet (`.ods`).
    Ods,
}

/// Why a file cannot be read at all. Messages are keys the app translates.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FormatError {
    #[error("file.empty")]
    Empty,
    /// A zip or OLE container that is not a spreadsheet we read (e.g. `.docx`, `.doc`).
    #[error("file.unsupported_container")]
    UnsupportedContainer,
    /// Bytes that are neither a known container nor text (images, executables, ...).
    #[error("file.binary")]
    Binary,
}

impl FormatError {
    /// The message key, stable across releases; the app maps it to nb/fi/en text.
    pub fn key(&self) -> &'static str {
        match self {
            FormatError::Empty => "file.empty",
            FormatError::UnsupportedContainer => "file.unsupported_container",
            FormatError::Binary => "file.binary",
        }
    }
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Decides the format of `bytes` picked under `file_name`.
pub fn sniff(bytes: &[u8], file_name: &str) -> Result<FileFormat, FormatError> {
    if bytes.is_empty() {
        return Err(FormatError::Empty);
    }
    let ext = extension(file_name);
    if bytes.starts_with(ZIP_MAGIC) {
        return sniff_zip(bytes, &ext);
    }
    if bytes.starts_with(OLE_MAGIC) {
        // Encrypted xlsx files are OLE containers too; the reader reports those.
        return match ext.as_str() {
            "doc" | "ppt" | "msg" => Err(FormatError::UnsupportedContainer),
            _ => Ok(FileFormat::Xls),
        };
    }
    if looks_like_text(bytes) {
        Ok(FileFormat::DelimitedText)
    } else {
        Err(FormatError::Binary)
    }
}

fn extension(file_name: &str) -> String {
    file_name
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default()
}

/// An ODS file stores its MIME type uncompressed as the first zip entry; OOXML has
/// `[Content_Types].xml` and an `xl/` folder. Both are visible in the local headers
/// near the start, so no unzipping is needed to tell them apart.
fn sniff_zip(bytes: &[u8], ext: &str) -> Result<FileFormat, FormatError> {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    if contains(head, b"application/vnd.oasis.opendocument.spreadsheet") {
        return Ok(FileFormat::Ods);
    }
    if contains(head, b"xl/") {
        return Ok(FileFormat::Xlsx);
    }
    if contains(head, b"word/") || contains(head, b"ppt/") {
        return Err(FormatError::UnsupportedContainer);
    }
    match ext {
        "ods" => Ok(FileFormat::Ods),
        "xlsx" | "xlsm" => Ok(FileFormat::Xlsx),
        _ => Err(FormatError::UnsupportedContainer),
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Text if it has a Unicode BOM, or if the first 8 KiB hold no NUL and few control
/// bytes. Legacy 8-bit encodings (Windows-1252) pass: their letters are ≥ 0x80.
fn looks_like_text(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF])
        || bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF])
    {
        return true;
    }
    let head = &bytes[..bytes.len().min(8 * 1024)];
    if head.contains(&0) {
        return false;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    control * 100 <= head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_file_is_an_error() {
        assert_eq!(sniff(b"", "kunder.csv"), Err(FormatError::Empty));
    }

    #[test]
    fn nordic_windows_1252_csv_is_text() {
        // "Navn;Poststed\nÆse Øvrebø;Tromsø" in Windows-1252.
        let bytes = b"Navn;Poststed\r\n\xC6se \xD8vreb\xF8;Troms\xF8\r\n";
        assert_eq!(sniff(bytes, "kunder.csv"), Ok(FileFormat::DelimitedText));
    }

    #[test]
    fn utf16_with_bom_is_text_despite_nul_bytes() {
        let bytes = [0xFF, 0xFE, b'N', 0, b'a', 0, b'v', 0, b'n', 0];
        assert_eq!(sniff(&bytes, "kunder.txt"), Ok(FileFormat::DelimitedText));
    }

    #[test]
    fn text_is_recognised_whatever_the_extension() {
        assert_eq!(
            sniff(b"name,email\n", "export.xlsx"),
            Ok(FileFormat::DelimitedText)
        );
    }

    #[test]
    fn binary_junk_is_rejected() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        assert_eq!(sniff(png, "kunder.csv"), Err(FormatError::Binary));
    }

    #[test]
    fn zip_containers_are_told_apart_by_their_entries() {
        let ods = [
            ZIP_MAGIC,
            b"....mimetypeapplication/vnd.oasis.opendocument.spreadsheet",
        ]
        .concat();
        assert_eq!(sniff(&ods, "a.zip"), Ok(FileFormat::Ods));
        let xlsx = [ZIP_MAGIC, b"....[Content_Types].xml....xl/workbook.xml"].concat();
        assert_eq!(sniff(&xlsx, "a.bin"), Ok(FileFormat::Xlsx));
        let docx = [ZIP_MAGIC, b"....word/document.xml"].concat();
        assert_eq!(
            sniff(&docx, "a.xlsx"),
            Err(FormatError::UnsupportedContainer)
        );
        let unknown = [ZIP_MAGIC, b"....something"].concat();
        assert_eq!(sniff(&unknown, "a.xlsm"), Ok(FileFormat::Xlsx));
        assert_eq!(
            sniff(&unknown, "a.zip"),
            Err(FormatError::UnsupportedContainer)
        );
    }

    #[test]
    fn ole_is_xls_unless_named_as_another_office_file() {
        let ole = [OLE_MAGIC, &[0u8; 32][..]].concat();
        assert_eq!(sniff(&ole, "KUNDER.XLS"), Ok(FileFormat::Xls));
        assert_eq!(
            sniff(&ole, "brev.doc"),
            Err(FormatError::UnsupportedContainer)
        );
    }

    #[test]
    fn error_keys_match_display() {
        for e in [
            FormatError::Empty,
            FormatError::UnsupportedContainer,
            FormatError::Binary,
        ] {
            assert_eq!(e.key(), e.to_string());
        }
    }
}
