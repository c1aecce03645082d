//! What the portal's own check of the rows is doing (issue 30), under the review's
//! heading: checking (and how many rows wait), or that it gave no answer, with "try
//! again". Nothing shows for an import without one, or once every row is answered.

use leptos::prelude::*;

use crate::{
    i18n::use_i18n,
    wizard::{
        host_check::{HookFailure, HookPhase},
        host_checks::HostChecks,
        state::ImportState,
    },
};

#[component]
pub fn HostStatus() -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<ImportState>();
    let checks = use_context::<Option<HostChecks>>().flatten();
    let Some(checks) = checks else {
        return ().into_any();
    };
    let waiting = move || state.counts.with(|c| c.awaiting_host);
    let failed = move || match checks.phase.get() {
        HookPhase::Failed(failure) => Some(failure),
        _ => None,
    };
    let checking = move || failed().is_none() && waiting() > 0;
    let failure_text = move || match failed() {
        Some(HookFailure::TimedOut) => i18n.t("review.host.timed_out"),
        Some(HookFailure::BadAnswer) => i18n.t("review.host.bad_answer"),
        Some(HookFailure::Threw(message)) if !message.trim().is_empty() => i18n.format(
            "review.host.threw",
            &[("message", message.trim().to_owned().into())],
        ),
        _ => i18n.t("review.host.failed"),
    };
    view! {
        <Show when=checking>
            <p class="muted" role="status" data-testid="host-checking">
                {move || i18n.format("review.host.checking", &[("n", waiting().into())])}
            </p>
        </Show>
        <Show when=move || failed().is_some()>
            <div class="notice notice--error" role="alert" data-testid="host-failed">
                <p>{failure_text}</p>
                <p>{move || i18n.t("review.host.kept")}</p>
                <button
                    type="button"
                    id="host-retry"
                    class="button"
                    on:click=move |_| checks.retry()
                >
                    {move || i18n.t("review.host.retry")}
                </button>
            </div>
        </Show>
    }
    .into_any()
}
