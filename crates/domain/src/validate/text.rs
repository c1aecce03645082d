//! Free text as stored: trimmed, with runs of white space (spaces, tabs, line breaks,
//! non-breaking spaces Excel leaves behind) folded into one space.

pub fn normalize_text(raw: &str) -> String {
    let mut out = String::new();
    push_text(raw, &mut out);
    out
}

/// Whether `raw` is empty or only white space. Judged by its first byte when that is
/// a visible ASCII character, as in most cells: trimming every value of a million rows
/// shows in a profile.
pub fn is_blank(raw: &str) -> bool {
    match raw.as_bytes().first() {
        None => true,
        Some(&b) if starts_visible(b) => false,
        Some(_) => raw.trim().is_empty(),
    }
}

/// `raw` without white space at either end, like `str::trim`. Returned as it is when
/// both ends are visible by their bytes, as in most cells: most values need no
/// trimming, and finding that out byte by byte is several times cheaper.
pub fn trim(raw: &str) -> &str {
    match raw.as_bytes() {
        [first, .., before, last] if starts_visible(*first) && ends_visible(*before, *last) => raw,
        [first, last] if starts_visible(*first) && last.is_ascii_graphic() => raw,
        [only] if only.is_ascii_graphic() => raw,
        _ => raw.trim(),
    }
}

/// Whether a character starting with byte `b` is surely not white space: visible
/// ASCII, or a lead byte no white space character has (those are 0xC2, 0xE1, 0xE2 and
/// 0xE3; `Å`, `Ø`, `ä` start with 0xC3). A `str` starts with no other kind of byte.
fn starts_visible(b: u8) -> bool {
    b.is_ascii_graphic() || (b >= 0xc3 && !matches!(b, 0xe1..=0xe3))
}

/// Whether the character ending with `last` (after `before`) is surely not white
/// space: visible ASCII, or two bytes whose lead is not a white space one (`ø`).
fn ends_visible(before: u8, last: u8) -> bool {
    last.is_ascii_graphic() || ((0xc3..=0xdf).contains(&before) && (0x80..=0xbf).contains(&last))
}

/// Appends the words of `raw` to `out`, one space between any two (also between what
/// `out` held and the first word).
pub fn push_text(raw: &str, out: &mut String) {
    if is_clean(raw) {
        if !out.is_empty() && !raw.is_empty() {
            out.push(' ');
        }
        out.push_str(raw);
        return;
    }
    for word in raw.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// Appends notes as stored to `out`: trimmed, their lines and tabs kept, and every
/// line break made LF. Windows programs paste CRLF and old Mac files end lines with CR;
/// stored as they came, one note would show and export differently from another.
pub fn notes_into(raw: &str, out: &mut String) {
    let raw = trim(raw);
    if !raw.as_bytes().contains(&b'\r') {
        out.push_str(raw);
        return;
    }
    let mut lines = raw.split('\r');
    out.push_str(lines.next().unwrap_or_default());
    for line in lines {
        // The LF of a CRLF is there already.
        if !line.starts_with('\n') {
            out.push('\n');
        }
        out.push_str(line);
    }
}

/// No white space but single spaces between words, judged by bytes: most cells are
/// like that, and this is much faster than splitting them. Every white space character
/// Rust knows is ASCII or starts with one of the lead bytes below; Nordic letters
/// (`0xC3 …`) do not.
fn is_clean(raw: &str) -> bool {
    // True at the start, so that a leading space is not clean either.
    let mut after_space = true;
    for &b in raw.as_bytes() {
        match b {
            b' ' if after_space => return false,
            b' ' => after_space = true,
            b'\t'..=b'\r' | 0xc2 | 0xe1..=0xe3 => return false,
            _ => after_space = false,
        }
    }
    !after_space || raw.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_is_empty_or_white_space_of_any_kind() {
        for blank in ["", " ", "\t\r\n", "\u{a0}", " \u{3000} "] {
            assert!(is_blank(blank), "{blank:?}");
        }
        for text in ["a", " a", "\u{a0}Å", "Ø", "-", "\u{200b}"] {
            assert!(!is_blank(text), "{text:?}");
        }
    }

    #[test]
    fn trimming_is_that_of_str_trim() {
        let cases = [
            "",
            " ",
            "a",
            "ab",
            " a",
            "a ",
            "\t a b \n",
            "\u{a0}Å",
            "Å\u{a0}",
            "Ø",
            "ø ",
            "a\u{3000}",
            "\u{2003}",
            "-x-",
        ];
        for raw in cases {
            assert_eq!(trim(raw), raw.trim(), "{raw:?}");
        }
    }

    proptest::proptest! {
        /// Blank and trimmed as `str` judges them, whatever characters the ends hold:
        /// Nordic letters, white space of every kind, characters sharing their lead
        /// bytes.
        #[test]
        fn blank_and_trim_agree_with_str(
            raw in "[ a\\tÅøä©\u{a0}\u{85}\u{1680}\u{2003}\u{202f}\u{3000}\u{2010}\u{e000}😀]{0,6}"
        ) {
            proptest::prop_assert_eq!(trim(&raw), raw.trim());
            proptest::prop_assert_eq!(is_blank(&raw), raw.trim().is_empty());
        }
    }

    #[test]
    fn notes_keep_tabs_and_lines_with_every_break_made_lf() {
        let cases = [
            (
                "  Ring etter kl. 16\t(mobil)  ",
                "Ring etter kl. 16\t(mobil)",
            ),
            ("a\r\nb\r\n\r\nc", "a\nb\n\nc"),
            ("a\rb\r\rc", "a\nb\n\nc"),
            ("a\nb\r\n", "a\nb"),
            ("a\r\n\nb", "a\n\nb"),
            ("", ""),
        ];
        for (raw, stored) in cases {
            let mut out = String::new();
            notes_into(raw, &mut out);
            assert_eq!(out, stored, "{raw:?}");
        }
    }

    #[test]
    fn white_space_is_folded() {
        assert_eq!(normalize_text("  Åse \u{a0}\t Øvrebø\r\n"), "Åse Øvrebø");
        assert_eq!(normalize_text(""), "");
        assert_eq!(normalize_text(&normalize_text(" a  b ")), "a b");
        for spaced in ["a\u{2003}b", "a\u{3000}b", "a\u{85}b", "a\u{1680}b"] {
            assert_eq!(normalize_text(spaced), "a b", "{spaced:?}");
        }
        assert_eq!(
            normalize_text("Åse Øvrebø Kärkkäinen"),
            "Åse Øvrebø Kärkkäinen"
        );
    }
}
