//! Step 5: the customers that will be created, with values as they will be stored and
//! every problem on its cell. Rows are corrected in place or excluded; a filter shows
//! only the rows with problems; "next problem" goes from one to the next. A row fixed
//! stays listed until the filter is set again. The form to fix many rows at once opens
//! on demand, so the grid has the page. When the import updates customers, each row
//! says whether it creates, updates (every changed field old → new) or changes
//! nothing, rows to update and unchanged rows are counted apart, and the filter can
//! show only new rows, only updates or only problems (`comparing`, `changes`).

pub mod changes;
pub mod choices;
pub mod column_width;
pub mod comparing;
pub mod customer_rows;
pub mod finding;
pub mod fix_many;
pub mod grid;
pub mod grid_keys;
pub mod grid_row;
pub mod grid_widths;
pub mod host_status;
pub mod problems;
pub mod row_look;
pub mod spellings;

use customer_import_worker::protocol::ListFilter;
use leptos::prelude::*;

use crate::{
    components::checkbox::Checkbox,
    i18n::use_i18n,
    steps::{
        review::customer_rows::CustomerRows, review::fix_many::FixMany,
        review::host_status::HostStatus, review::spellings::Spellings,
    },
    wizard::state::ImportState,
};

#[component]
pub fn ReviewStep() -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<ImportState>();
    let only_problems = RwSignal::new(false);
    // The filter of an import that updates: all, only new, only updates, only problems.
    let shown = RwSignal::new(ListFilter::All);
    let updating = Memo::new(move |_| state.mapping().is_some_and(|m| m.mapping.mode.updates()));
    let filter = Signal::derive(move || {
        if updating.get() {
            shown.get()
        } else if only_problems.get() {
            ListFilter::WithProblems
        } else {
            ListFilter::All
        }
    });
    let counts = move || {
        let c = state.counts.get();
        let problems = (c.problems + c.rejected).into();
        if updating.get() {
            let new = c.ready.saturating_sub(c.will_update + c.will_stay);
            return i18n.format(
                "review.counts_updating",
                &[
                    ("new", new.into()),
                    ("update", c.will_update.into()),
                    ("same", c.will_stay.into()),
                    ("problems", problems),
                    ("excluded", c.excluded.into()),
                ],
            );
        }
        i18n.format(
            "review.counts",
            &[
                ("ready", c.ready.into()),
                ("problems", problems),
                ("excluded", c.excluded.into()),
            ],
        )
    };
    let fixing = RwSignal::new(false);
    // Only one file's rows, when the import has several.
    let file_shown = RwSignal::new(None::<usize>);

    view! {
        <section class="step step--wide" aria-labelledby="review-heading">
            <div class="step__head">
                <h2 id="review-heading" tabindex="-1">{move || i18n.t("review.heading")}</h2>
                <p class="counts" role="status" data-testid="review-counts">{counts}</p>
            </div>
            <p class="muted">{move || i18n.t(if updating.get() { "review.explain_updating" } else { "review.explain" })}</p>
            // The worker holding the rows broke: they are gone with it.
            <Show when=move || state.review.with(Option::is_none)>
                <p class="notice notice--error" role="alert">{move || i18n.t("file.read_failed")}</p>
            </Show>
            <HostStatus />
            <Spellings />
            <Show when=move || fixing.get()>
                <FixMany />
            </Show>
            <CustomerRows filter=filter file=file_shown relist=0 saving=false>
                <FileChoice shown=file_shown />
                <Show
                    when=move || updating.get()
                    fallback=move || view! {
                        <Checkbox
                            id="only-problems"
                            checked=only_problems
                            label=Signal::derive(move || i18n.t("review.only_problems"))
                        />
                    }
                >
                    <FilterChoice shown=shown />
                </Show>
                <GroupsSwitch />
                <button
                    type="button"
                    id="fix-many-toggle"
                    class="button button--quiet"
                    aria-expanded=move || fixing.get().to_string()
                    aria-controls=move || fixing.get().then_some("fix-many")
                    on:click=move |_| fixing.update(|f| *f = !*f)
                >
                    {move || i18n.t("review.fix.heading")}
                </button>
            </CustomerRows>
        </section>
    }
}

/// Whose rows the grid lists when the import has several files: all files', or one's.
#[component]
fn FileChoice(shown: RwSignal<Option<usize>>) -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<ImportState>();
    let files = Memo::new(move |_| {
        let _ = state.review_generation.get();
        state.reviewed_files()
    });
    let on_change = move |ev| shown.set(event_target_value(&ev).parse().ok());
    let value = move || shown.get().map(|f| f.to_string()).unwrap_or_default();
    view! {
        <Show when=move || files.with(|f| f.len() > 1)>
            <label class="review-filter" for="review-file">
                <span>{move || i18n.t("review.file_filter")}</span>
                <select id="review-file" on:change=on_change prop:value=value>
                    <option value="">{move || i18n.t("review.all_files")}</option>
                    {move || files
                        .get()
                        .into_iter()
                        .map(|(f, name)| view! { <option value=f.to_string()>{name}</option> })
                        .collect_view()}
                </select>
            </label>
        </Show>
    }
}

/// Which rows an import that updates lists: all, only new, only updates, only problems.
#[component]
fn FilterChoice(shown: RwSignal<ListFilter>) -> impl IntoView {
    let i18n = use_i18n();
    const CHOICES: [(ListFilter, &str, &str); 4] = [
        (ListFilter::All, "all", "review.filter.all"),
        (ListFilter::New, "new", "review.filter.new"),
        (ListFilter::Updates, "updates", "review.filter.updates"),
        (
            ListFilter::WithProblems,
            "problems",
            "review.filter.problems",
        ),
    ];
    let on_change = move |ev| {
        let value = event_target_value(&ev);
        if let Some((filter, _, _)) = CHOICES.iter().find(|(_, v, _)| *v == value) {
            shown.set(*filter);
        }
    };
    let value = move || {
        CHOICES
            .iter()
            .find(|(f, _, _)| *f == shown.get())
            .map_or("all", |(_, v, _)| *v)
    };
    view! {
        <label class="review-filter" for="review-filter">
            <span>{move || i18n.t("review.filter.label")}</span>
            <select id="review-filter" on:change=on_change prop:value=value>
                {move || CHOICES
                    .iter()
                    .map(|(_, v, key)| view! { <option value=*v>{i18n.t(key)}</option> })
                    .collect_view()}
            </select>
        </label>
    }
}

/// Whether customer groups the project does not have are created, where their rows
/// say they do not exist: switching it checks the rows again, keeping the user's
/// changes. Shown when a column feeds the customer group.
#[component]
fn GroupsSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<ImportState>();
    let has_groups = move || {
        state.review.with(|c| {
            c.iter()
                .flatten()
                .any(|c| c.field.key == "customer_group" && !c.heading.is_empty())
        })
    };
    let busy = RwSignal::new(false);
    let on_change = move |ev| {
        let create = event_target_checked(&ev);
        busy.set(true);
        leptos::task::spawn_local(async move {
            state.recheck_groups(create).await;
            busy.set(false);
        });
    };
    let locked = move || !state.may_recheck();
    view! {
        <Show when=has_groups>
            <label class="checkbox" class:checkbox--busy=move || busy.get()>
                <input
                    id="review-create-missing-groups"
                    type="checkbox"
                    prop:checked=move || state.create_missing_groups.get()
                    disabled=move || busy.get() || locked()
                    aria-describedby=move || locked().then_some("review-groups-locked")
                    on:change=on_change
                />
                <span>{move || i18n.t("review.create_missing_groups")}</span>
            </label>
            <Show when=move || busy.get()>
                <span class="muted" role="status">{move || i18n.t("review.groups_busy")}</span>
            </Show>
            <Show when=locked>
                <span class="muted" id="review-groups-locked">{move || i18n.t("review.groups_locked")}</span>
            </Show>
        </Show>
    }
}
