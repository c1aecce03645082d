//! Runs the example portal backend: `customer-import-portal-example`, configured by
//! environment variables (scripts/start.sh sets them; see `Config`).

use customer_import_portal_example::{Config, Portal, router};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let var = |name: &str| {
        std::env::var(name).map_err(|_| anyhow::anyhow!("{name} is not set (see scripts/start.sh)"))
    };
    let addr = var("PORTAL_ADDR").unwrap_or_else(|_| "127.0.0.1:8000".to_owned());
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    let portal_url = format!("http://{}", listener.local_addr()?);
    let portal = Portal::new(Config {
        import_server: var("PORTAL_IMPORT_SERVER")?,
        portal_url: portal_url.clone(),
        api_key: var("PORTAL_API_KEY")?,
        jwt_secret: var("PORTAL_JWT_SECRET")?,
        jwt_issuer: var("PORTAL_JWT_ISSUER")?,
        jwt_audience: var("PORTAL_JWT_AUDIENCE")?,
        webhook_secret: var("PORTAL_WEBHOOK_SECRET")?,
    });
    portal.provision().await?;
    println!("example portal at {portal_url}/ (signed in as Liv Portal)");
    axum::serve(listener, router(portal))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}
