//! Where the app's bearer token comes from. The start command prints links with the
//! token in the URL fragment (`#token=…`), which browsers never send to any server; the
//! app takes it from there, removes it from the address bar and history, and keeps it
//! in `sessionStorage` so a reload keeps the user signed in until the tab closes.

const STORAGE_KEY: &str = "customer-import.token";

/// Extracts the token from a location fragment such as `#token=abc&x=y`.
pub fn token_from_fragment(fragment: &str) -> Option<String> {
    fragment
        .trim_start_matches('#')
        .split('&')
        .find_map(|pair| pair.strip_prefix("token="))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

/// The token for this tab: from the URL fragment (which is then removed), else from
/// `sessionStorage`.
pub fn load_token() -> Option<String> {
    take_token_from_address().or_else(|| {
        web_sys::window()?
            .session_storage()
            .ok()
            .flatten()?
            .get_item(STORAGE_KEY)
            .ok()
            .flatten()
    })
}

/// The token in the address's fragment, if it has one: kept for this tab and removed
/// from the address bar, history, bookmarks and screenshots.
pub fn take_token_from_address() -> Option<String> {
    let window = web_sys::window()?;
    let location = window.location();
    let token = token_from_fragment(&location.hash().ok()?)?;
    store_token(&token);
    let clean = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&clean));
    }
    Some(token)
}

pub fn store_token(token: &str) {
    if let Some(s) = web_sys::window().and_then(|w| w.session_storage().ok().flatten()) {
        let _ = s.set_item(STORAGE_KEY, token);
    }
}

pub fn forget_token() {
    if let Some(s) = web_sys::window().and_then(|w| w.session_storage().ok().flatten()) {
        let _ = s.remove_item(STORAGE_KEY);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_is_read_from_the_fragment() {
        assert_eq!(
            token_from_fragment("#token=cit_abc"),
            Some("cit_abc".into())
        );
        assert_eq!(token_from_fragment("lang=fi&token=x1"), Some("x1".into()));
        assert_eq!(token_from_fragment("#token="), None);
        assert_eq!(token_from_fragment(""), None);
        assert_eq!(token_from_fragment("#tokens=abc"), None);
    }
}
