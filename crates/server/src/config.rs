//! The command line: serving (the default) and setting up accounts. Every flag has an
//! environment variable as fallback so the same binary is configured the same way by
//! hand, by scripts and by containers.

use std::{net::SocketAddr, path::PathBuf};

use clap::{Args, Parser, Subcommand};

use crate::{admin::UserRole, db::redacted, identity::portal_token::TrustSettings};

#[derive(Debug, Clone, Parser)]
#[command(
    name = "customer-import-server",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Without a command the server starts with these settings.
    #[command(flatten)]
    pub serve: Settings,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Clone, Args)]
pub struct Database {
    /// `sqlite://FILE` (created on first start) or `postgres://…`.
    // Its value may carry a password: `--help` must not echo the variable.
    #[arg(
        long = "database-url",
        global = true,
        env = "DATABASE_URL",
        hide_env_values = true,
        default_value = "sqlite://data/customer-import.db"
    )]
    pub url: String,
}

impl std::fmt::Debug for Database {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Database")
            .field("url", &redacted(&self.url))
            .finish()
    }
}

#[derive(Debug, Clone, Args)]
pub struct Settings {
    /// Address to listen on.
    #[arg(long, env = "CUSTOMER_IMPORT_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,

    #[command(flatten)]
    pub database: Database,

    /// Folder holding the built web app (`trunk build --release`). Without it only the
    /// API is served.
    #[arg(long, env = "CUSTOMER_IMPORT_DIST")]
    pub dist: Option<PathBuf>,

    /// Create the demo organization, projects and users if missing, and print a fresh
    /// token for each demo user.
    #[arg(long, env = "CUSTOMER_IMPORT_DEMO")]
    pub demo: bool,

    /// Origin of a portal that embeds the wizard (e.g. `https://portal.example.com`):
    /// its pages may call the API and frame the app. Repeat the flag, or separate
    /// origins by commas in the variable. None by default.
    #[arg(
        long = "portal-origin",
        env = "CUSTOMER_IMPORT_PORTAL_ORIGINS",
        value_delimiter = ','
    )]
    pub portal_origins: Vec<String>,

    /// The address users open the app at (e.g. `https://import.example.com`), behind
    /// any proxy: requests for other host names are refused, and only pages of these
    /// origins count as our own. Needed unless listening on a loopback address.
    #[arg(
        long = "public-url",
        env = "CUSTOMER_IMPORT_PUBLIC_URLS",
        value_delimiter = ','
    )]
    pub public_urls: Vec<String>,

    /// The `iss` a portal's signed tokens must carry.
    #[arg(long = "jwt-issuer", env = "CUSTOMER_IMPORT_JWT_ISSUER")]
    pub jwt_issuer: Option<String>,
    /// The `aud` a portal's signed tokens must carry.
    #[arg(long = "jwt-audience", env = "CUSTOMER_IMPORT_JWT_AUDIENCE")]
    pub jwt_audience: Option<String>,
    /// A secret shared with the portal (at least 32 bytes): its tokens may be HS256.
    #[arg(
        long = "jwt-hs256-secret",
        env = "CUSTOMER_IMPORT_JWT_HS256_SECRET",
        hide_env_values = true
    )]
    pub jwt_hs256_secret: Option<String>,
    /// The portal's public key (PEM, RSA or Ed25519): its tokens may be RS256 or EdDSA.
    #[arg(long = "jwt-public-key", env = "CUSTOMER_IMPORT_JWT_PUBLIC_KEY")]
    pub jwt_public_key: Option<PathBuf>,
    /// The portal's keys as a JWKS file (RS256 or EdDSA keys named by `kid`).
    #[arg(long = "jwt-jwks", env = "CUSTOMER_IMPORT_JWT_JWKS")]
    pub jwt_jwks: Option<PathBuf>,
    /// The portal's JWKS URL: fetched when a token names a key not yet known.
    #[arg(long = "jwt-jwks-url", env = "CUSTOMER_IMPORT_JWT_JWKS_URL")]
    pub jwt_jwks_url: Option<String>,

    /// Let webhooks point at private, loopback and link-local addresses (a portal on
    /// the same machine or network, in development; `--demo` allows them too). Off:
    /// the server cannot be aimed at internal services.
    #[arg(long, env = "CUSTOMER_IMPORT_ALLOW_PRIVATE_WEBHOOKS")]
    pub allow_private_webhooks: bool,

    /// Seconds before a failed webhook delivery is first sent again; each later pause
    /// doubles (with up to half again at random).
    #[arg(
        long = "webhook-retry-first",
        env = "CUSTOMER_IMPORT_WEBHOOK_RETRY_FIRST",
        value_name = "SECONDS",
        default_value_t = crate::portal::delivery::FIRST_RETRY.as_secs(),
        value_parser = clap::value_parser!(u64).range(1..=86_400)
    )]
    pub webhook_retry_first_secs: u64,

    /// The longest pause, in seconds, between two attempts of one delivery.
    #[arg(
        long = "webhook-retry-longest",
        env = "CUSTOMER_IMPORT_WEBHOOK_RETRY_LONGEST",
        value_name = "SECONDS",
        default_value_t = crate::portal::delivery::LONGEST_RETRY.as_secs(),
        value_parser = clap::value_parser!(u64).range(1..=86_400)
    )]
    pub webhook_retry_longest_secs: u64,

    /// Hours an event is retried, from when it was made (or redelivered), before it is
    /// dead (listed, and sent again only on request).
    #[arg(
        long = "webhook-retry-for",
        env = "CUSTOMER_IMPORT_WEBHOOK_RETRY_FOR",
        value_name = "HOURS",
        default_value_t = (crate::portal::delivery::GIVE_UP_AFTER.as_secs() / 3600) as u32,
        value_parser = clap::value_parser!(u32).range(1..=720)
    )]
    pub webhook_retry_for_hours: u32,

    /// Seconds the webhook events an instance has claimed stay its own: after a crash,
    /// another instance (or this one restarted) sends them once this has passed.
    /// Shorter than its five sends timing out (50 s), a slow receiver may be sent an
    /// event twice; repeats are dropped by event id anyway.
    #[arg(
        long = "webhook-lease",
        env = "CUSTOMER_IMPORT_WEBHOOK_LEASE",
        value_name = "SECONDS",
        default_value_t = crate::portal::delivery::DEFAULT_LEASE.as_secs(),
        value_parser = clap::value_parser!(u64).range(1..)
    )]
    pub webhook_lease_secs: u64,

    /// Days during which an import may be undone (its customers removed) by an
    /// organization admin or the user who made it; 0 turns undo off.
    #[arg(
        long = "undo-days",
        env = "CUSTOMER_IMPORT_UNDO_DAYS",
        value_name = "DAYS",
        default_value_t = crate::imports::history::DEFAULT_UNDO_DAYS,
        value_parser = clap::value_parser!(u32).range(0..=3650)
    )]
    pub undo_days: u32,
}

impl Settings {
    /// Serving `database_url` on `addr`, everything else off: for programs that start
    /// a server themselves (tests, benchmarks) and set what they need.
    pub fn new(addr: SocketAddr, database_url: String) -> Settings {
        Settings {
            addr,
            database: Database { url: database_url },
            dist: None,
            demo: false,
            portal_origins: Vec::new(),
            public_urls: Vec::new(),
            jwt_issuer: None,
            jwt_audience: None,
            jwt_hs256_secret: None,
            jwt_public_key: None,
            jwt_jwks: None,
            jwt_jwks_url: None,
            allow_private_webhooks: false,
            webhook_retry_first_secs: crate::portal::delivery::FIRST_RETRY.as_secs(),
            webhook_retry_longest_secs: crate::portal::delivery::LONGEST_RETRY.as_secs(),
            webhook_retry_for_hours: (crate::portal::delivery::GIVE_UP_AFTER.as_secs() / 3600)
                as u32,
            webhook_lease_secs: crate::portal::delivery::DEFAULT_LEASE.as_secs(),
            undo_days: crate::imports::history::DEFAULT_UNDO_DAYS,
        }
    }

    /// Whether webhooks may point at private, loopback and link-local addresses: when
    /// the operator says so, and in demo mode, which runs on one machine for trying
    /// the product out (the example portal listens on loopback). Never otherwise.
    pub fn private_webhooks_allowed(&self) -> bool {
        self.allow_private_webhooks || self.demo
    }

    /// How a portal's tokens are checked.
    pub fn trust(&self) -> TrustSettings {
        TrustSettings {
            issuer: self.jwt_issuer.clone(),
            audience: self.jwt_audience.clone(),
            hs256_secret: self.jwt_hs256_secret.clone(),
            public_key: self.jwt_public_key.clone(),
            jwks: self.jwt_jwks.clone(),
            jwks_url: self.jwt_jwks_url.clone(),
        }
    }
}

/// Account set-up; the database is the one `--database-url` names.
#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Create an organization, with the default company types.
    CreateOrganization {
        name: String,
        /// The portal's id of the organization: its signed tokens name it in `org`.
        #[arg(long)]
        portal_id: Option<String>,
    },
    /// Create a user of an organization.
    CreateUser {
        #[arg(long)]
        organization: String,
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        #[arg(long, value_enum, default_value = "member")]
        role: UserRole,
    },
    /// Create a project of an organization.
    CreateProject {
        #[arg(long)]
        organization: String,
        #[arg(long)]
        name: String,
        /// NO, FI or SE: decides phone numbers' and postal codes' rules.
        #[arg(long)]
        country: String,
    },
    /// Add units (e.g. A-101) to a project; existing ones are kept.
    AddUnits {
        #[arg(long)]
        organization: String,
        #[arg(long)]
        project: String,
        #[arg(required = true)]
        codes: Vec<String>,
    },
    /// Make a user case handler of a project, so they may import into it.
    AssignCaseHandler {
        #[arg(long)]
        organization: String,
        #[arg(long)]
        project: String,
        /// The user's e-mail address.
        #[arg(long)]
        user: String,
    },
    /// Issue an API token for a user and print it (it is stored hashed and cannot be
    /// shown again).
    IssueToken {
        /// The user's e-mail address.
        #[arg(long)]
        user: String,
        /// The user's organization, when users of several have that address.
        #[arg(long)]
        organization: Option<String>,
        #[arg(long, default_value = "cli")]
        label: String,
        /// Days until the token stops working; without it, until revoked.
        #[arg(long)]
        expires_in_days: Option<u32>,
    },
    /// Issue an API key with which the organization's portal backend provisions its
    /// projects, units, users, groups and company types; printed once, stored hashed.
    IssueApiKey {
        #[arg(long)]
        organization: String,
        #[arg(long, default_value = "portal")]
        label: String,
        /// Hours the organization's keys valid before this one stay valid, so the
        /// portal switches without a gap (0: they end now). Keys already being
        /// replaced end now: two keys are valid at once only during a rotation.
        #[arg(
            long,
            default_value_t = crate::identity::org_keys::DEFAULT_OVERLAP_HOURS,
            value_parser = clap::value_parser!(u32).range(0..=i64::from(crate::identity::org_keys::MAX_OVERLAP_HOURS))
        )]
        overlap_hours: u32,
        /// Keep the key in this file: print the one it holds while valid, otherwise
        /// issue a new one and write it there (for scripts that start the portal).
        #[arg(long, value_name = "FILE", conflicts_with = "overlap_hours")]
        keep_in: Option<PathBuf>,
    },
    /// List an organization's API keys: id, label, when made, until when valid.
    ListApiKeys {
        #[arg(long)]
        organization: String,
    },
    /// Revoke one of an organization's API keys at once (its id from list-api-keys).
    RevokeApiKey {
        #[arg(long)]
        organization: String,
        #[arg(long)]
        id: i64,
    },
    /// Revoke every token of a user.
    RevokeTokens {
        /// The user's e-mail address.
        #[arg(long)]
        user: String,
        /// The user's organization, when users of several have that address.
        #[arg(long)]
        organization: Option<String>,
    },
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn no_command_serves_and_commands_take_the_database_flag() {
        let cli =
            Cli::try_parse_from(["s", "--demo", "--portal-origin", "https://a.example"]).unwrap();
        assert!(cli.command.is_none() && cli.serve.demo);
        assert_eq!(cli.serve.portal_origins, ["https://a.example"]);
        assert_eq!(cli.serve.webhook_lease_secs, 100);
        assert_eq!(cli.serve.webhook_retry_first_secs, 10);
        assert_eq!(cli.serve.webhook_retry_longest_secs, 3600);
        assert_eq!(cli.serve.webhook_retry_for_hours, 25);
        assert!(
            cli.serve.private_webhooks_allowed(),
            "--demo allows loopback"
        );
        let production = Cli::try_parse_from(["s", "--webhook-retry-first", "30"]).unwrap();
        assert_eq!(production.serve.webhook_retry_first_secs, 30);
        assert!(!production.serve.private_webhooks_allowed());
        assert!(Cli::try_parse_from(["s", "--webhook-lease", "0"]).is_err());
        assert_eq!(cli.serve.undo_days, 14);
        assert_eq!(
            Cli::try_parse_from(["s", "--undo-days", "30"])
                .unwrap()
                .serve
                .undo_days,
            30
        );
        assert_eq!(
            Cli::try_parse_from(["s", "--undo-days", "0"])
                .unwrap()
                .serve
                .undo_days,
            0
        );
        assert!(Cli::try_parse_from(["s", "--undo-days", "3651"]).is_err());

        let cli = Cli::try_parse_from([
            "s",
            "create-organization",
            "Nordbygg",
            "--database-url",
            "sqlite://x.db",
        ])
        .unwrap();
        assert_eq!(cli.serve.database.url, "sqlite://x.db");
        assert!(
            matches!(cli.command, Some(Command::CreateOrganization { name, portal_id: None }) if name == "Nordbygg")
        );

        // Serving flags make no sense with a command: refused, not ignored.
        assert!(Cli::try_parse_from(["s", "--demo", "create-organization", "X"]).is_err());
    }

    #[test]
    fn a_database_password_is_never_printed_in_the_settings() {
        let cli =
            Cli::try_parse_from(["s", "--database-url", "postgres://ci:pw-1234@db/x"]).unwrap();
        assert!(!format!("{cli:?}").contains("pw-1234"));
    }
}
