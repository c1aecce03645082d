//! The worker's session driven as the page drives it, through JSON messages, each
//! answer read as the type its question names.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use std::io::{self, Cursor, Read, Seek, SeekFrom};

use customer_import_domain::{
    country::Country,
    schema::default_fields,
    texts::Language,
    validate::{Date, Lists},
    wire::{ImportChunk, ImportResult, Verdict},
};
use customer_import_reading::read::{ReadOptions, read_file};
use customer_import_worker::{
    protocol::{
        self, AddedHeadings, Apply, Call, ChooseValues, ChunkHead, Counts, Edit, Exclude,
        FailedFile, FailedKind, FailedRows, FieldChoices, FileFormat, FileSummary, Likeness, List,
        ListFilter, Locked, Message, NextChunk, NotApplied, Open, OpenOptions, Origin, Phase,
        Progress, Question, ReadError, Refusal, Reply, Request, RowState, Rows, Setup, Spellings,
        StartingMapping, Table, TableChoice, TableRows, TextSummary, ValueChoice, answer_of,
        bulk::BulkEdit, reply,
    },
    session::Session,
    table_view::file_summary,
};

#[path = "session/several_files.rs"]
mod several_files;

const TODAY: Date = Date {
    year: 2026,
    month: 11,
    day: 21,
};

/// `request` as it reaches the worker: sent as the page sends it, as JSON.
fn sent(request: Request) -> Request {
    let json = serde_json::to_string(&Call { id: 7, request }).unwrap();
    serde_json::from_str::<Call>(&json).unwrap().request
}

/// The worker's `answer` to a `Q` as the page reads it, after crossing as JSON.
fn received<Q: Question>(answer: Reply) -> Result<Q::Answer, Refusal> {
    let json = serde_json::to_string(&Message::Answer { id: 7, answer }).unwrap();
    match serde_json::from_str(&json).unwrap() {
        Message::Answer { id: 7, answer } => answer_of::<Q>(answer),
        other => panic!("{other:?}"),
    }
}

/// Asks `question` as the page does, with the progress reports on the way.
fn ask<Q: Question>(
    session: &mut Session,
    question: Q,
) -> (Result<Q::Answer, Refusal>, Vec<Progress>) {
    let mut reports = Vec::new();
    let answer = session.handle(sent(question.into()), &mut |p| reports.push(p));
    (received::<Q>(answer), reports)
}

fn answer<Q: Question>(session: &mut Session, question: Q) -> Result<Q::Answer, Refusal> {
    ask(session, question).0
}

/// What opening a file answered, and told on the way.
struct Opened {
    answer: Result<Result<FileSummary, ReadError>, Refusal>,
    progress: Vec<Progress>,
    previews: Vec<(Vec<Vec<String>>, TextSummary)>,
}

/// Opens `file` picked as `name`, as the worker's entry point opens the picked `File`:
/// the call as JSON, the file as a reader beside it.
fn open_from(session: &mut Session, name: &str, file: impl Read + Seek) -> Opened {
    let open = Open {
        file: 0,
        files: 1,
        name: name.into(),
        options: OpenOptions {
            country: Some(Country::Norway),
            ..OpenOptions::default()
        },
    };
    let Request::Open(open) = sent(open.into()) else {
        panic!("not an open")
    };
    let (mut progress, mut previews) = (Vec::new(), Vec::new());
    let answer = session.open(open, file, &mut |p| progress.push(p), &mut |rows, text| {
        previews.push((rows, text))
    });
    Opened {
        answer: received::<Open>(reply::<Open>(answer)),
        progress,
        previews,
    }
}

fn open_bytes(session: &mut Session, name: &str, bytes: &[u8]) -> Opened {
    open_from(session, name, Cursor::new(bytes))
}

const CSV: &str = "Kundeliste\r\n\
    Navn;E-post;Telefon\r\n\
    Åse Ås;ase@example.no;+47 912 34 567\r\n\
    Ola;ola@example;22 33 44 55\r\n\
    \r\n\
    Kari;ase@example.no;\r\n";

fn choice() -> TableChoice {
    TableChoice {
        file: 0,
        sheet: 0,
        skip_rows: None,
        has_headers: true,
    }
}

fn open(session: &mut Session) {
    let opened = open_bytes(session, "kunder.csv", CSV.as_bytes());
    let summary = opened.answer.unwrap().unwrap();
    assert_eq!(summary.format, FileFormat::DelimitedText);
    assert_eq!(summary.text.as_ref().unwrap().delimiter, b';');
    assert_eq!(summary.sheets[0].rows, 6);
    assert_eq!(opened.progress[0].phase, Phase::Reading);
    assert_eq!(opened.progress[0].total, CSV.len() as u64);
    // The first rows came from the file's start, read as the whole file was.
    let [(rows, text)] = &opened.previews[..] else {
        panic!("{:?}", opened.previews)
    };
    assert_eq!(rows[1], ["Navn", "E-post", "Telefon"]);
    assert_eq!(Some(text), summary.text.as_ref());
}

fn setup() -> Setup {
    Setup {
        fields: default_fields(),
        lists: Lists::default(),
        country: Country::Norway,
        today: TODAY,
    }
}

fn starting_mapping(choice: TableChoice) -> StartingMapping {
    StartingMapping {
        choice,
        fields: default_fields(),
        country: Country::Norway,
        today: TODAY,
        remembered: None,
    }
}

fn review(session: &mut Session) -> Vec<Progress> {
    let (mapping, origin) = answer(session, starting_mapping(choice())).unwrap();
    assert_eq!(origin, Origin::Suggested);
    let (built, reports) = ask(
        session,
        protocol::Review {
            files: vec![protocol::ReviewFile {
                choice: choice(),
                mapping,
            }],
            setup: setup(),
            host_checks: false,
        },
    );
    let built = built.unwrap();
    assert_eq!(built.columns.len(), 3);
    assert_eq!(
        built.counts,
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
        answer(&mut session, Table { choice: choice() }),
        Err(Refusal::NotReady)
    );
    open(&mut session);

    let table = answer(&mut session, Table { choice: choice() })
        .unwrap()
        .unwrap();
    // The title row is skipped by suggestion; the empty row is not a customer.
    assert_eq!(table.header.skip_rows, 1);
    assert_eq!(table.rows, 3);
    assert_eq!(table.headings, ["Navn", "E-post", "Telefon"]);
    assert_eq!(table.first_row[0], ("Navn".into(), "Åse Ås".into()));
    assert_eq!(table.examples[1], ["ase@example.no", "ola@example"]);

    let rows = answer(
        &mut session,
        TableRows {
            choice: choice(),
            start: 2,
            len: 100,
        },
    )
    .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].number, rows[0].cells[0].as_str()), (6, "Kari"));

    let no_header = TableChoice {
        has_headers: false,
        skip_rows: Some(0),
        ..choice()
    };
    let raw = answer(&mut session, Table { choice: no_header })
        .unwrap()
        .unwrap();
    assert_eq!(raw.rows, 5);
    let past = TableChoice {
        skip_rows: Some(99),
        ..choice()
    };
    assert!(matches!(
        answer(&mut session, Table { choice: past }),
        Ok(Err(_))
    ));
    // Only the table's summary says why it cannot be made; its rows are not there.
    let rows_past = TableRows {
        choice: past,
        start: 0,
        len: 10,
    };
    assert_eq!(answer(&mut session, rows_past), Err(Refusal::NotReady));
    let missing = TableChoice {
        sheet: 3,
        ..choice()
    };
    assert_eq!(
        answer(&mut session, Table { choice: missing }),
        Err(Refusal::NotReady)
    );
}

#[test]
fn a_review_is_built_with_progress_edited_saved_and_its_failures_written() {
    let mut session = Session::default();
    let all = List {
        file: None,
        filter: ListFilter::All,
    };
    assert_eq!(answer(&mut session, all), Err(Refusal::NotReady));
    open(&mut session);
    let reports = review(&mut session);
    assert_eq!(
        reports.first().map(|p| (p.phase, p.done)),
        Some((Phase::Checking, 0))
    );
    assert_eq!(reports.last().map(|p| (p.done, p.total)), Some((3, 3)));

    let with_problems = List {
        file: None,
        filter: ListFilter::WithProblems,
    };
    assert_eq!(answer(&mut session, with_problems), Ok(2));
    let rows = answer(
        &mut session,
        Rows {
            file: None,
            filter: ListFilter::WithProblems,
            start: 0,
            len: 10,
        },
    )
    .unwrap();
    assert_eq!(rows.iter().map(|r| r.number).collect::<Vec<_>>(), [4, 6]);
    assert_eq!(rows[0].state, RowState::Problems);
    assert!(!rows[0].cells[1].problems.is_empty(), "{:?}", rows[0]);
    // Kari repeats Åse's e-mail: the problem is on Kari's e-mail cell.
    assert_eq!(rows[1].cells[1].problems[0].other_row, Some(3));

    // Fixing Ola's e-mail makes the row ready; the list stays as it was made.
    let fixed = answer(
        &mut session,
        Edit {
            row: rows[0].row,
            column: 1,
            text: "ola@example.no".into(),
        },
    );
    assert!(
        matches!(
            fixed,
            Ok(Ok(Counts {
                ready: 2,
                problems: 1,
                ..
            }))
        ),
        "{fixed:?}"
    );
    let again = answer(
        &mut session,
        Rows {
            file: None,
            filter: ListFilter::WithProblems,
            start: 0,
            len: 1,
        },
    )
    .unwrap();
    assert_eq!((again[0].number, again[0].state), (4, RowState::Ready));
    assert_eq!(again[0].cells[2].stored.as_deref(), Some("+4722334455"));
    // Out of range edits change nothing.
    assert!(matches!(
        answer(
            &mut session,
            Edit {
                row: 99,
                column: 0,
                text: "x".into()
            }
        ),
        Ok(Ok(Counts { ready: 2, .. }))
    ));
    assert!(matches!(
        answer(
            &mut session,
            Exclude {
                row: rows[1].row,
                excluded: true
            }
        ),
        Ok(Ok(Counts {
            ready: 2,
            problems: 0,
            excluded: 1,
            ..
        }))
    ));

    // The worker writes the request body itself: the chunk the server takes.
    let head = ChunkHead {
        batch_id: Some(7),
        file_name: Some("kunder.csv".into()),
        file_rows: Some(3),
        left_out: Some(1),
        ..ChunkHead::default()
    };
    let chunk = answer(
        &mut session,
        NextChunk {
            max: 500,
            head: head.clone(),
        },
    )
    .unwrap();
    let body: ImportChunk = serde_json::from_str(&chunk.body).unwrap();
    assert_eq!(body.rows.iter().map(|r| r.row).collect::<Vec<_>>(), [3, 4]);
    assert_eq!(body.rows[1].values["email"], "ola@example.no");
    assert_eq!(
        (
            body.batch_id,
            body.file_name,
            body.file_rows,
            body.held_back
        ),
        (Some(7), Some("kunder.csv".into()), Some(3), None)
    );
    assert_eq!(
        (body.left_out, body.create_missing_groups),
        (Some(1), false)
    );
    assert_eq!(
        chunk.counts,
        Counts {
            sent: 2,
            excluded: 1,
            ..Counts::default()
        }
    );
    let sent_rows = chunk.rows;
    // Until the answer arrives, the rows sent refuse to change, saying why, and are
    // shown as sent.
    assert_eq!(
        answer(
            &mut session,
            Edit {
                row: sent_rows[1],
                column: 1,
                text: "changed@example.no".into(),
            },
        ),
        Ok(Err(Locked::AwaitingAnswer))
    );
    assert_eq!(
        answer(
            &mut session,
            Exclude {
                row: sent_rows[0],
                excluded: true,
            },
        ),
        Ok(Err(Locked::AwaitingAnswer))
    );
    answer(&mut session, all).unwrap();
    let shown = answer(
        &mut session,
        Rows {
            file: None,
            filter: ListFilter::All,
            start: 0,
            len: 3,
        },
    )
    .unwrap();
    assert_eq!(
        shown.iter().map(|r| r.state).collect::<Vec<_>>(),
        [RowState::Sent, RowState::Sent, RowState::Excluded]
    );
    assert_eq!(shown[1].cells[1].value, "ola@example.no");
    let none_left = answer(&mut session, NextChunk { max: 500, head }).unwrap();
    assert_eq!((none_left.rows.len(), none_left.body.as_str()), (0, ""));

    // The server's answer goes to the worker as the text it came in.
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
    let response_text = serde_json::to_string(&ImportResult {
        batch_id: 7,
        verdicts,
    })
    .unwrap();
    let mismatched = Apply {
        rows: vec![sent_rows[0], 99],
        response_text: response_text.clone(),
    };
    assert_eq!(
        answer(&mut session, mismatched),
        Ok(Err(NotApplied::Mismatch))
    );
    for unreadable in ["", "<html>Bad gateway</html>", r#"{"batch_id":7}"#] {
        let apply = Apply {
            rows: sent_rows.clone(),
            response_text: unreadable.into(),
        };
        assert_eq!(
            answer(&mut session, apply),
            Ok(Err(NotApplied::Unreadable)),
            "{unreadable}"
        );
    }
    // Nothing of them was recorded: the rows still await their answer.
    assert_eq!(
        answer(
            &mut session,
            Exclude {
                row: sent_rows[0],
                excluded: true,
            },
        ),
        Ok(Err(Locked::AwaitingAnswer))
    );
    let applied = Apply {
        rows: sent_rows,
        response_text,
    };
    assert!(matches!(
        answer(&mut session, applied),
        Ok(Ok(Counts {
            created: 1,
            rejected: 1,
            excluded: 1,
            ..
        }))
    ));
    let failed = List {
        file: None,
        filter: ListFilter::Failed,
    };
    assert_eq!(answer(&mut session, failed), Ok(1));
    let file = answer(
        &mut session,
        FailedRows {
            file: 0,
            language: Language::Nb,
            added: AddedHeadings {
                row: "Rad".into(),
                reasons: "Feil".into(),
            },
            sheet: "Ikke opprettet".into(),
        },
    )
    .unwrap();
    // The file was `;`-separated text: so are its failed rows, as a .csv.
    assert_eq!(file.kind, FailedKind::Delimited(b';'));
    assert_eq!(file.kind.extension(), "csv");
    let csv = String::from_utf8(file.bytes).unwrap();
    assert!(csv.contains("Navn;E-post;Telefon;Rad;Feil"), "{csv}");
    assert!(csv.contains("Ola;ola@example.no"), "{csv}");
    assert!(!csv.contains("Åse Ås") && !csv.contains("Kari"), "{csv}");
}

/// A file as large as it says, that must not be read.
struct Untouched(u64);

impl Read for Untouched {
    fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
        panic!("a file beyond the limit was read")
    }
}

impl Seek for Untouched {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        match to {
            SeekFrom::End(0) => Ok(self.0),
            _ => panic!("a file beyond the limit was read"),
        }
    }
}

/// A file the browser will no longer give (it went away since it was picked).
struct Gone;

impl Read for Gone {
    fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
        Err(io::Error::other("NotReadableError"))
    }
}

impl Seek for Gone {
    fn seek(&mut self, _: SeekFrom) -> io::Result<u64> {
        Ok(100)
    }
}

#[test]
fn a_call_without_its_file_or_in_another_shape_is_refused() {
    let mut session = Session::default();
    let open = Open {
        file: 0,
        files: 1,
        name: "a.csv".into(),
        options: OpenOptions::default(),
    };
    assert_eq!(answer(&mut session, open), Err(Refusal::NoFile));
    // Only the entry point knows the worker's memory.
    let memory = protocol::MemoryUsed {};
    assert_eq!(answer(&mut session, memory), Err(Refusal::BadRequest));
    let empty = open_bytes(&mut session, "tom.csv", b"");
    assert!(matches!(empty.answer, Ok(Err(_))), "{:?}", empty.answer);
    assert!(serde_json::from_str::<Call>(r#"{"id":1,"request":{"Drop":{}}}"#).is_err());
    // An answer read as another question's is not taken for it.
    let counted = reply::<List>(Ok(3));
    assert_eq!(received::<FailedRows>(counted), Err(Refusal::BadRequest));
    // A file beyond the limit is refused by its size, before its bytes are read.
    let huge = open_from(&mut session, "stor.csv", Untouched(5 << 30));
    assert!(
        matches!(huge.answer, Ok(Err(ReadError::FileTooBig { size, .. })) if size == 5 << 30),
        "{:?}",
        huge.answer
    );
    assert!(huge.progress.is_empty() && huge.previews.is_empty());
    assert_eq!(
        open_from(&mut session, "borte.csv", Gone).answer,
        Err(Refusal::NoFile)
    );
}

/// The failed-rows file of `bytes` (picked as `name`) in `language`, its rows mapped
/// as suggested.
fn failed_rows_of(name: &str, bytes: &[u8], language: Language) -> FailedFile {
    let mut session = Session::default();
    let summary = open_bytes(&mut session, name, bytes)
        .answer
        .unwrap()
        .unwrap();
    let choice = TableChoice {
        sheet: summary.default_sheet,
        ..choice()
    };
    let (mapping, _) = answer(&mut session, starting_mapping(choice)).unwrap();
    let built = answer(
        &mut session,
        protocol::Review {
            files: vec![protocol::ReviewFile { choice, mapping }],
            setup: setup(),
            host_checks: false,
        },
    );
    assert!(built.is_ok(), "{built:?}");
    answer(
        &mut session,
        FailedRows {
            file: 0,
            language,
            added: AddedHeadings {
                row: "Rad".into(),
                reasons: "Feil".into(),
            },
            sheet: "Ikke opprettet".into(),
        },
    )
    .unwrap()
}

/// Failed rows go back in the kind of file the user brought: delimited text separated
/// as it was (tab-separated as a .txt), whatever the language; a workbook as an xlsx
/// the product reads back.
#[test]
fn failed_rows_go_back_as_the_users_kind_of_file() {
    let csv = "Navn,E-post\r\nÅse,ase(at)example.no\r\n";
    let written = failed_rows_of("kunder.csv", csv.as_bytes(), Language::Nb);
    assert_eq!(written.kind.extension(), "csv");
    let text = String::from_utf8(written.bytes).unwrap();
    assert!(
        text.starts_with("\u{feff}Navn,E-post,Rad,Feil\r\nÅse,ase(at)example.no,2,«"),
        "{text}"
    );
    let tabs = "Navn\tE-post\r\nÅse\tase(at)example.no\r\n";
    let written = failed_rows_of("kunder.txt", tabs.as_bytes(), Language::En);
    assert_eq!(written.kind.extension(), "txt");
    assert!(
        String::from_utf8(written.bytes)
            .unwrap()
            .starts_with("\u{feff}Navn\tE-post\tRad\tFeil\r\n")
    );
    let workbook = include_bytes!("../../reading/tests/corpus/customers.xlsx");
    for language in [Language::Nb, Language::En] {
        let written = failed_rows_of("kunder.xlsx", workbook, language);
        assert_eq!(written.kind, FailedKind::Xlsx);
        let book = read_file(
            &written.bytes,
            "kunder-ikke-opprettet.xlsx",
            &ReadOptions::default(),
        )
        .unwrap();
        let sheet = book.sheets[0].content.as_ref().unwrap();
        assert_eq!(
            (sheet.cell(0, 0).text, sheet.cell(0, 1).text),
            ("Navn", "E-post")
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
        answer(&mut session, protocol::BulkEdit { column: 1, edit }),
        Err(Refusal::NotReady)
    );
    open(&mut session);
    review(&mut session);
    // Ola's e-mail lacks its domain's end: fixed. Kari still repeats Åse's e-mail.
    let fixed = answer(
        &mut session,
        protocol::BulkEdit {
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
        Ok(protocol::BulkEdited {
            changed: 1,
            counts: Counts {
                ready: 2,
                problems: 1,
                ..Counts::default()
            }
        })
    );
    // A replace can also make a repeat: Ola now has Åse's e-mail.
    let repeated = answer(
        &mut session,
        protocol::BulkEdit {
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
            Ok(protocol::BulkEdited {
                changed: 1,
                counts: Counts {
                    ready: 1,
                    problems: 2,
                    ..
                }
            })
        ),
        "{repeated:?}"
    );
}

/// Every format comes in by the same door, a reader over the file: a zip workbook,
/// read from it in pieces, and a workbook read whole are summarised as the reading
/// reads their bytes.
#[test]
fn every_format_opened_from_a_reader_answers_as_its_bytes_read() {
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../reading/tests/corpus");
    for name in ["customers.xlsx", "customers.ods", "customers.xls"] {
        let bytes = std::fs::read(corpus.join(name)).unwrap();
        let mut session = Session::default();
        let opened = open_bytes(&mut session, name, &bytes);
        let options = ReadOptions {
            country: Some(Country::Norway),
            ..ReadOptions::default()
        };
        let book = read_file(&bytes, name, &options).unwrap();
        assert_eq!(opened.answer, Ok(Ok(file_summary(&book))), "{name}");
        let sheet = book.default_sheet();
        assert_eq!(opened.progress[0].total, bytes.len() as u64);
        // A workbook's start shows no rows: its directory is at its end.
        assert!(opened.previews.is_empty(), "{name}");
        let rows = TableRows {
            choice: TableChoice { sheet, ..choice() },
            start: 0,
            len: 50,
        };
        assert!(!answer(&mut session, rows).unwrap().is_empty(), "{name}");
    }
}

/// A reader that gives at most a few bytes at a time, as a browser may.
struct Trickle<R>(R);

impl<R: Read> Read for Trickle<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = buf.len().min(1_000);
        self.0.read(&mut buf[..n])
    }
}

impl<R: Seek> Seek for Trickle<R> {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        self.0.seek(to)
    }
}

/// Text longer than the start read first is read whole, however little each read
/// gives; the start's rows show while it is.
#[test]
fn a_file_longer_than_its_start_is_read_whole_in_pieces() {
    let mut csv = String::from("Navn;E-post\r\n");
    for i in 0..5_000 {
        csv.push_str(&format!("Kunde {i};kunde{i}@example.no\r\n"));
    }
    assert!(csv.len() > 128 << 10);
    let mut session = Session::default();
    let opened = open_from(
        &mut session,
        "kunder.csv",
        Trickle(Cursor::new(csv.as_bytes())),
    );
    let summary = opened.answer.unwrap().unwrap();
    assert_eq!(summary.sheets[0].rows, 5_001);
    let [(rows, _)] = &opened.previews[..] else {
        panic!("{:?}", opened.previews)
    };
    assert_eq!(rows.len(), 10);
    let last = TableRows {
        choice: choice(),
        start: 4_999,
        len: 10,
    };
    let last = answer(&mut session, last).unwrap();
    assert_eq!(last[0].cells, ["Kunde 4999", "kunde4999@example.no"]);
}

/// A unit column's spellings come with their rows and suggestions; a choice maps every
/// row with the spelling, and the counts say so.
#[test]
fn spellings_are_listed_and_a_choice_maps_every_row() {
    let mut session = Session::default();
    let csv = "Navn;Bolig\r\nÅse;Blokk A 101\r\nOla;Blokk A 101\r\nKari;Z-9\r\n";
    open_bytes(&mut session, "kunder.csv", csv.as_bytes())
        .answer
        .unwrap()
        .unwrap();
    let (mapping, _) = answer(&mut session, starting_mapping(choice())).unwrap();
    assert_eq!(mapping.column_of("unit"), Some(1));
    let setup = Setup {
        lists: Lists {
            units: Some(vec!["A-101".into(), "A-102".into()]),
            ..Lists::default()
        },
        ..setup()
    };
    let built = answer(
        &mut session,
        protocol::Review {
            files: vec![protocol::ReviewFile {
                choice: choice(),
                mapping,
            }],
            setup,
            host_checks: false,
        },
    )
    .unwrap();
    assert_eq!(built.counts.problems, 3);
    let unit = built
        .columns
        .iter()
        .position(|c| c.field.key == "unit")
        .unwrap();
    let listed = answer(&mut session, Spellings { column: unit }).unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(
        (listed[0].value.as_str(), listed[0].rows),
        ("Blokk A 101", 2)
    );
    assert_eq!(
        listed[0].suggestion,
        Some(("A-101".to_owned(), Likeness::Contains))
    );
    let mut choices = FieldChoices::new();
    choices.insert("Blokk A 101".into(), ValueChoice::Item("A-101".into()));
    let chosen = answer(
        &mut session,
        ChooseValues {
            column: unit,
            choices,
        },
    )
    .unwrap();
    assert_eq!(chosen.changed, 2);
    assert_eq!(chosen.counts.problems, 1);
}

/// A file of changes, each row's customer number its key: K-1 as stored, K-2 with a
/// new name (and no phone, which keeps the stored one), K-3 whose e-mail is another
/// customer's, K-4 new.
const CHANGES: &str = "Kundenr;Navn;E-post;Telefon\r\n\
    K-1;Åse Ås;ase@example.no;+47 912 34 567\r\n\
    K-2;Ola Nord;ola@example.no;\r\n\
    K-3;Kari;kari@example.no;22 33 44 55\r\n\
    K-4;Per;per@example.no;\r\n";

fn customer(id: i64, pairs: &[(&str, &str)]) -> customer_import_domain::wire::CurrentCustomer {
    customer_import_domain::wire::CurrentCustomer {
        id,
        version: id * 10,
        values: pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
    }
}

#[test]
fn an_updating_review_asks_for_the_keys_customers_and_plans_every_row() {
    use customer_import_domain::{
        update::{FieldChange, ImportMode, MatchKey},
        wire::{CustomerLookup, CustomerLookupResult, KeyMatch},
    };
    use protocol::{LookupRequests, Matches, Plan};

    let mut session = Session::default();
    let opened = open_bytes(&mut session, "endringer.csv", CHANGES.as_bytes());
    opened.answer.unwrap().unwrap();
    let (mut mapping, _) = answer(&mut session, starting_mapping(choice())).unwrap();
    assert_eq!(
        mapping.match_key(),
        Some(MatchKey::ExternalId),
        "{mapping:?}"
    );
    mapping.mode = ImportMode::CreateAndUpdate;
    let review = protocol::Review {
        files: vec![protocol::ReviewFile {
            choice: choice(),
            mapping,
        }],
        setup: setup(),
        host_checks: false,
    };
    let built = answer(&mut session, review).unwrap();
    let name_column = built
        .columns
        .iter()
        .position(|c| c.field.key == "name")
        .unwrap();

    // Every row's key, two to a request, in the shape the server's lookup takes.
    let lookups = answer(&mut session, LookupRequests { max: 2 }).unwrap();
    assert_eq!(lookups.rows, [0, 1, 2, 3]);
    assert_eq!(lookups.bodies.len(), 2);
    let first: CustomerLookup = serde_json::from_str(&lookups.bodies[0]).unwrap();
    assert_eq!(first.match_key, MatchKey::ExternalId);
    assert_eq!(first.keys[1].external_id.as_deref(), Some("K-2"));
    assert_eq!(first.keys[1].email.as_deref(), Some("ola@example.no"));

    let answers = [
        vec![
            KeyMatch::Existing {
                customer: customer(
                    1,
                    &[
                        ("external_id", "K-1"),
                        ("name", "Åse Ås"),
                        ("email", "ase@example.no"),
                        ("phone", "+4791234567"),
                    ],
                ),
            },
            KeyMatch::Existing {
                customer: customer(
                    2,
                    &[
                        ("external_id", "K-2"),
                        ("name", "Ola"),
                        ("email", "ola@example.no"),
                        ("phone", "+4722334455"),
                    ],
                ),
            },
        ],
        vec![
            KeyMatch::Two {
                customer_ids: [3, 1],
            },
            KeyMatch::New,
        ],
    ]
    .map(|matches| serde_json::to_string(&CustomerLookupResult { matches }).unwrap());
    let counts = answer(
        &mut session,
        Matches {
            rows: lookups.rows.clone(),
            answers: answers.to_vec(),
        },
    )
    .unwrap()
    .unwrap();
    assert_eq!(
        counts,
        Counts {
            ready: 3,
            problems: 1,
            will_update: 1,
            will_stay: 1,
            ..Counts::default()
        }
    );
    let n = answer(
        &mut session,
        List {
            file: None,
            filter: ListFilter::All,
        },
    )
    .unwrap();
    let rows = answer(
        &mut session,
        Rows {
            file: None,
            filter: ListFilter::All,
            start: 0,
            len: n,
        },
    )
    .unwrap();
    let plans: Vec<_> = rows.iter().map(|r| r.plan).collect();
    assert_eq!(
        plans,
        [
            Some(Plan::Unchanged),
            Some(Plan::Update),
            Some(Plan::New),
            Some(Plan::New)
        ]
    );
    // Only the name changes: the empty phone keeps the stored one.
    assert_eq!(
        rows[1].changes,
        [FieldChange {
            field: "name".into(),
            old: Some("Ola".into()),
            new: Some("Ola Nord".into())
        }]
    );
    let problems: Vec<_> = rows[2]
        .cells
        .iter()
        .flat_map(|c| &c.problems)
        .map(|e| (e.field.as_str(), e.problem))
        .collect();
    assert_eq!(
        problems,
        [(
            "external_id",
            customer_import_domain::validate::Problem::MatchesTwoCustomers
        )]
    );
    for (filter, listed) in [(ListFilter::Updates, 1), (ListFilter::New, 1)] {
        assert_eq!(
            answer(&mut session, List { filter, file: None }).unwrap(),
            listed,
            "{filter:?}"
        );
    }
    // A matched row is held to the same validation as the server, a new one is not
    // given a lookup's answer twice: a mismatched answer changes nothing.
    assert_eq!(
        answer(
            &mut session,
            Matches {
                rows: vec![0],
                answers: answers.to_vec()
            }
        )
        .unwrap(),
        Err(NotApplied::Mismatch)
    );

    // The chunk carries the choice, and each matched row the version it was compared with.
    let chunk = answer(
        &mut session,
        NextChunk {
            max: 10,
            head: ChunkHead::default(),
        },
    )
    .unwrap();
    assert_eq!(chunk.rows, [0, 1, 3]);
    let sent: ImportChunk = serde_json::from_str(&chunk.body).unwrap();
    let update = sent.update.unwrap();
    assert_eq!(
        (update.mode, update.match_key),
        (ImportMode::CreateAndUpdate, MatchKey::ExternalId)
    );
    let versions: Vec<_> = sent.rows.iter().map(|r| r.version).collect();
    assert_eq!(versions, [Some(10), Some(20), None]);

    // The customer of row 2 changed since: the row is compared with it as it is now.
    let mut now = customer(
        2,
        &[
            ("external_id", "K-2"),
            ("name", "Ola"),
            ("email", "ola@example.no"),
            ("city", "Bergen"),
        ],
    );
    now.version = 21;
    let result = ImportResult {
        batch_id: 1,
        verdicts: vec![
            Verdict::Unchanged {
                row: 2,
                customer_id: 1,
            },
            Verdict::ChangedSince {
                row: 3,
                current: Some(now),
            },
            Verdict::Created {
                row: 5,
                customer_id: 9,
            },
        ],
    };
    let counts = answer(
        &mut session,
        Apply {
            rows: chunk.rows,
            response_text: serde_json::to_string(&result).unwrap(),
        },
    )
    .unwrap()
    .unwrap();
    assert_eq!(
        (
            counts.unchanged,
            counts.rejected,
            counts.created,
            counts.ready
        ),
        (1, 1, 1, 0)
    );
    answer(
        &mut session,
        List {
            file: None,
            filter: ListFilter::All,
        },
    )
    .unwrap();
    let again = answer(
        &mut session,
        Rows {
            file: None,
            filter: ListFilter::All,
            start: 1,
            len: 1,
        },
    )
    .unwrap();
    assert_eq!(again[0].state, RowState::Rejected);
    assert!(again[0].changed_since);
    assert_eq!(again[0].changes[0].old.as_deref(), Some("Ola"));
    // Editing it (the second look) sends it again, with the fresh version.
    answer(
        &mut session,
        Edit {
            row: 1,
            column: name_column,
            text: "Ola Nordby".into(),
        },
    )
    .unwrap()
    .unwrap();
    let chunk = answer(
        &mut session,
        NextChunk {
            max: 10,
            head: ChunkHead::default(),
        },
    )
    .unwrap();
    let sent: ImportChunk = serde_json::from_str(&chunk.body).unwrap();
    assert_eq!(sent.rows[0].version, Some(21));
}

/// The portal's own checks (issue 30.6): rows cross a batch at a time with only their
/// mapped fields; the portal's problems land on the cells it names, an edit asks again,
/// a failed check loses nothing, and no row is sent before the portal answered for it.
#[test]
fn the_portals_check_is_asked_in_batches_and_its_problems_hold_rows_back() {
    use customer_import_domain::validate::Problem;
    use protocol::{HostFailed, HostProblem, HostProblems, HostRows};
    let mut session = Session::default();
    open(&mut session);
    let (mapping, _) = answer(&mut session, starting_mapping(choice())).unwrap();
    let built = answer(
        &mut session,
        protocol::Review {
            files: vec![protocol::ReviewFile {
                choice: choice(),
                mapping,
            }],
            setup: setup(),
            host_checks: true,
        },
    )
    .unwrap();
    assert_eq!(built.counts.awaiting_host, 3);
    let head = ChunkHead::default();
    let chunk = answer(
        &mut session,
        NextChunk {
            max: 10,
            head: head.clone(),
        },
    )
    .unwrap();
    assert!(
        chunk.rows.is_empty(),
        "no row is sent before the portal answered"
    );

    let first = answer(&mut session, HostRows { max: 2 }).unwrap();
    assert_eq!(
        first
            .iter()
            .map(|r| (r.row, r.file, r.number))
            .collect::<Vec<_>>(),
        [(0, 0, 3), (1, 0, 4)]
    );
    let keys: Vec<&str> = first[0].values.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["name", "email", "phone"], "only the mapped fields");
    assert!(
        first[0]
            .values
            .contains(&("email".into(), "ase@example.no".into()))
    );
    let rest = answer(&mut session, HostRows { max: 2 }).unwrap();
    assert_eq!(rest.iter().map(|r| r.number).collect::<Vec<_>>(), [6]);
    assert!(
        answer(&mut session, HostRows { max: 2 })
            .unwrap()
            .is_empty()
    );

    // The portal failed for the last batch: it is asked again, nothing lost.
    let counts = answer(&mut session, HostFailed { rows: vec![2] }).unwrap();
    assert_eq!(counts.awaiting_host, 3);
    let again = answer(&mut session, HostRows { max: 5 }).unwrap();
    assert_eq!(again.iter().map(|r| r.row).collect::<Vec<_>>(), [2]);

    let counts = answer(
        &mut session,
        HostProblems {
            rows: vec![0, 1],
            problems: vec![
                HostProblem {
                    file: 0,
                    row: 3,
                    field: "email".into(),
                    message: "Dette domenet tilhører en annen kunde.".into(),
                },
                // Not a row of the batch: dropped.
                HostProblem {
                    file: 0,
                    row: 6,
                    field: "email".into(),
                    message: "no".into(),
                },
            ],
        },
    )
    .unwrap();
    assert_eq!(
        (counts.ready, counts.problems, counts.awaiting_host),
        (0, 3, 1)
    );
    answer(
        &mut session,
        List {
            filter: ListFilter::WithProblems,
            file: None,
        },
    )
    .unwrap();
    let rows = answer(
        &mut session,
        Rows {
            filter: ListFilter::WithProblems,
            file: None,
            start: 0,
            len: 1,
        },
    )
    .unwrap();
    let email = &rows[0].cells[1];
    assert_eq!(email.problems.len(), 1, "{email:?}");
    assert_eq!(email.problems[0].problem, Problem::Portal);
    assert_eq!(
        email.problems[0].value,
        "Dette domenet tilhører en annen kunde."
    );

    // Fixed: asked again; once the portal answers, the row is sent.
    answer(
        &mut session,
        Edit {
            row: 0,
            column: 1,
            text: "ase@berg.example".into(),
        },
    )
    .unwrap()
    .unwrap();
    let asked = answer(&mut session, HostRows { max: 5 }).unwrap();
    // Row 2 is still asked (its batch failed once and was handed out again).
    assert_eq!(asked.iter().map(|r| r.row).collect::<Vec<_>>(), [0]);
    answer(
        &mut session,
        HostProblems {
            rows: vec![0],
            problems: Vec::new(),
        },
    )
    .unwrap();
    let chunk = answer(
        &mut session,
        NextChunk {
            max: 10,
            head: head.clone(),
        },
    )
    .unwrap();
    assert_eq!(chunk.rows, [0], "row 2 waits for the portal still");
    answer(
        &mut session,
        HostProblems {
            rows: vec![2],
            problems: Vec::new(),
        },
    )
    .unwrap();
    let chunk = answer(&mut session, NextChunk { max: 10, head }).unwrap();
    assert_eq!(chunk.rows, [2]);
}
