//! Reading speed on generated customer files: 100k and 1M-row CSV (9 columns, `;`,
//! UTF-8, some quoted multi-line notes; ~117 MB for 1M rows) and a 100k-row xlsx.
//! `cargo bench -p customer-import-reading --bench read`; figures go in the notes.
#![allow(clippy::unwrap_used)]

mod customers;

use std::{hint::black_box, time::Duration};

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use customer_import_reading::read::{ReadOptions, read_file, read_file_owned};
use customers::{csv, xlsx};

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("read");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    for rows in [100_000, 1_000_000] {
        let bytes = csv(rows);
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(
            format!("csv_{rows}_rows_{}_mb", bytes.len() / 1_000_000),
            |b| {
                // As the app's worker reads: it owns the bytes (a copy made outside
                // the timing), and the text is parsed in place.
                b.iter_batched(
                    || bytes.clone(),
                    |owned| {
                        black_box(
                            read_file_owned(owned, "customers.csv", &ReadOptions::default())
                                .unwrap(),
                        )
                    },
                    BatchSize::LargeInput,
                )
            },
        );
    }
    let bytes = xlsx(100_000);
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function(
        format!("xlsx_100000_rows_{}_mb", bytes.len() / 1_000_000),
        |b| {
            b.iter(|| {
                black_box(
                    read_file(black_box(&bytes), "customers.xlsx", &ReadOptions::default())
                        .unwrap(),
                )
            })
        },
    );
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
