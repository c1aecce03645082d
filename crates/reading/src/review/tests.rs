use super::{
    bulk::BulkEdit,
    failed_rows::{AddedHeadings, FailedKind, failed_rows_csv, failed_rows_file},
    *,
};
use customer_import_domain::{
    cell::{CellKind, RawValue},
    mapping::list_values::{FieldChoices, ValueChoice},
    schema::default_fields,
    validate::{Problem, validate_row},
};

use crate::{
    read::{ReadOptions, read_file},
    table::HeaderOptions,
};

const CSV: &str = "Kundeliste Fjordparken\r\n\
Navn;E-post;Telefon;Bolig;Intern merknad\r\n\
Åse Berg;ase@example.no;912 34 567;A-101;secret 1\r\n\
Ola Nordmann;ola(at)example.no;;A-102;secret 2\r\n\
Kari Li;ASE@example.no;;B-201;secret 3\r\n\
Per Hansen;per@example.no;+46 70 123 45 67;C-999;secret 4\r\n";

fn setup() -> Setup {
    Setup {
        fields: default_fields(),
        lists: Lists {
            units: Some(vec!["A-101".into(), "A-102".into(), "B-201".into()]),
            ..Lists::default()
        },
        country: Country::Norway,
        today: Date {
            year: 2026,
            month: 11,
            day: 21,
        },
    }
}

/// Name, e-mail, phone and unit from columns 0–3; column 4 (a private note) unmapped;
/// the customer group chosen once for the whole file.
fn review() -> Review {
    review_with(|_| {})
}

/// [`review`], with the mapping changed by `change` first.
fn review_with(change: impl FnOnce(&mut Mapping)) -> Review {
    let book = read_file(CSV.as_bytes(), "kunder.csv", &ReadOptions::default()).unwrap();
    let sheet = book.sheets[0].content.as_ref().unwrap();
    let table = Table::new(
        sheet,
        HeaderOptions {
            skip_rows: 1,
            has_headers: true,
        },
    )
    .unwrap();
    let mut mapping = Mapping::default();
    for (field, column) in [("name", 0), ("email", 1), ("phone", 2), ("unit", 3)] {
        mapping.set_column(field, column);
    }
    mapping.set_fixed("customer_group", "Kjøpere");
    change(&mut mapping);
    Review::new(&table, &mapping, setup())
}

fn column(review: &Review, key: &str) -> usize {
    review
        .columns()
        .iter()
        .position(|c| c.field.key == key)
        .unwrap()
}

fn problems(review: &Review, row: usize) -> Vec<(String, Problem)> {
    review
        .problems(row)
        .into_iter()
        .map(|e| (e.field.clone(), e.problem))
        .collect()
}

fn created(row: u64, id: i64) -> Verdict {
    Verdict::Created {
        row,
        customer_id: id,
    }
}

#[test]
fn rows_are_checked_as_they_will_be_stored_with_file_row_numbers() {
    let review = review();
    assert_eq!(review.len(), 4);
    assert_eq!(
        (0..4).map(|r| review.row_number(r)).collect::<Vec<_>>(),
        [3, 4, 5, 6]
    );
    let first = review.customer(0).unwrap();
    assert_eq!(first.phone.as_deref(), Some("+4791234567"));
    assert_eq!(first.customer_group.as_deref(), Some("Kjøpere"));
    assert_eq!(review.state(0), RowState::Ready);
    assert_eq!(
        problems(&review, 1),
        [("email".into(), Problem::EmailInvalid)]
    );
    // Row 5 repeats row 3's e-mail in other case; row 6 names a unit not in the project.
    let dup = review.problems(2);
    assert_eq!(dup[0].problem, Problem::DuplicateInFile);
    assert_eq!(dup[0].other_row, Some(3));
    assert_eq!(
        problems(&review, 3),
        [("unit".into(), Problem::UnitUnknown)]
    );
    assert_eq!(
        review.counts(),
        Counts {
            ready: 1,
            problems: 3,
            ..Counts::default()
        }
    );
    assert_eq!(review.visible(Filter::WithProblems), [1, 2, 3]);
    assert_eq!(review.visible(Filter::All), [0, 1, 2, 3]);
}

/// The review of `csv`, whose columns are name, e-mail and customer number.
fn names_emails_and_numbers(csv: &str) -> Review {
    let book = read_file(csv.as_bytes(), "kunder.csv", &ReadOptions::default()).unwrap();
    let sheet = book.sheets[0].content.as_ref().unwrap();
    let table = Table::new(sheet, HeaderOptions::default()).unwrap();
    let mut mapping = Mapping::default();
    for (field, column) in [("name", 0), ("email", 1), ("external_id", 2)] {
        mapping.set_column(field, column);
    }
    Review::new(&table, &mapping, setup())
}

/// Unique values stored as the file wrote them are found in the sheet; only those
/// normalised into something else are copied, and both kinds find each other.
#[test]
fn duplicates_are_found_between_values_as_written_and_as_normalised() {
    let csv = "Navn;E-post;Kundenummer\n\
               Åse;ase@example.no;K-1\n\
               Kari; <ASE@Example.NO> ;K-1 \n\
               Ola;ola@example.no;K-2\n";
    let review = names_emails_and_numbers(csv);
    assert_eq!(review.keys, "ASE@example.noK-1");
    let found: Vec<_> = review
        .problems(1)
        .into_iter()
        .map(|e| (e.field.as_str(), e.problem, e.other_row))
        .collect();
    assert_eq!(
        found,
        [
            ("email", Problem::DuplicateInFile, Some(2)),
            ("external_id", Problem::DuplicateInFile, Some(2)),
        ]
    );
    assert_eq!(review.state(2), RowState::Ready);
}

/// A row that repeats an earlier e-mail shows that among its other problems at once,
/// and an earlier row with problems of its own still counts as the first.
#[test]
fn duplicates_are_found_among_rows_with_other_problems() {
    let csv = "Navn;E-post;Kundenummer;Bolig\n\
               Åse;ase@example.no;K-1;Z-9\n\
               Kari;ase@example.no;K-2;Z-8\n\
               Ola;ola@example.no;K-2;A-101\n";
    let book = read_file(csv.as_bytes(), "kunder.csv", &ReadOptions::default()).unwrap();
    let sheet = book.sheets[0].content.as_ref().unwrap();
    let table = Table::new(sheet, HeaderOptions::default()).unwrap();
    let mut mapping = Mapping::default();
    for (field, column) in [("name", 0), ("email", 1), ("external_id", 2), ("unit", 3)] {
        mapping.set_column(field, column);
    }
    let review = Review::new(&table, &mapping, setup());
    assert_eq!(
        problems(&review, 1),
        [
            ("unit".into(), Problem::UnitUnknown),
            ("email".into(), Problem::DuplicateInFile),
        ]
    );
    assert_eq!(review.problems(1)[1].other_row, Some(2));
    // Row 4 repeats the customer number of row 3, which has a problem of its own.
    assert_eq!(
        problems(&review, 2),
        [("external_id".into(), Problem::DuplicateInFile)]
    );
}

proptest::proptest! {
    /// Edits and exclusions look only at the rows sharing the changed row's values;
    /// what they leave is what finding every duplicate again would find.
    #[test]
    fn duplicates_after_changes_are_as_if_found_anew(
        changes in proptest::collection::vec((0usize..8, 0usize..3, 0usize..6), 1..24)
    ) {
        let values = ["a@x.no", "A@X.no", "b@x.no", "ikke-epost", "", "K-1"];
        let mut csv = String::from("Navn;E-post;Kundenummer\n");
        for i in 0..8 {
            csv.push_str(&format!("N{i};{};{}\n", values[i % 3], ["K-1", "K-2"][i % 2]));
        }
        let mut review = names_emails_and_numbers(&csv);
        for (row, what, value) in changes {
            match what {
                0 => review.set_excluded(row, !review.rows[row].excluded).unwrap(),
                1 => {
                    review.edit(row, 1, values[value]).unwrap();
                }
                _ => {
                    review.edit(row, 2, values[value]).unwrap();
                }
            }
            let mut anew = review.clone();
            anew.find_duplicates();
            proptest::prop_assert_eq!(&review.duplicates, &anew.duplicates);
            for r in 0..review.len() {
                proptest::prop_assert_eq!(review.rows[r].has_duplicates, anew.rows[r].has_duplicates);
            }
        }
    }
}

#[test]
fn only_mapped_fields_of_ready_rows_are_sent() {
    let review = review();
    assert_eq!(review.next_chunk(10), [0]);
    let sent = review.import_rows(&review.next_chunk(10));
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].row, 3);
    let keys: Vec<&str> = sent[0].values.keys().map(String::as_str).collect();
    assert_eq!(keys, ["customer_group", "email", "name", "phone", "unit"]);
    let json = serde_json::to_string(&sent).unwrap();
    assert!(!json.contains("secret"), "{json}");
}

#[test]
fn an_edit_is_checked_at_once_and_can_resolve_another_rows_duplicate() {
    let mut review = review();
    let email = column(&review, "email");
    assert_eq!(review.edit(1, email, "ola@example.no"), Ok(true));
    assert_eq!(review.state(1), RowState::Ready);
    assert!(review.is_edited(1, email));
    assert_eq!(review.value(1, email), "ola@example.no");

    assert_eq!(review.edit(0, email, "åse@example.no"), Ok(true));
    assert_eq!(review.state(2), RowState::Ready, "{:?}", review.problems(2));
    // Back to the file's value: the edit is dropped and the duplicate returns.
    review.edit(0, email, "ase@example.no").unwrap();
    assert!(!review.is_edited(0, email));
    assert_eq!(review.state(2), RowState::Problems);

    // Excluding the first of a pair clears the second.
    review.set_excluded(0, true).unwrap();
    assert_eq!(review.state(0), RowState::Excluded);
    assert_eq!(review.state(2), RowState::Ready);
    assert_eq!(review.next_chunk(10), [1, 2]);
}

#[test]
fn verdicts_settle_rows_and_created_rows_are_never_sent_again() {
    let mut review = review();
    let email = column(&review, "email");
    let unit = column(&review, "unit");
    review.edit(1, email, "ola@example.no").unwrap();
    let chunk = review.next_chunk(10);
    assert_eq!(chunk, [0, 1]);
    let taken = FieldError {
        field: "email".into(),
        problem: Problem::EmailTaken,
        value: "ola@example.no".into(),
        other_row: None,
    };
    let verdicts = [
        created(3, 11),
        Verdict::Rejected {
            row: 4,
            errors: vec![taken.clone()],
        },
    ];
    // An answer for other rows is refused whole.
    assert_eq!(review.apply(&chunk, &verdicts[..1]), Err(VerdictMismatch));
    assert_eq!(review.apply(&[1, 0], &verdicts), Err(VerdictMismatch));
    review.apply(&chunk, &verdicts).unwrap();
    assert_eq!(review.state(0), RowState::Created);
    assert_eq!(review.state(1), RowState::Rejected);
    assert_eq!(review.problems(1), [&taken]);
    assert!(
        review.next_chunk(10).is_empty(),
        "a refused row waits for an edit"
    );

    // Created rows cannot change or be excluded.
    assert_eq!(
        review.edit(0, email, "new@example.no"),
        Err(Locked::Created)
    );
    assert_eq!(review.set_excluded(0, true), Err(Locked::Created));
    assert_eq!(review.state(0), RowState::Created);

    // Fixing the refused row and the browser's problems makes them ready again.
    review.edit(1, email, "ola.nordmann@example.no").unwrap();
    review.edit(2, email, "kari@example.no").unwrap();
    review.edit(3, unit, "a-102").unwrap();
    assert_eq!(review.next_chunk(10), [1, 2, 3]);
    let sent = review.import_rows(&[3]);
    assert_eq!(sent[0].values["unit"], "A-102");
    assert_eq!(
        review.counts(),
        Counts {
            ready: 3,
            created: 1,
            ..Counts::default()
        }
    );
}

/// A chunk whose answer is lost may have been created: its rows are locked, so that
/// sending it again with the same key sends what the user sees, until an answer (or
/// a refusal of the whole chunk) tells their fate.
#[test]
fn rows_sent_are_locked_until_their_answer_arrives() {
    let mut review = review();
    let email = column(&review, "email");
    review.edit(1, email, "ola@example.no").unwrap();
    let (rows, sent) = review.take_chunk(10);
    assert_eq!(rows, [0, 1]);
    assert_eq!(sent, review.import_rows(&rows));
    assert_eq!(review.state(0), RowState::Sent);
    assert_eq!(review.counts().sent, 2);
    assert_eq!(
        review.edit(1, email, "other@example.no"),
        Err(Locked::AwaitingAnswer)
    );
    assert_eq!(review.set_excluded(0, true), Err(Locked::AwaitingAnswer));
    assert_eq!(review.value(1, email), "ola@example.no");
    assert!(review.next_chunk(10).is_empty(), "never taken twice");
    assert_eq!(
        review.import_rows(&rows),
        sent,
        "the same rows to send again"
    );

    // Refused whole (signed out): nothing was created, the rows are free again.
    review.release(&rows);
    assert_eq!(review.state(1), RowState::Ready);
    assert_eq!(review.edit(1, email, "ola.n@example.no"), Ok(true));

    // The answer unlocks: created rows stay locked for good, refused ones are free.
    let (rows, _) = review.take_chunk(10);
    let taken = FieldError {
        field: "email".into(),
        problem: Problem::EmailTaken,
        value: "ola.n@example.no".into(),
        other_row: None,
    };
    let verdicts = [
        created(3, 11),
        Verdict::Rejected {
            row: 4,
            errors: vec![taken],
        },
    ];
    review.apply(&rows, &verdicts).unwrap();
    assert_eq!(review.locked(0), Some(Locked::Created));
    assert_eq!(review.locked(1), None);
    assert_eq!(review.edit(1, email, "ola@example.no"), Ok(true));
}

#[test]
fn failed_rows_come_back_as_a_csv_excel_opens_with_the_reasons() {
    let mut review = review();
    let name = column(&review, "name");
    review
        .edit(3, name, "=HYPERLINK(\"http://x\";\"y\")")
        .unwrap();
    let csv = failed_rows_csv(&review, b';', &added(), |e| {
        format!("{}:{}", e.field, e.problem.key())
    });
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(lines[0], "\u{feff}Navn;E-post;Telefon;Bolig;Rad;Feil");
    // Each with its row number in the file the user picked (a title row first).
    assert_eq!(
        lines[1],
        "Ola Nordmann;ola(at)example.no;;A-102;4;email:value.email_invalid"
    );
    assert_eq!(
        lines[2],
        "Kari Li;ASE@example.no;;B-201;5;email:value.duplicate_in_file"
    );
    assert_eq!(
        lines[3],
        "\"'=HYPERLINK(\"\"http://x\"\";\"\"y\"\")\";per@example.no;'+46 70 123 45 67;C-999;6;unit:value.unit_unknown"
    );
    // The phone as written (spaces are Excel's intersection operator) is neutralised,
    // and the file imports back as it is.
    let phone =
        customer_import_domain::validate::normalize_phone("'+46 70 123 45 67", Country::Norway);
    assert_eq!(phone.as_deref(), Ok("+46701234567"));
    assert_eq!(lines.len(), 5, "three rows and the final line end");
    assert!(!csv.contains("secret"));
}

/// The failed rows keep the file's own delimiter and column order (e-mail first here,
/// though the mapping lists the name first), whatever the mapping's order.
#[test]
fn failed_rows_keep_the_files_delimiter_and_column_order() {
    let csv = "E-post,Bolig,Privat,Navn\r\n\
               ase@example.no,A-101,x,Åse Berg\r\n\
               ola(at)example.no,Z-9,y,\"Nordmann, Ola\"\r\n";
    let book = read_file(csv.as_bytes(), "kunder.csv", &ReadOptions::default()).unwrap();
    let delimiter = book.text_layout.as_ref().unwrap().delimiter;
    let sheet = book.sheets[0].content.as_ref().unwrap();
    let table = Table::new(sheet, HeaderOptions::default()).unwrap();
    let mut mapping = Mapping::default();
    for (field, column) in [("email", 0), ("unit", 1), ("name", 3)] {
        mapping.set_column(field, column);
    }
    let review = Review::new(&table, &mapping, setup());
    assert_eq!(review.columns()[0].field.key, "name");
    let written = failed_rows_csv(&review, delimiter, &added(), |e| e.field.clone());
    assert_eq!(
        written,
        "\u{feff}E-post,Bolig,Navn,Rad,Feil\r\n\
         ola(at)example.no,Z-9,\"Nordmann, Ola\",3,email unit\r\n"
    );
}

fn added() -> AddedHeadings {
    AddedHeadings {
        row: "Rad".into(),
        reasons: "Feil".into(),
    }
}

/// A workbook's failed rows are an xlsx whose values are text cells as typed (no
/// apostrophe before a phone or a formula's text), read back by the product as they
/// were: the same mapping finds the same values and the same problems.
#[test]
fn a_workbooks_failed_rows_are_an_xlsx_that_reads_back_as_it_was() {
    let mut review = review();
    let name = column(&review, "name");
    review.edit(3, name, "=1+1").unwrap();
    // OOXML's escape for characters XML cannot hold, as text someone typed.
    review.edit(2, name, "Kari_x0041_ & <Li>").unwrap();
    let kind = FailedKind::of_source(None);
    assert_eq!((kind.extension(), kind), ("xlsx", FailedKind::Xlsx));
    let bytes = failed_rows_file(&review, kind, &added(), "Ikke opprettet", |e| {
        e.field.clone()
    })
    .unwrap();
    let book = read_file(
        &bytes,
        "kunder-ikke-opprettet.xlsx",
        &ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(book.sheets[0].name, "Ikke opprettet");
    let sheet = book.sheets[0].content.as_ref().unwrap();
    let table = Table::new(sheet, HeaderOptions::default()).unwrap();
    let text =
        |r: usize| -> Vec<String> { (0..6).map(|c| sheet.cell(r, c).text.to_owned()).collect() };
    assert_eq!(
        text(0),
        ["Navn", "E-post", "Telefon", "Bolig", "Rad", "Feil"]
    );
    assert_eq!(
        text(1),
        [
            "Ola Nordmann",
            "ola(at)example.no",
            "",
            "A-102",
            "4",
            "email"
        ]
    );
    assert_eq!(
        text(3),
        [
            "=1+1",
            "per@example.no",
            "+46 70 123 45 67",
            "C-999",
            "6",
            "unit"
        ]
    );
    let mut mapping = Mapping::default();
    for (field, column) in [("name", 0), ("email", 1), ("phone", 2), ("unit", 3)] {
        mapping.set_column(field, column);
    }
    mapping.set_fixed("customer_group", "Kjøpere");
    let again = Review::new(&table, &mapping, setup());
    assert_eq!(again.len(), 3);
    for (row, before) in review.failed().into_iter().enumerate() {
        for c in 0..4 {
            assert_eq!(again.value(row, c), review.value(before, c), "row {row}");
        }
        let keys = |r: &Review, row| -> Vec<String> {
            r.problems(row).iter().map(|e| e.field.clone()).collect()
        };
        // Kari's e-mail repeated Åse's, who is not among the failed rows: the server
        // tells that one when it comes back.
        let expected = if row == 1 {
            vec![]
        } else {
            keys(&review, before)
        };
        assert_eq!(keys(&again, row), expected, "row {row}");
    }
}

#[test]
fn failed_rows_of_tab_separated_text_are_a_txt() {
    for (delimiter, extension) in [(b'\t', "txt"), (b';', "csv"), (b',', "csv")] {
        assert_eq!(
            FailedKind::of_source(Some(delimiter)).extension(),
            extension
        );
    }
}

#[test]
fn a_workbooks_failed_rows_use_the_locales_list_separator() {
    use customer_import_domain::texts::Language;
    let separators = Language::ALL.map(failed_rows::list_separator);
    assert_eq!(separators, [b';', b';', b',', b';']);
}

#[test]
fn a_sent_customer_validates_to_itself_on_the_server() {
    let review = review();
    let customer = review.customer(0).unwrap();
    let values = customer.to_values();
    let s = setup();
    let again = validate_row(
        |key| {
            values.get(key).map(|v| RawValue {
                text: v,
                kind: CellKind::Text,
            })
        },
        &RowContext {
            fields: &s.fields,
            country: s.country,
            today: s.today,
            lists: &s.lists,
        },
    )
    .unwrap();
    assert_eq!(again, customer);
}

#[test]
fn a_row_takes_24_bytes() {
    // A million rows are 24 MB of state; the values stay in the shared sheet.
    assert_eq!(std::mem::size_of::<super::Row>(), 24);
}

// Find and replace, fill empty (issue 20.4).

fn replace(find: &str, with: &str, whole_cell: bool) -> BulkEdit {
    BulkEdit::Replace {
        find: find.into(),
        with: with.into(),
        whole_cell,
    }
}

/// A row's problem: field, what, and the row it repeats.
type Found = (String, Problem, Option<u64>);

/// Every row's state and problems, to compare a changed review with one built from
/// the changed file.
fn verdicts(review: &Review) -> Vec<(RowState, Vec<Found>)> {
    (0..review.len())
        .map(|row| {
            let problems = review
                .problems(row)
                .into_iter()
                .map(|e| (e.field.clone(), e.problem, e.other_row))
                .collect();
            (review.state(row), problems)
        })
        .collect()
}

#[test]
fn a_replace_is_case_sensitive_and_changes_part_or_whole_cells() {
    let edit = replace("b-", "B-", false);
    assert_eq!(edit.apply("b-101").as_deref(), Some("B-101"));
    assert_eq!(edit.apply("b-1 b-2").as_deref(), Some("B-1 B-2"));
    assert_eq!(edit.apply("B-101"), None);
    assert_eq!(edit.apply(""), None);
    let whole = replace("NO", "SE", true);
    assert_eq!(whole.apply(" NO ").as_deref(), Some("SE"));
    assert_eq!(whole.apply("NOR"), None);
    assert_eq!(replace("", "x", false).apply("abc"), None);
    assert_eq!(replace("a", "a", false).apply("abc"), None);
    let fill = BulkEdit::FillEmpty {
        value: "Kjøpere".into(),
    };
    assert_eq!(fill.apply("  ").as_deref(), Some("Kjøpere"));
    assert_eq!(fill.apply("Investorer"), None);
    let nothing = BulkEdit::FillEmpty { value: " ".into() };
    assert_eq!(nothing.apply(""), None);
}

#[test]
fn a_replace_checks_the_changed_rows_and_the_counts_follow() {
    let mut review = review();
    let unit = column(&review, "unit");
    let email = column(&review, "email");
    assert_eq!(review.bulk_edit(unit, &replace("C-999", "B-201", true)), 1);
    assert_eq!(review.value(3, unit), "B-201");
    assert!(review.is_edited(3, unit));
    assert_eq!(review.state(3), RowState::Ready);
    assert_eq!(review.bulk_edit(email, &replace("(at)", "@", false)), 1);
    assert_eq!(review.state(1), RowState::Ready);
    assert_eq!(
        review.counts(),
        Counts {
            ready: 3,
            problems: 1,
            ..Counts::default()
        }
    );

    // Case-sensitive: "ASE@" is row 5's alone; the repeat it made is resolved.
    assert_eq!(review.bulk_edit(email, &replace("ASE@", "kari@", false)), 1);
    assert_eq!(review.value(0, email), "ase@example.no");
    assert_eq!(review.counts().ready, 4);

    // A replace can make a repeat, and values that are no longer valid.
    assert_eq!(review.bulk_edit(email, &replace("per@", "ola@", false)), 1);
    let dup = review.problems(3);
    assert_eq!(
        (dup[0].problem, dup[0].other_row),
        (Problem::DuplicateInFile, Some(4))
    );
    assert_eq!(review.bulk_edit(email, &replace(".no", "", false)), 4);
    assert_eq!(
        problems(&review, 0),
        [("email".into(), Problem::EmailInvalid)]
    );
    assert_eq!(review.counts().problems, 4);
    // Back to the file's value, a cell is no longer an edit.
    assert_eq!(
        review.bulk_edit(email, &replace("example", "example.no", false)),
        4
    );
    assert!(!review.is_edited(0, email));
    assert!(review.is_edited(1, email));
    assert_eq!(review.bulk_edit(99, &replace("a", "b", false)), 0);
}

#[test]
fn fill_empty_fills_only_empty_cells_and_locked_rows_stay() {
    let mut review = review();
    let phone = column(&review, "phone");
    let email = column(&review, "email");
    review.bulk_edit(email, &replace("(at)", "@", false));
    review.bulk_edit(email, &replace("ASE@", "kari@", false));
    let unit = column(&review, "unit");
    review.bulk_edit(unit, &replace("C-999", "B-201", true));
    let (sent, _) = review.take_chunk(1);
    assert_eq!(sent, [0]);
    review.set_excluded(2, true).unwrap();
    let fill = BulkEdit::FillEmpty {
        value: "+47 400 00 000".into(),
    };
    // Rows 4 and 5 had none; row 5 is left out but changed all the same.
    assert_eq!(review.bulk_edit(phone, &fill), 2);
    assert_eq!(review.value(1, phone), "+47 400 00 000");
    assert_eq!(review.value(2, phone), "+47 400 00 000");
    assert_eq!(review.bulk_edit(phone, &fill), 0);
    // The row awaiting the server's answer does not change.
    assert_eq!(review.bulk_edit(phone, &replace("912", "913", false)), 0);
    assert_eq!(review.value(0, phone), "912 34 567");
    assert_eq!(
        review.counts(),
        Counts {
            ready: 2,
            excluded: 1,
            sent: 1,
            ..Counts::default()
        }
    );
}

#[test]
fn a_refused_row_fixed_by_a_replace_is_ready_to_send_again() {
    let mut review = review();
    let (rows, _) = review.take_chunk(10);
    assert_eq!(rows, [0]);
    let refused = Verdict::Rejected {
        row: 3,
        errors: vec![FieldError::new("unit", Problem::UnitUnknown, "A-101")],
    };
    review.apply(&rows, &[refused]).unwrap();
    assert_eq!(review.state(0), RowState::Rejected);
    let unit = column(&review, "unit");
    assert_eq!(review.bulk_edit(unit, &replace("A-101", "A-102", true)), 1);
    assert_eq!(review.state(0), RowState::Ready);
}

/// Many rows changed (duplicates found again in one pass) or few (row by row): either
/// way every row ends as a review of the changed file has it.
#[test]
fn after_a_replace_rows_are_as_if_the_file_had_said_so() {
    let file = |emails: &dyn Fn(usize) -> String| {
        let mut csv = String::from("Navn;E-post;Kundenummer\n");
        for i in 0..60 {
            csv.push_str(&format!("Kunde {i};{};K-{}\n", emails(i), i % 50));
        }
        csv
    };
    let email_of = |i: usize| format!("k{i}@example.no");
    for (find, with, whole_cell) in [
        ("k1", "k", false),
        ("k1@example.no", "k2@example.no", true),
        ("k5", "k5x", false),
        ("@", " ", false),
    ] {
        let mut review = names_emails_and_numbers(&file(&email_of));
        let edit = replace(find, with, whole_cell);
        let changed = review.bulk_edit(1, &edit);
        let expected = names_emails_and_numbers(&file(&|i| {
            let e = email_of(i);
            edit.apply(&e).unwrap_or(e)
        }));
        assert!(changed > 0);
        assert_eq!(verdicts(&review), verdicts(&expected), "{find} → {with}");
        assert_eq!(review.counts(), expected.counts());
    }
    // The customer numbers repeat after row 50; a replace can resolve that too.
    let mut review = names_emails_and_numbers(&file(&email_of));
    assert_eq!(review.counts().problems, 10);
    assert_eq!(review.bulk_edit(2, &replace("K-", "A-", false)), 60);
    assert_eq!(review.counts().problems, 10);
    // Rows 2 and 52 take the value of rows 1 and 51: two more repeats.
    assert_eq!(review.bulk_edit(2, &replace("A-1", "A-2", true)), 2);
    assert_eq!(review.counts().problems, 11);
}

/// Checking reads a row's values through the fields' origins, found once: they are
/// the values the row gives field by field, edits and the value for the whole file
/// included.
#[test]
fn the_values_checked_are_the_rows_values() {
    let mut review = review();
    let unit = column(&review, "unit");
    review.edit(1, unit, "B-201").unwrap();
    let origins = review.values.origins();
    let mut fields = Vec::new();
    for row in 0..review.len() {
        review.values.fields_into(row, &origins, &mut fields);
        let values = review.values.row(row);
        let expected: Vec<_> = (0..review.fields().len())
            .map(|f| values.of_field(f))
            .collect();
        assert_eq!(fields, expected, "row {row}");
    }
    let unit_field = review
        .fields()
        .iter()
        .position(|f| f.key == "unit")
        .unwrap();
    let group_field = review
        .fields()
        .iter()
        .position(|f| f.key == "customer_group")
        .unwrap();
    review.values.fields_into(1, &origins, &mut fields);
    assert_eq!(fields[unit_field].map(|v| v.text), Some("B-201"));
    assert_eq!(fields[group_field].map(|v| v.text), Some("Kjøpere"));
}

/// A unit column's spellings the list has no item for are listed once with their rows
/// and suggestion; a choice changes every row with the spelling, and the rows are
/// checked again.
#[test]
fn a_spelling_mapped_to_a_unit_changes_every_row_with_it() {
    let csv = "Navn;Bolig\r\n\
               Åse;Blokk A 101\r\n\
               Ola;a101\r\n\
               Kari;Blokk A 101\r\n\
               Per;Z-9\r\n\
               Liv; Blokk A 101 \r\n";
    let book = read_file(csv.as_bytes(), "kunder.csv", &ReadOptions::default()).unwrap();
    let sheet = book.sheets[0].content.as_ref().unwrap();
    let table = Table::new(sheet, HeaderOptions::default()).unwrap();
    let mut mapping = Mapping::default();
    mapping.set_column("name", 0);
    mapping.set_column("unit", 1);
    let mut review = Review::new(&table, &mapping, setup());
    let unit = column(&review, "unit");
    assert_eq!(review.counts().problems, 4);
    let listed: Vec<(String, usize, Option<String>)> = review
        .spellings(unit)
        .into_iter()
        .map(|s| (s.value, s.rows, s.suggestion.map(|(item, _)| item)))
        .collect();
    // `a101` is A-101 to the checks already.
    assert_eq!(
        listed,
        [
            ("Blokk A 101".to_owned(), 3, Some("A-101".to_owned())),
            ("Z-9".to_owned(), 1, None)
        ]
    );
    assert!(review.spellings(column(&review, "name")).is_empty());
    let mut choices = FieldChoices::new();
    choices.insert("Blokk A 101".into(), ValueChoice::Item("A-101".into()));
    choices.insert("Z-9".into(), ValueChoice::Leave);
    assert_eq!(review.choose_values(unit, &choices), 3);
    assert_eq!(review.counts().problems, 1, "Per's Z-9 stays a problem");
    assert_eq!(review.value(4, unit), "A-101");
    assert_eq!(review.spellings(unit).len(), 1);

    // Kept with the layout's mapping, the choice needs nothing next time.
    mapping.choose_value("unit", "Blokk A 101", ValueChoice::Item("A-101".into()));
    let next = Review::new(&table, &mapping, setup());
    assert_eq!(next.counts().problems, 1);
    assert_eq!(next.value(0, unit), "A-101");
}

// Updating customers that exist (issue 28).

fn existing(id: i64, pairs: &[(&str, &str)]) -> KeyMatch {
    KeyMatch::Existing {
        customer: customer_import_domain::wire::CurrentCustomer {
            id,
            version: 1,
            values: pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        },
    }
}

#[test]
fn a_review_that_creates_only_asks_for_no_keys_and_plans_nothing() {
    let review = review();
    assert_eq!(review.lookup_keys(), (Vec::new(), Vec::new()));
    assert_eq!(review.plan(0), None);
    assert_eq!(review.update_choice(), None);
}

#[test]
fn an_import_that_only_updates_plans_rows_against_their_customers() {
    use customer_import_domain::update::{ImportMode, MatchKey};
    let mut review = review_with(|m| {
        m.mode = ImportMode::UpdateOnly;
        m.blank.insert("phone".into());
    });
    assert_eq!(review.update_choice().unwrap().match_key, MatchKey::Email);
    // Rows with a valid e-mail are looked up (Ola's is no address).
    let (rows, keys) = review.lookup_keys();
    assert_eq!(rows, [0, 2, 3]);
    assert_eq!(keys[0].email.as_deref(), Some("ase@example.no"));
    // Before the lookup's answer no row is "not found".
    assert_eq!(
        review.state(3),
        RowState::Problems,
        "{:?}",
        review.problems(3)
    );
    assert!(
        !review
            .problems(3)
            .iter()
            .any(|e| e.problem == Problem::CustomerNotFound)
    );
    let ase = existing(
        7,
        &[
            ("name", "Åse Berg"),
            ("email", "ase@example.no"),
            ("phone", "+4791234567"),
            ("unit", "A-101"),
            ("customer_group", "Kjøpere"),
        ],
    );
    assert_eq!(
        review.set_matches(&rows[..1], Vec::new()),
        Err(MatchMismatch)
    );
    review
        .set_matches(&rows, vec![ase, KeyMatch::New, KeyMatch::New])
        .unwrap();
    assert_eq!(review.plan(0), Some(Plan::Unchanged));
    assert_eq!(review.counts().will_stay, 1);
    // Kari and Per match nobody: an import that only updates has nothing to do.
    for row in [2, 3] {
        assert!(
            review
                .problems(row)
                .iter()
                .any(|e| e.problem == Problem::CustomerNotFound && e.field == "email"),
            "{row}: {:?}",
            review.problems(row)
        );
    }
    // Åse's phone emptied: the column blanks the stored value, as chosen.
    let phone = review
        .columns()
        .iter()
        .position(|c| c.field.key == "phone")
        .unwrap();
    review.edit(0, phone, "").unwrap();
    assert_eq!(review.plan(0), Some(Plan::Update));
    let changes = review.changes(0);
    assert_eq!(
        (changes[0].field.as_str(), changes[0].new.as_deref()),
        ("phone", None)
    );
    // A row that updates needs no name of its own: its customer has one.
    let name = review
        .columns()
        .iter()
        .position(|c| c.field.key == "name")
        .unwrap();
    review.edit(0, name, "").unwrap();
    assert_eq!(review.state(0), RowState::Ready, "{:?}", review.problems(0));
    let sent = review.import_rows(&[0]);
    assert_eq!(sent[0].version, Some(1));
    assert!(!sent[0].values.contains_key("name"));
    // Another key: the customer looked up is no longer this row's.
    let email = review
        .columns()
        .iter()
        .position(|c| c.field.key == "email")
        .unwrap();
    review.edit(0, email, "ny@example.no").unwrap();
    assert!(review.changes(0).is_empty());
    assert!(
        review
            .problems(0)
            .iter()
            .any(|e| e.problem == Problem::CustomerNotFound)
    );
}

// The portal's own checks (issue 30.6): rows wait for them, their problems show like
// the review's own, an edit asks again, a late answer about old values is dropped.
#[test]
fn a_row_waits_for_the_portals_check_and_its_problems_count() {
    let mut review = review();
    assert_eq!(review.state(0), RowState::Ready);
    assert!(!review.has_host_checks());
    review.await_host();
    assert_eq!(review.counts().awaiting_host, 4);
    assert!(
        review.next_chunk(10).is_empty(),
        "nothing is sent unchecked"
    );

    let asked = review.host_rows(2);
    assert_eq!(asked, [0, 1]);
    assert_eq!(
        review.host_rows(10),
        [2, 3],
        "asked rows are not handed out twice"
    );
    let values = review.host_values(0);
    assert!(values.contains(&("email".to_owned(), "ase@example.no".to_owned())));
    assert!(values.contains(&("customer_group".to_owned(), "Kjøpere".to_owned())));

    let email = column(&review, "email");
    assert!(review.set_host_problems(
        0,
        vec![
            ("email".into(), "Belongs to another client".into()),
            ("not_mapped".into(), "dropped".into()),
        ]
    ));
    assert!(review.set_host_problems(3, Vec::new()));
    assert_eq!(review.state(0), RowState::Problems);
    let problems = review.problems(0);
    assert_eq!(problems.len(), 1);
    assert_eq!(
        (
            problems[0].field.as_str(),
            problems[0].problem,
            problems[0].value.as_str()
        ),
        ("email", Problem::Portal, "Belongs to another client")
    );
    assert!(review.visible(Filter::WithProblems).contains(&0));
    // Rows 1 and 2 are still asked.
    assert_eq!(review.counts().awaiting_host, 2);

    // Fixed: asked again, its old problem gone; an answer about the old value that
    // comes late is dropped.
    review.edit(0, email, "ase@berg.example").unwrap();
    assert_eq!(review.state(0), RowState::Ready);
    assert!(review.awaits_host(0));
    assert!(!review.set_host_problems(0, vec![("email".into(), "late".into())]));
    assert!(review.next_chunk(10).is_empty());
    assert_eq!(review.host_rows(10), [0]);
    assert!(review.set_host_problems(0, Vec::new()));
    assert_eq!(review.next_chunk(10), [0]);
}

#[test]
fn a_failed_portal_check_loses_nothing_and_asks_again() {
    let mut review = review();
    review.await_host();
    let email = column(&review, "email");
    review.edit(1, email, "ola@example.no").unwrap();
    let asked = review.host_rows(10);
    review.host_failed(&asked);
    assert_eq!(review.value(1, email), "ola@example.no");
    assert!(review.is_edited(1, email));
    assert_eq!(review.host_rows(10), asked, "every row is asked again");
    // A bulk edit asks again for the rows it changed only.
    for row in asked {
        review.set_host_problems(row, Vec::new());
    }
    let phone = column(&review, "phone");
    review.bulk_edit(
        phone,
        &BulkEdit::FillEmpty {
            value: "912 34 568".into(),
        },
    );
    assert_eq!(review.host_rows(10), [1, 2]);
}
