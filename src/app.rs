//! The shell: language, who is signed in, and the wizard's steps.

use leptos::prelude::*;

use crate::{
    api::{Api, Token},
    components::language_picker::LanguagePicker,
    embedding::{host_events::HostEvents, options::Embedding},
    i18n::{I18n, initial_locale, provide_i18n, use_i18n},
    session,
    wizard::{AppRoot, Wizard},
};

/// The whole app: on its own page (`embedding` absent: token from the address or the
/// sign-in form), or mounted in a portal with what the portal passed to `mount`.
#[component]
pub fn App(
    #[prop(optional)] embedding: Option<Embedding>,
    #[prop(optional)] events: HostEvents,
) -> impl IntoView {
    let embedded = embedding.is_some();
    let locale = embedding
        .as_ref()
        .and_then(|e| e.locale)
        .unwrap_or_else(initial_locale);
    let i18n = provide_i18n(locale);
    provide_context(events);
    // A portal's page keeps its own `<html lang>`; the wizard's root says its own.
    if !embedded {
        keep_document_language(i18n);
    }
    let root = NodeRef::<leptos::html::Div>::new();
    provide_context(AppRoot(root));
    let token = RwSignal::new(if embedded {
        None
    } else {
        session::load_token()
    });
    let sign_out = move |_| {
        session::forget_token();
        token.set(None);
    };

    view! {
        <div class="app" node_ref=root lang=move || i18n.locale().tag()>
            <header class="app__header">
                <h1>{move || i18n.t("app.title")}</h1>
                <div class="app__tools">
                    <LanguagePicker />
                    <Show when=move || !embedded && token.with(Option::is_some)>
                        <button type="button" class="button button--quiet" on:click=sign_out>
                            {move || i18n.t("app.sign_out")}
                        </button>
                    </Show>
                </div>
            </header>
            <main class="app__main">
                {move || match (&embedding, token.get()) {
                    (Some(e), _) => {
                        view! {
                            <Wizard api=Api::new(e.api_base.clone(), e.token.clone()) only_project=e.project />
                        }
                            .into_any()
                    }
                    (None, Some(t)) => {
                        view! { <Wizard api=Api::new("", Token::Fixed(t)) only_project=None /> }.into_any()
                    }
                    (None, None) => view! { <SignIn token=token /> }.into_any(),
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
