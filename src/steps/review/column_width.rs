//! How wide the customers table makes each column: from what it will hold, so a name
//! or an e-mail is not squeezed while a postal code takes room it never fills, and an
//! error under a value fits in two lines.

/// Widths in `ch` (the width of a digit): a column is as wide as its field's values
/// usually are, or as its heading (the field's name, the file's heading under it) if
/// that is longer, within bounds that keep the table usable.
pub fn width_ch(field: &str, label: &str, heading: &str) -> u16 {
    let chars = |text: &str| u16::try_from(text.chars().count()).unwrap_or(u16::MAX);
    // A heading wraps between words, into two lines at most; a word does not wrap
    // ("Postinumero"), and the heading's bold letters are wider than a digit.
    let needs = |text: &str| {
        let word = text.split_whitespace().map(chars).max().unwrap_or(0);
        (word + 4).max(chars(text).div_ceil(2) + 3)
    };
    usual_width(field)
        .max(needs(label))
        .max(needs(heading))
        .clamp(MIN_CH, MAX_CH)
}

const MIN_CH: u16 = 8;
const MAX_CH: u16 = 40;

/// How wide a field's values and the errors under them usually are, in `ch`, with the
/// cell's padding.
fn usual_width(field: &str) -> u16 {
    match field {
        "email" | "notes" | "address" => 30,
        "name" | "company_name" => 26,
        "first_name" | "last_name" | "city" | "account_manager" | "customer_group" => 20,
        "phone" | "business_id" | "company_type" => 18,
        "birth_date" | "external_id" | "unit" | "country" => 15,
        "postal_code" => 11,
        _ => 22,
    }
}

#[cfg(test)]
mod tests {
    use super::width_ch;

    #[test]
    fn names_and_e_mails_are_wider_than_postal_codes() {
        let name = width_ch("name", "Navn", "Navn");
        let email = width_ch("email", "E-post", "E-post");
        let postal = width_ch("postal_code", "Postnummer", "Postnr.");
        assert!(name > postal && email > name, "{name} {email} {postal}");
        assert_eq!(postal, 14, "Postnummer is one word");
        assert_eq!(width_ch("postal_code", "", ""), 11);
    }

    #[test]
    fn a_long_heading_widens_its_column_within_bounds() {
        let long = "Kundens fødselsdato slik den står i kontrakten";
        assert!(width_ch("birth_date", "Fødselsdato", long) > width_ch("birth_date", "", ""));
        assert_eq!(width_ch("custom.x", &"x".repeat(500), ""), 40);
    }
}
