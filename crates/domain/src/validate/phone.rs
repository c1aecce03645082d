//! Phone numbers to E.164 (`+4791234567`) with an exact rule set for Norway, Finland
//! and Sweden, small enough for the browser bundle (the `phonenumber` crate's full
//! metadata costs ~475 KB gzipped); browser and server run this same code, so they
//! agree on every number.
//!
//! Accepted: `+47 912 34 567`, `0047 91234567`, `91234567` (the project's country),
//! `040 123 4567` (trunk 0), and what Excel makes of them when stored as numbers:
//! `4791234567` (the `+` lost) or `401234567` (the trunk 0 lost), and `'+47 912 34 567`
//! (the apostrophe that keeps the `+` in a spreadsheet).

use crate::{
    country::Country,
    validate::{Problem, text::trim},
};

struct Plan {
    calling_code: &'static str,
    /// Length of the national significant number (without trunk 0).
    nsn: std::ops::RangeInclusive<usize>,
    /// The longest number people write without `+` or trunk 0; longer digit strings
    /// are numbers whose `+` Excel dropped (`4791234567`).
    usual_max: usize,
    trunk_zero: bool,
}

fn plan(country: Country) -> Plan {
    match country {
        Country::Norway => Plan {
            calling_code: "47",
            nsn: 8..=8,
            usual_max: 8,
            trunk_zero: false,
        },
        Country::Finland => Plan {
            calling_code: "358",
            nsn: 5..=10,
            usual_max: 9,
            trunk_zero: true,
        },
        Country::Sweden => Plan {
            calling_code: "46",
            nsn: 7..=9,
            usual_max: 9,
            trunk_zero: true,
        },
    }
}

pub fn normalize_phone(raw: &str, country: Country) -> Result<String, Problem> {
    let mut out = String::new();
    phone_into(raw, country, &mut out)?;
    Ok(out)
}

/// [`normalize_phone`] into `out` (cleared first), which the caller reuses from row to
/// row: nothing is allocated once `out` has grown to a phone number's length.
pub fn phone_into(raw: &str, country: Country, out: &mut String) -> Result<(), Problem> {
    out.clear();
    // `'+47 …`: the apostrophe a written file puts before a `+` so a spreadsheet keeps
    // it as text (`write::neutralize_formula`), or that people type for the same end.
    let trimmed = trim(raw);
    let trimmed = trimmed.strip_prefix('\'').unwrap_or(trimmed);
    let international = trimmed.trim_start_matches('(').starts_with('+');
    let allowed = |c: char| {
        c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '.' | '(' | ')' | '/' | '\u{a0}')
    };
    if !trimmed.chars().all(allowed)
        || trimmed.bytes().filter(|&b| b == b'+').count() > usize::from(international)
    {
        return Err(Problem::PhoneInvalid);
    }
    // `+358 (0)40 …`: the bracketed trunk zero is not dialled from abroad.
    let (before, after) = match find_trunk_zero(trimmed) {
        Some(at) if international => (&trimmed[..at], &trimmed[at + 3..]),
        _ => (trimmed, ""),
    };
    // The digits are gathered in `out`; then what comes before the national number
    // is replaced by `+` and the calling code.
    out.extend(
        before
            .chars()
            .chain(after.chars())
            .filter(char::is_ascii_digit),
    );
    let (calling_code, nsn_at) = number(out, international, country)?;
    out.replace_range(..nsn_at, "+");
    out.insert_str(1, calling_code);
    Ok(())
}

/// Where `(0)` is in `number`. A byte scan: a substring search sets up more than it
/// saves on a value this short, and it ran for every phone number of the file.
fn find_trunk_zero(number: &str) -> Option<usize> {
    number.as_bytes().windows(3).position(|w| w == b"(0)")
}

/// The number's calling code, and where in `digits` its national significant number
/// starts.
fn number(
    digits: &str,
    international: bool,
    country: Country,
) -> Result<(&'static str, usize), Problem> {
    if digits.is_empty() {
        return Err(Problem::PhoneInvalid);
    }
    if international {
        return international_number(digits, 0);
    }
    if digits.starts_with("00") {
        return international_number(digits, 2);
    }
    let home = plan(country);
    if home.trunk_zero && digits.starts_with('0') {
        return national(digits, 1, country);
    }
    if digits.len() > home.usual_max {
        // The project's country first, then the other two.
        let candidates =
            std::iter::once(country).chain(Country::ALL.into_iter().filter(|c| *c != country));
        for candidate in candidates {
            let p = plan(candidate);
            if let Some(rest) = digits.strip_prefix(p.calling_code)
                && p.nsn.contains(&rest.len())
            {
                return national(digits, p.calling_code.len(), candidate);
            }
        }
    }
    national(digits, 0, country)
}

/// The national significant number `digits[at..]` of `country`, checked.
fn national(digits: &str, at: usize, country: Country) -> Result<(&'static str, usize), Problem> {
    let p = plan(country);
    let nsn = &digits[at..];
    if nsn.starts_with('0') {
        return Err(Problem::PhoneInvalid);
    }
    if nsn.len() < *p.nsn.start() {
        return Err(Problem::PhoneTooShort);
    }
    if nsn.len() > *p.nsn.end() {
        return Err(Problem::PhoneTooLong);
    }
    Ok((p.calling_code, at))
}

/// `digits[at..]` follow `+` or `00`: the three countries by their rules, others by
/// E.164's general shape (the calling code is then part of the digits kept).
fn international_number(digits: &str, at: usize) -> Result<(&'static str, usize), Problem> {
    let rest = &digits[at..];
    for country in Country::ALL {
        let p = plan(country);
        if let Some(after_code) = rest.strip_prefix(p.calling_code) {
            // `+358 040…`: a trunk zero written after the calling code.
            let trunk = usize::from(p.trunk_zero && after_code.starts_with('0'));
            return national(digits, at + p.calling_code.len() + trunk, country);
        }
    }
    if rest.starts_with('0') {
        return Err(Problem::PhoneInvalid);
    }
    match rest.len() {
        0..8 => Err(Problem::PhoneTooShort),
        8..=15 => Ok(("", at)),
        _ => Err(Problem::PhoneTooLong),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Country::*;

    #[test]
    fn norwegian_numbers() {
        for raw in [
            "91234567",
            "912 34 567",
            "+47 912 34 567",
            "0047 91234567",
            "4791234567",
            "+4791234567",
            "(+47) 91234567",
        ] {
            assert_eq!(
                normalize_phone(raw, Norway).as_deref(),
                Ok("+4791234567"),
                "{raw}"
            );
        }
        assert_eq!(
            normalize_phone("22 33 44 55", Norway).as_deref(),
            Ok("+4722334455")
        );
        assert_eq!(
            normalize_phone("9123456", Norway),
            Err(Problem::PhoneTooShort)
        );
        assert_eq!(
            normalize_phone("912345678", Norway),
            Err(Problem::PhoneTooLong)
        );
    }

    #[test]
    fn finnish_numbers() {
        for raw in [
            "040 123 4567",
            "0401234567",
            "401234567",
            "+358 40 123 4567",
            "+358 (0)40 123 4567",
            "358401234567",
            "00358401234567",
        ] {
            assert_eq!(
                normalize_phone(raw, Finland).as_deref(),
                Ok("+358401234567"),
                "{raw}"
            );
        }
        assert_eq!(
            normalize_phone("09 123 456", Finland).as_deref(),
            Ok("+3589123456")
        );
    }

    #[test]
    fn swedish_numbers() {
        for raw in [
            "070-123 45 67",
            "0701234567",
            "701234567",
            "+46 70 123 45 67",
            "'+46 70 123 45 67",
            "46701234567",
        ] {
            assert_eq!(
                normalize_phone(raw, Sweden).as_deref(),
                Ok("+46701234567"),
                "{raw}"
            );
        }
        assert_eq!(
            normalize_phone("08-123 456 78", Sweden).as_deref(),
            Ok("+46812345678")
        );
    }

    #[test]
    fn numbers_of_the_other_two_countries_in_a_project_of_the_third() {
        assert_eq!(
            normalize_phone("+46 70 123 45 67", Norway).as_deref(),
            Ok("+46701234567")
        );
        assert_eq!(
            normalize_phone("358401234567", Norway).as_deref(),
            Ok("+358401234567")
        );
        assert_eq!(
            normalize_phone("4791234567", Finland).as_deref(),
            Ok("+4791234567")
        );
        assert_eq!(
            normalize_phone("+44 20 7946 0958", Finland).as_deref(),
            Ok("+442079460958")
        );
    }

    #[test]
    fn junk_is_refused() {
        for raw in ["", "ring meg", "+47+47", "91234567 ext 2", "+", "0"] {
            assert!(normalize_phone(raw, Norway).is_err(), "{raw}");
        }
        assert_eq!(
            normalize_phone("+1234", Norway),
            Err(Problem::PhoneTooShort)
        );
        assert_eq!(
            normalize_phone("+1234567890123456", Norway),
            Err(Problem::PhoneTooLong)
        );
    }

    #[test]
    fn normalizing_twice_changes_nothing() {
        for (raw, c) in [
            ("040 123 4567", Finland),
            ("912 34 567", Norway),
            ("070-123 45 67", Sweden),
            ("+44 20 7946 0958", Norway),
        ] {
            let once = normalize_phone(raw, c).unwrap();
            for project in Country::ALL {
                assert_eq!(
                    normalize_phone(&once, project).as_deref(),
                    Ok(once.as_str())
                );
            }
        }
    }
}
