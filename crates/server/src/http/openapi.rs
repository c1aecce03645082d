//! `GET /api/openapi.json`: the API described as OpenAPI 3.1, generated from the
//! handlers' annotations and the wire types of the domain crate, so the document
//! changes with the code. Public: it holds no data.

use crate::{
    portal::delivery::EventStatus,
    portal::provisioning::{
        CompanyTypeSpec, CompanyTypesSpec, GroupSpec, GroupsSpec, ProjectSpec, Provisioned,
        UnitSpec, UnitsSpec, UserSpec, WebhookSpec,
    },
    portal::pull::{
        BatchPage, CustomerPage, RemovalPage, StoredBatch, StoredCustomer, StoredRemoval,
    },
};
use axum::Json;
use customer_import_domain::schema::default_fields;
use customer_import_domain::{
    country::Country,
    mapping::{Mapping, Source},
    schema::{CustomField, Field, Kind, LocalText, ValueType},
    update::{FieldChange, ImportMode, MatchKey},
    validate::{
        FieldError, Problem,
        row::{AccountManager, CompanyType},
    },
    wire::{
        ApiError, CurrentCustomer, CustomerLookup, CustomerLookupResult, ImportChunk, ImportDetail,
        ImportPage, ImportResult, ImportRow, ImportSchema, ImportSummary, KeyMatch, LookupKey, Me,
        NotRemoved, NotRestored, ProjectSummary, RemovalReason, Role, RowOutcome, RowStatus,
        SharedMapping, SharedMappingSave, UndoResult, UpdateChoice, Verdict,
    },
};
use serde_json::{Value, json};
use utoipa::{
    Modify, OpenApi,
    openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme},
};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "customer-import",
        description = "Creates customers in a project from rows the browser has read, mapped \
            and validated. Every error answer has the same shape (`ApiError`): a stable \
            `code` to translate and an English `message`. Calls from a web page of another \
            origin are refused unless that origin is a configured portal.",
    ),
    paths(
        super::routes::health::healthz,
        super::routes::account::me,
        super::routes::account::projects,
        super::routes::schema::import_schema,
        super::routes::import::import_chunk,
        super::routes::lookup::lookup,
        super::routes::history::list,
        super::routes::history::detail,
        super::routes::history::undo,
        super::routes::mappings::get_mapping,
        super::routes::mappings::put_mapping,
        super::routes::export::project_file,
        super::routes::provisioning::put_project,
        super::routes::provisioning::put_units,
        super::routes::provisioning::put_user,
        super::routes::provisioning::put_groups,
        super::routes::provisioning::put_company_types,
        super::routes::provisioning::put_webhook,
        super::routes::delivery::deliveries,
        super::routes::delivery::redeliver,
        super::routes::pull::customers,
        super::routes::pull::removals,
        super::routes::pull::batches,
        super::routes::keys::list,
        super::routes::keys::rotate,
        super::routes::keys::revoke,
        openapi_json,
    ),
    components(schemas(
        super::routes::export::ProjectFile, AccountManager, ApiError, CompanyType, Country, Field, FieldError, ImportChunk,
        ImportResult, ImportRow, ImportSchema, Kind, Me, Problem, ProjectSummary, Role, Verdict,
        ProjectSpec, UnitsSpec, UnitSpec, UserSpec, GroupsSpec, GroupSpec, CompanyTypesSpec,
        CompanyTypeSpec, Provisioned, WebhookSpec, EventStatus, CustomerPage, BatchPage,
        StoredCustomer, StoredBatch, RemovalPage, StoredRemoval, CustomField, ValueType, LocalText,
        crate::portal::pull::CustomValues, ImportSummary,
        ImportPage, ImportDetail, RowOutcome, RemovalReason, NotRemoved, UndoResult, Mapping,
        Source, SharedMapping, SharedMappingSave, crate::identity::org_keys::KeyInfo,
        crate::identity::org_keys::IssuedKey, super::routes::keys::KeyRequest,
        UpdateChoice, ImportMode, MatchKey, FieldChange, CurrentCustomer, CustomerLookup,
        LookupKey, KeyMatch, CustomerLookupResult, RowStatus, NotRestored,
    )),
    modifiers(&BearerToken),
    security(("bearer" = [])),
)]
pub struct ApiDoc;

/// Every call but the health check and this document needs `Authorization: Bearer …`:
/// a user's token (or the portal's signed token for its user), or for provisioning an
/// organization API key.
struct BearerToken;

impl Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        components.add_security_scheme(
            "organization_key",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "An organization API key (cik_…), made on the command line",
                    ))
                    .build(),
            ),
        );
    }
}

/// The API description.
#[utoipa::path(
    get,
    path = "/api/openapi.json",
    security(()),
    responses((status = 200, description = "This document", content_type = "application/json")),
)]
pub async fn openapi_json() -> Json<Value> {
    Json(document())
}

/// The document, with the import's limits that the derived schemas cannot say: a
/// client generated from it sends only what the server accepts (an OpenAPI tester
/// checks that every request valid by the document is accepted).
pub fn document() -> Value {
    let mut doc = serde_json::to_value(ApiDoc::openapi()).unwrap_or_default();
    let schemas = &mut doc["components"]["schemas"];
    schemas["ImportChunk"]["properties"]["rows"]["minItems"] = json!(1);
    schemas["ImportChunk"]["properties"]["rows"]["maxItems"] =
        json!(crate::imports::import::MAX_ROWS);
    let keys: Vec<String> = default_fields().into_iter().map(|f| f.key).collect();
    schemas["ImportRow"]["properties"]["values"]["propertyNames"] = json!({ "enum": keys });
    schemas["UpdateChoice"]["properties"]["blank"]["items"] = json!({ "enum": keys });
    schemas["CustomerLookup"]["properties"]["keys"]["minItems"] = json!(1);
    schemas["CustomerLookup"]["properties"]["keys"]["maxItems"] =
        json!(customer_import_domain::wire::MAX_LOOKUP_KEYS);
    if let Some(parameters) =
        doc["paths"]["/api/projects/{id}/import"]["post"]["parameters"].as_array_mut()
    {
        for p in parameters
            .iter_mut()
            .filter(|p| p["name"] == "Idempotency-Key")
        {
            // Visible ASCII, no space at either end, 1 to 200 characters.
            p["schema"] = json!({
                "type": "string",
                "minLength": 1,
                "maxLength": 200,
                "pattern": "^[!-~]([ -~]{0,198}[!-~])?$",
            });
        }
    }
    for method in ["get", "put"] {
        if let Some(parameters) =
            doc["paths"]["/api/mappings/{signature}"][method]["parameters"].as_array_mut()
        {
            for p in parameters.iter_mut().filter(|p| p["name"] == "signature") {
                p["schema"] = json!({ "type": "string", "pattern": "^[0-9a-f]{16}$" });
            }
        }
    }
    doc
}
