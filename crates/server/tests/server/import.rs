//! The import endpoint through the router against a real database (SQLite, and
//! PostgreSQL in scripts/test.sh): verdicts per row, server-only rejections, idempotent
//! replay, limits, access, and no duplicate under concurrent chunks (of one batch too).
#![allow(clippy::unwrap_used)]

use std::collections::HashSet;

use crate::common::{Client, TestApp, chunk, fresh_database, row, test_app};
use axum::http::{Method, StatusCode};
use customer_import_domain::{
    validate::Problem,
    wire::{ImportResult, ImportRow, Verdict},
};
use customer_import_server::{AppState, Db, app, demo};
use sqlx::Row;

/// The admin's client, and the id of Fjordparken.
async fn fjordparken(t: &TestApp) -> (Client, i64) {
    let admin = t.admin();
    let project = admin.project_id("Fjordparken").await;
    (admin, project)
}

/// (row, problems) of the rejected verdicts; created rows as (row, []).
fn outcome(result: &ImportResult) -> Vec<(u64, Vec<(String, Problem)>)> {
    result
        .verdicts
        .iter()
        .map(|v| match v {
            Verdict::Created { row, .. } => (*row, vec![]),
            Verdict::Rejected { row, errors } => (
                *row,
                errors
                    .iter()
                    .map(|e| (e.field.clone(), e.problem))
                    .collect(),
            ),
            other => panic!("a chunk that only creates answered {other:?}"),
        })
        .collect()
}

#[tokio::test]
async fn rows_are_created_with_their_values_as_stored() {
    let t = test_app(None).await;
    let (admin, project) = fjordparken(&t).await;
    let result = admin
        .import(
            project,
            &chunk(vec![
                row(
                    4,
                    &[
                        ("name", " Åse  Øvrebø "),
                        ("email", "Ase@Example.NO"),
                        ("phone", "912 34 567"),
                        ("birth_date", "4.7.1985"),
                        ("postal_code", "150"),
                        ("unit", "a-101"),
                        ("company_type", "Kunde"),
                        ("account_manager", "Kari Saksbehandler"),
                    ],
                ),
                row(
                    5,
                    &[
                        ("company_name", "Nordbygg AS"),
                        ("business_id", "NO 923 609 016 MVA"),
                    ],
                ),
            ]),
        )
        .await
        .unwrap();
    assert_eq!(outcome(&result), [(4, vec![]), (5, vec![])]);
    let stored = sqlx::query(
        "SELECT c.name, c.email, c.phone, c.birth_date, c.postal_code, u.code, t.key, m.email, b.created
         FROM customers c JOIN units u ON u.id = c.unit_id JOIN company_types t ON t.id = c.company_type_id
         JOIN users m ON m.id = c.account_manager_id JOIN import_batches b ON b.id = c.batch_id
         WHERE c.project_id = $1 AND c.name IS NOT NULL",
    )
    .bind(project)
    .fetch_one(&t.db.pool)
    .await
    .unwrap();
    let texts: Vec<String> = (0..8).map(|i| stored.try_get(i).unwrap()).collect();
    assert_eq!(
        texts,
        [
            "Åse Øvrebø",
            "Ase@example.no",
            "+4791234567",
            "1985-07-04",
            "0150",
            "A-101",
            "customer",
            "saksbehandler@nordbygg.example"
        ]
    );
    assert_eq!(
        stored.try_get::<i64, _>(8).unwrap(),
        2,
        "the batch counts both rows"
    );
}

#[tokio::test]
async fn every_row_gets_its_verdict_with_every_reason() {
    let t = test_app(None).await;
    let (admin, project) = fjordparken(&t).await;
    admin
        .import(
            project,
            &chunk(vec![row(
                2,
                &[
                    ("name", "Ola"),
                    ("email", "ola@example.no"),
                    ("external_id", "K-1"),
                ],
            )]),
        )
        .await
        .unwrap();
    let result = admin
        .import(
            project,
            &chunk(vec![
                row(2, &[("name", "Kari"), ("email", "kari@example.no")]),
                row(
                    3,
                    &[
                        ("name", "Ola igjen"),
                        ("email", "OLA@example.no"),
                        ("external_id", "K-1"),
                    ],
                ),
                row(4, &[("name", "Per"), ("unit", "Z-999")]),
                row(5, &[("name", "Pål"), ("email", "pål@example.no")]),
                row(6, &[("name", "Kari igjen"), ("email", "kari@example.no")]),
                row(7, &[("email", "navnløs@example.no")]),
            ]),
        )
        .await
        .unwrap();
    use Problem::*;
    let s = |f: &str, p| (f.to_owned(), p);
    assert_eq!(
        outcome(&result),
        [
            (2, vec![]),
            (
                3,
                vec![s("email", EmailTaken), s("external_id", ExternalIdTaken)]
            ),
            (4, vec![s("unit", UnitUnknown)]),
            (5, vec![s("email", EmailInvalid)]),
            (6, vec![s("email", DuplicateInFile)]),
            (
                7,
                vec![s("email", EmailInvalid), s("name", NameOrCompanyRequired)]
            ),
        ]
    );
    let Verdict::Rejected { errors, .. } = &result.verdicts[4] else {
        panic!()
    };
    assert_eq!(errors[0].other_row, Some(2));
    assert_eq!(t.count("SELECT COUNT(*) FROM customers").await, 2);
}

#[tokio::test]
async fn a_retried_request_replays_its_answer_and_a_reused_key_is_refused() {
    let t = test_app(None).await;
    let (admin, project) = fjordparken(&t).await;
    let body = chunk(vec![row(
        2,
        &[("name", "Ola"), ("email", "ola@example.no")],
    )]);
    let first = admin
        .import_with_key(project, "retry-me", &body)
        .await
        .unwrap();
    let again = admin
        .import_with_key(project, "retry-me", &body)
        .await
        .unwrap();
    assert_eq!(first, again);
    assert_eq!(
        t.count("SELECT COUNT(*) FROM customers").await,
        1,
        "created once"
    );

    let other = chunk(vec![row(
        2,
        &[("name", "Kari"), ("email", "kari@example.no")],
    )]);
    assert_eq!(
        admin
            .import_with_key(project, "retry-me", &other)
            .await
            .unwrap_err(),
        (StatusCode::CONFLICT, "import.idempotency_key_reused")
    );

    let uri = format!("/api/projects/{project}/import");
    let without_key = b"{\"rows\":[]}".to_vec();
    let refused = admin.call::<ImportResult>(Method::POST, &uri, None, Some(without_key));
    assert_eq!(
        refused.await.unwrap_err(),
        (StatusCode::BAD_REQUEST, "import.idempotency_key_required")
    );
}

#[tokio::test]
async fn later_chunks_join_the_batch_and_groups_are_created_when_allowed() {
    let t = test_app(None).await;
    let (admin, project) = fjordparken(&t).await;
    let mut body = chunk(vec![row(
        2,
        &[("name", "Ola"), ("customer_group", "Nye kjøpere")],
    )]);
    let refused = admin.import(project, &body).await.unwrap();
    assert_eq!(
        outcome(&refused),
        [(
            2,
            vec![("customer_group".to_owned(), Problem::GroupUnknown)]
        )]
    );
    body.create_missing_groups = true;
    body.batch_id = Some(refused.batch_id);
    body.rows.push(row(
        3,
        &[("name", "Kari"), ("customer_group", "nye KJØPERE")],
    ));
    let created = admin.import(project, &body).await.unwrap();
    assert_eq!(created.batch_id, refused.batch_id);
    assert_eq!(outcome(&created), [(2, vec![]), (3, vec![])]);
    assert_eq!(
        t.count("SELECT COUNT(*) FROM customer_groups WHERE name = 'Nye kjøpere'")
            .await,
        1
    );
    assert_eq!(t.count("SELECT created FROM import_batches").await, 2);
    assert_eq!(t.count("SELECT rejected FROM import_batches").await, 1);
}

#[tokio::test]
async fn only_people_who_may_import_into_the_project_can() {
    let t = test_app(None).await;
    let (admin, project) = fjordparken(&t).await;
    let koivuranta = admin.project_id("Koivuranta").await;
    let body = chunk(vec![row(2, &[("name", "Ola")])]);
    let cases = [
        (
            &t.users.outsider.token,
            project,
            Some(StatusCode::FORBIDDEN),
        ),
        (
            &t.users.case_handler.token,
            koivuranta,
            Some(StatusCode::FORBIDDEN),
        ),
        (
            &t.users.other_admin.token,
            project,
            Some(StatusCode::NOT_FOUND),
        ),
        (&t.users.case_handler.token, project, None),
    ];
    for (token, id, refused) in cases {
        let answer = t.client(token).import_with_key(id, "access", &body).await;
        assert_eq!(answer.err().map(|r| r.status), refused);
    }
    assert_eq!(t.count("SELECT COUNT(*) FROM customers").await, 1);
}

#[tokio::test]
async fn malformed_and_oversized_requests_are_refused() {
    let t = test_app(None).await;
    let (admin, project) = fjordparken(&t).await;
    let uri = format!("/api/projects/{project}/import");
    let raw_column = chunk(vec![row(
        2,
        &[("name", "Ola"), ("Personnummer", "01018012345")],
    )]);
    assert_eq!(
        admin.import(project, &raw_column).await.unwrap_err(),
        (StatusCode::BAD_REQUEST, "import.unknown_field")
    );
    let unknown_member = b"{\"rows\":[{\"row\":2,\"values\":{}}],\"file\":\"...\"}".to_vec();
    let refused = admin.call::<ImportResult>(Method::POST, &uri, Some("j"), Some(unknown_member));
    assert_eq!(
        refused.await.unwrap_err(),
        (StatusCode::BAD_REQUEST, "import.invalid_body")
    );
    // An empty chunk is a mistake of the client, not an empty batch.
    assert_eq!(
        admin.import(project, &chunk(Vec::new())).await.unwrap_err(),
        (StatusCode::BAD_REQUEST, "import.no_rows")
    );
    let many = chunk((0..5_001).map(|i| row(i + 2, &[("name", "x")])).collect());
    assert_eq!(
        admin.import(project, &many).await.unwrap_err(),
        (StatusCode::PAYLOAD_TOO_LARGE, "import.too_many_rows")
    );
    let huge = chunk(vec![row(
        2,
        &[("name", "x"), ("notes", &"x".repeat(9 * 1024 * 1024))],
    )]);
    assert_eq!(
        admin.import(project, &huge).await.unwrap_err(),
        (StatusCode::PAYLOAD_TOO_LARGE, "import.body_too_large")
    );
    assert_eq!(t.count("SELECT COUNT(*) FROM customers").await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_chunks_with_overlapping_emails_never_create_a_duplicate() {
    let t = test_app(None).await;
    let (admin, project) = fjordparken(&t).await;
    let mut tasks = Vec::new();
    for c in 0..8u64 {
        // Each chunk: 10 e-mails shared by all chunks, and 5 of its own.
        let rows: Vec<ImportRow> = (0..15u64)
            .map(|i| {
                let email = if i < 10 {
                    format!("shared{i}@example.no")
                } else {
                    format!("own{c}-{i}@example.no")
                };
                row(i + 2, &[("name", "Kunde"), ("email", &email)])
            })
            .collect();
        let admin = admin.clone();
        tasks.push(tokio::spawn(async move {
            let key = format!("c{c}");
            admin.import_with_key(project, &key, &chunk(rows)).await
        }));
    }
    let mut created = 0;
    for task in tasks {
        let result = task.await.unwrap().unwrap();
        for v in &result.verdicts {
            match v {
                Verdict::Created { .. } => created += 1,
                Verdict::Rejected { errors, .. } => {
                    assert_eq!(errors[0].problem, Problem::EmailTaken)
                }
                other => panic!("{other:?}"),
            }
        }
    }
    assert_eq!(created, 10 + 8 * 5);
    assert_eq!(t.count("SELECT COUNT(*) FROM customers").await, 50);
    assert_eq!(
        t.count("SELECT COUNT(DISTINCT lower(email)) FROM customers")
            .await,
        50
    );
}

/// Chunks of one batch in flight at once, as the app sends them after the first: each
/// also sent twice at once with its key (a resend while the first attempt still
/// runs). Every row is created once, each pair of answers is the same, every answer
/// names the batch, and the batch's counts lose no chunk's share.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_chunks_of_one_batch_create_and_count_every_row_once() {
    let t = test_app(None).await;
    let (admin, project) = fjordparken(&t).await;
    let first = chunk(vec![row(
        2,
        &[("name", "Kunde"), ("email", "first@example.no")],
    )]);
    let batch = admin.import(project, &first).await.unwrap().batch_id;
    // Eight chunks of 50 rows; each shares 5 e-mails with the one before it.
    const CHUNKS: u64 = 8;
    const ROWS: u64 = 50;
    let mut tasks = Vec::new();
    for c in 0..CHUNKS {
        let rows = (0..ROWS)
            .map(|i| {
                let email = format!("k{}@example.no", c * (ROWS - 5) + i);
                row(3 + c * ROWS + i, &[("name", "Kunde"), ("email", &email)])
            })
            .collect();
        let mut body = chunk(rows);
        body.batch_id = Some(batch);
        for _ in 0..2 {
            let (admin, body) = (admin.clone(), body.clone());
            tasks.push(tokio::spawn(async move {
                let key = format!("batch-{c}");
                admin.import_with_key(project, &key, &body).await
            }));
        }
    }
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(task.await.unwrap().unwrap());
    }
    let (mut created, mut taken) = (0, 0);
    for pair in answers.chunks(2) {
        assert_eq!(
            pair[0], pair[1],
            "a resend is answered as the first attempt"
        );
        assert_eq!(pair[0].batch_id, batch);
        for v in &pair[0].verdicts {
            match v {
                Verdict::Created { .. } => created += 1,
                Verdict::Rejected { errors, .. } => {
                    assert_eq!(errors[0].problem, Problem::EmailTaken);
                    taken += 1;
                }
                other => panic!("{other:?}"),
            }
        }
    }
    let distinct = (CHUNKS - 1) * (ROWS - 5) + ROWS;
    assert_eq!((created, taken), (distinct, CHUNKS * ROWS - distinct));
    let in_batch = format!("SELECT COUNT(*) FROM customers WHERE batch_id = {batch}");
    assert_eq!(t.count(&in_batch).await, 1 + distinct as i64);
    assert_eq!(
        t.count("SELECT COUNT(DISTINCT lower(email)) FROM customers")
            .await,
        t.count("SELECT COUNT(*) FROM customers").await
    );
    let outcome = customer_import_server::imports::history::batch_outcome(&t.db, batch)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (outcome.created, outcome.rejected),
        (1 + distinct as i64, (CHUNKS * ROWS - distinct) as i64)
    );
    assert_eq!(outcome.verdicts.len() as u64, 1 + CHUNKS * ROWS);
}

#[tokio::test]
async fn a_batch_keeps_who_when_its_counts_and_every_row_outcome() {
    let t = test_app(None).await;
    let (admin, project) = fjordparken(&t).await;
    let first = admin
        .import(
            project,
            &chunk(vec![
                row(2, &[("name", "Kari"), ("email", "kari@example.no")]),
                row(3, &[("name", "Ola"), ("unit", "Z-999")]),
            ]),
        )
        .await
        .unwrap();
    let mut second = chunk(vec![row(
        4,
        &[("name", "Per"), ("email", "KARI@example.no")],
    )]);
    second.batch_id = Some(first.batch_id);
    let second = admin.import(project, &second).await.unwrap();
    assert_eq!(second.batch_id, first.batch_id);

    let outcome = customer_import_server::imports::history::batch_outcome(&t.db, first.batch_id)
        .await
        .unwrap()
        .unwrap();
    let admin_id = t
        .count("SELECT id FROM users WHERE email = 'admin@nordbygg.example'")
        .await;
    assert_eq!(outcome.user_id, admin_id);
    assert!(
        outcome.created_at.starts_with("20"),
        "{}",
        outcome.created_at
    );
    assert_eq!((outcome.created, outcome.rejected), (1, 2));
    let rows: Vec<(u64, bool)> = outcome
        .verdicts
        .iter()
        .map(|v| match v {
            Verdict::Created { row, .. } => (*row, true),
            Verdict::Rejected { row, .. } => (*row, false),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(rows, [(2, true), (3, false), (4, false)]);
    assert!(
        customer_import_server::imports::history::batch_outcome(&t.db, 999_999)
            .await
            .unwrap()
            .is_none()
    );
}

/// Two server instances on one database (PostgreSQL in scripts/test.sh's second
/// pass), sixteen chunks sharing every e-mail in shuffled order and mixed case: every
/// chunk gets its per-row answer without any deadlock (on PostgreSQL, inserting shared
/// keys in the files' orders deadlocked), and every e-mail exists once.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_import_shuffled_overlapping_chunks_without_failing() {
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database(&dir).await;
    let first = Db::connect(&url).await.unwrap();
    let users = demo::seed(&first).await.unwrap();
    let second = Db::connect(&url).await.unwrap();
    let instances = [
        app(AppState::new(first.clone()), None),
        app(AppState::new(second.clone()), None),
    ];
    let token = users.admin.token.clone();
    let project: i64 = sqlx::query_scalar("SELECT id FROM projects WHERE name = 'Fjordparken'")
        .fetch_one(&first.pool)
        .await
        .unwrap();

    // Sixteen chunks of the same 100 e-mails, each in its own order and case.
    let mut tasks = Vec::new();
    for c in 0..16usize {
        let mut order: Vec<u64> = (0..100).collect();
        // A different fixed permutation per chunk: rotate and reverse.
        order.rotate_left(c * 7 % 100);
        if c % 2 == 1 {
            order.reverse();
        }
        let rows: Vec<ImportRow> = order
            .iter()
            .enumerate()
            .map(|(n, &i)| {
                let email = if (i + c as u64).is_multiple_of(3) {
                    format!("Delt{i}@Example.NO")
                } else {
                    format!("delt{i}@example.no")
                };
                row(n as u64 + 2, &[("name", "Kunde"), ("email", &email)])
            })
            .collect();
        let instance = Client::new(&instances[c % 2], &token);
        tasks.push(tokio::spawn(async move {
            let key = format!("race-{c}");
            instance.import_with_key(project, &key, &chunk(rows)).await
        }));
    }
    let mut created_total = 0;
    for task in tasks {
        let result = task.await.unwrap().unwrap();
        assert_eq!(result.verdicts.len(), 100, "every row has its answer");
        created_total += result
            .verdicts
            .iter()
            .filter(|v| matches!(v, Verdict::Created { .. }))
            .count();
    }
    let emails: Vec<String> = sqlx::query_scalar("SELECT lower(email) FROM customers")
        .fetch_all(&first.pool)
        .await
        .unwrap();
    // No transaction had to be run again: the write order prevents deadlocks, the
    // retry is only a safety net.
    assert_eq!(first.conflicts() + second.conflicts(), 0);
    assert_eq!(emails.len(), 100);
    assert_eq!(emails.iter().collect::<HashSet<_>>().len(), 100);
    assert_eq!(created_total, 100);
}

/// A chunk is written in statements of 25 rows: every row of a chunk larger than one
/// statement gets its own verdict and customer, a row refused by the database among
/// them too, and two rows a client numbered alike each get their own customer.
#[tokio::test]
async fn rows_written_many_at_a_time_each_get_their_own_verdict() {
    let t = test_app(None).await;
    let (admin, project) = fjordparken(&t).await;
    let earlier = chunk(vec![row(
        2,
        &[("name", "Tidligere"), ("email", "k700@example.no")],
    )]);
    admin.import(project, &earlier).await.unwrap();
    let emails: Vec<String> = (0..1_200).map(|i| format!("k{i}@example.no")).collect();
    let mut rows: Vec<ImportRow> = emails
        .iter()
        .enumerate()
        .map(|(i, email)| row(i as u64 + 2, &[("name", "Kunde"), ("email", email)]))
        .collect();
    rows.push(row(
        2,
        &[("name", "Samme rad"), ("email", "twin@example.no")],
    ));
    let result = admin.import(project, &chunk(rows)).await.unwrap();
    let mut ids = std::collections::BTreeSet::new();
    for (i, verdict) in result.verdicts.iter().enumerate() {
        match verdict {
            Verdict::Created { row, customer_id } => {
                assert_ne!(i, 700, "k700 was taken");
                assert!(ids.insert(*customer_id), "id {customer_id} given twice");
                let email: String = sqlx::query_scalar("SELECT email FROM customers WHERE id = $1")
                    .bind(customer_id)
                    .fetch_one(&t.db.pool)
                    .await
                    .unwrap();
                let expected = emails.get(i).map_or("twin@example.no", String::as_str);
                assert_eq!(
                    (email.as_str(), *row),
                    (expected, if i == 1_200 { 2 } else { i as u64 + 2 })
                );
            }
            Verdict::Rejected { row, errors } => {
                assert_eq!((i, *row), (700, 702));
                assert_eq!(errors[0].problem, Problem::EmailTaken);
            }
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(ids.len(), 1_200);
}
