//! Shared by the browser tests: the real server on a free port with a fresh database
//! ([`server`]), headless Chromium or Firefox driven over WebDriver ([`browser`]), the
//! wizard's steps in its own words ([`journey`]), and the wizard as a portal embeds it
//! ([`shadow`]).
#![allow(dead_code)] // each test file uses its own subset

pub mod browser;
pub mod journey;
pub mod server;
pub mod shadow;
