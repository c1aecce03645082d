//! Peak heap of the worker's session on a file, step by step, measured natively with a
//! counting allocator: where the browser benchmark's "wasm memory ÷ file size" goes;
//! and how long each step took.
//! `cargo run --release -p customer-import-worker --example peak_memory -- FILE`
#![allow(clippy::unwrap_used)]

use customer_import_domain::{
    country::Country, schema::default_fields, validate::Date, validate::Lists,
};
use customer_import_reading::review::Setup;
use customer_import_worker::{
    protocol::{Answer, OpenOptions, Request, TableChoice},
    session::Session,
};
use peak_alloc::PeakAlloc;

#[global_allocator]
static HEAP: PeakAlloc = PeakAlloc;

fn main() {
    let path = std::env::args().nth(1).expect("a file");
    let bytes = std::fs::read(&path).unwrap();
    let size = bytes.len() as f64;
    // The time each step took too: a rough native profile (the counting allocator
    // slows it a little).
    let mut since = std::time::Instant::now();
    let mut report = |step: &str| {
        println!(
            "{step:<16} now {:>6.2}× peak {:>6.2}× the file, {:>6.0} ms",
            HEAP.current_usage() as f64 / size,
            HEAP.peak_usage() as f64 / size,
            since.elapsed().as_secs_f64() * 1e3
        );
        since = std::time::Instant::now();
    };
    report("file");
    let mut session = Session::default();
    let mut ask = |request, bytes| session.handle(request, bytes, &mut |_| {});
    let open = Request::Open {
        name: path.clone(),
        options: OpenOptions::default(),
    };
    assert!(matches!(ask(open, Some(bytes)), Answer::Opened(Ok(_))));
    report("read");
    let choice = TableChoice {
        sheet: 0,
        skip_rows: None,
        has_headers: true,
    };
    assert!(matches!(
        ask(Request::Table { choice }, None),
        Answer::Table(Ok(_))
    ));
    report("table");
    let today = Date {
        year: 2026,
        month: 11,
        day: 21,
    };
    let starting = Request::StartingMapping {
        choice,
        fields: default_fields(),
        country: Country::Norway,
        today,
        remembered: None,
    };
    let Answer::StartingMapping(mapping, _) = ask(starting, None) else {
        panic!("no mapping")
    };
    let setup = Setup {
        fields: default_fields(),
        lists: Lists::default(),
        country: Country::Norway,
        today,
    };
    let review = Request::Review {
        choice,
        mapping,
        setup,
    };
    assert!(matches!(ask(review, None), Answer::Reviewed { .. }));
    report("review");
    // An edit checks its row again and looks for the duplicates it made or undid.
    for column in 0..2 {
        let edit = Request::Edit {
            row: 10,
            column,
            text: "ola.nordmann@example.no".to_owned(),
        };
        assert!(matches!(ask(edit, None), Answer::Counts(_)));
    }
    report("two edits");
}
