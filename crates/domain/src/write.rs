//! Files people open in Excel. Every value written goes through
//! [`neutralize_formula`], so no file the product writes can run a formula.

use std::borrow::Cow;

/// A CSV written the way Nordic Excel reads one without asking: UTF-8 with a byte
/// order mark, `;` between fields (`,` is their decimal mark), CRLF line ends.
#[derive(Debug)]
pub struct ExcelCsv {
    out: String,
}

impl Default for ExcelCsv {
    fn default() -> Self {
        ExcelCsv::new()
    }
}

impl ExcelCsv {
    pub fn new() -> ExcelCsv {
        ExcelCsv {
            out: String::from("\u{feff}"),
        }
    }

    pub fn record<'a>(&mut self, fields: impl IntoIterator<Item = &'a str>) {
        for (i, field) in fields.into_iter().enumerate() {
            if i > 0 {
                self.out.push(';');
            }
            self.field(&neutralize_formula(field));
        }
        self.out.push_str("\r\n");
    }

    fn field(&mut self, field: &str) {
        if field.contains([';', '"', '\r', '\n']) {
            self.out.push('"');
            self.out.push_str(&field.replace('"', "\"\""));
            self.out.push('"');
        } else {
            self.out.push_str(field);
        }
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// A value a spreadsheet would run as a formula (`=HYPERLINK(…)`, `@SUM(…)`,
/// `+cmd|…`) gets a leading apostrophe, so Excel shows it as text. Numbers with a sign
/// and phone numbers such as `+47 912 34 567` cannot call anything and stay as they are.
pub fn neutralize_formula(value: &str) -> Cow<'_, str> {
    let risky = match value.chars().next() {
        Some('=' | '@' | '\t' | '\r') => true,
        Some('+' | '-') => !value
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | ' ' | '(' | ')' | '.' | ',')),
        _ => false,
    };
    if risky {
        Cow::Owned(format!("'{value}"))
    } else {
        Cow::Borrowed(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralized_and_numbers_kept() {
        for risky in [
            "=1+1",
            "@SUM(A1)",
            "+cmd|' /C calc'!A0",
            "-2+3+cmd",
            "\tx",
            "\r=1",
        ] {
            assert!(neutralize_formula(risky).starts_with('\''), "{risky:?}");
        }
        for safe in ["+47 912 34 567", "-12,5", "Ola", "a=b", ""] {
            assert_eq!(neutralize_formula(safe), safe);
        }
    }

    #[test]
    fn csv_is_excel_dialect() {
        let mut csv = ExcelCsv::new();
        csv.record(["Navn", "Notat"]);
        csv.record(["Ola; \"Nordmann\"", "=HYPERLINK(\"x\")"]);
        assert_eq!(
            csv.finish(),
            "\u{feff}Navn;Notat\r\n\"Ola; \"\"Nordmann\"\"\";\"'=HYPERLINK(\"\"x\"\")\"\r\n"
        );
    }
}
