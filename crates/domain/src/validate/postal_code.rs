//! Postal codes: Norway 4 digits, Finland and Sweden 5. Excel stores them as numbers
//! and drops leading zeros (`0150` → `150`), so short digit strings are padded back.
//! Stored as digits; Sweden's in its written form `111 22`.

use crate::{
    country::Country,
    validate::{problem::Problem, text::trim},
};

pub fn normalize_postal_code(raw: &str, country: Country) -> Result<String, Problem> {
    let mut out = String::new();
    postal_code_into(raw, country, &mut out)?;
    Ok(out)
}

/// [`normalize_postal_code`] into `out` (cleared first), which the caller reuses.
pub fn postal_code_into(raw: &str, country: Country, out: &mut String) -> Result<(), Problem> {
    out.clear();
    if digits_alone(raw, country, out) {
        return Ok(());
    }
    written_any_way(raw, country, out)
}

/// The digits of a postal code.
fn length(country: Country) -> usize {
    match country {
        Country::Norway => 4,
        Country::Finland | Country::Sweden => 5,
    }
}

/// Writes a code of digits alone, as most cells hold it, as [`written_any_way`] would
/// (padded where Excel dropped zeros), without its steps; false for any other, and for
/// Swedish codes (their space).
fn digits_alone(raw: &str, country: Country, out: &mut String) -> bool {
    let length = length(country);
    let fits = country != Country::Sweden
        && (1..=length).contains(&raw.len())
        && raw.bytes().all(|b| b.is_ascii_digit());
    if fits {
        out.extend(std::iter::repeat_n('0', length - raw.len()));
        out.push_str(raw);
    }
    fits
}

/// [`postal_code_into`] for a code written any way.
fn written_any_way(raw: &str, country: Country, out: &mut String) -> Result<(), Problem> {
    let trimmed = trim(raw);
    // `NO-0150`, `fi 00100`: the country written in front.
    let without_prefix = trimmed
        .get(..2)
        .filter(|p| p.eq_ignore_ascii_case(country.code()))
        .map(|_| {
            let rest = &trimmed[2..];
            rest.strip_prefix('-').unwrap_or(rest)
        })
        .unwrap_or(trimmed);
    let without_prefix = trim(without_prefix);
    if without_prefix
        .chars()
        .any(|c| !(c.is_ascii_digit() || c == ' ' || c == '\u{a0}'))
    {
        return Err(Problem::PostalCodeInvalid);
    }
    let digits = without_prefix.bytes().filter(u8::is_ascii_digit);
    let count = digits.clone().count();
    let length = length(country);
    // Swedish codes never start with 0; a short one is not a lost zero.
    let short_swedish = country == Country::Sweden && count != length;
    if count == 0 || count > length || short_swedish {
        return Err(Problem::PostalCodeInvalid);
    }
    out.extend(std::iter::repeat_n('0', length - count));
    out.extend(digits.map(char::from));
    if country == Country::Sweden {
        if out.starts_with('0') {
            return Err(Problem::PostalCodeInvalid);
        }
        out.insert(3, ' ');
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Digits alone are stored as the general way stores them.
        #[test]
        fn digits_alone_are_read_as_any_other_code(raw in "[0-9]{0,6}", c in 0usize..3) {
            let country = Country::ALL[c];
            let (mut fast, mut general) = (String::new(), String::new());
            if digits_alone(&raw, country, &mut fast) {
                proptest::prop_assert_eq!(written_any_way(&raw, country, &mut general), Ok(()));
                proptest::prop_assert_eq!(fast, general);
            }
        }
    }

    #[test]
    fn vectors() {
        use Country::*;
        let cases = [
            ("0150", Norway, Ok("0150")),
            ("150", Norway, Ok("0150")),
            ("1", Norway, Ok("0001")),
            (" NO-9008 ", Norway, Ok("9008")),
            ("01500", Norway, Err(Problem::PostalCodeInvalid)),
            ("00100", Finland, Ok("00100")),
            ("100", Finland, Ok("00100")),
            ("FI-02100", Finland, Ok("02100")),
            ("111 22", Sweden, Ok("111 22")),
            ("11122", Sweden, Ok("111 22")),
            ("SE-41319", Sweden, Ok("413 19")),
            ("1112", Sweden, Err(Problem::PostalCodeInvalid)),
            ("01234", Sweden, Err(Problem::PostalCodeInvalid)),
            ("N-0150", Norway, Err(Problem::PostalCodeInvalid)),
            ("", Finland, Err(Problem::PostalCodeInvalid)),
            ("12a4", Norway, Err(Problem::PostalCodeInvalid)),
        ];
        for (raw, country, expected) in cases {
            assert_eq!(
                normalize_postal_code(raw, country).as_deref(),
                expected.as_ref().map(|s| *s),
                "{raw} {country:?}"
            );
            if let Ok(once) = expected {
                assert_eq!(
                    normalize_postal_code(once, country).as_deref(),
                    Ok(once),
                    "idempotent"
                );
            }
        }
    }
}
