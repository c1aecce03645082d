//! The language switch. Changing it re-renders every text at once, because all texts
//! read the locale signal from context.

use leptos::prelude::*;

use crate::i18n::{Locale, use_i18n};

#[component]
pub fn LanguagePicker() -> impl IntoView {
    let i18n = use_i18n();
    let on_change = move |ev| {
        if let Some(locale) = Locale::from_tag(&event_target_value(&ev)) {
            i18n.choose(locale);
        }
    };
    view! {
        <label class="language-picker">
            <span>{move || i18n.t("app.language")}</span>
            <select on:change=on_change prop:value=move || i18n.locale().tag()>
                {Locale::ALL
                    .into_iter()
                    .map(|l| view! { <option value=l.tag() lang=l.tag()>{l.native_name()}</option> })
                    .collect_view()}
            </select>
        </label>
    }
}
