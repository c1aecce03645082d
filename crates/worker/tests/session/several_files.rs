//! Several files in one import (issue 29): each read as its own, reviewed as one list
//! of rows that says each row's file, and sent a file at a time.

use super::*;
use customer_import_domain::{
    mapping::{Mapping, several_files::file_mapping},
    wire::ImportFile,
};
use protocol::{FileCounts, ReviewFile};

/// The customer group's board, in UTF-8.
const BOARD: &str =
    "Navn;E-post;Bolig\r\nÅse Ås;ase@example.no;Blokk A 101\r\nOla;ola@example.no;A-102\r\n";

/// The residents, with the same headings, as Excel on Windows saves them
/// (windows-1252: "Kåre" is 0xE5 for "å").
const RESIDENTS: &[u8] = b"Navn;E-post;Bolig\r\nK\xe5re;kare@example.no;blokk a101\r\n";

fn opened(session: &mut Session, name: &str, bytes: &[u8], file: usize) -> FileSummary {
    let open = Open {
        name: name.into(),
        options: OpenOptions {
            country: Some(Country::Norway),
            ..OpenOptions::default()
        },
        file,
        files: 2,
    };
    let Request::Open(open) = sent(open.into()) else {
        panic!("not an open")
    };
    let answer = session.open(open, Cursor::new(bytes), &mut |_| {}, &mut |_, _| {});
    received::<Open>(reply::<Open>(answer)).unwrap().unwrap()
}

fn in_file(file: usize) -> TableChoice {
    TableChoice { file, ..choice() }
}

/// The layout's mapping, with the file's own customer group.
fn with_group(mapping: &Mapping, group: &str) -> Mapping {
    let own = [("customer_group".to_owned(), group.to_owned())].into();
    file_mapping(mapping, &own, &mapping.fields.keys().cloned().collect())
}

#[test]
fn several_files_are_read_each_its_own_way_reviewed_as_one_and_sent_a_file_at_a_time() {
    let mut session = Session::default();
    let board = opened(&mut session, "styret.csv", BOARD.as_bytes(), 0);
    let residents = opened(&mut session, "beboere.csv", RESIDENTS, 1);
    assert_eq!(board.text.unwrap().encoding, "UTF-8");
    assert_eq!(residents.text.unwrap().encoding, "windows-1252");
    let table = |s: &mut Session, f| answer(s, Table { choice: in_file(f) }).unwrap().unwrap();
    // The same headings: one layout, one mapping for both.
    assert_eq!(
        table(&mut session, 0).signature,
        table(&mut session, 1).signature
    );
    let (mapping, _) = answer(&mut session, starting_mapping(in_file(0))).unwrap();
    let setup = Setup {
        lists: Lists {
            units: Some(vec!["A-101".into(), "A-102".into()]),
            ..Lists::default()
        },
        ..setup()
    };
    let review = protocol::Review {
        files: vec![
            ReviewFile {
                choice: in_file(0),
                mapping: with_group(&mapping, "Styret"),
            },
            ReviewFile {
                choice: in_file(1),
                mapping: with_group(&mapping, "Beboere"),
            },
        ],
        setup,
        host_checks: false,
    };
    let (built, progress) = ask(&mut session, review);
    let built = built.unwrap();
    // One bar for the rows of both files.
    assert_eq!(progress.last().map(|p| (p.done, p.total)), Some((3, 3)));
    assert_eq!(built.counts.problems, 2);
    let column = |key: &str| {
        built
            .columns
            .iter()
            .position(|c| c.field.key == key)
            .unwrap()
    };
    let (unit, group) = (column("unit"), column("customer_group"));

    // Every row says its file and its number there; a file's rows can be listed alone.
    let all = List {
        filter: ListFilter::All,
        file: None,
    };
    assert_eq!(answer(&mut session, all), Ok(3));
    let rows = |s: &mut Session, file| {
        let rows = Rows {
            filter: ListFilter::All,
            file,
            start: 0,
            len: 10,
        };
        answer(s, rows).unwrap()
    };
    let shown: Vec<_> = rows(&mut session, None)
        .iter()
        .map(|r| (r.file, r.number, r.cells[group].value.clone()))
        .collect();
    assert_eq!(
        shown,
        [
            (0, 2, "Styret".to_owned()),
            (0, 3, "Styret".to_owned()),
            (1, 2, "Beboere".to_owned()),
        ]
    );
    let only = List {
        filter: ListFilter::All,
        file: Some(1),
    };
    assert_eq!(answer(&mut session, only), Ok(1));
    let residents = rows(&mut session, Some(1));
    assert_eq!(residents[0].row, 2);
    assert_eq!(residents[0].cells[column("name")].value, "Kåre");

    // The unit's spellings of both files, each mapped once for every row.
    let listed = answer(&mut session, Spellings { column: unit }).unwrap();
    let spelled: Vec<_> = listed.iter().map(|s| (s.value.as_str(), s.rows)).collect();
    assert_eq!(spelled, [("Blokk A 101", 1), ("blokk a101", 1)]);
    let choices: FieldChoices = listed
        .iter()
        .map(|s| (s.value.clone(), ValueChoice::Item("A-101".into())))
        .collect();
    let chosen = answer(
        &mut session,
        ChooseValues {
            column: unit,
            choices,
        },
    )
    .unwrap();
    assert_eq!((chosen.changed, chosen.counts.ready), (2, 3));

    // Sent a file at a time, each chunk naming the files and which its rows are of.
    let head = ChunkHead {
        files: vec![
            ImportFile {
                name: "styret.csv".into(),
                rows: 2,
            },
            ImportFile {
                name: "beboere.csv".into(),
                rows: 1,
            },
        ],
        ..ChunkHead::default()
    };
    let take = |s: &mut Session| {
        let chunk = answer(
            s,
            NextChunk {
                max: 10,
                head: head.clone(),
            },
        )
        .unwrap();
        let body: ImportChunk = serde_json::from_str(&chunk.body).unwrap();
        (chunk.rows, body)
    };
    let (first, body) = take(&mut session);
    assert_eq!(
        (first, body.file, body.files.len()),
        (vec![0, 1], Some(0), 2)
    );
    let verdicts = body
        .rows
        .iter()
        .map(|r| Verdict::Created {
            row: r.row,
            customer_id: r.row as i64,
        })
        .collect();
    let response_text = serde_json::to_string(&ImportResult {
        batch_id: 1,
        verdicts,
    })
    .unwrap();
    let applied = Apply {
        rows: vec![0, 1],
        response_text,
    };
    assert_eq!(answer(&mut session, applied).unwrap().unwrap().created, 2);
    let (second, body) = take(&mut session);
    assert_eq!((second, body.file), (vec![2], Some(1)));
    assert_eq!(body.rows[0].values["customer_group"], "Beboere");
    let counts = answer(&mut session, FileCounts {}).unwrap();
    assert_eq!((counts[0].created, counts[1].sent), (2, 1));
}
