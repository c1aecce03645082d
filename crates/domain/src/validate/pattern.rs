//! Patterns a project's own fields may require ([`ValueType::Pattern`]), bounded by
//! what they compile to. A leaf: the schema checks a pattern when a project declares it,
//! the checks ([`super::custom`]) run it on values, and neither imports the other's
//! side for it.
//!
//! [`ValueType::Pattern`]: crate::schema::ValueType::Pattern

use regex_lite::{Regex, RegexBuilder};

/// The longest pattern a `pattern` field may have, in bytes.
pub const MAX_PATTERN: usize = 500;

/// `pattern` as a regular expression the whole value must match, if it compiles to at
/// most [`PATTERN_SIZE`] bytes. regex-lite runs in time linear in the value and in
/// the compiled size, and values are at most [`LINE_MAX`] long, so the size bounds
/// what one value costs to check.
///
/// [`LINE_MAX`]: super::storable::LINE_MAX
pub fn whole_match(pattern: &str) -> Result<Regex, regex_lite::Error> {
    whole_match_within(pattern, PATTERN_SIZE)
}

pub(super) fn whole_match_within(pattern: &str, size: usize) -> Result<Regex, regex_lite::Error> {
    let mut builder = RegexBuilder::new(&format!("^(?:{pattern})$"));
    // A pattern longer than allowed is refused before it is compiled.
    builder.size_limit(if pattern.len() > MAX_PATTERN { 0 } else { size });
    builder.build()
}

/// The most bytes one pattern may compile to. Measured (regex-lite 0.1.9, release,
/// 255-character values made to fail at their last character), a value costs about
/// 70 ns a compiled byte at worst: `(?:.*){0,120}!` compiles to 15,632 bytes and costs
/// 1.1 ms a value, `(?:.{0,100}){0,100}!` 890,672 bytes and 27 ms, `P-[0-9]{3}` 360
/// bytes and under 1 µs. Room for `[A-Za-z ]{1,150}`; `.{0,255}` (22,680 bytes) is
/// better written `.*`, values being 255 characters at most anyway.
pub const PATTERN_SIZE: usize = 16 * 1024;

/// The most bytes a project's patterns may compile to together: a row costs at most
/// about 2.3 ms to check, a chunk of 2,000 rows under 5 s of one thread.
pub const PATTERNS_SIZE: usize = 32 * 1024;

/// What `pattern` compiles to, in bytes (the smallest size limit it compiles within),
/// or why it does not compile. Above [`MAX_COMPILED`] its size is not looked for.
pub fn compiled_size(pattern: &str) -> Result<usize, regex_lite::Error> {
    whole_match_within(pattern, MAX_COMPILED)?;
    // Each failing attempt stops at its limit, so the search costs about twice the
    // compiled size.
    let (mut low, mut high) = (0, MAX_COMPILED);
    while low < high {
        let mid = low + (high - low) / 2;
        if whole_match_within(pattern, mid).is_ok() {
            high = mid;
        } else {
            low = mid + 1;
        }
    }
    Ok(low)
}

/// The largest compiled size [`compiled_size`] finds; more does not compile at all.
pub const MAX_COMPILED: usize = 1 << 20;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_the_whole_value_and_long_ones_are_refused() {
        let regex = whole_match("P-[0-9]{3}").unwrap();
        assert!(regex.is_match("P-012"));
        assert!(!regex.is_match("xP-012"));
        assert!(!regex.is_match("P-0123"));
        // An alternation is matched as a whole too, not only its first or last branch.
        let either = whole_match("A|B").unwrap();
        assert!(either.is_match("A") && !either.is_match("AB"));
        assert!(whole_match("(").is_err());
        assert!(whole_match(&"a".repeat(MAX_PATTERN + 1)).is_err());
        assert!(whole_match(&"a".repeat(MAX_PATTERN)).is_ok());
    }

    #[test]
    fn a_pattern_s_compiled_size_is_what_it_compiles_within() {
        let size = compiled_size("P-[0-9]{3}").unwrap();
        assert!(whole_match_within("P-[0-9]{3}", size).is_ok());
        assert!(whole_match_within("P-[0-9]{3}", size - 1).is_err());
        assert!(compiled_size("(?:.{0,100}){0,100}!").unwrap() > PATTERN_SIZE);
        assert!(whole_match("(?:.{0,100}){0,100}!").is_err());
        assert!(compiled_size("(").is_err());
    }
}
