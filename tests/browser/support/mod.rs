//! Shared by the browser tests: the real server on a free port with a fresh database
//! ([`server`]), and headless Chromium driven over WebDriver ([`browser`]).
#![allow(dead_code)] // each test file uses its own subset

pub mod browser;
pub mod server;
pub mod shadow;
