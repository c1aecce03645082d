//! How the file step words and offers reading choices: errors in the user's language,
//! the delimiters and encodings to choose from. (The file is read by the worker.)

use customer_import_worker::protocol::ReadError;

use crate::i18n::{Arg, Locale};

/// What the user chose about reading the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    pub encoding: Option<String>,
    pub delimiter: Option<u8>,
}

/// A reading error in the user's language, with sizes written as sizes.
pub fn error_text(locale: Locale, error: &ReadError) -> String {
    let bytes = matches!(
        error,
        ReadError::FileTooBig { .. } | ReadError::InflatesTooBig { .. }
    );
    let params: Vec<(&str, Arg)> = error
        .params()
        .into_iter()
        .map(|(name, value)| match value {
            Arg::Count(n) if bytes && matches!(name, "size" | "limit") => {
                (name, Arg::from(locale.file_size(n)))
            }
            value => (name, value),
        })
        .collect();
    locale.format(error.key(), &params)
}

/// The delimiters the user can choose, with their message keys.
pub const DELIMITERS: [(u8, &str); 4] = [
    (b';', "delimiter.semicolon"),
    (b',', "delimiter.comma"),
    (b'\t', "delimiter.tab"),
    (b'|', "delimiter.pipe"),
];

/// The encodings the user can choose (labels `encoding_rs` knows).
pub const ENCODINGS: [&str; 5] = [
    "UTF-8",
    "windows-1252",
    "ISO-8859-15",
    "UTF-16LE",
    "UTF-16BE",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_read_in_the_users_language() {
        assert_eq!(error_text(Locale::Nb, &ReadError::Empty), "Filen er tom.");
        let big = ReadError::FileTooBig {
            size: 2_500_000_000,
            limit: 1_073_741_824,
        };
        assert_eq!(
            error_text(Locale::En, &big),
            "The file is 2.5 GB. The largest file that can be read here is 1.1 GB."
        );
        let long = ReadError::CellTooLong {
            position: customer_import_worker::protocol::Position { row: 7, column: 3 },
            limit: 131072,
        };
        assert!(error_text(Locale::Fi, &long).starts_with("Rivin 7 sarakkeen C solussa"));
    }
}
