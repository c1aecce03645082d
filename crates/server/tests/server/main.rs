//! The server's integration tests, in one binary so the stack is linked once: the
//! router through `oneshot` against a real database (SQLite, or PostgreSQL when
//! `CUSTOMER_IMPORT_TEST_POSTGRES` names a server), the binary as an operator runs it,
//! and faults (kill -9, a stopped database) against real processes.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

mod admin;
mod admin_names;
mod api;
mod bulk;
mod export;
mod faults;
mod history;
mod import;
mod openapi_conformance;
mod origins;
mod portal_ids;
mod portal_tokens;
mod problems;
mod provisioning;
mod several_files;
mod tenants;
mod update;
mod webhooks;
