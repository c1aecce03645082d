//! Builds the review of a customer file once, as the worker does, for a profiler:
//! `valgrind --tool=callgrind --toggle-collect='*build_review*'` counts the
//! instructions of map + validate alone, steadier than wall time on a busy machine.
//! `cargo build --profile bench -p customer-import-reading --example review_profile`,
//! then run it with FILE (written by the `bench_files` example) and, optionally,
//! `lists` for the benchmark's project lists.
#![allow(clippy::unwrap_used)]

use std::{hint::black_box, sync::Arc, time::Instant};

use customer_import_domain::{
    country::Country,
    mapping::suggest,
    schema::default_fields,
    validate::{Date, Lists},
};
use customer_import_reading::{
    read::{ReadOptions, Sheet, read_file},
    review::{Counts, Review, Setup},
    table::{HeaderOptions, Layout, Table},
};

const TODAY: Date = Date {
    year: 2026,
    month: 11,
    day: 21,
};

fn main() {
    let path = std::env::args().nth(1).expect("a customer file");
    let lists = match std::env::args().nth(2).as_deref() {
        Some("lists") => Lists {
            units: Some((100..500).map(|n| format!("A-{n}")).collect()),
            company_types: Some(Vec::new()),
            groups: Some(Vec::new()),
            create_missing_groups: false,
            account_managers: Some(Vec::new()),
        },
        _ => Lists::default(),
    };
    let bytes = std::fs::read(&path).unwrap();
    let book = read_file(&bytes, &path, &ReadOptions::default()).unwrap();
    let sheet = book.sheets[0].content.as_ref().unwrap();
    let table = Table::new(sheet, HeaderOptions::default()).unwrap();
    let layout = Arc::new(table.layout().clone());
    let sheet = Arc::new(sheet.clone());
    let started = Instant::now();
    let counts = build_review(sheet, layout, lists);
    println!(
        "{counts:?} in {:.0} ms",
        started.elapsed().as_secs_f64() * 1e3
    );
}

/// Map + validate, as the benchmark times it: the mapping suggested, the review built.
#[inline(never)]
fn build_review(sheet: Arc<Sheet>, layout: Arc<Layout>, lists: Lists) -> Counts {
    let table = Table::with_layout(&sheet, &layout);
    let headings: Vec<Option<&str>> = table
        .headings()
        .iter()
        .map(|h| Some(h.label.as_str()))
        .collect();
    let fields = default_fields();
    let mapping = suggest(&headings, |_| Vec::new(), &fields, Country::Norway, TODAY);
    let setup = Setup {
        fields,
        lists,
        country: Country::Norway,
        today: TODAY,
    };
    let review = Review::shared(sheet.clone(), layout.clone(), &mapping, setup, |_, _| {});
    black_box(review.counts())
}
