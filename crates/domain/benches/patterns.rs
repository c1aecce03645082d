//! What a `pattern` field's value costs to check, against what the pattern compiles
//! to (issue 25): the table behind `pattern::PATTERN_SIZE`. Each pattern is run on
//! values of the longest storable length made to fail at their last character, the
//! worst case for a linear-time matcher; the worst input's time is shown.
//!
//! `cargo bench -p customer-import-domain --bench patterns`

use std::{hint::black_box, time::Instant};

use customer_import_domain::{
    schema::{CustomField, LocalText, ValueType},
    validate::{
        pattern::{MAX_COMPILED, PATTERN_SIZE, compiled_size},
        storable::LINE_MAX,
    },
};
use regex_lite::RegexBuilder;

const PATTERNS: [&str; 14] = [
    "P-[0-9]{3}",
    "[A-Z]{2}[0-9]{6,10}",
    "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[a-z]{2,}",
    "[A-Za-z ]{1,50}",
    "[A-Za-z ]{1,150}",
    ".{0,255}",
    "(?:.{0,10}){0,10}!",
    "(?:.*){0,40}!",
    "(?:a*){0,120}!",
    "(?:.*){0,120}!",
    "(?:[A-Za-z0-9]{1,30} ?){1,30}",
    "(?:.{0,30}){0,30}!",
    "(?:.{0,50}){0,50}!",
    "(?:.{0,100}){0,100}!",
];

/// Values of the longest storable length, each failing at its end.
fn inputs() -> Vec<String> {
    let n = LINE_MAX - 1;
    ["a", "9", "é", "a "]
        .iter()
        .map(|s| {
            let mut v = s.repeat(n / s.chars().count());
            v.push('?');
            v
        })
        .collect()
}

fn main() {
    let inputs = inputs();
    println!("| pattern | compiled bytes | declaration | worst µs a value |");
    println!("|---|---:|---|---:|");
    for pattern in PATTERNS {
        let size = compiled_size(pattern).unwrap_or(usize::MAX);
        let declared = CustomField {
            name: "p".into(),
            label: LocalText::One("P".into()),
            help: LocalText::default(),
            value: ValueType::Pattern {
                pattern: pattern.into(),
                example: String::new(),
            },
            required: false,
        };
        // The example is empty, so a pattern within the bounds is refused for its
        // example only.
        let verdict = match CustomField::check_all(&[declared]) {
            Err(e) if e.to_string().contains("compiles to") => "refused: compiled size",
            _ if size <= PATTERN_SIZE => "allowed",
            _ => "refused",
        };
        // Timed as compiled before the bound, so refused ones are measured too.
        let regex = RegexBuilder::new(&format!("^(?:{pattern})$"))
            .size_limit(MAX_COMPILED)
            .build()
            .expect("compiles within the old limit");
        let worst = inputs
            .iter()
            .map(|value| {
                let runs = 20;
                let started = Instant::now();
                for _ in 0..runs {
                    black_box(regex.is_match(black_box(value)));
                }
                started.elapsed().as_secs_f64() * 1e6 / f64::from(runs)
            })
            .fold(0.0, f64::max);
        println!("| `{pattern}` | {size} | {verdict} | {worst:.1} |");
    }
}
