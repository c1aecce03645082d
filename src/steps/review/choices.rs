//! The values a list field may take in the project (units, company types, customer
//! groups, account managers, a project field of choices), to pick from while editing
//! a cell, and which of them match what the user typed. Plain Rust: the grid renders
//! them.

use customer_import_domain::{
    schema::{Field, ValueType},
    texts::Language,
    wire::ImportSchema,
};

/// A value to pick: what goes in the cell, and how the list names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

impl Choice {
    fn same(text: &str) -> Choice {
        Choice {
            value: text.to_owned(),
            label: text.to_owned(),
        }
    }
}

/// The project's values for `field`, or `None` for a field of free text.
pub fn for_field(schema: &ImportSchema, field: &Field, language: Language) -> Option<Vec<Choice>> {
    let choices = match field.key.as_str() {
        "unit" => schema.units.iter().map(|u| Choice::same(u)).collect(),
        "customer_group" => schema.groups.iter().map(|g| Choice::same(g)).collect(),
        // The name in the reader's language is one the check takes, and reads better
        // in the cell than the key.
        "company_type" => schema
            .company_types
            .iter()
            .map(|t| Choice::same(t.name(language)))
            .collect(),
        // The e-mail names one manager only; the list shows the name too.
        "account_manager" => schema
            .account_managers
            .iter()
            .map(|m| Choice {
                value: m.email.clone(),
                label: format!("{} · {}", m.name, m.email),
            })
            .collect(),
        _ => match field.custom.as_ref().map(|c| &c.value) {
            Some(ValueType::OneOf { options }) => options.iter().map(|o| Choice::same(o)).collect(),
            _ => return None,
        },
    };
    Some(choices)
}

/// The choice among `choices` (as [`for_field`] made them) that names `item`, an item
/// as the list matching gives it: a company type's key, a manager's e-mail, the value
/// itself otherwise.
pub fn choice_of(
    schema: &ImportSchema,
    field: &Field,
    language: Language,
    choices: &[Choice],
    item: &str,
) -> Option<usize> {
    let value = match field.key.as_str() {
        "company_type" => schema
            .company_types
            .iter()
            .find(|t| t.key == item)?
            .name(language),
        _ => item,
    };
    choices.iter().position(|c| c.value == value)
}

/// Which of `choices` match `typed`, in order: those starting with it first, then
/// those holding it, whatever the case. All of them when nothing is typed.
pub fn matching(choices: &[Choice], typed: &str) -> Vec<usize> {
    let typed = typed.trim().to_lowercase();
    if typed.is_empty() {
        return (0..choices.len()).collect();
    }
    let lower: Vec<String> = choices.iter().map(|c| c.label.to_lowercase()).collect();
    let starting = (0..choices.len()).filter(|&i| lower[i].starts_with(&typed));
    let holding = (0..choices.len()).filter(|&i| {
        !lower[i].starts_with(&typed)
            && (lower[i].contains(&typed) || value_holds(&choices[i], &typed))
    });
    starting.chain(holding).collect()
}

fn value_holds(choice: &Choice, typed: &str) -> bool {
    choice.value.to_lowercase().contains(typed)
}

#[cfg(test)]
mod tests {
    use customer_import_domain::{
        schema::default_fields,
        validate::row::{AccountManager, CompanyType},
        wire::ProjectSummary,
    };

    use super::*;

    fn schema() -> ImportSchema {
        ImportSchema {
            project: ProjectSummary {
                portal_id: None,
                id: 1,
                name: "Fjordparken".to_owned(),
                country: customer_import_domain::country::Country::Norway,
                unit_count: 3,
            },
            fields: default_fields(),
            units: vec!["A-101".into(), "A-102".into(), "B-101".into()],
            company_types: vec![CompanyType {
                key: "as".into(),
                names: vec!["Aksjeselskap".into(), "Osakeyhtiö".into()],
            }],
            groups: vec!["Kjøpere".into(), "Investorer".into()],
            account_managers: vec![AccountManager {
                email: "kari@nordbygg.example".into(),
                name: "Kari Saksbehandler".into(),
            }],
        }
    }

    fn field(key: &str) -> Field {
        default_fields().into_iter().find(|f| f.key == key).unwrap()
    }

    fn values(choices: &[Choice]) -> Vec<&str> {
        choices.iter().map(|c| c.value.as_str()).collect()
    }

    #[test]
    fn a_suggested_item_is_found_among_the_choices() {
        let s = schema();
        let pick = |key: &str, language, item| {
            let choices = for_field(&s, &field(key), language).unwrap();
            choice_of(&s, &field(key), language, &choices, item).map(|i| choices[i].value.clone())
        };
        assert_eq!(
            pick("unit", Language::Nb, "A-102").as_deref(),
            Some("A-102")
        );
        assert_eq!(
            pick("company_type", Language::Fi, "as").as_deref(),
            Some("Osakeyhtiö")
        );
        assert_eq!(
            pick("account_manager", Language::Nb, "kari@nordbygg.example").as_deref(),
            Some("kari@nordbygg.example")
        );
        assert_eq!(pick("unit", Language::Nb, "Z-9"), None);
    }

    #[test]
    fn list_fields_offer_the_projects_values_and_text_fields_none() {
        let s = schema();
        let of = |key, language| for_field(&s, &field(key), language);
        assert_eq!(
            values(&of("unit", Language::Nb).unwrap()),
            ["A-101", "A-102", "B-101"]
        );
        assert_eq!(
            values(&of("customer_group", Language::Nb).unwrap()),
            ["Kjøpere", "Investorer"]
        );
        assert_eq!(
            values(&of("company_type", Language::Fi).unwrap()),
            ["Osakeyhtiö"]
        );
        let managers = of("account_manager", Language::Nb).unwrap();
        assert_eq!(values(&managers), ["kari@nordbygg.example"]);
        assert_eq!(
            managers[0].label,
            "Kari Saksbehandler · kari@nordbygg.example"
        );
        assert_eq!(of("email", Language::Nb), None);
        assert_eq!(of("name", Language::Nb), None);
    }

    #[test]
    fn typing_filters_those_starting_with_it_first() {
        let s = schema();
        let units = for_field(&s, &field("unit"), Language::Nb).unwrap();
        assert_eq!(matching(&units, ""), [0, 1, 2]);
        assert_eq!(matching(&units, "a-1"), [0, 1]);
        assert_eq!(matching(&units, "101"), [0, 2]);
        assert_eq!(matching(&units, "b"), [2]);
        assert_eq!(matching(&units, "Z-999"), Vec::<usize>::new());
        let managers = for_field(&s, &field("account_manager"), Language::Nb).unwrap();
        assert_eq!(matching(&managers, "saks"), [0], "by the name");
        assert_eq!(matching(&managers, "kari@"), [0], "by the e-mail");
    }
}
