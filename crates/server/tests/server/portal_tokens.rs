//! A portal signs its users in: its JWTs are accepted as bearer tokens (HS256 with a
//! shared secret, RS256 with a PEM public key, EdDSA from a JWKS by kid), the user is
//! created or updated on sight, and every kind of bad token is refused with 401 and
//! its own code. The server's own `cit_` tokens keep working and may expire.
#![allow(clippy::unwrap_used)]

use std::{
    path::PathBuf,
    sync::{
        Arc, Mutex,
        atomic::{AtomicUsize, Ordering},
    },
};

use crate::common::{fresh_database, send};
use axum::{
    Router,
    body::Body,
    http::{Request, StatusCode, header},
};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use customer_import_domain::wire::{ApiError, Me, ProjectSummary, Role};
use customer_import_server::{
    AppState, Db, app, basics, demo,
    identity::portal_token::{PortalTrust, TrustSettings},
    identity::tokens,
};
use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
use serde_json::{Value, json};

const ISSUER: &str = "https://portal.example";
const AUDIENCE: &str = "customer-import";
const SECRET: &str = "a shared secret of at least 32 bytes, for tests";

fn key_file(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/keys")
        .join(name)
}

fn now() -> i64 {
    basics::unix_now()
}

struct Portal {
    router: Router,
    db: Db,
    _dir: tempfile::TempDir,
}

/// The demo data, with the portal's ids on Nordbygg, its projects and the other
/// organization's project, behind a server trusting `trust`.
async fn portal(trust: TrustSettings) -> Portal {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::connect(&fresh_database(&dir).await).await.unwrap();
    demo::seed(&db).await.unwrap();
    for sql in [
        "UPDATE organizations SET external_id = 'org-nordbygg' WHERE name = 'Nordbygg AS'",
        "UPDATE organizations SET external_id = 'org-andre' WHERE name = 'Andre Eiendom AS'",
        "UPDATE projects SET external_id = 'p-fjord' WHERE name = 'Fjordparken'",
        "UPDATE projects SET external_id = 'p-koivu' WHERE name = 'Koivuranta'",
        "UPDATE projects SET external_id = 'p-sol' WHERE name = 'Solsiden'",
    ] {
        sqlx::query(sql).execute(&db.pool).await.unwrap();
    }
    let trust = PortalTrust::from_settings(&TrustSettings {
        issuer: Some(ISSUER.to_owned()),
        audience: Some(AUDIENCE.to_owned()),
        ..trust
    })
    .unwrap();
    Portal {
        router: app(AppState::new(db.clone()).with_portal_trust(trust), None),
        db,
        _dir: dir,
    }
}

fn all_kinds() -> TrustSettings {
    TrustSettings {
        hs256_secret: Some(SECRET.to_owned()),
        public_key: Some(key_file("rsa-public.pem")),
        jwks: Some(key_file("jwks.json")),
        ..TrustSettings::default()
    }
}

fn claims(role: &str, projects: &[&str]) -> Value {
    json!({
        "iss": ISSUER, "aud": AUDIENCE, "sub": "u-42", "iat": now(), "exp": now() + 300,
        "email": "liv@nordbygg.example", "name": "Liv Portal", "org": "org-nordbygg",
        "role": role, "projects": projects,
    })
}

fn hs256(claims: &Value) -> String {
    encode(
        &Header::new(Algorithm::HS256),
        claims,
        &EncodingKey::from_secret(SECRET.as_bytes()).unwrap(),
    )
    .unwrap()
}

fn rs256(claims: &Value) -> String {
    let key = std::fs::read(key_file("rsa-private.pem")).unwrap();
    encode(
        &Header::new(Algorithm::RS256),
        claims,
        &EncodingKey::from_rsa_pem(&key).unwrap(),
    )
    .unwrap()
}

fn eddsa(claims: &Value, kid: &str) -> String {
    let key = std::fs::read(key_file("ed25519-private.pem")).unwrap();
    let mut header = Header::new(Algorithm::EdDSA);
    header.kid = Some(kid.to_owned());
    encode(&header, claims, &EncodingKey::from_ed_pem(&key).unwrap()).unwrap()
}

async fn call(router: &Router, uri: &str, token: &str) -> (StatusCode, Vec<u8>) {
    let request = Request::get(uri)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap();
    let (status, _, body) = send(router, request).await;
    (status, body)
}

async fn refused_with(router: &Router, token: &str) -> String {
    let (status, body) = call(router, "/api/me", token).await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "{}",
        String::from_utf8_lossy(&body)
    );
    serde_json::from_slice::<ApiError>(&body).unwrap().code
}

#[tokio::test]
async fn a_valid_token_of_each_kind_signs_the_portals_user_in() {
    let p = portal(all_kinds()).await;
    for token in [
        hs256(&claims("admin", &[])),
        rs256(&claims("admin", &[])),
        eddsa(&claims("admin", &[]), "portal-2026"),
    ] {
        let (status, body) = call(&p.router, "/api/me", &token).await;
        assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
        let me: Me = serde_json::from_slice(&body).unwrap();
        assert_eq!((me.name.as_str(), me.role), ("Liv Portal", Role::Admin));
    }
    // Created once, on first sight.
    let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE external_id = 'u-42'")
        .fetch_one(&p.db.pool)
        .await
        .unwrap();
    assert_eq!(users, 1);

    // The portal's word is kept: a new name, and now a member of one project only.
    let mut member = claims("member", &["p-fjord"]);
    member["name"] = json!("Liv Portal-Hansen");
    let token = hs256(&member);
    let (_, body) = call(&p.router, "/api/me", &token).await;
    let me: Me = serde_json::from_slice(&body).unwrap();
    assert_eq!(
        (me.name.as_str(), me.role),
        ("Liv Portal-Hansen", Role::Member)
    );
    let (_, body) = call(&p.router, "/api/projects", &token).await;
    let projects: Vec<ProjectSummary> = serde_json::from_slice(&body).unwrap();
    let names: Vec<_> = projects.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Fjordparken"]);
}

/// A portal's users open the wizard at once: each new user's first page load sends
/// several calls together, and one user's claims change across parallel calls. Every
/// call is answered as if it came alone: none is a 5xx.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_first_sign_ins_and_claim_changes_never_fail() {
    let p = portal(all_kinds()).await;
    let mut calls = Vec::new();
    for user in 0..20 {
        let mut first = claims("member", &["p-fjord"]);
        first["sub"] = json!(format!("u-new-{user}"));
        first["email"] = json!(format!("ny{user}@nordbygg.example"));
        let token = hs256(&first);
        for uri in ["/api/me", "/api/projects", "/api/me"] {
            calls.push((uri, token.clone()));
        }
        // The one user whose name, role and projects change from call to call.
        let mut changed = claims(if user % 2 == 0 { "admin" } else { "member" }, &["p-fjord"]);
        changed["name"] = json!(format!("Liv Portal {user}"));
        calls.push(("/api/me", hs256(&changed)));
    }
    let answers = futures::future::join_all(calls.into_iter().map(|(uri, token)| {
        let router = p.router.clone();
        tokio::spawn(async move { (uri, call(&router, uri, &token).await) })
    }))
    .await;
    let failed: Vec<String> = answers
        .into_iter()
        .map(Result::unwrap)
        .filter(|(_, (status, _))| *status != StatusCode::OK)
        .map(|(uri, (status, body))| format!("{uri}: {status} {}", String::from_utf8_lossy(&body)))
        .collect();
    assert!(failed.is_empty(), "{failed:#?}");
    let users: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM users WHERE external_id LIKE 'u-new-%' OR external_id = 'u-42'",
    )
    .fetch_one(&p.db.pool)
    .await
    .unwrap();
    assert_eq!(users, 21, "each portal user made once");
}

/// A person working for two portals' customers is a user in each organization: the
/// second organization's token with the same address signs in, and so does the first's.
#[tokio::test]
async fn the_same_address_in_two_organizations_is_two_users() {
    let p = portal(all_kinds()).await;
    let mut elsewhere = claims("admin", &[]);
    elsewhere["org"] = json!("org-andre");
    elsewhere["sub"] = json!("andre-1");
    for token in [
        hs256(&elsewhere),
        hs256(&claims("admin", &[])),
        hs256(&elsewhere),
    ] {
        let (status, body) = call(&p.router, "/api/me", &token).await;
        assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    }
    let users: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE email = 'liv@nordbygg.example'")
            .fetch_one(&p.db.pool)
            .await
            .unwrap();
    assert_eq!(users, 2);
}

/// A token's e-mail is an e-mail address and nothing else, and its texts hold no
/// hidden character: otherwise several users would read as the same person.
#[tokio::test]
async fn a_claim_that_is_not_what_it_says_is_refused() {
    let p = portal(all_kinds()).await;
    for email in [
        "\u{a0}liv@nordbygg.example\u{a0}",
        " liv@nordbygg.example ",
        "LIV@Nordbygg.Example",
    ] {
        let mut spaced = claims("admin", &[]);
        spaced["email"] = json!(email);
        let (status, body) = call(&p.router, "/api/me", &hs256(&spaced)).await;
        assert_eq!(status, StatusCode::OK, "{email:?}");
        let me: Me = serde_json::from_slice(&body).unwrap();
        assert_eq!(me.email.to_lowercase(), "liv@nordbygg.example", "{email:?}");
    }
    for email in [
        "liv@nordbygg.exam\u{ad}ple",
        "liv\u{200b}@nordbygg.example",
        "liv@nordbygg.example\nBcc: x@y.example",
        "liv\u{a0}x@nordbygg.example",
        "definitely not an e-mail",
        "not-an-email",
        "two@@nordbygg.example",
    ] {
        let mut bad = claims("admin", &[]);
        bad["email"] = json!(email);
        assert_eq!(
            refused_with(&p.router, &hs256(&bad)).await,
            "auth.token_claims",
            "{email:?}"
        );
    }
    let mut disguised = claims("admin", &[]);
    disguised["name"] = json!("Liv\u{202e} Portal");
    assert_eq!(
        refused_with(&p.router, &hs256(&disguised)).await,
        "auth.token_claims"
    );
    let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE external_id = 'u-42'")
        .fetch_one(&p.db.pool)
        .await
        .unwrap();
    assert_eq!(users, 1, "one user however the address was written");
}

#[tokio::test]
async fn every_bad_token_is_refused_with_its_reason() {
    let p = portal(all_kinds()).await;
    let ok = claims("admin", &[]);
    let with = |key: &str, value: Value| {
        let mut c = ok.clone();
        c[key] = value;
        c
    };

    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#);
    let body = URL_SAFE_NO_PAD.encode(ok.to_string());
    assert_eq!(
        refused_with(&p.router, &format!("{header}.{body}.")).await,
        "auth.token_malformed"
    );
    assert_eq!(
        refused_with(&p.router, "not.a.jwt").await,
        "auth.token_malformed"
    );

    // Algorithm confusion: HS256 "signed" with the portal's public key as secret.
    let public = std::fs::read(key_file("rsa-public.pem")).unwrap();
    let confused = encode(
        &Header::new(Algorithm::HS256),
        &ok,
        &EncodingKey::from_secret(&public).unwrap(),
    )
    .unwrap();
    assert_eq!(
        refused_with(&p.router, &confused).await,
        "auth.token_signature"
    );
    let public_only = portal(TrustSettings {
        public_key: Some(key_file("rsa-public.pem")),
        ..TrustSettings::default()
    })
    .await;
    assert_eq!(
        refused_with(&public_only.router, &confused).await,
        "auth.token_algorithm"
    );

    let cases = [
        (
            hs256(&with("exp", json!(now() + 3 * 86_400))),
            "auth.token_lifetime",
        ),
        (
            hs256(&with("email", json!("liv\u{202e}@nordbygg.example"))),
            "auth.token_claims",
        ),
        (
            hs256(&with("exp", json!(now() - 120))),
            "auth.token_expired",
        ),
        (
            hs256(&with("nbf", json!(now() + 600))),
            "auth.token_not_yet_valid",
        ),
        (
            hs256(&with("iss", json!("https://evil.example"))),
            "auth.token_issuer",
        ),
        (
            hs256(&with("aud", json!("someone-else"))),
            "auth.token_audience",
        ),
        (eddsa(&ok, "retired-key"), "auth.token_unknown_key"),
        (
            hs256(&with("org", json!("org-unknown"))),
            "auth.token_organization",
        ),
        (
            hs256(&claims("member", &["p-fjord", "p-sol"])),
            "auth.token_project",
        ),
    ];
    for (token, code) in cases {
        assert_eq!(refused_with(&p.router, &token).await, code);
    }
    let mut no_exp = ok.clone();
    no_exp.as_object_mut().unwrap().remove("exp");
    assert_eq!(
        refused_with(&p.router, &hs256(&no_exp)).await,
        "auth.token_claims"
    );
    // A small clock difference is tolerated.
    let (status, _) = call(&p.router, "/api/me", &hs256(&with("exp", json!(now() - 5)))).await;
    assert_eq!(status, StatusCode::OK);
    // Nobody was signed in by a refused token (the last call created Liv).
    let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE external_id IS NOT NULL")
        .fetch_one(&p.db.pool)
        .await
        .unwrap();
    assert_eq!(users, 1);
}

#[tokio::test]
async fn a_token_without_projects_leaves_a_members_projects_as_they_are() {
    let p = portal(all_kinds()).await;
    let projects = |token: String| {
        let router = p.router.clone();
        async move {
            let (_, body) = call(&router, "/api/projects", &token).await;
            let list: Vec<ProjectSummary> = serde_json::from_slice(&body).unwrap();
            list.into_iter().map(|p| p.name).collect::<Vec<_>>()
        }
    };
    assert_eq!(
        projects(hs256(&claims("member", &["p-koivu"]))).await,
        ["Koivuranta"]
    );
    let mut silent = claims("member", &[]);
    silent.as_object_mut().unwrap().remove("projects");
    assert_eq!(projects(hs256(&silent)).await, ["Koivuranta"], "kept");
    assert!(
        projects(hs256(&claims("member", &[]))).await.is_empty(),
        "an empty list is a list"
    );
    // A PEM key has no kid of its own: a token naming one is still checked against it.
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some("portal-rsa".to_owned());
    let key = std::fs::read(key_file("rsa-private.pem")).unwrap();
    let token = encode(
        &header,
        &claims("admin", &[]),
        &EncodingKey::from_rsa_pem(&key).unwrap(),
    )
    .unwrap();
    assert_eq!(call(&p.router, "/api/me", &token).await.0, StatusCode::OK);
}

/// Serves `site` (the portal's JWKS endpoint) on a free port; the JWKS URL.
async fn serve_jwks(site: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!(
        "http://{}/.well-known/jwks.json",
        listener.local_addr().unwrap()
    );
    tokio::spawn(async move { axum::serve(listener, site).await });
    url
}

/// The demo data behind a server that fetches the portal's keys from `jwks_url` as
/// often as asked, `jwks_timeout` at most per fetch; and the folder of its database.
async fn trusting_jwks_at(
    jwks_url: String,
    jwks_timeout: std::time::Duration,
) -> (Router, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::connect(&fresh_database(&dir).await).await.unwrap();
    demo::seed(&db).await.unwrap();
    sqlx::query("UPDATE organizations SET external_id = 'org-nordbygg' WHERE name = 'Nordbygg AS'")
        .execute(&db.pool)
        .await
        .unwrap();
    let mut trust = PortalTrust::from_settings(&TrustSettings {
        issuer: Some(ISSUER.to_owned()),
        audience: Some(AUDIENCE.to_owned()),
        jwks_url: Some(jwks_url),
        ..TrustSettings::default()
    })
    .unwrap()
    .unwrap();
    trust.jwks_refresh = std::time::Duration::ZERO;
    trust.jwks_timeout = jwks_timeout;
    (
        app(AppState::new(db).with_portal_trust(Some(trust)), None),
        dir,
    )
}

/// A JWKS served by "the portal", which it can replace (key rotation), counting fetches.
#[derive(Clone, Default)]
struct Jwks {
    body: Arc<Mutex<String>>,
    fetches: Arc<AtomicUsize>,
}

#[tokio::test]
async fn keys_come_from_the_portals_jwks_url_and_a_rotation_is_picked_up() {
    let jwks = Jwks::default();
    let published = std::fs::read_to_string(key_file("jwks.json")).unwrap();
    *jwks.body.lock().unwrap() = published.clone();
    let served = jwks.clone();
    let url = serve_jwks(Router::new().route(
        "/.well-known/jwks.json",
        axum::routing::get(move || {
            let served = served.clone();
            async move {
                served.fetches.fetch_add(1, Ordering::SeqCst);
                served.body.lock().unwrap().clone()
            }
        }),
    ))
    .await;
    let (router, _dir) = trusting_jwks_at(url, std::time::Duration::from_secs(5)).await;

    let token = eddsa(&claims("admin", &[]), "portal-2026");
    assert_eq!(call(&router, "/api/me", &token).await.0, StatusCode::OK);
    assert_eq!(call(&router, "/api/me", &token).await.0, StatusCode::OK);
    assert_eq!(
        jwks.fetches.load(Ordering::SeqCst),
        1,
        "fetched once, then known"
    );

    // The portal rotates: the same key material is published under a new kid.
    *jwks.body.lock().unwrap() = published.replace("portal-2026", "portal-2027");
    let rotated = eddsa(&claims("admin", &[]), "portal-2027");
    assert_eq!(call(&router, "/api/me", &rotated).await.0, StatusCode::OK);
    assert_eq!(jwks.fetches.load(Ordering::SeqCst), 2);
    // A kid the portal never published is refused, after one more look.
    assert_eq!(
        refused_with(&router, &eddsa(&claims("admin", &[]), "forged")).await,
        "auth.token_unknown_key"
    );
}

/// The portal's JWKS endpoint is slow: a token naming a key not yet known waits for
/// the fetch, and no other token does.
#[tokio::test]
async fn a_slow_jwks_fetch_delays_only_the_token_naming_an_unknown_key() {
    let published = std::fs::read_to_string(key_file("jwks.json")).unwrap();
    let fetches = Arc::new(AtomicUsize::new(0));
    let release = Arc::new(tokio::sync::Notify::new());
    let (counted, held) = (fetches.clone(), release.clone());
    let url = serve_jwks(Router::new().route(
        "/.well-known/jwks.json",
        axum::routing::get(move || {
            let (counted, held, published) = (counted.clone(), held.clone(), published.clone());
            async move {
                // Every fetch after the first hangs until the test lets it answer.
                if counted.fetch_add(1, Ordering::SeqCst) > 0 {
                    held.notified().await;
                }
                published
            }
        }),
    ))
    .await;
    // The held fetch must outlast the test, not give up on its own.
    let (router, _dir) = trusting_jwks_at(url, std::time::Duration::from_secs(600)).await;
    let known = eddsa(&claims("admin", &[]), "portal-2026");
    assert_eq!(call(&router, "/api/me", &known).await.0, StatusCode::OK);

    let unknown = tokio::spawn({
        let router = router.clone();
        async move { refused_with(&router, &eddsa(&claims("admin", &[]), "portal-2099")).await }
    });
    while fetches.load(Ordering::SeqCst) < 2 {
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    // A guard against hanging, not a measure: the fetch never ends by itself.
    let answered = tokio::time::timeout(
        std::time::Duration::from_secs(60),
        call(&router, "/api/me", &known),
    )
    .await
    .expect("a token whose key is known waited behind the JWKS fetch");
    assert_eq!(answered.0, StatusCode::OK);
    assert!(
        !unknown.is_finished(),
        "the unknown key waits for its fetch"
    );
    release.notify_one();
    assert_eq!(unknown.await.unwrap(), "auth.token_unknown_key");
    assert_eq!(fetches.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn server_tokens_keep_working_and_may_expire() {
    let p = portal(all_kinds()).await;
    let ada: i64 = sqlx::query_scalar("SELECT id FROM users WHERE name = 'Ada Admin'")
        .fetch_one(&p.db.pool)
        .await
        .unwrap();
    let lasting = tokens::issue_token(&p.db, ada, "t").await.unwrap();
    let fresh = tokens::issue_token_until(&p.db, ada, "t", Some(now() + 3600))
        .await
        .unwrap();
    let stale = tokens::issue_token_until(&p.db, ada, "t", Some(now() - 1))
        .await
        .unwrap();
    assert_eq!(call(&p.router, "/api/me", &lasting).await.0, StatusCode::OK);
    assert_eq!(call(&p.router, "/api/me", &fresh).await.0, StatusCode::OK);
    assert_eq!(
        refused_with(&p.router, &stale).await,
        "auth.unauthenticated"
    );
}
