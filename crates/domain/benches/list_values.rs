//! What listing a column's spellings against a project's list costs (issue 29: a
//! column of 10,000 distinct values in under a second in the worker): 10,000 distinct
//! spellings of units ("Blokk A 1234", "a1234", misspelt and unknown ones) against
//! 2,000 units, and against a list of 50 groups without numbers (every spelling tried
//! for the nearest). Medians of several runs.
//!
//! `cargo bench -p customer-import-domain --bench list_values`

use std::{hint::black_box, time::Instant};

use customer_import_domain::mapping::list_values::{ItemIndex, spellings};

fn median(mut runs: Vec<f64>) -> f64 {
    runs.sort_by(f64::total_cmp);
    runs[runs.len() / 2]
}

fn time(label: &str, items: &[String], values: &[String]) {
    let runs = (0..7)
        .map(|_| {
            let started = Instant::now();
            let index = ItemIndex::new(items.iter().map(|i| (i.clone(), Vec::<String>::new())));
            let listed = spellings(values.iter().map(String::as_str), &index);
            black_box(listed);
            started.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    println!("{label}: {:.1} ms (median of 7)", median(runs));
}

fn main() {
    let units: Vec<String> = (0..2_000)
        .map(|i| format!("{}-{}", ["A", "B", "C", "D"][i % 4], 1000 + i))
        .collect();
    let unit_spellings: Vec<String> = (0..10_000)
        .map(|i| {
            let (block, n) = (["A", "B", "C", "D"][i % 4], 1000 + i % 2_500);
            match i % 5 {
                0 => format!("Blokk {block} {n}"),
                1 => format!("{}{n}", block.to_lowercase()),
                2 => format!("Leil. {block}{n} ({i})"),
                3 => format!("{block} - {n:05}"),
                _ => format!("Bolig {block}-{n} sør {i}"),
            }
        })
        .collect();
    time(
        "10,000 unit spellings × 2,000 units",
        &units,
        &unit_spellings,
    );

    // Letters only: every spelling is compared with every group for the nearest.
    let letters = |mut n: usize| {
        let mut word = String::new();
        loop {
            word.push(char::from(b'a' + (n % 26) as u8));
            n /= 26;
            if n == 0 {
                break word;
            }
        }
    };
    let groups: Vec<String> = (0..50)
        .map(|i| format!("Kundegruppe {} øst", letters(i * 7)))
        .collect();
    let group_spellings: Vec<String> = (0..10_000)
        .map(|i| format!("Kundegrupe {} ost{}", letters(i % 60 * 7), letters(i)))
        .collect();
    time(
        "10,000 group spellings × 50 groups",
        &groups,
        &group_spellings,
    );
}
