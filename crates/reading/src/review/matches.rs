//! What the review knows of the customers that rows would update (issue 28): the
//! customer the server answered for a row's key ([`Matched`]), and what the row then
//! does ([`Plan`]): create, update (with its changes old → new) or leave as it is.
//!
//! A leaf, like `keys`: the review keeps a row's match and plan as it checks the row
//! ([`super`]), and the plan is worked out with the domain's diff, the same function
//! the server applies the update with, so the review shows exactly what saving does.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use customer_import_domain::{
    update::{FieldChange, compare},
    validate::Customer,
    wire::{CurrentCustomer, KeyMatch},
};

/// The customer a row's key found, as the lookup answered it; a row with no entry
/// found none (it is new).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Matched {
    /// The customer the row would update, as it was when looked up (or, after a
    /// "changed since you checked", as the server answered it then).
    Existing(CurrentCustomer),
    /// The key names one customer and the row's other unique value another.
    Two([i64; 2]),
}

impl Matched {
    /// The match a lookup answered; `None` for a new customer.
    pub fn of(found: KeyMatch) -> Option<Matched> {
        match found {
            KeyMatch::New => None,
            KeyMatch::Existing { customer } => Some(Matched::Existing(customer)),
            KeyMatch::Two { customer_ids } => Some(Matched::Two(customer_ids)),
        }
    }
}

/// What saving a row does, as the review sees it now.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Plan {
    /// Creates a customer (no customer has its key, or the import does not update).
    #[default]
    New,
    /// Changes at least one value of the customer it matches.
    Update,
    /// The customer it matches has its values already.
    Unchanged,
}

/// What `row` (as it will be stored) changes in `current`, blanking the fields in
/// `blank` that it leaves empty.
pub fn changes_of(
    current: &CurrentCustomer,
    row: &Customer,
    blank: &BTreeSet<String>,
) -> Vec<FieldChange> {
    compare(&current.values, &row.to_values(), blank)
}

/// The plan of a row that matches `current`.
pub fn plan_of(current: &CurrentCustomer, row: &Customer, blank: &BTreeSet<String>) -> Plan {
    if changes_of(current, row, blank).is_empty() {
        Plan::Unchanged
    } else {
        Plan::Update
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn current(pairs: &[(&str, &str)]) -> CurrentCustomer {
        CurrentCustomer {
            id: 7,
            version: 3,
            values: pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        }
    }

    #[test]
    fn a_row_with_the_stored_values_is_unchanged_and_one_with_a_new_value_updates() {
        let stored = current(&[("name", "Ola"), ("phone", "+4791234567")]);
        let same = Customer {
            name: Some("Ola".into()),
            ..Customer::default()
        };
        assert_eq!(plan_of(&stored, &same, &BTreeSet::new()), Plan::Unchanged);
        let moved = Customer {
            name: Some("Ola".into()),
            city: Some("Bergen".into()),
            ..Customer::default()
        };
        assert_eq!(plan_of(&stored, &moved, &BTreeSet::new()), Plan::Update);
        // The phone left empty blanks it only when asked.
        let blank: BTreeSet<String> = ["phone".to_owned()].into();
        assert_eq!(plan_of(&stored, &same, &blank), Plan::Update);
        assert_eq!(
            changes_of(&stored, &same, &blank),
            [FieldChange {
                field: "phone".into(),
                old: Some("+4791234567".into()),
                new: None
            }]
        );
    }

    #[test]
    fn a_lookup_answer_is_a_match_or_nothing() {
        assert_eq!(Matched::of(KeyMatch::New), None);
        assert_eq!(
            Matched::of(KeyMatch::Two {
                customer_ids: [1, 2]
            }),
            Some(Matched::Two([1, 2]))
        );
    }
}
