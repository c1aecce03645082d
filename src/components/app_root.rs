//! The app's root element, in context: the wizard finds its own elements under it,
//! which works on the app's own page and inside a portal's shadow root alike.

use leptos::prelude::*;

/// The app's root element: the wizard looks up its own elements under it, which works
/// on its own page and inside a portal's shadow root alike.
#[derive(Clone, Copy)]
pub struct AppRoot(pub NodeRef<leptos::html::Div>);
