use clap::Parser;
use server::config::{Cli, Command, PolicyCommand};
use server::startup::{shutdown_signal, Application};

fn main() -> anyhow::Result<()> {
    bound_malloc_arenas();
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(run())
}

/// Every argon2id hash allocates and frees a 19 MiB block. glibc gives
/// each thread that allocates under contention an arena of its own (up to
/// 8 per core) and keeps freed blocks in them, so a logon flood grew the
/// process past 600 MB. Two arenas bound that to a few blocks.
fn bound_malloc_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: called before any other thread exists; mallopt only sets a
    // tuning value of the allocator.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

async fn run() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Policy {
            command: PolicyCommand::Check,
        }) => {
            let stdin = std::io::stdin().lock();
            let stdout = std::io::stdout().lock();
            let malformed = server::policy_cli::check_lines(stdin, stdout)?;
            if malformed > 0 {
                eprintln!("{malformed} malformed line(s); see the error lines in the output");
                std::process::exit(1);
            }
            Ok(())
        }
        None | Some(Command::Serve) => serve(cli.serve).await,
    }
}

async fn serve(config: server::config::Config) -> anyhow::Result<()> {
    server::telemetry::init(config.log_format);
    tracing::info!(
        database = %config.database_url_redacted(),
        demo = config.demo,
        "starting"
    );
    let app = Application::build(config).await?;
    let addr = app.local_addr();
    tracing::info!("listening on http://{addr}");
    println!("Serving on http://{addr}");
    app.run_until(shutdown_signal()).await
}
