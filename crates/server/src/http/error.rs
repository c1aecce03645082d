//! How each kind of [`AppError`] is answered, in one place: its status, its stable
//! code, the values at fault (each with a code of its own), a message safe to show,
//! and the headers some answers carry (`Retry-After`, `WWW-Authenticate`). The body is
//! an RFC 9457 problem details object (`application/problem+json`, `wire::ApiError`).
//!
//! An answer is first written in English without `instance`, since an error does not
//! know the request it answers; [`localize`], a layer around every route, writes it
//! again in the language the request's `Accept-Language` asks for (the words are in
//! [`super::problem_texts`]) with the request's path as `instance`.

use axum::{
    body::Body,
    extract::Request,
    http::{HeaderValue, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use customer_import_domain::{
    texts::Language,
    wire::{ApiError, FieldProblem},
};

use super::problem_texts;
use crate::error::{AppError, Invalid, Reason, pointer_part};

/// The media type of every error answer (RFC 9457).
pub const PROBLEM_JSON: &str = "application/problem+json";

fn status_and_code(error: &AppError) -> (StatusCode, &'static str) {
    match error {
        AppError::Unauthenticated => (StatusCode::UNAUTHORIZED, "auth.unauthenticated"),
        AppError::TokenRefused(refusal) => (StatusCode::UNAUTHORIZED, refusal.code()),
        AppError::Forbidden => (StatusCode::FORBIDDEN, "auth.forbidden"),
        AppError::Refused(code) => (StatusCode::FORBIDDEN, code),
        AppError::OriginNotAllowed => (StatusCode::FORBIDDEN, "auth.origin_not_allowed"),
        AppError::UnknownHost => (StatusCode::MISDIRECTED_REQUEST, "request.unknown_host"),
        AppError::NotFound => (StatusCode::NOT_FOUND, "not_found"),
        AppError::BadRequest(code) | AppError::BadValues(code, _) => {
            (StatusCode::BAD_REQUEST, code)
        }
        AppError::Conflict(code) => (StatusCode::CONFLICT, code),
        AppError::Invalid(_) => (StatusCode::UNPROCESSABLE_ENTITY, "request.invalid_field"),
        AppError::Unprocessable(code) => (StatusCode::UNPROCESSABLE_ENTITY, code),
        AppError::InvalidDefinition(_) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            "provisioning.invalid_custom_fields",
        ),
        AppError::TooLarge(code) => (StatusCode::PAYLOAD_TOO_LARGE, code),
        AppError::Unavailable(_) | AppError::Conflicted(_) | AppError::Stale => {
            (StatusCode::SERVICE_UNAVAILABLE, "server.unavailable")
        }
        AppError::Database(_) | AppError::Corrupt(_) | AppError::Workbook(_) => {
            (StatusCode::INTERNAL_SERVER_ERROR, "server.internal")
        }
    }
}

/// The values at fault, each where it is.
fn invalid(error: &AppError) -> Vec<Invalid> {
    match error {
        AppError::Invalid(problems) | AppError::BadValues(_, problems) => problems.clone(),
        AppError::InvalidDefinition(e) => {
            let mut pointer = "/custom_fields".to_owned();
            if let Some((index, _)) = e.field() {
                pointer.push_str(&format!("/{index}"));
                if let Some(member) = e.member() {
                    pointer.push('/');
                    pointer.push_str(&pointer_part(member));
                }
            }
            vec![Invalid::new(pointer, Reason::Definition(e.clone()))]
        }
        _ => Vec::new(),
    }
}

/// The stable code of one reason a value cannot be used.
fn reason_code(reason: &Reason) -> &'static str {
    use customer_import_domain::schema::DefinitionError as D;
    match reason {
        Reason::Empty => "value.required",
        Reason::Hidden => "value.hidden_character",
        Reason::TooLong => "value.too_long",
        Reason::NotAnEmail => "value.email_invalid",
        Reason::Country => "value.country_unknown",
        Reason::UnknownProject(_) => "value.project_unknown",
        Reason::UrlMalformed => "webhook.url_malformed",
        Reason::UrlNotHttps => "webhook.url_not_https",
        Reason::UrlPrivate => "webhook.url_private",
        Reason::UrlUnresolved => "webhook.url_unresolved",
        Reason::Secret(_) => "webhook.secret_invalid",
        Reason::TooMuch(_) => "value.too_large",
        Reason::UnknownField(_) => "value.field_unknown",
        Reason::UnknownFile => "import.file_unknown",
        Reason::FileUnnamed => "import.file_unnamed",
        Reason::Shape(_) => "value.shape",
        Reason::Definition(e) => match e {
            D::Name { .. } => "custom_field.name_invalid",
            D::NameTwice { .. } => "custom_field.name_twice",
            D::Label { .. } => "custom_field.label_invalid",
            D::Language { .. } => "custom_field.language_unknown",
            D::Options { .. } => "custom_field.options_invalid",
            D::Pattern { .. } => "custom_field.pattern_invalid",
            D::SlowPattern { .. } => "custom_field.pattern_slow",
            D::SlowPatterns { .. } => "custom_field.patterns_slow",
            D::Example { .. } => "custom_field.example_mismatch",
            D::TooMany => "custom_field.too_many",
        },
    }
}

/// Seconds a client should wait before sending a 503'd request again.
const RETRY_AFTER_SECONDS: &str = "2";

/// What an error answer says, kept on the response until [`localize`] writes it in
/// the caller's language.
#[derive(Debug, Clone)]
struct Problem {
    status: StatusCode,
    code: &'static str,
    /// In English: the error's own words, or the safe words of a server fault.
    detail: String,
    invalid: Vec<Invalid>,
}

impl Problem {
    fn body(&self, language: Language, instance: Option<String>) -> ApiError {
        let errors: Vec<FieldProblem> = self
            .invalid
            .iter()
            .map(|p| {
                let code = reason_code(&p.reason);
                FieldProblem {
                    pointer: p.pointer.clone(),
                    code: code.to_owned(),
                    detail: problem_texts::reason(language, code, &p.reason),
                }
            })
            .collect();
        ApiError {
            kind: format!("tag:customer-import,2026:problem/{}", self.code),
            title: self.status.canonical_reason().unwrap_or("Error").to_owned(),
            status: self.status.as_u16(),
            // One value's own words say the most; several are counted.
            detail: match errors.as_slice() {
                [one] => one.detail.clone(),
                _ => problem_texts::detail(language, self.code, errors.len())
                    .unwrap_or_else(|| self.detail.clone()),
            },
            instance,
            code: self.code.to_owned(),
            errors,
        }
    }

    fn write(&self, language: Language, instance: Option<String>) -> Body {
        Body::from(serde_json::to_vec(&self.body(language, instance)).unwrap_or_default())
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, code) = status_and_code(&self);
        let detail = if status == StatusCode::SERVICE_UNAVAILABLE {
            tracing::warn!(error = %self, "request answered 503");
            "the service is unavailable for a moment; send the same request again".to_owned()
        } else if status.is_server_error() {
            tracing::error!(error = %self, "request failed");
            "internal server error".to_owned()
        } else {
            self.to_string()
        };
        let problem = Problem {
            status,
            code,
            detail,
            invalid: invalid(&self),
        };
        let mut response = (status, problem.write(Language::En, None)).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        headers.insert(header::CONTENT_LANGUAGE, HeaderValue::from_static("en"));
        if status == StatusCode::SERVICE_UNAVAILABLE {
            headers.insert(
                header::RETRY_AFTER,
                HeaderValue::from_static(RETRY_AFTER_SECONDS),
            );
        }
        if status == StatusCode::UNAUTHORIZED {
            headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response.extensions_mut().insert(problem);
        response
    }
}

/// The layer that writes every error answer in the language of the request's
/// `Accept-Language`, with the request's path as its `instance`.
pub async fn localize(request: Request, next: Next) -> Response {
    let language = request
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map_or(Language::En, problem_texts::preferred);
    let instance = request.uri().path().to_owned();
    let response = next.run(request).await;
    let Some(problem) = response.extensions().get::<Problem>().cloned() else {
        return response;
    };
    let (mut parts, _) = response.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_LANGUAGE,
        HeaderValue::from_static(language.tag()),
    );
    // The words depend on the header: a cache must not hand them to another language.
    parts
        .headers
        .append(header::VARY, HeaderValue::from_static("accept-language"));
    Response::from_parts(parts, problem.write(language, Some(instance)))
}

#[cfg(test)]
mod tests {
    use customer_import_domain::schema::DefinitionError as D;

    use super::*;

    /// One of each reason, so a new one without words fails here.
    fn every_reason() -> Vec<Reason> {
        let name = || "areal".to_owned();
        vec![
            Reason::Empty,
            Reason::Hidden,
            Reason::TooLong,
            Reason::NotAnEmail,
            Reason::Country,
            Reason::UnknownProject("p-1".into()),
            Reason::UrlMalformed,
            Reason::UrlNotHttps,
            Reason::UrlPrivate,
            Reason::UrlUnresolved,
            Reason::Secret("short"),
            Reason::TooMuch(168),
            Reason::UnknownField("custom.x".into()),
            Reason::Shape("invalid type: integer `2`, expected a string".into()),
            Reason::Definition(D::Name {
                index: 0,
                name: name(),
            }),
            Reason::Definition(D::NameTwice {
                index: 0,
                name: name(),
            }),
            Reason::Definition(D::Label {
                index: 0,
                name: name(),
            }),
            Reason::Definition(D::Language {
                index: 0,
                name: name(),
            }),
            Reason::Definition(D::Options {
                index: 0,
                name: name(),
            }),
            Reason::Definition(D::Pattern {
                index: 0,
                name: name(),
                reason: "(".into(),
            }),
            Reason::Definition(D::SlowPattern {
                index: 0,
                name: name(),
                size: 20_000,
            }),
            Reason::Definition(D::SlowPatterns { size: 70_000 }),
            Reason::Definition(D::Example {
                index: 0,
                name: name(),
            }),
            Reason::Definition(D::TooMany),
        ]
    }

    #[test]
    fn every_reason_has_its_own_words_in_every_language() {
        for reason in every_reason() {
            let code = reason_code(&reason);
            for language in Language::ALL {
                let words = problem_texts::reason(language, code, &reason);
                assert_ne!(words, reason.to_string(), "{code} in {language:?}");
                assert!(!words.contains('{'), "{code} in {language:?}: {words}");
            }
        }
    }

    #[test]
    fn a_problem_is_written_as_rfc_9457_says() {
        let error = AppError::Invalid(vec![
            Invalid::new("/name", Reason::Empty),
            Invalid::new("/country", Reason::Country),
        ]);
        let problem = Problem {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            code: "request.invalid_field",
            detail: error.to_string(),
            invalid: invalid(&error),
        };
        let body = serde_json::to_value(problem.body(Language::En, Some("/x".into()))).unwrap();
        assert_eq!(
            body,
            serde_json::json!({
                "type": "tag:customer-import,2026:problem/request.invalid_field",
                "title": "Unprocessable Entity",
                "status": 422,
                "detail": "2 values of the request cannot be used.",
                "instance": "/x",
                "code": "request.invalid_field",
                "errors": [
                    { "pointer": "/name", "code": "value.required",
                      "detail": "Required: it may not be empty." },
                    { "pointer": "/country", "code": "value.country_unknown",
                      "detail": "Not a country the import knows: write NO, FI or SE." },
                ],
            })
        );
    }
}
