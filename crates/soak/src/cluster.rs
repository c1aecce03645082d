//! The processes of the system under test: a throwaway PostgreSQL cluster, the server
//! instances (the real binary, each its own process, so it can be killed with
//! SIGKILL), and HAProxy in front of them. Every process is stopped when its value is
//! dropped, so an interrupted soak leaves nothing running.

use std::{
    net::SocketAddr,
    path::{Path, PathBuf},
    process::Stdio,
    time::Duration,
};

use anyhow::{Context, bail};
use tokio::process::{Child, Command};

/// A free loopback port (bound and released; the race with another process taking it
/// in between is accepted in a test harness).
pub fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

fn running_as_root() -> bool {
    std::env::var("USER").is_ok_and(|u| u == "root")
        || std::process::Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|o| o.stdout.starts_with(b"0\n"))
}

/// A PostgreSQL cluster in a temporary folder, listening on loopback only.
pub struct Postgres {
    dir: PathBuf,
    bin: PathBuf,
    pub port: u16,
}

impl Postgres {
    pub async fn start(dir: &Path) -> anyhow::Result<Postgres> {
        let bin = std::fs::read_dir("/usr/lib/postgresql")
            .context("PostgreSQL is not installed (scripts/setup.sh --test installs it)")?
            .filter_map(|e| e.ok())
            .map(|e| e.path().join("bin"))
            .filter(|b| b.join("initdb").exists())
            .max()
            .context("no initdb under /usr/lib/postgresql")?;
        let postgres = Postgres {
            dir: dir.to_owned(),
            bin,
            port: free_port()?,
        };
        std::fs::create_dir_all(dir)?;
        if running_as_root() {
            // initdb refuses root; the package brings a `postgres` user.
            run(Command::new("chown").args(["postgres"]).arg(dir)).await?;
        }
        postgres
            .as_pg(&format!(
                "'{}/initdb' -D '{}/data' -A trust -U postgres",
                postgres.bin.display(),
                dir.display()
            ))
            .await?;
        postgres.pg_ctl("start").await?;
        Ok(postgres)
    }

    pub fn url(&self, port: u16) -> String {
        format!("postgres://postgres@127.0.0.1:{port}/postgres")
    }

    /// Starts the cluster unless it runs.
    pub async fn ensure_running(&self) -> anyhow::Result<()> {
        if self.query("SELECT 1").await.is_err() {
            self.pg_ctl("start").await?;
        }
        Ok(())
    }

    /// Stops the cluster at once, as a crash would, and starts it again (it recovers
    /// from its write-ahead log).
    pub async fn crash_and_restart(&self) -> anyhow::Result<()> {
        self.pg_ctl("stop -m immediate").await?;
        self.pg_ctl("start").await
    }

    async fn pg_ctl(&self, action: &str) -> anyhow::Result<()> {
        let d = self.dir.display();
        self.as_pg(&format!(
            "'{}/pg_ctl' -D '{d}/data' -l '{d}/log' -w -o \"-p {} -k {d} -c listen_addresses=127.0.0.1\" {action}",
            self.bin.display(),
            self.port
        ))
        .await
    }

    async fn as_pg(&self, command: &str) -> anyhow::Result<()> {
        if running_as_root() {
            run(Command::new("su").args(["postgres", "-s", "/bin/sh", "-c", command])).await
        } else {
            run(Command::new("sh").args(["-c", command])).await
        }
    }

    /// Runs `sql` through psql and answers its rows, fields separated by tabs.
    pub async fn query(&self, sql: &str) -> anyhow::Result<String> {
        let out = Command::new(self.bin.join("psql"))
            .args(["-X", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1"])
            .args(["-h", "127.0.0.1", "-U", "postgres", "-p"])
            .arg(self.port.to_string())
            .args(["-c", sql])
            .output()
            .await?;
        if !out.status.success() {
            bail!("psql: {}", String::from_utf8_lossy(&out.stderr));
        }
        Ok(String::from_utf8(out.stdout)?)
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let d = self.dir.display();
        let command = format!(
            "'{}/pg_ctl' -D '{d}/data' -m immediate stop",
            self.bin.display()
        );
        let mut stop = std::process::Command::new("sh");
        if running_as_root() {
            stop = std::process::Command::new("su");
            stop.args(["postgres", "-s", "/bin/sh", "-c", &command]);
        } else {
            stop.args(["-c", &command]);
        }
        let _ = stop.stdout(Stdio::null()).stderr(Stdio::null()).status();
    }
}

async fn run(command: &mut Command) -> anyhow::Result<()> {
    let out = command.output().await?;
    if !out.status.success() {
        bail!(
            "{command:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(())
}

/// One server instance: the real binary in a process of its own.
pub struct Instance {
    pub name: &'static str,
    pub addr: SocketAddr,
    binary: PathBuf,
    args: Vec<String>,
    env: Vec<(String, String)>,
    log: PathBuf,
    child: Option<Child>,
}

impl Instance {
    pub fn new(
        name: &'static str,
        binary: &Path,
        args: Vec<String>,
        env: Vec<(String, String)>,
        log: PathBuf,
    ) -> anyhow::Result<Instance> {
        Ok(Instance {
            name,
            addr: SocketAddr::from(([127, 0, 0, 1], free_port()?)),
            binary: binary.to_owned(),
            args,
            env,
            log,
            child: None,
        })
    }

    /// Starts the process and waits until it answers `/healthz`.
    pub async fn start(&mut self, extra: &[&str]) -> anyhow::Result<()> {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log)?;
        // Named after the soak's folder, so that scripts/soak.sh finds and stops it
        // even when the soak itself was killed.
        let arg0 = format!(
            "{} (soak {})",
            self.binary.display(),
            self.log.parent().unwrap_or(Path::new("")).display()
        );
        let child = Command::new(&self.binary)
            .arg0(arg0)
            .arg("--addr")
            .arg(self.addr.to_string())
            .args(&self.args)
            .args(extra)
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .stdout(Stdio::null())
            .stderr(log)
            .kill_on_drop(true)
            .spawn()
            .with_context(|| format!("starting {}", self.binary.display()))?;
        self.child = Some(child);
        let health = format!("http://{}/healthz", self.addr);
        let client = reqwest::Client::new();
        for _ in 0..600 {
            if let Some(child) = &mut self.child
                && let Some(status) = child.try_wait()?
            {
                bail!(
                    "instance {} exited at start: {status} (see {})",
                    self.name,
                    self.log.display()
                );
            }
            if client
                .get(&health)
                .timeout(Duration::from_secs(1))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success())
            {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        bail!(
            "instance {} did not become healthy (see {})",
            self.name,
            self.log.display()
        )
    }

    /// Whether its process is alive.
    pub fn running(&mut self) -> bool {
        self.child
            .as_mut()
            .is_some_and(|c| c.try_wait().is_ok_and(|status| status.is_none()))
    }

    /// How its process ended, if it ended on its own (not killed by [`Instance::kill`]).
    pub fn exited(&mut self) -> Option<std::process::ExitStatus> {
        self.child.as_mut()?.try_wait().ok()?
    }

    /// SIGKILL, as the kernel's OOM killer or a pulled plug would.
    pub async fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill().await;
        }
    }
}

/// HAProxy in front of the instances (reached through their fault proxies), checking
/// each by `/healthz` and retrying a connection refused by one on the other.
pub struct Haproxy {
    pub addr: SocketAddr,
    _child: Child,
}

impl Haproxy {
    pub async fn start(
        dir: &Path,
        addr: SocketAddr,
        backends: &[SocketAddr],
    ) -> anyhow::Result<Haproxy> {
        let servers: String = backends
            .iter()
            .enumerate()
            .map(|(i, b)| format!("    server i{i} {b} check inter 500ms fall 2 rise 1\n"))
            .collect();
        // Requests are never retried once sent (`retry-on conn-failure` only): a chunk
        // is the client's to send again, with its idempotency key.
        let config = format!(
            "global\n    maxconn 512\n\
             defaults\n    mode http\n    timeout connect 2s\n    timeout client 60s\n    timeout server 60s\n    retries 2\n    option redispatch\n    retry-on conn-failure\n\
             frontend soak\n    bind {addr}\n    default_backend instances\n\
             backend instances\n    balance roundrobin\n    option httpchk GET /healthz\n{servers}"
        );
        let file = dir.join("haproxy.cfg");
        std::fs::write(&file, config)?;
        let child = Command::new("haproxy")
            .arg("-db")
            .arg("-f")
            .arg(&file)
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(dir.join("haproxy.log"))?)
            .kill_on_drop(true)
            .spawn()
            .context("starting haproxy (scripts/setup.sh --test installs Debian's package)")?;
        let haproxy = Haproxy {
            addr,
            _child: child,
        };
        let client = reqwest::Client::new();
        for _ in 0..100 {
            if client
                .get(format!("http://{addr}/healthz"))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success())
            {
                return Ok(haproxy);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        bail!(
            "haproxy did not answer (see {})",
            dir.join("haproxy.log").display()
        )
    }
}
