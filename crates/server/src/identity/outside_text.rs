//! One rule for text that reaches the database from outside an import's rows: a
//! portal's token claims and provisioning calls, the command line, a shared mapping's
//! values, a file's name. Imported values have the domain's checks; these texts name
//! people, projects and files that colleagues see, so they are held to one line that
//! reads as what it is: trimmed; no control, bidirectional-override or invisible
//! formatting character (a zero-width space or soft hyphen makes two texts that read
//! the same differ, U+202E makes `kunder{U+202E}gpj.exe` read as `kunderexe.jpg`); no space
//! but the plain one; no longer than the field stores. An e-mail address must be one
//! by the import's rule (`validate::email`), nothing around it, and is stored as that
//! rule writes it.
//!
//! The invisible characters are listed here rather than taken from a Unicode crate:
//! the list is short, stable (default-ignorable code points that are no letters), and
//! the server links no Unicode property tables otherwise.

use customer_import_domain::validate::{email::normalize_email, storable};

/// Why a text was refused; [`Refusal::reason`] is the phrase an answer names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.reason())]
pub enum Refusal {
    Empty,
    Hidden,
    TooLong,
    NotAnEmail,
}

impl Refusal {
    pub fn reason(self) -> &'static str {
        match self {
            Refusal::Empty => "empty",
            Refusal::Hidden => "holds a control, bidirectional-override or invisible character",
            Refusal::TooLong => "too long",
            Refusal::NotAnEmail => "not an e-mail address",
        }
    }
}

impl From<Refusal> for crate::error::Reason {
    fn from(refusal: Refusal) -> Self {
        use crate::error::Reason;
        match refusal {
            Refusal::Empty => Reason::Empty,
            Refusal::Hidden => Reason::Hidden,
            Refusal::TooLong => Reason::TooLong,
            Refusal::NotAnEmail => Reason::NotAnEmail,
        }
    }
}

/// `value` trimmed, when it may be stored as one line of the field whose length rule
/// `rule` names (`storable::max_length`).
pub fn line<'a>(value: &'a str, rule: &str) -> Result<&'a str, Refusal> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Refusal::Empty);
    }
    if has_hidden(value) {
        return Err(Refusal::Hidden);
    }
    storable::check_length(value, rule).map_err(|_| Refusal::TooLong)?;
    Ok(value)
}

/// `value` as the e-mail address it must be, in the form the import stores (domain
/// lower-cased).
pub fn email(value: &str) -> Result<String, Refusal> {
    let value = line(value, "email")?;
    if value.contains(' ') {
        return Err(Refusal::NotAnEmail);
    }
    let stored = normalize_email(value).map_err(|_| Refusal::NotAnEmail)?;
    // The import's rule also reads `mailto:a@b.no` and `Kari <a@b.no>`; from outside,
    // only the address itself is one.
    if stored.to_lowercase() != value.to_lowercase() {
        return Err(Refusal::NotAnEmail);
    }
    Ok(stored)
}

/// Whether `value` holds a character [`line`] refuses.
pub fn has_hidden(value: &str) -> bool {
    value.chars().any(is_hidden)
}

/// `value` without the characters [`line`] refuses (every white space becomes a
/// plain space), for names that are kept rather than refused: a file is called what
/// its owner called it, minus what would disguise it.
pub fn cleaned(value: &str) -> String {
    let kept: String = value
        .chars()
        .filter_map(|c| match c {
            c if c.is_whitespace() => Some(' '),
            c if is_hidden(c) => None,
            c => Some(c),
        })
        .collect();
    kept.trim().to_owned()
}

/// Whether `c` may not appear in one line of text from outside: a control (tabs and
/// line breaks included), a white space other than U+0020, a bidirectional control, or
/// a default-ignorable formatting character.
fn is_hidden(c: char) -> bool {
    (c.is_whitespace() && c != ' ')
        || c.is_control()
        || matches!(
            c,
            '\u{00ad}'
                | '\u{034f}'
                | '\u{061c}'
                | '\u{115f}'
                | '\u{1160}'
                | '\u{17b4}'
                | '\u{17b5}'
                | '\u{180b}'..='\u{180f}'
                | '\u{200b}'..='\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2060}'..='\u{206f}'
                | '\u{3164}'
                | '\u{fe00}'..='\u{fe0f}'
                | '\u{feff}'
                | '\u{ffa0}'
                | '\u{fff0}'..='\u{fffb}'
                | '\u{fffe}'
                | '\u{ffff}'
                | '\u{e0000}'..='\u{e0fff}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_email_from_outside_is_an_address_and_nothing_else() {
        assert_eq!(
            email("  Kari.Nordmann@Example.NO "),
            Ok("Kari.Nordmann@example.no".to_owned())
        );
        assert_eq!(email("kari@ærlig.no"), Ok("kari@ærlig.no".to_owned()));
        for (given, refusal) in [
            ("", Refusal::Empty),
            ("   ", Refusal::Empty),
            ("kari@exam\u{ad}ple.no", Refusal::Hidden),
            ("kari\u{200b}@example.no", Refusal::Hidden),
            ("kari@example.no\nBcc: x@y.no", Refusal::Hidden),
            ("kari@example.no\u{202e}", Refusal::Hidden),
            ("kari\u{a0}@example.no", Refusal::Hidden),
            ("definitely not an e-mail", Refusal::NotAnEmail),
            ("two@@example.no", Refusal::NotAnEmail),
            ("not-an-email", Refusal::NotAnEmail),
            ("mailto:kari@example.no", Refusal::NotAnEmail),
            ("Kari <kari@example.no>", Refusal::NotAnEmail),
            ("kari@localhost", Refusal::NotAnEmail),
        ] {
            assert_eq!(email(given), Err(refusal), "{given:?}");
        }
        // NBSP is white space: trimmed at the ends, refused inside (above).
        assert_eq!(
            email("\u{a0}kari@example.no"),
            Ok("kari@example.no".to_owned())
        );
    }

    #[test]
    fn a_line_is_trimmed_visible_and_short_enough() {
        assert_eq!(line("  Fjordparken  ", "name"), Ok("Fjordparken"));
        assert_eq!(line("Åse Ørnulf-Ähtäri", "name"), Ok("Åse Ørnulf-Ähtäri"));
        for hidden in [
            "Fjord\u{202e}parken",
            "Fjord\u{7}parken",
            "Fjord\tparken",
            "Fjord\u{2009}parken",
            "Fjord\u{2060}parken",
            "Fjord\u{feff}parken",
            "Fjord\u{e0041}parken",
        ] {
            assert_eq!(line(hidden, "name"), Err(Refusal::Hidden), "{hidden:?}");
        }
        assert_eq!(line(&"x".repeat(300), "name"), Err(Refusal::TooLong));
    }

    #[test]
    fn a_kept_name_loses_what_would_disguise_it() {
        assert_eq!(cleaned("kunder\u{202e}gpj.exe"), "kundergpj.exe");
        assert_eq!(
            cleaned(" kunder\u{200b} 2026\t.csv\u{7} "),
            "kunder 2026 .csv"
        );
    }
}
