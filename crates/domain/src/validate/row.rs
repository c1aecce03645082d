//! One mapped row → a [`Customer`] with every value as it will be stored, or every
//! problem found, each on its field. The browser runs this on every row as the user
//! works; the server runs it again on every received row and then adds what only it
//! knows (e-mails already in the project, …). Lists of units, company types, groups
//! and account managers come from the caller: the server's schema.

use std::{
    borrow::Cow,
    collections::{BTreeMap, HashMap},
};

use serde::{Deserialize, Serialize};

use super::{
    Date, Problem, normalize_birth_date, normalize_business_id, normalize_email, normalize_phone,
    normalize_postal_code, normalize_text,
};
use crate::{country::Country, mapping::fold::fold_chars, read::CellKind, schema::Field};

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
    fn new(field: &str, problem: Problem, value: &str) -> FieldError {
        FieldError {
            field: field.to_owned(),
            problem,
            value: value.to_owned(),
            other_row: None,
        }
    }
}

/// Validates one row whose raw values `value(field)` gives.
pub fn validate_row<'a>(
    value: impl Fn(&str) -> Option<RawValue<'a>>,
    ctx: &RowContext<'_>,
) -> Result<Customer, Vec<FieldError>> {
    let mut errors = Vec::new();
    let present = |field: &str| value(field).filter(|v| !v.text.trim().is_empty());
    let text = |field: &str| {
        present(field)
            .map(|v| normalize_text(v.text))
            .filter(|t| !t.is_empty())
    };
    // Runs `check` on a present value, recording its problem on `field`.
    let mut checked =
        |field: &str, check: &dyn Fn(RawValue<'a>) -> Result<String, Problem>| -> Option<String> {
            let raw = present(field)?;
            match check(raw) {
                Ok(v) => Some(v),
                Err(problem) => {
                    errors.push(FieldError::new(field, problem, raw.text));
                    None
                }
            }
        };

    let country = checked("country", &|v| {
        parse_country(v.text).map(|c| c.code().to_owned())
    })
    .and_then(|c| Country::from_code(&c));
    let home = country.unwrap_or(ctx.country);
    let lists = ctx.lists;
    let mut customer = Customer {
        name: text("name").or_else(|| {
            let joined = [text("first_name"), text("last_name")]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
            (!joined.is_empty()).then_some(joined)
        }),
        email: checked("email", &|v| normalize_email(v.text)),
        phone: checked("phone", &|v| normalize_phone(v.text, ctx.country)),
        birth_date: checked("birth_date", &|v| {
            normalize_birth_date(v.text, v.kind, ctx.today).map(|d| d.iso())
        }),
        address: text("address"),
        postal_code: checked("postal_code", &|v| normalize_postal_code(v.text, home)),
        city: text("city"),
        country,
        unit: checked("unit", &|v| match &lists.units {
            Some(units) => find(units, v.text, |u| u.as_str())
                .cloned()
                .ok_or(Problem::UnitUnknown),
            None => Ok(normalize_text(v.text)),
        }),
        company_name: text("company_name"),
        business_id: checked("business_id", &|v| {
            normalize_business_id(v.text).map(|id| id.value)
        }),
        company_type: checked("company_type", &|v| match &lists.company_types {
            Some(types) => types
                .iter()
                .find(|t| same(&t.key, v.text) || t.names.iter().any(|n| same(n, v.text)))
                .map(|t| t.key.clone())
                .ok_or(Problem::CompanyTypeUnknown),
            None => Ok(normalize_text(v.text)),
        }),
        customer_group: checked("customer_group", &|v| match &lists.groups {
            Some(groups) => match find(groups, v.text, |g| g.as_str()) {
                Some(g) => Ok(g.clone()),
                None if lists.create_missing_groups => Ok(normalize_text(v.text)),
                None => Err(Problem::GroupUnknown),
            },
            None => Ok(normalize_text(v.text)),
        }),
        account_manager: checked("account_manager", &|v| match &lists.account_managers {
            Some(managers) => managers
                .iter()
                .find(|m| m.email.eq_ignore_ascii_case(v.text.trim()) || same(&m.name, v.text))
                .map(|m| m.email.clone())
                .ok_or(Problem::AccountManagerUnknown),
            None => Ok(normalize_text(v.text)),
        }),
        external_id: text("external_id"),
        notes: present("notes").map(|v| v.text.trim().to_owned()),
        custom: BTreeMap::new(),
    };
    for field in ctx.fields {
        if field.is_custom()
            && let Some(v) = text(&field.key)
        {
            customer.custom.insert(field.key.clone(), v);
        }
        if field.required
            && present(&field.key).is_none()
            && !errors.iter().any(|e| e.field == field.key)
        {
            errors.push(FieldError::new(&field.key, Problem::Required, ""));
        }
    }
    if customer.name.is_none() && customer.company_name.is_none() {
        errors.push(FieldError::new("name", Problem::NameOrCompanyRequired, ""));
    }
    if errors.is_empty() {
        Ok(customer)
    } else {
        Err(errors)
    }
}

/// Equal when folded: case, accents, spaces and punctuation do not count.
fn same(a: &str, b: &str) -> bool {
    fold_chars(a).eq(fold_chars(b))
}

/// The list item `value` names. Files mostly write items exactly as the list does, so
/// an exact match is looked for first; only then are the items compared folded.
fn find<'l, T>(list: &'l [T], value: &str, key: impl Fn(&T) -> &str) -> Option<&'l T> {
    let trimmed = value.trim();
    list.iter()
        .find(|item| key(item) == trimmed)
        .or_else(|| list.iter().find(|item| same(key(item), value)))
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

/// Finds rows that repeat an e-mail (case-insensitively) or an external id of an
/// earlier row, one row at a time, keeping only the keys: the caller need not hold
/// every customer of a million-row file.
#[derive(Default)]
pub struct DuplicateFinder {
    emails: HashMap<String, u64, Fnv>,
    ids: HashMap<String, u64, Fnv>,
}

impl DuplicateFinder {
    /// The duplicate problems of `customer` on row `row` (1-based, in file order).
    pub fn check(&mut self, row: u64, customer: &Customer) -> Vec<FieldError> {
        self.check_keys(
            row,
            customer.email.as_deref(),
            customer.external_id.as_deref(),
        )
    }

    /// As [`DuplicateFinder::check`], given only the two values that must be unique.
    pub fn check_keys(
        &mut self,
        row: u64,
        email: Option<&str>,
        external_id: Option<&str>,
    ) -> Vec<FieldError> {
        let mut out = Vec::new();
        let keys = [
            ("email", &mut self.emails, email),
            ("external_id", &mut self.ids, external_id),
        ];
        for (field, seen, value) in keys {
            let Some(value) = value else { continue };
            let key = if field == "email" {
                lowercase(value)
            } else {
                Cow::Borrowed(value)
            };
            match seen.get(key.as_ref()) {
                Some(&first) => {
                    let mut e = FieldError::new(field, Problem::DuplicateInFile, value);
                    e.other_row = Some(first);
                    out.push(e);
                }
                None => {
                    seen.insert(key.into_owned(), row);
                }
            }
        }
        out
    }
}

fn lowercase(value: &str) -> Cow<'_, str> {
    if value.chars().any(char::is_uppercase) {
        Cow::Owned(value.to_lowercase())
    } else {
        Cow::Borrowed(value)
    }
}

/// [`DuplicateFinder`] over a whole file: (row number, customer) in file order.
pub fn duplicates_in_file<'c>(
    rows: impl IntoIterator<Item = (u64, &'c Customer)>,
) -> Vec<(u64, FieldError)> {
    let mut finder = DuplicateFinder::default();
    rows.into_iter()
        .flat_map(|(row, customer)| {
            finder
                .check(row, customer)
                .into_iter()
                .map(move |e| (row, e))
        })
        .collect()
}

/// FNV-1a: the keys are the file's own values, hashed by the user's own browser, so
/// SipHash's defence against chosen collisions buys nothing here and costs time.
type Fnv = std::hash::BuildHasherDefault<FnvHasher>;

#[derive(Default)]
struct FnvHasher(u64);

impl std::hash::Hasher for FnvHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = hash;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}
