//! Settings from command-line flags, each with an environment variable as fallback so
//! the same binary is configured the same way by hand, by scripts and by containers.

use std::{net::SocketAddr, path::PathBuf};

use clap::Parser;

#[derive(Debug, Clone, Parser)]
#[command(name = "customer-import-server", version, about)]
pub struct Settings {
    /// Address to listen on.
    #[arg(long, env = "CUSTOMER_IMPORT_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,

    /// `sqlite://FILE` (created on first start) or `postgres://…`.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/customer-import.db"
    )]
    pub database_url: String,

    /// Folder holding the built web app (`trunk build --release`). Without it only the
    /// API is served.
    #[arg(long, env = "CUSTOMER_IMPORT_DIST")]
    pub dist: Option<PathBuf>,

    /// Create the demo organization, projects and users if missing, and print a fresh
    /// token for each demo user.
    #[arg(long, env = "CUSTOMER_IMPORT_DEMO")]
    pub demo: bool,
}
