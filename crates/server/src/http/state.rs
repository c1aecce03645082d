//! What every handler can reach, and the parts of it the extractors of other rooms
//! ask for by type ([`FromRef`]), so that they need not know this struct.

use std::sync::Arc;

use axum::extract::FromRef;

use crate::{
    db::Db,
    http::origins::Origins,
    identity::portal_token::PortalTrust,
    imports::{bulk::Creating, history::DEFAULT_UNDO_DAYS},
};

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    /// Portals that may use the API from their own pages and frame ours.
    pub portals: Arc<Origins>,
    /// Where this server is reached: requests for another host are refused, and
    /// only these origins are our own pages.
    pub public: Arc<Origins>,
    /// The portal whose signed tokens sign its users in, when one is configured.
    pub portal: Option<Arc<PortalTrust>>,
    /// Whether webhooks may point at private, loopback or link-local addresses.
    pub allow_private_webhooks: bool,
    /// Days after which an import may no longer be undone (`--undo-days`).
    pub undo_days: u32,
    /// How imports write new customers: in bulk, or the row path kept as the bulk
    /// path's reference in tests.
    pub creating: Creating,
}

impl AppState {
    /// The state of a server that no other origin may use and that knows no public
    /// address: only requests without `Host` and `Origin` (tests, scripts) pass.
    pub fn new(db: Db) -> AppState {
        AppState {
            db,
            portals: Arc::default(),
            public: Arc::default(),
            portal: None,
            allow_private_webhooks: false,
            undo_days: DEFAULT_UNDO_DAYS,
            creating: Creating::default(),
        }
    }

    pub fn with_creating(self, creating: Creating) -> AppState {
        AppState { creating, ..self }
    }

    pub fn with_undo_days(self, undo_days: u32) -> AppState {
        AppState { undo_days, ..self }
    }

    pub fn allowing_private_webhooks(self, allow: bool) -> AppState {
        AppState {
            allow_private_webhooks: allow,
            ..self
        }
    }

    pub fn with_portal_trust(self, portal: Option<PortalTrust>) -> AppState {
        AppState {
            portal: portal.map(Arc::new),
            ..self
        }
    }

    pub fn with_portals(self, portals: Origins) -> AppState {
        AppState {
            portals: Arc::new(portals),
            ..self
        }
    }

    pub fn with_public(self, public: Origins) -> AppState {
        AppState {
            public: Arc::new(public),
            ..self
        }
    }
}

impl FromRef<AppState> for Db {
    fn from_ref(state: &AppState) -> Db {
        state.db.clone()
    }
}

impl FromRef<AppState> for Option<Arc<PortalTrust>> {
    fn from_ref(state: &AppState) -> Option<Arc<PortalTrust>> {
        state.portal.clone()
    }
}
