//! `testkit`: the local endpoint as a program, so that programs in any language can be
//! pointed at it.
//!
//! ```text
//! cargo run -p testkit -- [--spec DIR | --bundle FILE] [--port N]
//! ```
//!
//! It prints its URL and the test key, then one line for each request it refuses, with the
//! vendor's error code and the reason. Without `--spec` or `--bundle` it serves the spec
//! built into the `cloudapi` crate; `--port 0` picks a free port (default 8080). Stop it
//! with Ctrl-C. The crate's README describes the options and what the server checks.

use std::process::ExitCode;

use testkit::{Server, ServerConfig, TEST_KEY_ID, TEST_KEY_SECRET};

const USAGE: &str = "usage: testkit [--spec DIR | --bundle FILE] [--port N]

Serves Tencent Cloud and Alibaba Cloud API actions on 127.0.0.1 as the real endpoints would
(signature, parameters, answers), and prints every request it refuses with the reason.

options:
  --spec DIR    the spec folder to serve (default: the spec built into cloudapi)
  --bundle FILE a spec bundle as `cargo xtask gen` writes it (spec.json beside the crate)
  --port N      the port of 127.0.0.1 to listen on (default 8080; 0 picks a free one)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let config = match parse(&args) {
        Ok(Some(config)) => config,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(problem) => {
            eprintln!("{problem}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("testkit: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(serve(config))
}

fn parse(args: &[String]) -> Result<Option<ServerConfig>, String> {
    let mut config = ServerConfig::new()
        .port(8080)
        .on_refusal(|refusal| println!("refused  {refusal}"));
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--spec" => config = config.spec_dir(value()?),
            "--bundle" => {
                let file = value()?;
                let text =
                    std::fs::read_to_string(file).map_err(|e| format!("--bundle {file}: {e}"))?;
                // Served until the process ends.
                config = config.spec_json(Box::leak(text.into_boxed_str()));
            }
            "--port" => {
                let port = value()?;
                let port = port
                    .parse()
                    .map_err(|_| format!("--port: `{port}` is not a port number"))?;
                config = config.port(port);
            }
            "--help" | "-h" => return Ok(None),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(Some(config))
}

async fn serve(config: ServerConfig) -> ExitCode {
    let server = match Server::start_with(config).await {
        Ok(server) => server,
        Err(e) => {
            eprintln!("testkit: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!(
        "testkit: serving {} actions at {}",
        server.actions().len(),
        server.url()
    );
    println!("  key id:     {TEST_KEY_ID}");
    println!("  key secret: {TEST_KEY_SECRET}");
    println!("Each request it refuses is printed below, with the reason. Ctrl-C stops it.");
    std::future::pending::<()>().await;
    ExitCode::SUCCESS
}
