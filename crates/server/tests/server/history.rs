//! An administrator's memory (issue 20) through the router against a real database
//! (SQLite, and PostgreSQL in scripts/test.sh): a project's import history with the
//! file's name, counts and every row's outcome; who sees it; undoing an import (once,
//! in time, by whom, concurrently, racing a chunk of its batch, announced to the
//! portal in the same transaction);
//! mappings shared in an organization and in no other.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;

use crate::common::{TestApp, get, post_json, project_id, send, test_app};
use axum::{
    body::Body,
    http::{Request, StatusCode, header},
};
use customer_import_domain::{
    mapping::{Mapping, Source, signature},
    validate::Problem,
    wire::{
        ApiError, ImportChunk, ImportDetail, ImportPage, ImportResult, ImportRow, RemovalReason,
        SharedMapping, SharedMappingSave, UndoResult, Verdict,
    },
};
use customer_import_server::{admin, db::Backend};
use sqlx::Row;

fn row(number: u64, values: &[(&str, &str)]) -> ImportRow {
    ImportRow {
        row: number,
        values: values
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<BTreeMap<_, _>>(),
    }
}

/// Three rows: two customers (e-mail `{tag}1@x.no`, `{tag}3@x.no`, numbers
/// `{tag}-1`, `{tag}-3`) and, as row 3, a malformed e-mail.
fn three_rows(tag: &str) -> Vec<ImportRow> {
    vec![
        row(
            2,
            &[
                ("name", "Åse Øvrebø"),
                ("email", &format!("{tag}1@x.no")),
                ("external_id", &format!("{tag}-1")),
            ],
        ),
        row(3, &[("name", "Feil Adresse"), ("email", "not-an-address")]),
        row(
            4,
            &[
                ("name", "Per Hansen"),
                ("email", &format!("{tag}3@x.no")),
                ("external_id", &format!("{tag}-3")),
            ],
        ),
    ]
}

fn chunk(rows: Vec<ImportRow>, file_name: Option<&str>) -> ImportChunk {
    ImportChunk {
        batch_id: None,
        create_missing_groups: false,
        file_name: file_name.map(str::to_owned),
        file_rows: None,
        held_back: None,
        left_out: None,
        rows,
    }
}

async fn import(
    t: &TestApp,
    project: i64,
    token: &str,
    key: &str,
    chunk: &ImportChunk,
) -> ImportResult {
    let (status, _, body) = post_json(
        &t.router,
        &format!("/api/projects/{project}/import"),
        token,
        Some(key),
        serde_json::to_vec(chunk).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    serde_json::from_slice(&body).unwrap()
}

fn created_ids(result: &ImportResult) -> Vec<i64> {
    result
        .verdicts
        .iter()
        .filter_map(|v| match v {
            Verdict::Created { customer_id, .. } => Some(*customer_id),
            Verdict::Rejected { .. } => None,
        })
        .collect()
}

async fn undo(t: &TestApp, project: i64, batch: i64, token: &str) -> (StatusCode, Vec<u8>) {
    let (status, _, body) = post_json(
        &t.router,
        &format!("/api/projects/{project}/imports/{batch}/undo"),
        token,
        None,
        Vec::new(),
    )
    .await;
    (status, body)
}

fn error_code(body: &[u8]) -> String {
    serde_json::from_slice::<ApiError>(body)
        .unwrap_or_else(|_| panic!("an ApiError: {}", String::from_utf8_lossy(body)))
        .code
}

async fn count(t: &TestApp, sql: &str, bind: i64) -> i64 {
    sqlx::query(sql)
        .bind(bind)
        .fetch_one(&t.db.pool)
        .await
        .unwrap()
        .try_get(0)
        .unwrap()
}

async fn history(t: &TestApp, project: i64, token: &str) -> ImportPage {
    let (status, _, body) = get(
        &t.router,
        &format!("/api/projects/{project}/imports"),
        Some(token),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    serde_json::from_slice(&body).unwrap()
}

async fn detail(t: &TestApp, project: i64, batch: i64, token: &str) -> ImportDetail {
    let (status, _, body) = get(
        &t.router,
        &format!("/api/projects/{project}/imports/{batch}"),
        Some(token),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    serde_json::from_slice(&body).unwrap()
}

/// A user of the demo organization made for the test, with a token.
async fn colleague(t: &TestApp, email: &str, name: &str, role: admin::UserRole) -> String {
    admin::create_user(&t.db, "Nordbygg AS", email, name, role)
        .await
        .unwrap();
    if role == admin::UserRole::Member {
        admin::assign_case_handler(&t.db, "Nordbygg AS", "Fjordparken", email)
            .await
            .unwrap();
    }
    admin::issue_token(&t.db, None, email, "test", None)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_history_lists_each_import_with_its_file_counts_and_every_row() {
    let t = test_app(None).await;
    let admin = t.users.admin.token.clone();
    let project = project_id(&t, &admin, "Fjordparken").await;
    let first = import(
        &t,
        project,
        &admin,
        "h1",
        &chunk(three_rows("a"), Some("C:\\Users\\ada\\kunder mars.xlsx")),
    )
    .await;
    // A second chunk of the same import: one more row, counted in the same batch.
    let more = ImportChunk {
        batch_id: Some(first.batch_id),
        ..chunk(vec![row(5, &[("name", "Siste Rad")])], None)
    };
    import(&t, project, &admin, "h2", &more).await;
    let second = import(&t, project, &admin, "h3", &chunk(three_rows("b"), None)).await;

    let page = history(&t, project, &admin).await;
    assert_eq!(page.next_before, None);
    let ids: Vec<i64> = page.items.iter().map(|i| i.id).collect();
    assert_eq!(ids, [second.batch_id, first.batch_id], "newest first");
    let item = &page.items[1];
    assert_eq!(item.file_name.as_deref(), Some("kunder mars.xlsx"));
    assert_eq!(page.items[0].file_name, None);
    assert_eq!(
        (item.created, item.rejected, item.present, item.removed),
        (3, 1, 3, 0)
    );
    assert_eq!(
        (item.user_name.as_str(), item.user_email.as_str()),
        ("Ada Admin", "admin@nordbygg.example")
    );
    assert!(item.can_undo && item.undone_at.is_none());
    assert_eq!(item.undo_until - item.created_at, 14 * 86_400);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    assert!(
        (now - item.created_at).abs() < 120,
        "{} vs {now}",
        item.created_at
    );

    let d = detail(&t, project, first.batch_id, &admin).await;
    assert_eq!(d.import, *item);
    let rows: Vec<(u64, bool, Vec<Problem>)> = d
        .rows
        .iter()
        .map(|r| {
            (
                r.row,
                r.customer_id.is_some(),
                r.errors.iter().map(|e| e.problem).collect(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (2, true, vec![]),
            (3, false, vec![Problem::EmailInvalid]),
            (4, true, vec![]),
            (5, true, vec![]),
        ]
    );
    assert!(d.rows.iter().all(|r| r.removed.is_none()));

    // Paging: `before` the newest lists the older one only.
    let (status, _, body) = get(
        &t.router,
        &format!("/api/projects/{project}/imports?before={}", second.batch_id),
        Some(&admin),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let older: ImportPage = serde_json::from_slice(&body).unwrap();
    assert_eq!(older.items.len(), 1);
    assert_eq!(older.items[0].id, first.batch_id);
    let (status, _, body) = get(
        &t.router,
        &format!("/api/projects/{project}/imports?before=x"),
        Some(&admin),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(error_code(&body), "history.invalid_query");
}

#[tokio::test]
async fn members_see_the_history_of_their_own_projects_only() {
    let t = test_app(None).await;
    let admin = t.users.admin.token.clone();
    let fjordparken = project_id(&t, &admin, "Fjordparken").await;
    let koivuranta = project_id(&t, &admin, "Koivuranta").await;
    let here = import(&t, fjordparken, &admin, "m1", &chunk(three_rows("m"), None)).await;
    let there = import(
        &t,
        koivuranta,
        &admin,
        "m2",
        &chunk(vec![row(2, &[("name", "Aino")])], None),
    )
    .await;

    // The case handler of Fjordparken sees its imports, the admin's included.
    let handler = t.users.case_handler.token.clone();
    let page = history(&t, fjordparken, &handler).await;
    assert_eq!(page.items.len(), 1);
    assert!(!page.items[0].can_undo, "a colleague's import");
    detail(&t, fjordparken, here.batch_id, &handler).await;

    let status = |uri: String, token: String| {
        let router = t.router.clone();
        async move { get(&router, &uri, Some(&token)).await.0 }
    };
    // Not their project: forbidden; another organization's: not found.
    for uri in [
        format!("/api/projects/{koivuranta}/imports"),
        format!("/api/projects/{koivuranta}/imports/{}", there.batch_id),
    ] {
        assert_eq!(
            status(uri.clone(), handler.clone()).await,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            status(uri.clone(), t.users.outsider.token.clone()).await,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            status(uri, t.users.other_admin.token.clone()).await,
            StatusCode::NOT_FOUND
        );
    }
    // An import of another project is not found through this one.
    assert_eq!(
        status(
            format!("/api/projects/{fjordparken}/imports/{}", there.batch_id),
            handler.clone()
        )
        .await,
        StatusCode::NOT_FOUND
    );
    let (code, body) = undo(&t, fjordparken, there.batch_id, &admin).await;
    assert_eq!(
        (code, error_code(&body).as_str()),
        (StatusCode::NOT_FOUND, "not_found")
    );
    let (code, _) = undo(&t, koivuranta, there.batch_id, &handler).await;
    assert_eq!(code, StatusCode::FORBIDDEN);
    assert_eq!(
        status(
            format!("/api/projects/{fjordparken}/imports"),
            String::new()
        )
        .await,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn an_undo_removes_exactly_the_import_s_customers_and_only_once() {
    let t = test_app(None).await;
    let admin = t.users.admin.token.clone();
    let project = project_id(&t, &admin, "Fjordparken").await;
    let first = import(
        &t,
        project,
        &admin,
        "u1",
        &chunk(three_rows("u"), Some("a.csv")),
    )
    .await;
    let other = import(&t, project, &admin, "u2", &chunk(three_rows("v"), None)).await;

    let (status, body) = undo(&t, project, first.batch_id, &admin).await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    let undone: UndoResult = serde_json::from_slice(&body).unwrap();
    assert_eq!(undone.removed_ids, created_ids(&first));
    assert_eq!(undone.removed, 2);
    assert!(undone.already_removed.is_empty());
    assert_eq!(undone.undone_by, "Ada Admin");
    assert_eq!(
        count(
            &t,
            "SELECT COUNT(*) FROM customers WHERE batch_id = $1",
            first.batch_id
        )
        .await,
        0
    );
    assert_eq!(
        count(
            &t,
            "SELECT COUNT(*) FROM customers WHERE batch_id = $1",
            other.batch_id
        )
        .await,
        2,
        "another import's customers stay"
    );

    // The history says so, row by row.
    let d = detail(&t, project, first.batch_id, &admin).await;
    assert_eq!(d.import.undone_at, Some(undone.undone_at));
    assert_eq!(d.import.undone_by.as_deref(), Some("Ada Admin"));
    assert_eq!((d.import.removed, d.import.present), (2, 0));
    assert!(!d.import.can_undo);
    let removed: Vec<Option<RemovalReason>> = d.rows.iter().map(|r| r.removed).collect();
    assert_eq!(
        removed,
        [
            Some(RemovalReason::Undone),
            None,
            Some(RemovalReason::Undone)
        ]
    );

    // A second undo is refused with its reason, and removes nothing.
    let (status, body) = undo(&t, project, first.batch_id, &admin).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(error_code(&body), "undo.already_undone");
    assert_eq!(
        count(
            &t,
            "SELECT COUNT(*) FROM removed_customers WHERE batch_id = $1",
            first.batch_id
        )
        .await,
        2
    );
    // No chunk joins an undone import.
    let late = ImportChunk {
        batch_id: Some(first.batch_id),
        ..chunk(vec![row(9, &[("name", "For sent")])], None)
    };
    let (status, _, body) = post_json(
        &t.router,
        &format!("/api/projects/{project}/import"),
        &admin,
        Some("u3"),
        serde_json::to_vec(&late).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(error_code(&body), "import.batch_undone");

    // The same file can be imported again, and its new customers get new ids.
    let again = import(&t, project, &admin, "u4", &chunk(three_rows("u"), None)).await;
    let new_ids = created_ids(&again);
    assert_eq!(new_ids.len(), 2);
    assert!(new_ids.iter().all(|id| !undone.removed_ids.contains(id)));
    // A customer gone by other means is listed as such by the undo.
    sqlx::query("DELETE FROM customers WHERE id = $1")
        .bind(new_ids[0])
        .execute(&t.db.pool)
        .await
        .unwrap();
    let (status, body) = undo(&t, project, again.batch_id, &admin).await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    let undone: UndoResult = serde_json::from_slice(&body).unwrap();
    assert_eq!(undone.removed_ids, [new_ids[1]]);
    assert_eq!(undone.already_removed.len(), 1);
    assert_eq!(
        (
            undone.already_removed[0].row,
            undone.already_removed[0].customer_id,
            undone.already_removed[0].reason
        ),
        (2, new_ids[0], RemovalReason::Missing)
    );
    // The newest customers were removed: their ids are still never given again.
    let latest = import(&t, project, &admin, "u5", &chunk(three_rows("u"), None)).await;
    assert!(created_ids(&latest).iter().all(|id| *id > new_ids[1]));
    let (status, body) = undo(&t, project, 999_999, &admin).await;
    assert_eq!(
        (status, error_code(&body).as_str()),
        (StatusCode::NOT_FOUND, "not_found")
    );
}

#[tokio::test]
async fn an_import_older_than_the_limit_is_not_undone() {
    let t = test_app(None).await;
    let admin = t.users.admin.token.clone();
    let project = project_id(&t, &admin, "Fjordparken").await;
    let old = import(&t, project, &admin, "o1", &chunk(three_rows("o"), None)).await;
    // Fifteen days ago, in the form each database writes.
    let backdated = match t.db.backend {
        Backend::Sqlite => {
            "UPDATE import_batches SET created_at = datetime('now', '-15 days') WHERE id = $1"
        }
        Backend::Postgres => {
            "UPDATE import_batches SET created_at = CAST(CURRENT_TIMESTAMP - INTERVAL '15 days' AS TEXT) WHERE id = $1"
        }
    };
    sqlx::query(backdated)
        .bind(old.batch_id)
        .execute(&t.db.pool)
        .await
        .unwrap();
    let (status, body) = undo(&t, project, old.batch_id, &admin).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(error_code(&body), "undo.too_old");
    assert_eq!(
        count(
            &t,
            "SELECT COUNT(*) FROM customers WHERE batch_id = $1",
            old.batch_id
        )
        .await,
        2
    );
    let item = &history(&t, project, &admin).await.items[0];
    assert!(!item.can_undo && item.undone_at.is_none());
    assert_eq!(item.undo_until - item.created_at, 14 * 86_400);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    assert!(
        item.undo_until < now - 86_400 + 120,
        "{} vs {now}",
        item.undo_until
    );
}

#[tokio::test]
async fn a_member_undoes_their_own_import_not_a_colleague_s_and_an_admin_any() {
    let t = test_app(None).await;
    let admin = t.users.admin.token.clone();
    let project = project_id(&t, &admin, "Fjordparken").await;
    let kari = t.users.case_handler.token.clone();
    let per = colleague(
        &t,
        "per@nordbygg.example",
        "Per Kollega",
        admin::UserRole::Member,
    )
    .await;
    let karis = import(&t, project, &kari, "k1", &chunk(three_rows("k"), None)).await;
    let pers = import(&t, project, &per, "p1", &chunk(three_rows("p"), None)).await;
    let pers_too = import(&t, project, &per, "p2", &chunk(three_rows("q"), None)).await;

    let page = history(&t, project, &kari).await;
    let can: Vec<(i64, bool)> = page.items.iter().map(|i| (i.id, i.can_undo)).collect();
    assert_eq!(
        can,
        [
            (pers_too.batch_id, false),
            (pers.batch_id, false),
            (karis.batch_id, true)
        ]
    );

    let (status, body) = undo(&t, project, pers.batch_id, &kari).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(error_code(&body), "undo.not_allowed");
    assert_eq!(
        count(
            &t,
            "SELECT COUNT(*) FROM customers WHERE batch_id = $1",
            pers.batch_id
        )
        .await,
        2
    );
    let (status, _) = undo(&t, project, karis.batch_id, &kari).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = undo(&t, project, pers_too.batch_id, &per).await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = undo(&t, project, pers.batch_id, &admin).await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    let undone: UndoResult = serde_json::from_slice(&body).unwrap();
    assert_eq!(undone.removed_ids, created_ids(&pers));
    let item = history(&t, project, &per).await.items[1].clone();
    assert_eq!(item.undone_by.as_deref(), Some("Ada Admin"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_undos_at_once_remove_the_customers_once() {
    let t = test_app(None).await;
    let admin = t.users.admin.token.clone();
    let project = project_id(&t, &admin, "Fjordparken").await;
    hook(&t).await;
    for round in 0..3 {
        let rows = (0..200)
            .map(|i| {
                row(
                    i + 2,
                    &[
                        ("name", "Samtidig"),
                        ("email", &format!("c{round}-{i}@x.no")),
                    ],
                )
            })
            .collect();
        let result = import(
            &t,
            project,
            &admin,
            &format!("c{round}"),
            &chunk(rows, None),
        )
        .await;
        let batch = result.batch_id;
        let (a, b) = tokio::join!(
            undo(&t, project, batch, &admin),
            undo(&t, project, batch, &admin)
        );
        let mut statuses = [a.0, b.0];
        statuses.sort();
        assert_eq!(
            statuses,
            [StatusCode::OK, StatusCode::CONFLICT],
            "round {round}"
        );
        let refused = if a.0 == StatusCode::CONFLICT {
            &a.1
        } else {
            &b.1
        };
        assert_eq!(error_code(refused), "undo.already_undone");
        let won = if a.0 == StatusCode::OK { &a.1 } else { &b.1 };
        let won: UndoResult = serde_json::from_slice(won).unwrap();
        assert_eq!(won.removed, 200);
        assert_eq!(
            count(
                &t,
                "SELECT COUNT(*) FROM removed_customers WHERE batch_id = $1",
                batch
            )
            .await,
            200
        );
        assert_eq!(
            count(
                &t,
                "SELECT removed FROM import_batches WHERE id = $1",
                batch
            )
            .await,
            200
        );
        assert_eq!(
            count(
                &t,
                "SELECT COUNT(*) FROM outbox_events
                 WHERE event_type = 'customers.removed' AND payload LIKE '%\"batch_id\":' || CAST($1 AS TEXT) || ',%'",
                batch
            )
            .await,
            1
        );
    }
    assert_eq!(t.db.conflicts(), 0, "no transaction had to run again");
}

/// A chunk of a batch and the batch's undo at once (the chunk writes the batch's row
/// only as it is counted in, at its end): whichever commits first, no customer is
/// left in the undone batch; the chunk is either removed by the undo or refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_chunk_racing_its_batch_s_undo_leaves_no_customer_in_it() {
    let t = test_app(None).await;
    let admin = t.users.admin.token.clone();
    let project = project_id(&t, &admin, "Fjordparken").await;
    for round in 0..3 {
        let first = import(
            &t,
            project,
            &admin,
            &format!("race-first-{round}"),
            &chunk(vec![row(2, &[("name", "Først")])], None),
        )
        .await;
        let batch = first.batch_id;
        let rows = (0..200)
            .map(|i| {
                row(
                    i + 3,
                    &[("name", "Senere"), ("email", &format!("r{round}-{i}@x.no"))],
                )
            })
            .collect();
        let late = ImportChunk {
            batch_id: Some(batch),
            ..chunk(rows, None)
        };
        let (uri, key) = (
            format!("/api/projects/{project}/import"),
            format!("race-late-{round}"),
        );
        let ((status, _, body), (undone, _)) = tokio::join!(
            post_json(
                &t.router,
                &uri,
                &admin,
                Some(&key),
                serde_json::to_vec(&late).unwrap(),
            ),
            undo(&t, project, batch, &admin)
        );
        assert_eq!(undone, StatusCode::OK, "round {round}");
        match status {
            StatusCode::OK => {}
            StatusCode::CONFLICT => assert_eq!(error_code(&body), "import.batch_undone"),
            other => panic!("round {round}: {other} {}", String::from_utf8_lossy(&body)),
        }
        assert_eq!(
            count(
                &t,
                "SELECT COUNT(*) FROM customers WHERE batch_id = $1",
                batch
            )
            .await,
            0,
            "round {round}"
        );
    }
}

/// Gives the demo organization a webhook, so its changes are written to the outbox.
async fn hook(t: &TestApp) {
    sqlx::query(
        "UPDATE organizations SET webhook_url = 'https://portal.example/hook', webhook_secret = 's'
         WHERE name = 'Nordbygg AS'",
    )
    .execute(&t.db.pool)
    .await
    .unwrap();
}

#[tokio::test]
async fn the_removal_is_announced_to_the_portal_in_the_undo_s_transaction() {
    let t = test_app(None).await;
    let admin = t.users.admin.token.clone();
    let project = project_id(&t, &admin, "Fjordparken").await;
    assert!(!history(&t, project, &admin).await.portal_told);
    hook(&t).await;
    // The history says so, for the undo's question to name it.
    assert!(history(&t, project, &admin).await.portal_told);
    let result = import(&t, project, &admin, "w1", &chunk(three_rows("w"), None)).await;
    let removed_events = "SELECT COUNT(*) FROM outbox_events WHERE event_type = 'customers.removed' AND organization_id <> $1";

    // The event cannot be written: the undo is rolled back whole.
    let (create, drop) = match t.db.backend {
        Backend::Sqlite => (
            vec![
                "CREATE TRIGGER no_removed BEFORE INSERT ON outbox_events
                 WHEN NEW.event_type = 'customers.removed'
                 BEGIN SELECT RAISE(ABORT, 'refused by the test'); END",
            ],
            "DROP TRIGGER no_removed",
        ),
        Backend::Postgres => (
            vec![
                "CREATE FUNCTION no_removed() RETURNS trigger LANGUAGE plpgsql AS $$
                 BEGIN
                   IF NEW.event_type = 'customers.removed' THEN
                     RAISE EXCEPTION 'refused by the test';
                   END IF;
                   RETURN NEW;
                 END $$",
                "CREATE TRIGGER no_removed BEFORE INSERT ON outbox_events
                 FOR EACH ROW EXECUTE FUNCTION no_removed()",
            ],
            "DROP TRIGGER no_removed ON outbox_events",
        ),
    };
    for sql in create {
        sqlx::raw_sql(sql).execute(&t.db.pool).await.unwrap();
    }
    let (status, _) = undo(&t, project, result.batch_id, &admin).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(
        count(
            &t,
            "SELECT COUNT(*) FROM customers WHERE batch_id = $1",
            result.batch_id
        )
        .await,
        2,
        "the customers are still there"
    );
    assert_eq!(
        count(
            &t,
            "SELECT COUNT(*) FROM removed_customers WHERE batch_id = $1",
            result.batch_id
        )
        .await,
        0
    );
    assert_eq!(
        count(
            &t,
            "SELECT COUNT(*) FROM import_batches WHERE id = $1 AND undone_at IS NULL",
            result.batch_id
        )
        .await,
        1,
        "the import is not marked undone"
    );
    assert_eq!(count(&t, removed_events, -1).await, 0);

    sqlx::raw_sql(drop).execute(&t.db.pool).await.unwrap();
    let (status, body) = undo(&t, project, result.batch_id, &admin).await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    let payload: String = sqlx::query_scalar(
        "SELECT payload FROM outbox_events WHERE event_type = 'customers.removed'",
    )
    .fetch_one(&t.db.pool)
    .await
    .unwrap();
    let payload: serde_json::Value = serde_json::from_str(&payload).unwrap();
    let ids = created_ids(&result);
    assert_eq!(payload["batch_id"], result.batch_id);
    assert_eq!(payload["project_id"], project);
    assert_eq!(payload["reason"], "import_undone");
    assert_eq!(
        payload["customers"],
        serde_json::json!([
            { "id": ids[0], "row": 2, "external_id": "w-1" },
            { "id": ids[1], "row": 4, "external_id": "w-3" },
        ])
    );
    // Without a webhook nothing is written.
    sqlx::query("UPDATE organizations SET webhook_url = NULL")
        .execute(&t.db.pool)
        .await
        .unwrap();
    assert!(!history(&t, project, &admin).await.portal_told);
    let quiet = import(&t, project, &admin, "w2", &chunk(three_rows("z"), None)).await;
    let (status, _) = undo(&t, project, quiet.batch_id, &admin).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(count(&t, removed_events, -1).await, 1);
}

async fn put_mapping(
    t: &TestApp,
    sig: &str,
    token: &str,
    save: &SharedMappingSave,
) -> (StatusCode, Vec<u8>) {
    let request = Request::put(format!("/api/mappings/{sig}"))
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(serde_json::to_vec(save).unwrap()))
        .unwrap();
    let (status, _, body) = send(&t.router, request).await;
    (status, body)
}

async fn get_mapping(t: &TestApp, sig: &str, token: &str) -> (StatusCode, Vec<u8>) {
    let (status, _, body) = get(&t.router, &format!("/api/mappings/{sig}"), Some(token)).await;
    (status, body)
}

#[tokio::test]
async fn a_mapping_saved_by_one_admin_is_offered_to_another_and_to_no_other_organization() {
    let t = test_app(None).await;
    let ada = t.users.admin.token.clone();
    let berit = colleague(
        &t,
        "berit@nordbygg.example",
        "Berit Admin",
        admin::UserRole::Admin,
    )
    .await;
    let sig = signature(&["Navn", "E-post", "Leilighet"]);
    let mut mapping = Mapping::default();
    mapping.set_column("name", 0);
    mapping.set_column("email", 1);
    mapping.set_column("unit", 2);
    mapping.set_fixed("customer_group", "Kjøpere");
    let save = SharedMappingSave {
        columns: 3,
        mapping: mapping.clone(),
    };

    let (status, _) = get_mapping(&t, &sig, &berit).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, body) = put_mapping(&t, &sig, &ada, &save).await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));

    let (status, body) = get_mapping(&t, &sig, &berit).await;
    assert_eq!(status, StatusCode::OK);
    let offered: SharedMapping = serde_json::from_slice(&body).unwrap();
    assert_eq!(offered.mapping, mapping);
    assert_eq!(offered.columns, 3);
    assert_eq!(offered.signature, sig);
    assert_eq!(offered.saved_by, "Ada Admin");
    assert!(!offered.saved_by_me);
    let (_, body) = get_mapping(&t, &sig, &ada).await;
    assert!(
        serde_json::from_slice::<SharedMapping>(&body)
            .unwrap()
            .saved_by_me
    );

    // Another organization never sees it, and its own save is its own.
    let sven = t.users.other_admin.token.clone();
    let (status, _) = get_mapping(&t, &sig, &sven).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let mut theirs = mapping.clone();
    theirs.clear("customer_group");
    let (status, _) = put_mapping(
        &t,
        &sig,
        &sven,
        &SharedMappingSave {
            columns: 3,
            mapping: theirs.clone(),
        },
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (_, body) = get_mapping(&t, &sig, &berit).await;
    assert_eq!(
        serde_json::from_slice::<SharedMapping>(&body)
            .unwrap()
            .mapping,
        mapping
    );

    // A member reads and saves too; the last save wins.
    let kari = t.users.case_handler.token.clone();
    let (status, _) = get_mapping(&t, &sig, &kari).await;
    assert_eq!(status, StatusCode::OK);
    let mut karis = mapping.clone();
    karis.clear("unit");
    let (status, _) = put_mapping(
        &t,
        &sig,
        &kari,
        &SharedMappingSave {
            columns: 3,
            mapping: karis.clone(),
        },
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (_, body) = get_mapping(&t, &sig, &ada).await;
    let offered: SharedMapping = serde_json::from_slice(&body).unwrap();
    assert_eq!(
        (offered.mapping, offered.saved_by.as_str()),
        (karis, "Kari Saksbehandler")
    );

    // What cannot be stored is refused with its reason.
    let refused = |mapping: Mapping, columns: u32| SharedMappingSave { columns, mapping };
    let mut out_of_range = Mapping::default();
    out_of_range.set_column("name", 3);
    let mut unknown = Mapping::default();
    unknown.set_column("custom.nope", 0);
    let mut twice = Mapping::default();
    twice.fields.insert("name".into(), Source::Column(0));
    twice.fields.insert("city".into(), Source::Column(0));
    let mut fixed_email = Mapping::default();
    fixed_email.set_fixed("email", "a@x.no");
    let mut disguised = Mapping::default();
    disguised.set_fixed("customer_group", "Kjøpere\u{202e}\u{7}");
    for (save, code) in [
        (refused(mapping.clone(), 0), "mapping.columns_count"),
        (refused(mapping.clone(), 1_001), "mapping.columns_count"),
        (refused(out_of_range, 3), "mapping.column_out_of_range"),
        (refused(unknown, 3), "mapping.unknown_field"),
        (refused(twice, 3), "mapping.column_mapped_twice"),
        (refused(fixed_email, 3), "mapping.not_file_wide"),
        (refused(disguised, 3), "mapping.hidden_character"),
    ] {
        let (status, body) = put_mapping(&t, &sig, &ada, &save).await;
        assert_eq!(
            (status, error_code(&body).as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, code)
        );
    }
    let (status, body) = get_mapping(&t, "not-a-signature", &ada).await;
    assert_eq!(
        (status, error_code(&body).as_str()),
        (StatusCode::BAD_REQUEST, "mapping.invalid_signature")
    );
    let (status, _) = get_mapping(&t, &sig, "").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_custom_field_of_a_project_may_be_shared() {
    let t = test_app(None).await;
    let ada = t.users.admin.token.clone();
    sqlx::query("UPDATE projects SET custom_fields = $1 WHERE name = 'Fjordparken'")
        .bind(r#"[{"name":"parking","label":"Parkeringsplass","type":"text"}]"#)
        .execute(&t.db.pool)
        .await
        .unwrap();
    let mut mapping = Mapping::default();
    mapping.set_column("custom.parking", 1);
    let sig = signature(&["Navn", "P-plass"]);
    let (status, body) = put_mapping(
        &t,
        &sig,
        &ada,
        &SharedMappingSave {
            columns: 2,
            mapping,
        },
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
}

/// A file's name is shown to colleagues in the history: what would disguise it (a
/// right-to-left override making `kunder{U+202E}gpj.exe` read `kunderexe.jpg`, a bell, a
/// zero-width space) is not kept.
#[tokio::test]
async fn a_file_name_is_kept_without_what_would_disguise_it() {
    let t = test_app(None).await;
    let admin = t.users.admin.token.clone();
    let project = project_id(&t, &admin, "Fjordparken").await;
    import(
        &t,
        project,
        &admin,
        "f1",
        &chunk(three_rows("f"), Some("kunder\u{202e}gpj\u{200b}.exe\u{7}")),
    )
    .await;
    let page = history(&t, project, &admin).await;
    assert_eq!(page.items[0].file_name.as_deref(), Some("kundergpj.exe"));
}

// Issue 25: bounded answers and a history that tells the whole truth.

/// Sends a chunk given as JSON (fields newer clients send), answering status and body.
async fn send_chunk(
    t: &TestApp,
    project: i64,
    token: &str,
    key: &str,
    chunk: serde_json::Value,
) -> (StatusCode, Vec<u8>) {
    let (status, _, body) = post_json(
        &t.router,
        &format!("/api/projects/{project}/import"),
        token,
        Some(key),
        chunk.to_string().into_bytes(),
    )
    .await;
    (status, body)
}

fn json_rows(rows: &[ImportRow]) -> serde_json::Value {
    serde_json::to_value(rows).unwrap()
}

async fn detail_page(
    t: &TestApp,
    project: i64,
    batch: i64,
    token: &str,
    from: Option<u64>,
) -> serde_json::Value {
    let query = from.map(|f| format!("?from={f}")).unwrap_or_default();
    let (status, _, body) = get(
        &t.router,
        &format!("/api/projects/{project}/imports/{batch}{query}"),
        Some(token),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    serde_json::from_slice(&body).unwrap()
}

#[tokio::test]
async fn the_detail_of_a_large_import_comes_in_pages_that_do_not_grow_with_it() {
    let t = test_app(None).await;
    let admin = t.users.admin.token.clone();
    let project = project_id(&t, &admin, "Fjordparken").await;
    // Three chunks of 1,200 refused rows (each echoes its value), one batch.
    let refused = |from: u64| -> Vec<ImportRow> {
        (from..from + 1_200)
            .map(|n| {
                row(
                    n,
                    &[
                        ("name", "Feil"),
                        ("email", &format!("nr{n}-not-an-address")),
                    ],
                )
            })
            .collect()
    };
    let first = import(&t, project, &admin, "p1", &chunk(refused(2), None)).await;
    for (i, from) in [1_202, 2_402].into_iter().enumerate() {
        let more = ImportChunk {
            batch_id: Some(first.batch_id),
            ..chunk(refused(from), None)
        };
        import(&t, project, &admin, &format!("p{}", i + 2), &more).await;
    }

    let mut seen = Vec::new();
    let mut from = None;
    let mut pages = 0;
    loop {
        let page = detail_page(&t, project, first.batch_id, &admin, from).await;
        eprintln!("a page of {} bytes", page.to_string().len());
        let rows = page["rows"].as_array().unwrap();
        assert!(rows.len() <= 2_400, "a page of {} rows", rows.len());
        seen.extend(rows.iter().map(|r| r["row"].as_u64().unwrap()));
        pages += 1;
        match page["next_from"].as_u64() {
            Some(next) => from = Some(next),
            None => break,
        }
    }
    assert_eq!(pages, 2);
    assert_eq!(
        seen,
        (2..3_602).collect::<Vec<u64>>(),
        "every row once, in order"
    );
}

#[tokio::test]
async fn a_batch_creates_no_more_customers_than_its_file_has_rows() {
    let t = test_app(None).await;
    let admin = t.users.admin.token.clone();
    let project = project_id(&t, &admin, "Fjordparken").await;
    let rows = three_rows("cap");
    let (status, body) = send_chunk(
        &t,
        project,
        &admin,
        "cap1",
        serde_json::json!({ "file_rows": 4, "rows": json_rows(&rows[..2]) }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    let batch = serde_json::from_slice::<ImportResult>(&body)
        .unwrap()
        .batch_id;
    // Three more customers make the file's four (a later chunk may not raise it);
    // a fifth is refused, its chunk whole.
    let more = vec![
        rows[2].clone(),
        row(5, &[("name", "Fem")]),
        row(6, &[("name", "Seks")]),
    ];
    let (status, body) = send_chunk(
        &t,
        project,
        &admin,
        "cap2",
        serde_json::json!({ "batch_id": batch, "file_rows": 100, "rows": json_rows(&more) }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    let fifth = vec![row(7, &[("name", "Sju")]), row(8, &[("name", "Åtte")])];
    let (status, body) = send_chunk(
        &t,
        project,
        &admin,
        "cap3",
        serde_json::json!({ "batch_id": batch, "rows": json_rows(&fifth) }),
    )
    .await;
    assert_eq!(
        (status, error_code(&body).as_str()),
        (StatusCode::CONFLICT, "import.batch_full")
    );
    assert_eq!(
        count(
            &t,
            "SELECT COUNT(*) FROM customers WHERE batch_id = $1",
            batch
        )
        .await,
        4
    );
}

#[tokio::test]
async fn a_refused_row_is_sent_again_into_its_import_a_bounded_number_of_times() {
    let t = test_app(None).await;
    let admin = t.users.admin.token.clone();
    let project = project_id(&t, &admin, "Fjordparken").await;
    import(
        &t,
        project,
        &admin,
        "taken",
        &chunk(
            vec![row(2, &[("name", "A"), ("email", "tatt@example.no")])],
            None,
        ),
    )
    .await;
    let taken = json_rows(&[row(2, &[("name", "B"), ("email", "tatt@example.no")])]);
    let fixed = json_rows(&[row(2, &[("name", "B"), ("email", "fri@example.no")])]);
    let (status, body) = send_chunk(
        &t,
        project,
        &admin,
        "try1",
        serde_json::json!({ "file_rows": 1, "rows": taken }),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let batch = serde_json::from_slice::<ImportResult>(&body)
        .unwrap()
        .batch_id;
    let send = |key: &'static str, rows: &serde_json::Value| {
        let body = serde_json::json!({ "batch_id": batch, "rows": rows });
        let t = &t;
        let admin = &admin;
        async move {
            let (status, body) = send_chunk(t, project, admin, key, body).await;
            let code = if status.is_success() {
                String::new()
            } else {
                error_code(&body)
            };
            (status, code)
        }
    };
    // Fixed and sent again: created in the same import.
    assert_eq!(send("try2", &fixed).await.0, StatusCode::OK);
    assert_eq!(
        count(
            &t,
            "SELECT COUNT(*) FROM customers WHERE batch_id = $1",
            batch
        )
        .await,
        1
    );
    // No more customers than the file has rows.
    let another = json_rows(&[row(3, &[("name", "C")])]);
    assert_eq!(
        send("try3", &another).await,
        (StatusCode::CONFLICT, "import.batch_full".to_owned())
    );
    // A refused row once more, then no more: three sends per row of the file.
    assert_eq!(send("try4", &taken).await.0, StatusCode::OK);
    assert_eq!(
        send("try5", &taken).await,
        (StatusCode::CONFLICT, "import.batch_full".to_owned())
    );
}

#[tokio::test]
async fn the_history_counts_the_rows_the_browser_held_back_and_left_out() {
    let t = test_app(None).await;
    let admin = t.users.admin.token.clone();
    let project = project_id(&t, &admin, "Fjordparken").await;
    let (status, body) = send_chunk(
        &t,
        project,
        &admin,
        "hb1",
        serde_json::json!({ "file_rows": 110, "held_back": 100, "left_out": 7,
                            "rows": json_rows(&three_rows("hb")) }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    let batch = serde_json::from_slice::<ImportResult>(&body)
        .unwrap()
        .batch_id;
    // A later chunk tells the counts as they stand then.
    let (status, body) = send_chunk(
        &t,
        project,
        &admin,
        "hb2",
        serde_json::json!({ "batch_id": batch, "held_back": 99, "left_out": 7,
                            "rows": json_rows(&[row(9, &[("name", "Rettet")])]) }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    let (_, _, body) = get(
        &t.router,
        &format!("/api/projects/{project}/imports"),
        Some(&admin),
    )
    .await;
    let page: serde_json::Value = serde_json::from_slice(&body).unwrap();
    let item = &page["items"][0];
    assert_eq!(
        (
            &item["created"],
            &item["rejected"],
            &item["held_back"],
            &item["left_out"],
            &item["file_rows"]
        ),
        (
            &serde_json::json!(3),
            &serde_json::json!(1),
            &serde_json::json!(99),
            &serde_json::json!(7),
            &serde_json::json!(110)
        )
    );
}

#[tokio::test]
async fn a_chunk_sent_again_after_its_import_was_undone_is_answered_with_the_undo() {
    let t = test_app(None).await;
    let admin = t.users.admin.token.clone();
    let project = project_id(&t, &admin, "Fjordparken").await;
    let sent = chunk(three_rows("re"), None);
    let first = import(&t, project, &admin, "re1", &sent).await;
    let (status, _) = undo(&t, project, first.batch_id, &admin).await;
    assert_eq!(status, StatusCode::OK);
    // Its answer was lost: the same key and body again.
    let (status, _, body) = post_json(
        &t.router,
        &format!("/api/projects/{project}/import"),
        &admin,
        Some("re1"),
        serde_json::to_vec(&sent).unwrap(),
    )
    .await;
    assert_eq!(
        (status, error_code(&body).as_str()),
        (StatusCode::CONFLICT, "import.batch_undone"),
        "not the stale verdicts of customers that are gone"
    );
}

#[tokio::test]
async fn a_customer_removed_elsewhere_before_the_undo_is_named_in_the_detail() {
    let t = test_app(None).await;
    let admin = t.users.admin.token.clone();
    let project = project_id(&t, &admin, "Fjordparken").await;
    let first = import(
        &t,
        project,
        &admin,
        "gone1",
        &chunk(three_rows("gone"), None),
    )
    .await;
    let ids = created_ids(&first);
    sqlx::query("DELETE FROM customers WHERE id = $1")
        .bind(ids[1])
        .execute(&t.db.pool)
        .await
        .unwrap();
    let (status, _) = undo(&t, project, first.batch_id, &admin).await;
    assert_eq!(status, StatusCode::OK);
    let d = detail_page(&t, project, first.batch_id, &admin, None).await;
    let removed: Vec<(u64, String)> = d["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| !r["removed"].is_null())
        .map(|r| {
            (
                r["row"].as_u64().unwrap(),
                r["removed"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        removed,
        [(2, "undone".to_owned()), (4, "missing".to_owned())]
    );
    let import = &d["import"];
    assert_eq!(
        (&import["created"], &import["removed"], &import["missing"]),
        (
            &serde_json::json!(2),
            &serde_json::json!(1),
            &serde_json::json!(1)
        )
    );
}

#[tokio::test]
async fn undo_days_zero_turns_undo_off() {
    let t = test_app(None).await;
    let state = customer_import_server::AppState::new(t.db.clone()).with_undo_days(0);
    let off = t.with_state(state);
    let admin = off.users.admin.token.clone();
    let project = project_id(&off, &admin, "Fjordparken").await;
    let first = import(
        &off,
        project,
        &admin,
        "off1",
        &chunk(three_rows("off"), None),
    )
    .await;
    let page = history(&off, project, &admin).await;
    assert!(!page.items[0].can_undo);
    let (status, body) = undo(&off, project, first.batch_id, &admin).await;
    assert_eq!(
        (status, error_code(&body).as_str()),
        (StatusCode::FORBIDDEN, "undo.disabled")
    );
    assert_eq!(
        count(
            &off,
            "SELECT COUNT(*) FROM customers WHERE batch_id = $1",
            first.batch_id
        )
        .await,
        2
    );
}
