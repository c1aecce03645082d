//! The values of a project's own fields ([`CustomField`]): each type's rule, built once
//! for a file, then applied to a cell as the built-in fields are: the value as stored,
//! or the [`Problem`].

use std::collections::HashMap;

use regex_lite::Regex;

use super::{
    date::{Date, parse_date},
    pattern::{MAX_COMPILED, whole_match_within},
    problem::Problem,
    storable,
    text::{push_text, trim},
};
use crate::{
    cell::{CellKind, RawValue},
    mapping::fold::fold,
    schema::{CustomField, ValueType},
};

/// The most digits a number may have: more is an id, not a number.
const MAX_DIGITS: usize = 30;

/// One custom field's rule, ready for many rows.
#[derive(Debug)]
pub(super) enum Rule {
    Text,
    Number,
    /// Two-digit years up to this date are read in this century.
    Date(Date),
    /// The options by their folded spelling.
    OneOf(HashMap<String, String>),
    Pattern(Regex),
}

impl Rule {
    pub(super) fn new(field: &CustomField, today: Date) -> Rule {
        match &field.value {
            ValueType::Text => Rule::Text,
            ValueType::Number => Rule::Number,
            ValueType::Date => Rule::Date(Date::new(today.year + 50, 12, 31).unwrap_or(today)),
            ValueType::OneOf { options } => {
                Rule::OneOf(options.iter().map(|o| (fold(o), o.clone())).collect())
            }
            // The server refuses a pattern that does not compile, so this one did
            // there; were it not to here, its values are taken as text, not lost. A
            // pattern stored before the bound on its size (issue 25) is still
            // checked: it compiled within [`MAX_COMPILED`] then, and its portal is
            // told at its next provisioning.
            ValueType::Pattern { pattern, .. } => {
                whole_match_within(pattern, MAX_COMPILED).map_or(Rule::Text, Rule::Pattern)
            }
        }
    }

    /// Appends the value of `raw` as stored to `out`.
    pub(super) fn write(&self, raw: RawValue<'_>, out: &mut String) -> Result<(), Problem> {
        if let Some((problem, _)) = storable::hidden_character(raw.text, false) {
            return Err(problem);
        }
        match self {
            Rule::Text => push_text(raw.text, out),
            Rule::Number => number_into(raw.text, raw.kind, out)?,
            Rule::Date(latest) => parse_date(raw.text, raw.kind, *latest)
                .ok_or(Problem::DateInvalid)?
                .push_iso(out),
            Rule::OneOf(options) => {
                let option = options.get(&fold(raw.text)).ok_or(Problem::OptionUnknown)?;
                out.push_str(option);
            }
            Rule::Pattern(regex) => {
                push_text(raw.text, out);
                // A value too long to store is not matched: the bound on its cost
                // holds for values of storable length only.
                if storable::length(out) > storable::LINE_MAX {
                    return Err(Problem::TooLong);
                }
                if !regex.is_match(out) {
                    return Err(Problem::PatternMismatch);
                }
            }
        }
        Ok(())
    }
}

/// A number as stored: `-`, the digits without leading zeros, and a `.` with the
/// decimals when there are any (`1 234,50` → `1234.5`). Files write a comma or a point
/// for decimals and spaces for thousands; a number with both a comma and a point
/// (`1,234.5`, `1.234,5`) is refused, since which one is the decimal mark is a guess.
pub fn number_into(raw: &str, kind: CellKind, out: &mut String) -> Result<(), Problem> {
    let value = trim(raw);
    // A spreadsheet's number cell reads as Rust writes floats (`1e21`, `0.1`).
    if kind == CellKind::Number
        && !value
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
    {
        let number: f64 = value.parse().map_err(|_| Problem::NumberInvalid)?;
        if !number.is_finite() {
            return Err(Problem::NumberInvalid);
        }
        return number_into(&format!("{number}"), CellKind::Text, out);
    }
    let (negative, digits) = match value.strip_prefix(['-', '\u{2212}']) {
        Some(rest) => (true, rest),
        None => (false, value.strip_prefix('+').unwrap_or(value)),
    };
    let mut whole = String::new();
    let mut fraction = String::new();
    let mut mark = None;
    let mut last_was_digit = false;
    for c in digits.chars() {
        match c {
            '0'..='9' => {
                if mark.is_some() {
                    &mut fraction
                } else {
                    &mut whole
                }
                .push(c);
                last_was_digit = true;
                continue;
            }
            // Thousands separators: between digits only.
            ' ' | '\u{a0}' | '\u{202f}' if last_was_digit && mark.is_none() => {}
            ',' | '.' if mark.is_none() => mark = Some(c),
            _ => return Err(Problem::NumberInvalid),
        }
        last_was_digit = false;
    }
    let whole = whole.trim_start_matches('0');
    let fraction = fraction.trim_end_matches('0');
    let ends_in_digit = digits.ends_with(|c: char| c.is_ascii_digit());
    if !ends_in_digit || whole.len() + fraction.len() > MAX_DIGITS {
        return Err(Problem::NumberInvalid);
    }
    if negative && !(whole.is_empty() && fraction.is_empty()) {
        out.push('-');
    }
    out.push_str(if whole.is_empty() { "0" } else { whole });
    if !fraction.is_empty() {
        out.push('.');
        out.push_str(fraction);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(raw: &str) -> Result<String, Problem> {
        let mut out = String::new();
        number_into(raw, CellKind::Text, &mut out).map(|()| out)
    }

    #[test]
    fn numbers_as_nordic_files_write_them() {
        for (raw, stored) in [
            ("12", "12"),
            ("1 234,50", "1234.5"),
            ("1\u{a0}234\u{a0}567", "1234567"),
            ("1\u{202f}000", "1000"),
            ("-3,75", "-3.75"),
            ("\u{2212}3", "-3"),
            ("+4.0", "4"),
            ("0,5", "0.5"),
            (",5", "0.5"),
            ("007", "7"),
            ("-0", "0"),
            ("0", "0"),
            ("  42  ", "42"),
        ] {
            assert_eq!(number(raw).as_deref(), Ok(stored), "{raw:?}");
            // What is stored reads back as itself: the server checks it again.
            assert_eq!(number(stored).as_deref(), Ok(stored), "{stored:?}");
        }
        for raw in [
            "",
            "-",
            "1,234.5",
            "1.234,5",
            "1.234.567",
            "12a",
            "1 2 ,",
            "1,",
            "e5",
            "1e5",
            "--1",
            "١٢",
            "NaN",
            &"9".repeat(31),
        ] {
            assert_eq!(number(raw), Err(Problem::NumberInvalid), "{raw:?}");
        }
    }

    #[test]
    fn number_cells_of_a_workbook() {
        let mut out = String::new();
        number_into("1e21", CellKind::Number, &mut out).unwrap();
        assert_eq!(out, "1000000000000000000000");
        out.clear();
        number_into("0.25", CellKind::Number, &mut out).unwrap();
        assert_eq!(out, "0.25");
    }

    use crate::validate::pattern::whole_match;

    #[test]
    fn a_pattern_is_not_run_on_a_value_too_long_to_store() {
        let rule = Rule::Pattern(whole_match(".*").unwrap());
        let long = "a".repeat(storable::LINE_MAX + 1);
        let raw = RawValue {
            text: &long,
            kind: CellKind::Text,
        };
        assert_eq!(rule.write(raw, &mut String::new()), Err(Problem::TooLong));
    }
}
