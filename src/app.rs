//! The shell: language, who is signed in, and the wizard's steps.

use leptos::prelude::*;

use crate::{
    api::Api,
    components::{language_picker::LanguagePicker, step_indicator::StepIndicator},
    i18n::{I18n, initial_locale, provide_i18n, use_i18n},
    session,
    state::ImportState,
    steps::{file::FileStep, header::HeaderStep, project::ProjectStep},
};

const STEP_KEYS: [&str; 6] = [
    "steps.project",
    "steps.file",
    "steps.header",
    "steps.mapping",
    "steps.review",
    "steps.save",
];

#[component]
pub fn App() -> impl IntoView {
    let i18n = provide_i18n(initial_locale());
    keep_document_language(i18n);
    let token = RwSignal::new(session::load_token());
    let sign_out = move |_| {
        session::forget_token();
        token.set(None);
    };

    view! {
        <div class="app">
            <header class="app__header">
                <h1>{move || i18n.t("app.title")}</h1>
                <div class="app__tools">
                    <LanguagePicker />
                    <Show when=move || token.with(Option::is_some)>
                        <button type="button" class="button button--quiet" on:click=sign_out>
                            {move || i18n.t("app.sign_out")}
                        </button>
                    </Show>
                </div>
            </header>
            <main class="app__main">
                {move || match token.get() {
                    Some(t) => view! { <Wizard api=Api::new("", t) /> }.into_any(),
                    None => view! { <SignIn token=token /> }.into_any(),
                }}
            </main>
        </div>
    }
}

/// Keeps `<html lang>` in step with the chosen language, for screen readers and
/// hyphenation.
fn keep_document_language(i18n: I18n) {
    Effect::new(move || {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", i18n.locale().tag());
        }
    });
}

#[component]
fn SignIn(token: RwSignal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let value = RwSignal::new(String::new());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let entered = value.get_untracked().trim().to_owned();
        if !entered.is_empty() {
            session::store_token(&entered);
            token.set(Some(entered));
        }
    };
    view! {
        <form class="step sign-in" on:submit=on_submit>
            <h2>{move || i18n.t("signin.heading")}</h2>
            <p class="muted">{move || i18n.t("signin.explain")}</p>
            <label class="field">
                <span class="field__label">{move || i18n.t("signin.token")}</span>
                <input
                    type="password"
                    autocomplete="off"
                    required
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
            </label>
            <button type="submit" class="button">{move || i18n.t("signin.submit")}</button>
        </form>
    }
}

#[component]
fn Wizard(api: Api) -> impl IntoView {
    let i18n = use_i18n();
    provide_context(api);
    let state = ImportState::new();
    provide_context(state);
    let steps = Signal::derive(move || STEP_KEYS.iter().map(|k| i18n.t(k)).collect::<Vec<_>>());
    let current = Signal::derive(move || {
        if state.project.with(Option::is_none) {
            0
        } else if state
            .parsed
            .with(|p| p.as_ref().is_some_and(|p| p.0.is_ok()))
        {
            2
        } else {
            1
        }
    });

    view! {
        <StepIndicator label=Signal::derive(move || i18n.t("steps.label")) steps=steps current=current />
        <ProjectStep selected=state.project />
        <FileStep />
        <HeaderStep />
    }
}
