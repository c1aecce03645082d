//! Step 4: where each column of the file goes. One line per column with its heading,
//! a few of its values and the field it fills (or "not imported", said plainly), the
//! suggested or remembered choice first; what that field holds, in the project's own
//! values. A field taken from another column is said, with Undo. Company type,
//! customer group and account manager can instead take one value for the whole file.
//! Before Continue the step names the required fields without a value and the columns
//! left behind. What a choice changes is [`columns`]'s. Above the columns, what the
//! import does with customers that exist ([`mode_choice`]); when it updates, a column
//! may blank stored values with its empty cells ([`updating`]).

pub mod browser_copy;
pub mod columns;
mod file_values;
mod mode_choice;
pub mod starting;
pub mod updating;

use customer_import_domain::cell::column_letter;
use customer_import_domain::{
    mapping::Mapping,
    schema::{Field, ValueType},
    wire::ImportSchema,
};
use leptos::prelude::*;

use crate::{
    components::checkbox::Checkbox,
    i18n::{Locale, use_i18n},
    steps::layouts::LayoutSwitch,
    steps::mapping::columns::{
        Takeover, assign, not_imported, required_missing, whole_file_value, with_whole_file_value,
    },
    steps::mapping::file_values::FileValues,
    steps::mapping::mode_choice::ModeChoice,
    steps::mapping::starting::explanation,
    steps::mapping::updating::{blankable, with_blank},
    steps::work_progress::WorkProgress,
    wizard::state::{ImportState, today},
};

#[component]
pub fn MappingStep() -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<ImportState>();
    // Each column of the file: its heading and a few of its values.
    let columns = Memo::new(move |_| match state.table() {
        Some(Ok(t)) => t.headings.into_iter().zip(t.examples).collect(),
        _ => Vec::<(String, Vec<String>)>::new(),
    });
    // The mapping in effect. Lines read it where they need it, so a choice does not
    // draw the table again.
    let mapping = Memo::new(move |_| state.mapping().map(|m| m.mapping));
    // Only whether there is a mapping and where it came from.
    let provenance = Memo::new(move |_| state.mapping().map(|m| m.provenance));
    // The last choice that took a field from another column, until the next choice.
    let takeover = RwSignal::new(None::<Takeover>);
    let choose = Callback::new(move |(column, field): (usize, Option<String>)| {
        if let Some(current) = mapping.get_untracked() {
            let (next, taken) = assign(&current, column, field.as_deref());
            takeover.set(taken);
            state.set_mapping(next);
        }
    });

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
        let schema = StoredValue::new(schema);
        let lines = columns
            .get()
            .into_iter()
            .enumerate()
            .map(|(c, (_, examples))| {
                column_line(locale, schema, mapping, columns, choose, c, examples)
            })
            .collect_view();
        // Each file's own values, when several files share this layout.
        let several = state.files.with(|f| f.len() > 1);
        let file_wide = schema.with_value(|s| {
            s.fields
                .iter()
                .filter(|f| f.file_wide)
                .map(|f| (f.clone(), fixed_choices(locale, s, &f.key)))
                .collect::<Vec<_>>()
        });
        let whole_file = schema
            .with_value(|s| {
                s.fields
                    .iter()
                    .filter(|f| f.file_wide)
                    .cloned()
                    .collect::<Vec<_>>()
            })
            .into_iter()
            .map(|f| whole_file_line(state, locale, schema, mapping, columns, f))
            .collect_view();
        view! {
            {provenance.map(|p| view! {
                <p class="notice notice--ok" data-testid="mapping-remembered">{explanation(locale, &p, today())}</p>
            })}
            <Takeover takeover=takeover columns=columns />
            <ModeChoice
                mapping=mapping
                headings=Signal::derive(move || columns.with(|c| c.iter().map(|(h, _)| h.clone()).collect()))
            />
            <table class="mapping">
                <thead>
                    <tr>
                        <th scope="col">{locale.text("mapping.file_column")}</th>
                        <th scope="col">{locale.text("mapping.examples")}</th>
                        <th scope="col">{locale.text("mapping.goes_to")}</th>
                    </tr>
                </thead>
                <tbody>{lines}</tbody>
            </table>
            // With several files, each file's values take the place of one for all.
            {if several {
                view! { <FileValues mapping=mapping headings=columns fields=file_wide /> }.into_any()
            } else {
                view! {
                    <section class="mapping__whole" aria-labelledby="mapping-whole-heading">
                        <h3 id="mapping-whole-heading">{locale.text("mapping.whole_file")}</h3>
                        <p class="muted">{locale.text("mapping.whole_file_explain")}</p>
                        {whole_file}
                    </section>
                }
                .into_any()
            }}
            <Checkbox
                id="create-missing-groups"
                checked=state.create_missing_groups
                label=locale.text("mapping.create_missing_groups")
            />
            <Summary schema=schema mapping=mapping columns=columns />
            <p class="muted">{locale.text("mapping.no_invitations")}</p>
        }
        .into_any()
    };

    view! {
        <section class="step" aria-labelledby="mapping-heading">
            <h2 id="mapping-heading" tabindex="-1">{move || i18n.t("mapping.heading")}</h2>
            <LayoutSwitch />
            <p class="muted">{move || i18n.t("mapping.explain")}</p>
            {body}
            <Show when=move || state.checking.get()>
                <WorkProgress on_cancel=Callback::new(|()| ()) />
            </Show>
            {move || state.compare_failed.get().map(|failure| view! {
                <p class="notice notice--error" role="alert" data-testid="compare-failed">{i18n.t(failure.key())}</p>
            })}
        </section>
    }
}

/// A column as the step names it: its heading, or its letter when it has none.
fn column_name(locale: Locale, columns: &[(String, Vec<String>)], c: usize) -> String {
    match columns.get(c).map(|(h, _)| h.trim()) {
        Some(h) if !h.is_empty() => h.to_owned(),
        _ => locale.format(
            "mapping.column_letter",
            &[("letter", column_letter(c).into())],
        ),
    }
}

/// One column of the file: its heading, some of its values, and the field it goes to
/// (or "not imported"), with what that field holds.
fn column_line(
    locale: Locale,
    schema: StoredValue<ImportSchema>,
    mapping: Memo<Option<Mapping>>,
    columns: Memo<Vec<(String, Vec<String>)>>,
    choose: Callback<(usize, Option<String>)>,
    c: usize,
    examples: Vec<String>,
) -> impl IntoView {
    let select_id = format!("map-col-{c}");
    let help_id = format!("{select_id}-help");
    let field_here = move || mapping.with(|m| m.as_ref()?.field_of_column(c).map(str::to_owned));
    let name = columns.with_untracked(|cols| column_name(locale, cols, c));
    // Each field, with the column it comes from now when that is another one.
    let options = move || {
        schema.with_value(|s| {
            s.fields
                .iter()
                .map(|f| {
                    let mut text = locale.language().field_label(f).into_owned();
                    if f.required {
                        text = format!("{text} *");
                    }
                    let elsewhere =
                        mapping.with(|m| m.as_ref()?.column_of(&f.key).filter(|&o| o != c));
                    if let Some(other) = elsewhere {
                        let column = columns.with(|cols| column_name(locale, cols, other));
                        text = locale.format(
                            "mapping.taken_from",
                            &[("field", text.into()), ("column", column.into())],
                        );
                    }
                    view! { <option value=f.key.clone()>{text}</option> }
                })
                .collect_view()
        })
    };
    let help = move || {
        let key = field_here()?;
        schema.with_value(|s| {
            let field = s.fields.iter().find(|f| f.key == key)?;
            Some(field_help(locale, s, field))
        })
    };
    let on_change = move |ev| {
        let value = event_target_value(&ev);
        choose.run((c, (!value.is_empty()).then_some(value)));
    };
    let examples = examples
        .into_iter()
        .map(|e| view! { <li>{e}</li> })
        .collect_view();
    view! {
        <tr class="mapping__line" class:mapping__line--skipped=move || field_here().is_none() data-column=c>
            <th scope="row">
                <label for=select_id.clone()>{name}</label>
            </th>
            <td class="mapping__examples"><ul>{examples}</ul></td>
            <td>
                <select
                    id=select_id
                    aria-describedby=help_id.clone()
                    on:change=on_change
                    prop:value=move || field_here().unwrap_or_default()
                >
                    <option value="">{locale.text("mapping.not_imported")}</option>
                    {options}
                </select>
                <span class="mapping__help" id=help_id>{help}</span>
                {blank_choice(locale, mapping, c)}
            </td>
        </tr>
    }
}

/// When the import updates: whether an empty cell of column `c` blanks the stored
/// value of its field (off unless chosen).
fn blank_choice(locale: Locale, mapping: Memo<Option<Mapping>>, c: usize) -> impl IntoView {
    let state = expect_context::<ImportState>();
    let field =
        move || mapping.with(|m| m.as_ref().and_then(|m| blankable(m, c).map(str::to_owned)));
    move || {
        let field = field()?;
        let id = format!("blank-col-{c}");
        let checked = {
            let field = field.clone();
            move || mapping.with(|m| m.as_ref().is_some_and(|m| m.blank.contains(&field)))
        };
        let on_change = move |ev| {
            if let Some(current) = mapping.get_untracked() {
                state.set_mapping(with_blank(&current, &field, event_target_checked(&ev)));
            }
        };
        Some(view! {
            <label class="checkbox mapping__blank">
                <input id=id type="checkbox" prop:checked=checked on:change=on_change />
                <span>{locale.text("mapping.blank")}</span>
            </label>
        })
    }
}

/// A field that can take one value for every row: the value chosen, or the column it
/// comes from.
fn whole_file_line(
    state: ImportState,
    locale: Locale,
    schema: StoredValue<ImportSchema>,
    mapping: Memo<Option<Mapping>>,
    columns: Memo<Vec<(String, Vec<String>)>>,
    field: Field,
) -> impl IntoView {
    let key = field.key.clone();
    let select_id = format!("map-whole-{}", key.replace('.', "-"));
    let choices = schema.with_value(|s| fixed_choices(locale, s, &key));
    let from_column = {
        let key = key.clone();
        move || mapping.with(|m| m.as_ref()?.column_of(&key))
    };
    let value = {
        let key = key.clone();
        move || {
            mapping.with(|m| {
                m.as_ref()
                    .and_then(|m| whole_file_value(m, &key).map(str::to_owned))
                    .unwrap_or_default()
            })
        }
    };
    let on_change = {
        let key = key.clone();
        move |ev| {
            let chosen = event_target_value(&ev);
            if let Some(current) = mapping.get_untracked() {
                let value = (!chosen.is_empty()).then_some(chosen.as_str());
                state.set_mapping(with_whole_file_value(&current, &key, value));
            }
        }
    };
    let label = locale.language().field_label(&field).into_owned();
    // Built at each render from the choices, not cloned views: views are not `Clone`
    // when components are type-erased (`--cfg erase_components`).
    let options = move || {
        choices
            .iter()
            .map(|(value, text)| view! { <option value=value.clone()>{text.clone()}</option> })
            .collect_view()
    };
    view! {
        <div class="field mapping__whole-line">
            <label class="field__label" for=select_id.clone()>{label}</label>
            {move || match from_column() {
                Some(c) => {
                    let column = columns.with(|cols| column_name(locale, cols, c));
                    view! {
                        <p class="muted" id=select_id.clone()>
                            {locale.format("mapping.whole_file_from_column", &[("column", column.into())])}
                        </p>
                    }
                    .into_any()
                }
                None => view! {
                    <select id=select_id.clone() on:change=on_change.clone() prop:value=value.clone()>
                        <option value="">{locale.text("mapping.whole_file_none")}</option>
                        {options()}
                    </select>
                }
                .into_any(),
            }}
        </div>
    }
}

/// What giving a column a field took from another column, with a way back.
#[component]
fn Takeover(
    takeover: RwSignal<Option<Takeover>>,
    columns: Memo<Vec<(String, Vec<String>)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<ImportState>();
    let undo = move |_| {
        if let Some(t) = takeover.get_untracked() {
            state.set_mapping(t.before);
            takeover.set(None);
        }
    };
    view! {
        <div role="status" aria-live="polite">
            {move || takeover.get().map(|t| {
                let locale = i18n.locale();
                let field = state
                    .schema
                    .with(|s| {
                        s.as_ref()
                            .and_then(|s| s.as_ref())
                            .and_then(|s| s.as_ref().ok())
                            .and_then(|s| s.fields.iter().find(|f| f.key == t.field))
                            .map(|f| locale.language().field_label(f).into_owned())
                    })
                    .unwrap_or_else(|| t.field.clone());
                let (from, to) = columns.with(|cols| (column_name(locale, cols, t.from), column_name(locale, cols, t.to)));
                view! {
                    <p class="notice notice--warning mapping__takeover" data-testid="mapping-takeover">
                        {locale.format(
                            "mapping.takeover",
                            &[("field", field.into()), ("to", to.into()), ("from", from.into())],
                        )}
                        " "
                        <button type="button" id="mapping-undo" class="button button--quiet" on:click=undo>
                            {locale.text("mapping.undo")}
                        </button>
                    </p>
                }
            })}
        </div>
    }
}

/// Before Continue: the required fields still without a value, and the columns that
/// will not be imported, named together.
#[component]
fn Summary(
    schema: StoredValue<ImportSchema>,
    mapping: Memo<Option<Mapping>>,
    columns: Memo<Vec<(String, Vec<String>)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let missing = move || {
        let locale = i18n.locale();
        let names = mapping.with(|m| {
            let m = m.as_ref()?;
            schema.with_value(|s| {
                let required = s
                    .fields
                    .iter()
                    .filter(|f| f.required)
                    .map(|f| f.key.as_str());
                let missing = required_missing(m, required);
                let names: Vec<String> = s
                    .fields
                    .iter()
                    .filter(|f| missing.contains(&f.key.as_str()))
                    .map(|f| locale.language().field_label(f).into_owned())
                    .collect();
                (!names.is_empty()).then(|| names.join(", "))
            })
        })?;
        Some(view! {
            <p class="notice notice--warning" data-testid="mapping-missing">
                {locale.format("mapping.required_missing", &[("fields", names.into())])}
            </p>
        })
    };
    let skipped = move || {
        let locale = i18n.locale();
        let count = columns.with(Vec::len);
        let skipped = mapping.with(|m| {
            m.as_ref()
                .map(|m| not_imported(m, count))
                .unwrap_or_default()
        });
        let text = if skipped.is_empty() {
            locale.text("mapping.all_imported")
        } else {
            let names = columns.with(|cols| {
                skipped
                    .iter()
                    .map(|&c| {
                        locale.format(
                            "mapping.quoted",
                            &[("text", column_name(locale, cols, c).into())],
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            });
            locale.format(
                "mapping.not_imported_list",
                &[("n", skipped.len().into()), ("columns", names.into())],
            )
        };
        view! { <p class="mapping__skipped" data-testid="mapping-not-imported">{text}</p> }
    };
    view! {
        <div class="mapping__summary">
            {missing}
            {skipped}
        </div>
    }
}

/// What the field holds, in a line: a project's own field adds what its values must
/// be, a list field the project's own values.
fn field_help(locale: Locale, schema: &ImportSchema, field: &Field) -> String {
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
    let values = project_values(locale, schema, &field.key);
    [&*help, rule.as_str(), values.as_str()]
        .into_iter()
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A few of the project's values of a list field ("In this project: E-101, E-102, …"),
/// so the help speaks of this project's units and groups, not of made-up ones.
fn project_values(locale: Locale, schema: &ImportSchema, field: &str) -> String {
    const SHOWN: usize = 4;
    let values: Vec<String> = match field {
        "unit" => schema.units.clone(),
        _ => fixed_choices(locale, schema, field)
            .into_iter()
            .map(|(_, text)| text)
            .collect(),
    };
    if values.is_empty() {
        return String::new();
    }
    let shown = values
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    match values.len().checked_sub(SHOWN).filter(|&more| more > 0) {
        None => locale.format("mapping.project_values", &[("values", shown.into())]),
        Some(more) => locale.format(
            "mapping.project_values_more",
            &[("values", shown.into()), ("more", more.into())],
        ),
    }
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
