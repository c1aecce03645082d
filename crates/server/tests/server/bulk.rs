//! The bulk path (one statement a chunk, issue 31) against the row path it replaced (25
//! rows an INSERT, a lookup per refused row), kept as its reference: the same chunks
//! sent to two fresh databases, one written each way, give the same verdicts, replays,
//! refusals, stored customers, numbers and counts.
#![allow(clippy::unwrap_used)]

use crate::common::{Client, TestApp, chunk, row, test_app};
use axum::http::StatusCode;
use customer_import_domain::wire::{ImportChunk, ImportResult, ImportRow, Verdict};
use customer_import_server::{AppState, imports::bulk::Creating};

/// What one path answered and stored for the same requests.
#[derive(Debug, PartialEq)]
struct Seen {
    answers: Vec<Result<ImportResult, (StatusCode, String)>>,
    customers: Vec<String>,
    counts: Vec<String>,
    numbered: i64,
}

/// Sixty rows (more than two statements of the row path), with every kind of value,
/// text that JSON escapes, repeats within the chunk, and refused rows.
fn first_chunk() -> ImportChunk {
    let mut rows: Vec<ImportRow> = (0..60)
        .map(|i| {
            row(
                i + 2,
                &[
                    ("name", format!("Kunde \"{i}\" \\ Ø").as_str()),
                    ("email", format!("k{i}@example.no").as_str()),
                    ("phone", "912 34 567"),
                    ("birth_date", "4.7.1985"),
                    ("address", "Storgata 1\nOppgang B"),
                    ("postal_code", "150"),
                    ("city", "Oslo 🏠"),
                    ("country", "NO"),
                    ("unit", ["a-101", "A-102", "B-201"][(i % 3) as usize]),
                    ("company_type", "Kunde"),
                    ("customer_group", ["Kjøpere", "Ny gruppe"][(i % 2) as usize]),
                    ("account_manager", "Kari Saksbehandler"),
                    ("external_id", format!("K-{i}").as_str()),
                    ("notes", "«sitat» og 'enkle' \t tegn"),
                ],
            )
        })
        .collect();
    rows.extend([
        // Repeats within the chunk: e-mail in another case, customer number.
        row(70, &[("name", "Igjen"), ("email", "K1@EXAMPLE.NO")]),
        row(71, &[("name", "Nummer igjen"), ("external_id", "K-2")]),
        // Refused by the rules.
        row(72, &[("name", "Feil"), ("email", "ikke en adresse")]),
        row(73, &[("name", "Ukjent bolig"), ("unit", "Z-999")]),
        // Two rows a client numbered alike, and a company without a person.
        row(74, &[("name", "Tvilling 1"), ("email", "t1@example.no")]),
        row(74, &[("name", "Tvilling 2"), ("email", "t2@example.no")]),
        row(
            75,
            &[
                ("company_name", "Nordbygg AS"),
                ("business_id", "NO 923 609 016 MVA"),
            ],
        ),
    ]);
    let mut body = chunk(rows);
    body.create_missing_groups = true;
    body.file_name = Some("kunder.csv".to_owned());
    body
}

/// Rows against the customers the first chunk made: e-mail taken (another case),
/// number taken, both taken by two customers, and new rows between them.
fn second_chunk() -> ImportChunk {
    chunk(vec![
        row(2, &[("name", "Ny"), ("email", "ny@example.no")]),
        row(3, &[("name", "E-post tatt"), ("email", "K5@Example.no")]),
        row(
            4,
            &[
                ("name", "Nummer tatt"),
                ("email", "fri@example.no"),
                ("external_id", "K-6"),
            ],
        ),
        row(
            5,
            &[
                ("name", "Begge tatt"),
                ("email", "k7@example.no"),
                ("external_id", "K-8"),
            ],
        ),
        row(6, &[("name", "Ny 2"), ("external_id", "K-999")]),
    ])
}

/// What an answer is compared by: the result, or the refusal's status and code.
type Compared = Result<ImportResult, (StatusCode, String)>;

/// Sends one chunk, and keeps its answer among those compared.
async fn send(
    admin: &Client,
    project: i64,
    answers: &mut Vec<Compared>,
    key: &str,
    body: &ImportChunk,
) -> Compared {
    let answer = admin
        .import_with_key(project, key, body)
        .await
        .map_err(|e| (e.status, e.code));
    answers.push(answer.clone());
    answer
}

/// Sends the same requests as the other path gets, and reads what they left.
async fn run(t: &TestApp) -> Seen {
    let admin = t.admin();
    let project = admin.project_id("Fjordparken").await;
    let mut answers = Vec::new();
    let a = &mut answers;
    let first = send(&admin, project, a, "first", &first_chunk()).await;
    let first = first.unwrap();
    // Sent again: the same answer; another body under its key: refused.
    let again = send(&admin, project, a, "first", &first_chunk()).await;
    assert_eq!(again.unwrap(), first);
    let reused = send(&admin, project, a, "first", &second_chunk()).await;
    assert_eq!(reused.unwrap_err().1, "import.idempotency_key_reused");
    let second = send(&admin, project, a, "second", &second_chunk()).await;
    let second = second.unwrap();
    send(&admin, project, a, "second", &second_chunk())
        .await
        .unwrap();
    // The first chunk's rows again, as a new import: taken or refused.
    send(&admin, project, a, "first again", &first_chunk())
        .await
        .unwrap();
    // Undone, the first import's rows can be created again.
    admin.undo(project, first.batch_id).await.unwrap();
    let undone = send(&admin, project, a, "first", &first_chunk()).await;
    assert_eq!(undone.unwrap_err().1, "import.batch_undone");
    send(&admin, project, a, "after undo", &first_chunk())
        .await
        .unwrap();
    assert_ne!(first.batch_id, second.batch_id);

    let customers = texts(
        t,
        "SELECT CAST(id AS TEXT) || '|' || COALESCE(CAST(unit_id AS TEXT), '') || '|'
             || CAST(batch_id AS TEXT) || '|' || COALESCE(name, '') || '|' || COALESCE(email, '')
             || '|' || COALESCE(phone, '') || '|' || COALESCE(birth_date, '') || '|'
             || COALESCE(address, '') || '|' || COALESCE(postal_code, '') || '|'
             || COALESCE(city, '') || '|' || COALESCE(country, '') || '|'
             || COALESCE(company_name, '') || '|' || COALESCE(business_id, '') || '|'
             || COALESCE(CAST(company_type_id AS TEXT), '') || '|'
             || COALESCE(CAST(customer_group_id AS TEXT), '') || '|'
             || COALESCE(CAST(account_manager_id AS TEXT), '') || '|'
             || COALESCE(external_id, '') || '|' || COALESCE(notes, '') || '|'
             || COALESCE(custom_fields, '') || '|' || CAST(source_row AS TEXT)
         FROM customers ORDER BY id",
    )
    .await;
    let counts = texts(
        t,
        "SELECT CAST(id AS TEXT) || '|' || CAST(created AS TEXT) || '|' || CAST(rejected AS TEXT)
             || '|' || COALESCE(file_name, '') || '|' || COALESCE(CAST(seq AS TEXT), '')
         FROM import_batches ORDER BY id",
    )
    .await;
    Seen {
        answers,
        customers,
        counts,
        numbered: t.count("SELECT COUNT(*) FROM customer_sequences").await,
    }
}

async fn texts(t: &TestApp, sql: &str) -> Vec<String> {
    sqlx::query_scalar(sql)
        .fetch_all(&t.db.pool)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

#[tokio::test]
async fn the_bulk_path_answers_and_stores_as_the_row_path() {
    let rows = test_app(None).await;
    let state = AppState::new(rows.db.clone()).with_creating(Creating::Rows);
    let rows = rows.with_state(state);
    let bulk = test_app(None).await;
    let by_rows = run(&rows).await;
    let in_bulk = run(&bulk).await;
    // The scenario did what it says, so that equal answers mean something.
    let refused = |answer: &Compared| {
        let verdicts = &answer.as_ref().unwrap().verdicts;
        let rows = verdicts.iter().filter_map(|v| match v {
            Verdict::Rejected { row, .. } => Some(*row),
            _ => None,
        });
        rows.collect::<Vec<u64>>()
    };
    assert_eq!(refused(&by_rows.answers[0]), [70, 71, 72, 73]);
    assert_eq!(refused(&by_rows.answers[3]), [3, 4, 5]);
    // All but the company, which has neither e-mail nor customer number to repeat.
    assert_eq!(refused(&by_rows.answers[5]).len(), 66);
    assert_eq!(
        by_rows.customers.len(),
        2 + 1 + 63,
        "the second's, the company, after the undo"
    );
    assert_eq!(in_bulk, by_rows);
}
