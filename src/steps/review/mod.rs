//! Step 5: the customers that will be created, with values as they will be stored and
//! every problem on its cell. Rows are corrected in place or excluded; a filter shows
//! only the rows with problems. A row fixed stays listed until the filter is set again.

pub mod column_width;
pub mod customer_rows;
pub mod fix_many;
pub mod row_look;

use customer_import_worker::protocol::ListFilter;
use leptos::prelude::*;

use crate::{
    components::checkbox::Checkbox,
    i18n::use_i18n,
    steps::{review::customer_rows::CustomerRows, review::fix_many::FixMany},
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

    view! {
        <section class="step" aria-labelledby="review-heading">
            <h2 id="review-heading" tabindex="-1">{move || i18n.t("review.heading")}</h2>
            <p class="muted">{move || i18n.t("review.explain")}</p>
            <p class="counts" role="status" data-testid="review-counts">{counts}</p>
            // The worker holding the rows broke: they are gone with it.
            <Show when=move || state.review.with(Option::is_none)>
                <p class="notice notice--error" role="alert">{move || i18n.t("file.read_failed")}</p>
            </Show>
            <FixMany />
            <Checkbox
                id="only-problems"
                checked=only_problems
                label=Signal::derive(move || i18n.t("review.only_problems"))
            />
            <CustomerRows filter=filter relist=0 editable=true />
        </section>
    }
}
