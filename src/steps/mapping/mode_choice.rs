//! What the import does with customers that exist (issue 28): a radio group of the
//! three modes, made of native radio buttons in a fieldset (the WAI-ARIA radio group
//! pattern as browsers give it: one Tab stop, arrows move the choice), and which
//! column finds a row's customer. The choice is the mapping's (`updating`), so it is
//! saved and shared with it.

use customer_import_domain::{mapping::Mapping, update::MatchKey};
use leptos::prelude::*;

use crate::{
    i18n::{Locale, use_i18n},
    steps::mapping::updating::{MODES, can_match, mode_of, mode_value, with_mode},
    wizard::state::ImportState,
};

#[component]
pub fn ModeChoice(
    mapping: Memo<Option<Mapping>>,
    /// The file's headings, by column.
    #[prop(into)]
    headings: Signal<Vec<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<ImportState>();
    let mode = Memo::new(move |_| mapping.with(|m| m.as_ref().map(|m| m.mode).unwrap_or_default()));
    let choose = move |ev| {
        let chosen = mode_of(&event_target_value(&ev));
        if let (Some(chosen), Some(current)) = (chosen, mapping.get_untracked()) {
            state.set_mapping(with_mode(&current, chosen));
        }
    };
    let radios = move || {
        let locale = i18n.locale();
        MODES
            .iter()
            .map(|&(m, key)| {
                let id = format!("mode-{}", mode_value(m));
                view! {
                    <label class="radio" for=id.clone()>
                        <input
                            type="radio"
                            name="import-mode"
                            id=id.clone()
                            value=mode_value(m)
                            prop:checked=move || mode.get() == m
                            on:change=choose
                        />
                        <span>{locale.text(key)}</span>
                    </label>
                }
            })
            .collect_view()
    };
    let key_line = move || {
        let locale = i18n.locale();
        let m = mapping.get()?;
        if !m.mode.updates() {
            return None;
        }
        Some(match m.match_key() {
            Some(key) => {
                let column = m
                    .column_of(key.field())
                    .and_then(|c| headings.with(|h| h.get(c).cloned()))
                    .unwrap_or_default();
                view! {
                    <p class="muted" data-testid="mapping-match-key">{key_text(locale, key, &column)}</p>
                }
                .into_any()
            }
            None => view! {
                <p class="notice notice--warning" data-testid="mapping-match-key">
                    {locale.text("mapping.match_key_missing")}
                </p>
            }
            .into_any(),
        })
    };
    view! {
        <fieldset class="mapping__mode" aria-describedby="mapping-mode-explain">
            <legend>{move || i18n.t("mapping.mode.legend")}</legend>
            <p class="muted" id="mapping-mode-explain">{move || i18n.t("mapping.mode.explain")}</p>
            <div class="mapping__modes">{radios}</div>
            {key_line}
            <Show when=move || mapping.with(|m| m.as_ref().is_some_and(|m| m.mode.updates() && can_match(m)))>
                <p class="muted">{move || i18n.t("mapping.blank_explain")}</p>
            </Show>
        </fieldset>
    }
}

/// "Customers are found by their customer number (column «Kundenr»)."
fn key_text(locale: Locale, key: MatchKey, column: &str) -> String {
    let field = match key {
        MatchKey::ExternalId => locale.text("mapping.key.external_id"),
        MatchKey::Email => locale.text("mapping.key.email"),
    };
    locale.format(
        "mapping.match_key",
        &[
            ("field", field.into()),
            ("column", column.to_owned().into()),
        ],
    )
}
