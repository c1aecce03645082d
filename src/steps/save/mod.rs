//! Steps 6 and 7: the rows are sent in chunks with a progress bar and can be cancelled;
//! each row ends created (green) or not (red, with the server's reasons in words).
//! Failed rows are corrected in place and sent again, or downloaded to fix in Excel (as
//! the kind of file the user picked). Created rows are never sent twice. Once nothing is left to send, the import's
//! end says what became of every row, offers a summary to keep and another file.

pub mod outcome;
mod per_file;
pub mod save_loop;
pub mod saving;

use customer_import_worker::protocol::ListFilter;
use leptos::prelude::*;

use crate::{
    api::Api,
    components::checkbox::Checkbox,
    download::download_text,
    i18n::use_i18n,
    steps::review::customer_rows::CustomerRows,
    steps::save::outcome::{Tally, is_over, send_again_text, status_line, summary_text},
    steps::save::per_file::{PerFile, download_failed_rows},
    steps::save::save_loop::Phase,
    steps::save::saving::Saver,
    wizard::state::ImportState,
    wizard::step::Step,
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

    let status = move || status_line(i18n.locale(), &progress.get());
    let tally = Memo::new(move |_| Tally::from(counts.get()));
    let summary = move || tally.get().line(i18n.locale());
    let over = Memo::new(move |_| progress.with(|p| is_over(p, counts.get())));
    let resend = move |_| saver.start(api.get_value(), state);
    let send_again_label = move || send_again_text(i18n.locale(), counts.get());
    // The failed rows in the kind of file the user brought, named in her language
    // (the first file's, when the import has several: the end has each file's).
    let download = move |_| download_failed_rows(state, i18n.locale(), 0, None);

    view! {
        <section class="step step--wide" aria-labelledby="save-heading">
            <h2 id="save-heading" tabindex="-1">{move || i18n.t("save.heading")}</h2>
            <Show when=move || over.get()>
                <End tally=tally download_failed=download />
            </Show>
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
                // Once the import is over, the end's list is its one summary.
                <Show when=move || !over.get()>
                    <p class="counts" data-testid="save-summary">{summary}</p>
                </Show>
                <Show when=move || counts.with(|c| c.sent > 0)>
                    <p class="notice notice--warning" data-testid="save-awaiting">
                        {move || i18n.format("save.awaiting", &[("n", counts.with(|c| c.sent).into())])}
                    </p>
                </Show>
                <div class="save__actions">
                    <Show when=move || counts.with(|c| c.ready + c.sent > 0)>
                        <button type="button" id="send-again" class="button" on:click=resend>
                            {send_again_label}
                        </button>
                    </Show>
                    <Show when=move || !over.get() && counts.with(|c| c.problems + c.rejected > 0)>
                        <button type="button" id="download-failed" class="button button--quiet" on:click=download>
                            {move || i18n.t("save.download_failed")}
                        </button>
                    </Show>
                </div>
            </Show>
            <CustomerRows filter=filter relist=runs saving=running>
                <Checkbox
                    id="only-failed"
                    checked=only_failed
                    label=Signal::derive(move || i18n.t("save.only_failed"))
                />
            </CustomerRows>
        </section>
    }
}

/// The end of an import: every row's outcome, a summary to keep (downloaded or
/// printed), the failed rows to fix in Excel, and another file for the same project.
#[component]
fn End(
    tally: Memo<Tally>,
    download_failed: impl Fn(leptos::ev::MouseEvent) + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<ImportState>();
    let download_summary = move |_| {
        let locale = i18n.locale();
        let project = state
            .project
            .with_untracked(|p| p.as_ref().map(|p| p.name.clone()));
        // Every file of the import, in the order picked.
        let files: Vec<String> = untrack(|| state.reviewed_files())
            .into_iter()
            .map(|(_, name)| name)
            .collect();
        let file = (!files.is_empty()).then(|| files.join(", "));
        let saved_at: String = js_sys::Date::new_0()
            .to_locale_string(locale.tag(), &wasm_bindgen::JsValue::UNDEFINED)
            .into();
        let text = summary_text(
            locale,
            &project.unwrap_or_default(),
            &file.unwrap_or_default(),
            &saved_at,
            tally.get_untracked(),
        );
        let _ = download_text(
            &locale.text("end.summary_file"),
            "text/plain;charset=utf-8",
            &text,
        );
    };
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    // The same project, a new file: the file step starts afresh.
    let another = move |_| {
        state.forget_file();
        state.step.set(Step::File);
    };
    let counts = move || {
        let locale = i18n.locale();
        tally
            .get()
            .rows()
            .into_iter()
            .map(|(key, n)| {
                view! {
                    <dt>{locale.text(key)}</dt>
                    <dd data-outcome=key data-n=n>{locale.number(n as u64)}</dd>
                }
            })
            .collect_view()
    };
    view! {
        <section class="end" aria-labelledby="end-heading" data-testid="end">
            <h3 id="end-heading">{move || i18n.t("end.heading")}</h3>
            <dl class="end__counts" data-testid="end-counts">{counts}</dl>
            <PerFile />
            <p class="muted">{move || i18n.t("end.explain")}</p>
            <div class="end__actions save__actions">
                <button type="button" id="import-another" class="button" on:click=another>
                    {move || i18n.t("end.another")}
                </button>
                <button type="button" id="download-summary" class="button button--quiet" on:click=download_summary>
                    {move || i18n.t("end.download_summary")}
                </button>
                <button type="button" id="print-summary" class="button button--quiet" on:click=print>
                    {move || i18n.t("end.print")}
                </button>
                <Show when=move || tally.with(|t| t.not_created > 0)>
                    <button type="button" id="download-failed" class="button button--quiet" on:click=download_failed.clone()>
                        {move || i18n.t("save.download_failed")}
                    </button>
                </Show>
            </div>
        </section>
    }
}
