//! Map + validate speed, the browser's way: the 1M-row customer CSV is read once,
//! then each iteration suggests the mapping and builds the [`Review`], which shares the
//! sheet and validates every row (problems and duplicates kept; customers are
//! built later only for the rows on screen or being sent). Rows per second.
#![allow(clippy::unwrap_used)]

mod customers;

use std::{hint::black_box, sync::Arc, time::Duration};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use customer_import_domain::{
    country::Country,
    mapping::suggest,
    schema::default_fields,
    validate::{Date, Lists},
};
use customer_import_reading::{
    read::{ReadOptions, read_file},
    review::{Review, Setup},
    table::{HeaderOptions, Table},
};

const TODAY: Date = Date {
    year: 2026,
    month: 11,
    day: 21,
};

fn bench(c: &mut Criterion) {
    let rows = 1_000_000;
    let bytes = customers::csv(rows);
    let book = read_file(&bytes, "customers.csv", &ReadOptions::default()).unwrap();
    let sheet = book.sheets[0].content.as_ref().unwrap();
    let table = Table::new(sheet, HeaderOptions::default()).unwrap();
    // The review shares the sheet, as the app's worker does.
    let shared_sheet = Arc::new(sheet.clone());
    let shared_layout = Arc::new(table.layout().clone());
    let headings: Vec<Option<&str>> = table
        .headings()
        .iter()
        .map(|h| Some(h.label.as_str()))
        .collect();
    // Without lists (checked by the server only), and with a project's lists as the
    // browser has them: 400 units to find each row's unit among.
    let no_lists = Lists::default();
    let project_lists = Lists {
        units: Some((100..500).map(|n| format!("A-{n}")).collect()),
        company_types: Some(Vec::new()),
        groups: Some(Vec::new()),
        create_missing_groups: false,
        account_managers: Some(Vec::new()),
    };

    let mut group = c.benchmark_group("map_validate");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(30));
    group.throughput(Throughput::Elements(table.rows() as u64));
    for (name, lists) in [
        ("csv_1000000_rows", &no_lists),
        ("csv_1000000_rows_with_project_lists", &project_lists),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let fields = default_fields();
                let mapping = suggest(&headings, |_| Vec::new(), &fields, Country::Norway, TODAY);
                let setup = Setup {
                    fields,
                    lists: lists.clone(),
                    country: Country::Norway,
                    today: TODAY,
                };
                let review = Review::shared(
                    shared_sheet.clone(),
                    shared_layout.clone(),
                    &mapping,
                    setup,
                    |_, _| {},
                );
                assert_eq!(
                    review.columns().len(),
                    9,
                    "every generated column is mapped"
                );
                let counts = review.counts();
                assert_eq!(counts.problems, rows / 100, "the generated mistakes");
                black_box(counts)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
