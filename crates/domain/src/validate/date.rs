//! Birth dates: `dd.mm.yyyy`, `d.m.yyyy`, `dd.mm.yy`, `yyyy-mm-dd` (also with `/` or
//! `-` between day, month and year), Excel date cells (read as `dd.mm.yyyy`) and Excel
//! serial numbers from cells formatted as numbers. Stored as ISO 8601 (`1985-07-04`);
//! never in the future, never before 1900.
//!
//! Two-digit years: the latest century that does not put the date in the future
//! (`05.03.24` is 2024 if that has passed, `05.03.85` is 1985).

use serde::{Deserialize, Serialize};

use crate::{
    cell::CellKind,
    validate::{problem::Problem, text::trim},
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// The date `days` after 1970-01-01.
    pub fn from_days_since_1970(days: i64) -> Date {
        civil_from_days(days)
    }

    /// `yyyy-mm-dd`.
    pub fn iso(&self) -> String {
        let mut out = String::with_capacity(10);
        self.push_iso(&mut out);
        out
    }

    /// Appends `yyyy-mm-dd` to `out`. Called for every birth date of a file: written
    /// by hand, not by `format!`.
    pub fn push_iso(&self, out: &mut String) {
        let year = self.year.clamp(0, 9999) as u32;
        let digit = |n: u32| b'0' + (n % 10) as u8;
        let (month, day) = (self.month, self.day);
        let iso = [
            digit(year / 1000),
            digit(year / 100),
            digit(year / 10),
            digit(year),
            b'-',
            b'0' + month / 10,
            b'0' + month % 10,
            b'-',
            b'0' + day / 10,
            b'0' + day % 10,
        ];
        out.reserve(iso.len());
        for b in iso {
            out.push(char::from(b));
        }
    }

    /// The date of an Excel serial number in the 1900 system (serial 61 = 1 March
    /// 1900; serials up to 60 count Excel's fictitious 29 February 1900).
    pub fn from_excel_serial(serial: i64) -> Option<Date> {
        if !(1..=2_958_465).contains(&serial) || serial == 60 {
            return None;
        }
        let days_since_1899_12_31 = if serial < 60 { serial } else { serial - 1 };
        Some(civil_from_days(
            days_from_civil(1899, 12, 31) + days_since_1899_12_31,
        ))
    }
}

fn is_leap(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 (the civil-calendar algorithm of H. Hinnant).
fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    Date { year, month, day }
}

/// Parses a birth date written in a cell of `kind`, checked against `today`.
pub fn normalize_birth_date(raw: &str, kind: CellKind, today: Date) -> Result<Date, Problem> {
    let date = parse_date(raw, kind, today).ok_or(Problem::DateInvalid)?;
    if date > today {
        return Err(Problem::DateInFuture);
    }
    if date.year < 1900 {
        return Err(Problem::DateBefore1900);
    }
    Ok(date)
}

/// Parses a date written in a cell of `kind`: `dd.mm.yyyy` and its variants, ISO, or a
/// workbook's serial number. A two-digit year is in this century unless that would
/// make the date later than `latest`.
pub fn parse_date(raw: &str, kind: CellKind, latest: Date) -> Option<Date> {
    // Most cells hold the date alone, nothing to trim and no time after it.
    let value = if raw.bytes().all(|b| b.is_ascii_graphic()) {
        raw
    } else {
        // A date cell may carry a time ("04.07.1985 00:00"): the date is what counts.
        trim(raw).split_whitespace().next().unwrap_or("")
    };
    if kind == CellKind::Number {
        value.parse::<i64>().ok().and_then(Date::from_excel_serial)
    } else {
        parse_text(value, latest)
    }
}

fn parse_text(value: &str, latest: Date) -> Option<Date> {
    match by_position(value) {
        Some(date) => date,
        None => written_any_way(value, latest),
    }
}

/// `dd.mm.yyyy` (or with `/` or `-`), as most files write dates, read by position: what
/// [`written_any_way`] makes of it. `None` for a value written otherwise.
fn by_position(value: &str) -> Option<Option<Date>> {
    let &[d1, d2, s1, m1, m2, s2, y1, y2, y3, y4] = value.as_bytes() else {
        return None;
    };
    let fits = [s1, s2].iter().all(|s| matches!(s, b'.' | b'/' | b'-'))
        && [d1, d2, m1, m2, y1, y2, y3, y4]
            .iter()
            .all(u8::is_ascii_digit);
    let n = |digits: &[u8]| digits.iter().fold(0, |n, d| n * 10 + d - b'0');
    fits.then(|| {
        let year = i32::from(n(&[y1, y2])) * 100 + i32::from(n(&[y3, y4]));
        Date::new(year, n(&[m1, m2]), n(&[d1, d2]))
    })
}

/// [`parse_text`] for a date written any way.
fn written_any_way(value: &str, latest: Date) -> Option<Date> {
    let [a, b, c] = three_parts(value)?;
    if ![a, b, c]
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|d| d.is_ascii_digit()))
    {
        return None;
    }
    // Digits only, so this is `str::parse` without its sign and radix handling.
    let number = |s: &str| {
        s.bytes().try_fold(0_i32, |n, d| {
            n.checked_mul(10)?.checked_add(i32::from(d - b'0'))
        })
    };
    if a.len() == 4 {
        // yyyy-mm-dd
        return Date::new(
            number(a)?,
            u8::try_from(number(b)?).ok()?,
            u8::try_from(number(c)?).ok()?,
        );
    }
    if a.len() > 2 || b.len() > 2 {
        return None;
    }
    let (day, month) = (
        u8::try_from(number(a)?).ok()?,
        u8::try_from(number(b)?).ok()?,
    );
    match c.len() {
        4 => Date::new(number(c)?, month, day),
        2 => {
            let yy = number(c)?;
            let recent = Date::new(2000 + yy, month, day)?;
            if recent <= latest {
                Some(recent)
            } else {
                Date::new(1900 + yy, month, day)
            }
        }
        _ => None,
    }
}

/// The three parts of `value` between `.`, `/` or `-`; `None` unless there are three.
/// Split by bytes: the separators are ASCII, so no character is cut.
fn three_parts(value: &str) -> Option<[&str; 3]> {
    let mut cuts = [0; 2];
    let mut found = 0;
    for (i, b) in value.bytes().enumerate() {
        if matches!(b, b'.' | b'/' | b'-') {
            *cuts.get_mut(found)? = i;
            found += 1;
        }
    }
    let [first, second] = cuts;
    (found == 2).then(|| {
        [
            &value[..first],
            &value[first + 1..second],
            &value[second + 1..],
        ]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Read by position, a date is what the general way makes of it.
        #[test]
        fn a_date_read_by_position_is_read_as_any_other(
            value in "[0-9]{2}[./ -][0-9]{2}[./-][0-9]{4}|[0-9./ -]{10}"
        ) {
            let latest = TODAY;
            if let Some(date) = by_position(&value) {
                proptest::prop_assert_eq!(date, written_any_way(&value, latest));
            }
        }
    }

    const TODAY: Date = Date {
        year: 2026,
        month: 11,
        day: 21,
    };

    fn iso(raw: &str) -> Result<String, Problem> {
        normalize_birth_date(raw, CellKind::Text, TODAY).map(|d| d.iso())
    }

    #[test]
    fn every_written_format() {
        for (raw, expected) in [
            ("04.07.1985", "1985-07-04"),
            ("4.7.1985", "1985-07-04"),
            ("04/07/1985", "1985-07-04"),
            ("04-07-1985", "1985-07-04"),
            ("1985-07-04", "1985-07-04"),
            (" 04.07.1985 00:00 ", "1985-07-04"),
            ("04.07.85", "1985-07-04"),
            ("29.02.2000", "2000-02-29"),
            ("05.03.24", "2024-03-05"),
            ("21.11.26", "2026-11-21"),
            ("22.11.26", "1926-11-22"),
            ("01.01.1900", "1900-01-01"),
        ] {
            assert_eq!(iso(raw).as_deref(), Ok(expected), "{raw}");
            assert_eq!(
                iso(expected).as_deref(),
                Ok(expected),
                "idempotent: {expected}"
            );
        }
    }

    #[test]
    fn excel_serial_numbers_in_number_cells() {
        let serial = |s: &str| normalize_birth_date(s, CellKind::Number, TODAY).map(|d| d.iso());
        assert_eq!(serial("31232").as_deref(), Ok("1985-07-04"));
        assert_eq!(serial("1").as_deref(), Ok("1900-01-01"));
        assert_eq!(serial("59").as_deref(), Ok("1900-02-28"));
        assert_eq!(serial("61").as_deref(), Ok("1900-03-01"));
        assert_eq!(
            serial("60"),
            Err(Problem::DateInvalid),
            "Excel's 29.02.1900 never existed"
        );
        assert_eq!(serial("45366").as_deref(), Ok("2024-03-15"));
        assert_eq!(serial("31232.5"), Err(Problem::DateInvalid));
        // The same digits as text are not a date.
        assert_eq!(iso("31232"), Err(Problem::DateInvalid));
    }

    #[test]
    fn every_problem() {
        assert_eq!(iso("22.11.2026"), Err(Problem::DateInFuture));
        assert_eq!(iso("31.12.1899"), Err(Problem::DateBefore1900));
        for raw in [
            "",
            "31.02.1985",
            "29.02.1985",
            "1985",
            "04.07",
            "4.7.198",
            "yesterday",
            "04.07.1985.1",
            "13.13.1985",
            "0.1.1985",
        ] {
            assert_eq!(iso(raw), Err(Problem::DateInvalid), "{raw}");
        }
    }

    #[test]
    fn civil_day_counts_round_trip() {
        for days in (-30_000..80_000).step_by(97) {
            let d = civil_from_days(days);
            assert_eq!(days_from_civil(d.year, d.month, d.day), days);
            assert!(Date::new(d.year, d.month, d.day).is_some());
        }
    }
}
