//! The example portal (`examples/portal-backend`), run in this process on a port of its
//! own so the servers deliver webhooks to it over real HTTP, behind a gate that can
//! pause its receiver: while paused, deliveries hang until they time out on the
//! server's side, as with a portal stuck in a long garbage collection or a deploy.

use std::{net::SocketAddr, sync::Arc};

use axum::{extract::Request, middleware::Next, response::Response};
use customer_import_portal_example::{Config, Customer, Portal, router};
use tokio::sync::watch;

pub struct RunningPortal {
    pub portal: Arc<Portal>,
    pub addr: SocketAddr,
    paused: watch::Sender<bool>,
    serving: tokio::task::JoinHandle<()>,
}

impl RunningPortal {
    /// Binds a port, provisions the portal's project, units, user and webhook through
    /// `config.import_server`, and serves.
    pub async fn start(mut config: Config) -> anyhow::Result<RunningPortal> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        config.portal_url = format!("http://{addr}");
        let portal = Portal::new(config);
        portal.provision().await?;
        let (paused, gate) = watch::channel(false);
        let app = router(portal.clone()).layer(axum::middleware::from_fn(
            move |request: Request, next: Next| {
                let mut gate = gate.clone();
                async move {
                    let _ = gate.wait_for(|paused| !paused).await;
                    let response: Response = next.run(request).await;
                    response
                }
            },
        ));
        let serving = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(RunningPortal {
            portal,
            addr,
            paused,
            serving,
        })
    }

    pub fn pause(&self, paused: bool) {
        self.paused.send_replace(paused);
    }

    pub fn customers(&self) -> Vec<Customer> {
        self.portal.customers()
    }
}

impl Drop for RunningPortal {
    fn drop(&mut self) {
        self.serving.abort();
    }
}
