//! `cargo xtask <command>`; see `cargo xtask help`.

use std::path::PathBuf;
use std::process::ExitCode;

/// Generation builds and drops millions of small token trees on every core;
/// mimalloc does that a third faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use codegen::write::Mode;

const HELP: &str = "\
usage: cargo xtask <command> [--root DIR]

commands:
  gen                          regenerate generated/ (and the test fixtures) from spec/
  gen --check                  change nothing; fail if any generated file is out of date
  import tencent FILE [--actions A,B] [--force]
                               convert a tccli api.json into spec/tencent/<product>/
  import alibaba FILE [--actions A,B] [--force]
                               convert an Alibaba Cloud api-docs.json into spec/alibaba/<product>/
  import-check tencent [--products a,b] [--all]
                               import the newest tccli metadata into target/import-check and
                               cargo check it (optional; needs PyPI; not part of cargo test)
  testkit [--port N]           serve spec/ on 127.0.0.1 (default port 8080) as the vendors'
                               endpoints would, printing each request it refuses and why
  bench [--only generator|compile|overhead]
                               measure generator throughput and memory, compile time per
                               action, and per-call overhead against a raw-HTTP floor
  help                         this text

options:
  --root DIR                   work on the checkout at DIR instead of this one";

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let root = match take_value(&mut args, "--root") {
        Ok(root) => root
            .map(PathBuf::from)
            .unwrap_or_else(xtask::workspace_root),
        Err(e) => return usage(&e),
    };
    let words: Vec<&str> = args.iter().map(String::as_str).collect();
    match words.as_slice() {
        ["gen"] => regenerate(&root, Mode::Write),
        ["gen", "--check"] => regenerate(&root, Mode::Check),
        ["import", rest @ ..] => import(&root, rest),
        ["bench"] => bench(
            &root,
            xtask::bench::Parts {
                generator: true,
                compile: true,
                overhead: true,
            },
        ),
        ["bench", "--only", part] => match *part {
            "generator" => bench(
                &root,
                xtask::bench::Parts {
                    generator: true,
                    compile: false,
                    overhead: false,
                },
            ),
            "compile" => bench(
                &root,
                xtask::bench::Parts {
                    generator: false,
                    compile: true,
                    overhead: false,
                },
            ),
            "overhead" => bench(
                &root,
                xtask::bench::Parts {
                    generator: false,
                    compile: false,
                    overhead: true,
                },
            ),
            other => usage(&format!("unknown bench part `{other}`")),
        },
        ["bench-worker", rest @ ..] => report(xtask::bench::worker(rest)),
        ["import-check", rest @ ..] => xtask::import_check::main(&root, rest),
        ["testkit", rest @ ..] => testkit(&root, rest),
        ["help"] | ["--help"] | ["-h"] | [] => {
            println!("{HELP}");
            ExitCode::SUCCESS
        }
        _ => usage(&format!("unknown arguments: {}", words.join(" "))),
    }
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("{problem}\n\n{HELP}");
    ExitCode::from(2)
}

/// Removes `--name VALUE` from `args`.
fn take_value(args: &mut Vec<String>, name: &str) -> Result<Option<String>, String> {
    let Some(at) = args.iter().position(|a| a == name) else {
        return Ok(None);
    };
    if at + 1 >= args.len() {
        return Err(format!("{name} needs a value"));
    }
    let value = args.remove(at + 1);
    args.remove(at);
    Ok(Some(value))
}

fn bench(root: &std::path::Path, parts: xtask::bench::Parts) -> ExitCode {
    report(xtask::bench::run(root, parts))
}

fn report(result: Result<(), String>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}

fn regenerate(root: &std::path::Path, mode: Mode) -> ExitCode {
    match xtask::generate::run(root, mode) {
        Ok(summary) if mode == Mode::Check && summary.is_stale() => {
            eprintln!("generated code is out of date with spec/:");
            for file in summary.changed_files() {
                eprintln!("  stale  {file}");
            }
            eprintln!("run `cargo xtask gen` and commit the result");
            ExitCode::FAILURE
        }
        Ok(summary) => {
            println!("{summary}");
            if mode == Mode::Check {
                println!("generated code is up to date");
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}

/// `cargo run -p testkit -- --spec <root>/spec …`: the standalone local endpoint.
fn testkit(root: &std::path::Path, args: &[&str]) -> ExitCode {
    let status = std::process::Command::new(env!("CARGO"))
        .current_dir(root)
        .args(["run", "--quiet", "-p", "testkit", "--", "--spec"])
        .arg(root.join("spec"))
        .args(args)
        .status();
    match status {
        Ok(status) if status.success() => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("cargo run -p testkit: {error}");
            ExitCode::FAILURE
        }
    }
}

fn import(root: &std::path::Path, args: &[&str]) -> ExitCode {
    let args = match xtask::import::parse_args(args) {
        Ok(args) => args,
        Err(problem) => return usage(&problem),
    };
    match xtask::import::run(&args, &root.join("spec")) {
        Ok(report) => {
            println!("{}", xtask::import::summary(&report));
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}
