//! Which layout of headings the header and mapping steps show, when the import's
//! files have more than one (issue 29): a button per layout naming its files, the one
//! shown pressed, each said to be mapped once the steps showed it. Continue on the
//! mapping step goes on to the next layout not mapped yet before the review.

use leptos::prelude::*;

use crate::{i18n::use_i18n, wizard::state::ImportState};

#[component]
pub fn LayoutSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<ImportState>();
    let groups = Memo::new(move |_| state.layout_groups());
    let buttons = move || {
        let locale = i18n.locale();
        let here = state.in_view.get();
        let names = state
            .files
            .with(|f| f.iter().map(|f| f.name.clone()).collect::<Vec<_>>());
        groups
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, group)| {
                let lead = group[0];
                let files = group
                    .iter()
                    .filter_map(|&f| names.get(f).cloned())
                    .collect::<Vec<_>>()
                    .join(", ");
                let shown = lead == here;
                let mapped = shown || state.layout_seen(lead);
                let status = locale.text(match (shown, mapped) {
                    (true, _) => "layouts.shown",
                    (false, true) => "layouts.mapped",
                    (false, false) => "layouts.not_mapped",
                });
                let title = locale.format("layouts.layout", &[("n", (i + 1).into())]);
                view! {
                    <button
                        type="button"
                        class="layouts__button"
                        id=format!("layout-{lead}")
                        aria-pressed=shown.to_string()
                        data-mapped=mapped.to_string()
                        on:click=move |_| state.view_layout(lead)
                    >
                        <strong>{title}</strong>
                        <span>{files}</span>
                        <span class="muted">{status}</span>
                    </button>
                }
            })
            .collect_view()
    };
    view! {
        <Show when=move || groups.with(|g| g.len() > 1)>
            <div class="layouts" role="group" aria-label=move || i18n.t("layouts.label") data-testid="layouts">
                {buttons}
            </div>
        </Show>
    }
}
