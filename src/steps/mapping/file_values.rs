//! Each file's own values for the whole file, when the import has several files of
//! one layout (issue 29): the seeds' administrators make a file per customer group
//! or account manager, and choose "for each file" the group, the manager and the
//! company type. A row per file, a column per field that takes one value for every
//! row; it takes the place of the one value for all (a file's choice wins over the
//! layout's, `several_files::file_mapping`), and the first choice keeps what the
//! layout's mapping gives: a column of the file, a value remembered, or nothing.

use std::collections::BTreeMap;

use customer_import_domain::{
    mapping::{Mapping, Source},
    schema::Field,
};
use leptos::prelude::*;

use crate::{
    i18n::{Locale, use_i18n},
    wizard::state::ImportState,
};

#[component]
pub fn FileValues(
    mapping: Memo<Option<Mapping>>,
    headings: Memo<Vec<(String, Vec<String>)>>,
    /// Each field that takes one value for every row, with its choices.
    fields: Vec<(Field, Vec<(String, String)>)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<ImportState>();
    let locale = i18n.locale();
    let head = fields
        .iter()
        .map(|(f, _)| {
            let label = locale.language().field_label(f).into_owned();
            view! { <th scope="col">{label}</th> }
        })
        .collect_view();
    let fields = StoredValue::new(fields);
    let rows = move || {
        let locale = i18n.locale();
        state
            .files_in_view()
            .into_iter()
            .map(|(file, name)| {
                let cells = fields
                    .get_value()
                    .into_iter()
                    .map(|(field, choices)| {
                        value_cell(
                            state, locale, mapping, headings, file, &name, &field, choices,
                        )
                    })
                    .collect_view();
                view! {
                    <tr data-testid="file-values">
                        <th scope="row">{name}</th>
                        {cells}
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <section class="mapping__whole" aria-labelledby="file-values-heading">
            <h3 id="file-values-heading">{move || i18n.t("mapping.file_values")}</h3>
            <p class="muted">{move || i18n.t("mapping.file_values_explain")}</p>
            <table class="mapping mapping--files">
                <thead>
                    <tr>
                        <th scope="col">{locale.text("mapping.file")}</th>
                        {head}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}

/// One file's value of one field: what the layout's mapping gives, or a value of
/// the field's list.
#[allow(clippy::too_many_arguments)] // one cell of a table: its row and its column
fn value_cell(
    state: ImportState,
    locale: Locale,
    mapping: Memo<Option<Mapping>>,
    headings: Memo<Vec<(String, Vec<String>)>>,
    file: usize,
    file_name: &str,
    field: &Field,
    choices: Vec<(String, String)>,
) -> impl IntoView + use<> {
    let key = field.key.clone();
    let label = format!("{} – {}", locale.language().field_label(field), file_name);
    let as_layout = {
        let key = key.clone();
        move || {
            let source = mapping.with(|m| m.as_ref()?.fields.get(&key).cloned());
            let what = match source {
                Some(Source::Column(c)) => headings
                    .with(|h| h.get(c).map(|(h, _)| h.clone()))
                    .unwrap_or_default(),
                Some(Source::Fixed(value)) if !value.is_empty() => return format!("— {value} —"),
                _ => return locale.text("mapping.whole_file_none"),
            };
            locale.format("mapping.whole_file_from_column", &[("column", what.into())])
        }
    };
    let value = {
        let key = key.clone();
        move || {
            state
                .file_values
                .with(|v| v.get(file).and_then(|v| v.get(&key).cloned()))
                .unwrap_or_default()
        }
    };
    let on_change = move |ev| {
        let chosen = event_target_value(&ev);
        state.file_values.update(|values| {
            if values.len() <= file {
                values.resize(file + 1, BTreeMap::new());
            }
            if chosen.is_empty() {
                values[file].remove(&key);
            } else {
                values[file].insert(key.clone(), chosen);
            }
        });
    };
    let options = choices
        .into_iter()
        .map(|(value, text)| view! { <option value=value>{text}</option> })
        .collect_view();
    let id = format!("file-value-{file}-{}", field.key.replace('.', "-"));
    view! {
        <td>
            <select id=id aria-label=label on:change=on_change prop:value=value>
                <option value="">{as_layout}</option>
                {options}
            </select>
        </td>
    }
}
