//! Updating existing customers from a file (issue 28), through the router against a
//! real database (SQLite, and PostgreSQL in scripts/test.sh): the lookup the review
//! asks, rows that update, rows unchanged, a customer changed since it was looked up,
//! two chunks updating one customer at once, the history's counts and changes, undo
//! putting values back (and refusing to overwrite a later change), and what the portal
//! hears: `customers.updated` events in order and the pull feed.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;

use crate::common::{Client, TestApp, chunk, row, test_app};
use axum::http::StatusCode;
use customer_import_domain::{
    update::{FieldChange, ImportMode, MatchKey},
    validate::Problem,
    wire::{
        CurrentCustomer, CustomerLookup, ImportChunk, ImportResult, ImportRow, KeyMatch, LookupKey,
        RowStatus, UpdateChoice, Verdict,
    },
};
use serde_json::Value;

/// The admin's client and Fjordparken, with customers K-1 (Ola), K-2 (Kari), K-3 (Per)
/// imported: their ids in that order.
async fn three_customers(t: &TestApp) -> (Client, i64, Vec<i64>) {
    let admin = t.admin();
    let project = admin.project_id("Fjordparken").await;
    let result = admin
        .import(
            project,
            &chunk(vec![
                row(
                    2,
                    &[
                        ("name", "Ola Nordmann"),
                        ("email", "ola@example.no"),
                        ("external_id", "K-1"),
                        ("phone", "912 34 567"),
                        ("unit", "A-101"),
                    ],
                ),
                row(
                    3,
                    &[
                        ("name", "Kari Nordmann"),
                        ("email", "kari@example.no"),
                        ("external_id", "K-2"),
                        ("city", "Oslo"),
                    ],
                ),
                row(
                    4,
                    &[
                        ("name", "Per Hansen"),
                        ("email", "per@example.no"),
                        ("external_id", "K-3"),
                        ("notes", "Ring etter fire"),
                    ],
                ),
            ]),
        )
        .await
        .unwrap();
    let ids = crate::common::created_ids(&result);
    assert_eq!(ids.len(), 3);
    (admin, project, ids)
}

fn by_number(numbers: &[&str]) -> CustomerLookup {
    CustomerLookup {
        match_key: MatchKey::ExternalId,
        keys: numbers
            .iter()
            .map(|n| LookupKey {
                external_id: Some((*n).to_owned()),
                email: None,
            })
            .collect(),
    }
}

/// The current customers the lookup of these numbers finds (`None`: new).
async fn current(admin: &Client, project: i64, numbers: &[&str]) -> Vec<Option<CurrentCustomer>> {
    let found = admin.lookup(project, &by_number(numbers)).await.unwrap();
    found
        .matches
        .into_iter()
        .map(|m| match m {
            KeyMatch::Existing { customer } => Some(customer),
            KeyMatch::New => None,
            KeyMatch::Two { .. } => panic!("two customers"),
        })
        .collect()
}

/// A chunk that updates by customer number, its rows compared against `versions`.
fn updating(mode: ImportMode, rows: Vec<(ImportRow, Option<i64>)>) -> ImportChunk {
    ImportChunk {
        files: Vec::new(),
        file: None,
        update: Some(UpdateChoice {
            mode,
            match_key: MatchKey::ExternalId,
            blank: BTreeSet::new(),
        }),
        ..chunk(
            rows.into_iter()
                .map(|(row, version)| ImportRow { version, ..row })
                .collect(),
        )
    }
}

fn change(field: &str, old: Option<&str>, new: Option<&str>) -> FieldChange {
    FieldChange {
        field: field.to_owned(),
        old: old.map(str::to_owned),
        new: new.map(str::to_owned),
    }
}

/// The verdicts as (row, status) with the changes of updated rows.
fn statuses(result: &ImportResult) -> Vec<(u64, &'static str)> {
    result
        .verdicts
        .iter()
        .map(|v| {
            let status = match v {
                Verdict::Created { .. } => "created",
                Verdict::Rejected { .. } => "rejected",
                Verdict::Updated { .. } => "updated",
                Verdict::Unchanged { .. } => "unchanged",
                Verdict::ChangedSince { .. } => "changed_since",
            };
            (v.row(), status)
        })
        .collect()
}

#[tokio::test]
async fn the_lookup_answers_current_values_and_versions_and_marks_two_customers() {
    let t = test_app(None).await;
    let (admin, project, ids) = three_customers(&t).await;
    let found = admin
        .lookup(
            project,
            &CustomerLookup {
                match_key: MatchKey::ExternalId,
                keys: vec![
                    LookupKey {
                        external_id: Some("K-1".to_owned()),
                        email: Some("OLA@example.no".to_owned()),
                    },
                    LookupKey {
                        external_id: Some("K-9".to_owned()),
                        email: None,
                    },
                    // K-2's number with K-3's e-mail: two customers.
                    LookupKey {
                        external_id: Some("K-2".to_owned()),
                        email: Some("per@example.no".to_owned()),
                    },
                ],
            },
        )
        .await
        .unwrap();
    let KeyMatch::Existing { customer } = &found.matches[0] else {
        panic!("{:?}", found.matches[0])
    };
    assert_eq!(customer.id, ids[0]);
    assert_eq!(customer.version, 1);
    let values: Vec<(&str, &str)> = customer
        .values
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        values,
        [
            ("email", "ola@example.no"),
            ("external_id", "K-1"),
            ("name", "Ola Nordmann"),
            ("phone", "+4791234567"),
            ("unit", "A-101"),
        ]
    );
    assert_eq!(found.matches[1], KeyMatch::New);
    assert_eq!(
        found.matches[2],
        KeyMatch::Two {
            customer_ids: [ids[1], ids[2]]
        }
    );
    // By e-mail, whatever its case.
    let by_email = admin
        .lookup(
            project,
            &CustomerLookup {
                match_key: MatchKey::Email,
                keys: vec![LookupKey {
                    external_id: None,
                    email: Some("Kari@Example.no".to_owned()),
                }],
            },
        )
        .await
        .unwrap();
    assert!(
        matches!(&by_email.matches[0], KeyMatch::Existing { customer } if customer.id == ids[1])
    );

    // Bounded, and only where the caller may import.
    let too_many: Vec<String> = (0..5_001).map(|i| format!("K-{i}")).collect();
    let too_many: Vec<&str> = too_many.iter().map(String::as_str).collect();
    assert_eq!(
        admin
            .lookup(project, &by_number(&too_many))
            .await
            .unwrap_err(),
        (StatusCode::PAYLOAD_TOO_LARGE, "lookup.too_many_keys")
    );
    assert_eq!(
        admin.lookup(project, &by_number(&[])).await.unwrap_err(),
        (StatusCode::BAD_REQUEST, "lookup.no_keys")
    );
    let other = t.client(&t.users.other_admin.token);
    assert_eq!(
        other
            .lookup(project, &by_number(&["K-1"]))
            .await
            .unwrap_err()
            .status,
        StatusCode::NOT_FOUND
    );
    let outsider = t.client(&t.users.outsider.token);
    assert_eq!(
        outsider
            .lookup(project, &by_number(&["K-1"]))
            .await
            .unwrap_err()
            .status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn rows_update_what_changed_and_unchanged_rows_are_counted_apart() {
    let t = test_app(None).await;
    let (admin, project, ids) = three_customers(&t).await;
    let now = current(&admin, project, &["K-1", "K-2", "K-3", "K-4"]).await;
    let v = |i: usize| now[i].as_ref().map(|c| c.version);
    let result = admin
        .import(
            project,
            &updating(
                ImportMode::CreateAndUpdate,
                vec![
                    // A new phone and unit; the empty name cell keeps the name.
                    (
                        row(
                            2,
                            &[
                                ("external_id", "K-1"),
                                ("phone", "+47 987 65 432"),
                                ("unit", "b-101"),
                            ],
                        ),
                        v(0),
                    ),
                    // The same values as stored.
                    (row(3, &[("external_id", "K-2"), ("city", "Oslo")]), v(1)),
                    // A project's customer number with a bad phone: refused as always.
                    (row(4, &[("external_id", "K-3"), ("phone", "x")]), v(2)),
                    // A new customer.
                    (row(5, &[("external_id", "K-4"), ("name", "Nina Ny")]), None),
                    // New, but no name: refused as any new row without one.
                    (row(6, &[("external_id", "K-5"), ("city", "Bergen")]), None),
                ],
            ),
        )
        .await
        .unwrap();
    assert_eq!(
        statuses(&result),
        [
            (2, "updated"),
            (3, "unchanged"),
            (4, "rejected"),
            (5, "created"),
            (6, "rejected")
        ]
    );
    let Verdict::Updated {
        customer_id,
        changes,
        ..
    } = &result.verdicts[0]
    else {
        panic!()
    };
    assert_eq!(*customer_id, ids[0]);
    assert_eq!(
        changes,
        &[
            change("phone", Some("+4791234567"), Some("+4798765432")),
            change("unit", Some("A-101"), Some("B-101")),
        ]
    );
    let after = current(&admin, project, &["K-1", "K-2"]).await;
    let ola = after[0].as_ref().unwrap();
    assert_eq!(ola.version, 2);
    assert_eq!(ola.values["unit"], "B-101");
    assert_eq!(ola.values["name"], "Ola Nordmann");
    assert_eq!(
        after[1].as_ref().unwrap().version,
        1,
        "unchanged: no new version"
    );

    let page = admin.imports(project).await.unwrap();
    let import = &page.items[0];
    assert_eq!(
        (
            import.created,
            import.updated,
            import.unchanged,
            import.rejected
        ),
        (1, 1, 1, 2)
    );
    let detail = admin.import_detail(project, result.batch_id).await.unwrap();
    let row2 = &detail.rows[0];
    assert_eq!(row2.status, RowStatus::Updated);
    assert_eq!(row2.changes.len(), 2);
    assert_eq!(detail.rows[1].status, RowStatus::Unchanged);
    assert_eq!(detail.rows[3].status, RowStatus::Created);
}

#[tokio::test]
async fn update_only_refuses_unknown_keys_and_a_row_matching_two_customers() {
    let t = test_app(None).await;
    let (admin, project, _) = three_customers(&t).await;
    let now = current(&admin, project, &["K-1"]).await;
    let result = admin
        .import(
            project,
            &updating(
                ImportMode::UpdateOnly,
                vec![
                    (row(2, &[("external_id", "K-9"), ("name", "Ny")]), None),
                    (
                        row(3, &[("external_id", "K-1"), ("email", "kari@example.no")]),
                        now[0].as_ref().map(|c| c.version),
                    ),
                ],
            ),
        )
        .await
        .unwrap();
    let problems: Vec<(String, Problem)> = result
        .verdicts
        .iter()
        .map(|v| match v {
            Verdict::Rejected { errors, .. } => (errors[0].field.clone(), errors[0].problem),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        problems,
        [
            ("external_id".to_owned(), Problem::CustomerNotFound),
            ("email".to_owned(), Problem::MatchesTwoCustomers),
        ]
    );
    assert_eq!(t.count("SELECT COUNT(*) FROM customers").await, 3);
    assert_eq!(
        t.count("SELECT MAX(version) FROM customers").await,
        1,
        "nobody updated"
    );
}

#[tokio::test]
async fn a_column_chosen_to_blank_empties_what_its_empty_cells_leave_empty() {
    let t = test_app(None).await;
    let (admin, project, _) = three_customers(&t).await;
    let now = current(&admin, project, &["K-3"]).await;
    let mut blanking = updating(
        ImportMode::CreateAndUpdate,
        vec![(
            row(2, &[("external_id", "K-3")]),
            Some(now[0].as_ref().unwrap().version),
        )],
    );
    blanking.update.as_mut().unwrap().blank = ["notes".to_owned()].into();
    let result = admin.import(project, &blanking).await.unwrap();
    let Verdict::Updated { changes, .. } = &result.verdicts[0] else {
        panic!("{:?}", result.verdicts[0])
    };
    assert_eq!(changes, &[change("notes", Some("Ring etter fire"), None)]);
    assert_eq!(
        t.count("SELECT COUNT(*) FROM customers WHERE notes IS NULL")
            .await,
        3
    );
    // Blanking a field the project does not have is refused.
    blanking.update.as_mut().unwrap().blank = ["shoe_size".to_owned()].into();
    assert_eq!(
        admin.import(project, &blanking).await.unwrap_err(),
        (StatusCode::BAD_REQUEST, "import.unknown_field")
    );
}

#[tokio::test]
async fn a_customer_changed_since_it_was_looked_up_is_not_overwritten() {
    let t = test_app(None).await;
    let (admin, project, ids) = three_customers(&t).await;
    let seen = current(&admin, project, &["K-1"]).await[0].clone().unwrap();
    // A colleague's import changes K-1 first.
    let first = admin
        .import(
            project,
            &updating(
                ImportMode::UpdateOnly,
                vec![(
                    row(2, &[("external_id", "K-1"), ("city", "Bergen")]),
                    Some(seen.version),
                )],
            ),
        )
        .await
        .unwrap();
    assert_eq!(statuses(&first), [(2, "updated")]);
    let late = admin
        .import(
            project,
            &updating(
                ImportMode::UpdateOnly,
                vec![(
                    row(2, &[("external_id", "K-1"), ("city", "Trondheim")]),
                    Some(seen.version),
                )],
            ),
        )
        .await
        .unwrap();
    let Verdict::ChangedSince {
        current: Some(now), ..
    } = &late.verdicts[0]
    else {
        panic!("{:?}", late.verdicts[0])
    };
    assert_eq!((now.id, now.version), (ids[0], 2));
    assert_eq!(now.values["city"], "Bergen");
    // A row compared with no customer (the review found none) whose key exists now.
    let appeared = admin
        .import(
            project,
            &updating(
                ImportMode::CreateAndUpdate,
                vec![(row(2, &[("external_id", "K-1"), ("city", "Oslo")]), None)],
            ),
        )
        .await
        .unwrap();
    assert_eq!(statuses(&appeared), [(2, "changed_since")]);
    assert_eq!(
        t.count("SELECT COUNT(*) FROM customers WHERE city = 'Bergen'")
            .await,
        1
    );
    let page = admin.imports(project).await.unwrap();
    assert_eq!(
        page.items[0].rejected, 1,
        "changed since counts as not done"
    );
}

#[tokio::test]
async fn two_chunks_updating_one_customer_at_once_do_not_both_win() {
    let t = test_app(None).await;
    let (admin, project, _) = three_customers(&t).await;
    let seen = current(&admin, project, &["K-1", "K-2", "K-3"]).await;
    let version = |i: usize| Some(seen[i].as_ref().unwrap().version);
    for round in 0..4 {
        // Both chunks also update customers of their own, in opposite orders.
        let a = updating(
            ImportMode::UpdateOnly,
            vec![
                (
                    row(3, &[("external_id", "K-2"), ("city", &format!("A{round}"))]),
                    version(1),
                ),
                (
                    row(2, &[("external_id", "K-1"), ("city", &format!("A{round}"))]),
                    version(0),
                ),
            ],
        );
        let b = updating(
            ImportMode::UpdateOnly,
            vec![
                (
                    row(2, &[("external_id", "K-1"), ("city", &format!("B{round}"))]),
                    version(0),
                ),
                (
                    row(4, &[("external_id", "K-3"), ("city", &format!("B{round}"))]),
                    version(2),
                ),
            ],
        );
        let (ra, rb) = tokio::join!(admin.import(project, &a), admin.import(project, &b));
        let (ra, rb) = (ra.unwrap(), rb.unwrap());
        if round > 0 {
            // Every later round compares against the first round's versions: all stale.
            assert!(
                ra.verdicts
                    .iter()
                    .chain(&rb.verdicts)
                    .all(|v| matches!(v, Verdict::ChangedSince { .. })),
                "{ra:?} {rb:?}"
            );
            continue;
        }
        let k1 = |r: &ImportResult| {
            r.verdicts
                .iter()
                .find(|v| v.row() == 2)
                .map(|v| matches!(v, Verdict::Updated { .. }))
                .unwrap()
        };
        assert!(k1(&ra) != k1(&rb), "exactly one wins K-1: {ra:?} {rb:?}");
        let loser = if k1(&ra) { &rb } else { &ra };
        let Some(Verdict::ChangedSince {
            current: Some(now), ..
        }) = loser.verdicts.iter().find(|v| v.row() == 2)
        else {
            panic!("{loser:?}")
        };
        assert_eq!(now.version, 2);
        let winner_city = if k1(&ra) { "A0" } else { "B0" };
        assert_eq!(now.values["city"], winner_city);
        assert_eq!(
            t.count("SELECT version FROM customers WHERE external_id = 'K-1'")
                .await,
            2
        );
    }
    assert_eq!(t.db.conflicts(), 0, "written in one order: no deadlock");
}

#[tokio::test]
async fn undo_puts_back_what_an_import_updated_and_removes_what_it_created() {
    let t = test_app(None).await;
    let (admin, project, ids) = three_customers(&t).await;
    let seen = current(&admin, project, &["K-1", "K-2"]).await;
    let v = |i: usize| Some(seen[i].as_ref().unwrap().version);
    let update = admin
        .import(
            project,
            &updating(
                ImportMode::CreateAndUpdate,
                vec![
                    (
                        row(
                            2,
                            &[
                                ("external_id", "K-1"),
                                ("phone", "98765432"),
                                ("unit", "B-102"),
                            ],
                        ),
                        v(0),
                    ),
                    (
                        row(
                            3,
                            &[("external_id", "K-2"), ("email", "kari.ny@example.no")],
                        ),
                        v(1),
                    ),
                    (
                        row(4, &[("external_id", "K-7"), ("name", "Ny Kunde")]),
                        None,
                    ),
                ],
            ),
        )
        .await
        .unwrap();
    assert_eq!(
        statuses(&update),
        [(2, "updated"), (3, "updated"), (4, "created")]
    );
    let undone = admin.undo(project, update.batch_id).await.unwrap();
    assert_eq!(undone.removed, 1);
    assert_eq!(undone.restored, 2);
    let mut expected = [ids[0], ids[1]];
    expected.sort_unstable();
    assert_eq!(undone.restored_ids, expected, "by id");
    assert!(undone.not_restored.is_empty());
    let after = current(&admin, project, &["K-1", "K-2", "K-7"]).await;
    let ola = after[0].as_ref().unwrap();
    assert_eq!(ola.values["phone"], "+4791234567");
    assert_eq!(ola.values["unit"], "A-101");
    assert_eq!(ola.version, 3, "the restoration is a change too");
    assert_eq!(
        after[1].as_ref().unwrap().values["email"],
        "kari@example.no"
    );
    assert_eq!(after[2], None);
    let page = admin.imports(project).await.unwrap();
    assert!(page.items[0].undone_at.is_some());
}

#[tokio::test]
async fn undo_leaves_a_customer_changed_again_after_the_import_and_says_so() {
    let t = test_app(None).await;
    let (admin, project, ids) = three_customers(&t).await;
    let seen = current(&admin, project, &["K-1", "K-2"]).await;
    let v = |i: usize| Some(seen[i].as_ref().unwrap().version);
    let first = admin
        .import(
            project,
            &updating(
                ImportMode::UpdateOnly,
                vec![
                    (row(2, &[("external_id", "K-1"), ("city", "Bergen")]), v(0)),
                    (row(3, &[("external_id", "K-2"), ("city", "Bergen")]), v(1)),
                ],
            ),
        )
        .await
        .unwrap();
    // A later import changes K-1 again.
    let later = current(&admin, project, &["K-1"]).await[0].clone().unwrap();
    let second = admin
        .import(
            project,
            &updating(
                ImportMode::UpdateOnly,
                vec![(
                    row(2, &[("external_id", "K-1"), ("city", "Tromsø")]),
                    Some(later.version),
                )],
            ),
        )
        .await
        .unwrap();
    assert_eq!(statuses(&second), [(2, "updated")]);
    let undone = admin.undo(project, first.batch_id).await.unwrap();
    assert_eq!(undone.restored_ids, [ids[1]]);
    assert_eq!(undone.not_restored.len(), 1);
    assert_eq!(undone.not_restored[0].customer_id, ids[0]);
    assert_eq!(undone.not_restored[0].row, 2);
    assert_eq!(undone.not_restored[0].current_version, Some(3));
    let now = current(&admin, project, &["K-1", "K-2"]).await;
    assert_eq!(
        now[0].as_ref().unwrap().values["city"],
        "Tromsø",
        "not overwritten"
    );
    assert_eq!(now[1].as_ref().unwrap().values["city"], "Oslo", "put back");
    // The later import's undo still puts back what it found.
    let undone = admin.undo(project, second.batch_id).await.unwrap();
    assert_eq!(undone.restored_ids, [ids[0]]);
    let now = current(&admin, project, &["K-1"]).await;
    assert_eq!(now[0].as_ref().unwrap().values["city"], "Bergen");
}

#[tokio::test]
async fn the_portal_hears_of_updates_and_restorations_in_order_and_pulls_them() {
    let t = test_app(None).await;
    let (admin, project, ids) = three_customers(&t).await;
    sqlx::query("UPDATE organizations SET webhook_url = 'https://portal.example/hooks', webhook_secret = 'x'")
        .execute(&t.db.pool)
        .await
        .unwrap();
    sqlx::query("UPDATE projects SET external_id = 'p-fjord' WHERE id = $1")
        .bind(project)
        .execute(&t.db.pool)
        .await
        .unwrap();
    let key = customer_import_server::admin::issue_api_key(&t.db, "Nordbygg AS", "portal")
        .await
        .unwrap();
    let portal = t.client(&key);
    let feed = |after: i64| {
        let portal = portal.clone();
        async move {
            let page: Value = portal
                .get(&format!(
                    "/api/provisioning/projects/p-fjord/customers?after={after}"
                ))
                .await
                .unwrap();
            page["items"].as_array().unwrap().clone()
        }
    };
    let before = feed(0).await;
    let last = before.last().unwrap()["sequence"].as_i64().unwrap();

    let seen = current(&admin, project, &["K-2"]).await;
    let update = admin
        .import(
            project,
            &updating(
                ImportMode::UpdateOnly,
                vec![(
                    row(3, &[("external_id", "K-2"), ("city", "Bergen")]),
                    seen[0].as_ref().map(|c| c.version),
                )],
            ),
        )
        .await
        .unwrap();
    let pulled = feed(last).await;
    assert_eq!(pulled.len(), 1, "only the customer updated comes again");
    assert_eq!(pulled[0]["id"].as_i64(), Some(ids[1]));
    assert_eq!(pulled[0]["city"], "Bergen");
    assert_eq!(pulled[0]["version"], 2);
    let updated_at = pulled[0]["sequence"].as_i64().unwrap();

    admin.undo(project, update.batch_id).await.unwrap();
    let pulled = feed(updated_at).await;
    assert_eq!(pulled.len(), 1);
    assert_eq!(pulled[0]["city"], "Oslo");
    assert_eq!(pulled[0]["version"], 3);

    let events: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT event_type, payload, seq FROM outbox_events WHERE event_type = 'customers.updated' ORDER BY seq",
    )
    .fetch_all(&t.db.pool)
    .await
    .unwrap();
    assert_eq!(events.len(), 2);
    let payload = |i: usize| serde_json::from_str::<Value>(&events[i].1).unwrap();
    let (made, put_back) = (payload(0), payload(1));
    assert_eq!(made["reason"], "import");
    assert_eq!(made["project_portal_id"], "p-fjord");
    assert_eq!(made["customers"][0]["id"].as_i64(), Some(ids[1]));
    assert_eq!(made["customers"][0]["external_id"], "K-2");
    assert_eq!(made["customers"][0]["version"], 2);
    assert_eq!(
        made["customers"][0]["changes"],
        serde_json::json!([{ "field": "city", "old": "Oslo", "new": "Bergen" }])
    );
    assert_eq!(put_back["reason"], "import_undone");
    assert_eq!(
        put_back["customers"][0]["changes"],
        serde_json::json!([{ "field": "city", "old": "Bergen", "new": "Oslo" }])
    );
    // In the order of the organization's changes: each after the customer's number in
    // the feed it made.
    assert!(events[0].2 > updated_at - 1 && events[1].2 > events[0].2);
}

#[tokio::test]
async fn the_export_and_the_template_name_the_match_key() {
    let t = test_app(None).await;
    let project = t.admin().project_id("Fjordparken").await;
    for file in [
        "customers.csv",
        "customers.xlsx",
        "template.csv",
        "template.xlsx",
    ] {
        let (status, headers, _) = crate::common::get(
            &t.router,
            &format!("/api/projects/{project}/{file}"),
            Some(&t.users.admin.token),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{file}");
        assert_eq!(
            headers["customer-import-match-key"], "external_id",
            "{file}"
        );
    }
}

/// Not a test: the server's update rate and the lookup's time, on the database the
/// suite runs on (`cargo test --test server measure_updates -- --ignored --nocapture`,
/// with `CUSTOMER_IMPORT_TEST_POSTGRES` for PostgreSQL). Prints; asserts only that
/// every row did what it should.
#[tokio::test]
#[ignore]
async fn measure_updates() {
    const CUSTOMERS: u64 = 100_000;
    const UPDATES: u64 = 10_000;
    let t = test_app(None).await;
    let admin = t.admin();
    let project = admin.project_id("Fjordparken").await;
    let number = |i: u64| format!("M-{i}");
    let started = std::time::Instant::now();
    let mut batch = None;
    for first in (0..CUSTOMERS).step_by(5_000) {
        let rows = (first..first + 5_000)
            .map(|i| {
                let (name, email, number) =
                    (format!("Kunde {i}"), format!("k{i}@example.no"), number(i));
                row(
                    i + 2,
                    &[("name", &name), ("email", &email), ("external_id", &number)],
                )
            })
            .collect();
        let result = admin
            .import(
                project,
                &ImportChunk {
                    files: Vec::new(),
                    file: None,
                    batch_id: batch,
                    ..chunk(rows)
                },
            )
            .await
            .unwrap();
        batch = Some(result.batch_id);
    }
    println!("created {CUSTOMERS} customers in {:?}", started.elapsed());

    let started = std::time::Instant::now();
    let mut versions = Vec::new();
    for first in (0..CUSTOMERS).step_by(5_000) {
        let numbers: Vec<String> = (first..first + 5_000).map(number).collect();
        let numbers: Vec<&str> = numbers.iter().map(String::as_str).collect();
        for m in admin
            .lookup(project, &by_number(&numbers))
            .await
            .unwrap()
            .matches
        {
            let KeyMatch::Existing { customer } = m else {
                panic!("{m:?}")
            };
            versions.push(customer.version);
        }
    }
    let lookup = started.elapsed();
    println!("looked up {CUSTOMERS} keys (5,000 a request) in {lookup:?}");

    let started = std::time::Instant::now();
    let mut updated = 0;
    for first in (0..UPDATES).step_by(2_000) {
        let rows = (first..first + 2_000)
            .map(|i| {
                let city = format!("By {i}");
                (
                    row(i + 2, &[("external_id", &number(i)), ("city", &city)]),
                    Some(versions[i as usize]),
                )
            })
            .collect();
        let result = admin
            .import(project, &updating(ImportMode::UpdateOnly, rows))
            .await
            .unwrap();
        updated += result
            .verdicts
            .iter()
            .filter(|v| matches!(v, Verdict::Updated { .. }))
            .count() as u64;
    }
    let took = started.elapsed();
    assert_eq!(updated, UPDATES);
    println!(
        "updated {UPDATES} customers (2,000 a chunk) in {took:?}: {:.0} rows/s",
        UPDATES as f64 / took.as_secs_f64()
    );
}
