//! Free text as stored: trimmed, with runs of white space (spaces, tabs, line breaks,
//! non-breaking spaces Excel leaves behind) folded into one space.

pub fn normalize_text(raw: &str) -> String {
    // Most cells are clean already: copy them as they are.
    let clean = !raw.starts_with(char::is_whitespace)
        && !raw.ends_with(char::is_whitespace)
        && !raw.contains(|c: char| c.is_whitespace() && c != ' ')
        && !raw.contains("  ");
    if clean {
        return raw.to_owned();
    }
    let mut out = String::with_capacity(raw.len());
    for word in raw.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_is_folded() {
        assert_eq!(normalize_text("  Åse \u{a0}\t Øvrebø\r\n"), "Åse Øvrebø");
        assert_eq!(normalize_text(""), "");
        assert_eq!(normalize_text(&normalize_text(" a  b ")), "a b");
    }
}
