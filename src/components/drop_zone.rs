//! A file picker that is also a drop target. The real `<input type="file">` stays in
//! the page (visually hidden, still focusable), so keyboard users and screen readers
//! get the browser's own control; the visible zone is its `<label>`.
//!
//! The picked file is read into bytes at once and handed over as [`PickedFile`]; no
//! `web_sys::File` is kept. The input is reset after each pick so picking the same
//! file again (after fixing it in Excel) is noticed.

use std::sync::Arc;

use leptos::{html, prelude::*};
use wasm_bindgen::JsCast;

/// A file the user picked, already read into memory.
#[derive(Debug, Clone, PartialEq)]
pub struct PickedFile {
    pub name: String,
    pub bytes: Arc<[u8]>,
}

#[component]
pub fn DropZone(
    /// The call to action shown in the zone.
    #[prop(into)]
    label: Signal<String>,
    /// A second line, e.g. the accepted formats.
    #[prop(into)]
    hint: Signal<String>,
    /// Shown while the file is being read.
    #[prop(into)]
    reading_label: Signal<String>,
    /// The `accept` attribute of the picker, e.g. `.csv,.xlsx`.
    #[prop(into)]
    accept: String,
    /// Called with the file's bytes once it has been read.
    on_file: Callback<PickedFile>,
    /// Called when the browser could not read the file.
    on_read_error: Callback<()>,
) -> impl IntoView {
    let input_ref = NodeRef::<html::Input>::new();
    let dragging = RwSignal::new(false);
    let read = Action::new_local(move |file: &send_wrapper::SendWrapper<web_sys::File>| {
        let file = gloo_file::File::from((**file).clone());
        async move {
            match gloo_file::futures::read_as_bytes(&file).await {
                Ok(bytes) => on_file.run(PickedFile {
                    name: file.name(),
                    bytes: bytes.into(),
                }),
                Err(_) => on_read_error.run(()),
            }
        }
    });
    let reading = read.pending();
    let take = move |file: Option<web_sys::File>| {
        if let Some(file) = file {
            read.dispatch_local(send_wrapper::SendWrapper::new(file));
        }
    };

    let on_change = move |_| {
        if let Some(input) = input_ref.get() {
            take(input.files().and_then(|files| files.get(0)));
            input.set_value("");
        }
    };
    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        take(
            ev.data_transfer()
                .and_then(|dt| dt.files())
                .and_then(|files| files.get(0)),
        );
    };
    let on_drag_over = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        dragging.set(true);
    };
    let on_drag_leave = move |ev: web_sys::DragEvent| {
        // Leaving for a child element is not leaving the zone.
        let still_inside = ev
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .zip(
                ev.current_target()
                    .and_then(|t| t.dyn_into::<web_sys::Node>().ok()),
            )
            .is_some_and(|(to, zone)| zone.contains(Some(&to)));
        if !still_inside {
            dragging.set(false);
        }
    };

    view! {
        <label
            class="drop-zone"
            class:drop-zone--active=move || dragging.get()
            aria-busy=move || reading.get().to_string()
            on:dragover=on_drag_over
            on:dragenter=on_drag_over
            on:dragleave=on_drag_leave
            on:drop=on_drop
        >
            <input
                node_ref=input_ref
                class="visually-hidden"
                type="file"
                accept=accept
                on:change=on_change
            />
            <span class="drop-zone__label">
                {move || if reading.get() { reading_label.get() } else { label.get() }}
            </span>
            <span class="drop-zone__hint">{move || hint.get()}</span>
        </label>
    }
}
