//! Times find and replace, and fill empty, on the review of the 1M-row customer CSV
//! (the benchmarks' file), natively, as the worker runs them: every row that changes
//! is checked again, duplicates are found again when e-mails change, and the counts
//! are taken. `cargo run --release -p customer-import-reading --example bulk_edit_1m`
#![allow(clippy::unwrap_used)]

#[path = "../benches/customers.rs"]
mod customers;

use std::{sync::Arc, time::Instant};

use customer_import_domain::{
    country::Country,
    mapping::suggest,
    schema::default_fields,
    validate::{Date, Lists},
};
use customer_import_reading::{
    read::{ReadOptions, read_file},
    review::{Review, Setup, bulk::BulkEdit},
    table::{HeaderOptions, Table},
};

fn main() {
    let rows = 1_000_000;
    let bytes = customers::csv(rows);
    let book = read_file(&bytes, "customers.csv", &ReadOptions::default()).unwrap();
    let sheet = book.sheets[0].content.as_ref().unwrap();
    let table = Table::new(sheet, HeaderOptions::default()).unwrap();
    let headings: Vec<Option<&str>> = table
        .headings()
        .iter()
        .map(|h| Some(h.label.as_str()))
        .collect();
    let today = Date::new(2026, 11, 30).unwrap();
    let fields = default_fields();
    let mapping = suggest(&headings, |_| Vec::new(), &fields, Country::Norway, today);
    let setup = Setup {
        fields,
        lists: Lists {
            units: Some((100..500).map(|n| format!("A-{n}")).collect()),
            company_types: Some(Vec::new()),
            groups: Some(Vec::new()),
            create_missing_groups: false,
            account_managers: Some(Vec::new()),
        },
        country: Country::Norway,
        today,
    };
    let started = Instant::now();
    let mut review = Review::shared(
        Arc::new(sheet.clone()),
        Arc::new(table.layout().clone()),
        &mapping,
        setup,
        |_, _| {},
    );
    println!(
        "review built: {:?}, {:?}",
        started.elapsed(),
        review.counts()
    );
    let column = |key: &str| {
        review
            .columns()
            .iter()
            .position(|c| c.field.key == key)
            .unwrap()
    };
    let (unit, email, city) = (column("unit"), column("email"), column("city"));
    let replace = |find: &str, with: &str| BulkEdit::Replace {
        find: find.into(),
        with: with.into(),
        whole_cell: false,
    };
    for (what, column, edit) in [
        (
            "unit A-1 → B-1 (250k rows, unknown units)",
            unit,
            replace("A-1", "B-1"),
        ),
        (
            "unit B-1 → A-1 (back to the file)",
            unit,
            replace("B-1", "A-1"),
        ),
        ("unit A- → B- (every row)", unit, replace("A-", "B-")),
        ("unit B- → A- (every row back)", unit, replace("B-", "A-")),
        (
            "e-mail ' at ' → '@' (10k rows fixed)",
            email,
            replace(" at ", "@"),
        ),
        (
            "e-mail example.no → example.com (every row; duplicates again)",
            email,
            replace("example.no", "example.com"),
        ),
        (
            "city: fill empty (none empty)",
            city,
            BulkEdit::FillEmpty {
                value: "Oslo".into(),
            },
        ),
        (
            "city Tromsø → Tromso, whole cell (250k rows)",
            city,
            BulkEdit::Replace {
                find: "Tromsø".into(),
                with: "Tromso".into(),
                whole_cell: true,
            },
        ),
    ] {
        let started = Instant::now();
        let changed = review.bulk_edit(column, &edit);
        let counts = review.counts();
        println!(
            "{what}: {changed} cells in {:?} (with counts); ready {}, problems {}",
            started.elapsed(),
            counts.ready,
            counts.problems
        );
    }
}
