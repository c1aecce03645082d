//! The error answers every operation may give whatever its handler does, because
//! they come from the layers around it (the host check, the origin check, the
//! database's health, the request's time limit): added to each operation of the
//! document so a generated client knows their bodies too. Every error body is a
//! problem details object (RFC 9457), so each is said as `application/problem+json`.

use serde_json::{Value, json};

use crate::http::error::PROBLEM_JSON;

fn api_error(description: &str) -> Value {
    json!({
        "description": description,
        "content": { PROBLEM_JSON: { "schema": { "$ref": "#/components/schemas/ApiError" } } },
    })
}

/// The answers added to every operation, by status.
fn shared() -> Vec<(&'static str, Value)> {
    let mut unavailable = api_error(
        "`server.unavailable`: the database did not answer in time; send the same request \
         again (with the same `Idempotency-Key`) after `Retry-After` seconds",
    );
    unavailable["headers"] = json!({
        "Retry-After": { "description": "Seconds to wait", "schema": { "type": "integer" } },
    });
    vec![
        (
            "403",
            api_error(
                "`auth.origin_not_allowed`: called from a web page whose origin is not a configured portal",
            ),
        ),
        (
            "408",
            json!({ "description": "The request took longer than 60 s to arrive and be answered; no body" }),
        ),
        (
            "421",
            api_error(
                "`request.unknown_host`: the `Host` is not one of the server's public addresses",
            ),
        ),
        ("500", api_error("`server.internal`: a fault of the server")),
        ("503", unavailable),
    ]
}

/// Adds the shared answers to every operation that does not describe them itself.
pub fn add_shared(doc: &mut Value) {
    let Some(paths) = doc["paths"].as_object_mut() else {
        return;
    };
    for item in paths.values_mut() {
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        for operation in item.values_mut().filter(|o| o.is_object()) {
            let Some(responses) = operation["responses"].as_object_mut() else {
                continue;
            };
            for answer in responses.values_mut() {
                as_problem(answer);
            }
            for (status, answer) in shared() {
                responses.entry(status).or_insert(answer);
            }
        }
    }
}

/// An answer whose body is an `ApiError`, said as the media type it is sent as.
fn as_problem(answer: &mut Value) {
    let Some(content) = answer.get_mut("content").and_then(Value::as_object_mut) else {
        return;
    };
    let is_error = content
        .get("application/json")
        .is_some_and(|c| c["schema"]["$ref"] == "#/components/schemas/ApiError");
    if is_error && let Some(body) = content.remove("application/json") {
        content.insert(PROBLEM_JSON.to_owned(), body);
    }
}
