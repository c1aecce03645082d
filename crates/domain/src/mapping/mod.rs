//! Connecting file columns to target fields.
//!
//! [`suggest`] proposes a mapping from the headings (synonyms in five languages,
//! folded and typo-tolerant, see [`synonyms`]) and, for columns whose heading says
//! nothing, from their values (a column of addresses with `@` is e-mail). Each column
//! serves one field at most and each field takes one column. [`signature`] names a
//! layout of headings so the mapping used last time can be offered again.

pub mod fold;
pub mod list_values;
pub mod several_files;
mod synonyms;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::{
    cell::CellKind,
    country::Country,
    schema::Field,
    update::{ImportMode, MatchKey},
    validate::{
        Date, normalize_birth_date, normalize_business_id, normalize_email, normalize_phone,
    },
};
use fold::{distance, fold};

/// Where a field's value comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// A column of the file (0-based).
    Column(usize),
    /// One value for the whole file (company type, customer group, account manager).
    Fixed(String),
}

/// Field key → source. Unmapped fields are absent. With it, what the import does with
/// customers that exist: the mode and the columns whose empty cells blank a stored
/// value (both absent from the JSON when they are the defaults, so a mapping saved
/// before issue 28 reads as create only).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Mapping {
    pub fields: BTreeMap<String, Source>,
    #[serde(default, skip_serializing_if = "ImportMode::is_create_only")]
    pub mode: ImportMode,
    /// Field keys (mapped from a column) whose empty cells empty the stored value of
    /// the customer a row updates; any other empty cell keeps it.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub blank: BTreeSet<String>,
    /// Field key → what becomes of each spelling in its column that names no item of
    /// the field's list ([`list_values`]); absent when there is none, so a mapping
    /// saved before reads as it was.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(feature = "openapi", schema(value_type = BTreeMap<String, BTreeMap<String, list_values::ValueChoice>>))]
    pub values: BTreeMap<String, list_values::FieldChoices>,
}

impl Mapping {
    /// Maps `field` to `column`, taking the column away from any other field.
    pub fn set_column(&mut self, field: &str, column: usize) {
        self.fields
            .retain(|f, s| f == field || *s != Source::Column(column));
        self.fields.insert(field.to_owned(), Source::Column(column));
    }

    pub fn set_fixed(&mut self, field: &str, value: &str) {
        self.fields
            .insert(field.to_owned(), Source::Fixed(value.to_owned()));
    }

    pub fn clear(&mut self, field: &str) {
        self.fields.remove(field);
        self.blank.remove(field);
        self.values.remove(field);
    }

    /// What becomes of the rows whose `field` is spelled `spelling`.
    pub fn choose_value(&mut self, field: &str, spelling: &str, choice: list_values::ValueChoice) {
        self.values
            .entry(field.to_owned())
            .or_default()
            .insert(spelling.trim().to_owned(), choice);
    }

    /// `raw`, a value of `field`'s column, as the import reads it: the item chosen
    /// for its spelling, else itself.
    pub fn read_value<'a>(&'a self, field: &str, raw: &'a str) -> &'a str {
        list_values::chosen(self.values.get(field), raw)
    }

    pub fn column_of(&self, field: &str) -> Option<usize> {
        match self.fields.get(field) {
            Some(Source::Column(c)) => Some(*c),
            _ => None,
        }
    }

    /// The value rows are matched by: customer number when mapped from a column, else
    /// e-mail ([`MatchKey::for_fields`]).
    pub fn match_key(&self) -> Option<MatchKey> {
        MatchKey::for_fields(|f| self.column_of(f).is_some())
    }

    pub fn field_of_column(&self, column: usize) -> Option<&str> {
        self.fields
            .iter()
            .find(|(_, s)| **s == Source::Column(column))
            .map(|(f, _)| f.as_str())
    }
}

/// How sure a heading match is.
fn heading_score(heading: &str, synonym: &str) -> Option<u32> {
    if heading.is_empty() || synonym.is_empty() {
        return None;
    }
    if heading == synonym {
        return Some(100);
    }
    let max = match heading.len() {
        0..5 => 0,
        5..10 => 1,
        _ => 2,
    };
    if let Some(d) = distance(heading, synonym, max)
        && d > 0
    {
        return Some(90 - 5 * d as u32);
    }
    // "Kundens e-postadresse", "Mobil (privat)": a synonym inside a longer heading.
    if synonym.len() >= 4 && heading.contains(synonym) {
        return Some(70 + (synonym.len().min(20) as u32) / 2);
    }
    None
}

/// Proposes a mapping for `headings` (one per column; `None` where the file had no
/// heading), with `samples(column)` giving a few of the column's values.
pub fn suggest<'a>(
    headings: &[Option<&str>],
    samples: impl Fn(usize) -> Vec<(&'a str, CellKind)>,
    fields: &[Field],
    country: Country,
    today: Date,
) -> Mapping {
    let mut candidates: Vec<(u32, usize, usize)> = Vec::new(); // (score, column, field index)
    for (column, heading) in headings.iter().enumerate() {
        let Some(heading) = heading.map(fold) else {
            continue;
        };
        for (index, field) in fields.iter().enumerate() {
            let best = synonyms_of(field)
                .filter_map(|s| heading_score(&heading, &fold(s)))
                .max();
            if let Some(score) = best {
                candidates.push((score, column, index));
            }
        }
    }
    let mut mapping = Mapping::default();
    assign(&mut mapping, candidates, fields);

    // Columns the headings did not place: judge by their values.
    let mut by_values = Vec::new();
    for column in 0..headings.len() {
        if mapping.field_of_column(column).is_some() {
            continue;
        }
        let values = samples(column);
        for (index, field) in fields.iter().enumerate() {
            if let Some(score) = value_score(&field.key, &values, country, today) {
                by_values.push((score, column, index));
            }
        }
    }
    assign(&mut mapping, by_values, fields);
    mapping
}

/// What a column holding `field` may be headed: a built-in field's synonyms, a
/// project's own field's labels in every language and its name.
fn synonyms_of(field: &Field) -> impl Iterator<Item = &str> {
    let builtin = synonyms::SYNONYMS
        .iter()
        .filter(move |(key, _)| *key == field.key)
        .flat_map(|(_, words)| words.iter().copied());
    let custom = field
        .custom
        .iter()
        .flat_map(|c| c.labels().chain([c.name.as_str()]));
    builtin.chain(custom)
}

/// Best first; a field or column already taken is passed over.
fn assign(mapping: &mut Mapping, mut candidates: Vec<(u32, usize, usize)>, fields: &[Field]) {
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, column, index) in candidates {
        let key = &fields[index].key;
        if mapping.fields.contains_key(key) || mapping.field_of_column(column).is_some() {
            continue;
        }
        mapping.set_column(key, column);
    }
}

/// A column most of whose values are valid for `field`.
fn value_score(
    field: &str,
    values: &[(&str, CellKind)],
    country: Country,
    today: Date,
) -> Option<u32> {
    let values: Vec<_> = values
        .iter()
        .filter(|(v, _)| !v.trim().is_empty())
        .collect();
    if values.is_empty() {
        return None;
    }
    let share = |ok: &dyn Fn(&str, CellKind) -> bool| {
        values.iter().filter(|(v, k)| ok(v, *k)).count() * 100 / values.len()
    };
    let (score, share) = match field {
        "email" => (50, share(&|v, _| normalize_email(v).is_ok())),
        "business_id" => (48, share(&|v, _| normalize_business_id(v).is_ok())),
        "birth_date" => (
            46,
            share(&|v, k| k != CellKind::Number && normalize_birth_date(v, k, today).is_ok()),
        ),
        "phone" => (
            44,
            share(&|v, _| {
                v.bytes().filter(u8::is_ascii_digit).count() >= 8
                    && normalize_phone(v, country).is_ok()
            }),
        ),
        _ => return None,
    };
    (share >= 80).then_some(score)
}

/// A name for a layout of headings, the same however they are cased or accented, to
/// recognise a file of the same layout next time (FNV-1a, 64 bits, hex).
pub fn signature(headings: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for heading in headings {
        for byte in fold(heading).bytes().chain([0x1f]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}
