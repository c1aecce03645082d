//! A file picker that is also a drop target. The real `<input type="file">` stays in
//! the page (visually hidden, still focusable), so keyboard users and screen readers
//! get the browser's own control; the visible zone is its `<label>`.
//!
//! The picked file is handed over as a [`PickedFile`], unread: whoever reads it does
//! so off the main thread. The input is reset after each pick so picking the same file
//! again (after fixing it in Excel) is noticed.

use leptos::{html, prelude::*};
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;

/// A file the user picked. Equal only to itself: the same file picked again is a new
/// pick, with whatever was changed in it since.
#[derive(Clone)]
pub struct PickedFile {
    pub name: String,
    pub size: u64,
    pub file: SendWrapper<web_sys::File>,
}

impl PickedFile {
    pub fn new(file: web_sys::File) -> PickedFile {
        PickedFile {
            name: file.name(),
            size: file.size() as u64,
            file: SendWrapper::new(file),
        }
    }
}

impl PartialEq for PickedFile {
    fn eq(&self, other: &PickedFile) -> bool {
        *self.file == *other.file
    }
}

impl std::fmt::Debug for PickedFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PickedFile")
            .field("name", &self.name)
            .field("size", &self.size)
            .finish()
    }
}

#[component]
pub fn DropZone(
    /// The call to action shown in the zone.
    #[prop(into)]
    label: Signal<String>,
    /// A second line, e.g. the accepted formats.
    #[prop(into)]
    hint: Signal<String>,
    /// The `accept` attribute of the picker, e.g. `.csv,.xlsx`.
    #[prop(into)]
    accept: String,
    /// Called with the files picked or dropped at once, in their order.
    on_files: Callback<Vec<PickedFile>>,
) -> impl IntoView {
    let input_ref = NodeRef::<html::Input>::new();
    let dragging = RwSignal::new(false);
    let take = move |files: Option<web_sys::FileList>| {
        let picked: Vec<PickedFile> = files
            .map(|list| {
                (0..list.length())
                    .filter_map(|i| list.get(i))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
            .into_iter()
            .map(PickedFile::new)
            .collect();
        if !picked.is_empty() {
            on_files.run(picked);
        }
    };

    let on_change = move |_| {
        if let Some(input) = input_ref.get() {
            take(input.files());
            input.set_value("");
        }
    };
    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        take(ev.data_transfer().and_then(|dt| dt.files()));
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
            on:dragover=on_drag_over
            on:dragenter=on_drag_over
            on:dragleave=on_drag_leave
            on:drop=on_drop
        >
            <input
                node_ref=input_ref
                class="visually-hidden"
                type="file"
                multiple
                accept=accept
                on:change=on_change
            />
            <span class="drop-zone__label">{move || label.get()}</span>
            <span class="drop-zone__hint">{move || hint.get()}</span>
        </label>
    }
}
