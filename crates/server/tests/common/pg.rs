//! A throwaway PostgreSQL cluster from Debian's `postgresql` package (`initdb` and `pg_ctl` of
//! `/usr/lib/postgresql/*/bin`), one per test binary, with a fresh database per test.
//!
//! PostgreSQL refuses to run as root: as root, its tools run as the `postgres` user
//! (`runuser -u postgres --`), in a directory under `/tmp` that user owns. The cluster listens on
//! 127.0.0.1 only, on a free port, with `fsync=on`. A cluster value stops it
//! (`pg_ctl stop -m immediate`) when dropped; the shared one, which lives as long as the test
//! binary, is stopped and removed by a watcher process once the binary has exited.

use std::collections::HashMap;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

/// A running cluster.
pub struct PgCluster {
    dir: tempfile::TempDir,
    bin: PathBuf,
    port: u16,
    as_postgres: bool,
    databases: AtomicUsize,
    /// Seeded databases to copy, by the server arguments that seeded them.
    templates: Mutex<HashMap<Vec<String>, String>>,
    watcher: Option<Child>,
}

/// The binaries of the newest PostgreSQL installed from Debian's package; a failure that says
/// how to install it when there is none.
pub fn pg_bin() -> PathBuf {
    let mut found: Vec<(Vec<u32>, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let bin = e.path().join("bin");
            let version = e
                .file_name()
                .to_str()?
                .split('.')
                .map(|p| p.parse().ok())
                .collect::<Option<Vec<u32>>>()?;
            (bin.join("initdb").is_file() && bin.join("pg_ctl").is_file()).then_some((version, bin))
        })
        .collect();
    found.sort();
    match found.pop() {
        Some((_, bin)) => bin,
        None => panic!(
            "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): run \
             scripts/setup.sh, which installs Debian's postgresql package (CI runs it too)"
        ),
    }
}

fn is_root() -> bool {
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

fn check(what: &str, out: std::io::Result<Output>) -> Output {
    let out = out.unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(
        out.status.success(),
        "{what}: {}\n{}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// A port nobody listens on now.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

impl PgCluster {
    /// The cluster of this test binary, started on first use.
    pub fn shared() -> &'static PgCluster {
        static CLUSTER: OnceLock<PgCluster> = OnceLock::new();
        CLUSTER.get_or_init(|| PgCluster::start(true))
    }

    /// A new cluster; with `watched`, a watcher process also stops it when this process exits
    /// (for a cluster that is never dropped).
    pub fn start(watched: bool) -> PgCluster {
        let bin = pg_bin();
        let as_postgres = is_root();
        let dir = tempfile::Builder::new()
            .prefix("reservation-pg-")
            .tempdir_in("/tmp")
            .expect("a temporary directory under /tmp");
        if as_postgres {
            check(
                "chown postgres (is there a postgres user? run scripts/setup.sh)",
                Command::new("chown")
                    .arg("postgres:postgres")
                    .arg(dir.path())
                    .output(),
            );
        }
        let mut cluster = PgCluster {
            dir,
            bin,
            port: 0,
            as_postgres,
            databases: AtomicUsize::new(0),
            templates: Mutex::default(),
            watcher: None,
        };
        let data = cluster.data();
        check(
            "initdb",
            cluster
                .tool("initdb")
                .arg("-D")
                .arg(&data)
                .args(["-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C"])
                .args(["--no-sync", "--no-instructions"])
                .output(),
        );
        // Another process may take the free port before the server binds it: try another.
        let mut last = None;
        for _ in 0..5 {
            let port = free_port();
            let options = format!(
                "-c listen_addresses=127.0.0.1 -c port={port} -c fsync=on \
                 -c unix_socket_directories={} -c max_connections=200",
                cluster.dir.path().display()
            );
            let out = cluster
                .tool("pg_ctl")
                .arg("-D")
                .arg(&data)
                .arg("-l")
                .arg(cluster.dir.path().join("log"))
                .args(["-w", "-t", "60", "-o", &options, "start"])
                .output()
                .expect("pg_ctl start");
            if out.status.success() {
                cluster.port = port;
                break;
            }
            last = Some(out);
        }
        if cluster.port == 0 {
            let log = std::fs::read_to_string(cluster.dir.path().join("log")).unwrap_or_default();
            panic!("pg_ctl start failed: {last:?}\n{log}");
        }
        if watched {
            cluster.watcher = Some(cluster.watch());
        }
        cluster
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// One of the cluster's tools, run as `postgres` when this process is root.
    fn tool(&self, name: &str) -> Command {
        let path = self.bin.join(name);
        let mut cmd = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(path);
            c
        } else {
            Command::new(path)
        };
        // A folder the postgres user may enter (the test's may be closed to it).
        cmd.stdin(Stdio::null()).current_dir(self.dir.path());
        cmd
    }

    fn stop_command(&self) -> Command {
        let mut c = self.tool("pg_ctl");
        c.arg("-D")
            .arg(self.data())
            .args(["-m", "immediate", "-w", "stop"]);
        c
    }

    /// A process that waits for this one to exit, then stops the cluster and removes its folder.
    fn watch(&self) -> Child {
        let stop = self.stop_command();
        let mut line: Vec<String> = vec![stop.get_program().to_string_lossy().into_owned()];
        line.extend(stop.get_args().map(|a| a.to_string_lossy().into_owned()));
        let quoted: Vec<String> = line.iter().map(|a| format!("'{a}'")).collect();
        let script = format!(
            "while kill -0 {pid} 2>/dev/null; do sleep 0.2; done; {stop} >/dev/null 2>&1; \
             rm -rf '{dir}'",
            pid = std::process::id(),
            stop = quoted.join(" "),
            dir = self.dir.path().display(),
        );
        Command::new("sh")
            .args(["-c", &script])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("a watcher process")
    }

    /// The port it listens on (127.0.0.1).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The folder of the cluster's files.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// A new empty database; its URL.
    pub fn create_database(&self) -> String {
        self.url(&self.createdb(None))
    }

    /// A new database as a server started with `args` (e.g. `--demo --today …`) leaves it once
    /// it listens: a copy of one it seeded. Seeding on PostgreSQL takes over a second, copying a
    /// database a fraction of it; each test still gets its own.
    pub fn seeded_database(&self, args: &[&str]) -> String {
        let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        let template = {
            let mut templates = self.templates.lock().unwrap_or_else(|e| e.into_inner());
            match templates.get(&args) {
                Some(t) => t.clone(),
                None => {
                    let name = self.createdb(None);
                    let args: Vec<&str> = args.iter().map(String::as_str).collect();
                    let server = super::Server::start_url(&self.url(&name), &args)
                        .unwrap_or_else(|e| panic!("a server seeds {name}: {e}"));
                    drop(server);
                    templates.insert(args.iter().map(|a| a.to_string()).collect(), name.clone());
                    name
                }
            }
        };
        self.url(&self.createdb(Some(&template)))
    }

    /// `createdb`, from `template` when given; the new database's name.
    fn createdb(&self, template: Option<&str>) -> String {
        let n = self.databases.fetch_add(1, Ordering::Relaxed);
        let name = format!("test_{}_{n}", std::process::id());
        let mut tries = 0;
        loop {
            let mut cmd = self.tool("createdb");
            cmd.args(["-h", "127.0.0.1", "-p", &self.port.to_string()])
                .args(["-U", "postgres"]);
            if let Some(t) = template {
                cmd.args(["-T", t]);
            }
            let out = cmd.arg(&name).output();
            tries += 1;
            // The connections of a template's killed server may take a moment to go away.
            let busy = matches!(&out, Ok(o) if !o.status.success()
                && String::from_utf8_lossy(&o.stderr).contains("being accessed by other users"));
            if busy && tries < 100 {
                std::thread::sleep(Duration::from_millis(50));
                continue;
            }
            check("createdb", out);
            return name;
        }
    }

    /// The URL of a database of this cluster.
    pub fn url(&self, database: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{database}", self.port)
    }
}

impl Drop for PgCluster {
    fn drop(&mut self) {
        if let Some(mut w) = self.watcher.take() {
            let _ = w.kill();
            let _ = w.wait();
        }
        let _ = self
            .stop_command()
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}
