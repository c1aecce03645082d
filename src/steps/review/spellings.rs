//! The values in the file's list columns (unit, customer group, company type, account
//! manager, a project field of choices) that name nothing in the project's list (issue
//! 29): each spelling once, with how many rows hold it and the item it most likely
//! means already picked. The user picks an item for each, or leaves its rows as they
//! are, and every row with the spelling takes the item; the choices are kept with the
//! layout's mapping, so the next file spelled the same way needs nothing. Shown only
//! while there is such a spelling. The matching is the worker's (`Spellings`).

use customer_import_domain::mapping::Source;
use customer_import_worker::protocol::{
    Column, FieldChoices, Spelling, Spellings as AskSpellings, ValueChoice,
};
use leptos::prelude::*;

use crate::{
    i18n::use_i18n,
    steps::review::{
        choices::{Choice, choice_of, for_field},
        fix_many::form::column_name,
    },
    wizard::state::ImportState,
};

/// A list column with spellings to choose for.
#[derive(Clone)]
struct Listed {
    column: usize,
    info: Column,
    choices: Vec<Choice>,
    spellings: Vec<(Spelling, Option<usize>)>,
}

#[component]
pub fn Spellings() -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<ImportState>();
    // Asked for each new review, and after choices are applied.
    let applied = RwSignal::new(0u64);
    let listed = LocalResource::new(move || {
        let _ = (state.review_generation.get(), applied.get());
        let columns = state.review.get().unwrap_or_default();
        let schema = state.schema.get().flatten().and_then(Result::ok);
        let language = i18n.locale().language();
        async move {
            let schema = schema?;
            let mut out = Vec::new();
            for (column, info) in columns.into_iter().enumerate() {
                if !matches!(info.source, Source::Column(_)) {
                    continue;
                }
                let Some(choices) = for_field(&schema, &info.field, language) else {
                    continue;
                };
                let Some(Ok(spellings)) = state.worker.ask(AskSpellings { column }).await else {
                    continue;
                };
                if spellings.is_empty() {
                    continue;
                }
                let spellings = spellings
                    .into_iter()
                    .map(|s| {
                        let picked = s.suggestion.as_ref().and_then(|(item, _)| {
                            choice_of(&schema, &info.field, language, &choices, item)
                        });
                        (s, picked)
                    })
                    .collect();
                out.push(Listed {
                    column,
                    info,
                    choices,
                    spellings,
                });
            }
            Some(out)
        }
    });
    let columns = move || listed.get().flatten().unwrap_or_default();
    let spelled = move || {
        listed.with(|l| {
            l.iter()
                .flatten()
                .flatten()
                .map(|c| c.spellings.len())
                .sum::<usize>()
        })
    };
    // Folded until asked for, as the form to fix many rows: the grid keeps the page.
    let open = RwSignal::new(false);

    view! {
        <Show when=move || { spelled() > 0 }>
            <section class="spellings" aria-labelledby="spellings-heading" data-testid="spellings">
                <div class="spellings__head">
                    <h3 id="spellings-heading">
                        {move || i18n.format("review.spellings.summary", &[("n", spelled().into())])}
                    </h3>
                    <button
                        type="button"
                        id="spellings-toggle"
                        class="button button--quiet"
                        aria-expanded=move || open.get().to_string()
                        aria-controls=move || open.get().then_some("spellings-body")
                        on:click=move |_| open.update(|o| *o = !*o)
                    >
                        {move || i18n.t(if open.get() { "review.spellings.hide" } else { "review.spellings.show" })}
                    </button>
                </div>
                <Show when=move || open.get()>
                    <div id="spellings-body">
                        <p class="muted">{move || i18n.t("review.spellings.explain")}</p>
                        <For
                            each=columns
                            key=|l| (l.column, l.spellings.iter().map(|(s, _)| s.value.clone()).collect::<Vec<_>>())
                            children=move |l| view! { <ColumnSpellings listed=l applied=applied /> }
                        />
                    </div>
                </Show>
            </section>
        </Show>
    }
}

/// Spellings listed at most before a search box helps find one.
const SEARCH_FROM: usize = 8;

/// One column's spellings, each with its pick, and the button that applies them. The
/// picks share one list of the project's items (a `datalist`), so hundreds of
/// spellings against thousands of units stay light; a pick that names no item is
/// marked and left out.
#[component]
fn ColumnSpellings(listed: Listed, applied: RwSignal<u64>) -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<ImportState>();
    let Listed {
        column,
        info,
        choices,
        spellings,
    } = listed;
    let field = info.field.key.clone();
    let name = move || {
        let label = i18n
            .locale()
            .language()
            .field_label(&info.field)
            .into_owned();
        column_name(label, &info.heading)
    };
    // Each spelling's pick as typed or suggested: an item's value, or empty to leave
    // its rows as they are.
    let picks: Vec<RwSignal<String>> = spellings
        .iter()
        .map(|(_, picked)| {
            RwSignal::new(picked.map(|i| choices[i].value.clone()).unwrap_or_default())
        })
        .collect();
    let choices = StoredValue::new(choices);
    let values = StoredValue::new(
        spellings
            .iter()
            .map(|(s, _)| s.value.clone())
            .collect::<Vec<_>>(),
    );
    let picks_kept = StoredValue::new(picks.clone());
    let search = RwSignal::new(String::new());
    let searchable = spellings.len() > SEARCH_FROM;
    let working = RwSignal::new(false);
    let apply = move |_| {
        let mut chosen = FieldChoices::new();
        values.with_value(|values| {
            picks_kept.with_value(|picks| {
                for (value, pick) in values.iter().zip(picks) {
                    let item = choices.with_value(|c| picked_item(c, &pick.get_untracked()));
                    if let Some(item) = item {
                        chosen.insert(value.clone(), ValueChoice::Item(item));
                    }
                }
            })
        });
        if chosen.is_empty() {
            return;
        }
        let field = field.clone();
        working.set(true);
        leptos::task::spawn_local(async move {
            let _ = state.choose_values(column, field, chosen).await;
            working.set(false);
            applied.update(|a| *a += 1);
        });
    };
    let items_id = format!("spelling-items-{column}");
    let rows = spellings
        .into_iter()
        .zip(picks)
        .enumerate()
        .map(|(k, ((spelling, _), pick))| {
            let id = format!("spelling-{column}-{k}");
            let value = spelling.value.clone();
            let label = move || {
                i18n.format(
                    "review.spellings.becomes_of",
                    &[("value", value.clone().into())],
                )
            };
            let shown = {
                let value = spelling.value.to_lowercase();
                move || search.with(|s| s.trim().is_empty() || value.contains(&s.trim().to_lowercase()))
            };
            let unknown = move || {
                pick.with(|p| !p.trim().is_empty() && choices.with_value(|c| picked_item(c, p).is_none()))
            };
            view! {
                <tr style:display=move || (!shown()).then_some("none")>
                    <td class="spellings__value">{spelling.value.clone()}</td>
                    <td class="spellings__rows">{move || i18n.locale().number(spelling.rows as u64)}</td>
                    <td>
                        <input
                            id=id
                            list=items_id.clone()
                            aria-label=label
                            aria-invalid=move || unknown().then_some("true")
                            placeholder=move || i18n.t("review.spellings.leave")
                            prop:value=move || pick.get()
                            on:change=move |ev| pick.set(event_target_value(&ev))
                        />
                    </td>
                </tr>
            }
        })
        .collect_view();
    let options = choices.with_value(|c| {
        c.iter()
            .map(|choice| view! { <option value=choice.value.clone()>{choice.label.clone()}</option> })
            .collect_view()
    });
    view! {
        <div class="spellings__column" data-column=column>
            <h4>{name}</h4>
            <datalist id=items_id>{options}</datalist>
            {searchable.then(|| view! {
                <input
                    type="search"
                    class="spellings__search"
                    id=format!("spelling-search-{column}")
                    aria-label=move || i18n.t("review.spellings.search")
                    placeholder=move || i18n.t("review.spellings.search")
                    on:input=move |ev| search.set(event_target_value(&ev))
                />
            })}
            <div class="spellings__scroll">
                <table class="spellings__table">
                    <thead>
                        <tr>
                            <th scope="col">{move || i18n.t("review.spellings.value")}</th>
                            <th scope="col">{move || i18n.t("review.spellings.rows")}</th>
                            <th scope="col">{move || i18n.t("review.spellings.becomes")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <button
                type="button"
                class="button"
                id=format!("apply-spellings-{column}")
                disabled=move || working.get()
                on:click=apply
            >
                {move || i18n.t("review.spellings.apply")}
            </button>
        </div>
    }
}

/// The item a pick names: a choice's value, or its label as the list shows it.
fn picked_item(choices: &[Choice], pick: &str) -> Option<String> {
    let pick = pick.trim();
    if pick.is_empty() {
        return None;
    }
    choices
        .iter()
        .find(|c| c.value == pick || c.label == pick)
        .map(|c| c.value.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pick_names_an_item_by_its_value_or_its_label() {
        let choices = [Choice {
            value: "kari@nordbygg.example".into(),
            label: "Kari Saksbehandler · kari@nordbygg.example".into(),
        }];
        let item = Some("kari@nordbygg.example".to_owned());
        assert_eq!(picked_item(&choices, " kari@nordbygg.example "), item);
        assert_eq!(
            picked_item(&choices, "Kari Saksbehandler · kari@nordbygg.example"),
            item
        );
        assert_eq!(picked_item(&choices, ""), None, "left as it is");
        assert_eq!(picked_item(&choices, "Kari"), None, "no such item");
    }
}
