//! Step 4: which column feeds which field. One line per target field with its
//! explanation and required marker; the suggested (or remembered) column is chosen;
//! examples from the file show what the chosen column holds. Company type, customer
//! group and account manager can instead take one value for the whole file.

pub mod browser_copy;
pub mod choices;
pub mod starting;

use customer_import_domain::{
    mapping::Source,
    schema::{Field, ValueType},
    wire::ImportSchema,
};
use leptos::prelude::*;

use crate::{
    components::checkbox::Checkbox,
    i18n::{Locale, use_i18n},
    steps::mapping::choices::{decode_source, encode_source, with_choice},
    steps::mapping::starting::explanation,
    steps::work_progress::WorkProgress,
    wizard::state::{ImportState, today},
};

#[component]
pub fn MappingStep() -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<ImportState>();
    let columns = Memo::new(move |_| match state.table() {
        Some(Ok(t)) => t.headings.into_iter().zip(t.examples).collect(),
        _ => Vec::new(),
    });

    // Only whether there is a mapping and where it came from: the table is not drawn
    // again for every choice the user makes in it.
    let provenance = Memo::new(move |_| state.mapping().map(|m| m.provenance));

    let body = move || {
        let locale = i18n.locale();
        let schema = match state.schema.get().flatten() {
            None => {
                return view! { <p class="muted">{locale.text("mapping.loading")}</p> }.into_any();
            }
            Some(Err(failure)) => {
                return view! {
                    <p class="notice notice--error" role="alert">{locale.text(failure.key())}</p>
                }
                .into_any();
            }
            Some(Ok(schema)) => schema,
        };
        // The worker finds the mapping to start from; until then there is nothing to
        // choose from.
        let Some(provenance) = provenance.get() else {
            return view! { <p class="muted">{locale.text("mapping.loading")}</p> }.into_any();
        };
        let lines = schema
            .fields
            .iter()
            .map(|field| field_line(state, locale, &schema, field, columns))
            .collect_view();
        view! {
            {provenance.map(|p| view! {
                <p class="notice notice--ok" data-testid="mapping-remembered">{explanation(locale, &p, today())}</p>
            })}
            <table class="mapping">
                <thead>
                    <tr>
                        <th scope="col">{locale.text("mapping.field")}</th>
                        <th scope="col">{locale.text("mapping.column")}</th>
                        <th scope="col">{locale.text("mapping.examples")}</th>
                    </tr>
                </thead>
                <tbody>{lines}</tbody>
            </table>
            <Checkbox
                id="create-missing-groups"
                checked=state.create_missing_groups
                label=locale.text("mapping.create_missing_groups")
            />
            <p class="muted">{locale.text("mapping.no_invitations")}</p>
        }
        .into_any()
    };

    view! {
        <section class="step" aria-labelledby="mapping-heading">
            <h2 id="mapping-heading" tabindex="-1">{move || i18n.t("mapping.heading")}</h2>
            <p class="muted">{move || i18n.t("mapping.explain")}</p>
            {body}
            <Show when=move || state.checking.get()>
                <WorkProgress on_cancel=Callback::new(|()| ()) />
            </Show>
        </section>
    }
}

/// One target field: its name and explanation, where its values come from, examples.
fn field_line(
    state: ImportState,
    locale: Locale,
    schema: &ImportSchema,
    field: &Field,
    columns: Memo<Vec<(String, Vec<String>)>>,
) -> impl IntoView {
    let key = field.key.clone();
    let select_id = format!("map-{}", key.replace('.', "-"));
    let help_id = format!("{select_id}-help");
    let current = {
        let key = key.clone();
        move || {
            state
                .mapping()
                .and_then(|m| m.mapping.fields.get(&key).cloned())
        }
    };
    let on_change = {
        let key = key.clone();
        move |ev| {
            if let Some(effect) = state.mapping() {
                let choice = decode_source(&event_target_value(&ev));
                state.set_mapping(with_choice(&effect.mapping, &key, choice));
            }
        }
    };
    let fixed = field
        .file_wide
        .then(|| fixed_choices(locale, schema, &field.key))
        .filter(|c| !c.is_empty())
        .map(|choices| {
            view! {
                <optgroup label=locale.text("mapping.whole_file")>
                    {choices
                        .into_iter()
                        .map(|(value, text)| {
                            view! { <option value=encode_source(Some(&Source::Fixed(value)))>{text}</option> }
                        })
                        .collect_view()}
                </optgroup>
            }
        });
    let column_options = move || {
        columns
            .get()
            .into_iter()
            .enumerate()
            .map(|(c, (heading, _))| {
                view! { <option value=encode_source(Some(&Source::Column(c)))>{heading}</option> }
            })
            .collect_view()
    };
    let shown_examples = {
        let current = current.clone();
        move || match current() {
            Some(Source::Column(c)) => {
                columns.with(|cols| cols.get(c).map(|(_, e)| e.join(" · ")).unwrap_or_default())
            }
            Some(Source::Fixed(_)) => locale.text("mapping.every_row"),
            None => String::new(),
        }
    };
    let value = move || encode_source(current().as_ref());
    let help = field_help(locale, field);
    view! {
        <tr>
            <th scope="row">
                <label for=select_id.clone()>
                    {locale.language().field_label(field).into_owned()}
                    {field.required.then(|| view! {
                        <span class="required" aria-hidden="true">" *"</span>
                        <span class="visually-hidden">{format!(" ({})", locale.text("mapping.required"))}</span>
                    })}
                </label>
                <span class="mapping__help" id=help_id.clone()>{help}</span>
            </th>
            <td>
                <select id=select_id aria-describedby=help_id on:change=on_change prop:value=value>
                    <option value="">{locale.text("mapping.not_imported")}</option>
                    <optgroup label=locale.text("mapping.from_file")>{column_options}</optgroup>
                    {fixed}
                </select>
            </td>
            <td class="mapping__examples">{shown_examples}</td>
        </tr>
    }
}

/// What the field holds, in a line: a project's own field adds what its values must be.
fn field_help(locale: Locale, field: &Field) -> String {
    let help = locale.language().field_help(field);
    let rule = match field.custom.as_ref().map(|c| &c.value) {
        Some(ValueType::Number) => locale.text("mapping.rule.number"),
        Some(ValueType::Date) => locale.text("mapping.rule.date"),
        Some(ValueType::OneOf { options }) => locale.format(
            "mapping.rule.one_of",
            &[("options", options.join(", ").into())],
        ),
        Some(ValueType::Pattern { example, .. }) => {
            locale.format("mapping.rule.pattern", &[("example", example.into())])
        }
        Some(ValueType::Text) | None => String::new(),
    };
    [&*help, rule.as_str()]
        .into_iter()
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The values a file-wide field can take for the whole file: (value, text shown).
fn fixed_choices(locale: Locale, schema: &ImportSchema, field: &str) -> Vec<(String, String)> {
    match field {
        "company_type" => schema
            .company_types
            .iter()
            .map(|t| (t.key.clone(), t.name(locale.language()).to_owned()))
            .collect(),
        "customer_group" => schema
            .groups
            .iter()
            .map(|g| (g.clone(), g.clone()))
            .collect(),
        "account_manager" => schema
            .account_managers
            .iter()
            .map(|m| (m.email.clone(), format!("{} <{}>", m.name, m.email)))
            .collect(),
        _ => Vec::new(),
    }
}
