//! What can be wrong with a value. Each problem has a stable message key the app
//! translates (with the value, the row and the column around it); the server returns
//! the same keys, so a problem reads the same wherever it was found.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Problem {
    /// A required field is empty.
    Required,
    EmailInvalid,
    /// `ola@example.no.`: the sentence's full stop came along.
    EmailTrailingDot,
    PhoneInvalid,
    PhoneTooShort,
    PhoneTooLong,
    /// The right length, but no number of the country's plan starts like this
    /// (`12345678` in Norway), or a number for machines or paging.
    PhoneNoSuchNumber,
    DateInvalid,
    DateInFuture,
    #[serde(rename = "date_before_1900")]
    DateBefore1900,
    PostalCodeInvalid,
    BusinessIdInvalid,
    BusinessIdCheckDigit,
    CountryUnknown,
    /// A row needs a person's name or a company name.
    NameOrCompanyRequired,
    UnitUnknown,
    CompanyTypeUnknown,
    GroupUnknown,
    AccountManagerUnknown,
    /// The same e-mail or external id on an earlier row of the file.
    DuplicateInFile,
    /// Only the server knows: a customer of the project already has this e-mail.
    EmailTaken,
    /// Only the server knows: a customer of the project already has this external id.
    ExternalIdTaken,
    /// A character nobody sees and no file or database can hold as it is: NUL, other
    /// control characters (tab and line breaks only in notes), U+FFFE/U+FFFF.
    ControlCharacter,
    /// A bidirectional override or isolate (U+202A–U+202E, U+2066–U+2069): the value
    /// would show in another order than it is stored.
    BidiControl,
    /// Longer than the field allows (`storable::max_length`).
    TooLong,
    /// A project's number field holds something else.
    NumberInvalid,
    /// A project's field of choices holds none of them.
    OptionUnknown,
    /// A project's field with a pattern holds a value of another form.
    PatternMismatch,
    /// Updating existing customers only: no customer of the project has this row's
    /// match key (customer number or e-mail).
    CustomerNotFound,
    /// The row's match key names one customer and its other unique value (e-mail or
    /// customer number) another: updating the one would take the other's value.
    MatchesTwoCustomers,
    /// Only the browser: the portal's own check (its row hook, issue 30) found this.
    /// The [`FieldError`](super::FieldError)'s `value` holds the portal's message, in
    /// the user's language. The server never answers it, nor trusts the portal's
    /// silence: it validates every row itself.
    Portal,
}

impl Problem {
    /// The message key, `value.` + the problem in snake case.
    pub fn key(self) -> &'static str {
        match self {
            Problem::Required => "value.required",
            Problem::EmailInvalid => "value.email_invalid",
            Problem::EmailTrailingDot => "value.email_trailing_dot",
            Problem::PhoneInvalid => "value.phone_invalid",
            Problem::PhoneTooShort => "value.phone_too_short",
            Problem::PhoneTooLong => "value.phone_too_long",
            Problem::PhoneNoSuchNumber => "value.phone_no_such_number",
            Problem::DateInvalid => "value.date_invalid",
            Problem::DateInFuture => "value.date_in_future",
            Problem::DateBefore1900 => "value.date_before_1900",
            Problem::PostalCodeInvalid => "value.postal_code_invalid",
            Problem::BusinessIdInvalid => "value.business_id_invalid",
            Problem::BusinessIdCheckDigit => "value.business_id_check_digit",
            Problem::CountryUnknown => "value.country_unknown",
            Problem::NameOrCompanyRequired => "value.name_or_company_required",
            Problem::UnitUnknown => "value.unit_unknown",
            Problem::CompanyTypeUnknown => "value.company_type_unknown",
            Problem::GroupUnknown => "value.group_unknown",
            Problem::AccountManagerUnknown => "value.account_manager_unknown",
            Problem::DuplicateInFile => "value.duplicate_in_file",
            Problem::EmailTaken => "value.email_taken",
            Problem::ExternalIdTaken => "value.external_id_taken",
            Problem::ControlCharacter => "value.control_character",
            Problem::BidiControl => "value.bidi_control",
            Problem::TooLong => "value.too_long",
            Problem::NumberInvalid => "value.number_invalid",
            Problem::OptionUnknown => "value.option_unknown",
            Problem::PatternMismatch => "value.pattern_mismatch",
            Problem::CustomerNotFound => "value.customer_not_found",
            Problem::MatchesTwoCustomers => "value.matches_two_customers",
            Problem::Portal => "value.portal",
        }
    }

    pub const ALL: [Problem; 31] = [
        Problem::Required,
        Problem::EmailInvalid,
        Problem::EmailTrailingDot,
        Problem::PhoneInvalid,
        Problem::PhoneTooShort,
        Problem::PhoneTooLong,
        Problem::PhoneNoSuchNumber,
        Problem::DateInvalid,
        Problem::DateInFuture,
        Problem::DateBefore1900,
        Problem::PostalCodeInvalid,
        Problem::BusinessIdInvalid,
        Problem::BusinessIdCheckDigit,
        Problem::CountryUnknown,
        Problem::NameOrCompanyRequired,
        Problem::UnitUnknown,
        Problem::CompanyTypeUnknown,
        Problem::GroupUnknown,
        Problem::AccountManagerUnknown,
        Problem::DuplicateInFile,
        Problem::EmailTaken,
        Problem::ExternalIdTaken,
        Problem::ControlCharacter,
        Problem::BidiControl,
        Problem::TooLong,
        Problem::NumberInvalid,
        Problem::OptionUnknown,
        Problem::PatternMismatch,
        Problem::CustomerNotFound,
        Problem::MatchesTwoCustomers,
        Problem::Portal,
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_match_the_serde_name() {
        let mut keys: Vec<_> = Problem::ALL.iter().map(|p| p.key()).collect();
        for p in Problem::ALL {
            let json = serde_json::to_string(&p).unwrap();
            assert_eq!(format!("\"{}\"", &p.key()["value.".len()..]), json);
        }
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), Problem::ALL.len());
    }
}
