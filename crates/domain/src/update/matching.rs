//! Which customer a row of the file is about: the one its match key names, unless its
//! other unique value (e-mail or customer number) belongs to a second customer, in
//! which case the row matches two and updates neither (the update would take the
//! second's value, which the project's uniqueness rules forbid).

use super::mode::MatchKey;
use crate::validate::Customer;

/// What a row's key found among the project's customers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// No customer has the row's key (or the row has no key): a new customer.
    New,
    /// The customer with this id.
    Existing(i64),
    /// Two customers: the key's, then the one with the row's other unique value.
    Two(i64, i64),
}

/// The customer `row` is about, `customer(key, value)` giving the id of the project's
/// customer whose `key` is `value` (as [`MatchKey::comparable`] writes it).
pub fn identify(
    key: MatchKey,
    row: &Customer,
    customer: impl Fn(MatchKey, &str) -> Option<i64>,
) -> Found {
    let Some(id) = key.of(row).and_then(|value| customer(key, &value)) else {
        return Found::New;
    };
    let other = key.other();
    match other.of(row).and_then(|value| customer(other, &value)) {
        Some(second) if second != id => Found::Two(id, second),
        _ => Found::Existing(id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Customer 1 is K-1 / ola@example.no, customer 2 is K-2 / kari@example.no.
    fn project(key: MatchKey, value: &str) -> Option<i64> {
        match (key, value) {
            (MatchKey::ExternalId, "K-1") | (MatchKey::Email, "ola@example.no") => Some(1),
            (MatchKey::ExternalId, "K-2") | (MatchKey::Email, "kari@example.no") => Some(2),
            _ => None,
        }
    }

    fn row(number: Option<&str>, email: Option<&str>) -> Customer {
        Customer {
            external_id: number.map(str::to_owned),
            email: email.map(str::to_owned),
            ..Customer::default()
        }
    }

    #[test]
    fn a_row_is_matched_by_its_key_whatever_the_e_mail_s_case() {
        use MatchKey::*;
        assert_eq!(
            identify(ExternalId, &row(Some("K-1"), None), project),
            Found::Existing(1)
        );
        assert_eq!(
            identify(Email, &row(None, Some("OLA@Example.no")), project),
            Found::Existing(1)
        );
        // A new e-mail on a known number: the customer's e-mail changes.
        assert_eq!(
            identify(
                ExternalId,
                &row(Some("K-1"), Some("ny@example.no")),
                project
            ),
            Found::Existing(1)
        );
        assert_eq!(
            identify(ExternalId, &row(Some("K-9"), None), project),
            Found::New
        );
        assert_eq!(
            identify(ExternalId, &row(None, Some("ola@example.no")), project),
            Found::New
        );
    }

    #[test]
    fn a_row_whose_key_and_other_value_name_two_customers_matches_two() {
        use MatchKey::*;
        let both = row(Some("K-1"), Some("kari@example.no"));
        assert_eq!(identify(ExternalId, &both, project), Found::Two(1, 2));
        assert_eq!(identify(Email, &both, project), Found::Two(2, 1));
        // Both values of one customer are one match.
        let same = row(Some("K-2"), Some("Kari@example.no"));
        assert_eq!(identify(ExternalId, &same, project), Found::Existing(2));
    }
}
