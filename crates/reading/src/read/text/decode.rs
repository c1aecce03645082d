//! Turns the bytes of a text file into UTF-8, the way the file was meant.
//!
//! In order: a byte-order mark decides (UTF-8, UTF-16 LE/BE); a BOM-less UTF-16 file is
//! recognised by its zero bytes; valid UTF-8 is taken as it is, without a copy;
//! anything else is a legacy 8-bit encoding, which `chardetng` guesses from the bytes
//! (Nordic Excel writes Windows-1252), helped by the project's country.

use std::borrow::Cow;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

use customer_import_domain::country::Country;

/// How the text was decoded, so the app can show it and let the user change it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decoding {
    pub encoding: &'static Encoding,
    pub had_bom: bool,
    /// False when the user chose the encoding.
    pub detected: bool,
    /// Some bytes were not valid in the encoding and became U+FFFD: the text lost
    /// characters (usually a wrong encoding).
    pub lossy: bool,
}

/// How much of the file the encoding guess looks at, from the first non-ASCII byte.
const GUESS_SAMPLE: usize = 1 << 20;

pub fn decode<'a>(
    bytes: &'a [u8],
    chosen: Option<&'static Encoding>,
    country: Option<Country>,
) -> (Cow<'a, str>, Decoding) {
    if let Some(encoding) = chosen {
        let ((text, lossy), had_bom) = match Encoding::for_bom(bytes) {
            Some((bom_encoding, len)) if bom_encoding == encoding => {
                (encoding.decode_without_bom_handling(&bytes[len..]), true)
            }
            _ => (encoding.decode_without_bom_handling(bytes), false),
        };
        return (
            text,
            Decoding {
                encoding,
                had_bom,
                detected: false,
                lossy,
            },
        );
    }
    if let Some((encoding, len)) = Encoding::for_bom(bytes) {
        let (text, lossy) = encoding.decode_without_bom_handling(&bytes[len..]);
        return (
            text,
            Decoding {
                encoding,
                had_bom: true,
                detected: true,
                lossy,
            },
        );
    }
    if let Some(encoding) = bomless_utf16(bytes) {
        let (text, lossy) = encoding.decode_without_bom_handling(bytes);
        return (
            text,
            Decoding {
                encoding,
                had_bom: false,
                detected: true,
                lossy,
            },
        );
    }
    // SIMD validation settles the common case fast.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return (
            Cow::Borrowed(text),
            Decoding {
                encoding: UTF_8,
                had_bom: false,
                detected: true,
                lossy: false,
            },
        );
    }
    // simdutf8 and std agree on validity; std's error says where it first failed.
    let valid_up_to = std::str::from_utf8(bytes).map_or_else(|e| e.valid_up_to(), |_| bytes.len());
    let encoding = guess_legacy(bytes, valid_up_to, country);
    let (text, lossy) = encoding.decode_without_bom_handling(bytes);
    (
        text,
        Decoding {
            encoding,
            had_bom: false,
            detected: true,
            lossy,
        },
    )
}

/// UTF-16 without a BOM: in Latin-script text every other byte is zero.
fn bomless_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let zero_even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let zero_odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if zero_odd * 10 >= pairs * 4 && zero_even * 20 <= pairs {
        Some(UTF_16LE)
    } else if zero_even * 10 >= pairs * 4 && zero_odd * 20 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Guesses among legacy encodings from the part of the file where non-ASCII starts
/// (an ASCII prefix tells nothing).
fn guess_legacy(
    bytes: &[u8],
    first_non_utf8: usize,
    country: Option<Country>,
) -> &'static Encoding {
    let start = bytes[..first_non_utf8]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let end = bytes.len().min(start + GUESS_SAMPLE);
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(&bytes[start..end], end == bytes.len());
    let tld = country.map(|c| match c {
        Country::Norway => b"no".as_slice(),
        Country::Finland => b"fi".as_slice(),
        Country::Sweden => b"se".as_slice(),
    });
    detector.guess(tld, Utf8Detection::Deny)
}

#[cfg(test)]
mod tests {
    use encoding_rs::WINDOWS_1252;

    use super::*;

    #[test]
    fn utf8_without_bom_is_borrowed() {
        let (text, d) = decode("Navn;Poststed\nÅse;Tromsø\n".as_bytes(), None, None);
        assert!(matches!(text, Cow::Borrowed(_)));
        assert_eq!((d.encoding, d.had_bom, d.detected), (UTF_8, false, true));
    }

    #[test]
    fn utf8_bom_is_removed() {
        let (text, d) = decode(b"\xEF\xBB\xBFNavn", None, None);
        assert_eq!(text, "Navn");
        assert_eq!((d.encoding, d.had_bom), (UTF_8, true));
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let le: Vec<u8> = "Nimi\tSähköposti\r\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let with_bom = [&[0xFF, 0xFE][..], &le].concat();
        assert_eq!(decode(&with_bom, None, None).0, "Nimi\tSähköposti\r\n");
        assert_eq!(decode(&with_bom, None, None).1.encoding, UTF_16LE);
        let (text, d) = decode(&le, None, None);
        assert_eq!(
            (text.as_ref(), d.encoding, d.had_bom),
            ("Nimi\tSähköposti\r\n", UTF_16LE, false)
        );
        let be: Vec<u8> = "Namn;Ort\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(decode(&be, None, None).1.encoding, UTF_16BE);
    }

    #[test]
    fn nordic_excel_windows_1252_is_recognised() {
        let bytes = b"Navn;Adresse;Poststed\r\n\xC6se \xD8vreb\xF8;Storgata 1;Troms\xF8\r\nP\xE4ivi K\xE4rkk\xE4inen;Mets\xE4tie 2;Hyvink\xE4\xE4\r\n";
        for country in [None, Some(Country::Norway), Some(Country::Finland)] {
            let (text, d) = decode(bytes, None, country);
            assert_eq!(d.encoding, WINDOWS_1252, "{country:?}");
            assert!(
                text.contains("Æse Øvrebø") && text.contains("Hyvinkää"),
                "{text}"
            );
        }
    }

    #[test]
    fn legacy_bytes_after_a_long_ascii_prefix_are_still_found() {
        let mut bytes = b"name;city\n".repeat(50_000);
        bytes.extend_from_slice(b"J\xF6rgen;G\xF6teborg\n");
        let (text, d) = decode(&bytes, None, Some(Country::Sweden));
        assert_eq!(d.encoding, WINDOWS_1252);
        assert!(text.ends_with("Jörgen;Göteborg\n"));
    }

    #[test]
    fn the_users_choice_wins() {
        let bytes = b"\xEF\xBB\xBFNavn;\xC3\x85se";
        let (text, d) = decode(bytes, Some(WINDOWS_1252), None);
        assert_eq!((d.detected, d.had_bom), (false, false));
        assert_eq!(text, "ï»¿Navn;Ã…se");
        let (text, d) = decode(bytes, Some(UTF_8), None);
        assert_eq!((text.as_ref(), d.had_bom), ("Navn;Åse", true));
    }
}
