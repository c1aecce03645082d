//! A PostgreSQL server of a test's own, made with the cluster tools of the
//! `postgresql` package, to stop and start while the product runs on it. Shared by the
//! server's fault tests and the browser tests (`#[path]`).
#![allow(dead_code, clippy::unwrap_used)]

use std::path::PathBuf;

/// A PostgreSQL server of this test's own, to stop and start.
pub struct TempPostgres {
    dir: tempfile::TempDir,
    bin: PathBuf,
    port: u16,
}

impl TempPostgres {
    pub fn start_new() -> TempPostgres {
        let bin = std::fs::read_dir("/usr/lib/postgresql")
            .expect("PostgreSQL is installed (scripts/setup.sh --test)")
            .map(|e| e.unwrap().path().join("bin"))
            .filter(|p| p.join("initdb").exists())
            .max_by_key(|p| {
                let version = p.parent().unwrap().file_name().unwrap().to_string_lossy();
                version.parse::<u32>().unwrap_or(0)
            })
            .expect("an initdb under /usr/lib/postgresql/*/bin");
        let dir = tempfile::tempdir().unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let pg = TempPostgres { dir, bin, port };
        if is_root() {
            // initdb refuses to run as root; the package brings a `postgres` user.
            run("chown", &["postgres", &pg.dir.path().display().to_string()]);
        }
        pg.as_postgres(&format!(
            "'{}/initdb' -D '{}/data' -A trust -U postgres > /dev/null",
            pg.bin.display(),
            pg.dir.path().display()
        ));
        pg.start();
        pg
    }

    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    pub fn start(&self) {
        self.as_postgres(&format!(
            "'{bin}/pg_ctl' -D '{dir}/data' -l '{dir}/log' -w -o \"-p {port} -k {dir} -c listen_addresses=127.0.0.1\" start > /dev/null",
            bin = self.bin.display(),
            dir = self.dir.path().display(),
            port = self.port
        ));
    }

    /// Stops the server the way an operator does: open connections are ended.
    pub fn stop(&self) {
        self.as_postgres(&format!(
            "'{}/pg_ctl' -D '{}/data' -m fast -w stop > /dev/null",
            self.bin.display(),
            self.dir.path().display()
        ));
    }

    fn as_postgres(&self, command: &str) {
        if is_root() {
            run("su", &["postgres", "-s", "/bin/sh", "-c", command]);
        } else {
            run("sh", &["-c", command]);
        }
    }
}

impl Drop for TempPostgres {
    fn drop(&mut self) {
        let command = format!(
            "'{}/pg_ctl' -D '{}/data' -m immediate stop > /dev/null 2>&1",
            self.bin.display(),
            self.dir.path().display()
        );
        let (program, args): (&str, Vec<&str>) = if is_root() {
            ("su", vec!["postgres", "-s", "/bin/sh", "-c", &command])
        } else {
            ("sh", vec!["-c", &command])
        };
        let _ = std::process::Command::new(program).args(args).status();
    }
}

fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"))
}

fn run(program: &str, args: &[&str]) {
    let status = std::process::Command::new(program)
        .args(args)
        .status()
        .unwrap();
    assert!(status.success(), "{program} {args:?}: {status}");
}
