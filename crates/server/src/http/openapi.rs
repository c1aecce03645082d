//! `GET /api/openapi.json`: the API described as OpenAPI 3.1, generated from the
//! handlers' annotations and the wire types of the domain crate, so the document
//! changes with the code. Public: it holds no data.

mod errors;
mod webhooks;

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
        ApiError, CurrentCustomer, CustomerLookup, CustomerLookupResult, FieldProblem, ImportChunk,
        ImportDetail, ImportFile, ImportFileCounts, ImportPage, ImportResult, ImportRow,
        ImportSchema, ImportSummary, KeyMatch, LookupKey, Me, NotRemoved, NotRestored,
        ProjectSummary, RemovalReason, Role, RowOutcome, RowStatus, SharedMapping,
        SharedMappingSave, UndoResult, UpdateChoice, Verdict,
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
            and validated. Every error answer has the same shape (`ApiError`), an RFC 9457 \
            problem details object (`application/problem+json`): a stable `code` to branch \
            on, a `detail` in the language `Accept-Language` asks for (nb, fi, sv, en), and \
            for values that cannot be used, `errors`: each one's JSON Pointer, code and \
            words. A project in a path is the server's id or `portal:` and the portal's \
            own id. Calls from a web page of another origin are refused unless that origin \
            is a configured portal.",
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
        super::routes::export::ProjectFile, AccountManager, ApiError, FieldProblem, CompanyType, Country, Field, FieldError, ImportChunk,
        ImportResult, ImportRow, ImportSchema, Kind, Me, Problem, ProjectSummary, Role, Verdict,
        ProjectSpec, UnitsSpec, UnitSpec, UserSpec, GroupsSpec, GroupSpec, CompanyTypesSpec,
        CompanyTypeSpec, Provisioned, crate::portal::provisioning::ProvisionedId, WebhookSpec, EventStatus, CustomerPage, BatchPage,
        StoredCustomer, StoredBatch, RemovalPage, StoredRemoval, CustomField, ValueType, LocalText,
        crate::portal::pull::CustomValues, ImportSummary,
        ImportPage, ImportDetail, RowOutcome, RemovalReason, NotRemoved, UndoResult, Mapping,
        Source, SharedMapping, SharedMappingSave, crate::identity::org_keys::KeyInfo,
        crate::identity::org_keys::IssuedKey, super::routes::keys::KeyRequest,
        UpdateChoice, ImportMode, MatchKey, FieldChange, CurrentCustomer, CustomerLookup,
        LookupKey, KeyMatch, CustomerLookupResult, RowStatus, NotRestored,
        customer_import_domain::validate::Customer, ImportFile, ImportFileCounts,
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
    // A built-in field, or one of the project's own (`custom.<name>`, see its schema).
    let field = json!({ "anyOf": [
        { "enum": keys },
        { "type": "string", "pattern": CUSTOM_FIELD_KEY },
    ] });
    schemas["ImportRow"]["properties"]["values"]["propertyNames"] = field.clone();
    // What leaves the server keys a project's own fields' values by declared name.
    let declared = json!({ "type": "string", "pattern": CUSTOM_FIELD_NAME });
    schemas["Customer"]["properties"]["custom"]["propertyNames"] = declared.clone();
    schemas["CustomValues"]["propertyNames"] = declared;
    schemas["UpdateChoice"]["properties"]["blank"]["items"] = field;
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
    errors::add_shared(&mut doc);
    for (name, schema) in webhooks::schemas() {
        doc["components"]["schemas"][name] = schema;
    }
    doc["webhooks"] = webhooks::webhooks();
    doc
}

/// The key of a project's own field: `custom.` and its declared name.
const CUSTOM_FIELD_KEY: &str = "^custom\\.[a-z][a-z0-9_]*$";
/// A project's own field's declared name, by which its values are delivered.
const CUSTOM_FIELD_NAME: &str = "^[a-z][a-z0-9_]*$";

#[cfg(test)]
mod tests {
    use super::*;

    fn operations(doc: &Value) -> Vec<(String, &Value)> {
        let mut found = Vec::new();
        for (path, item) in doc["paths"].as_object().into_iter().flatten() {
            for (method, operation) in item.as_object().into_iter().flatten() {
                found.push((format!("{method} {path}"), operation));
            }
        }
        found
    }

    /// A parameter declared `in: path` is a `{name}` of its path, and every `{name}` is
    /// declared: what OpenAPI requires, and what a generated client builds URLs from.
    #[test]
    fn path_parameters_are_the_paths_own() {
        let doc = document();
        let mut wrong = Vec::new();
        for (operation, op) in operations(&doc) {
            let path = operation.split_once(' ').map_or("", |(_, p)| p);
            let declared: Vec<&str> = op["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|p| p["in"] == "path")
                .filter_map(|p| p["name"].as_str())
                .collect();
            for name in &declared {
                if !path.contains(&format!("{{{name}}}")) {
                    wrong.push(format!("{operation}: `{name}` is not in the path"));
                }
            }
            for name in path.split('{').skip(1).filter_map(|s| s.split('}').next()) {
                if !declared.contains(&name) {
                    wrong.push(format!("{operation}: `{name}` is not declared"));
                }
            }
        }
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    /// A client knows the body of every error it can be given.
    #[test]
    fn every_error_answer_has_its_body_described() {
        let doc = document();
        let mut bare = Vec::new();
        for (operation, op) in operations(&doc) {
            for (status, answer) in op["responses"].as_object().into_iter().flatten() {
                let error = status.starts_with('4') || status.starts_with('5');
                let body = &answer["content"][crate::http::error::PROBLEM_JSON]["schema"]["$ref"];
                if error && status != "408" && body != "#/components/schemas/ApiError" {
                    bare.push(format!("{operation} {status}"));
                }
            }
        }
        assert!(bare.is_empty(), "{bare:#?}");
    }

    #[test]
    fn a_row_may_carry_the_projects_own_fields() {
        let doc = document();
        let names = &doc["components"]["schemas"]["ImportRow"]["properties"]["values"]["propertyNames"]
            ["anyOf"];
        assert!(names[0]["enum"].as_array().is_some_and(|k| k.len() == 18));
        assert_eq!(names[1]["pattern"], CUSTOM_FIELD_KEY);
    }

    #[test]
    fn custom_values_are_described_by_their_declared_names() {
        let doc = document();
        let schemas = &doc["components"]["schemas"];
        for names in [
            &schemas["Customer"]["properties"]["custom"]["propertyNames"],
            &schemas["CustomValues"]["propertyNames"],
        ] {
            assert_eq!(names["pattern"], CUSTOM_FIELD_NAME);
        }
    }

    #[test]
    fn every_event_type_is_described_as_a_webhook() {
        let doc = document();
        for event in [
            "customers.created",
            "customers.removed",
            "customers.updated",
        ] {
            let post = &doc["webhooks"][event]["post"];
            let reference = post["requestBody"]["content"]["application/json"]["schema"]["$ref"]
                .as_str()
                .unwrap_or_default();
            let name = reference.rsplit('/').next().unwrap_or_default();
            assert_eq!(
                doc["components"]["schemas"][name]["properties"]["type"]["const"], event,
                "{event}"
            );
        }
    }
}
