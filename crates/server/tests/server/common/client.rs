//! The API as a program calls it, through the router with `oneshot`: a method per
//! endpoint, sending and answering the domain's wire types (and the server's, where
//! the domain has none), so a test says what it asks and checks what it gets instead
//! of building requests and parsing JSON by hand. An answer is `Ok` with its body on
//! 200 OK (what every endpoint here answers when it does what it was asked), or
//! [`Refused`]: the status and the error's code, which compares with a
//! `(StatusCode, &str)`. Tests of malformed requests send them with
//! [`super::post_json`] and [`super::send`] as before.

use std::{
    fmt,
    sync::atomic::{AtomicU64, Ordering},
};

use axum::{
    Router,
    body::Body,
    http::{Method, Request, StatusCode, header},
};
use customer_import_domain::wire::{
    ApiError, CustomerLookup, CustomerLookupResult, FieldProblem, ImportChunk, ImportDetail,
    ImportPage, ImportResult, ImportRow, ProjectSummary, SharedMapping, SharedMappingSave,
    UndoResult, Verdict,
};
use customer_import_server::portal::provisioning::Provisioned;
use serde::{Serialize, de::DeserializeOwned};

use super::{TestApp, send};

/// The API answered otherwise than 200 OK: its status, and the error's stable code,
/// its `detail` (English, since the client asks for no language) and the values it
/// names (when the body was no error of the API's: no code, and the body).
#[derive(Clone)]
pub struct Refused {
    pub status: StatusCode,
    pub code: String,
    pub message: String,
    pub errors: Vec<FieldProblem>,
}

impl fmt::Debug for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {:?}: {}", self.status, self.code, self.message)
    }
}

impl PartialEq<(StatusCode, &str)> for Refused {
    fn eq(&self, (status, code): &(StatusCode, &str)) -> bool {
        self.status == *status && self.code == *code
    }
}

/// What the API answered: the body as `T` on 200 OK.
pub type Answer<T> = Result<T, Refused>;

/// A client of the API signed in with one token: a user's, or an organization key.
#[derive(Clone)]
pub struct Client {
    router: Router,
    token: String,
}

impl TestApp {
    /// A client of this app's API signed in with `token`.
    pub fn client(&self, token: &str) -> Client {
        Client::new(&self.router, token)
    }

    /// The demo organization's admin's client.
    pub fn admin(&self) -> Client {
        self.client(&self.users.admin.token)
    }
}

/// An idempotency key no other request of the test binary has used.
fn fresh_key() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    format!("key-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

impl Client {
    pub fn new(router: &Router, token: &str) -> Client {
        Client {
            router: router.clone(),
            token: token.to_owned(),
        }
    }

    /// Sends `body` (as JSON, when given) to `uri` and reads the answer.
    pub async fn call<T: DeserializeOwned>(
        &self,
        method: Method,
        uri: &str,
        idempotency_key: Option<&str>,
        body: Option<Vec<u8>>,
    ) -> Answer<T> {
        let mut request = Request::builder()
            .method(method)
            .uri(uri)
            .header(header::AUTHORIZATION, format!("Bearer {}", self.token));
        if body.is_some() {
            request = request.header(header::CONTENT_TYPE, "application/json");
        }
        if let Some(key) = idempotency_key {
            request = request.header("idempotency-key", key);
        }
        let request = request
            .body(body.map_or(Body::empty(), Body::from))
            .unwrap();
        let (status, _, body) = send(&self.router, request).await;
        if status != StatusCode::OK {
            return Err(match serde_json::from_slice::<ApiError>(&body) {
                Ok(error) => Refused {
                    status,
                    code: error.code,
                    message: error.detail,
                    errors: error.errors,
                },
                Err(_) => Refused {
                    status,
                    code: String::new(),
                    message: String::from_utf8_lossy(&body).into_owned(),
                    errors: Vec::new(),
                },
            });
        }
        Ok(serde_json::from_slice(&body)
            .unwrap_or_else(|e| panic!("{uri} answered {}: {e}", String::from_utf8_lossy(&body))))
    }

    pub async fn get<T: DeserializeOwned>(&self, uri: &str) -> Answer<T> {
        self.call(Method::GET, uri, None, None).await
    }

    pub async fn post<T: DeserializeOwned>(
        &self,
        uri: &str,
        idempotency_key: Option<&str>,
        body: &impl Serialize,
    ) -> Answer<T> {
        let body = serde_json::to_vec(body).unwrap();
        self.call(Method::POST, uri, idempotency_key, Some(body))
            .await
    }

    pub async fn put<T: DeserializeOwned>(&self, uri: &str, body: &impl Serialize) -> Answer<T> {
        let body = serde_json::to_vec(body).unwrap();
        self.call(Method::PUT, uri, None, Some(body)).await
    }

    /// `GET /api/projects`.
    pub async fn projects(&self) -> Answer<Vec<ProjectSummary>> {
        self.get("/api/projects").await
    }

    /// The id of the project called `name`, among those the caller may import into.
    pub async fn project_id(&self, name: &str) -> i64 {
        let projects = self.projects().await.unwrap();
        let found = projects.iter().find(|p| p.name == name);
        found.unwrap_or_else(|| panic!("no project {name}")).id
    }

    /// `POST /api/projects/{project}/import` with a key of its own.
    pub async fn import(&self, project: i64, chunk: &ImportChunk) -> Answer<ImportResult> {
        self.import_with_key(project, &fresh_key(), chunk).await
    }

    /// `POST /api/projects/{project}/import` with the idempotency key `key`.
    pub async fn import_with_key(
        &self,
        project: i64,
        key: &str,
        chunk: &ImportChunk,
    ) -> Answer<ImportResult> {
        let uri = format!("/api/projects/{project}/import");
        self.post(&uri, Some(key), chunk).await
    }

    /// `POST /api/projects/{project}/customers/lookup`.
    pub async fn lookup(
        &self,
        project: i64,
        lookup: &CustomerLookup,
    ) -> Answer<CustomerLookupResult> {
        let uri = format!("/api/projects/{project}/customers/lookup");
        self.post(&uri, None, lookup).await
    }

    /// `GET /api/projects/{project}/imports`: the newest page of the history.
    pub async fn imports(&self, project: i64) -> Answer<ImportPage> {
        self.get(&format!("/api/projects/{project}/imports")).await
    }

    /// The page of the history before the cursor `before`.
    pub async fn imports_before(&self, project: i64, before: i64) -> Answer<ImportPage> {
        self.get(&format!("/api/projects/{project}/imports?before={before}"))
            .await
    }

    /// `GET /api/projects/{project}/imports/{batch}`: the first page of its rows.
    pub async fn import_detail(&self, project: i64, batch: i64) -> Answer<ImportDetail> {
        self.get(&format!("/api/projects/{project}/imports/{batch}"))
            .await
    }

    /// The page of an import's rows from the cursor `from`.
    pub async fn import_detail_from(
        &self,
        project: i64,
        batch: i64,
        from: u64,
    ) -> Answer<ImportDetail> {
        self.get(&format!(
            "/api/projects/{project}/imports/{batch}?from={from}"
        ))
        .await
    }

    /// `POST /api/projects/{project}/imports/{batch}/undo`.
    pub async fn undo(&self, project: i64, batch: i64) -> Answer<UndoResult> {
        let uri = format!("/api/projects/{project}/imports/{batch}/undo");
        self.call(Method::POST, &uri, None, Some(Vec::new())).await
    }

    /// `GET /api/mappings/{signature}`.
    pub async fn mapping(&self, signature: &str) -> Answer<SharedMapping> {
        self.get(&format!("/api/mappings/{signature}")).await
    }

    /// `PUT /api/mappings/{signature}`.
    pub async fn save_mapping(
        &self,
        signature: &str,
        save: &SharedMappingSave,
    ) -> Answer<SharedMapping> {
        self.put(&format!("/api/mappings/{signature}"), save).await
    }

    /// `PUT /api/provisioning/…` with an organization key: what the call changed.
    pub async fn provision(&self, uri: &str, body: &serde_json::Value) -> Answer<Provisioned> {
        self.put(uri, body).await
    }
}

/// Row `number` of a file, with `values` by field key.
pub fn row(number: u64, values: &[(&str, &str)]) -> ImportRow {
    ImportRow {
        row: number,
        values: values
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
        version: None,
    }
}

/// The first chunk of an import of `rows`, as the app sends it without a file name.
pub fn chunk(rows: Vec<ImportRow>) -> ImportChunk {
    ImportChunk {
        files: Vec::new(),
        file: None,
        batch_id: None,
        create_missing_groups: false,
        file_name: None,
        file_rows: None,
        held_back: None,
        left_out: None,
        update: None,
        rows,
    }
}

/// The ids of the customers an import created, in the order of its rows.
pub fn created_ids(result: &ImportResult) -> Vec<i64> {
    result
        .verdicts
        .iter()
        .filter_map(|v| match v {
            Verdict::Created { customer_id, .. } => Some(*customer_id),
            _ => None,
        })
        .collect()
}
