//! Every created customer reaches the portal's webhook: through a receiver that is
//! down for a while, a dispatcher killed mid-delivery (a task aborted, and the server
//! process killed and started again), two instances sharing the database (PostgreSQL
//! in the second pass of scripts/test.sh), and another organization's receiver that
//! hangs. Deliveries are signed per the Standard Webhooks specification (checked with
//! its own libraries: the Rust crate here, the Python package in
//! [`a_python_portal_verifies_a_delivery_with_the_standard_library`]), at least once,
//! and a repeat carries the same event id.
#![allow(clippy::unwrap_used)]

use std::{
    collections::{BTreeMap, BTreeSet},
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, Ordering},
    },
    time::Duration,
};

use crate::common::{
    Client, chunk, created_ids, fresh_database,
    process::{ServerProcess, until, within},
    row, send,
};
use axum::{
    Router,
    body::Body,
    extract::State,
    http::{HeaderMap, Request, StatusCode, header},
    routing::post,
};
use customer_import_domain::wire::{ImportChunk, ImportResult};
use customer_import_server::{
    AppState, Db, admin, app, demo,
    portal::delivery::{Dispatcher, EventStatus},
};
use serde_json::{Value, json};

/// A Standard Webhooks secret: `whsec_` and the base64 of 32 bytes.
const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwJ5cLQ3lO8Gs=";

/// What the portal's endpoint received: the request's headers and body.
#[derive(Clone, Default)]
struct Receiver {
    got: Arc<Mutex<Vec<(HeaderMap, String)>>>,
    /// While set, a request is held and never answered (the dispatcher gets killed).
    stall: Arc<AtomicBool>,
}

async fn receive(State(r): State<Receiver>, headers: HeaderMap, body: String) -> StatusCode {
    r.got.lock().unwrap().push((headers, body));
    if r.stall.load(Ordering::SeqCst) {
        std::future::pending::<()>().await;
    }
    StatusCode::NO_CONTENT
}

impl Receiver {
    /// Answers on `port` from now on.
    async fn listen(&self, port: u16) {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
            .await
            .unwrap();
        let router = Router::new()
            .route("/hooks", post(receive))
            .with_state(self.clone());
        tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    }

    fn received(&self) -> Vec<(HeaderMap, String)> {
        self.got.lock().unwrap().clone()
    }
}

/// An organization's portal key, its admin's token, and a project of it.
struct Org {
    key: String,
    token: String,
    project: i64,
}

/// Nordbygg AS (the fields of its own, as most tests need only it) and another
/// organization, on one database.
struct Portal {
    router: Router,
    db: Db,
    url: String,
    key: String,
    token: String,
    project: i64,
    other: Org,
    _dir: tempfile::TempDir,
}

/// The demo data on a fresh database, organization keys, and a server that may send
/// to loopback (the receiver runs here).
async fn portal() -> Portal {
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database(&dir).await;
    let db = Db::connect(&url).await.unwrap();
    let users = demo::seed(&db).await.unwrap();
    let org = async |organization: &str, project: &str, token: String| {
        let key = admin::issue_api_key(&db, organization, "portal")
            .await
            .unwrap();
        let project = sqlx::query_scalar("SELECT id FROM projects WHERE name = $1")
            .bind(project)
            .fetch_one(&db.pool)
            .await
            .unwrap();
        Org {
            key,
            token,
            project,
        }
    };
    let nordbygg = org("Nordbygg AS", "Fjordparken", users.admin.token).await;
    let other = org("Andre Eiendom AS", "Solsiden", users.other_admin.token).await;
    Portal {
        router: app(
            AppState::new(db.clone()).allowing_private_webhooks(true),
            None,
        ),
        db,
        url,
        key: nordbygg.key,
        token: nordbygg.token,
        project: nordbygg.project,
        other,
        _dir: dir,
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `POST /api/provisioning/deliveries/{event}/redeliver` with `key`: its status.
async fn redeliver(router: &Router, key: &str, event: &str) -> StatusCode {
    let request = Request::post(format!("/api/provisioning/deliveries/{event}/redeliver"))
        .header(header::AUTHORIZATION, format!("Bearer {key}"))
        .body(Body::empty())
        .unwrap();
    send(router, request).await.0
}

async fn set_webhook(p: &Portal, port: u16) {
    set_webhook_of(&p.router, &p.key, port).await;
}

/// Points the webhook of the organization whose key is `key` at `port` here.
async fn set_webhook_of(router: &Router, key: &str, port: u16) {
    let hook = json!({ "url": format!("http://127.0.0.1:{port}/hooks"), "secret": SECRET });
    let portal = Client::new(router, key);
    portal
        .provision("/api/provisioning/webhook", &hook)
        .await
        .unwrap();
}

/// Customers `first` to `first + count` as one chunk.
fn customers(first: u64, count: u64) -> ImportChunk {
    let rows = (first..first + count)
        .map(|i| {
            let (name, email) = (format!("Kunde {i}"), format!("kunde{i}@example.no"));
            row(i + 2, &[("name", &name), ("email", &email)])
        })
        .collect();
    chunk(rows)
}

/// Imports `count` customers into Nordbygg's project in one chunk; their ids.
async fn import(p: &Portal, first: u64, count: u64) -> Vec<i64> {
    created_ids(&import_result(p, first, count).await)
}

async fn import_into(
    router: &Router,
    project: i64,
    token: &str,
    first: u64,
    count: u64,
) -> Vec<i64> {
    let admin = Client::new(router, token);
    let result = admin.import(project, &customers(first, count)).await;
    created_ids(&result.unwrap())
}

fn quick(db: &Db) -> Dispatcher {
    let mut d = Dispatcher::new(db.clone(), true);
    d.first_retry = Duration::ZERO;
    d.lease = Duration::from_secs(1);
    d
}

async fn statuses(p: &Portal) -> Vec<EventStatus> {
    statuses_of(&p.router, &p.key).await
}

/// The events of the organization whose key is `key`, as the delivery API lists them.
async fn statuses_of(router: &Router, key: &str) -> Vec<EventStatus> {
    let portal = Client::new(router, key);
    portal.get("/api/provisioning/deliveries").await.unwrap()
}

/// Whether `count` events are listed and every one is delivered.
fn all_delivered(events: &[EventStatus], count: usize) -> bool {
    events.len() == count && events.iter().all(|e| e.state == "delivered")
}

/// Every received delivery verifies with the Standard Webhooks library and the
/// secret as the portal set it, a repeated event id carries the same data, and the
/// customers delivered are exactly `created`.
fn check_received(received: &[(HeaderMap, String)], created: &[i64]) -> BTreeSet<String> {
    let verifier = standardwebhooks::Webhook::new(SECRET).unwrap();
    let mut by_id: BTreeMap<String, Value> = BTreeMap::new();
    for (headers, body) in received {
        verifier
            .verify(body.as_bytes(), headers)
            .unwrap_or_else(|e| panic!("{e}: {headers:?} {body}"));
        let id = headers["webhook-id"].to_str().unwrap().to_owned();
        let event: Value = serde_json::from_str(body).unwrap();
        assert_eq!(event["id"], *id);
        if let Some(earlier) = by_id.insert(id.clone(), event["data"].clone()) {
            assert_eq!(earlier, event["data"], "a repeat of {id} is the same event");
        }
    }
    let delivered: BTreeSet<i64> = by_id
        .values()
        .flat_map(|d| d["customers"].as_array().unwrap().iter())
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    assert_eq!(delivered, created.iter().copied().collect());
    by_id.into_keys().collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_receiver_down_for_a_while_gets_every_event_once_it_is_up() {
    let p = portal().await;
    let port = free_port();
    set_webhook(&p, port).await;
    let mut created = import(&p, 0, 1_500).await; // two events: 1,000 + 500
    created.extend(import(&p, 2_000, 300).await);
    let dispatcher = quick(&p.db);

    // Down: every attempt fails and is recorded; nothing is lost.
    for _ in 0..3 {
        dispatcher.tick().await.unwrap();
    }
    let pending = statuses(&p).await;
    assert_eq!(pending.len(), 3);
    assert!(
        pending
            .iter()
            .all(|e| e.state == "pending" && e.attempts >= 3 && e.last_error.is_some())
    );

    // One event ages past a day: it is dead, listed, and redelivered on request.
    sqlx::query("UPDATE outbox_events SET created_at = created_at - 100000 WHERE id = (SELECT MIN(id) FROM outbox_events)")
        .execute(&p.db.pool)
        .await
        .unwrap();
    dispatcher.tick().await.unwrap();
    let states: Vec<String> = statuses(&p).await.into_iter().map(|e| e.state).collect();
    assert_eq!(states, ["dead", "pending", "pending"]);

    let receiver = Receiver::default();
    receiver.listen(port).await;
    for _ in 0..20 {
        if dispatcher.tick().await.unwrap() == 0 {
            break;
        }
    }
    let states: Vec<String> = statuses(&p).await.into_iter().map(|e| e.state).collect();
    assert_eq!(states, ["dead", "delivered", "delivered"]);
    let dead = statuses(&p).await[0]
        .id
        .trim_start_matches("evt_")
        .to_owned();
    let status = redeliver(&p.router, &p.key, &dead).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    dispatcher.tick().await.unwrap();
    assert!(statuses(&p).await.iter().all(|e| e.state == "delivered"));
    let ids = check_received(&receiver.received(), &created);
    assert_eq!(ids.len(), 3);
    let attempts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox_attempts")
        .fetch_one(&p.db.pool)
        .await
        .unwrap();
    assert!(
        attempts >= 3 * 4 + 3,
        "every attempt is recorded: {attempts}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_event_whose_sender_was_killed_mid_delivery_is_sent_after_its_lease() {
    let p = portal().await;
    let port = free_port();
    set_webhook(&p, port).await;
    let created = import(&p, 0, 20).await;
    let receiver = Receiver::default();
    receiver.listen(port).await;
    receiver.stall.store(true, Ordering::SeqCst);

    // The first instance claims the event, sends it, and is killed while waiting.
    let first = quick(&p.db);
    let sending = tokio::spawn(async move { first.tick().await });
    for _ in 0..100 {
        if !receiver.received().is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(receiver.received().len(), 1);
    sending.abort();
    receiver.stall.store(false, Ordering::SeqCst);

    // Another instance (or the same one restarted) sends it once the lease ends.
    let second = quick(&p.db);
    for _ in 0..50 {
        second.tick().await.unwrap();
        if statuses(&p).await[0].state == "delivered" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(statuses(&p).await[0].state, "delivered");
    let received = receiver.received();
    assert_eq!(received.len(), 2, "sent again, with the same event id");
    check_received(&received, &created);
}

/// Issue 18, "server killed during delivery → delivered after restart": the server
/// binary itself, killed with SIGKILL while its first delivery waits for an answer,
/// then started again on the same database. A short lease (`--webhook-lease`) lets the
/// restarted server take over the interrupted events within seconds.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_killed_mid_delivery_delivers_every_customer_after_restart() {
    let p = portal().await;
    let port = free_port();
    set_webhook(&p, port).await;
    let receiver = Receiver::default();
    receiver.listen(port).await;
    receiver.stall.store(true, Ordering::SeqCst);
    let args = ["--allow-private-webhooks", "--webhook-lease", "2"];

    let server = ServerProcess::start(&p.url, &args, None).await;
    let mut created = Vec::new();
    // Three events: 1,000 + 200 customers, then 100.
    for (key, (first, count)) in [("kill-0", (0, 1_200)), ("kill-1", (2_000, 100))] {
        let (status, _, body) = server
            .import(p.project, &p.token, key, &customers(first, count))
            .await;
        assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
        created.extend(created_ids(&serde_json::from_slice(&body).unwrap()));
    }
    until(60, "the first delivery to reach the receiver", async || {
        !receiver.received().is_empty()
    })
    .await;
    server.kill().await;
    // Killed while it waited: the first event was received, held, and never answered;
    // the organization's later ones were not sent yet.
    assert_eq!(receiver.received().len(), 1);
    assert!(statuses(&p).await.iter().all(|e| e.state == "pending"));

    receiver.stall.store(false, Ordering::SeqCst);
    let server = ServerProcess::start(&p.url, &args, None).await;
    until(60, "every event delivered after the restart", async || {
        all_delivered(&statuses(&p).await, 3)
    })
    .await;
    server.kill().await;

    // Nothing lost, every delivery signed, and the interrupted event sent again with
    // the same id and data.
    let received = receiver.received();
    assert_eq!(check_received(&received, &created).len(), 3);
    let interrupted = &received[0].0["webhook-id"];
    assert_eq!(
        received
            .iter()
            .filter(|(headers, _)| headers["webhook-id"] == interrupted)
            .count(),
        2,
        "{interrupted:?} is sent again after the restart"
    );
}

/// A receiver that takes requests and never answers costs its own organization time,
/// and no other: Nordbygg's events are older and many, yet Andre Eiendom's are
/// delivered while every one of Nordbygg's sends hangs until its timeout. (Claimed
/// together, oldest first, and sent one by one, five hanging sends of 10 s each came
/// before any other organization's event; the bounds below are less than that.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hanging_receiver_of_one_organization_delays_no_other() {
    let p = portal().await;
    let (hanging, answering) = (Receiver::default(), Receiver::default());
    hanging.stall.store(true, Ordering::SeqCst);
    let (hanging_port, answering_port) = (free_port(), free_port());
    hanging.listen(hanging_port).await;
    answering.listen(answering_port).await;
    set_webhook(&p, hanging_port).await;
    set_webhook_of(&p.router, &p.other.key, answering_port).await;
    for c in 0..10 {
        import(&p, c * 10, 10).await;
    }
    let (o, router) = (&p.other, &p.router);
    let mut created = import_into(router, o.project, &o.token, 1_000, 10).await;

    // The dispatcher as the server runs it, with its real timeout and lease.
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let running = tokio::spawn(Dispatcher::new(p.db.clone(), true).run(async {
        let _ = stopped.await;
    }));
    until(
        30,
        "the other organization's event to be delivered",
        async || all_delivered(&statuses_of(router, &o.key).await, 1),
    )
    .await;
    // Events made while the hanging receiver still holds a request go out as well.
    created.extend(import_into(router, o.project, &o.token, 2_000, 10).await);
    until(
        30,
        "the other organization's next event to be delivered",
        async || all_delivered(&statuses_of(router, &o.key).await, 2),
    )
    .await;
    let _ = stop.send(());
    within(30, "the dispatcher to stop", running).await.unwrap();

    assert_eq!(check_received(&answering.received(), &created).len(), 2);
    assert!(
        !hanging.received().is_empty(),
        "Nordbygg's receiver was sent to"
    );
    assert!(
        statuses(&p).await.iter().all(|e| e.state == "pending"),
        "and answered nothing"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_send_each_event_once() {
    let p = portal().await;
    let port = free_port();
    set_webhook(&p, port).await;
    let receiver = Receiver::default();
    receiver.listen(port).await;
    let mut created = Vec::new();
    for c in 0..12 {
        created.extend(import(&p, c * 100, 100).await);
    }
    let second_db = Db::connect(p.db.pool.connect_options().database_url.as_ref())
        .await
        .unwrap();
    let instances = [quick(&p.db), quick(&second_db)];
    let runs: Vec<_> = instances
        .into_iter()
        .map(|d| {
            tokio::spawn(async move {
                for _ in 0..30 {
                    d.tick().await.unwrap();
                }
            })
        })
        .collect();
    for run in runs {
        run.await.unwrap();
    }
    let received = receiver.received();
    assert_eq!(received.len(), 12, "each of the 12 events exactly once");
    assert_eq!(check_received(&received, &created).len(), 12);
}

#[tokio::test]
async fn the_server_cannot_be_aimed_at_internal_addresses() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::connect(&fresh_database(&dir).await).await.unwrap();
    demo::seed(&db).await.unwrap();
    let key = admin::issue_api_key(&db, "Nordbygg AS", "portal")
        .await
        .unwrap();
    let strict = app(AppState::new(db.clone()), None);
    let portal = Client::new(&strict, &key);
    let uri = "/api/provisioning/webhook";
    for url in [
        "http://127.0.0.1:9/hooks",
        "https://10.0.0.5/hooks",
        "https://169.254.169.254/latest",
        "https://[::1]/hooks",
        "http://192.0.2.10/hooks",
        "ftp://portal.example/hooks",
        "not a url",
    ] {
        let hook = json!({ "url": url, "secret": SECRET });
        let refused = portal.provision(uri, &hook).await.unwrap_err();
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{url}: {refused:?}"
        );
    }
    // A secret not in the Standard Webhooks format, or of a key under 24 bytes.
    for secret in [
        "short",
        "a plain secret of thirty-two characters or more",
        "whsec_c2hvcnQ=",
    ] {
        let hook = json!({ "url": "https://192.0.2.10/hooks", "secret": secret });
        let refused = portal.provision(uri, &hook).await.unwrap_err();
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{secret}");
    }
    let public = json!({ "url": "https://192.0.2.10/hooks", "secret": SECRET });
    let answer = portal.provision(uri, &public).await;
    assert!(answer.is_ok(), "https to a public address: {answer:?}");
}

/// The portal's endpoint in front of the example portal (examples/portal-backend): it
/// fails the first `customers.created` it is sent and hands every other event to the
/// example's webhook handler, recording what was answered to which event.
#[derive(Clone)]
struct Flaky {
    portal: Router,
    failed_once: Arc<AtomicBool>,
    got: Arc<Mutex<Vec<(u16, Value)>>>,
}

async fn flaky(State(f): State<Flaky>, headers: HeaderMap, body: String) -> StatusCode {
    let event: Value = serde_json::from_str(&body).unwrap();
    let status =
        if event["type"] == "customers.created" && !f.failed_once.swap(true, Ordering::SeqCst) {
            StatusCode::INTERNAL_SERVER_ERROR
        } else {
            let mut request = Request::post("/webhooks/customer-import");
            for (name, value) in &headers {
                request = request.header(name, value);
            }
            send(&f.portal, request.body(Body::from(body)).unwrap())
                .await
                .0
        };
    f.got.lock().unwrap().push((status.as_u16(), event));
    status
}

/// Imports one chunk into Nordbygg's project; its answer.
async fn import_result(p: &Portal, first: u64, count: u64) -> ImportResult {
    let admin = Client::new(&p.router, &p.token);
    admin
        .import(p.project, &customers(first, count))
        .await
        .unwrap()
}

/// Issue 25, defect 3: the receiver fails the first `customers.created`, the import
/// is undone, and the failed event comes again after the removal (redelivered while
/// its retry waits). The example portal, applying events by the documented rule, ends
/// with the customers the database has, and the event keeps its original time.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_portal_applying_events_by_sequence_keeps_what_the_database_has_whatever_the_order() {
    let p = portal().await;
    let port = free_port();
    set_webhook(&p, port).await;
    // The example portal lists its user's project: Fjordparken is it here.
    sqlx::query("UPDATE projects SET external_id = $1 WHERE id = $2")
        .bind(customer_import_portal_example::PROJECT)
        .bind(p.project)
        .execute(&p.db.pool)
        .await
        .unwrap();
    let example =
        customer_import_portal_example::Portal::new(customer_import_portal_example::Config {
            import_server: String::new(),
            portal_url: String::new(),
            api_key: String::new(),
            jwt_secret: String::new(),
            jwt_issuer: String::new(),
            jwt_audience: String::new(),
            webhook_secret: SECRET.to_owned(),
        });
    let receiver = Flaky {
        portal: customer_import_portal_example::router(example),
        failed_once: Arc::default(),
        got: Arc::default(),
    };
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .unwrap();
    let hooks = Router::new()
        .route("/hooks", post(flaky))
        .with_state(receiver.clone());
    tokio::spawn(async move { axum::serve(listener, hooks).await.unwrap() });

    let undone = import_result(&p, 0, 10).await;
    let kept = import(&p, 100, 10).await;
    // Made a minute ago, so that a redelivery that rewrote the time would show.
    sqlx::query("UPDATE outbox_events SET created_at = created_at - 60")
        .execute(&p.db.pool)
        .await
        .unwrap();
    // Retries wait an hour: the removal goes out before the failed event is retried.
    let mut dispatcher = quick(&p.db);
    dispatcher.first_retry = Duration::from_secs(3600);
    dispatcher.tick().await.unwrap();
    let admin = Client::new(&p.router, &p.token);
    admin.undo(p.project, undone.batch_id).await.unwrap();
    dispatcher.tick().await.unwrap();
    let failed = statuses(&p).await[0]
        .id
        .trim_start_matches("evt_")
        .to_owned();
    let status = redeliver(&p.router, &p.key, &failed).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    dispatcher.tick().await.unwrap();

    let got = receiver.got.lock().unwrap().clone();
    let arrivals: Vec<(u16, &str)> = got
        .iter()
        .map(|(status, e)| (*status, e["type"].as_str().unwrap()))
        .collect();
    assert_eq!(
        arrivals,
        [
            (500, "customers.created"),
            (204, "customers.created"),
            (204, "customers.removed"),
            (204, "customers.created"),
        ],
        "the undone import's customers arrive after their removal"
    );
    let sequence = |i: usize| got[i].1["sequence"].as_i64().unwrap();
    assert!(
        sequence(3) < sequence(1) && sequence(1) < sequence(2),
        "numbered in the order the changes committed, whatever the order of arrival"
    );

    let (status, _, body) = send(
        &receiver.portal,
        Request::get("/customers").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let list: Value = serde_json::from_slice(&body).unwrap();
    let copy: BTreeSet<i64> = list["customers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    assert_eq!(list["total"], copy.len(), "all on the list's first page");
    let stored: BTreeSet<i64> = sqlx::query_scalar::<_, i64>("SELECT id FROM customers")
        .fetch_all(&p.db.pool)
        .await
        .unwrap()
        .into_iter()
        .collect();
    assert_eq!(stored, kept.iter().copied().collect());
    assert_eq!(copy, stored, "the portal's copy is the database's");
    assert!(created_ids(&undone).iter().all(|id| !copy.contains(id)));
    assert_eq!(
        got[0].1, got[3].1,
        "redelivered as it was first sent, time included"
    );
}

/// A portal written in Python verifies a delivery with the specification's own
/// package (standardwebhooks from PyPI, pinned and installed by scripts/setup.sh) and
/// the secret as it set it, and refuses the same delivery with its body changed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_python_portal_verifies_a_delivery_with_the_standard_library() {
    let python =
        crate::openapi_conformance::tool("standardwebhooks/bin/python", "standardwebhooks");
    let p = portal().await;
    let port = free_port();
    set_webhook(&p, port).await;
    let receiver = Receiver::default();
    receiver.listen(port).await;
    let created = import(&p, 0, 3).await;
    quick(&p.db).tick().await.unwrap();
    let received = receiver.received();
    check_received(&received, &created);
    let (headers, body) = &received[0];

    let verify = async |body: &str| {
        let headers: BTreeMap<&str, &str> =
            ["webhook-id", "webhook-timestamp", "webhook-signature"]
                .into_iter()
                .map(|name| (name, headers[name].to_str().unwrap()))
                .collect();
        let dir = tempfile::tempdir().unwrap();
        let (headers_file, body_file) = (dir.path().join("headers.json"), dir.path().join("body"));
        std::fs::write(&headers_file, serde_json::to_vec(&headers).unwrap()).unwrap();
        std::fs::write(&body_file, body).unwrap();
        let script = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/server/verify_webhook.py"
        );
        let output = tokio::process::Command::new(&python)
            .args([script, SECRET])
            .arg(&headers_file)
            .arg(&body_file)
            .output()
            .await
            .unwrap();
        (
            output.status.success(),
            String::from_utf8_lossy(&output.stdout).into_owned()
                + &String::from_utf8_lossy(&output.stderr),
        )
    };
    let (verified, said) = verify(body).await;
    assert!(verified, "{said}");
    let id = headers["webhook-id"].to_str().unwrap();
    assert!(said.contains(&format!("{id} customers.created")), "{said}");
    let forged = body.replacen("\"row\":", "\"row\": ", 1);
    assert_ne!(&forged, body);
    let (verified, said) = verify(&forged).await;
    assert!(!verified, "a changed body must not verify: {said}");
}

/// Every event the server delivers is valid by the schema of its type under the OpenAPI
/// document's `webhooks` (jsonschema, from the openapi-spec-validator virtualenv
/// scripts/setup.sh makes), so a portal generating its types from the document (as
/// examples/portal-node does) reads what it is sent: a creation with the project's own
/// field, and the removal of an undo.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_delivered_event_is_valid_by_the_documents_webhooks() {
    let python = crate::openapi_conformance::tool(
        "openapi-spec-validator/bin/python",
        "openapi-spec-validator",
    );
    let p = portal().await;
    let port = free_port();
    set_webhook(&p, port).await;
    let receiver = Receiver::default();
    receiver.listen(port).await;
    let admin = Client::new(&p.router, &p.token);
    let mut chunk = customers(0, 3);
    sqlx::query("UPDATE projects SET custom_fields = $1 WHERE id = $2")
        .bind(r#"[{"name":"parking","label":"Parkeringsplass","type":"text"}]"#)
        .bind(p.project)
        .execute(&p.db.pool)
        .await
        .unwrap();
    chunk.rows[0]
        .values
        .insert("custom.parking".to_owned(), "P-012".to_owned());
    let created = admin.import(p.project, &chunk).await.unwrap();
    admin.undo(p.project, created.batch_id).await.unwrap();
    let dispatcher = quick(&p.db);
    for _ in 0..100 {
        if receiver.received().len() >= 2 {
            break;
        }
        dispatcher.tick().await.unwrap();
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(receiver.received().len(), 2, "the creation and the removal");

    let dir = tempfile::tempdir().unwrap();
    let (_, _, document) = send(
        &p.router,
        Request::get("/api/openapi.json")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    let document_file = dir.path().join("openapi.json");
    std::fs::write(&document_file, document).unwrap();
    let mut events = Vec::new();
    for (i, (_, body)) in receiver.received().iter().enumerate() {
        let file = dir.path().join(format!("event-{i}.json"));
        std::fs::write(&file, body).unwrap();
        events.push(file);
    }
    assert!(
        receiver.received()[0].1.contains(r#""parking":"P-012""#),
        "the creation carries the project's own field"
    );
    let output = tokio::process::Command::new(&python)
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/server/check_events.py"
        ))
        .arg(&document_file)
        .args(&events)
        .output()
        .await
        .unwrap();
    let said = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{said}");
    assert!(
        said.contains("valid: customers.created") && said.contains("valid: customers.removed"),
        "{said}"
    );
}
