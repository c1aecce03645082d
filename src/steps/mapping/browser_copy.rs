//! What this browser remembers between imports: the mapping last used for each layout
//! of headings. It stays in `localStorage` on the user's machine; nothing of it is sent.

use customer_import_domain::mapping::Mapping;

fn key(signature: &str) -> String {
    format!("customer-import.mapping.{signature}")
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The mapping last used for files whose headings have `signature`.
pub fn remembered_mapping(signature: &str) -> Option<Mapping> {
    let json = storage()?.get_item(&key(signature)).ok().flatten()?;
    serde_json::from_str(&json).ok()
}

pub fn remember_mapping(signature: &str, mapping: &Mapping) {
    if let (Some(storage), Ok(json)) = (storage(), serde_json::to_string(mapping)) {
        // A full or disabled storage only costs the suggestion next time.
        let _ = storage.set_item(&key(signature), &json);
    }
}
