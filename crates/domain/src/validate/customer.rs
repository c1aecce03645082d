//! What validating a row gives: the customer as it will be stored, or the problems
//! found, each on its field.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::problem::Problem;
use crate::country::Country;

/// A customer as it will be created. Empty values are `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Customer {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// ISO 8601.
    pub birth_date: Option<String>,
    pub address: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub country: Option<Country>,
    /// The unit's code as the project lists it.
    pub unit: Option<String>,
    pub company_name: Option<String>,
    pub business_id: Option<String>,
    /// The company type's key.
    pub company_type: Option<String>,
    pub customer_group: Option<String>,
    /// The account manager's e-mail.
    pub account_manager: Option<String>,
    pub external_id: Option<String>,
    pub notes: Option<String>,
    /// The values of the project's own fields. Held by field key (`custom.areal`), as
    /// rows carry them; written on the wire by the name the portal declared (`areal`),
    /// and read in either form.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        with = "crate::schema::custom_values"
    )]
    pub custom: BTreeMap<String, String>,
}

impl Customer {
    /// The customer as field key → value, as sent for import: every value already
    /// normalised, so the server's own validation of it yields this same customer.
    pub fn to_values(&self) -> BTreeMap<String, String> {
        let fields = [
            ("name", self.name.as_deref()),
            ("email", self.email.as_deref()),
            ("phone", self.phone.as_deref()),
            ("birth_date", self.birth_date.as_deref()),
            ("address", self.address.as_deref()),
            ("postal_code", self.postal_code.as_deref()),
            ("city", self.city.as_deref()),
            ("country", self.country.map(Country::code)),
            ("unit", self.unit.as_deref()),
            ("company_name", self.company_name.as_deref()),
            ("business_id", self.business_id.as_deref()),
            ("company_type", self.company_type.as_deref()),
            ("customer_group", self.customer_group.as_deref()),
            ("account_manager", self.account_manager.as_deref()),
            ("external_id", self.external_id.as_deref()),
            ("notes", self.notes.as_deref()),
        ];
        fields
            .into_iter()
            .filter_map(|(k, v)| Some((k.to_owned(), v?.to_owned())))
            .chain(self.custom.iter().map(|(k, v)| (k.clone(), v.clone())))
            .collect()
    }
}

/// A problem on one field of one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    pub field: String,
    pub problem: Problem,
    /// The value as it was in the file.
    pub value: String,
    /// For duplicates: the row that had the value first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_row: Option<u64>,
}

impl FieldError {
    /// `problem` with `value` in `field`, about no other row.
    pub fn new(field: &str, problem: Problem, value: &str) -> FieldError {
        FieldError {
            field: field.to_owned(),
            problem,
            value: value.to_owned(),
            other_row: None,
        }
    }
}
