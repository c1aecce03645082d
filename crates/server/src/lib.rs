//! The thin backend of customer-import.
//!
//! [`app`] builds the whole router from its state so tests drive it with `oneshot`
//! and no socket; [`Server`] binds it to an address for `main` and the browser tests.

pub mod admin;
pub mod basics;
pub mod config;
pub mod cpu;
pub mod db;
pub mod demo;
pub mod error;
pub mod http;
pub mod identity;
pub mod imports;
pub mod portal;

use std::{future::Future, net::SocketAddr};

use axum::Router;
use tokio::net::TcpListener;

pub use config::{Cli, Command, Settings};
pub use db::Db;
pub use demo::DemoUsers;
pub use http::{origins::Origins, state::AppState};
use http::{serve, static_site::StaticSite};
use identity::portal_token::PortalTrust;
use portal::delivery::Dispatcher;

/// The complete HTTP surface: the API, and the built app when `site` is given.
pub fn app(state: AppState, site: Option<StaticSite>) -> Router {
    http::router(state, site)
}

/// A server that is bound and migrated but not yet answering.
pub struct Server {
    listener: TcpListener,
    router: Router,
    /// Present when started with demo data: the demo users and their fresh tokens.
    pub demo: Option<DemoUsers>,
    header_timeout: std::time::Duration,
    dispatcher: Dispatcher,
}

impl Server {
    /// Opens (creating and migrating) the database, loads the built app, seeds demo
    /// data when asked, and binds the address.
    pub async fn prepare(settings: &Settings) -> anyhow::Result<Server> {
        let portals = Origins::parse(&settings.portal_origins)?;
        let db = Db::connect_waiting(&settings.database.url).await?;
        let site = match &settings.dist {
            Some(dir) => Some(StaticSite::load(dir)?),
            None => None,
        };
        let demo = if settings.demo {
            Some(demo::seed(&db).await?)
        } else {
            None
        };
        let listener = TcpListener::bind(settings.addr).await?;
        let public = if settings.public_urls.is_empty() {
            Origins::loopback(listener.local_addr()?).ok_or_else(|| {
                anyhow::anyhow!(
                    "listening on {} needs --public-url (CUSTOMER_IMPORT_PUBLIC_URLS): the \
                     address users open, e.g. https://import.example.com",
                    settings.addr
                )
            })?
        } else {
            Origins::parse(&settings.public_urls)?
        };
        let trust = PortalTrust::from_settings(&settings.trust())?;
        let allow_private_webhooks = settings.private_webhooks_allowed();
        let mut dispatcher = Dispatcher::new(db.clone(), allow_private_webhooks);
        dispatcher.lease = std::time::Duration::from_secs(settings.webhook_lease_secs);
        dispatcher.first_retry = std::time::Duration::from_secs(settings.webhook_retry_first_secs);
        dispatcher.longest_retry =
            std::time::Duration::from_secs(settings.webhook_retry_longest_secs);
        dispatcher.give_up_after =
            std::time::Duration::from_secs(u64::from(settings.webhook_retry_for_hours) * 3600);
        let state = AppState::new(db)
            .with_portals(portals)
            .with_public(public)
            .with_portal_trust(trust)
            .allowing_private_webhooks(allow_private_webhooks)
            .with_undo_days(settings.undo_days);
        Ok(Server {
            listener,
            router: app(state, site),
            dispatcher,
            demo,
            header_timeout: serve::HEADER_TIMEOUT,
        })
    }

    /// Wraps the router, e.g. in a layer that records requests (browser tests).
    pub fn map_router(mut self, wrap: impl FnOnce(Router) -> Router) -> Server {
        self.router = wrap(self.router);
        self
    }

    /// How long a client may take to send a request's headers (tests shorten it).
    pub fn with_header_timeout(mut self, timeout: std::time::Duration) -> Server {
        self.header_timeout = timeout;
        self
    }

    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Answers requests until `shutdown` completes, then finishes the requests in
    /// flight before returning.
    pub async fn serve(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        // The dispatcher stops with the server; an event it was sending is sent again
        // once its lease ends.
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let mut stopped_too = stopped.clone();
        let delivering = tokio::spawn(self.dispatcher.run(async move {
            let _ = stopped_too.wait_for(|s| *s).await;
        }));
        let served = serve::serve(
            self.listener,
            self.router,
            self.header_timeout,
            async move {
                shutdown.await;
                let _ = stop.send(true);
            },
        )
        .await;
        drop(stopped);
        let _ = delivering.await;
        served
    }
}
