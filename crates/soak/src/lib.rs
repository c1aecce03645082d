//! The soak: the whole system under a seeded storm of faults, and a checker of what its
//! clients were shown. `scripts/soak.sh` runs it; `run::soak` is the whole run.
//!
//! - [`cluster`]: PostgreSQL, the server instances (real processes) and HAProxy;
//! - [`proxy`]: the TCP fault proxies on the instances' and the database's links;
//! - [`portal`]: the example portal receiving webhooks, with a receiver that can pause;
//! - [`schedule`] and [`storm`]: the seeded plan of faults, and carrying it out;
//! - [`load`] and [`browser`]: the importing and undoing clients, over the API and
//!   through the real app in Chromium;
//! - [`history`], [`observe`], [`check`] and [`report`]: what was shown, what is held,
//!   whether they agree, and the report.

pub mod browser;
pub mod check;
pub mod cluster;
pub mod history;
pub mod load;
pub mod observe;
pub mod portal;
pub mod proxy;
pub mod report;
pub mod run;
pub mod schedule;
pub mod storm;
