//! Part of the import history: undoing one import. A modal dialog asks first, with the
//! count of customers it would remove, then tells what the server did (removed, and
//! already gone) or why it refused, in the user's language.

use customer_import_domain::wire::{ImportSummary, UndoResult};
use leptos::prelude::*;

use super::local_time::local_time;
use crate::{
    api::{Api, ApiFailure},
    i18n::use_i18n,
    steps::project::history::lines::{UndoReport, count, undo_heading_key, undo_question},
};

#[component]
pub fn UndoDialog(
    project: i64,
    /// The import as the history listed it.
    import: ImportSummary,
    /// The organization's portal hears of customers by webhook: the question says
    /// that it was told of these and will be told of their removal.
    portal_told: bool,
    /// The server answered (the import may have changed): the history is read again.
    on_changed: Callback<()>,
    /// The dialog was closed (Escape, Cancel or Close).
    on_close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = StoredValue::new(expect_context::<Api>());
    let batch = import.id;
    // The server's answer, once it came, and whether it is awaited. Leptos's `Action`
    // would do the same at a cost of about 10 KB of wasm.
    let answer = RwSignal::new(None::<Result<UndoResult, ApiFailure>>);
    let pending = RwSignal::new(false);
    let confirm = move |_| {
        let api = api.get_value();
        pending.set(true);
        leptos::task::spawn_local(async move {
            let result = api.undo_import(project, batch).await;
            // The dialog, or the whole history (the wizard unmounted), may be gone
            // meanwhile: then nothing is left to tell.
            on_changed.try_run(());
            let _ = answer.try_set(Some(result));
            let _ = pending.try_set(false);
        });
    };
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    // Opened as a modal once in the page: the rest of the page is inert, the focus
    // moves in (to Cancel, the safe choice), Escape closes it.
    Effect::new(move || {
        if let Some(d) = dialog.get()
            && !d.open()
        {
            let _ = d.show_modal();
        }
    });
    // Once the server answered, the question's buttons are gone: the focus goes to Close.
    let close_button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move || {
        if let Some(b) = close_button.get() {
            let _ = b.focus();
        }
    });
    let close = move |_| {
        if let Some(d) = dialog.get_untracked() {
            d.close();
        }
    };
    let present = count(import.present);
    let updated = count(import.updated);
    let about = {
        let file = import.file_name.clone();
        let who = import.user_name.clone();
        let at = import.created_at;
        move || {
            let file = file.clone().unwrap_or_else(|| i18n.t("history.no_file"));
            i18n.format(
                "undo.about",
                &[
                    ("file", file.into()),
                    ("when", local_time(i18n.locale(), at).into()),
                    ("who", who.as_str().into()),
                ],
            )
        }
    };
    let answered = move || answer.with(Option::is_some);

    view! {
        <dialog
            class="dialog"
            node_ref=dialog
            aria-labelledby="undo-heading"
            aria-describedby="undo-about"
            data-testid="undo-dialog"
            on:close=move |_| on_close.run(())
            on:cancel=move |ev: leptos::ev::Event| {
                // Escape does not hide an undo under way: its answer is shown.
                if pending.get_untracked() {
                    ev.prevent_default();
                }
            }
        >
            <h3 id="undo-heading">
                {move || i18n.t(undo_heading_key(answer.with(|v| v.as_ref().map(Result::is_ok))))}
            </h3>
            <p id="undo-about">{about}</p>
            <Show when=move || !answered()>
                <p data-testid="undo-question">
                    {move || undo_question(i18n.locale(), present, updated)}
                </p>
                {(portal_told && present > 0)
                    .then(|| view! { <p data-testid="undo-portal">{move || i18n.format("undo.portal_told", &[("n", present.into())])}</p> })}
                <Show when=move || pending.get()>
                    <p class="muted" role="status">{move || i18n.t("undo.removing")}</p>
                </Show>
                <div class="dialog__actions">
                    <button
                        type="button"
                        class="button button--danger"
                        data-testid="undo-confirm"
                        disabled=move || pending.get()
                        on:click=confirm
                    >
                        {move || if updated > 0 {
                            i18n.t("undo.undo_updating")
                        } else {
                            i18n.format("undo.remove", &[("n", present.into())])
                        }}
                    </button>
                    <button
                        type="button"
                        class="button button--quiet"
                        id="undo-cancel"
                        autofocus
                        disabled=move || pending.get()
                        on:click=close
                    >
                        {move || i18n.t("undo.cancel")}
                    </button>
                </div>
            </Show>
            {move || {
                answer
                    .get()
                    .map(|result| {
                        let (class, role) = match &result {
                            Ok(_) => ("notice notice--ok", "status"),
                            Err(_) => ("notice notice--error", "alert"),
                        };
                        let message = move || match &result {
                            Ok(done) => UndoReport::of(done).text(i18n.locale()),
                            Err(failure) => i18n.t(failure.key()),
                        };
                        view! {
                            <p class=class role=role data-testid="undo-result">
                                {message}
                            </p>
                            <div class="dialog__actions">
                                <button
                                    type="button"
                                    class="button"
                                    data-testid="undo-close"
                                    node_ref=close_button
                                    on:click=close
                                >
                                    {move || i18n.t("undo.close")}
                                </button>
                            </div>
                        }
                    })
            }}
        </dialog>
    }
}
