//! A labelled checkbox bound to a boolean signal.

use leptos::prelude::*;

#[component]
pub fn Checkbox(
    id: &'static str,
    checked: RwSignal<bool>,
    #[prop(into)] label: Signal<String>,
) -> impl IntoView {
    view! {
        <label class="checkbox">
            <input
                id=id
                type="checkbox"
                prop:checked=move || checked.get()
                on:change=move |ev| checked.set(event_target_checked(&ev))
            />
            <span>{move || label.get()}</span>
        </label>
    }
}
