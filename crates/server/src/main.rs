//! The `reservation-server` command: serve, or manage users.
// A native server: on wasm32 (the app's workspace check) there is only an empty `main`.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::net::SocketAddr;
    use std::path::PathBuf;
    use std::process::ExitCode;
    use std::sync::Arc;

    use chrono::{NaiveDate, Utc};
    use clap::{Parser, Subcommand};
    use reservation_api::{Role, User};
    use reservation_quote::Policy;
    use reservation_server::backend::{Backend, Identity, DEFAULT_IDEMPOTENCY_RETENTION_HOURS};
    use reservation_server::http::{router, AppState, Dist};
    use reservation_server::prices::Import;
    use reservation_server::telemetry::{self, LogFormat};
    use reservation_sql_store::SqlStore;
    use rust_decimal::Decimal;

    /// The reservations dashboard's backend: the JSON API under /api over SQLite or PostgreSQL,
    /// and the app.
    #[derive(Parser, Debug)]
    #[command(name = "reservation-server", version, about)]
    struct Cli {
        /// The SQLite database (created, with its folder, on first start).
        #[arg(
            long,
            env = "RESERVATION_DB",
            default_value = "./data/reservations.db",
            global = true
        )]
        db: PathBuf,
        /// The database as a URL, instead of `--db`: `postgres://user@host/name` for
        /// PostgreSQL (several processes may share one), or `sqlite://path`.
        #[arg(long, env = "DATABASE_URL", global = true)]
        database_url: Option<String>,
        /// How long an idempotency record is kept, in hours: a retry within it replays the
        /// first answer; after it, the key can be used again.
        #[arg(long, env = "RESERVATION_IDEMPOTENCY_RETENTION_HOURS", default_value_t = DEFAULT_IDEMPOTENCY_RETENTION_HOURS)]
        idempotency_retention_hours: u64,
        /// The address to listen on.
        #[arg(long, env = "RESERVATION_LISTEN", default_value = "127.0.0.1:8080")]
        listen: SocketAddr,
        /// A release build of the app (Trunk's dist/) to serve, with the SPA fallback.
        #[arg(long, env = "RESERVATION_DIST")]
        dist: Option<PathBuf>,
        /// Demo mode: seed the demo data into an empty database and honour `x-demo-user`.
        #[arg(long, env = "RESERVATION_DEMO")]
        demo: bool,
        /// The identity header set by the authenticating reverse proxy (e.g.
        /// X-MS-CLIENT-PRINCIPAL-NAME, X-Forwarded-Email); without it no request is signed in.
        #[arg(long, env = "RESERVATION_TRUST_PROXY_HEADER")]
        trust_proxy_header: Option<String>,
        /// How many customers the demo seed generates (default 60).
        #[arg(long, env = "RESERVATION_DEMO_CUSTOMERS")]
        demo_customers: Option<usize>,
        /// The canceled-commitment (refund) limit in USD over the rolling 365 days.
        #[arg(long, env = "RESERVATION_REFUND_LIMIT", default_value = "50000")]
        refund_limit: Decimal,
        /// Answer every request as of this day (YYYY-MM-DD) instead of the clock (tests, demos).
        #[arg(long, env = "RESERVATION_TODAY")]
        today: Option<NaiveDate>,
        /// How log lines are written to stderr: `text` (for people) or `json` (one object per
        /// line, for a log collector). `RUST_LOG` sets the level (default `info`).
        #[arg(
            long,
            env = "RESERVATION_LOG_FORMAT",
            value_enum,
            default_value = "text",
            global = true
        )]
        log_format: LogFormat,
        #[command(subcommand)]
        command: Option<Command>,
    }

    #[derive(Subcommand, Debug)]
    enum Command {
        /// Manage who may sign in, and their tenant-wide roles.
        Users {
            #[command(subcommand)]
            action: UsersCmd,
        },
        /// Manage the price list purchases are priced from (not used with --demo).
        Prices {
            #[command(subcommand)]
            action: PricesCmd,
        },
    }

    #[derive(Subcommand, Debug)]
    enum PricesCmd {
        /// Replace the price list with the items of these pages of Azure's Retail Prices API
        /// (https://prices.azure.com/api/retail/prices, one saved JSON response per file):
        /// its Reservation and Consumption items, in one transaction. Running servers use it on
        /// their next request.
        Import {
            /// The saved pages.
            #[arg(required = true)]
            files: Vec<PathBuf>,
        },
    }

    #[derive(Subcommand, Debug)]
    enum UsersCmd {
        /// Add a user (or replace the one with the same id).
        Add {
            /// The identity the proxy header carries (usually the e-mail).
            id: String,
            /// The e-mail, also the principal name in role assignments (default: the id).
            #[arg(long)]
            email: Option<String>,
            /// The display name (default: the id).
            #[arg(long)]
            name: Option<String>,
            /// Tenant-wide role: Owner, ReservationsAdministrator, Reader, ReservationsReader,
            /// Contributor, or none (only role assignments on reservations).
            #[arg(long, default_value = "none", value_parser = parse_role)]
            role: RoleArg,
        },
        /// List the users.
        List,
        /// Remove a user.
        Remove {
            /// The user's id.
            id: String,
        },
    }

    #[derive(Clone, Debug)]
    struct RoleArg(Option<Role>);

    fn parse_role(s: &str) -> Result<RoleArg, String> {
        if s.eq_ignore_ascii_case("none") {
            return Ok(RoleArg(None));
        }
        Role::ALL
            .into_iter()
            .find(|r| format!("{r:?}").eq_ignore_ascii_case(s))
            .map(|r| RoleArg(Some(r)))
            .ok_or_else(|| format!("unknown role '{s}'"))
    }

    pub fn main() -> ExitCode {
        let cli = Cli::parse();
        telemetry::init(cli.log_format);
        let result = match &cli.command {
            Some(Command::Users { action }) => users(&cli, action),
            Some(Command::Prices { action }) => prices(&cli, action),
            None => serve(&cli),
        };
        match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                tracing::error!("{e}");
                ExitCode::FAILURE
            }
        }
    }

    impl Cli {
        /// The database URL: `--database-url`, or the SQLite file of `--db`.
        fn url(&self) -> Result<String, String> {
            match &self.database_url {
                Some(u) => Ok(u.clone()),
                None => reservation_server::sqlite_url(&self.db)
                    .map_err(|e| format!("{}: {e}", self.db.display())),
            }
        }

        /// What to call the database in messages (a URL's password left out).
        fn database_name(&self) -> String {
            match &self.database_url {
                Some(u) => match u.split_once('@') {
                    Some((_, host)) => format!("database {host}"),
                    None => format!("database {u}"),
                },
                None => self.db.display().to_string(),
            }
        }
    }

    fn runtime() -> Result<tokio::runtime::Runtime, String> {
        tokio::runtime::Runtime::new().map_err(|e| e.to_string())
    }

    fn users(cli: &Cli, action: &UsersCmd) -> Result<(), String> {
        runtime()?.block_on(users_async(cli, action))
    }

    async fn users_async(cli: &Cli, action: &UsersCmd) -> Result<(), String> {
        let db = SqlStore::open(&cli.url()?)
            .await
            .map_err(|e| format!("{}: {e}", cli.database_name()))?;
        match action {
            UsersCmd::Add {
                id,
                email,
                name,
                role,
            } => {
                let user = User {
                    id: id.trim().to_string(),
                    name: name.clone().unwrap_or_else(|| id.clone()),
                    email: email.clone().unwrap_or_else(|| id.clone()),
                    role: role.0,
                    description: String::new(),
                };
                if user.id.is_empty() {
                    return Err("the id must not be empty".into());
                }
                db.upsert_user(&user).await.map_err(|e| e.to_string())?;
                println!("added {}", user.id);
            }
            UsersCmd::List => {
                for u in db.users().await.map_err(|e| e.to_string())? {
                    let role = u.role.map_or_else(|| "-".to_string(), |r| format!("{r:?}"));
                    println!("{}\t{}\t{}\t{}", u.id, u.email, role, u.name);
                }
            }
            UsersCmd::Remove { id } => {
                if !db.remove_user(id).await.map_err(|e| e.to_string())? {
                    return Err(format!("no user '{id}'"));
                }
                println!("removed {id}");
            }
        }
        Ok(())
    }

    fn prices(cli: &Cli, action: &PricesCmd) -> Result<(), String> {
        let PricesCmd::Import { files } = action;
        // Every file is read and checked before the database is touched.
        let mut import = Import::default();
        for f in files {
            let text = std::fs::read_to_string(f).map_err(|e| format!("{}: {e}", f.display()))?;
            import
                .add_page(&text)
                .map_err(|e| format!("{}: {e}; nothing was imported", f.display()))?;
        }
        if import.items().is_empty() {
            return Err(format!(
                "no Reservation or Consumption item in {} file(s); nothing was imported",
                import.files
            ));
        }
        let revision = runtime()?.block_on(async {
            let db = SqlStore::open(&cli.url()?)
                .await
                .map_err(|e| format!("{}: {e}", cli.database_name()))?;
            db.replace_price_list(import.items())
                .await
                .map_err(|e| format!("{}: {e}; nothing was imported", cli.database_name()))
        })?;
        println!("{}", import.summary());
        println!(
            "stored {} item(s) in {} (revision {revision}), replacing the previous price list",
            import.items().len(),
            cli.database_name()
        );
        Ok(())
    }

    fn serve(cli: &Cli) -> Result<(), String> {
        let today = cli.today.unwrap_or_else(|| Utc::now().date_naive());
        let dist = match &cli.dist {
            Some(d) => Some(Dist::open(d).map_err(|e| format!("--dist {}: {e}", d.display()))?),
            None => None,
        };
        if !cli.demo && cli.trust_proxy_header.is_none() {
            tracing::warn!(
                "no --trust-proxy-header and no --demo: every API request will be refused with \
                 401"
            );
        }
        let identity = Identity {
            demo: cli.demo,
            // Only the named header is ever read, and only when named.
            proxy_header: cli.trust_proxy_header.clone(),
        };
        let policy = Policy {
            refund_limit_usd: cli.refund_limit,
            ..Policy::default()
        };
        runtime()?.block_on(async {
            let store =
                reservation_server::open_store(&cli.url()?, cli.demo, cli.demo_customers, today)
                    .await
                    .map_err(|e| format!("{}: {e}", cli.database_name()))?;
            let backend = Backend::new(
                store,
                policy,
                identity.clone(),
                cli.today,
                cli.idempotency_retention_hours,
            );
            backend
                .warm_up()
                .await
                .map_err(|e| format!("{}: {e}", cli.database_name()))?;
            let app = Arc::new(AppState::new(backend, dist, identity));
            purge_idempotency_records(Arc::clone(&app));
            let listener = tokio::net::TcpListener::bind(cli.listen)
                .await
                .map_err(|e| format!("--listen {}: {e}", cli.listen))?;
            let addr = listener.local_addr().map_err(|e| e.to_string())?;
            // Tests and scripts read this line to learn the port.
            println!("reservation-server listening on http://{addr}");
            axum::serve(listener, router(app))
                .with_graceful_shutdown(async {
                    let _ = tokio::signal::ctrl_c().await;
                })
                .await
                .map_err(|e| e.to_string())
        })
    }

    /// Deletes expired idempotency records now and then (a lookup ignores them anyway).
    fn purge_idempotency_records(app: Arc<AppState>) {
        tokio::spawn(async move {
            let mut every = tokio::time::interval(std::time::Duration::from_secs(600));
            loop {
                every.tick().await;
                if let Err(e) = app.backend.purge_expired_idempotency().await {
                    tracing::warn!("purging idempotency records: {e}");
                }
            }
        });
    }
}
