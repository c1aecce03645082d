//! The review's form to fix many rows at once (issue 20.4): in one column chosen from
//! the file, replace a text by another (every occurrence, or whole cells only;
//! case-sensitive), or fill the empty cells with one value. The worker changes and
//! checks the rows; the counts above the table follow, and the form says how many
//! cells changed. What it asks for is `crate::steps::review::fix_many::form`.

pub mod form;

use leptos::prelude::*;

use crate::{
    components::checkbox::Checkbox,
    i18n::use_i18n,
    steps::review::fix_many::form::{
        Outcome, column_in_use, column_name, columns_offered, fill_empty, replace,
    },
    wizard::state::ImportState,
};

#[component]
pub fn FixMany() -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<ImportState>();
    let offered = Memo::new(move |_| {
        state.review.with(|columns| {
            let columns = columns.as_deref().unwrap_or_default();
            columns_offered(columns)
                .into_iter()
                .map(|i| (i, columns[i].field.clone(), columns[i].heading.clone()))
                .collect::<Vec<_>>()
        })
    });
    let chosen = RwSignal::new(None::<usize>);
    // The first offered column until the user picks one (or after the review changed
    // and their pick is gone).
    let column = Memo::new(move |_| {
        let offered: Vec<usize> = offered.with(|o| o.iter().map(|(i, _, _)| *i).collect());
        column_in_use(&offered, chosen.get())
    });
    let find = RwSignal::new(String::new());
    let with = RwSignal::new(String::new());
    let whole_cell = RwSignal::new(false);
    let fill = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    // How many cells the last change made, for the review it was made in.
    let changed = RwSignal::new(None::<(u64, usize)>);
    let result = move || {
        Outcome::of(busy.get(), changed.get(), state.review_generation.get()).map(|r| match r {
            Outcome::Working => i18n.t("review.fix.working"),
            Outcome::NoneChanged => i18n.t("review.fix.none"),
            Outcome::Changed(n) => i18n.format("review.fix.changed", &[("n", n.into())]),
        })
    };

    let run = move |edit| {
        let Some(column) = column.get_untracked() else {
            return;
        };
        busy.set(true);
        let generation = state.review_generation.get_untracked();
        leptos::task::spawn_local(async move {
            let n = state.bulk_edit(column, edit).await;
            busy.set(false);
            changed.set(n.map(|n| (generation, n)));
        });
    };
    let on_replace = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(edit) = replace(
            &find.get_untracked(),
            &with.get_untracked(),
            whole_cell.get_untracked(),
        ) {
            run(edit);
        }
    };
    let on_fill = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(edit) = fill_empty(&fill.get_untracked()) {
            run(edit);
        }
    };
    let options = move || {
        let language = i18n.locale().language();
        offered
            .get()
            .into_iter()
            .map(|(i, field, heading)| {
                let text = column_name(language.field_label(&field).into_owned(), &heading);
                view! { <option value=i.to_string()>{text}</option> }
            })
            .collect_view()
    };
    let text_input = move |id: &'static str, label: &'static str, value: RwSignal<String>| {
        view! {
            <div class="field">
                <label class="field__label" for=id>{move || i18n.t(label)}</label>
                <input
                    id=id
                    type="text"
                    autocomplete="off"
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
            </div>
        }
    };

    view! {
        <Show when=move || !offered.with(Vec::is_empty)>
            <section id="fix-many" class="fix-many" aria-labelledby="fix-many-heading" aria-busy=move || busy.get().to_string()>
                <h3 id="fix-many-heading">{move || i18n.t("review.fix.heading")}</h3>
                <div class="field">
                    <label class="field__label" for="fix-column">{move || i18n.t("review.fix.column")}</label>
                    <select
                        id="fix-column"
                        prop:value=move || column.get().map(|c| c.to_string()).unwrap_or_default()
                        on:change=move |ev| chosen.set(event_target_value(&ev).parse().ok())
                    >
                        {options}
                    </select>
                </div>
                <form class="field-row" on:submit=on_replace aria-label=move || i18n.t("review.fix.replace_form")>
                    {text_input("fix-find", "review.fix.find", find)}
                    {text_input("fix-with", "review.fix.with", with)}
                    <Checkbox
                        id="fix-whole"
                        checked=whole_cell
                        label=Signal::derive(move || i18n.t("review.fix.whole_cell"))
                    />
                    <button
                        id="fix-replace"
                        class="button"
                        type="submit"
                        disabled=move || busy.get() || find.with(String::is_empty)
                    >
                        {move || i18n.t("review.fix.replace")}
                    </button>
                </form>
                <form class="field-row" on:submit=on_fill aria-label=move || i18n.t("review.fix.fill_form")>
                    {text_input("fix-fill", "review.fix.fill_with", fill)}
                    <button
                        id="fix-fill-button"
                        class="button"
                        type="submit"
                        disabled=move || busy.get() || fill.with(|f| f.trim().is_empty())
                    >
                        {move || i18n.t("review.fix.fill")}
                    </button>
                </form>
                <p class="fix-many__result" role="status" data-testid="fix-result">{result}</p>
            </section>
        </Show>
    }
}
