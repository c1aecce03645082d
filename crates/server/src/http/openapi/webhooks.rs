//! The events the server POSTs to a portal's webhook, described in the document's
//! `webhooks` section (OpenAPI 3.1): a portal generates its receiver's types from the
//! same document as its client. The payloads are written by
//! [`crate::portal::delivery`] from its own structs; their shape is spelled out here
//! because those structs borrow and flatten what they carry.

use serde_json::{Value, json};

/// The three Standard Webhooks headers every delivery carries.
fn signature_headers() -> Value {
    json!([
        {
            "name": "webhook-id", "in": "header", "required": true,
            "description": "The event's id (`evt_…`), the same at every attempt: drop repeats by it.",
            "schema": { "type": "string", "pattern": "^evt_[0-9]+$" },
        },
        {
            "name": "webhook-timestamp", "in": "header", "required": true,
            "description": "When this attempt was signed (unix seconds): refuse one far from now.",
            "schema": { "type": "string", "pattern": "^[0-9]+$" },
        },
        {
            "name": "webhook-signature", "in": "header", "required": true,
            "description": "`v1,<base64 HMAC-SHA256 of \"{webhook-id}.{webhook-timestamp}.{body}\">`, keyed with the \
                webhook secret's bytes (the base64 after `whsec_`), per the Standard Webhooks \
                specification: verify it with a `standardwebhooks` library.",
            "schema": { "type": "string", "pattern": "^v1,[A-Za-z0-9+/]+=*( v1,[A-Za-z0-9+/]+=*)*$" },
        },
    ])
}

/// The envelope of an event of `event_type` whose `data` is `data`.
fn event(event_type: &str, data: Value) -> Value {
    json!({
        "type": "object",
        "required": ["id", "type", "created_at", "sequence", "data"],
        "properties": {
            "id": { "type": "string", "pattern": "^evt_[0-9]+$", "description": "As the `webhook-id` header" },
            "type": { "const": event_type },
            "created_at": { "type": "integer", "description": "When the event was made (unix seconds); a redelivery keeps it" },
            "sequence": {
                "type": "integer",
                "description": "The organization's change number: apply an event to a customer only if it is higher than the one you applied to that customer",
            },
            "data": data,
        },
    })
}

/// The part of every event's `data` that names where the change happened.
fn data(reason: Option<Value>, customer: Value) -> Value {
    let mut properties = json!({
        "project_id": { "type": "integer" },
        "project_portal_id": { "type": ["string", "null"], "description": "The portal's id of the project; null for a project it did not provision" },
        "batch_id": { "type": "integer", "description": "The import" },
        "customers": { "type": "array", "maxItems": crate::portal::delivery::EVENT_CUSTOMERS, "items": customer },
    });
    let mut required = vec!["project_id", "project_portal_id", "batch_id", "customers"];
    if let Some(reason) = reason {
        properties["reason"] = reason;
        required.push("reason");
    }
    json!({ "type": "object", "required": required, "properties": properties })
}

/// The event schemas, by component name.
pub fn schemas() -> Vec<(&'static str, Value)> {
    let created = json!({
        "allOf": [
            { "$ref": "#/components/schemas/Customer" },
            {
                "type": "object",
                "required": ["id", "row"],
                "properties": {
                    "id": { "type": "integer" },
                    "row": { "type": "integer", "minimum": 0, "description": "The row of the user's file it came from" },
                },
            },
        ],
    });
    let removed = json!({
        "type": "object",
        "required": ["id", "row", "external_id"],
        "properties": {
            "id": { "type": "integer" },
            "row": { "type": ["integer", "null"], "minimum": 0 },
            "external_id": { "type": ["string", "null"], "description": "The customer number it had" },
        },
    });
    let changed = json!({
        "type": "object",
        "required": ["id", "row", "external_id", "version", "changes"],
        "properties": {
            "id": { "type": "integer" },
            "row": { "type": "integer", "minimum": 0 },
            "external_id": { "type": ["string", "null"] },
            "version": { "type": "integer" },
            "changes": { "type": "array", "items": { "$ref": "#/components/schemas/FieldChange" } },
        },
    });
    vec![
        (
            "CustomersCreatedEvent",
            event("customers.created", data(None, created)),
        ),
        (
            "CustomersRemovedEvent",
            event(
                "customers.removed",
                data(Some(json!({ "const": "import_undone" })), removed),
            ),
        ),
        (
            "CustomersUpdatedEvent",
            event(
                "customers.updated",
                data(
                    Some(json!({ "enum": ["import", "import_undone"] })),
                    changed,
                ),
            ),
        ),
    ]
}

/// The `webhooks` section: one POST per event type.
pub fn webhooks() -> Value {
    let mut section = json!({});
    for (event_type, schema, summary) in [
        (
            "customers.created",
            "CustomersCreatedEvent",
            "Customers an import created, up to 1,000 an event",
        ),
        (
            "customers.removed",
            "CustomersRemovedEvent",
            "Customers removed by undoing their import",
        ),
        (
            "customers.updated",
            "CustomersUpdatedEvent",
            "Customers an import updated, or an undo put back",
        ),
    ] {
        section[event_type] = json!({
            "post": {
                "summary": summary,
                "description": "POSTed to the organization's webhook (`PUT /api/provisioning/webhook`), \
                    signed per the Standard Webhooks specification, at least once and not in order: \
                    apply it by `sequence`. Failures are retried with doubling backoff (see the \
                    server's `--webhook-retry-*` settings).",
                "operationId": event_type,
                "security": [],
                "parameters": signature_headers(),
                "requestBody": {
                    "required": true,
                    "content": { "application/json": { "schema": { "$ref": format!("#/components/schemas/{schema}") } } },
                },
                "responses": {
                    "2XX": { "description": "Received: the event is not sent again" },
                    "default": { "description": "Anything else, or no answer within 10 s: sent again later" },
                },
            },
        });
    }
    section
}
