//! Generated customer files for the benchmarks: 9 columns, `;`, UTF-8, a quoted
//! two-line note on every 50th row and a wrong e-mail on every 100th (~117 bytes a
//! row), and the same rows as xlsx.
#![allow(dead_code)] // each bench uses part of it
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

const FIRST: [&str; 8] = [
    "Åse", "Ola", "Kari", "Päivi", "Jörgen", "Ingrid", "Matti", "Søren",
];
const LAST: [&str; 8] = [
    "Øvrebø",
    "Nordmann",
    "Hansen",
    "Kärkkäinen",
    "Ångström",
    "Berg",
    "Virtanen",
    "Dahl",
];
const CITY: [&str; 4] = ["Oslo", "Tromsø", "Helsinki", "Göteborg"];

/// An e-mail's local part as people write it: without æøåäö.
fn ascii(name: &str) -> String {
    name.to_lowercase()
        .chars()
        .map(|c| match c {
            'æ' => "ae".to_owned(),
            'ø' | 'ö' => "o".to_owned(),
            'å' => "aa".to_owned(),
            'ä' => "a".to_owned(),
            c => c.to_string(),
        })
        .collect()
}

/// One customer as nine fields; every 50th has a quoted two-line note, and every
/// 100th a mistake the review must show (an e-mail without `@`).
pub fn customer(i: usize) -> [String; 9] {
    let first = FIRST[i % 8];
    let last = LAST[(i / 8) % 8];
    let note = if i.is_multiple_of(50) {
        "\"Ringer etter kl. 16;\nhar nøkkel\"".to_owned()
    } else {
        "Ønsker parkeringsplass".to_owned()
    };
    [
        format!("{first} {last}"),
        format!(
            "{}.{}{i}{}example.no",
            ascii(first),
            ascii(last),
            if i % 100 == 99 { " at " } else { "@" }
        ),
        format!("+47 9{:07}", i % 10_000_000),
        format!("{:02}.{:02}.{}", 1 + i % 28, 1 + i % 12, 1950 + i % 50),
        format!("Storgata {}", 1 + i % 200),
        format!("{:04}", i % 10_000),
        CITY[i % 4].to_owned(),
        format!("A-{}", 100 + i % 400),
        note,
    ]
}

pub const HEADER: [&str; 9] = [
    "Navn",
    "E-post",
    "Mobil",
    "Fødselsdato",
    "Adresse",
    "Postnummer",
    "Poststed",
    "Bolig",
    "Notat",
];

pub fn csv(rows: usize) -> Vec<u8> {
    let mut out = HEADER.join(";") + "\r\n";
    for i in 0..rows {
        out.push_str(&customer(i).join(";"));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

/// The 100k-row workbook, written once and kept under target/.
pub fn xlsx(rows: usize) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join(format!("../../target/bench-data/customers-{rows}.xlsx"));
    if let Ok(bytes) = std::fs::read(&path) {
        return bytes;
    }
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in HEADER.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for i in 0..rows {
        for (c, value) in customer(i).iter().enumerate() {
            let row = i as u32 + 1;
            if c == 2 {
                // Phones as Excel stores them when typed without "+": numbers.
                sheet
                    .write_number(row, 2, 4790000000.0 + (i % 10_000_000) as f64)
                    .unwrap();
            } else {
                sheet
                    .write_string(row, c as u16, value.trim_matches('"'))
                    .unwrap();
            }
        }
    }
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    book.save(&path).unwrap();
    std::fs::read(&path).unwrap()
}
