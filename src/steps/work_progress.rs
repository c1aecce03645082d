//! What the worker is doing for the step (reading the file, checking its rows), how
//! far it has come, and a button to stop it.

use customer_import_worker::protocol::Phase;
use leptos::prelude::*;

use crate::{i18n::use_i18n, wizard::state::ImportState};

#[component]
pub fn WorkProgress(
    /// Called after the worker was stopped.
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<ImportState>();
    let progress = state.worker.progress;
    let text = move || {
        let locale = i18n.locale();
        match progress.get() {
            Some(p) if p.phase == Phase::Checking => locale.format(
                "work.checking",
                &[("done", p.done.into()), ("total", p.total.into())],
            ),
            _ => locale.text("file.reading"),
        }
    };
    // Reading tells no fraction: the bar then shows only that work goes on.
    let fraction = move || {
        progress
            .get()
            .filter(|p| p.phase == Phase::Checking && p.total > 0)
            .map(|p| p.done as f64 / p.total as f64)
    };
    let cancel = move |_| {
        state.cancel_work();
        on_cancel.run(());
    };
    view! {
        <div class="work" data-testid="work-progress">
            <p role="status" aria-live="polite">{text}</p>
            <div class="save__progress">
                {move || match fraction() {
                    Some(f) => view! { <progress aria-label=text max="1" value=f></progress> }.into_any(),
                    None => view! { <progress aria-label=text></progress> }.into_any(),
                }}
                <button type="button" id="cancel-work" class="button button--quiet" on:click=cancel>
                    {move || i18n.t("work.cancel")}
                </button>
            </div>
        </div>
    }
}
