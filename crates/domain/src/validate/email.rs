//! E-mail addresses by the WHATWG "valid e-mail address" rule (what `<input
//! type=email>` accepts), with two practical additions: the domain must have a dot
//! (`ola@gmail` is a typo, not a customer), and internationalised domains (`ærlig.no`)
//! are checked through their Punycode form. Stored with the domain lower-cased, in the
//! form the user wrote it; uniqueness compares the whole address case-insensitively.

use crate::validate::{Problem, punycode, text::trim};

const LOCAL_SPECIALS: &str = ".!#$%&'*+/=?^_`{|}~-";

pub fn normalize_email(raw: &str) -> Result<String, Problem> {
    let mut out = String::new();
    email_into(raw, &mut out)?;
    Ok(out)
}

/// [`normalize_email`] into `out` (cleared first), which the caller reuses.
pub fn email_into(raw: &str, out: &mut String) -> Result<(), Problem> {
    out.clear();
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
    if local.is_empty()
        || !local
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || LOCAL_SPECIALS.as_bytes().contains(&b))
    {
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
