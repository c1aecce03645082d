//! Map + validate speed: the 1M-row customer CSV is read once, its columns mapped by
//! `suggest`, then every row goes through `validate_row` and `DuplicateFinder`,
//! keeping only the problems, as the browser does for a whole file (customers are
//! built again for the rows on screen and the chunk being sent). Rows per second.
#![allow(clippy::unwrap_used)]

mod customers;

use std::{hint::black_box, time::Duration};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use customer_import_domain::{
    country::Country,
    mapping::suggest,
    read::{ReadOptions, read_file},
    schema::default_fields,
    table::{HeaderOptions, Table},
    validate::{Date, DuplicateFinder, FieldError, Lists, RawValue, RowContext, validate_row},
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
    let fields = default_fields();
    let headings: Vec<Option<&str>> = table
        .headings()
        .iter()
        .map(|h| Some(h.label.as_str()))
        .collect();
    let mapping = suggest(&headings, |_| Vec::new(), &fields, Country::Norway, TODAY);
    assert_eq!(mapping.fields.len(), 9, "every generated column is mapped");
    let columns: Vec<(String, usize)> = mapping
        .fields
        .keys()
        .map(|f| (f.clone(), mapping.column_of(f).unwrap()))
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
        let ctx = RowContext {
            fields: &fields,
            country: Country::Norway,
            today: TODAY,
            lists,
        };
        group.bench_function(name, |b| {
            b.iter(|| black_box(problems(&table, &columns, &ctx)))
        });
    }
    group.finish();
}

/// Validates every row and keeps only the problems, as the browser does.
fn problems(table: &Table<'_>, columns: &[(String, usize)], ctx: &RowContext<'_>) -> usize {
    let mut problems: Vec<(u64, Vec<FieldError>)> = Vec::new();
    let mut duplicates = DuplicateFinder::default();
    for row in 0..table.rows() {
        let value = |field: &str| {
            let column = columns.iter().find(|(f, _)| f == field)?.1;
            let cell = table.cell(row, column);
            Some(RawValue {
                text: cell.text,
                kind: cell.kind,
            })
        };
        let number = table.row_number(row);
        let found = match validate_row(value, ctx) {
            Ok(customer) => duplicates.check(number, &customer),
            Err(errors) => errors,
        };
        if !found.is_empty() {
            problems.push((number, found));
        }
    }
    problems.len()
}

criterion_group!(benches, bench);
criterion_main!(benches);
