//! What a stored text may hold, whatever its field. Values end up in PostgreSQL (which
//! refuses NUL), in XLSX files (XML cannot hold most control characters; Excel holds at
//! most 32,767 characters a cell) and on the screens of people who decide by reading
//! them. So a value may not carry characters nobody sees: control characters, and the
//! bidirectional overrides and isolates that make a text show in another order than it
//! is stored ("Trojan Source"). The marks U+200E/U+200F only nudge neutral characters
//! and are allowed. Each field has a maximum length.
//!
//! Lengths are counted in UTF-16 code units, as Excel and the browser's `maxlength`
//! count them: a Nordic letter is one, an emoji two.

use super::problem::Problem;

/// Notes: Excel's limit for one cell, so an exported note is never cut.
pub const NOTES_MAX: usize = 32_767;
/// An e-mail address: RFC 5321's limit for a path, less its angle brackets.
pub const EMAIL_MAX: usize = 254;
/// One-line text (name, company name, address, types, custom fields): room for every
/// real name, and the common bound of forms and `VARCHAR(255)` columns elsewhere.
pub const LINE_MAX: usize = 255;
/// Short names and codes (city, unit, customer group, customer number): the longest
/// Nordic place names are about 60 characters; groups and units are shown in menus
/// and listed in one cell of the template.
pub const SHORT_MAX: usize = 100;

/// The most a value of field `key` may hold, in UTF-16 code units. Custom fields are
/// one-line text.
pub fn max_length(key: &str) -> usize {
    match key {
        "notes" => NOTES_MAX,
        "email" => EMAIL_MAX,
        "city" | "unit" | "customer_group" | "external_id" => SHORT_MAX,
        _ => LINE_MAX,
    }
}

/// The length of `value` in UTF-16 code units.
pub fn length(value: &str) -> usize {
    value.chars().map(char::len_utf16).sum()
}

/// [`Problem::TooLong`] when `value` is longer than field `key` allows. Values no
/// longer in bytes than the shortest limit pass without counting or looking up the
/// field: a UTF-16 length is never above the UTF-8 one.
pub fn check_length(value: &str, key: &str) -> Result<(), Problem> {
    if value.len() <= SHORT_MAX || length(value) <= max_length(key) {
        Ok(())
    } else {
        Err(Problem::TooLong)
    }
}

/// Whether one line of text given to us from elsewhere (a portal's claim or label)
/// can be stored as field `key`: no hidden character, not longer than allowed.
pub fn is_storable_line(value: &str, key: &str) -> bool {
    hidden_character(value, false).is_none() && check_length(value, key).is_ok()
}

/// The first character of `raw` no field may store, and why. `multiline` is for notes,
/// which keep tabs and line breaks; the other fields fold every white space character
/// into one space, so white space controls (tab, line breaks, vertical tab, form feed,
/// U+0085) are fine there too.
#[inline]
pub fn hidden_character(raw: &str, multiline: bool) -> Option<(Problem, char)> {
    // Every character of interest is ASCII or starts with one of three lead bytes (C1
    // controls 0xC2, bidi controls 0xE2, U+FFFE/F 0xEF), and most cells have none:
    // eight bytes are ruled out at a time, and only a word with a suspect byte is
    // looked at closely. A byte loop alone cost a fifth of checking a row.
    let bytes = raw.as_bytes();
    if bytes.len() < 8 {
        return find_hidden(raw, 0..bytes.len(), multiline);
    }
    // The last word overlaps the one before when the length is not a multiple of 8.
    let last = bytes.len() - 8;
    let starts = (0..last).step_by(8).chain([last]);
    for at in starts {
        if suspect(word_at(bytes, at)) {
            return find_hidden(raw, at..bytes.len(), multiline);
        }
    }
    None
}

pub(super) const ONES: u64 = u64::from_le_bytes([1; 8]);
pub(super) const HIGHS: u64 = ONES * 0x80;

/// The eight bytes of `bytes` from `at`, as one little-endian word (for the tricks
/// below, which test eight bytes at a time).
#[inline]
pub(super) fn word_at(bytes: &[u8], at: usize) -> u64 {
    let mut word = [0; 8];
    word.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(word)
}

/// Whether a byte of `word` is below `n` (n ≤ 0x80); exact, by the bit trick of
/// "Bit Twiddling Hacks".
pub(super) fn has_below(word: u64, n: u8) -> bool {
    word.wrapping_sub(ONES * u64::from(n)) & !word & HIGHS != 0
}

pub(super) fn has_byte(word: u64, b: u8) -> bool {
    has_below(word ^ (ONES * u64::from(b)), 1)
}

fn suspect(word: u64) -> bool {
    has_below(word, 0x20)
        || has_byte(word, 0x7f)
        || has_byte(word, 0xc2)
        || has_byte(word, 0xe2)
        || has_byte(word, 0xef)
}

/// The first hidden character that starts in `raw[range]`.
fn find_hidden(
    raw: &str,
    range: std::ops::Range<usize>,
    multiline: bool,
) -> Option<(Problem, char)> {
    let start = range.start;
    for (i, &b) in raw.as_bytes()[range].iter().enumerate() {
        if matches!(b, 0x00..=0x1f | 0x7f | 0xc2 | 0xe2 | 0xef) {
            // An ASCII or lead byte starts a character, so `start + i` is a boundary.
            let c = raw[start + i..].chars().next()?;
            if let Some(problem) = hidden(c, multiline) {
                return Some((problem, c));
            }
        }
    }
    None
}

fn hidden(c: char, multiline: bool) -> Option<Problem> {
    match c {
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Some(Problem::BidiControl),
        '\t' | '\n' | '\r' => None,
        c if !multiline && c.is_whitespace() => None,
        // U+FFFE and U+FFFF are not characters, and XML cannot hold them.
        c if c.is_control() || matches!(c, '\u{fffe}' | '\u{ffff}') => {
            Some(Problem::ControlCharacter)
        }
        _ => None,
    }
}

/// `c` as people look it up: `U+0000`.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_found_and_white_space_is_judged_by_field() {
        type Case<'a> = (&'a str, bool, Option<(Problem, char)>);
        let cases: [Case; 16] = [
            ("Ola Nordmann", false, None),
            ("Åse Øvrebø – Kärkkäinen ✓", false, None),
            ("Ola\0", false, Some((Problem::ControlCharacter, '\0'))),
            ("Ola\0", true, Some((Problem::ControlCharacter, '\0'))),
            ("a\u{1}b", false, Some((Problem::ControlCharacter, '\u{1}'))),
            (
                "a\u{1b}[31m",
                true,
                Some((Problem::ControlCharacter, '\u{1b}')),
            ),
            (
                "a\u{7f}",
                false,
                Some((Problem::ControlCharacter, '\u{7f}')),
            ),
            (
                "a\u{9b}b",
                false,
                Some((Problem::ControlCharacter, '\u{9b}')),
            ),
            (
                "a\u{ffff}",
                false,
                Some((Problem::ControlCharacter, '\u{ffff}')),
            ),
            // Folded into spaces on one-line fields, kept or refused in notes.
            ("a\tb\nc\r\n", false, None),
            ("a\tb\nc\r\n", true, None),
            ("a\u{b}b\u{c}\u{85}", false, None),
            ("a\u{b}b", true, Some((Problem::ControlCharacter, '\u{b}'))),
            (
                "a\u{85}b",
                true,
                Some((Problem::ControlCharacter, '\u{85}')),
            ),
            // Marks only nudge neutral characters; overrides and isolates reorder.
            ("\u{200e}abc\u{200f}", false, None),
            (
                "a\u{202e}fdp.exe",
                false,
                Some((Problem::BidiControl, '\u{202e}')),
            ),
        ];
        for (raw, multiline, expected) in cases {
            assert_eq!(hidden_character(raw, multiline), expected, "{raw:?}");
        }
        for bidi in [
            '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{2066}', '\u{2069}',
        ] {
            let raw = format!("x{bidi}y");
            assert_eq!(
                hidden_character(&raw, true),
                Some((Problem::BidiControl, bidi))
            );
        }
        // Neighbours of the refused ranges pass.
        for fine in [
            '\u{2029}', '\u{202f}', '\u{2065}', '\u{206a}', '\u{a0}', '\u{fffd}',
        ] {
            assert_eq!(
                hidden_character(&format!("x{fine}y"), true),
                None,
                "{fine:?}"
            );
        }
    }

    /// Words are ruled out eight bytes at a time: a hidden character is found at any
    /// place, also across a word's end, and no other byte is taken for one.
    #[test]
    fn a_hidden_character_is_found_at_every_place() {
        for c in ['\0', '\u{1f}', '\u{7f}', '\u{85}', '\u{202e}', '\u{ffff}'] {
            for at in 0..20 {
                let raw = format!(
                    "{}{c}{}",
                    "å".repeat(at / 2)
                        .chars()
                        .chain("a".repeat(at % 2).chars())
                        .collect::<String>(),
                    "x".repeat(9)
                );
                assert_eq!(
                    hidden_character(&raw, true).map(|(_, h)| h),
                    Some(c),
                    "{raw:?}"
                );
            }
        }
        let every_other: String = (0x20..=0x7e_u8)
            .map(char::from)
            .chain("ÅØæ€–…😀\u{a0}\u{2028}\u{200e}".chars())
            .collect();
        for start in 0..8 {
            assert_eq!(hidden_character(&every_other[start..], false), None);
        }
    }

    #[test]
    fn lengths_count_utf16_units_at_each_fields_limit() {
        assert_eq!(length("Åse"), 3);
        assert_eq!(length("😀"), 2);
        for (key, limit) in [
            ("notes", 32_767),
            ("email", 254),
            ("name", 255),
            ("company_name", 255),
            ("address", 255),
            ("custom.parking", 255),
            ("city", 100),
            ("unit", 100),
            ("customer_group", 100),
            ("external_id", 100),
        ] {
            assert_eq!(max_length(key), limit, "{key}");
            let at = "ø".repeat(limit);
            assert_eq!(check_length(&at, key), Ok(()), "{key}");
            assert_eq!(check_length(&format!("{at}a"), key), Err(Problem::TooLong));
            // An emoji is two units: one fewer fits.
            let emoji = format!("{}😀", "a".repeat(limit - 1));
            assert_eq!(check_length(&emoji, key), Err(Problem::TooLong), "{key}");
        }
        assert_eq!(code_point('\0'), "U+0000");
        assert_eq!(code_point('\u{202e}'), "U+202E");
    }
}
