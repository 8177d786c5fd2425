use clap::Parser;
use server::startup::{shutdown_signal, Application};
use services::config::{Cli, Command, MailAuthCommand, PolicyCommand};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
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
        Some(Command::MailAuth {
            command: MailAuthCommand::DovecotConfig(args),
        }) => {
            let text = services::mail_auth::dovecot::write_config(&cli.serve, &args)?;
            print!("{text}");
            Ok(())
        }
        None | Some(Command::Serve) => serve(cli.serve).await,
    }
}

async fn serve(config: services::config::Config) -> anyhow::Result<()> {
    services::infra::telemetry::init(config.log_format);
    tracing::info!(
        database = %config.database_url_redacted(),
        demo = config.demo,
        "starting"
    );
    let app = Application::build(config).await?;
    let addr = app.local_addr();
    tracing::info!("listening on http://{addr}");
    if let Some(metrics) = app.metrics_addr() {
        tracing::info!("metrics on http://{metrics}/metrics");
    }
    println!("Serving on http://{addr}");
    app.run_until(shutdown_signal()).await
}
