//! `cargo xtask <command>`; see `cargo xtask help`.

use std::process::ExitCode;

use codegen::write::Mode;

const HELP: &str = "\
usage: cargo xtask <command>

commands:
  gen            regenerate generated/ (and the test fixtures) from spec/
  gen --check    change nothing; fail if any generated file is out of date
  help           this text";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["gen"] => regenerate(Mode::Write),
        ["gen", "--check"] => regenerate(Mode::Check),
        ["help"] | ["--help"] | ["-h"] | [] => {
            println!("{HELP}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("unknown arguments: {}\n\n{HELP}", args.join(" "));
            ExitCode::from(2)
        }
    }
}

fn regenerate(mode: Mode) -> ExitCode {
    let root = xtask::workspace_root();
    match xtask::generate::run(&root, mode) {
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
