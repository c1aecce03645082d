//! The only module that knows the server's URLs. Every call sends the bearer token and
//! turns any failure into an [`ApiFailure`] whose key the UI translates.

use std::time::Duration;

use customer_import_domain::wire::{
    ApiError, ImportDetail, ImportPage, ImportSchema, Me, ProjectSummary, SharedMapping,
    SharedMappingSave, UndoResult,
};
use gloo_net::http::{Request, Response};
use serde::{
    Deserialize,
    de::{DeserializeOwned, IgnoredAny},
};
use wasm_bindgen::JsCast;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiFailure {
    /// No answer: offline, server down, or blocked.
    #[error("net.failed")]
    Network,
    /// A gateway or the server said it cannot answer now (502, 503, 504), and when
    /// to ask again if it said (`Retry-After`).
    #[error("net.unavailable")]
    Unavailable(Option<Duration>),
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
            ApiFailure::Unavailable(_) => "net.unavailable",
            ApiFailure::BadAnswer => "net.bad_answer",
            ApiFailure::Refused(code) => crate::i18n::Locale::server_code(code),
        }
    }

    pub fn is_unauthenticated(&self) -> bool {
        matches!(self, ApiFailure::Refused(code) if code == "auth.unauthenticated")
    }
}

/// Where the bearer token comes from: given once, or asked of the embedding portal
/// before every request (so the portal can renew it).
#[derive(Debug, Clone, PartialEq)]
pub enum Token {
    Fixed(String),
    /// A JavaScript function returning the token or a promise of it.
    Callback(js_sys::Function),
}

/// A client for one signed-in user. `base` is empty when the app is served by the
/// API's own server, or an absolute origin when embedded in a portal.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    base: String,
    token: Token,
}

impl Api {
    pub fn new(base: impl Into<String>, token: Token) -> Api {
        Api {
            base: base.into(),
            token,
        }
    }

    /// The absolute address of one of the app's own files (the worker's script and
    /// wasm), served beside the API.
    pub fn asset_url(&self, file: &str) -> String {
        if !self.base.is_empty() {
            return format!("{}/{file}", self.base);
        }
        let base = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.base_uri().ok().flatten())
            .unwrap_or_default();
        web_sys::Url::new_with_base(file, &base)
            .map(|u| u.href())
            .unwrap_or_else(|_| file.to_owned())
    }

    /// The `Authorization` header value. A portal's callback that throws, or answers
    /// nothing usable, counts as signed out.
    async fn authorization(&self) -> Result<String, ApiFailure> {
        let token = match &self.token {
            Token::Fixed(token) => token.clone(),
            Token::Callback(callback) => {
                let signed_out = || ApiFailure::Refused("auth.unauthenticated".to_owned());
                let answer = callback
                    .call0(&wasm_bindgen::JsValue::NULL)
                    .map_err(|_| signed_out())?;
                let answer = match answer.dyn_into::<js_sys::Promise>() {
                    Ok(promise) => wasm_bindgen_futures::JsFuture::from(promise)
                        .await
                        .map_err(|_| signed_out())?,
                    Err(value) => value,
                };
                answer
                    .as_string()
                    .filter(|t| !t.trim().is_empty())
                    .ok_or_else(signed_out)?
            }
        };
        Ok(format!("Bearer {}", token.trim()))
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

    /// Sends one chunk of rows, `body` being an `ImportChunk` as JSON. `key` names
    /// this chunk: sending the same bytes again with the same key (after a lost
    /// answer) gets the first answer back instead of a second import.
    pub async fn import(
        &self,
        project: i64,
        key: &str,
        body: &str,
    ) -> Result<Imported, ApiFailure> {
        let path = format!("/api/projects/{project}/import");
        Imported::read(self.post_json(&path, Some(key), body).await?)
    }

    /// Asks the customers of `project` that the keys in `body` (a `CustomerLookup` as
    /// the worker wrote it) find; the answer's text, which only the worker reads.
    pub async fn lookup(&self, project: i64, body: &str) -> Result<String, ApiFailure> {
        let path = format!("/api/projects/{project}/customers/lookup");
        self.post_json(&path, None, body).await
    }

    /// POSTs the JSON `body` to `path` (with `Idempotency-Key: key` when given); the
    /// answer's text, or why there is none.
    async fn post_json(
        &self,
        path: &str,
        key: Option<&str>,
        body: &str,
    ) -> Result<String, ApiFailure> {
        let mut request = Request::post(&format!("{}{path}", self.base))
            .header("Authorization", &self.authorization().await?)
            .header("Content-Type", "application/json");
        if let Some(key) = key {
            request = request.header("Idempotency-Key", key);
        }
        let response = request
            .body(body)
            .map_err(|_| ApiFailure::BadAnswer)?
            .send()
            .await
            .map_err(|_| ApiFailure::Network)?;
        if !response.ok() {
            return Err(failure(response).await);
        }
        response.text().await.map_err(|_| ApiFailure::BadAnswer)
    }

    /// The organization's mapping for the heading layout `signature` (404
    /// `not_found` when it has none).
    pub async fn shared_mapping(&self, signature: &str) -> Result<SharedMapping, ApiFailure> {
        self.get_json(&format!("/api/mappings/{signature}")).await
    }

    /// Makes `save` the organization's mapping for `signature`.
    pub async fn save_mapping(
        &self,
        signature: &str,
        save: &SharedMappingSave,
    ) -> Result<SharedMapping, ApiFailure> {
        let body = serde_json::to_string(save).map_err(|_| ApiFailure::BadAnswer)?;
        let response = Request::put(&format!("{}/api/mappings/{signature}", self.base))
            .header("Authorization", &self.authorization().await?)
            .header("Content-Type", "application/json")
            .body(body)
            .map_err(|_| ApiFailure::BadAnswer)?
            .send()
            .await
            .map_err(|_| ApiFailure::Network)?;
        decode(response).await
    }

    /// A file of `project` (`customers.xlsx`, `template.csv`, …) with headings in
    /// `lang`, named as the server names it.
    pub async fn project_file(
        &self,
        project: i64,
        file: &str,
        lang: &str,
    ) -> Result<DownloadedFile, ApiFailure> {
        let response = self
            .get(&format!("/api/projects/{project}/{file}?lang={lang}"))
            .await?;
        if !response.ok() {
            return Err(failure(response).await);
        }
        let name = response
            .headers()
            .get("content-disposition")
            .and_then(|d| attachment_name(&d))
            .unwrap_or_else(|| file.to_owned());
        let mime = response.headers().get("content-type").unwrap_or_default();
        let bytes = response.binary().await.map_err(|_| ApiFailure::Network)?;
        Ok(DownloadedFile { name, mime, bytes })
    }

    /// A page of `project`'s import history, newest first: the first page, or the
    /// one older than `before` (the previous page's `next_before`).
    pub async fn imports(
        &self,
        project: i64,
        before: Option<i64>,
    ) -> Result<ImportPage, ApiFailure> {
        let query = before.map(|b| format!("?before={b}")).unwrap_or_default();
        self.get_json(&format!("/api/projects/{project}/imports{query}"))
            .await
    }

    /// One import of `project` and every row's outcome, by row number: the server
    /// answers a page at a time, all pages are read.
    pub async fn import_detail(
        &self,
        project: i64,
        batch: i64,
    ) -> Result<ImportDetail, ApiFailure> {
        let path = format!("/api/projects/{project}/imports/{batch}");
        let mut detail: ImportDetail = self.get_json(&path).await?;
        while let Some(from) = detail.next_from.take() {
            let page: ImportDetail = self.get_json(&format!("{path}?from={from}")).await?;
            detail.rows.extend(page.rows);
            detail.next_from = page.next_from;
        }
        detail.rows.sort_by_key(|r| r.row);
        Ok(detail)
    }

    /// Removes the customers the import `batch` created (`undo.*` when refused).
    pub async fn undo_import(&self, project: i64, batch: i64) -> Result<UndoResult, ApiFailure> {
        let url = format!("{}/api/projects/{project}/imports/{batch}/undo", self.base);
        let response = Request::post(&url)
            .header("Authorization", &self.authorization().await?)
            .send()
            .await
            .map_err(|_| ApiFailure::Network)?;
        decode(response).await
    }

    async fn get_json<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiFailure> {
        decode(self.get(path).await?).await
    }

    /// `GET path` with the token; any answer, or why none came.
    async fn get(&self, path: &str) -> Result<Response, ApiFailure> {
        Request::get(&format!("{}{path}", self.base))
            .header("Authorization", &self.authorization().await?)
            .send()
            .await
            .map_err(|_| ApiFailure::Network)
    }
}

/// The server's answer to an import chunk (`ImportResult`): the batch the rows went
/// into, and the text it came in, whose verdicts only the worker reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub batch_id: i64,
    pub text: String,
}

impl Imported {
    /// Reads the batch of the `ImportResult` in `text`, passing over its verdicts.
    pub fn read(text: String) -> Result<Imported, ApiFailure> {
        #[derive(Deserialize)]
        struct Batch {
            batch_id: i64,
            #[serde(rename = "verdicts")]
            _verdicts: IgnoredAny,
        }
        let batch: Batch = serde_json::from_str(&text).map_err(|_| ApiFailure::BadAnswer)?;
        Ok(Imported {
            batch_id: batch.batch_id,
            text,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DownloadedFile {
    pub name: String,
    pub mime: String,
    pub bytes: Vec<u8>,
}

/// The file name of `attachment; filename="…"`, without any folder part.
fn attachment_name(disposition: &str) -> Option<String> {
    let name = disposition.split("filename=\"").nth(1)?.split('"').next()?;
    let name = name.rsplit(['/', '\\']).next()?.trim();
    (!name.is_empty()).then(|| name.to_owned())
}

async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, ApiFailure> {
    if response.ok() {
        return response.json().await.map_err(|_| ApiFailure::BadAnswer);
    }
    Err(failure(response).await)
}

/// What a non-success answer means: a gateway that cannot answer now, or the
/// server's refusal with its code.
async fn failure(response: Response) -> ApiFailure {
    if matches!(response.status(), 502..=504) {
        // Readable on another origin only if the server exposes it to CORS.
        let retry_after = response.headers().get("retry-after");
        return ApiFailure::Unavailable(retry_after.as_deref().and_then(retry_after_seconds));
    }
    match response.json::<ApiError>().await {
        Ok(error) => ApiFailure::Refused(error.code),
        Err(_) => ApiFailure::Refused("server.internal".to_owned()),
    }
}

/// `Retry-After` in seconds; its date form is not worth a clock here.
fn retry_after_seconds(value: &str) -> Option<Duration> {
    value.trim().parse().ok().map(Duration::from_secs)
}

#[cfg(test)]
mod tests {
    use customer_import_domain::wire::{ImportResult, Verdict};

    use super::*;

    #[test]
    fn retry_after_is_read_in_seconds() {
        assert_eq!(retry_after_seconds(" 2"), Some(Duration::from_secs(2)));
        assert_eq!(retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT"), None);
        assert_eq!(retry_after_seconds("-1"), None);
    }

    #[test]
    fn of_an_import_answer_the_batch_is_read_and_the_text_kept_as_it_came() {
        let result = ImportResult {
            batch_id: 7,
            verdicts: vec![Verdict::Created {
                row: 2,
                customer_id: 40,
            }],
        };
        let text = serde_json::to_string(&result).unwrap_or_default();
        assert_eq!(
            Imported::read(text.clone()),
            Ok(Imported { batch_id: 7, text })
        );
        for unreadable in ["", "[]", r#"{"batch_id":7}"#, r#"{"verdicts":[]}"#] {
            assert_eq!(
                Imported::read(unreadable.into()),
                Err(ApiFailure::BadAnswer),
                "{unreadable}"
            );
        }
    }

    #[test]
    fn attachment_names_are_taken_without_folders() {
        assert_eq!(
            attachment_name("attachment; filename=\"fjordparken-template.xlsx\"").as_deref(),
            Some("fjordparken-template.xlsx")
        );
        assert_eq!(
            attachment_name("attachment; filename=\"../../x.csv\"").as_deref(),
            Some("x.csv")
        );
        assert_eq!(attachment_name("attachment"), None);
        assert_eq!(attachment_name("attachment; filename=\"\""), None);
    }
}
