//! How wide the customers table makes each column: from what it will hold, so a name
//! or an e-mail is not squeezed while a postal code takes room it never fills, and an
//! error under a value fits in two lines.

/// Widths in `ch` (the width of a digit): a column is as wide as its field's values
/// usually are, or as its heading (the field's name, the file's heading under it) if
/// that is longer, within bounds that keep the table usable.
pub fn width_ch(field: &str, label: &str, heading: &str) -> u16 {
    let words = |text: &str| u16::try_from(text.chars().count()).unwrap_or(u16::MAX);
    let content = usual_width(field);
    // A heading wraps, but no more than into two lines.
    let headings = words(label).max(words(heading)).div_ceil(2) + 2;
    content.max(headings).clamp(MIN_CH, MAX_CH)
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
        assert_eq!(postal, 11);
    }

    #[test]
    fn a_long_heading_widens_its_column_within_bounds() {
        let long = "Kundens fødselsdato slik den står i kontrakten";
        assert!(width_ch("birth_date", "Fødselsdato", long) > width_ch("birth_date", "", ""));
        assert_eq!(width_ch("custom.x", &"x".repeat(500), ""), 40);
        assert_eq!(width_ch("postal_code", "", ""), 11);
    }
}
