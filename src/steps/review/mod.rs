//! Step 5: the customers that will be created, with values as they will be stored and
//! every problem on its cell. Rows are corrected in place or excluded; a filter shows
//! only the rows with problems; "next problem" goes from one to the next. A row fixed
//! stays listed until the filter is set again. The form to fix many rows at once opens
//! on demand, so the grid has the page.

pub mod choices;
pub mod column_width;
pub mod customer_rows;
pub mod finding;
pub mod fix_many;
pub mod grid;
pub mod grid_keys;
pub mod grid_row;
pub mod grid_widths;
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
        review::spellings::Spellings,
    },
    wizard::state::ImportState,
};

#[component]
pub fn ReviewStep() -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<ImportState>();
    let only_problems = RwSignal::new(false);
    let filter = Signal::derive(move || {
        if only_problems.get() {
            ListFilter::WithProblems
        } else {
            ListFilter::All
        }
    });
    let counts = move || {
        let c = state.counts.get();
        i18n.format(
            "review.counts",
            &[
                ("ready", c.ready.into()),
                ("problems", (c.problems + c.rejected).into()),
                ("excluded", c.excluded.into()),
            ],
        )
    };
    let fixing = RwSignal::new(false);

    view! {
        <section class="step step--wide" aria-labelledby="review-heading">
            <div class="step__head">
                <h2 id="review-heading" tabindex="-1">{move || i18n.t("review.heading")}</h2>
                <p class="counts" role="status" data-testid="review-counts">{counts}</p>
            </div>
            <p class="muted">{move || i18n.t("review.explain")}</p>
            // The worker holding the rows broke: they are gone with it.
            <Show when=move || state.review.with(Option::is_none)>
                <p class="notice notice--error" role="alert">{move || i18n.t("file.read_failed")}</p>
            </Show>
            <Spellings />
            <Show when=move || fixing.get()>
                <FixMany />
            </Show>
            <CustomerRows filter=filter relist=0 saving=false>
                <Checkbox
                    id="only-problems"
                    checked=only_problems
                    label=Signal::derive(move || i18n.t("review.only_problems"))
                />
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
