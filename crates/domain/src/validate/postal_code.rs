//! Postal codes: Norway 4 digits, Finland and Sweden 5. Excel stores them as numbers
//! and drops leading zeros (`0150` → `150`), so short digit strings are padded back.
//! Stored as digits; Sweden's in its written form `111 22`.

use crate::{country::Country, validate::Problem};

pub fn normalize_postal_code(raw: &str, country: Country) -> Result<String, Problem> {
    let trimmed = raw.trim().to_uppercase();
    // `NO-0150`, `FI 00100`: the country written in front.
    let without_prefix = trimmed
        .strip_prefix(country.code())
        .map(|rest| rest.strip_prefix('-').unwrap_or(rest))
        .unwrap_or(&trimmed)
        .trim();
    if without_prefix
        .chars()
        .any(|c| !(c.is_ascii_digit() || c == ' ' || c == '\u{a0}'))
    {
        return Err(Problem::PostalCodeInvalid);
    }
    let digits: String = without_prefix
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let length = match country {
        Country::Norway => 4,
        Country::Finland | Country::Sweden => 5,
    };
    if digits.is_empty() || digits.len() > length {
        return Err(Problem::PostalCodeInvalid);
    }
    let padded = format!("{digits:0>length$}");
    if country == Country::Sweden {
        // Swedish codes never start with 0; a short one is not a lost zero.
        if digits.len() != 5 || padded.starts_with('0') {
            return Err(Problem::PostalCodeInvalid);
        }
        return Ok(format!("{} {}", &padded[..3], &padded[3..]));
    }
    Ok(padded)
}

#[cfg(test)]
mod tests {
    use super::*;

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
