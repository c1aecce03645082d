//! An administrator's memory (issue 20) through the router against a real database
//! (SQLite, and PostgreSQL in scripts/test.sh): a project's import history with the
//! file's name, counts and every row's outcome; who sees it; undoing an import (once,
//! in time, by whom, concurrently, racing a chunk of its batch, announced to the
//! portal in the same transaction);
//! mappings shared in an organization and in no other.
#![allow(clippy::unwrap_used)]

use crate::common::{Client, TestApp, chunk, created_ids, row, test_app};
use axum::http::StatusCode;
use customer_import_domain::{
    mapping::{Mapping, Source, signature},
    validate::Problem,
    wire::{ImportChunk, ImportPage, ImportRow, RemovalReason, SharedMappingSave},
};
use customer_import_server::{admin, db::Backend};

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

/// The first chunk of an import of `rows` from the file `file_name`.
fn from_file(file_name: &str, rows: Vec<ImportRow>) -> ImportChunk {
    ImportChunk {
        files: Vec::new(),
        file: None,
        file_name: Some(file_name.to_owned()),
        ..chunk(rows)
    }
}

/// A later chunk of import `batch`.
fn joining(batch: i64, rows: Vec<ImportRow>) -> ImportChunk {
    ImportChunk {
        files: Vec::new(),
        file: None,
        batch_id: Some(batch),
        ..chunk(rows)
    }
}

/// A user of the demo organization made for the test, with a client of their own.
async fn colleague(t: &TestApp, email: &str, name: &str, role: admin::UserRole) -> Client {
    admin::create_user(&t.db, "Nordbygg AS", email, name, role)
        .await
        .unwrap();
    if role == admin::UserRole::Member {
        admin::assign_case_handler(&t.db, "Nordbygg AS", "Fjordparken", email)
            .await
            .unwrap();
    }
    let token = admin::issue_token(&t.db, None, email, "test", None)
        .await
        .unwrap();
    t.client(&token)
}

/// Unix seconds now.
fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

#[tokio::test]
async fn the_history_lists_each_import_with_its_file_counts_and_every_row() {
    let t = test_app(None).await;
    let admin = t.admin();
    let project = admin.project_id("Fjordparken").await;
    let first = from_file("C:\\Users\\ada\\kunder mars.xlsx", three_rows("a"));
    let first = admin.import(project, &first).await.unwrap();
    // A second chunk of the same import: one more row, counted in the same batch.
    let more = joining(first.batch_id, vec![row(5, &[("name", "Siste Rad")])]);
    admin.import(project, &more).await.unwrap();
    let second = admin
        .import(project, &chunk(three_rows("b")))
        .await
        .unwrap();

    let page = admin.imports(project).await.unwrap();
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
    let now = now();
    assert!(
        (now - item.created_at).abs() < 120,
        "{} vs {now}",
        item.created_at
    );

    let d = admin.import_detail(project, first.batch_id).await.unwrap();
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
    let older = admin
        .imports_before(project, second.batch_id)
        .await
        .unwrap();
    assert_eq!(older.items.len(), 1);
    assert_eq!(older.items[0].id, first.batch_id);
    let not_a_cursor = format!("/api/projects/{project}/imports?before=x");
    assert_eq!(
        admin.get::<ImportPage>(&not_a_cursor).await.unwrap_err(),
        (StatusCode::BAD_REQUEST, "history.invalid_query")
    );
}

#[tokio::test]
async fn members_see_the_history_of_their_own_projects_only() {
    let t = test_app(None).await;
    let admin = t.admin();
    let fjordparken = admin.project_id("Fjordparken").await;
    let koivuranta = admin.project_id("Koivuranta").await;
    let here = admin
        .import(fjordparken, &chunk(three_rows("m")))
        .await
        .unwrap();
    let aino = chunk(vec![row(2, &[("name", "Aino")])]);
    let there = admin.import(koivuranta, &aino).await.unwrap();

    // The case handler of Fjordparken sees its imports, the admin's included.
    let handler = t.client(&t.users.case_handler.token);
    let page = handler.imports(fjordparken).await.unwrap();
    assert_eq!(page.items.len(), 1);
    assert!(!page.items[0].can_undo, "a colleague's import");
    handler
        .import_detail(fjordparken, here.batch_id)
        .await
        .unwrap();

    // Not their project: forbidden; another organization's: not found.
    let outsider = t.client(&t.users.outsider.token);
    let other_admin = t.client(&t.users.other_admin.token);
    for (who, status) in [
        (&handler, StatusCode::FORBIDDEN),
        (&outsider, StatusCode::FORBIDDEN),
        (&other_admin, StatusCode::NOT_FOUND),
    ] {
        let list = who.imports(koivuranta).await.unwrap_err();
        assert_eq!(list.status, status, "{list:?}");
        let detail = who.import_detail(koivuranta, there.batch_id).await;
        assert_eq!(detail.unwrap_err().status, status);
    }
    // An import of another project is not found through this one.
    let through_here = handler.import_detail(fjordparken, there.batch_id).await;
    assert_eq!(through_here.unwrap_err().status, StatusCode::NOT_FOUND);
    assert_eq!(
        admin.undo(fjordparken, there.batch_id).await.unwrap_err(),
        (StatusCode::NOT_FOUND, "not_found")
    );
    let undone = handler.undo(koivuranta, there.batch_id).await;
    assert_eq!(undone.unwrap_err().status, StatusCode::FORBIDDEN);
    let anonymous = t.client("").imports(fjordparken).await;
    assert_eq!(anonymous.unwrap_err().status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn an_undo_removes_exactly_the_import_s_customers_and_only_once() {
    let t = test_app(None).await;
    let admin = t.admin();
    let project = admin.project_id("Fjordparken").await;
    let first = from_file("a.csv", three_rows("u"));
    let first = admin.import(project, &first).await.unwrap();
    let other = admin
        .import(project, &chunk(three_rows("v")))
        .await
        .unwrap();

    let undone = admin.undo(project, first.batch_id).await.unwrap();
    assert_eq!(undone.removed_ids, created_ids(&first));
    assert_eq!(undone.removed, 2);
    assert!(undone.already_removed.is_empty());
    assert_eq!(undone.undone_by, "Ada Admin");
    assert_eq!(t.customers_in(first.batch_id).await, 0);
    assert_eq!(
        t.customers_in(other.batch_id).await,
        2,
        "another import's customers stay"
    );

    // The history says so, row by row.
    let d = admin.import_detail(project, first.batch_id).await.unwrap();
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
    assert_eq!(
        admin.undo(project, first.batch_id).await.unwrap_err(),
        (StatusCode::CONFLICT, "undo.already_undone")
    );
    let removed = "SELECT COUNT(*) FROM removed_customers WHERE batch_id = $1";
    assert_eq!(t.count_with(removed, first.batch_id).await, 2);
    // No chunk joins an undone import.
    let late = joining(first.batch_id, vec![row(9, &[("name", "For sent")])]);
    assert_eq!(
        admin.import(project, &late).await.unwrap_err(),
        (StatusCode::CONFLICT, "import.batch_undone")
    );

    // The same file can be imported again, and its new customers get new ids.
    let again = admin
        .import(project, &chunk(three_rows("u")))
        .await
        .unwrap();
    let new_ids = created_ids(&again);
    assert_eq!(new_ids.len(), 2);
    assert!(new_ids.iter().all(|id| !undone.removed_ids.contains(id)));
    // A customer gone by other means is listed as such by the undo.
    sqlx::query("DELETE FROM customers WHERE id = $1")
        .bind(new_ids[0])
        .execute(&t.db.pool)
        .await
        .unwrap();
    let undone = admin.undo(project, again.batch_id).await.unwrap();
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
    let latest = admin.import(project, &chunk(three_rows("u"))).await;
    assert!(
        created_ids(&latest.unwrap())
            .iter()
            .all(|id| *id > new_ids[1])
    );
    assert_eq!(
        admin.undo(project, 999_999).await.unwrap_err(),
        (StatusCode::NOT_FOUND, "not_found")
    );
}

#[tokio::test]
async fn an_import_older_than_the_limit_is_not_undone() {
    let t = test_app(None).await;
    let admin = t.admin();
    let project = admin.project_id("Fjordparken").await;
    let old = admin
        .import(project, &chunk(three_rows("o")))
        .await
        .unwrap();
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
    assert_eq!(
        admin.undo(project, old.batch_id).await.unwrap_err(),
        (StatusCode::CONFLICT, "undo.too_old")
    );
    assert_eq!(t.customers_in(old.batch_id).await, 2);
    let item = &admin.imports(project).await.unwrap().items[0];
    assert!(!item.can_undo && item.undone_at.is_none());
    assert_eq!(item.undo_until - item.created_at, 14 * 86_400);
    let now = now();
    assert!(
        item.undo_until < now - 86_400 + 120,
        "{} vs {now}",
        item.undo_until
    );
}

#[tokio::test]
async fn a_member_undoes_their_own_import_not_a_colleague_s_and_an_admin_any() {
    let t = test_app(None).await;
    let admin = t.admin();
    let project = admin.project_id("Fjordparken").await;
    let kari = t.client(&t.users.case_handler.token);
    let member = admin::UserRole::Member;
    let per = colleague(&t, "per@nordbygg.example", "Per Kollega", member).await;
    let karis = kari.import(project, &chunk(three_rows("k"))).await.unwrap();
    let pers = per.import(project, &chunk(three_rows("p"))).await.unwrap();
    let pers_too = per.import(project, &chunk(three_rows("q"))).await.unwrap();

    let page = kari.imports(project).await.unwrap();
    let can: Vec<(i64, bool)> = page.items.iter().map(|i| (i.id, i.can_undo)).collect();
    assert_eq!(
        can,
        [
            (pers_too.batch_id, false),
            (pers.batch_id, false),
            (karis.batch_id, true)
        ]
    );

    assert_eq!(
        kari.undo(project, pers.batch_id).await.unwrap_err(),
        (StatusCode::FORBIDDEN, "undo.not_allowed")
    );
    assert_eq!(t.customers_in(pers.batch_id).await, 2);
    kari.undo(project, karis.batch_id).await.unwrap();
    per.undo(project, pers_too.batch_id).await.unwrap();
    let undone = admin.undo(project, pers.batch_id).await.unwrap();
    assert_eq!(undone.removed_ids, created_ids(&pers));
    let item = per.imports(project).await.unwrap().items[1].clone();
    assert_eq!(item.undone_by.as_deref(), Some("Ada Admin"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_undos_at_once_remove_the_customers_once() {
    let t = test_app(None).await;
    let admin = t.admin();
    let project = admin.project_id("Fjordparken").await;
    hook(&t).await;
    for round in 0..3 {
        let rows = (0..200)
            .map(|i| {
                let email = format!("c{round}-{i}@x.no");
                row(i + 2, &[("name", "Samtidig"), ("email", &email)])
            })
            .collect();
        let batch = admin.import(project, &chunk(rows)).await.unwrap().batch_id;
        let both = tokio::join!(admin.undo(project, batch), admin.undo(project, batch));
        let (won, refused) = match both {
            (Ok(won), Err(refused)) | (Err(refused), Ok(won)) => (won, refused),
            other => panic!("round {round}: {other:?}"),
        };
        assert_eq!(refused, (StatusCode::CONFLICT, "undo.already_undone"));
        assert_eq!(won.removed, 200);
        let removed = "SELECT COUNT(*) FROM removed_customers WHERE batch_id = $1";
        assert_eq!(t.count_with(removed, batch).await, 200);
        let counted = "SELECT removed FROM import_batches WHERE id = $1";
        assert_eq!(t.count_with(counted, batch).await, 200);
        let announced = "SELECT COUNT(*) FROM outbox_events
             WHERE event_type = 'customers.removed' AND payload LIKE '%\"batch_id\":' || CAST($1 AS TEXT) || ',%'";
        assert_eq!(t.count_with(announced, batch).await, 1);
    }
    assert_eq!(t.db.conflicts(), 0, "no transaction had to run again");
}

/// A chunk of a batch and the batch's undo at once (the chunk writes the batch's row
/// only as it is counted in, at its end): whichever commits first, no customer is
/// left in the undone batch; the chunk is either removed by the undo or refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_chunk_racing_its_batch_s_undo_leaves_no_customer_in_it() {
    let t = test_app(None).await;
    let admin = t.admin();
    let project = admin.project_id("Fjordparken").await;
    for round in 0..3 {
        let first = chunk(vec![row(2, &[("name", "Først")])]);
        let batch = admin.import(project, &first).await.unwrap().batch_id;
        let rows = (0..200)
            .map(|i| {
                let email = format!("r{round}-{i}@x.no");
                row(i + 3, &[("name", "Senere"), ("email", &email)])
            })
            .collect();
        let late = joining(batch, rows);
        let (late, undone) = tokio::join!(admin.import(project, &late), admin.undo(project, batch));
        assert!(undone.is_ok(), "round {round}: {undone:?}");
        if let Err(refused) = late {
            let expected = (StatusCode::CONFLICT, "import.batch_undone");
            assert_eq!(refused, expected, "round {round}");
        }
        assert_eq!(t.customers_in(batch).await, 0, "round {round}");
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
    let admin = t.admin();
    let project = admin.project_id("Fjordparken").await;
    assert!(!admin.imports(project).await.unwrap().portal_told);
    hook(&t).await;
    // The history says so, for the undo's question to name it.
    assert!(admin.imports(project).await.unwrap().portal_told);
    let result = admin
        .import(project, &chunk(three_rows("w")))
        .await
        .unwrap();
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
    let failed = admin.undo(project, result.batch_id).await.unwrap_err();
    assert_eq!(failed.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(
        t.customers_in(result.batch_id).await,
        2,
        "the customers are still there"
    );
    let removed = "SELECT COUNT(*) FROM removed_customers WHERE batch_id = $1";
    assert_eq!(t.count_with(removed, result.batch_id).await, 0);
    let standing = "SELECT COUNT(*) FROM import_batches WHERE id = $1 AND undone_at IS NULL";
    assert_eq!(
        t.count_with(standing, result.batch_id).await,
        1,
        "the import is not marked undone"
    );
    assert_eq!(t.count_with(removed_events, -1).await, 0);

    sqlx::raw_sql(drop).execute(&t.db.pool).await.unwrap();
    admin.undo(project, result.batch_id).await.unwrap();
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
    assert!(!admin.imports(project).await.unwrap().portal_told);
    let quiet = admin.import(project, &chunk(three_rows("z"))).await;
    admin.undo(project, quiet.unwrap().batch_id).await.unwrap();
    assert_eq!(t.count_with(removed_events, -1).await, 1);
}

#[tokio::test]
async fn a_mapping_saved_by_one_admin_is_offered_to_another_and_to_no_other_organization() {
    let t = test_app(None).await;
    let ada = t.admin();
    let role = admin::UserRole::Admin;
    let berit = colleague(&t, "berit@nordbygg.example", "Berit Admin", role).await;
    let sig = signature(&["Navn", "E-post", "Leilighet"]);
    let mut mapping = Mapping::default();
    mapping.set_column("name", 0);
    mapping.set_column("email", 1);
    mapping.set_column("unit", 2);
    mapping.set_fixed("customer_group", "Kjøpere");
    let of_three = |mapping: Mapping| SharedMappingSave {
        columns: 3,
        mapping,
    };

    let none_yet = berit.mapping(&sig).await.unwrap_err();
    assert_eq!(none_yet.status, StatusCode::NOT_FOUND);
    ada.save_mapping(&sig, &of_three(mapping.clone()))
        .await
        .unwrap();

    let offered = berit.mapping(&sig).await.unwrap();
    assert_eq!(offered.mapping, mapping);
    assert_eq!(offered.columns, 3);
    assert_eq!(offered.signature, sig);
    assert_eq!(offered.saved_by, "Ada Admin");
    assert!(!offered.saved_by_me);
    assert!(ada.mapping(&sig).await.unwrap().saved_by_me);

    // Another organization never sees it, and its own save is its own.
    let sven = t.client(&t.users.other_admin.token);
    let not_theirs = sven.mapping(&sig).await.unwrap_err();
    assert_eq!(not_theirs.status, StatusCode::NOT_FOUND);
    let mut theirs = mapping.clone();
    theirs.clear("customer_group");
    sven.save_mapping(&sig, &of_three(theirs)).await.unwrap();
    assert_eq!(berit.mapping(&sig).await.unwrap().mapping, mapping);

    // A member reads and saves too; the last save wins.
    let kari = t.client(&t.users.case_handler.token);
    kari.mapping(&sig).await.unwrap();
    let mut karis = mapping.clone();
    karis.clear("unit");
    kari.save_mapping(&sig, &of_three(karis.clone()))
        .await
        .unwrap();
    let offered = ada.mapping(&sig).await.unwrap();
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
        assert_eq!(
            ada.save_mapping(&sig, &save).await.unwrap_err(),
            (StatusCode::UNPROCESSABLE_ENTITY, code)
        );
    }
    assert_eq!(
        ada.mapping("not-a-signature").await.unwrap_err(),
        (StatusCode::BAD_REQUEST, "mapping.invalid_signature")
    );
    let anonymous = t.client("").mapping(&sig).await.unwrap_err();
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_custom_field_of_a_project_may_be_shared() {
    let t = test_app(None).await;
    sqlx::query("UPDATE projects SET custom_fields = $1 WHERE name = 'Fjordparken'")
        .bind(r#"[{"name":"parking","label":"Parkeringsplass","type":"text"}]"#)
        .execute(&t.db.pool)
        .await
        .unwrap();
    let mut mapping = Mapping::default();
    mapping.set_column("custom.parking", 1);
    let sig = signature(&["Navn", "P-plass"]);
    let save = SharedMappingSave {
        columns: 2,
        mapping,
    };
    t.admin().save_mapping(&sig, &save).await.unwrap();
}

/// A file's name is shown to colleagues in the history: what would disguise it (a
/// right-to-left override making `kunder{U+202E}gpj.exe` read `kunderexe.jpg`, a bell, a
/// zero-width space) is not kept.
#[tokio::test]
async fn a_file_name_is_kept_without_what_would_disguise_it() {
    let t = test_app(None).await;
    let admin = t.admin();
    let project = admin.project_id("Fjordparken").await;
    let disguised = from_file("kunder\u{202e}gpj\u{200b}.exe\u{7}", three_rows("f"));
    admin.import(project, &disguised).await.unwrap();
    let page = admin.imports(project).await.unwrap();
    assert_eq!(page.items[0].file_name.as_deref(), Some("kundergpj.exe"));
}

// Issue 25: bounded answers and a history that tells the whole truth.

#[tokio::test]
async fn the_detail_of_a_large_import_comes_in_pages_that_do_not_grow_with_it() {
    let t = test_app(None).await;
    let admin = t.admin();
    let project = admin.project_id("Fjordparken").await;
    // Three chunks of 1,200 refused rows (each echoes its value), one batch.
    let refused = |from: u64| -> Vec<ImportRow> {
        (from..from + 1_200)
            .map(|n| {
                let email = format!("nr{n}-not-an-address");
                row(n, &[("name", "Feil"), ("email", &email)])
            })
            .collect()
    };
    let batch = admin
        .import(project, &chunk(refused(2)))
        .await
        .unwrap()
        .batch_id;
    for from in [1_202, 2_402] {
        let more = joining(batch, refused(from));
        admin.import(project, &more).await.unwrap();
    }

    let mut seen = Vec::new();
    let mut from = None;
    let mut pages = 0;
    loop {
        let page = match from {
            None => admin.import_detail(project, batch).await,
            Some(from) => admin.import_detail_from(project, batch, from).await,
        };
        let page = page.unwrap();
        let bytes = serde_json::to_vec(&page).unwrap().len();
        eprintln!("a page of {bytes} bytes");
        assert!(
            page.rows.len() <= 2_400,
            "a page of {} rows",
            page.rows.len()
        );
        seen.extend(page.rows.iter().map(|r| r.row));
        pages += 1;
        match page.next_from {
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
    let admin = t.admin();
    let project = admin.project_id("Fjordparken").await;
    let rows = three_rows("cap");
    let first = ImportChunk {
        files: Vec::new(),
        file: None,
        file_rows: Some(4),
        ..chunk(rows[..2].to_vec())
    };
    let batch = admin.import(project, &first).await.unwrap().batch_id;
    // Three more customers make the file's four (a later chunk may not raise it);
    // a fifth is refused, its chunk whole.
    let more = vec![
        rows[2].clone(),
        row(5, &[("name", "Fem")]),
        row(6, &[("name", "Seks")]),
    ];
    let more = ImportChunk {
        files: Vec::new(),
        file: None,
        file_rows: Some(100),
        ..joining(batch, more)
    };
    admin.import(project, &more).await.unwrap();
    let fifth = vec![row(7, &[("name", "Sju")]), row(8, &[("name", "Åtte")])];
    assert_eq!(
        admin
            .import(project, &joining(batch, fifth))
            .await
            .unwrap_err(),
        (StatusCode::CONFLICT, "import.batch_full")
    );
    assert_eq!(t.customers_in(batch).await, 4);
}

#[tokio::test]
async fn a_refused_row_is_sent_again_into_its_import_a_bounded_number_of_times() {
    let t = test_app(None).await;
    let admin = t.admin();
    let project = admin.project_id("Fjordparken").await;
    let first = chunk(vec![row(2, &[("name", "A"), ("email", "tatt@example.no")])]);
    admin.import(project, &first).await.unwrap();
    let taken = vec![row(2, &[("name", "B"), ("email", "tatt@example.no")])];
    let fixed = vec![row(2, &[("name", "B"), ("email", "fri@example.no")])];
    let tried = ImportChunk {
        files: Vec::new(),
        file: None,
        file_rows: Some(1),
        ..chunk(taken.clone())
    };
    let batch = admin.import(project, &tried).await.unwrap().batch_id;
    let again = |rows: &[ImportRow]| joining(batch, rows.to_vec());
    // Fixed and sent again: created in the same import.
    admin.import(project, &again(&fixed)).await.unwrap();
    assert_eq!(t.customers_in(batch).await, 1);
    // No more customers than the file has rows.
    let full = (StatusCode::CONFLICT, "import.batch_full");
    let another = again(&[row(3, &[("name", "C")])]);
    assert_eq!(admin.import(project, &another).await.unwrap_err(), full);
    // A refused row once more, then no more: three sends per row of the file.
    admin.import(project, &again(&taken)).await.unwrap();
    assert_eq!(
        admin.import(project, &again(&taken)).await.unwrap_err(),
        full
    );
}

#[tokio::test]
async fn the_history_counts_the_rows_the_browser_held_back_and_left_out() {
    let t = test_app(None).await;
    let admin = t.admin();
    let project = admin.project_id("Fjordparken").await;
    let first = ImportChunk {
        files: Vec::new(),
        file: None,
        file_rows: Some(110),
        held_back: Some(100),
        left_out: Some(7),
        ..chunk(three_rows("hb"))
    };
    let batch = admin.import(project, &first).await.unwrap().batch_id;
    // A later chunk tells the counts as they stand then.
    let later = ImportChunk {
        files: Vec::new(),
        file: None,
        held_back: Some(99),
        left_out: Some(7),
        ..joining(batch, vec![row(9, &[("name", "Rettet")])])
    };
    admin.import(project, &later).await.unwrap();
    let item = &admin.imports(project).await.unwrap().items[0];
    assert_eq!(
        (
            item.created,
            item.rejected,
            item.held_back,
            item.left_out,
            item.file_rows
        ),
        (3, 1, Some(99), Some(7), Some(110))
    );
}

#[tokio::test]
async fn a_chunk_sent_again_after_its_import_was_undone_is_answered_with_the_undo() {
    let t = test_app(None).await;
    let admin = t.admin();
    let project = admin.project_id("Fjordparken").await;
    let sent = chunk(three_rows("re"));
    let first = admin.import_with_key(project, "re1", &sent).await;
    admin.undo(project, first.unwrap().batch_id).await.unwrap();
    // Its answer was lost: the same key and body again.
    assert_eq!(
        admin
            .import_with_key(project, "re1", &sent)
            .await
            .unwrap_err(),
        (StatusCode::CONFLICT, "import.batch_undone"),
        "not the stale verdicts of customers that are gone"
    );
}

#[tokio::test]
async fn a_customer_removed_elsewhere_before_the_undo_is_named_in_the_detail() {
    let t = test_app(None).await;
    let admin = t.admin();
    let project = admin.project_id("Fjordparken").await;
    let first = admin
        .import(project, &chunk(three_rows("gone")))
        .await
        .unwrap();
    let ids = created_ids(&first);
    sqlx::query("DELETE FROM customers WHERE id = $1")
        .bind(ids[1])
        .execute(&t.db.pool)
        .await
        .unwrap();
    admin.undo(project, first.batch_id).await.unwrap();
    let d = admin.import_detail(project, first.batch_id).await.unwrap();
    let removed: Vec<(u64, RemovalReason)> = d
        .rows
        .iter()
        .filter_map(|r| Some((r.row, r.removed?)))
        .collect();
    assert_eq!(
        removed,
        [(2, RemovalReason::Undone), (4, RemovalReason::Missing)]
    );
    let import = &d.import;
    assert_eq!((import.created, import.removed, import.missing), (2, 1, 1));
}

#[tokio::test]
async fn undo_days_zero_turns_undo_off() {
    let t = test_app(None).await;
    let state = customer_import_server::AppState::new(t.db.clone()).with_undo_days(0);
    let off = t.with_state(state);
    let admin = off.admin();
    let project = admin.project_id("Fjordparken").await;
    let first = admin
        .import(project, &chunk(three_rows("off")))
        .await
        .unwrap();
    let page = admin.imports(project).await.unwrap();
    assert!(!page.items[0].can_undo);
    assert_eq!(
        admin.undo(project, first.batch_id).await.unwrap_err(),
        (StatusCode::FORBIDDEN, "undo.disabled")
    );
    assert_eq!(off.customers_in(first.batch_id).await, 2);
}
