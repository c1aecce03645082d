//! Peak heap of the worker's session on a file, step by step, measured natively with a
//! counting allocator: where the browser benchmark's "wasm memory ÷ file size" goes;
//! and how long each step took. The file is opened as the worker opens the picked
//! `File`: through a reader, its bytes outside the heap until read.
//! `cargo run --release -p customer-import-worker --example peak_memory -- FILE`
#![allow(clippy::unwrap_used)]

use customer_import_domain::{
    country::Country, schema::default_fields, validate::Date, validate::Lists,
};
use customer_import_worker::{
    protocol::{
        self, Edit, Open, OpenOptions, Question, Refusal, Setup, StartingMapping, Table,
        TableChoice, answer_of,
    },
    session::Session,
};
use peak_alloc::PeakAlloc;

#[global_allocator]
static HEAP: PeakAlloc = PeakAlloc;

/// `question`'s answer, as the page reads it.
fn ask<Q: Question>(session: &mut Session, question: Q) -> Result<Q::Answer, Refusal> {
    answer_of::<Q>(session.handle(question.into(), &mut |_| {}))
}

fn main() {
    let path = std::env::args().nth(1).expect("a file");
    let file = std::fs::File::open(&path).unwrap();
    let size = file.metadata().unwrap().len() as f64;
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
    let open = Open {
        file: 0,
        files: 1,
        name: path.clone(),
        options: OpenOptions::default(),
    };
    let opened = session.open(open, file, &mut |_| {}, &mut |_, _| {});
    assert!(matches!(opened, Ok(Ok(_))), "{opened:?}");
    report("read");
    let choice = TableChoice {
        file: 0,
        sheet: 0,
        skip_rows: None,
        has_headers: true,
    };
    assert!(matches!(ask(&mut session, Table { choice }), Ok(Ok(_))));
    report("table");
    let today = Date {
        year: 2026,
        month: 11,
        day: 21,
    };
    let starting = StartingMapping {
        choice,
        fields: default_fields(),
        country: Country::Norway,
        today,
        remembered: None,
    };
    let (mapping, _) = ask(&mut session, starting).unwrap();
    let setup = Setup {
        fields: default_fields(),
        lists: Lists::default(),
        country: Country::Norway,
        today,
    };
    let review = protocol::Review {
        files: vec![protocol::ReviewFile { choice, mapping }],
        setup,
        host_checks: false,
    };
    assert!(ask(&mut session, review).is_ok());
    report("review");
    // An edit checks its row again and looks for the duplicates it made or undid.
    for column in 0..2 {
        let edit = Edit {
            row: 10,
            column,
            text: "ola.nordmann@example.no".to_owned(),
        };
        assert!(matches!(ask(&mut session, edit), Ok(Ok(_))));
    }
    report("two edits");
}
