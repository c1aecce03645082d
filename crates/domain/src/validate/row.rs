//! One mapped row → a [`Customer`] with every value as it will be stored, or every
//! problem found, each on its field (the row's values go through a reused
//! [`Checked`]). The browser runs this on every row as the user
//! works; the server runs it again on every received row and then adds what only it
//! knows (e-mails already in the project, …). Lists of units, company types, groups
//! and account managers come from the caller: the server's schema.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{
    business_id::business_id_into,
    checked::{Checked, F, FIELDS},
    custom::Rule,
    customer::{Customer, FieldError},
    date::{Date, normalize_birth_date},
    duplicates::Words,
    email::email_into,
    phone::phone_into,
    postal_code::postal_code_into,
    problem::Problem,
    storable,
    text::{is_blank, notes_into, push_text},
};
use crate::{
    cell::RawValue,
    country::Country,
    mapping::fold::fold_chars,
    schema::{self, Field},
    texts::language::Language,
};

/// A company type: its key and the names people write for it, in the order of
/// [`CompanyType::NAME_ORDER`] (nb, fi, en, sv).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompanyType {
    pub key: String,
    pub names: Vec<String>,
}

impl CompanyType {
    /// The languages of `names`, in order. Swedish came last, so it is at the end.
    pub const NAME_ORDER: [Language; 4] = [Language::Nb, Language::Fi, Language::En, Language::Sv];

    /// The name to show a reader of `language`: theirs, else the first, else the key.
    pub fn name(&self, language: Language) -> &str {
        let index = Self::NAME_ORDER.iter().position(|l| *l == language);
        index
            .and_then(|i| self.names.get(i))
            .or(self.names.first())
            .unwrap_or(&self.key)
    }
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

/// Validates one row whose raw values `value(field key)` gives. For many rows, a
/// [`RowValidator`] and one reused [`Checked`] do the same without allocating.
pub fn validate_row<'a>(
    value: impl Fn(&str) -> Option<RawValue<'a>>,
    ctx: &RowContext<'_>,
) -> Result<Customer, Vec<FieldError>> {
    RowValidator::new(*ctx).customer(|i| value(&ctx.fields[i].key))
}

/// Validates rows against one context. Each built-in field's place among the
/// context's fields is found once, so a row's values are asked for by position; the
/// units and groups are indexed by name once, so a row's unit is found among
/// hundreds at once.
pub struct RowValidator<'c> {
    ctx: RowContext<'c>,
    at: [Option<usize>; FIELDS],
    units: Exact<'c>,
    groups: Exact<'c>,
    /// (index among the context's fields, rule) of the project's own fields.
    custom: Vec<(usize, Rule)>,
}

/// A list's items by their exact names (files mostly write them as the list does),
/// and by their folded names: a value not in the list (a whole column of a unit the
/// project lacks, say) is then found missing at once, not after folding every item.
struct Exact<'c> {
    exact: HashMap<&'c str, &'c str, Words>,
    /// The first item of each folded name, as looking through the list finds it.
    folded: HashMap<String, &'c str, Words>,
}

fn exact(list: Option<&[String]>) -> Exact<'_> {
    let items = list.into_iter().flatten();
    let mut folded = HashMap::default();
    for item in items.clone() {
        folded
            .entry(fold_chars(item).collect())
            .or_insert(item.as_str());
    }
    Exact {
        exact: items.map(|item| (item.as_str(), item.as_str())).collect(),
        folded,
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
            custom: ctx
                .fields
                .iter()
                .enumerate()
                .filter(|(_, f)| f.is_custom())
                .map(|(i, f)| {
                    let rule = f
                        .custom
                        .as_ref()
                        .map_or(Rule::Text, |c| Rule::new(c, ctx.today));
                    (i, rule)
                })
                .collect(),
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

    /// The customer of a row that updates a customer when it matches one: as
    /// [`RowValidator::customer`], except that it needs no name or company name of its
    /// own (a file of changes may carry only a key and a phone number); the customer
    /// it updates has one, and the customer it creates when it matches none is held
    /// to it then ([`crate::update::has_name`]).
    pub fn changes<'a>(
        &self,
        value: impl Fn(usize) -> Option<RawValue<'a>>,
    ) -> Result<Customer, Vec<FieldError>> {
        let mut out = Checked::default();
        self.check(value, &mut out);
        out.errors
            .retain(|e| e.problem != Problem::NameOrCompanyRequired);
        if out.errors.is_empty() {
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
                .filter(|v| !is_blank(v.text))
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
            Some(name) => out.set_text(F::Name, Some(name), text),
            // First and last name columns make the name.
            None => out.join(
                F::Name,
                [
                    (F::FirstName, present(F::FirstName)),
                    (F::LastName, present(F::LastName)),
                ],
            ),
        }
        out.set(F::Email, present(F::Email), |v, o| email_into(v.text, o));
        out.set(F::Phone, present(F::Phone), |v, o| {
            phone_into(v.text, ctx.country, o)
        });
        out.set(F::BirthDate, present(F::BirthDate), |v, o| {
            normalize_birth_date(v.text, v.kind, ctx.today).map(|d| d.push_iso(o))
        });
        out.set_text(F::Address, present(F::Address), text);
        out.set(F::PostalCode, present(F::PostalCode), |v, o| {
            postal_code_into(v.text, home, o)
        });
        out.set_text(F::City, present(F::City), text);
        match &lists.units {
            Some(_) => out.set(F::Unit, present(F::Unit), |v, o| {
                let unit = find(&self.units, v.text).ok_or(Problem::UnitUnknown)?;
                o.push_str(unit);
                Ok(())
            }),
            None => out.set_text(F::Unit, present(F::Unit), text),
        }
        out.set_text(F::CompanyName, present(F::CompanyName), text);
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
                Some(_) => match find(&self.groups, v.text) {
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
        out.set_text(F::ExternalId, present(F::ExternalId), text);
        out.set_text(F::Notes, present(F::Notes), |v, o| {
            notes_into(v.text, o);
            Ok(())
        });

        for (i, rule) in &self.custom {
            if let Some(raw) = value(*i).filter(|v| !is_blank(v.text)) {
                let key = &ctx.fields[*i].key;
                let mut stored = String::new();
                let checked = rule
                    .write(raw, &mut stored)
                    .and_then(|()| storable::check_length(&stored, key));
                match checked {
                    Ok(()) => out.custom.push((*i, stored)),
                    Err(p) => out.errors.push(FieldError::new(key, p, raw.text)),
                }
            }
        }
        for (i, field) in ctx.fields.iter().enumerate() {
            if field.required
                && value(i).is_none_or(|v| is_blank(v.text))
                && !out.errors.iter().any(|e| e.field == field.key)
            {
                out.errors
                    .push(FieldError::new(&field.key, Problem::Required, ""));
            }
        }
        // A name refused for what it holds is reason enough; "needs a name" would mislead.
        let name_refused = out.errors.iter().any(|e| {
            [F::Name, F::FirstName, F::LastName, F::CompanyName]
                .iter()
                .any(|f| e.field == f.key())
        });
        if out.get(F::Name).is_none() && out.get(F::CompanyName).is_none() && !name_refused {
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
fn find<'l>(index: &Exact<'l>, value: &str) -> Option<&'l str> {
    index
        .exact
        .get(value.trim())
        .or_else(|| index.folded.get(&fold_chars(value).collect::<String>()))
        .copied()
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
    use crate::cell::CellKind;

    #[test]
    fn a_company_type_is_named_in_the_readers_language_or_the_first() {
        let names = ["Kunde", "Asiakas", "Customer", "Kund"].map(String::from);
        let full = CompanyType {
            key: "customer".into(),
            names: names.to_vec(),
        };
        let shown = Language::ALL.map(|l| full.name(l));
        assert_eq!(shown, ["Kunde", "Asiakas", "Customer", "Kund"]);
        // Types stored before Swedish names existed show the Norwegian one.
        let older = CompanyType {
            names: names[..3].to_vec(),
            ..full
        };
        assert_eq!(older.name(Language::Sv), "Kunde");
        let unnamed = CompanyType {
            key: "lead".into(),
            names: Vec::new(),
        };
        assert_eq!(unnamed.name(Language::Fi), "lead");
    }

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
}
