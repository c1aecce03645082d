//! The shell: language, who is signed in, and the wizard's steps.

use leptos::prelude::*;

use customer_import_domain::wire::Me;

use crate::{
    api::{Api, ApiFailure, Token},
    components::{app_root::AppRoot, language_picker::LanguagePicker},
    embedding::{host_events::HostEvents, options::Embedding},
    i18n::{I18n, initial_locale, provide_i18n, use_i18n},
    session,
    wizard::Wizard,
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
    if !embedded {
        follow_new_links(token);
    }
    let me = who_is_signed_in(embedding.clone(), token);
    // The token was refused (a wrong or expired link): the sign-in screen says so.
    let refused =
        Memo::new(move |_| me.with(|m| matches!(m, Some(Some(Err(e))) if e.is_unauthenticated())));
    let sign_out = move |_| {
        session::forget_token();
        token.set(None);
    };
    let who = move || {
        me.with(|m| match m {
            Some(Some(Ok(me))) => Some(view! {
                <span class="app__who" data-testid="signed-in-as">
                    {i18n.format(
                        "app.signed_in_as",
                        &[("name", me.name.as_str().into()), ("organization", me.organization.as_str().into())],
                    )}
                </span>
            }),
            _ => None,
        })
    };

    view! {
        <div class="app" node_ref=root lang=move || i18n.locale().tag()>
            <header class="app__header">
                <h1>{move || i18n.t("app.title")}</h1>
                <div class="app__tools">
                    {who}
                    <LanguagePicker />
                    <Show when=move || !embedded && token.with(Option::is_some) && !refused.get()>
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
                            <Wizard
                                api=Api::new(e.api_base.clone(), e.token.clone())
                                only_project=e.project.clone()
                                row_hook=e.row_hook.clone()
                            />
                        }
                            .into_any()
                    }
                    (None, Some(_)) if refused.get() => view! { <SignIn token=token refused=true /> }.into_any(),
                    (None, Some(t)) => {
                        view! { <Wizard api=Api::new("", Token::Fixed(t)) only_project=None /> }.into_any()
                    }
                    (None, None) => view! { <SignIn token=token refused=false /> }.into_any(),
                }}
            </main>
        </div>
    }
}

/// Who the token signs in, asked once per token. A token the server refuses is
/// forgotten, so a reload does not try it again.
fn who_is_signed_in(
    embedding: Option<Embedding>,
    token: RwSignal<Option<String>>,
) -> LocalResource<Option<Result<Me, ApiFailure>>> {
    let embedded = embedding.map(|e| Api::new(e.api_base, e.token));
    LocalResource::new(move || {
        let api = embedded
            .clone()
            .or_else(|| token.get().map(|t| Api::new("", Token::Fixed(t))));
        let standalone = embedded.is_none();
        async move {
            let answer = api?.me().await;
            if standalone && answer.as_ref().is_err_and(ApiFailure::is_unauthenticated) {
                session::forget_token();
            }
            Some(answer)
        }
    })
}

/// A sign-in link opened in this tab while the app is open changes only the address's
/// fragment, which reloads nothing: its token is taken at once.
fn follow_new_links(token: RwSignal<Option<String>>) {
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        if let Some(new) = session::take_token_from_address() {
            token.set(Some(new));
        }
    });
    on_cleanup(move || listener.remove());
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

/// The sign-in form; `refused`: the link's token did not work, and the form says what
/// to do about it.
#[component]
fn SignIn(token: RwSignal<Option<String>>, refused: bool) -> impl IntoView {
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
            <h2>{move || i18n.t(if refused { "signin.refused_heading" } else { "signin.heading" })}</h2>
            {refused.then(|| view! {
                <p class="notice notice--warning" role="alert" data-testid="signin-refused">
                    {move || i18n.t("signin.refused")}
                </p>
            })}
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
