//! Phone numbers to E.164 (`+4791234567`), checked against the national numbering
//! plans of Norway, Finland and Sweden: which leading digits are in use and how long a
//! number starting with them is. Small enough for the browser bundle (the
//! `phonenumber` crate's full metadata costs ~475 KB gzipped), allocation-free, and
//! the same code in browser and server, so they agree on every number.
//!
//! Accepted: `+47 912 34 567`, `0047 91234567`, `91234567` (the project's country),
//! `040 123 4567` (trunk 0), and what Excel makes of them when stored as numbers:
//! `4791234567` (the `+` lost) or `401234567` (the trunk 0 lost), and `'+47 912 34 567`
//! (the apostrophe that keeps the `+` in a spreadsheet).
//!
//! The plans, as [`NORWAY`], [`FINLAND`] and [`SWEDEN`] hold them (national significant
//! numbers, without trunk 0); numbers for machines, paging, premium rate and short
//! codes are not a customer's phone and are refused:
//!
//! - **Norway**: Nkom, "Alle nummerserier for norske telefonnumre" (the E.164 plan
//!   under the numbering regulation FOR-2004-02-16-426, nkom.no, as published in
//!   2024): every number has 8 digits; 20–39, 50–57 and 60–79 fixed, 40–49 and 90–99
//!   mobile, 800–899 special services; 58 (12-digit) and 59 machine-to-machine; 0xxxx
//!   5-digit and 1xx short numbers are not subscriber numbers.
//! - **Finland**: Traficom (formerly Viestintävirasto) regulation 32 on the numbering
//!   of public telephone networks (32 S/2016 M, 22 December 2016) and its national
//!   numbering plan (appendix 1): area codes 02, 03, 05, 06, 08, 09 and 013–019 with a
//!   5–8 digit subscriber number; mobile network codes 040–049 and 050, 6–10 digits
//!   after the 0; national subscriber numbers 010, 020, 029, 030, 039, 071, 073, 075;
//!   freephone 0800. 0600/0700 (premium) and 011, 012, 07x otherwise are refused.
//! - **Sweden**: PTS, "Telefonnummers struktur" and "Sammanställning av svensk
//!   nummerplan för telefoni" (2010-08-19, pts.se): 264 area codes (0 + 1–3 digits)
//!   beginning 01–06, 08, 09, and with the subscriber number 7–9 digits after the 0;
//!   mobile 070, 072, 073, 076, 079 with 9 digits; 010 (geographically independent),
//!   075 (personal numbers) and 077 (shared cost) with 9; freephone 020 with 6–9.
//!   074 (paging) and 078 (operators' own, not reachable from abroad) are refused,
//!   071 is unused.

use std::ops::RangeInclusive;

use crate::{
    country::Country,
    validate::{problem::Problem, text::trim},
};

/// What a number range is used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Use {
    Fixed,
    Mobile,
    /// Non-geographic numbers a business answers: freephone, national subscriber
    /// numbers, personal numbers.
    Business,
    /// Machine-to-machine, paging, premium rate: in the plan, but not a number to
    /// reach a customer on.
    NotAPhone,
}

/// Numbers whose national significant number starts with `prefix` are `len` digits
/// long.
struct Range {
    prefix: &'static str,
    len: RangeInclusive<usize>,
    used_for: Use,
}

const fn range(prefix: &'static str, len: RangeInclusive<usize>, used_for: Use) -> Range {
    Range {
        prefix,
        len,
        used_for,
    }
}

/// Nkom's plan (see the module doc). The first range whose prefix matches decides.
const NORWAY: &[Range] = &[
    range("2", 8..=8, Use::Fixed),
    range("3", 8..=8, Use::Fixed),
    range("4", 8..=8, Use::Mobile),
    range("58", 12..=12, Use::NotAPhone),
    range("59", 8..=8, Use::NotAPhone),
    range("5", 8..=8, Use::Fixed),
    range("6", 8..=8, Use::Fixed),
    range("7", 8..=8, Use::Fixed),
    range("8", 8..=8, Use::Business),
    range("9", 8..=8, Use::Mobile),
];

/// Traficom's plan (see the module doc). More specific prefixes come first: 020 is a
/// national number, 02 the Turku area.
const FINLAND: &[Range] = &[
    range("4", 6..=10, Use::Mobile),
    range("50", 6..=10, Use::Mobile),
    range("10", 6..=10, Use::Business),
    range("20", 6..=10, Use::Business),
    range("29", 6..=10, Use::Business),
    range("30", 6..=10, Use::Business),
    range("39", 6..=10, Use::Business),
    range("71", 6..=10, Use::Business),
    range("73", 6..=10, Use::Business),
    range("75", 6..=10, Use::Business),
    range("800", 6..=9, Use::Business),
    range("60", 6..=10, Use::NotAPhone),
    range("13", 7..=10, Use::Fixed),
    range("14", 7..=10, Use::Fixed),
    range("15", 7..=10, Use::Fixed),
    range("16", 7..=10, Use::Fixed),
    range("17", 7..=10, Use::Fixed),
    range("18", 7..=10, Use::Fixed),
    range("19", 7..=10, Use::Fixed),
    range("2", 6..=9, Use::Fixed),
    range("3", 6..=9, Use::Fixed),
    range("5", 6..=9, Use::Fixed),
    range("6", 6..=9, Use::Fixed),
    range("8", 6..=9, Use::Fixed),
    range("9", 6..=9, Use::Fixed),
];

/// PTS's plan (see the module doc).
const SWEDEN: &[Range] = &[
    range("70", 9..=9, Use::Mobile),
    range("72", 9..=9, Use::Mobile),
    range("73", 9..=9, Use::Mobile),
    range("76", 9..=9, Use::Mobile),
    range("79", 9..=9, Use::Mobile),
    range("74", 7..=10, Use::NotAPhone),
    range("75", 9..=9, Use::Business),
    range("77", 9..=9, Use::Business),
    range("10", 9..=9, Use::Business),
    range("20", 6..=9, Use::Business),
    range("1", 7..=9, Use::Fixed),
    range("2", 7..=9, Use::Fixed),
    range("3", 7..=9, Use::Fixed),
    range("4", 7..=9, Use::Fixed),
    range("5", 7..=9, Use::Fixed),
    range("6", 7..=9, Use::Fixed),
    range("8", 7..=9, Use::Fixed),
    range("9", 7..=9, Use::Fixed),
];

struct Plan {
    calling_code: &'static str,
    /// Length of the national significant number (without trunk 0), any range.
    nsn: RangeInclusive<usize>,
    /// The longest number people write without `+` or trunk 0; longer digit strings
    /// are numbers whose `+` Excel dropped (`4791234567`).
    usual_max: usize,
    trunk_zero: bool,
    ranges: &'static [Range],
}

fn plan(country: Country) -> Plan {
    match country {
        Country::Norway => Plan {
            calling_code: "47",
            nsn: 8..=8,
            usual_max: 8,
            trunk_zero: false,
            ranges: NORWAY,
        },
        Country::Finland => Plan {
            calling_code: "358",
            nsn: 6..=10,
            usual_max: 9,
            trunk_zero: true,
            ranges: FINLAND,
        },
        Country::Sweden => Plan {
            calling_code: "46",
            nsn: 6..=9,
            usual_max: 9,
            trunk_zero: true,
            ranges: SWEDEN,
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
    let mut digits = [0; PLAIN_MAX];
    let Some((digits, international)) = plain_digits(raw, &mut digits) else {
        return written_any_way(raw, country, out);
    };
    let (calling_code, nsn_at) = number(digits, international, country)?;
    out.push('+');
    out.push_str(calling_code);
    // The national number: the digits that follow.
    for digit in digits[nsn_at..].iter() {
        out.push(char::from(*digit));
    }
    Ok(())
}

/// The most digits [`plain_digits`] gathers: more than any number has.
const PLAIN_MAX: usize = 24;

/// The digits of a number written the usual way — digits and spaces, perhaps a `+`
/// first — gathered in one pass over its bytes, and whether it is international;
/// `None` for any other way of writing it, which [`written_any_way`] reads. For such a
/// number both read the same digits: it has no apostrophe, bracket or other `+`, and
/// nothing else to trim.
fn plain_digits<'d>(raw: &str, digits: &'d mut [u8; PLAIN_MAX]) -> Option<(&'d [u8], bool)> {
    let bytes = raw.as_bytes();
    let international = bytes.first() == Some(&b'+');
    if !bytes.last().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let mut count = 0;
    for &b in &bytes[usize::from(international)..] {
        match b {
            b'0'..=b'9' => {
                *digits.get_mut(count)? = b;
                count += 1;
            }
            // Where the other way trims them, spaces are left out as here.
            b' ' => {}
            _ => return None,
        }
    }
    Some((&digits[..count], international))
}

/// [`phone_into`] for a number written any way at all.
fn written_any_way(raw: &str, country: Country, out: &mut String) -> Result<(), Problem> {
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
    let (calling_code, nsn_at) = number(out.as_bytes(), international, country)?;
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
    digits: &[u8],
    international: bool,
    country: Country,
) -> Result<(&'static str, usize), Problem> {
    if digits.is_empty() {
        return Err(Problem::PhoneInvalid);
    }
    if international {
        return international_number(digits, 0);
    }
    if starts(digits, b"00") {
        return international_number(digits, 2);
    }
    let home = plan(country);
    if home.trunk_zero && starts(digits, b"0") {
        return national(digits, 1, country);
    }
    if digits.len() > home.usual_max {
        // The project's country first, then the other two; a calling code followed by
        // a number its plan has.
        let candidates =
            std::iter::once(country).chain(Country::ALL.into_iter().filter(|c| *c != country));
        for candidate in candidates {
            let p = plan(candidate);
            if let Some(rest) = after(digits, p.calling_code)
                && p.nsn.contains(&rest.len())
                && let Ok(found) = national(digits, p.calling_code.len(), candidate)
            {
                return Ok(found);
            }
        }
    }
    national(digits, 0, country)
}

/// The national significant number `digits[at..]` of `country`, checked.
fn national(digits: &[u8], at: usize, country: Country) -> Result<(&'static str, usize), Problem> {
    let p = plan(country);
    let nsn = &digits[at..];
    if starts(nsn, b"0") {
        return Err(Problem::PhoneInvalid);
    }
    if nsn.len() < *p.nsn.start() {
        return Err(Problem::PhoneTooShort);
    }
    if nsn.len() > *p.nsn.end() {
        return Err(Problem::PhoneTooLong);
    }
    let range = p
        .ranges
        .iter()
        // The first digit alone rules most ranges out.
        .find(|r| r.prefix.as_bytes().first() == nsn.first() && starts(nsn, r.prefix.as_bytes()))
        .ok_or(Problem::PhoneNoSuchNumber)?;
    if range.used_for == Use::NotAPhone {
        return Err(Problem::PhoneNoSuchNumber);
    }
    if nsn.len() < *range.len.start() {
        return Err(Problem::PhoneTooShort);
    }
    if nsn.len() > *range.len.end() {
        return Err(Problem::PhoneTooLong);
    }
    Ok((p.calling_code, at))
}

/// `digits` starts with `prefix`: `starts_with` compared the few digits of a range's
/// prefix with a call to `memcmp`, range by range, for every phone number of a file.
fn starts(digits: &[u8], prefix: &[u8]) -> bool {
    digits.len() >= prefix.len() && digits.iter().zip(prefix).all(|(d, p)| d == p)
}

/// What follows `code` in `digits`, if they start with it.
fn after<'d>(digits: &'d [u8], code: &str) -> Option<&'d [u8]> {
    starts(digits, code.as_bytes()).then(|| &digits[code.len()..])
}

/// `digits[at..]` follow `+` or `00`: the three countries by their rules, others by
/// E.164's general shape (the calling code is then part of the digits kept).
fn international_number(digits: &[u8], at: usize) -> Result<(&'static str, usize), Problem> {
    let rest = &digits[at..];
    for country in Country::ALL {
        let p = plan(country);
        if let Some(after_code) = after(rest, p.calling_code) {
            // `+358 040…`: a trunk zero written after the calling code.
            let trunk = usize::from(p.trunk_zero && starts(after_code, b"0"));
            return national(digits, at + p.calling_code.len() + trunk, country);
        }
    }
    if starts(rest, b"0") {
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

    proptest::proptest! {
        /// A number written the usual way is stored, or refused, as the general way
        /// does it: also with a leading `+`, `00`, trunk zeros, odd spaces, a `+` in
        /// the middle, brackets and apostrophes.
        #[test]
        fn the_usual_number_is_read_as_any_other(
            raw in proptest::prop_oneof![
                "([+]47|[+]358|[+]46|00(47|358|46)|[+]1|0)? ?[1-9][0-9]{1,2} ?[0-9]{2,3} ?[0-9]{1,4}",
                "[' (+]?[+]?[0-9 ]{0,3}[04-9]{0,3}[ +)]?[0-9 ]{0,12}[ ]?",
            ],
            c in 0usize..3,
        ) {
            let country = Country::ALL[c];
            let mut general = String::new();
            let general = written_any_way(&raw, country, &mut general).map(|()| general);
            proptest::prop_assert_eq!(normalize_phone(&raw, country), general);
        }
    }

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

    /// `(number as written, E.164 or the problem)`, read in `country`.
    type Vector = (&'static str, Result<&'static str, Problem>);

    fn check(country: Country, vectors: &[Vector]) {
        let wrong: Vec<_> = vectors
            .iter()
            .filter_map(|(raw, want)| {
                let got = normalize_phone(raw, country);
                (got.as_deref() != want.as_deref()).then(|| format!("{raw}: {got:?}, not {want:?}"))
            })
            .collect();
        assert!(wrong.is_empty(), "{country:?}: {wrong:#?}");
    }

    // Vectors from Nkom's table of number series (module doc).
    #[test]
    fn the_norwegian_plan() {
        use Problem::*;
        check(
            Norway,
            &[
                // Mobile, 40–49 and 90–99.
                ("41234567", Ok("+4741234567")),
                ("48 12 34 56", Ok("+4748123456")),
                ("99 99 99 99", Ok("+4799999999")),
                // Fixed, 20–39, 50–57, 60–79.
                ("21 23 45 67", Ok("+4721234567")),
                ("33 12 34 56", Ok("+4733123456")),
                ("55 12 34 56", Ok("+4755123456")),
                ("57 12 34 56", Ok("+4757123456")),
                ("62 12 34 56", Ok("+4762123456")),
                ("73 12 34 56", Ok("+4773123456")),
                // Special services, 800–899.
                ("800 12 345", Ok("+4780012345")),
                // Not subscriber numbers: short (1xx), 5-digit (0xxxx), machines (58, 59).
                ("12345678", Err(PhoneNoSuchNumber)),
                ("+47 12345678", Err(PhoneNoSuchNumber)),
                ("11 22 33 44", Err(PhoneNoSuchNumber)),
                ("02000", Err(PhoneInvalid)),
                ("113", Err(PhoneTooShort)),
                ("59 12 34 56", Err(PhoneNoSuchNumber)),
                ("+47 58 12 34 56 78 90", Err(PhoneTooLong)),
                // Every number has 8 digits.
                ("4123456", Err(PhoneTooShort)),
                ("412345678", Err(PhoneTooLong)),
            ],
        );
    }

    // Vectors from Traficom's national numbering plan (module doc).
    #[test]
    fn the_finnish_plan() {
        use Problem::*;
        check(
            Finland,
            &[
                // Mobile, 040–049 and 050, of several lengths.
                ("040 123 4567", Ok("+358401234567")),
                ("044 123 4567", Ok("+358441234567")),
                ("045 1234 5678", Ok("+3584512345678")),
                ("050 123 4567", Ok("+358501234567")),
                ("050 12345", Ok("+3585012345")),
                // Fixed: one-digit and two-digit area codes.
                ("09 1234 5678", Ok("+358912345678")),
                ("09 123 45", Ok("+358912345")),
                ("02 123 4567", Ok("+35821234567")),
                ("08 123 4567", Ok("+35881234567")),
                ("013 123 4567", Ok("+358131234567")),
                ("019 123 456", Ok("+35819123456")),
                ("018 12345", Ok("+3581812345")),
                // National subscriber numbers and freephone.
                ("010 123 4567", Ok("+358101234567")),
                ("029 497 000", Ok("+35829497000")),
                ("020 692 211", Ok("+35820692211")),
                ("0800 123 456", Ok("+358800123456")),
                // No such area or service: 01, 011, 012, 04 alone, 07x but 071/073/075,
                // premium 0600/0700.
                ("011 123 4567", Err(PhoneNoSuchNumber)),
                ("012 123 4567", Err(PhoneNoSuchNumber)),
                ("077 123 4567", Err(PhoneNoSuchNumber)),
                ("0600 12345", Err(PhoneNoSuchNumber)),
                ("0700 12345", Err(PhoneNoSuchNumber)),
                // Lengths.
                ("09 1234", Err(PhoneTooShort)),
                ("013 1234", Err(PhoneTooShort)),
                ("09 123 456 789", Err(PhoneTooLong)),
                ("040 123 456 789", Err(PhoneTooLong)),
            ],
        );
    }

    // Vectors from PTS's number structure and summary of the plan (module doc).
    #[test]
    fn the_swedish_plan() {
        use Problem::*;
        check(
            Sweden,
            &[
                // Mobile, 070, 072, 073, 076, 079: always 9 digits after the 0.
                ("070-123 45 67", Ok("+46701234567")),
                ("072-123 45 67", Ok("+46721234567")),
                ("073-123 45 67", Ok("+46731234567")),
                ("076-123 45 67", Ok("+46761234567")),
                ("079-123 45 67", Ok("+46791234567")),
                ("070-123 45 6", Err(PhoneTooShort)),
                // Fixed: Stockholm 08 and longer area codes, 7–9 digits after the 0.
                ("08-678 55 00", Ok("+4686785500")),
                ("08-12 34 56", Ok("+468123456")),
                ("031-12 34 56", Ok("+4631123456")),
                ("0480-123 45", Ok("+4648012345")),
                ("0120-123 45", Ok("+4612012345")),
                ("090-12 34 56", Ok("+4690123456")),
                ("08-123 45", Err(PhoneTooShort)),
                // Non-geographic: 010, 020, 075, 077.
                ("010-123 45 67", Ok("+46101234567")),
                ("020-12 34 56", Ok("+4620123456")),
                ("075-123 45 67", Ok("+46751234567")),
                // Paging (074), operators' own (078), unused (071).
                ("074-123 45 67", Err(PhoneNoSuchNumber)),
                ("078-123 45 67", Err(PhoneNoSuchNumber)),
                ("071-123 45 67", Err(PhoneNoSuchNumber)),
                ("0701234567 8", Err(PhoneTooLong)),
            ],
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
