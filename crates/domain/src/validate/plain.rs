//! Whether a cell's text is stored as one-line text just as it is, told in one pass
//! over its bytes, eight at a time: most names, addresses and places are. Checking
//! them for hidden characters ([`storable`](super::storable)) and for white space to fold
//! ([`push_text`](super::text::push_text)) were two passes, byte by byte for the
//! second, over every such cell of a file.

use super::storable::{ONES, has_below, has_byte, word_at};

/// True only if `raw` holds no hidden character
/// ([`hidden_character`](super::storable::hidden_character) finds none, on any field)
/// and no white space but single spaces between words: neither folding it as one-line
/// text nor storing it as notes changes it. It may say false of some such texts (any
/// with a three-byte character, such as `€`): they take the longer way.
pub fn is_plain(raw: &str) -> bool {
    let bytes = raw.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    if bytes.len() < 8 {
        return is_plain_short(bytes);
    }
    // Whether the byte before the word is a space.
    let mut after_space = false;
    let last = bytes.len() - 8;
    let mut at = 0;
    while at < last {
        if !is_plain_word(word_at(bytes, at), &mut after_space) {
            return false;
        }
        at += 8;
    }
    // The last eight bytes, overlapping the word before unless the length is a
    // multiple of eight: then the two bytes across their joint are both in it.
    after_space &= at == last;
    is_plain_word(word_at(bytes, last), &mut after_space)
}

/// Whether the eight bytes of `word` could be in a plain text, `after_space` telling
/// whether the byte before them is a space, and then whether their last one is.
fn is_plain_word(word: u64, after_space: &mut bool) -> bool {
    // Controls (tab and line breaks among them), DEL, and the lead bytes of every other
    // hidden or white space character: 0xC2 (U+0080–U+00BF) and 0xE0–0xEF (all
    // three-byte characters; U+1680, U+2000–U+206F, U+3000, U+FFFE/F).
    if has_below(word, 0x20)
        || has_byte(word, 0x7f)
        || has_byte(word, 0xc2)
        || has_byte(word & (ONES * 0xf0), 0xe0)
    {
        return false;
    }
    let spaces = zero_bytes(word ^ (ONES * u64::from(b' ')));
    let doubled = spaces & ((spaces << 8) | (u64::from(*after_space) << 7)) != 0;
    *after_space = spaces >> 63 != 0;
    !doubled
}

/// [`is_plain`] of fewer than eight bytes, one at a time.
fn is_plain_short(bytes: &[u8]) -> bool {
    let mut after_space = false;
    bytes.iter().all(|&b| {
        let fine = b >= 0x20 && b != 0x7f && b != 0xc2 && b & 0xf0 != 0xe0;
        let doubled = b == b' ' && after_space;
        after_space = b == b' ';
        fine && !doubled
    })
}

/// The top bit of each byte of `word` that is zero, and no other bit.
fn zero_bytes(word: u64) -> u64 {
    let low = ONES * 0x7f;
    !(((word & low) + low) | word | low)
}

#[cfg(test)]
mod tests {
    use super::{
        super::{
            storable,
            text::{normalize_text, notes_into},
        },
        *,
    };

    proptest::proptest! {
        /// Whatever it says is plain is stored as it is, as text and as notes, and holds
        /// no hidden character.
        #[test]
        fn plain_text_needs_nothing_done(
            raw in "[ a-zÅøé\\t\\n\\r\u{0}\u{7f}\u{85}\u{a0}\u{1680}\u{2003}\u{202e}\u{3000}\u{ffff}€😀]{0,20}"
        ) {
            if is_plain(&raw) {
                proptest::prop_assert_eq!(normalize_text(&raw), raw.as_str());
                let mut notes = String::new();
                notes_into(&raw, &mut notes);
                proptest::prop_assert_eq!(notes, raw.as_str());
                for multiline in [false, true] {
                    proptest::prop_assert_eq!(storable::hidden_character(&raw, multiline), None);
                }
            }
        }
    }

    #[test]
    fn usual_names_and_places_are_plain_and_spacing_is_not() {
        for plain in ["Åse Øvrebø", "Storgata 12 B", "Tromsø", "A-101", "😀 x", ""] {
            assert!(is_plain(plain), "{plain:?}");
        }
        // Double spaces at every place, across a word's end too; ends; hidden ones.
        for at in 0..20 {
            let doubled = format!("{}  {}", "a".repeat(at), "b".repeat(20 - at));
            assert!(!is_plain(&doubled), "{doubled:?}");
        }
        for other in [
            " a",
            "a ",
            "a\tb",
            "a\u{a0}b",
            "Ola\u{202e}",
            "12 €",
            "ab\u{0}cdefghij",
        ] {
            assert!(!is_plain(other), "{other:?}");
        }
    }
}
