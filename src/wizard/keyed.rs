//! Answers kept with the key they were asked under, so that an answer to an older
//! choice is never shown as current.

use leptos::prelude::*;

/// An answer with the key it was asked under.
pub type Keyed<K, V> = Option<(K, V)>;

/// The resource's answer when it was asked under `key`.
pub fn current<K: PartialEq + Clone + Send + Sync + 'static, V: Clone + Send + Sync + 'static>(
    resource: LocalResource<Keyed<K, V>>,
    key: &K,
) -> Option<V> {
    resource.with(|r| match r {
        Some(Some((k, v))) if k == key => Some(v.clone()),
        _ => None,
    })
}
