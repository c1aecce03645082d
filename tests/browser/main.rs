//! The browser tests, in one binary so the whole stack is linked once: each module
//! starts the real server (tests/browser/support) and drives headless Chromium, or
//! Firefox ESR with `CUSTOMER_IMPORT_BROWSER=firefox`, through the wizard.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod support;

mod accessibility;
mod big_file;
mod custom_fields;
mod database_outage;
mod download_size;
mod downloads;
mod embedding;
mod end;
mod find_replace;
mod first_step;
mod headings;
mod history;
mod journey;
mod language;
mod list_values;
mod mapping;
mod portal_backend;
mod portal_node;
mod react_app;
mod reading;
mod responsive;
mod review_grid;
mod review_tables;
mod row_hook;
mod saving;
mod screenshots;
mod several_files;
mod shared_mapping;
mod signing_in;
mod updating;
mod what_was_read;
