//! Business identifiers of the three countries, checked by their published check-digit
//! algorithms and stored in their official written form:
//!
//! - Norway, organisasjonsnummer: 9 digits; weights 3 2 7 6 5 4 3 2, check = 11 − (sum
//!   mod 11), 11 → 0, and 10 means the first eight digits have no valid number.
//!   Written `923609016`; `NO 923 609 016 MVA` is accepted.
//! - Finland, Y-tunnus: 7 digits, hyphen, check; weights 7 9 10 5 8 4 2, remainder 0 →
//!   0, remainder 1 is never issued, else 11 − remainder. Written `0112038-9`; the VAT
//!   form `FI01120389` and 6-digit old numbers are accepted.
//! - Sweden, organisationsnummer: 10 digits with the Luhn check digit last. Written
//!   `556012-5790`; `16` + 10 digits and the VAT form `SE556012579001` are accepted.
//!
//! The country comes from the value's shape (9, 8 or 10 digits, or a prefix).

use crate::{
    country::Country,
    validate::{problem::Problem, text::trim},
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BusinessId {
    pub country: Country,
    /// The official written form.
    pub value: String,
}

pub fn normalize_business_id(raw: &str) -> Result<BusinessId, Problem> {
    let mut value = String::new();
    let country = business_id_into(raw, &mut value)?;
    Ok(BusinessId { country, value })
}

/// The longest digit string any accepted form has (`SE556012579001`).
const MAX_DIGITS: usize = 12;

/// [`normalize_business_id`] into `out` (cleared first), which the caller reuses;
/// returns the id's country.
pub fn business_id_into(raw: &str, out: &mut String) -> Result<Country, Problem> {
    out.clear();
    let trimmed = trim(raw);
    let (prefix, rest) = match trimmed.get(..2) {
        Some(p) => match Country::ALL
            .into_iter()
            .find(|c| p.eq_ignore_ascii_case(c.code()))
        {
            Some(c) => (Some(c), &trimmed[2..]),
            None => (None, trimmed),
        },
        None => (None, trimmed),
    };
    let rest = rest.trim();
    let rest = match rest.len().checked_sub(3).and_then(|at| rest.get(at..)) {
        Some(mva) if mva.eq_ignore_ascii_case("MVA") => rest[..rest.len() - 3].trim(),
        _ => rest,
    };
    if rest
        .chars()
        .any(|c| !(c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '\u{a0}')))
    {
        return Err(Problem::BusinessIdInvalid);
    }
    let mut digits = [0u8; MAX_DIGITS];
    let mut count = 0;
    for b in rest.bytes().filter(u8::is_ascii_digit) {
        *digits.get_mut(count).ok_or(Problem::BusinessIdInvalid)? = b - b'0';
        count += 1;
    }
    let digits = &digits[..count];
    let hyphen_at = rest
        .find('-')
        .map(|i| rest[..i].bytes().filter(u8::is_ascii_digit).count());
    let country = match (prefix, digits.len(), hyphen_at) {
        (Some(c), _, _) => c,
        (None, 9, _) => Country::Norway,
        (None, 7 | 8, _) => Country::Finland,
        (None, 10 | 12, _) => Country::Sweden,
        _ => return Err(Problem::BusinessIdInvalid),
    };
    match country {
        Country::Norway => norway(digits, out),
        Country::Finland => finland(digits, hyphen_at, out),
        Country::Sweden => sweden(digits, out),
    }?;
    Ok(country)
}

fn push_digits(out: &mut String, digits: &[u8]) {
    out.extend(digits.iter().map(|d| char::from(b'0' + d)));
}

fn norway(d: &[u8], out: &mut String) -> Result<(), Problem> {
    if d.len() != 9 {
        return Err(Problem::BusinessIdInvalid);
    }
    let sum: u32 = d[..8]
        .iter()
        .zip([3, 2, 7, 6, 5, 4, 3, 2])
        .map(|(&d, w)| u32::from(d) * w)
        .sum();
    let check = match 11 - sum % 11 {
        11 => 0,
        10 => return Err(Problem::BusinessIdCheckDigit),
        c => c,
    };
    if u32::from(d[8]) != check {
        return Err(Problem::BusinessIdCheckDigit);
    }
    push_digits(out, d);
    Ok(())
}

/// `hyphen_at`: digits before the hyphen, if written with one (`123456-7` is an old
/// six-digit number, padded to `0123456-7`).
fn finland(d: &[u8], hyphen_at: Option<usize>, out: &mut String) -> Result<(), Problem> {
    let mut padded = [0u8; 8];
    match (d.len(), hyphen_at) {
        (8, None | Some(7)) => padded.copy_from_slice(d),
        (7, None | Some(6)) => padded[1..].copy_from_slice(d),
        _ => return Err(Problem::BusinessIdInvalid),
    }
    let sum: u32 = padded[..7]
        .iter()
        .zip([7, 9, 10, 5, 8, 4, 2])
        .map(|(&d, w)| u32::from(d) * w)
        .sum();
    let check = match sum % 11 {
        0 => 0,
        1 => return Err(Problem::BusinessIdCheckDigit),
        r => 11 - r,
    };
    if u32::from(padded[7]) != check {
        return Err(Problem::BusinessIdCheckDigit);
    }
    push_digits(out, &padded[..7]);
    out.push('-');
    push_digits(out, &padded[7..]);
    Ok(())
}

fn sweden(d: &[u8], out: &mut String) -> Result<(), Problem> {
    let d = match d.len() {
        10 => d,
        // `16` + number (the 12-digit form), or the VAT form's trailing `01`.
        12 if d[..2] == [1, 6] => &d[2..],
        12 if d[10..] == [0, 1] => &d[..10],
        _ => return Err(Problem::BusinessIdInvalid),
    };
    let sum: u32 = d
        .iter()
        .enumerate()
        .map(|(i, &digit)| {
            let v = u32::from(digit) * if i % 2 == 0 { 2 } else { 1 };
            if v > 9 { v - 9 } else { v }
        })
        .sum();
    if !sum.is_multiple_of(10) {
        return Err(Problem::BusinessIdCheckDigit);
    }
    push_digits(out, &d[..6]);
    out.push('-');
    push_digits(out, &d[6..]);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(raw: &str) -> (Country, String) {
        let id = normalize_business_id(raw).unwrap_or_else(|e| panic!("{raw}: {e:?}"));
        (id.country, id.value)
    }

    #[test]
    fn norwegian_organisasjonsnummer() {
        // Check digits computed with the published weights 3 2 7 6 5 4 3 2.
        for (raw, expected) in [
            ("923609016", "923609016"),
            ("923 609 016", "923609016"),
            ("NO 923 609 016 MVA", "923609016"),
            ("914237335", "914237335"),
            ("814260003", "814260003"),
            ("100000008", "100000008"),
        ] {
            assert_eq!(ok(raw), (Country::Norway, expected.to_owned()), "{raw}");
        }
        assert_eq!(
            normalize_business_id("923609017"),
            Err(Problem::BusinessIdCheckDigit)
        );
        // 98195467 and 10000013 give remainder 1: no check digit can make them valid.
        for d in 0..=9 {
            assert_eq!(
                normalize_business_id(&format!("98195467{d}")),
                Err(Problem::BusinessIdCheckDigit)
            );
            assert_eq!(
                normalize_business_id(&format!("10000013{d}")),
                Err(Problem::BusinessIdCheckDigit)
            );
        }
    }

    #[test]
    fn finnish_y_tunnus() {
        for (raw, expected) in [
            ("0112038-9", "0112038-9"),
            ("01120389", "0112038-9"),
            ("FI01120389", "0112038-9"),
            ("112038-9", "0112038-9"),
            ("1572860-0", "1572860-0"),
            ("2617416-4", "2617416-4"),
            ("0737546-2", "0737546-2"),
            ("0000000-0", "0000000-0"),
        ] {
            assert_eq!(ok(raw), (Country::Finland, expected.to_owned()), "{raw}");
        }
        assert_eq!(
            normalize_business_id("0112038-8"),
            Err(Problem::BusinessIdCheckDigit)
        );
        assert_eq!(ok("1234567-1"), (Country::Finland, "1234567-1".to_owned()));
        // Remainder 1 (1000008, 1000016) is never issued, whatever the check digit.
        for d in 0..=9 {
            assert_eq!(
                normalize_business_id(&format!("1000008-{d}")),
                Err(Problem::BusinessIdCheckDigit)
            );
            assert_eq!(
                normalize_business_id(&format!("1000016-{d}")),
                Err(Problem::BusinessIdCheckDigit)
            );
        }
    }

    #[test]
    fn swedish_organisationsnummer() {
        for (raw, expected) in [
            ("556012-5790", "556012-5790"),
            ("5560125790", "556012-5790"),
            ("16556012-5790", "556012-5790"),
            ("SE556012579001", "556012-5790"),
            ("556036-0793", "556036-0793"),
            ("202100-5471", "202100-5471"),
            ("556703-7485", "556703-7485"),
        ] {
            assert_eq!(ok(raw), (Country::Sweden, expected.to_owned()), "{raw}");
        }
        assert_eq!(
            normalize_business_id("556012-5791"),
            Err(Problem::BusinessIdCheckDigit)
        );
    }

    #[test]
    fn shapes_that_are_no_business_id() {
        for raw in ["", "abc", "12345", "92360901X", "1234567890123", "NO 12345"] {
            assert!(normalize_business_id(raw).is_err(), "{raw}");
        }
    }

    #[test]
    fn normalizing_twice_changes_nothing() {
        for raw in ["NO 923 609 016 MVA", "FI01120389", "16556012-5790"] {
            let once = ok(raw).1;
            assert_eq!(ok(&once).1, once);
        }
    }
}
