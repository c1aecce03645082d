//! The only module that knows the server's URLs. Every call sends the bearer token and
//! turns any failure into an [`ApiFailure`] whose key the UI translates.

use customer_import_domain::wire::{
    ApiError, ImportChunk, ImportResult, ImportSchema, Me, ProjectSummary,
};
use gloo_net::http::{Request, Response};
use serde::de::DeserializeOwned;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiFailure {
    /// No answer: offline, server down, or blocked.
    #[error("net.failed")]
    Network,
    /// A gateway or the server said it cannot answer now (502, 503, 504).
    #[error("net.unavailable")]
    Unavailable,
    /// An answer that does not have the expected shape.
    #[error("net.bad_answer")]
    BadAnswer,
    /// The server refused, with one of its stable codes (`auth.forbidden`, …).
    #[error("{0}")]
    Refused(String),
}

impl ApiFailure {
    /// The message key to show.
    pub fn key(&self) -> &str {
        match self {
            ApiFailure::Network => "net.failed",
            ApiFailure::Unavailable => "net.unavailable",
            ApiFailure::BadAnswer => "net.bad_answer",
            ApiFailure::Refused(code) => code,
        }
    }

    /// Worth sending the same request again after a pause: the request may not have
    /// arrived, its answer may have been lost, or the first attempt is still running.
    pub fn is_transient(&self) -> bool {
        match self {
            ApiFailure::Network | ApiFailure::Unavailable => true,
            ApiFailure::Refused(code) => code == "import.in_progress",
            ApiFailure::BadAnswer => false,
        }
    }

    pub fn is_unauthenticated(&self) -> bool {
        matches!(self, ApiFailure::Refused(code) if code == "auth.unauthenticated")
    }
}

/// A client for one signed-in user. `base` is empty when the app is served by the
/// API's own server, or an absolute origin when embedded in a portal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Api {
    base: String,
    token: String,
}

impl Api {
    pub fn new(base: impl Into<String>, token: impl Into<String>) -> Api {
        Api {
            base: base.into(),
            token: token.into(),
        }
    }

    pub async fn me(&self) -> Result<Me, ApiFailure> {
        self.get_json("/api/me").await
    }

    /// The projects this user may import into.
    pub async fn projects(&self) -> Result<Vec<ProjectSummary>, ApiFailure> {
        self.get_json("/api/projects").await
    }

    /// The fields, units and lists an import into `project` is checked against.
    pub async fn schema(&self, project: i64) -> Result<ImportSchema, ApiFailure> {
        self.get_json(&format!("/api/projects/{project}/schema"))
            .await
    }

    /// Sends one chunk of rows. `key` names this chunk: sending it again with the same
    /// key (after a network error) gets the first answer back instead of a second import.
    pub async fn import(
        &self,
        project: i64,
        key: &str,
        chunk: &ImportChunk,
    ) -> Result<ImportResult, ApiFailure> {
        let response = Request::post(&format!("{}/api/projects/{project}/import", self.base))
            .header("Authorization", &format!("Bearer {}", self.token))
            .header("Idempotency-Key", key)
            .json(chunk)
            .map_err(|_| ApiFailure::BadAnswer)?
            .send()
            .await
            .map_err(|_| ApiFailure::Network)?;
        decode(response).await
    }

    async fn get_json<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiFailure> {
        let response = Request::get(&format!("{}{path}", self.base))
            .header("Authorization", &format!("Bearer {}", self.token))
            .send()
            .await
            .map_err(|_| ApiFailure::Network)?;
        decode(response).await
    }
}

async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, ApiFailure> {
    if response.ok() {
        return response.json().await.map_err(|_| ApiFailure::BadAnswer);
    }
    if matches!(response.status(), 502..=504) {
        return Err(ApiFailure::Unavailable);
    }
    match response.json::<ApiError>().await {
        Ok(error) => Err(ApiFailure::Refused(error.code)),
        Err(_) => Err(ApiFailure::Refused("server.internal".to_owned())),
    }
}
