//! The worker's session driven as the page drives it, through JSON messages.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use customer_import_domain::{
    country::Country,
    schema::default_fields,
    texts::Language,
    validate::{Date, Lists},
    wire::Verdict,
};
use customer_import_reading::{
    format::FileFormat,
    read::ReadError,
    review::{Counts, Locked, RowState, Setup, bulk::BulkEdit},
};
use customer_import_worker::{
    protocol::{
        Answer, Call, ListFilter, Message, OpenOptions, Origin, Phase, Progress, Request,
        TableChoice,
    },
    session::Session,
};

const TODAY: Date = Date {
    year: 2026,
    month: 11,
    day: 21,
};

/// Sends `request` as the page does (a JSON call) and returns the answer as the page
/// reads it back, with the progress reports on the way.
fn ask(session: &mut Session, request: Request, bytes: Option<&[u8]>) -> (Answer, Vec<Progress>) {
    let json = serde_json::to_string(&Call { id: 7, request }).unwrap();
    let call: Call = serde_json::from_str(&json).unwrap();
    let mut reports = Vec::new();
    let answer = session.handle(call.request, bytes.map(<[u8]>::to_vec), &mut |p| {
        reports.push(p)
    });
    let sent = serde_json::to_string(&Message::Answer { id: 7, answer }).unwrap();
    match serde_json::from_str(&sent).unwrap() {
        Message::Answer { id: 7, answer } => (answer, reports),
        other => panic!("{other:?}"),
    }
}

fn answer(session: &mut Session, request: Request) -> Answer {
    ask(session, request, None).0
}

const CSV: &str = "Kundeliste\r\n\
    Navn;E-post;Telefon\r\n\
    Åse Ås;ase@example.no;+47 912 34 567\r\n\
    Ola;ola@example;22 33 44 55\r\n\
    \r\n\
    Kari;ase@example.no;\r\n";

fn choice() -> TableChoice {
    TableChoice {
        sheet: 0,
        skip_rows: None,
        has_headers: true,
    }
}

fn open(session: &mut Session) {
    let (opened, reports) = ask(
        session,
        Request::Open {
            name: "kunder.csv".into(),
            options: OpenOptions {
                country: Some(Country::Norway),
                ..OpenOptions::default()
            },
        },
        Some(CSV.as_bytes()),
    );
    let Answer::Opened(Ok(summary)) = opened else {
        panic!("{opened:?}")
    };
    assert_eq!(summary.format, FileFormat::DelimitedText);
    assert_eq!(summary.text.unwrap().delimiter, b';');
    assert_eq!(summary.sheets[0].rows, 6);
    assert_eq!(reports[0].phase, Phase::Reading);
    assert_eq!(reports[0].total, CSV.len() as u64);
}

fn review(session: &mut Session) -> Vec<Progress> {
    let Answer::StartingMapping(mapping, Origin::Suggested) = answer(
        session,
        Request::StartingMapping {
            choice: choice(),
            fields: default_fields(),
            country: Country::Norway,
            today: TODAY,
            remembered: None,
        },
    ) else {
        panic!("no suggestion")
    };
    let (built, reports) = ask(
        session,
        Request::Review {
            choice: choice(),
            mapping,
            setup: Setup {
                fields: default_fields(),
                lists: Lists::default(),
                country: Country::Norway,
                today: TODAY,
            },
        },
        None,
    );
    let Answer::Reviewed { columns, counts } = built else {
        panic!("{built:?}")
    };
    assert_eq!(columns.len(), 3);
    assert_eq!(
        counts,
        Counts {
            ready: 1,
            problems: 2,
            ..Counts::default()
        }
    );
    reports
}

#[test]
fn a_file_is_read_summarised_and_shown_a_window_at_a_time() {
    let mut session = Session::default();
    assert_eq!(
        answer(&mut session, Request::Table { choice: choice() }),
        Answer::NotReady
    );
    open(&mut session);

    let Answer::Table(Ok(table)) = answer(&mut session, Request::Table { choice: choice() }) else {
        panic!("no table")
    };
    // The title row is skipped by suggestion; the empty row is not a customer.
    assert_eq!(table.header.skip_rows, 1);
    assert_eq!(table.rows, 3);
    assert_eq!(table.headings, ["Navn", "E-post", "Telefon"]);
    assert_eq!(table.first_row[0], ("Navn".into(), "Åse Ås".into()));
    assert_eq!(table.examples[1], ["ase@example.no", "ola@example"]);

    let Answer::TableRows(rows) = answer(
        &mut session,
        Request::TableRows {
            choice: choice(),
            start: 2,
            len: 100,
        },
    ) else {
        panic!("no rows")
    };
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].number, rows[0].cells[0].as_str()), (6, "Kari"));

    let no_header = TableChoice {
        has_headers: false,
        skip_rows: Some(0),
        ..choice()
    };
    let Answer::Table(Ok(raw)) = answer(&mut session, Request::Table { choice: no_header }) else {
        panic!("no table")
    };
    assert_eq!(raw.rows, 5);
    let past = TableChoice {
        skip_rows: Some(99),
        ..choice()
    };
    assert!(matches!(
        answer(&mut session, Request::Table { choice: past }),
        Answer::Table(Err(_))
    ));
    let missing = TableChoice {
        sheet: 3,
        ..choice()
    };
    assert_eq!(
        answer(&mut session, Request::Table { choice: missing }),
        Answer::NotReady
    );
}

#[test]
fn a_review_is_built_with_progress_edited_saved_and_its_failures_written() {
    let mut session = Session::default();
    assert_eq!(
        answer(
            &mut session,
            Request::List {
                filter: ListFilter::All
            }
        ),
        Answer::NotReady
    );
    open(&mut session);
    let reports = review(&mut session);
    assert_eq!(
        reports.first().map(|p| (p.phase, p.done)),
        Some((Phase::Checking, 0))
    );
    assert_eq!(reports.last().map(|p| (p.done, p.total)), Some((3, 3)));

    assert_eq!(
        answer(
            &mut session,
            Request::List {
                filter: ListFilter::WithProblems
            }
        ),
        Answer::Listed(2)
    );
    let Answer::Rows(rows) = answer(
        &mut session,
        Request::Rows {
            filter: ListFilter::WithProblems,
            start: 0,
            len: 10,
        },
    ) else {
        panic!("no rows")
    };
    assert_eq!(rows.iter().map(|r| r.number).collect::<Vec<_>>(), [4, 6]);
    assert_eq!(rows[0].state, RowState::Problems);
    assert!(!rows[0].cells[1].problems.is_empty(), "{:?}", rows[0]);
    // Kari repeats Åse's e-mail: the problem is on Kari's e-mail cell.
    assert_eq!(rows[1].cells[1].problems[0].other_row, Some(3));

    // Fixing Ola's e-mail makes the row ready; the list stays as it was made.
    let fixed = answer(
        &mut session,
        Request::Edit {
            row: rows[0].row,
            column: 1,
            text: "ola@example.no".into(),
        },
    );
    assert!(
        matches!(
            fixed,
            Answer::Counts(Counts {
                ready: 2,
                problems: 1,
                ..
            })
        ),
        "{fixed:?}"
    );
    let Answer::Rows(again) = answer(
        &mut session,
        Request::Rows {
            filter: ListFilter::WithProblems,
            start: 0,
            len: 1,
        },
    ) else {
        panic!("no rows")
    };
    assert_eq!((again[0].number, again[0].state), (4, RowState::Ready));
    assert_eq!(again[0].cells[2].stored.as_deref(), Some("+4722334455"));
    // Out of range edits change nothing.
    assert!(matches!(
        answer(
            &mut session,
            Request::Edit {
                row: 99,
                column: 0,
                text: "x".into()
            }
        ),
        Answer::Counts(Counts { ready: 2, .. })
    ));
    assert!(matches!(
        answer(
            &mut session,
            Request::Exclude {
                row: rows[1].row,
                excluded: true
            }
        ),
        Answer::Counts(Counts {
            ready: 2,
            problems: 0,
            excluded: 1,
            ..
        })
    ));

    let Answer::Chunk {
        rows: sent_rows,
        sent,
        counts,
    } = answer(&mut session, Request::NextChunk { max: 500 })
    else {
        panic!("no chunk")
    };
    assert_eq!(sent.iter().map(|r| r.row).collect::<Vec<_>>(), [3, 4]);
    assert_eq!(sent[1].values["email"], "ola@example.no");
    assert_eq!(
        counts,
        Counts {
            sent: 2,
            excluded: 1,
            ..Counts::default()
        }
    );
    // Until the answer arrives, the rows sent refuse to change, saying why, and are
    // shown as sent.
    assert_eq!(
        answer(
            &mut session,
            Request::Edit {
                row: sent_rows[1],
                column: 1,
                text: "changed@example.no".into(),
            },
        ),
        Answer::Locked(Locked::AwaitingAnswer)
    );
    assert_eq!(
        answer(
            &mut session,
            Request::Exclude {
                row: sent_rows[0],
                excluded: true,
            },
        ),
        Answer::Locked(Locked::AwaitingAnswer)
    );
    answer(
        &mut session,
        Request::List {
            filter: ListFilter::All,
        },
    );
    let Answer::Rows(shown) = answer(
        &mut session,
        Request::Rows {
            filter: ListFilter::All,
            start: 0,
            len: 3,
        },
    ) else {
        panic!("no rows")
    };
    assert_eq!(
        shown.iter().map(|r| r.state).collect::<Vec<_>>(),
        [RowState::Sent, RowState::Sent, RowState::Excluded]
    );
    assert_eq!(shown[1].cells[1].value, "ola@example.no");
    assert!(matches!(
        answer(&mut session, Request::NextChunk { max: 500 }),
        Answer::Chunk { rows, .. } if rows.is_empty()
    ));
    assert_eq!(
        answer(
            &mut session,
            Request::Apply {
                rows: vec![99],
                verdicts: vec![]
            }
        ),
        Answer::VerdictMismatch
    );
    let verdicts = vec![
        Verdict::Created {
            row: 3,
            customer_id: 1,
        },
        Verdict::Rejected {
            row: 4,
            errors: Vec::new(),
        },
    ];
    assert!(matches!(
        answer(
            &mut session,
            Request::Apply {
                rows: sent_rows,
                verdicts
            }
        ),
        Answer::Counts(Counts {
            created: 1,
            rejected: 1,
            excluded: 1,
            ..
        })
    ));
    assert_eq!(
        answer(
            &mut session,
            Request::List {
                filter: ListFilter::Failed
            }
        ),
        Answer::Listed(1)
    );
    let Answer::FailedRows(csv) = answer(
        &mut session,
        Request::FailedRows {
            language: Language::Nb,
            error_heading: "Feil".into(),
        },
    ) else {
        panic!("no file")
    };
    assert!(csv.contains("Navn;E-post;Telefon;Feil"), "{csv}");
    assert!(csv.contains("Ola;ola@example.no"), "{csv}");
    assert!(!csv.contains("Åse Ås") && !csv.contains("Kari"), "{csv}");
}

#[test]
fn a_call_without_its_file_or_in_another_shape_is_refused() {
    let mut session = Session::default();
    let request = Request::Open {
        name: "a.csv".into(),
        options: OpenOptions::default(),
    };
    assert_eq!(ask(&mut session, request, None).0, Answer::BadRequest);
    let (empty, _) = ask(
        &mut session,
        Request::Open {
            name: "tom.csv".into(),
            options: OpenOptions::default(),
        },
        Some(b""),
    );
    assert!(matches!(empty, Answer::Opened(Err(_))));
    assert!(serde_json::from_str::<Call>(r#"{"id":1,"request":{"Drop":{}}}"#).is_err());
    // A file beyond the limit is refused by its size, before its bytes are read.
    assert!(matches!(
        Session::refuse_size(5 << 30),
        Some(Answer::Opened(Err(ReadError::FileTooBig { size, .. }))) if size == 5 << 30
    ));
    assert_eq!(Session::refuse_size(CSV.len() as u64), None);
}

/// The failed-rows file of `bytes` (picked as `name`) in `language`, its rows mapped
/// as suggested.
fn failed_rows_of(name: &str, bytes: &[u8], language: Language) -> String {
    let mut session = Session::default();
    let (opened, _) = ask(
        &mut session,
        Request::Open {
            name: name.into(),
            options: OpenOptions::default(),
        },
        Some(bytes),
    );
    let Answer::Opened(Ok(summary)) = opened else {
        panic!("{opened:?}")
    };
    let choice = TableChoice {
        sheet: summary.default_sheet,
        ..choice()
    };
    let suggested = answer(
        &mut session,
        Request::StartingMapping {
            choice,
            fields: default_fields(),
            country: Country::Norway,
            today: TODAY,
            remembered: None,
        },
    );
    let Answer::StartingMapping(mapping, _) = suggested else {
        panic!("{suggested:?}")
    };
    let setup = Setup {
        fields: default_fields(),
        lists: Lists::default(),
        country: Country::Norway,
        today: TODAY,
    };
    let built = answer(
        &mut session,
        Request::Review {
            choice,
            mapping,
            setup,
        },
    );
    assert!(matches!(built, Answer::Reviewed { .. }), "{built:?}");
    let Answer::FailedRows(csv) = answer(
        &mut session,
        Request::FailedRows {
            language,
            error_heading: "Feil".into(),
        },
    ) else {
        panic!("no file")
    };
    csv
}

/// Failed rows go back separated as the file was, whatever the language; a workbook's
/// as the language's spreadsheets separate lists.
#[test]
fn failed_rows_are_separated_as_the_users_file() {
    let csv = "Navn,E-post\r\nÅse,ase(at)example.no\r\n";
    let written = failed_rows_of("kunder.csv", csv.as_bytes(), Language::Nb);
    assert!(
        written.starts_with("\u{feff}Navn,E-post,Feil\r\nÅse,ase(at)example.no,«"),
        "{written}"
    );
    let tabs = "Navn\tE-post\r\nÅse\tase(at)example.no\r\n";
    assert!(
        failed_rows_of("kunder.txt", tabs.as_bytes(), Language::En)
            .starts_with("\u{feff}Navn\tE-post\tFeil\r\n")
    );
    let workbook = include_bytes!("../../reading/tests/corpus/customers.xlsx");
    for (language, heading) in [
        (Language::Nb, "Navn;E-post;"),
        (Language::En, "Navn,E-post,"),
    ] {
        let written = failed_rows_of("kunder.xlsx", workbook, language);
        assert!(
            written.starts_with(&format!("\u{feff}{heading}")),
            "{written}"
        );
    }
}

#[test]
fn a_replace_in_one_column_answers_the_cells_changed_and_the_counts() {
    let mut session = Session::default();
    let edit = BulkEdit::Replace {
        find: "@example".into(),
        with: "@example.no".into(),
        whole_cell: true,
    };
    assert_eq!(
        answer(&mut session, Request::BulkEdit { column: 1, edit }),
        Answer::NotReady
    );
    open(&mut session);
    review(&mut session);
    // Ola's e-mail lacks its domain's end: fixed. Kari still repeats Åse's e-mail.
    let fixed = answer(
        &mut session,
        Request::BulkEdit {
            column: 1,
            edit: BulkEdit::Replace {
                find: "ola@example".into(),
                with: "ola@example.no".into(),
                whole_cell: true,
            },
        },
    );
    assert_eq!(
        fixed,
        Answer::BulkEdited {
            changed: 1,
            counts: Counts {
                ready: 2,
                problems: 1,
                ..Counts::default()
            }
        }
    );
    // A replace can also make a repeat: Ola now has Åse's e-mail.
    let repeated = answer(
        &mut session,
        Request::BulkEdit {
            column: 1,
            edit: BulkEdit::Replace {
                find: "ola@".into(),
                with: "ase@".into(),
                whole_cell: false,
            },
        },
    );
    assert!(
        matches!(
            repeated,
            Answer::BulkEdited {
                changed: 1,
                counts: Counts {
                    ready: 1,
                    problems: 2,
                    ..
                }
            }
        ),
        "{repeated:?}"
    );
}

/// A zip workbook opened from a reader (as the worker reads it from the `File`, in
/// pieces) is summarised and shown exactly as when opened from its bytes.
#[test]
fn a_workbook_read_in_pieces_answers_as_one_read_whole() {
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../reading/tests/corpus/customers.xlsx");
    let bytes = std::fs::read(corpus).unwrap();
    let name = "customers.xlsx";
    let start = &bytes[..bytes.len().min(64 << 10)];
    assert!(customer_import_reading::read::is_zip_workbook(start, name));
    let options = OpenOptions::default();
    let mut whole = Session::default();
    let open = Request::Open {
        name: name.to_owned(),
        options: options.clone(),
    };
    let (opened_whole, _) = ask(&mut whole, open, Some(&bytes));
    let mut pieces = Session::default();
    let source = std::io::Cursor::new(&bytes[..]);
    let opened = pieces.open_zip_workbook(
        name,
        source,
        bytes.len() as u64,
        start,
        options,
        &mut |_| {},
    );
    assert!(matches!(opened, Answer::Opened(Ok(_))), "{opened:?}");
    assert_eq!(opened, opened_whole);
    let rows = Request::TableRows {
        choice: choice(),
        start: 0,
        len: 50,
    };
    assert_eq!(answer(&mut pieces, rows.clone()), answer(&mut whole, rows));
}
