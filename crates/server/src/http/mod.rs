//! The router: which path goes to which handler, and the layers every answer passes
//! through (tracing, compression, timeouts, security and caching headers).

mod error;
pub mod json;
mod openapi;
pub mod origins;
mod problem_texts;
mod routes;
pub(crate) mod serve;
pub mod state;
pub mod static_site;

use std::time::Duration;

use axum::{
    Router,
    extract::DefaultBodyLimit,
    http::{HeaderName, HeaderValue, StatusCode, header},
    middleware,
    routing::{get, post, put},
};
use tower_http::{
    compression::CompressionLayer,
    services::{ServeDir, ServeFile},
    set_header::SetResponseHeaderLayer,
    timeout::TimeoutLayer,
    trace::TraceLayer,
};

use self::{origins::OriginCheck, state::AppState};
use self::{
    routes::{
        account, delivery, export, health, history, import, keys, lookup, mappings, provisioning,
        pull, schema,
    },
    static_site::StaticSite,
};
use crate::{error::AppError, identity::access};

/// A chunk of 5,000 rows with long notes stays well under this.
const IMPORT_BODY_LIMIT: usize = 8 * 1024 * 1024;

pub fn router(state: AppState, site: Option<StaticSite>) -> Router {
    // Everything about one project: only reachable through the access check.
    let project = Router::new()
        .route("/schema", get(schema::import_schema))
        .route("/{file}", get(export::project_file))
        .route(
            "/customers/lookup",
            post(lookup::lookup).layer(DefaultBodyLimit::max(IMPORT_BODY_LIMIT)),
        )
        .route("/imports", get(history::list))
        .route("/imports/{batch}", get(history::detail))
        .route("/imports/{batch}/undo", post(history::undo))
        .route(
            "/import",
            post(import::import_chunk).layer(DefaultBodyLimit::max(IMPORT_BODY_LIMIT)),
        )
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            access::require_project::<AppState>,
        ));

    // Server to server, signed with an organization key.
    let provisioning = Router::new()
        .route("/projects/{id}", put(provisioning::put_project))
        .route("/projects/{id}/units", put(provisioning::put_units))
        .route("/projects/{id}/customers", get(pull::customers))
        .route("/projects/{id}/removals", get(pull::removals))
        .route("/projects/{id}/batches", get(pull::batches))
        .route("/users/{id}", put(provisioning::put_user))
        .route("/groups", put(provisioning::put_groups))
        .route("/company-types", put(provisioning::put_company_types))
        .route("/webhook", put(provisioning::put_webhook))
        .route("/deliveries", get(delivery::deliveries))
        .route("/deliveries/{id}/redeliver", post(delivery::redeliver))
        .route("/keys", get(keys::list).post(keys::rotate))
        .route("/keys/{id}/revoke", post(keys::revoke));

    let api = Router::new()
        .route("/openapi.json", get(openapi::openapi_json))
        .nest("/provisioning", provisioning)
        .route("/me", get(account::me))
        .route("/projects", get(account::projects))
        .route(
            "/mappings/{signature}",
            get(mappings::get_mapping).put(mappings::put_mapping),
        )
        .nest("/projects/{id}", project)
        .fallback(|| async { AppError::NotFound })
        // Answers depend on the token and change with every import: never cache them.
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ));

    let portals = state.portals.clone();
    let mut app = Router::new()
        .route("/healthz", get(health::healthz))
        .nest("/api", api);

    if let Some(site) = site {
        // Unknown paths get index.html so the app can handle deep links.
        let files = ServeDir::new(&site.dir).fallback(ServeFile::new(site.dir.join("index.html")));
        let static_routes = Router::new()
            .fallback_service(files)
            .layer(SetResponseHeaderLayer::overriding(
                header::CONTENT_SECURITY_POLICY,
                site.content_security_policy(&portals.frame_ancestors()),
            ))
            .layer(SetResponseHeaderLayer::overriding(
                header::CACHE_CONTROL,
                HeaderValue::from_static("no-cache"),
            ));
        app = app.merge(static_routes);
    }

    app.layer(middleware::from_fn_with_state(
        OriginCheck {
            public: state.public.clone(),
            portals: state.portals.clone(),
        },
        origins::check_origin,
    ))
    // Outside the origin check, so its refusals are written in the caller's language too.
    .layer(middleware::from_fn(error::localize))
    .with_state(state)
    .layer(SetResponseHeaderLayer::overriding(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    ))
    .layer(SetResponseHeaderLayer::overriding(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    ))
    .layer(SetResponseHeaderLayer::overriding(
        HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    ))
    .layer(CompressionLayer::new())
    .layer(TimeoutLayer::with_status_code(
        StatusCode::REQUEST_TIMEOUT,
        Duration::from_secs(60),
    ))
    .layer(TraceLayer::new_for_http())
}
