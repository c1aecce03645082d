//! Who is asking and what they may reach: the server's own bearer tokens and the
//! portal's signed tokens (and the user each signs in), organization keys for the
//! provisioning API, which projects a user may open, and the one rule for text that
//! names people, projects and files.

pub mod access;
pub mod auth;
pub mod org_keys;
pub mod organization;
pub mod outside_text;
pub mod portal_session;
pub mod portal_token;
pub mod tokens;
pub mod user;
