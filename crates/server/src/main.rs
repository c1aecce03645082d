use clap::Parser;
use customer_import_server::{Cli, Command, Db, Server, Settings, admin};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match cli.command {
        None => serve(cli.serve).await,
        Some(command) => {
            let db = Db::connect(&cli.serve.database.url).await?;
            println!("{}", run_account_command(&db, command).await?);
            Ok(())
        }
    }
}

async fn serve(settings: Settings) -> anyhow::Result<()> {
    let server = Server::prepare(&settings).await?;
    let url = format!("http://{}", server.local_addr()?);
    let mut banner = format!("\ncustomer-import is running at {url}/\n");
    if let Some(demo) = &server.demo {
        banner += &format!("{}\n", demo.banner(&url));
    }
    banner += "Press Ctrl+C to stop.\n";
    // A supervisor (or a test) may close our stdout once it has read the address: the
    // server goes on serving, where `println!` would panic.
    let _ = std::io::Write::write_all(&mut std::io::stdout(), banner.as_bytes());
    server.serve(shutdown_signal()).await?;
    tracing::info!("stopped");
    Ok(())
}

/// Carries out an account command and says what it did, in one line a script can use.
async fn run_account_command(db: &Db, command: Command) -> anyhow::Result<String> {
    Ok(match command {
        Command::CreateOrganization { name, portal_id } => {
            let id = admin::create_organization(db, &name).await?;
            if let Some(portal_id) = &portal_id {
                admin::set_organization_portal_id(db, id, portal_id).await?;
            }
            format!("created organization {id}: {name}")
        }
        Command::IssueApiKey {
            organization,
            label,
            overlap_hours,
            keep_in,
        } => match keep_in {
            Some(file) => admin::kept_api_key(db, &organization, &label, &file).await?,
            None => {
                admin::rotate_api_key(db, &organization, &label, overlap_hours)
                    .await?
                    .key
            }
        },
        Command::ListApiKeys { organization } => admin::list_api_keys(db, &organization)
            .await?
            .iter()
            .map(|k| {
                let state = match (&k.revoked_at, k.expires_at, k.valid) {
                    (Some(at), _, _) => format!("revoked {at}"),
                    (None, Some(at), true) => {
                        format!("valid until {at} (unix time), being replaced")
                    }
                    (None, Some(at), false) => format!("expired {at} (unix time)"),
                    (None, None, _) => "valid".to_owned(),
                };
                format!("{}\t{}\tmade {}\t{state}", k.id, k.label, k.created_at)
            })
            .collect::<Vec<_>>()
            .join("\n"),
        Command::RevokeApiKey { organization, id } => {
            admin::revoke_api_key(db, &organization, id).await?;
            format!("revoked API key {id} of {organization}")
        }
        Command::CreateUser {
            organization,
            email,
            name,
            role,
        } => {
            let id = admin::create_user(db, &organization, &email, &name, role).await?;
            format!("created user {id}: {name} <{email}>")
        }
        Command::CreateProject {
            organization,
            name,
            country,
        } => {
            let id = admin::create_project(db, &organization, &name, &country).await?;
            format!("created project {id}: {name}")
        }
        Command::AddUnits {
            organization,
            project,
            codes,
        } => {
            let added = admin::add_units(db, &organization, &project, &codes).await?;
            format!("added {added} of {} units to {project}", codes.len())
        }
        Command::AssignCaseHandler {
            organization,
            project,
            user,
        } => {
            admin::assign_case_handler(db, &organization, &project, &user).await?;
            format!("{user} is case handler of {project}")
        }
        Command::IssueToken {
            user,
            organization,
            label,
            expires_in_days,
        } => {
            admin::issue_token(db, organization.as_deref(), &user, &label, expires_in_days).await?
        }
        Command::RevokeTokens { user, organization } => {
            let revoked = admin::revoke_tokens(db, organization.as_deref(), &user).await?;
            format!("revoked {revoked} tokens of {user}")
        }
    })
}

/// Completes on Ctrl+C or SIGTERM, so requests in flight finish before exit.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
