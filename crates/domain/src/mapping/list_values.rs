//! Values in a column mapped to a project's list (issue 29): a unit column saying
//! "Blokk A 101" where the project's unit is "A-101", a type column saying "kunde"
//! where the list says "Kunde", a group written three ways. Each distinct spelling that
//! names no item is listed once with how many rows hold it and the item it most likely
//! means; the user's choice for it (an item, create it, or leave the rows as they are)
//! applies to every row with that spelling and is kept in the layout's mapping.
//!
//! A spelling with the same letters and digits as an item or one of its other names,
//! case, accents and punctuation aside (`a 101`, `A101` → `A-101`; `Kjopere` →
//! `Kjøpere`), names it already: the row checks take it (`validate::row`'s folded
//! match), so it is not listed. For the others a suggestion is, surest first:
//! 1. the item whose words are all in the value, in order (`Blokk A 101`,
//!    `Leilighet B201` → `A-101`, `B-201`);
//! 2. the nearest item by edit distance (`Helsingi` → `Helsinki`), at most one edit in
//!    four letters, and only when no other item is as near.
//!
//! The digits of a value are never guessed: an item is suggested only if it has the
//! same numbers, in order (`A-102` is never offered for `A 101`). Items are indexed by
//! their numbers, so ten thousand spellings against thousands of units stay well
//! within a second.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::fold::{Rows, fold};
use crate::{
    schema::{Field, ValueType},
    validate::Lists,
};

/// What becomes of the rows holding one spelling.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ValueChoice {
    /// They take this item of the list.
    Item(String),
    /// The item is created as spelled (customer groups, where the project allows).
    Create,
    /// They keep their value, and their problem.
    Leave,
}

/// How sure a suggestion is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Likeness {
    /// The same letters and digits.
    Same,
    /// The item's words are all in the value.
    Contains,
    /// A letter or two apart.
    Near,
}

/// A spelling that names no item, with how many rows hold it and what it likely means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Spelling {
    pub value: String,
    pub rows: usize,
    /// The suggested item (as the list writes it) and how sure.
    pub suggestion: Option<(String, Likeness)>,
}

/// A list's items, ready to be matched against many spellings.
#[derive(Debug, Default)]
pub struct ItemIndex {
    items: Vec<String>,
    /// Every name an item goes by (its own and its other names), folded, and the
    /// item's index.
    names: Vec<Name>,
    /// Names by their folded form.
    by_fold: HashMap<String, Vec<usize>>,
    /// Names by their numbers (`"101"`, `""` for none).
    by_numbers: HashMap<String, Vec<usize>>,
}

#[derive(Debug)]
struct Name {
    item: usize,
    /// Its folded characters, collected once for the edit distances.
    chars: Vec<char>,
    words: Vec<String>,
}

impl ItemIndex {
    /// `items`, each with the other names it goes by (a company type's labels in
    /// every language, say).
    pub fn new<I, A>(items: I) -> ItemIndex
    where
        I: IntoIterator<Item = (String, A)>,
        A: IntoIterator<Item = String>,
    {
        let mut index = ItemIndex::default();
        for (item, others) in items {
            let at = index.items.len();
            let names: Vec<String> = std::iter::once(item.clone()).chain(others).collect();
            index.items.push(item);
            for name in names {
                let folded = fold(&name);
                if folded.is_empty() {
                    continue;
                }
                let n = index.names.len();
                index.by_fold.entry(folded.clone()).or_default().push(n);
                index.by_numbers.entry(numbers(&name)).or_default().push(n);
                index.names.push(Name {
                    item: at,
                    words: words(&name),
                    chars: folded.chars().collect(),
                });
            }
        }
        index
    }

    /// Whether `value` names an item as the row checks take it: the same letters and
    /// digits as the item or one of its other names.
    pub fn is_item(&self, value: &str) -> bool {
        self.by_fold.contains_key(&fold(value))
    }

    /// The item `value` most likely means, and how sure; `None` when nothing is near
    /// enough, or two items are equally near.
    pub fn suggest(&self, value: &str) -> Option<(&str, Likeness)> {
        let folded = fold(value);
        if folded.is_empty() {
            return None;
        }
        if let Some(item) = self.one_item(self.by_fold.get(&folded).into_iter().flatten()) {
            return Some((item, Likeness::Same));
        }
        let candidates = self.by_numbers.get(&numbers(value))?;
        let value_words = words(value);
        let containing = candidates
            .iter()
            .filter(|&&n| contains_in_order(&value_words, &self.names[n].words));
        if let Some(item) = self.one_item(containing) {
            return Some((item, Likeness::Contains));
        }
        let chars: Vec<char> = folded.chars().collect();
        let max = (chars.len() / 4).max(1);
        let mut rows = Rows::default();
        let mut best: Option<(usize, Vec<usize>)> = None;
        for &n in candidates {
            let Some(d) = rows.distance(&chars, &self.names[n].chars, max) else {
                continue;
            };
            match &mut best {
                Some((at, names)) if d == *at => names.push(n),
                Some((at, _)) if d > *at => {}
                _ => best = Some((d, vec![n])),
            }
        }
        let (_, nearest) = best?;
        self.one_item(nearest.iter())
            .map(|item| (item, Likeness::Near))
    }

    /// The item the names `names` all belong to, if they name just one.
    fn one_item<'n>(&self, names: impl Iterator<Item = &'n usize>) -> Option<&str> {
        let mut item = None;
        for &n in names {
            let this = self.names[n].item;
            match item {
                None => item = Some(this),
                Some(other) if other != this => return None,
                Some(_) => {}
            }
        }
        item.map(|i| self.items[i].as_str())
    }
}

/// The list `field` takes its values from, if it takes them from one the project
/// gives: units, customer groups, company types (by key, with their names in every
/// language), account managers (by e-mail, with the name), a `one_of` field's
/// options. Each item is what a cell may hold to name it, and names it alone.
pub fn index_for(field: &Field, lists: &Lists) -> Option<ItemIndex> {
    let plain = |items: &[String]| ItemIndex::new(items.iter().map(|i| (i.clone(), Vec::new())));
    if let Some(custom) = &field.custom {
        return match &custom.value {
            ValueType::OneOf { options } => Some(plain(options)),
            _ => None,
        };
    }
    match field.key.as_str() {
        "unit" => lists.units.as_deref().map(plain),
        "customer_group" => lists.groups.as_deref().map(plain),
        "company_type" => lists
            .company_types
            .as_ref()
            .map(|types| ItemIndex::new(types.iter().map(|t| (t.key.clone(), t.names.clone())))),
        "account_manager" => lists.account_managers.as_ref().map(|managers| {
            ItemIndex::new(
                managers
                    .iter()
                    .map(|m| (m.email.clone(), vec![m.name.clone()])),
            )
        }),
        _ => None,
    }
}

/// The distinct spellings of `values` that are no item of `index`, the most rows first
/// (then by spelling), each with its suggestion. Empty cells are not spellings.
pub fn spellings<'v>(
    values: impl IntoIterator<Item = &'v str>,
    index: &ItemIndex,
) -> Vec<Spelling> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for value in values {
        let value = value.trim();
        if !value.is_empty() {
            *counts.entry(value).or_default() += 1;
        }
    }
    let mut out: Vec<Spelling> = counts
        .into_iter()
        .filter(|(value, _)| !index.is_item(value))
        .map(|(value, rows)| Spelling {
            value: value.to_owned(),
            rows,
            suggestion: index
                .suggest(value)
                .map(|(item, how)| (item.to_owned(), how)),
        })
        .collect();
    out.sort_by(|a, b| b.rows.cmp(&a.rows).then_with(|| a.value.cmp(&b.value)));
    out
}

/// The user's choices for one field's spellings, by spelling as the file has it
/// (trimmed).
pub type FieldChoices = BTreeMap<String, ValueChoice>;

/// `raw` as the rows of the field with `choices` are read: the item chosen for its
/// spelling, else itself.
pub fn chosen<'a>(choices: Option<&'a FieldChoices>, raw: &'a str) -> &'a str {
    match choices.and_then(|c| c.get(raw.trim())) {
        Some(ValueChoice::Item(item)) => item,
        _ => raw,
    }
}

/// The numbers of `text`, in order, each without leading zeros, joined by `.`.
fn numbers(text: &str) -> String {
    let mut out = String::new();
    let mut current = String::new();
    let flush = |current: &mut String, out: &mut String| {
        if !current.is_empty() {
            let trimmed = current.trim_start_matches('0');
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(if trimmed.is_empty() { "0" } else { trimmed });
            current.clear();
        }
    };
    for c in text.chars() {
        if c.is_ascii_digit() {
            current.push(c);
        } else {
            flush(&mut current, &mut out);
        }
    }
    flush(&mut current, &mut out);
    out
}

/// The folded words of `text`: runs of letters and runs of digits (without leading
/// zeros), split where the text has anything else too.
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        let mut part = String::new();
        let mut digits = false;
        for c in super::fold::fold_chars(word) {
            let is_digit = c.is_ascii_digit();
            if !part.is_empty() && is_digit != digits {
                out.push(number_word(std::mem::take(&mut part), digits));
            }
            digits = is_digit;
            part.push(c);
        }
        if !part.is_empty() {
            out.push(number_word(part, digits));
        }
    }
    out
}

/// A run of digits without its leading zeros (`007` is `7`); letters as they are.
fn number_word(word: String, digits: bool) -> String {
    match digits {
        true => match word.trim_start_matches('0') {
            "" => "0".to_owned(),
            trimmed => trimmed.to_owned(),
        },
        false => word,
    }
}

/// Whether `needle`'s words all appear in `hay`, in order, next to each other.
fn contains_in_order(hay: &[String], needle: &[String]) -> bool {
    !needle.is_empty()
        && hay.len() >= needle.len()
        && hay.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(items: &[&str]) -> ItemIndex {
        ItemIndex::new(items.iter().map(|i| (i.to_string(), Vec::<String>::new())))
    }

    #[test]
    fn the_same_letters_and_digits_are_the_same_item() {
        let units = index(&["A-101", "A-102", "B-201"]);
        for spelling in ["a 101", "A101", " a-101 ", "A.101"] {
            assert_eq!(
                units.suggest(spelling),
                Some(("A-101", Likeness::Same)),
                "{spelling}"
            );
        }
        let groups = index(&["Kjøpere", "Nye kjøpere", "Investorer"]);
        assert_eq!(groups.suggest("kjopere"), Some(("Kjøpere", Likeness::Same)));
        assert_eq!(
            groups.suggest("NYE KJØPERE"),
            Some(("Nye kjøpere", Likeness::Same))
        );
        let fi = index(&["Ostajat", "Sijoittajat"]);
        assert_eq!(fi.suggest("östajat"), Some(("Ostajat", Likeness::Same)));
    }

    #[test]
    fn an_item_within_a_longer_value_is_found_by_its_words() {
        let units = index(&["A-101", "A-102", "B-201"]);
        assert_eq!(
            units.suggest("Blokk A 101"),
            Some(("A-101", Likeness::Contains))
        );
        assert_eq!(
            units.suggest("Bolig A-101 (2. etg)"),
            None,
            "a second number is not the unit's: never guessed"
        );
        assert_eq!(
            units.suggest("Leilighet B201"),
            Some(("B-201", Likeness::Contains))
        );
    }

    #[test]
    fn digits_are_never_guessed() {
        let units = index(&["A-101", "A-102"]);
        assert_eq!(units.suggest("A-103"), None);
        assert_eq!(units.suggest("A 1010"), None);
        // Leading zeros are the same number.
        assert_eq!(
            index(&["E-7"]).suggest("E 007"),
            Some(("E-7", Likeness::Contains))
        );
    }

    #[test]
    fn a_near_spelling_is_suggested_only_when_one_item_is_nearest() {
        let cities = index(&["Helsinki", "Tampere", "Turku"]);
        assert_eq!(
            cities.suggest("Helsingi"),
            Some(("Helsinki", Likeness::Near))
        );
        assert_eq!(cities.suggest("Oulu"), None);
        let close = index(&["Lead", "Load"]);
        assert_eq!(close.suggest("Lxad"), None, "two items one edit away");
    }

    #[test]
    fn other_names_of_an_item_lead_to_it() {
        let types = ItemIndex::new([
            (
                "Kunde".to_owned(),
                vec!["Asiakas".to_owned(), "Customer".to_owned()],
            ),
            ("Lead".to_owned(), vec!["Liidi".to_owned()]),
        ]);
        assert_eq!(types.suggest("asiakas"), Some(("Kunde", Likeness::Same)));
        assert_eq!(types.suggest("Liidi"), Some(("Lead", Likeness::Same)));
        assert!(types.is_item("kunde") && types.is_item("Asiakas") && !types.is_item("Kund"));
    }

    #[test]
    fn a_fields_list_is_the_one_the_project_gives() {
        use crate::{
            schema::default_fields,
            validate::row::{AccountManager, CompanyType},
        };
        let lists = Lists {
            units: Some(vec!["A-101".into()]),
            company_types: Some(vec![CompanyType {
                key: "customer".into(),
                names: vec!["Kunde".into(), "Asiakas".into()],
            }]),
            account_managers: Some(vec![AccountManager {
                email: "pia@example.fi".into(),
                name: "Pia Pomo".into(),
            }]),
            ..Lists::default()
        };
        let fields = default_fields();
        let of = |key: &str| {
            let field = fields.iter().find(|f| f.key == key).unwrap();
            index_for(field, &lists)
        };
        assert_eq!(
            of("unit").unwrap().suggest("Blokk A 101"),
            Some(("A-101", Likeness::Contains))
        );
        assert!(of("company_type").unwrap().is_item("asiakas"));
        assert_eq!(
            of("company_type").unwrap().suggest("Asiakkas"),
            Some(("customer", Likeness::Near))
        );
        assert_eq!(
            of("account_manager").unwrap().suggest("Pia Pommo"),
            Some(("pia@example.fi", Likeness::Near))
        );
        assert!(
            of("customer_group").is_none(),
            "no list given: the server checks"
        );
        assert!(of("email").is_none());
    }

    #[test]
    fn spellings_are_counted_once_most_rows_first_and_items_left_out() {
        let units = index(&["A-101", "A-102"]);
        // `a101` is A-101 to the row checks already: not listed.
        let column = [
            "A-101",
            "A-101x",
            "Blokk A 101",
            "A-101x",
            "",
            "Z-9",
            "A-102",
            "a101",
            "A-101x",
        ];
        let listed = spellings(column, &units);
        let short: Vec<(&str, usize, Option<&str>)> = listed
            .iter()
            .map(|s| {
                (
                    s.value.as_str(),
                    s.rows,
                    s.suggestion.as_ref().map(|(i, _)| i.as_str()),
                )
            })
            .collect();
        assert_eq!(
            short,
            [
                ("A-101x", 3, Some("A-101")),
                ("Blokk A 101", 1, Some("A-101")),
                ("Z-9", 1, None)
            ]
        );
    }

    #[test]
    fn a_choice_applies_to_every_row_with_the_spelling() {
        let mut choices = FieldChoices::new();
        choices.insert("a101".into(), ValueChoice::Item("A-101".into()));
        choices.insert("Z-9".into(), ValueChoice::Leave);
        let column = ["a101", " a101 ", "Z-9", "A-102"];
        let read: Vec<&str> = column.iter().map(|v| chosen(Some(&choices), v)).collect();
        assert_eq!(read, ["A-101", "A-101", "Z-9", "A-102"]);
        assert_eq!(chosen(None, "a101"), "a101");
    }

    #[test]
    fn ten_thousand_spellings_against_two_thousand_units_are_matched() {
        let units: Vec<String> = (0..2_000)
            .map(|i| format!("{}-{}", ["A", "B"][i % 2], 100 + i))
            .collect();
        let index = ItemIndex::new(units.iter().map(|u| (u.clone(), Vec::<String>::new())));
        let values: Vec<String> = (0..10_000)
            .map(|i| {
                format!(
                    "Blokk {} {}",
                    ["A", "B"][i % 2],
                    100 + i % 2_000 + i / 2_000 * 7
                )
            })
            .collect();
        let listed = spellings(values.iter().map(String::as_str), &index);
        assert!(listed.iter().any(|s| s.suggestion.is_some()));
        assert!(listed.iter().all(|s| s.rows >= 1));
    }
}
