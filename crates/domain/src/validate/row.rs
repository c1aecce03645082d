//! One mapped row → a [`Customer`] with every value as it will be stored, or every
//! problem found, each on its field. The browser runs this on every row as the user
//! works; the server runs it again on every received row and then adds what only it
//! knows (e-mails already in the project, …). Lists of units, company types, groups
//! and account managers come from the caller: the server's schema.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::{
    Date, Problem, business_id::business_id_into, duplicates::Words, email::email_into,
    normalize_birth_date, normalize_text, phone::phone_into, postal_code::postal_code_into,
    text::push_text,
};
use crate::{
    country::Country,
    mapping::fold::fold_chars,
    read::CellKind,
    schema::{self, Field},
};

/// A company type: its key and the names people write for it (nb, fi, en, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompanyType {
    pub key: String,
    pub names: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountManager {
    pub email: String,
    pub name: String,
}

/// What values are checked against. `None` lists are not checked (left to the server).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lists {
    pub units: Option<Vec<String>>,
    pub company_types: Option<Vec<CompanyType>>,
    pub groups: Option<Vec<String>>,
    /// Unknown groups are created by the import instead of refused.
    pub create_missing_groups: bool,
    pub account_managers: Option<Vec<AccountManager>>,
}

#[derive(Clone, Copy)]
pub struct RowContext<'a> {
    pub fields: &'a [Field],
    /// The project's country: default for phones and postal codes.
    pub country: Country,
    pub today: Date,
    pub lists: &'a Lists,
}

/// A value of the row before normalisation, and the kind of cell it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawValue<'a> {
    pub text: &'a str,
    pub kind: CellKind,
}

/// A customer as it will be created. Empty values are `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
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
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
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
    pub(crate) fn new(field: &str, problem: Problem, value: &str) -> FieldError {
        FieldError {
            field: field.to_owned(),
            problem,
            value: value.to_owned(),
            other_row: None,
        }
    }
}

/// Validates one row whose raw values `value(field key)` gives. For many rows, a
/// [`RowValidator`] and one reused [`Checked`] do the same without allocating.
pub fn validate_row<'a>(
    value: impl Fn(&str) -> Option<RawValue<'a>>,
    ctx: &RowContext<'_>,
) -> Result<Customer, Vec<FieldError>> {
    RowValidator::new(*ctx).customer(|i| value(&ctx.fields[i].key))
}

/// The built-in fields the validator reads, by their place in [`schema::BUILTIN`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum F {
    Name,
    FirstName,
    LastName,
    Email,
    Phone,
    BirthDate,
    Address,
    PostalCode,
    City,
    Country,
    Unit,
    CompanyName,
    BusinessId,
    CompanyType,
    CustomerGroup,
    AccountManager,
    ExternalId,
    Notes,
}

impl F {
    fn key(self) -> &'static str {
        schema::BUILTIN[self as usize].0
    }
}

const FIELDS: usize = schema::BUILTIN.len();

/// Validates rows against one context. Each built-in field's place among the
/// context's fields is found once, so a row's values are asked for by position; the
/// units and groups are indexed by name once, so a row's unit is found among
/// hundreds at once.
pub struct RowValidator<'c> {
    ctx: RowContext<'c>,
    at: [Option<usize>; FIELDS],
    units: Exact<'c>,
    groups: Exact<'c>,
}

/// A list's items by their exact names: files mostly write them as the list does.
type Exact<'c> = HashMap<&'c str, &'c str, Words>;

fn exact(list: Option<&[String]>) -> Exact<'_> {
    list.into_iter()
        .flatten()
        .map(|item| (item.as_str(), item.as_str()))
        .collect()
}

/// One row's values as they will be stored and its problems, in buffers that are
/// cleared and reused for the next row: checking a file allocates only for problems.
#[derive(Debug, Default)]
pub struct Checked {
    values: [String; FIELDS],
    present: u32,
    country: Option<Country>,
    /// (index among the context's fields, value) of custom fields.
    custom: Vec<(usize, String)>,
    errors: Vec<FieldError>,
}

impl Checked {
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }

    pub fn errors(&self) -> &[FieldError] {
        &self.errors
    }

    pub fn take_errors(&mut self) -> Vec<FieldError> {
        std::mem::take(&mut self.errors)
    }

    /// The e-mail as stored, for finding duplicates.
    pub fn email(&self) -> Option<&str> {
        self.get(F::Email)
    }

    pub fn external_id(&self) -> Option<&str> {
        self.get(F::ExternalId)
    }

    fn get(&self, f: F) -> Option<&str> {
        (self.present & 1 << f as u32 != 0).then(|| self.values[f as usize].as_str())
    }

    fn clear(&mut self) {
        self.present = 0;
        self.country = None;
        self.custom.clear();
        self.errors.clear();
    }

    /// Writes the value of `f` with `write`, or records its problem.
    fn set<'a>(
        &mut self,
        f: F,
        raw: Option<RawValue<'a>>,
        write: impl FnOnce(RawValue<'a>, &mut String) -> Result<(), Problem>,
    ) {
        let Some(raw) = raw else { return };
        let slot = &mut self.values[f as usize];
        slot.clear();
        match write(raw, slot) {
            Ok(()) if slot.is_empty() => {}
            Ok(()) => self.present |= 1 << f as u32,
            Err(problem) => self
                .errors
                .push(FieldError::new(f.key(), problem, raw.text)),
        }
    }

    fn owned(&self, f: F) -> Option<String> {
        self.get(f).map(str::to_owned)
    }
}

impl<'c> RowValidator<'c> {
    pub fn new(ctx: RowContext<'c>) -> RowValidator<'c> {
        let mut at = [None; FIELDS];
        for (i, field) in ctx.fields.iter().enumerate() {
            if let Some(k) = schema::BUILTIN.iter().position(|(k, _)| *k == field.key) {
                at[k] = Some(i);
            }
        }
        RowValidator {
            ctx,
            at,
            units: exact(ctx.lists.units.as_deref()),
            groups: exact(ctx.lists.groups.as_deref()),
        }
    }

    /// The customer of the row whose raw values `value(i)` gives, `i` being the
    /// field's index in the context's fields; or every problem of the row.
    pub fn customer<'a>(
        &self,
        value: impl Fn(usize) -> Option<RawValue<'a>>,
    ) -> Result<Customer, Vec<FieldError>> {
        let mut out = Checked::default();
        if self.check(value, &mut out) {
            Ok(self.to_customer(&out))
        } else {
            Err(out.errors)
        }
    }

    /// Checks a row into `out`; true if it has no problem.
    pub fn check<'a>(
        &self,
        value: impl Fn(usize) -> Option<RawValue<'a>>,
        out: &mut Checked,
    ) -> bool {
        out.clear();
        let present = |f: F| {
            self.at[f as usize]
                .and_then(&value)
                .filter(|v| !v.text.trim().is_empty())
        };
        let text = |v: RawValue<'_>, o: &mut String| {
            push_text(v.text, o);
            Ok(())
        };
        let ctx = &self.ctx;
        let lists = ctx.lists;

        if let Some(raw) = present(F::Country) {
            match parse_country(raw.text) {
                Ok(c) => out.country = Some(c),
                Err(p) => out.errors.push(FieldError::new("country", p, raw.text)),
            }
        }
        let home = out.country.unwrap_or(ctx.country);
        match present(F::Name) {
            Some(name) => out.set(F::Name, Some(name), text),
            None => {
                // First and last name columns make the name.
                let parts = [present(F::FirstName), present(F::LastName)];
                let slot = &mut out.values[F::Name as usize];
                slot.clear();
                for part in parts.into_iter().flatten() {
                    push_text(part.text, slot);
                }
                if !slot.is_empty() {
                    out.present |= 1 << F::Name as u32;
                }
            }
        }
        out.set(F::Email, present(F::Email), |v, o| email_into(v.text, o));
        out.set(F::Phone, present(F::Phone), |v, o| {
            phone_into(v.text, ctx.country, o)
        });
        out.set(F::BirthDate, present(F::BirthDate), |v, o| {
            normalize_birth_date(v.text, v.kind, ctx.today).map(|d| d.push_iso(o))
        });
        out.set(F::Address, present(F::Address), text);
        out.set(F::PostalCode, present(F::PostalCode), |v, o| {
            postal_code_into(v.text, home, o)
        });
        out.set(F::City, present(F::City), text);
        out.set(F::Unit, present(F::Unit), |v, o| match &lists.units {
            Some(units) => {
                let unit = find(&self.units, units, v.text).ok_or(Problem::UnitUnknown)?;
                o.push_str(unit);
                Ok(())
            }
            None => text(v, o),
        });
        out.set(F::CompanyName, present(F::CompanyName), text);
        out.set(F::BusinessId, present(F::BusinessId), |v, o| {
            business_id_into(v.text, o).map(|_| ())
        });
        out.set(
            F::CompanyType,
            present(F::CompanyType),
            |v, o| match &lists.company_types {
                Some(types) => {
                    let found = types
                        .iter()
                        .find(|t| same(&t.key, v.text) || t.names.iter().any(|n| same(n, v.text)))
                        .ok_or(Problem::CompanyTypeUnknown)?;
                    o.push_str(&found.key);
                    Ok(())
                }
                None => text(v, o),
            },
        );
        out.set(
            F::CustomerGroup,
            present(F::CustomerGroup),
            |v, o| match &lists.groups {
                Some(groups) => match find(&self.groups, groups, v.text) {
                    Some(g) => {
                        o.push_str(g);
                        Ok(())
                    }
                    None if lists.create_missing_groups => text(v, o),
                    None => Err(Problem::GroupUnknown),
                },
                None => text(v, o),
            },
        );
        out.set(
            F::AccountManager,
            present(F::AccountManager),
            |v, o| match &lists.account_managers {
                Some(managers) => {
                    let found = managers
                        .iter()
                        .find(|m| {
                            m.email.eq_ignore_ascii_case(v.text.trim()) || same(&m.name, v.text)
                        })
                        .ok_or(Problem::AccountManagerUnknown)?;
                    o.push_str(&found.email);
                    Ok(())
                }
                None => text(v, o),
            },
        );
        out.set(F::ExternalId, present(F::ExternalId), text);
        out.set(F::Notes, present(F::Notes), |v, o| {
            o.push_str(v.text.trim());
            Ok(())
        });

        for (i, field) in ctx.fields.iter().enumerate() {
            if field.is_custom()
                && let Some(raw) = value(i).filter(|v| !v.text.trim().is_empty())
            {
                out.custom.push((i, normalize_text(raw.text)));
            }
            if field.required
                && value(i).is_none_or(|v| v.text.trim().is_empty())
                && !out.errors.iter().any(|e| e.field == field.key)
            {
                out.errors
                    .push(FieldError::new(&field.key, Problem::Required, ""));
            }
        }
        if out.get(F::Name).is_none() && out.get(F::CompanyName).is_none() {
            out.errors
                .push(FieldError::new("name", Problem::NameOrCompanyRequired, ""));
        }
        out.is_valid()
    }

    /// The customer a valid checked row makes.
    pub fn to_customer(&self, row: &Checked) -> Customer {
        Customer {
            name: row.owned(F::Name),
            email: row.owned(F::Email),
            phone: row.owned(F::Phone),
            birth_date: row.owned(F::BirthDate),
            address: row.owned(F::Address),
            postal_code: row.owned(F::PostalCode),
            city: row.owned(F::City),
            country: row.country,
            unit: row.owned(F::Unit),
            company_name: row.owned(F::CompanyName),
            business_id: row.owned(F::BusinessId),
            company_type: row.owned(F::CompanyType),
            customer_group: row.owned(F::CustomerGroup),
            account_manager: row.owned(F::AccountManager),
            external_id: row.owned(F::ExternalId),
            notes: row.owned(F::Notes),
            custom: row
                .custom
                .iter()
                .map(|(i, v)| (self.ctx.fields[*i].key.clone(), v.clone()))
                .collect(),
        }
    }
}

/// Equal when folded: case, accents, spaces and punctuation do not count.
fn same(a: &str, b: &str) -> bool {
    fold_chars(a).eq(fold_chars(b))
}

/// The list item `value` names. Files mostly write items exactly as the list does, so
/// an exact match is looked for first; only then are the items compared folded.
fn find<'l>(exact: &Exact<'l>, list: &'l [String], value: &str) -> Option<&'l str> {
    exact.get(value.trim()).copied().or_else(|| {
        list.iter()
            .find(|item| same(item, value))
            .map(String::as_str)
    })
}

fn parse_country(value: &str) -> Result<Country, Problem> {
    if let Some(c) = Country::from_code(value) {
        return Ok(c);
    }
    let names: [(&str, Country); 12] = [
        ("norge", Country::Norway),
        ("noreg", Country::Norway),
        ("norway", Country::Norway),
        ("norja", Country::Norway),
        ("finland", Country::Finland),
        ("suomi", Country::Finland),
        ("finnland", Country::Finland),
        ("sverige", Country::Sweden),
        ("sweden", Country::Sweden),
        ("ruotsi", Country::Sweden),
        ("nor", Country::Norway),
        ("swe", Country::Sweden),
    ];
    names
        .iter()
        .find(|(n, _)| same(n, value))
        .map(|(_, c)| *c)
        .ok_or(Problem::CountryUnknown)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One `Checked` serves row after row: nothing of a row is left in the next.
    #[test]
    fn a_reused_check_keeps_nothing_of_the_row_before() {
        let fields = crate::schema::default_fields();
        let lists = Lists::default();
        let validator = RowValidator::new(RowContext {
            fields: &fields,
            country: crate::country::Country::Norway,
            today: Date {
                year: 2026,
                month: 11,
                day: 21,
            },
            lists: &lists,
        });
        let at = |key: &str| fields.iter().position(|f| f.key == key);
        let rows: [&[(&str, &str)]; 3] = [
            &[
                ("name", "Ola"),
                ("email", "ola@example.no"),
                ("country", "Sverige"),
            ],
            &[("email", "ikke-epost")],
            &[("company_name", "Fjordbygg AS")],
        ];
        let mut checked = Checked::default();
        let mut customers = Vec::new();
        for row in rows {
            let value = |i: usize| {
                row.iter()
                    .find(|(k, _)| at(k) == Some(i))
                    .map(|(_, text)| RawValue {
                        text,
                        kind: CellKind::Text,
                    })
            };
            let valid = validator.check(value, &mut checked);
            customers.push((
                valid,
                validator.to_customer(&checked),
                checked.errors().len(),
            ));
        }
        assert!(customers[0].0 && customers[0].1.email.as_deref() == Some("ola@example.no"));
        assert_eq!(
            customers[0].1.country,
            Some(crate::country::Country::Sweden)
        );
        // Invalid e-mail and no name: two problems, and no e-mail carried over.
        assert_eq!((customers[1].0, customers[1].2), (false, 2));
        assert_eq!(customers[1].1.email, None);
        assert_eq!(
            customers[2],
            (
                true,
                Customer {
                    company_name: Some("Fjordbygg AS".to_owned()),
                    ..Customer::default()
                },
                0
            )
        );
    }

    /// `F` finds its keys by position in `schema::BUILTIN`: each variant's name, in
    /// snake case, must be the key at its position.
    #[test]
    fn each_field_is_at_its_place_in_the_schema() {
        use F::*;
        let all = [
            Name,
            FirstName,
            LastName,
            Email,
            Phone,
            BirthDate,
            Address,
            PostalCode,
            City,
            Country,
            Unit,
            CompanyName,
            BusinessId,
            CompanyType,
            CustomerGroup,
            AccountManager,
            ExternalId,
            Notes,
        ];
        assert_eq!(all.len(), FIELDS);
        for f in all {
            let snake: String = format!("{f:?}")
                .chars()
                .enumerate()
                .flat_map(|(i, c)| {
                    let sep = (i > 0 && c.is_uppercase()).then_some('_');
                    sep.into_iter().chain(c.to_lowercase())
                })
                .collect();
            assert_eq!(f.key(), snake);
        }
    }
}
