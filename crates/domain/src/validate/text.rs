//! Free text as stored: trimmed, with runs of white space (spaces, tabs, line breaks,
//! non-breaking spaces Excel leaves behind) folded into one space.

pub fn normalize_text(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
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
