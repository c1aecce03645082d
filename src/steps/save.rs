//! Steps 6 and 7: the rows are sent in chunks with a progress bar and can be cancelled;
//! each row ends created (green) or not (red, with the server's reasons in words).
//! Failed rows are corrected in place and sent again, or downloaded as a CSV to fix in
//! Excel. Created rows are never sent twice.

use customer_import_worker::protocol::{Answer, ListFilter, Request};
use leptos::prelude::*;

use crate::{
    api::Api, components::checkbox::Checkbox, download::download_text, i18n::use_i18n,
    save_loop::Phase, saving::Saver, state::ImportState, steps::customer_rows::CustomerRows,
};

#[component]
pub fn SaveStep() -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<ImportState>();
    let saver = expect_context::<Saver>();
    let api = StoredValue::new(expect_context::<Api>());
    let progress = saver.progress;
    let running = Memo::new(move |_| progress.with(|p| p.is_running()));
    let only_failed = RwSignal::new(false);
    let filter = Signal::derive(move || {
        if only_failed.get() {
            ListFilter::Failed
        } else {
            ListFilter::All
        }
    });
    // Listed rows are chosen when a run starts or ends or the filter changes, so a row
    // being corrected stays in view.
    let runs = Memo::new(move |runs: Option<&u64>| {
        let _ = running.get();
        runs.map_or(0, |r| r + 1)
    });
    let counts = state.counts;

    let status = move || {
        let locale = i18n.locale();
        let p = progress.get();
        let done = p.done.to_string();
        let total = p.total.to_string();
        let answered = locale.format("save.progress", &[("done", &done), ("total", &total)]);
        match p.phase {
            Phase::Idle => String::new(),
            Phase::Sending => answered,
            Phase::Retrying => format!("{answered} {}", locale.text("save.retrying")),
            Phase::Cancelled => format!("{answered} {}", locale.text("save.cancelled")),
            Phase::Finished => locale.text("save.finished").to_owned(),
            Phase::Failed(key) => format!("{answered} {}", locale.text(&key)),
        }
    };
    let summary = move || {
        let c = counts.get();
        i18n.format(
            "save.summary",
            &[
                ("created", &c.created.to_string()),
                ("failed", &(c.problems + c.rejected).to_string()),
            ],
        )
    };
    let resend = move |_| saver.start(api.get_value(), state);
    let send_again_label = move || {
        let c = counts.get();
        let n = (c.ready + c.sent).to_string();
        let key = if c.sent > 0 {
            "save.resume"
        } else {
            "save.send_again"
        };
        i18n.format(key, &[("n", &n)])
    };
    let download = move |_| {
        let locale = i18n.locale();
        let request = Request::FailedRows {
            language: locale.language(),
            error_heading: locale.text("save.error_column").to_owned(),
        };
        leptos::task::spawn_local(async move {
            if let Some(Answer::FailedRows(csv)) = state.worker.ask(request, None).await {
                let _ = download_text(
                    locale.text("save.failed_file"),
                    "text/csv;charset=utf-8",
                    &csv,
                );
            }
        });
    };

    view! {
        <section class="step" aria-labelledby="save-heading">
            <h2 id="save-heading" tabindex="-1">{move || i18n.t("save.heading")}</h2>
            <p class="muted">{move || i18n.t("mapping.no_invitations")}</p>
            <div class="save__progress">
                <progress
                    aria-label=move || i18n.t("save.progress_label")
                    max=move || progress.with(|p| p.total.max(1))
                    value=move || progress.with(|p| p.done)
                ></progress>
                <Show when=move || running.get()>
                    <button type="button" id="cancel-save" class="button button--quiet" on:click=move |_| saver.cancel()>
                        {move || i18n.t("save.cancel")}
                    </button>
                </Show>
            </div>
            <p role="status" aria-live="polite" data-testid="save-status">{status}</p>
            <Show when=move || !running.get() && progress.with(|p| p.phase != Phase::Idle)>
                <p class="counts" data-testid="save-summary">{summary}</p>
                <Show when=move || counts.with(|c| c.sent > 0)>
                    <p class="notice notice--warning" data-testid="save-awaiting">
                        {move || i18n.format("save.awaiting", &[("n", &counts.with(|c| c.sent).to_string())])}
                    </p>
                </Show>
                <div class="save__actions">
                    <Show when=move || counts.with(|c| c.ready + c.sent > 0)>
                        <button type="button" id="send-again" class="button" on:click=resend>
                            {send_again_label}
                        </button>
                    </Show>
                    <Show when=move || counts.with(|c| c.problems + c.rejected > 0)>
                        <button type="button" id="download-failed" class="button button--quiet" on:click=download>
                            {move || i18n.t("save.download_failed")}
                        </button>
                    </Show>
                </div>
            </Show>
            <Checkbox
                id="only-failed"
                checked=only_failed
                label=Signal::derive(move || i18n.t("save.only_failed"))
            />
            <CustomerRows filter=filter relist=runs editable=Signal::derive(move || !running.get()) />
        </section>
    }
}
