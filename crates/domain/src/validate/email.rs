//! E-mail addresses by the WHATWG "valid e-mail address" rule (what `<input
//! type=email>` accepts), with two practical additions: the domain must have a dot
//! (`ola@gmail` is a typo, not a customer), and internationalised domains (`ærlig.no`)
//! are checked through their Punycode form. Stored with the domain lower-cased, in the
//! form the user wrote it; uniqueness compares the whole address case-insensitively.

use crate::validate::{problem::Problem, punycode, text::trim};

const LOCAL_SPECIALS: &str = ".!#$%&'*+/=?^_`{|}~-";

pub fn normalize_email(raw: &str) -> Result<String, Problem> {
    let mut out = String::new();
    email_into(raw, &mut out)?;
    Ok(out)
}

/// [`normalize_email`] into `out` (cleared first), which the caller reuses.
pub fn email_into(raw: &str, out: &mut String) -> Result<(), Problem> {
    out.clear();
    if plain_into(raw, out) {
        return Ok(());
    }
    out.clear();
    written_any_way(raw, out)
}

/// Writes an address of the usual kind — ASCII, nothing to trim or strip, valid — in
/// one pass over its bytes, as [`written_any_way`] would; false for any other, which
/// that reads. Such an address has nothing [`written_any_way`] removes: a space, `:`
/// (of `mailto:`) or `<` is no local-part character, and every character of its domain
/// is a letter, a digit, `-` or `.`.
fn plain_into(raw: &str, out: &mut String) -> bool {
    let bytes = raw.as_bytes();
    let Some(at) = bytes.iter().position(|&b| !is_local_char(b)) else {
        return false;
    };
    if at == 0 || bytes[at] != b'@' {
        return false;
    }
    let domain = &bytes[at + 1..];
    // Each label: 1–63 letters, digits and hyphens, not starting or ending with one;
    // at least two labels, and no trailing dot (its own problem).
    let mut label_start = 0;
    let mut dots = 0;
    for (i, b) in domain
        .iter()
        .copied()
        .enumerate()
        .chain([(domain.len(), b'.')])
    {
        match b {
            b'.' => {
                let label = &domain[label_start..i];
                let fine = (1..=63).contains(&label.len())
                    && label.first() != Some(&b'-')
                    && label.last() != Some(&b'-');
                if !fine {
                    return false;
                }
                label_start = i + 1;
                dots += 1;
            }
            b if b.is_ascii_alphanumeric() || b == b'-' => {}
            _ => return false,
        }
    }
    // The end counts as one dot above.
    if dots < 2 {
        return false;
    }
    out.push_str(raw);
    out[at + 1..].make_ascii_lowercase();
    true
}

/// A character of the local part, by the WHATWG rule.
fn is_local_char(b: u8) -> bool {
    LOCAL_CHARS[usize::from(b)]
}

/// [`is_local_char`] for every byte: searching [`LOCAL_SPECIALS`] for each `.` and `@`
/// of every address showed in a profile.
const LOCAL_CHARS: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    let specials = LOCAL_SPECIALS.as_bytes();
    let mut i = 0;
    while i < specials.len() {
        table[specials[i] as usize] = true;
        i += 1;
    }
    table
};

/// [`email_into`] for an address written any way at all.
fn written_any_way(raw: &str, out: &mut String) -> Result<(), Problem> {
    let mut value = trim(raw);
    if value
        .get(..7)
        .is_some_and(|p| p.eq_ignore_ascii_case("mailto:"))
    {
        value = value[7..].trim();
    }
    let value = value
        .strip_prefix('<')
        .and_then(|v| v.strip_suffix('>'))
        .unwrap_or(value);
    // Byte scans, not `str` searches: addresses are short, and there is one a row.
    let at = value
        .bytes()
        .position(|b| b == b'@')
        .ok_or(Problem::EmailInvalid)?;
    let (local, domain) = (&value[..at], &value[at + 1..]);
    if local.is_empty() || !local.bytes().all(is_local_char) {
        return Err(Problem::EmailInvalid);
    }
    if domain.ends_with('.') && domain.len() > 1 {
        return Err(Problem::EmailTrailingDot);
    }
    out.push_str(local);
    out.push('@');
    let at = out.len();
    if domain.is_ascii() {
        out.push_str(domain);
        out[at..].make_ascii_lowercase();
    } else {
        out.extend(domain.chars().flat_map(char::to_lowercase));
    }
    let domain = &out[at..];
    if !domain.bytes().any(|b| b == b'.') || !domain.split('.').all(valid_label) {
        return Err(Problem::EmailInvalid);
    }
    Ok(())
}

/// A DNS label by the WHATWG rule, non-ASCII labels through their `xn--` form.
fn valid_label(label: &str) -> bool {
    let encoded;
    let ascii = if label.is_ascii() {
        label
    } else if label.chars().all(|c| c.is_alphanumeric() || c == '-') {
        match punycode::encode(label) {
            Some(code) => {
                encoded = format!("xn--{code}");
                encoded.as_str()
            }
            None => return false,
        }
    } else {
        return false;
    };
    (1..=63).contains(&ascii.len())
        && ascii
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !ascii.starts_with('-')
        && !ascii.ends_with('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// An address written the usual way is stored as the general way stores it:
        /// also with capitals, specials, hyphens, dots in odd places, non-ASCII letters
        /// (IDN domains), spaces and `mailto:`.
        #[test]
        fn the_usual_address_is_read_as_any_other(
            raw in "(mailto:|<| )?[a-zA-Z0-9.+'_-]{0,5}[@ø@][a-zA-Z0-9-]{0,4}([.][a-zA-ZøÆ0-9-]{0,4}){0,3}[ >.]?"
        ) {
            let mut fast = String::new();
            if plain_into(&raw, &mut fast) {
                proptest::prop_assert_eq!(normalize_any_way(&raw), Ok(fast));
            }
            proptest::prop_assert_eq!(normalize_email(&raw), normalize_any_way(&raw));
        }
    }

    fn normalize_any_way(raw: &str) -> Result<String, Problem> {
        let mut out = String::new();
        written_any_way(raw, &mut out).map(|()| out)
    }

    #[test]
    fn a_long_label_is_refused_both_ways() {
        for label in [63, 64] {
            let raw = format!("ola@{}.no", "a".repeat(label));
            let mut fast = String::new();
            assert_eq!(plain_into(&raw, &mut fast), label == 63);
            assert_eq!(normalize_email(&raw).is_ok(), label == 63);
        }
    }

    #[test]
    fn accepted_and_normalised() {
        for (raw, expected) in [
            ("ola@example.no", "ola@example.no"),
            ("  Ola.Nordmann@Example.NO ", "Ola.Nordmann@example.no"),
            ("kari+bolig@example.no", "kari+bolig@example.no"),
            ("mailto:ase@example.no", "ase@example.no"),
            ("<ase@example.no>", "ase@example.no"),
            ("post@ærlig.no", "post@ærlig.no"),
            ("info@TROMSØ.no", "info@tromsø.no"),
            ("o'brien@example.ie", "o'brien@example.ie"),
            ("a@b.co", "a@b.co"),
        ] {
            assert_eq!(normalize_email(raw).as_deref(), Ok(expected), "{raw}");
            assert_eq!(
                normalize_email(expected).as_deref(),
                Ok(expected),
                "idempotent: {expected}"
            );
        }
    }

    #[test]
    fn refused() {
        assert_eq!(
            normalize_email("ola@example.no."),
            Err(Problem::EmailTrailingDot)
        );
        for raw in [
            "",
            "ola",
            "ola@",
            "@example.no",
            "ola@@example.no",
            "ola@exa mple.no",
            "ola nordmann@example.no",
            "ola@gmail",
            "ola@-example.no",
            "ola@example-.no",
            "ola@example..no",
            "åse@example.no",
            "ola@exa_mple.no",
            "ola@ex😀.no",
            "ø",
            "mailtø:x@y.no",
        ] {
            assert!(normalize_email(raw).is_err(), "{raw}");
        }
        let long_label = format!("ola@{}.no", "a".repeat(64));
        assert_eq!(normalize_email(&long_label), Err(Problem::EmailInvalid));
    }
}
