//! A workbook cell as the text a user sees in Excel: numbers without a spurious `.0`
//! or an exponent (phone numbers and postal codes stored as numbers keep every digit),
//! dates as `dd.mm.yyyy`, errors as `#N/A`.

use calamine::{CellErrorType, Data, DataRef, ExcelDateTime};

use customer_import_domain::cell::CellKind;

/// What calamine gives, borrowed, whichever reader it came from.
pub enum Value<'a> {
    Empty,
    Text(&'a str),
    Int(i64),
    Float(f64),
    Bool(bool),
    Date(ExcelDateTime),
    DateIso(&'a str),
    DurationIso(&'a str),
    Error(&'a CellErrorType),
}

impl<'a> From<&'a Data> for Value<'a> {
    fn from(d: &'a Data) -> Value<'a> {
        match d {
            Data::Empty => Value::Empty,
            Data::String(s) => Value::Text(s),
            Data::Int(i) => Value::Int(*i),
            Data::Float(f) => Value::Float(*f),
            Data::Bool(b) => Value::Bool(*b),
            Data::DateTime(dt) => Value::Date(*dt),
            Data::DateTimeIso(s) => Value::DateIso(s),
            Data::DurationIso(s) => Value::DurationIso(s),
            Data::Error(e) => Value::Error(e),
        }
    }
}

impl<'a> From<&'a DataRef<'a>> for Value<'a> {
    fn from(d: &'a DataRef<'a>) -> Value<'a> {
        match d {
            DataRef::Empty => Value::Empty,
            DataRef::String(s) => Value::Text(s),
            DataRef::SharedString(s) => Value::Text(s),
            DataRef::Int(i) => Value::Int(*i),
            DataRef::Float(f) => Value::Float(*f),
            DataRef::Bool(b) => Value::Bool(*b),
            DataRef::DateTime(dt) => Value::Date(*dt),
            DataRef::DateTimeIso(s) => Value::DateIso(s),
            DataRef::DurationIso(s) => Value::DurationIso(s),
            DataRef::Error(e) => Value::Error(e),
        }
    }
}

/// Writes the display text of `value` into `out` and returns its kind.
pub fn write_text(value: &Value<'_>, out: &mut String) -> CellKind {
    use std::fmt::Write;
    match value {
        Value::Empty => CellKind::Empty,
        Value::Text(s) => {
            out.push_str(s);
            CellKind::Text
        }
        Value::Int(i) => {
            let _ = write!(out, "{i}");
            CellKind::Number
        }
        Value::Float(f) => {
            write_number(*f, out);
            CellKind::Number
        }
        Value::Bool(b) => {
            out.push_str(if *b { "TRUE" } else { "FALSE" });
            CellKind::Bool
        }
        Value::Date(dt) if dt.is_datetime() => {
            write_datetime(dt, out);
            CellKind::Date
        }
        Value::Date(dt) => {
            write_number(dt.as_f64(), out);
            CellKind::Number
        }
        Value::DateIso(s) => match iso_to_display(s) {
            Some(text) => {
                out.push_str(&text);
                CellKind::Date
            }
            None => {
                out.push_str(s);
                CellKind::Text
            }
        },
        Value::DurationIso(s) => {
            out.push_str(s);
            CellKind::Text
        }
        Value::Error(e) => {
            let _ = write!(out, "{e}");
            CellKind::Error
        }
    }
}

/// Excel shows at most 15 significant digits; beyond that a double holds only noise
/// (`0.1 + 0.2`). Rust's `Display` for `f64` never uses an exponent.
pub fn write_number(f: f64, out: &mut String) {
    use std::fmt::Write;
    if !f.is_finite() {
        out.push_str("#NUM!");
        return;
    }
    if f.fract() == 0.0 && f.abs() < 1e15 {
        let _ = write!(out, "{}", f as i64);
        return;
    }
    let rounded: f64 = format!("{f:.14e}").parse().unwrap_or(f);
    let _ = write!(out, "{rounded}");
}

fn write_datetime(dt: &ExcelDateTime, out: &mut String) {
    use std::fmt::Write;
    let (year, month, day, hour, minute, second, _) = dt.to_ymd_hms_milli();
    let has_time = hour != 0 || minute != 0 || second != 0;
    if dt.as_f64() < 1.0 && has_time {
        // A time of day without a date.
        let _ = write!(out, "{hour:02}:{minute:02}");
    } else {
        let _ = write!(out, "{day:02}.{month:02}.{year:04}");
        if has_time {
            let _ = write!(out, " {hour:02}:{minute:02}");
        }
    }
    if second != 0 {
        let _ = write!(out, ":{second:02}");
    }
}

/// `2024-03-05` → `05.03.2024`; `2024-03-05T14:30:00` → `05.03.2024 14:30`.
fn iso_to_display(s: &str) -> Option<String> {
    let (date, time) = s.split_once('T').unwrap_or((s, ""));
    let mut parts = date.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    if ![y, m, d]
        .iter()
        .all(|p| p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    // Seconds are dropped: customer data has no use for them.
    let hm = time.get(..5).filter(|hm| *hm != "00:00");
    Some(match hm {
        Some(hm) => format!("{d}.{m}.{y} {hm}"),
        None => format!("{d}.{m}.{y}"),
    })
}

#[cfg(test)]
mod tests {
    use calamine::ExcelDateTimeType;

    use super::*;

    fn text(value: Value<'_>) -> (String, CellKind) {
        let mut out = String::new();
        let kind = write_text(&value, &mut out);
        (out, kind)
    }

    fn number(f: f64) -> String {
        let mut out = String::new();
        write_number(f, &mut out);
        out
    }

    #[test]
    fn numbers_keep_every_digit_without_noise() {
        assert_eq!(number(4791234567.0), "4791234567");
        assert_eq!(number(358401234567.0), "358401234567");
        assert_eq!(number(150.0), "150");
        assert_eq!(number(-3.0), "-3");
        assert_eq!(number(0.1 + 0.2), "0.3");
        assert_eq!(number(1234.5), "1234.5");
        assert_eq!(number(1e20), "100000000000000000000");
        assert_eq!(number(0.000001), "0.000001");
        assert_eq!(number(f64::NAN), "#NUM!");
    }

    #[test]
    fn dates_in_both_systems_and_the_1900_leap_bug() {
        let date = |serial: f64, is_1904: bool| {
            text(Value::Date(ExcelDateTime::new(
                serial,
                ExcelDateTimeType::DateTime,
                is_1904,
            )))
        };
        assert_eq!(
            date(45366.0, false),
            ("15.03.2024".to_owned(), CellKind::Date)
        );
        assert_eq!(
            date(43904.0, true),
            ("15.03.2024".to_owned(), CellKind::Date)
        );
        // Serial 60 is Excel's fictitious 29.02.1900; 61 is 1 March 1900.
        assert_eq!(date(59.0, false).0, "28.02.1900");
        assert_eq!(date(61.0, false).0, "01.03.1900");
        assert_eq!(date(45366.5, false).0, "15.03.2024 12:00");
        assert_eq!(date(0.75, false).0, "18:00");
    }

    #[test]
    fn other_kinds() {
        assert_eq!(text(Value::Bool(true)), ("TRUE".to_owned(), CellKind::Bool));
        assert_eq!(
            text(Value::Error(&CellErrorType::NA)),
            ("#N/A".to_owned(), CellKind::Error)
        );
        assert_eq!(
            text(Value::Int(4712345678)),
            ("4712345678".to_owned(), CellKind::Number)
        );
        assert_eq!(
            text(Value::DateIso("1985-07-04")),
            ("04.07.1985".to_owned(), CellKind::Date)
        );
        assert_eq!(text(Value::DateIso("1985-07-04T00:00:00")).0, "04.07.1985");
        assert_eq!(
            text(Value::DateIso("1985-07-04T09:15:00")).0,
            "04.07.1985 09:15"
        );
        assert_eq!(
            text(Value::DateIso("not a date")),
            ("not a date".to_owned(), CellKind::Text)
        );
        assert_eq!(text(Value::Empty), (String::new(), CellKind::Empty));
    }
}
