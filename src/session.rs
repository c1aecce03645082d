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
    let window = web_sys::window()?;
    let storage = window.session_storage().ok().flatten();
    let location = window.location();
    if let Some(token) = location
        .hash()
        .ok()
        .as_deref()
        .and_then(token_from_fragment)
    {
        if let Some(s) = &storage {
            let _ = s.set_item(STORAGE_KEY, &token);
        }
        // Keep the token out of the address bar, bookmarks and screenshots.
        let clean = format!(
            "{}{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        );
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&clean));
        }
        return Some(token);
    }
    storage?.get_item(STORAGE_KEY).ok().flatten()
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
