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
  diff --base REV [--markdown] [--deny-breaking]
                               what the spec changes since git revision REV mean for users of
                               the generated crate: each change breaking, additive or
                               documentation, and the version bump it needs; --markdown for a
                               pull request, --deny-breaking to fail on a breaking change
  import tencent FILE [--actions A,B] [--force]
                               convert a tccli api.json into spec/tencent/<product>/
  import alibaba FILE [--actions A,B] [--force]
                               convert an Alibaba Cloud api-docs.json into spec/alibaba/<product>/
  import-products [--force] [--products vendor/product,…] [--cas-api-docs FILE]
                  [--alibaba-vendor DIR]
                               re-import the products of spec/ from the vendor metadata at
                               pinned versions (Tencent: pip download into target/vendor, needs
                               PyPI; Alibaba: the pinned copy in ../shared/vendor/alibaba);
                               overlay/ is kept, IMPORT.md is each product's import report
  import-go-errors tencent/PRODUCT --go-sdk DIR --version TAG
                               record each action's error codes (and descriptions of the
                               codes errorcodes.py lacks) from a checkout of the vendor's
                               Go SDK at release TAG in the product's overlays
  import-check tencent [--products a,b] [--all]
                               import the newest tccli metadata into target/import-check and
                               cargo check it (optional; needs PyPI; not part of cargo test);
                               default product ssl
  import-check alibaba [--products a,b] [--all] [--all-versions] [--api-docs DIR]
                               the same over the pinned Alibaba Cloud api-docs (DIR holds
                               <product>/<version>/api-docs.json; default
                               ../shared/vendor/alibaba/api-docs from the checkout): each
                               RPC-style product imported, generated and checked, other styles
                               listed as skipped; the newest version of each product unless
                               --all-versions; default product cas; reports per product
  signing-vectors              derive ROA signatures with Alibaba Cloud's official Python signer
                               at pinned versions (a virtual environment in target/; needs
                               PyPI) into runtime/tests/vectors/acs3_roa.json
  testkit [--port N]           serve spec/ on 127.0.0.1 (default port 8080) as the vendors'
                               endpoints would, printing each request it refuses and why
  bench [--only generator|compile|overhead|products|growth|regen|cli]
                               measure generator throughput and memory, compile time per
                               action, per-call overhead against a raw-HTTP floor, what the
                               whole products cost against the five seed actions, what
                               one product costs a consumer as products are added, how
                               long `cargo xtask gen` takes against an earlier revision, and the
                               command-line tool against tccli at the pinned version (its
                               build time and size; start-up to an action's help and one
                               call to the testkit; tccli in a virtual environment in
                               target/, needs PyPI)
  help                         this text

options:
  --root DIR                   work on the checkout at DIR instead of the one this command
                               was run in (the one `cargo` names in CARGO_MANIFEST_DIR, else
                               the one holding the current directory)";

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let root = take_value(&mut args, "--root");
    let words: Vec<&str> = args.iter().map(String::as_str).collect();
    // The commands that read no checkout.
    match words.as_slice() {
        ["help"] | ["--help"] | ["-h"] | [] => {
            println!("{HELP}");
            return ExitCode::SUCCESS;
        }
        ["bench-worker", rest @ ..] => return report(xtask::bench::worker(rest)),
        _ => {}
    }
    let root = match root {
        Ok(Some(root)) => PathBuf::from(root),
        // The checkout this run was started in, found now: never one baked
        // into the binary, which checkouts sharing a target directory share.
        Ok(None) => match xtask::find_workspace_root() {
            Ok(root) => root,
            Err(why) => {
                eprintln!("{why}");
                return ExitCode::FAILURE;
            }
        },
        Err(e) => return usage(&e),
    };
    match words.as_slice() {
        ["gen"] => regenerate(&root, Mode::Write),
        ["gen", "--check"] => regenerate(&root, Mode::Check),
        ["diff", rest @ ..] => diff(&root, rest),
        ["import", rest @ ..] => import(&root, rest),
        ["bench"] => bench(
            &root,
            xtask::bench::Parts {
                generator: true,
                compile: true,
                overhead: true,
                products: true,
                growth: true,
                regen: true,
                cli: true,
            },
        ),
        ["bench", "--only", part] => {
            let only = |name: &str| *part == name;
            if ![
                "generator",
                "compile",
                "overhead",
                "products",
                "growth",
                "regen",
                "cli",
            ]
            .contains(part)
            {
                return usage(&format!("unknown bench part `{part}`"));
            }
            bench(
                &root,
                xtask::bench::Parts {
                    generator: only("generator"),
                    compile: only("compile"),
                    overhead: only("overhead"),
                    products: only("products"),
                    growth: only("growth"),
                    regen: only("regen"),
                    cli: only("cli"),
                },
            )
        }
        ["import-check", rest @ ..] => xtask::import_check::main(&root, rest),
        ["import-products", rest @ ..] => import_products(&root, rest),
        ["import-go-errors", rest @ ..] => import_go_errors(&root, rest),
        ["testkit", rest @ ..] => testkit(&root, rest),
        ["signing-vectors"] => report(xtask::signing_vectors::run(&root)),
        _ => usage(&format!("unknown arguments: {}", words.join(" "))),
    }
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("{problem}\n\n{HELP}");
    ExitCode::from(2)
}

/// A command's words were wrong: what is wrong, and that command's usage.
fn command_usage(problem: &str, usage: &str) -> ExitCode {
    eprintln!("{problem}\n\nusage: {usage}");
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
    // What generated/ reflects now, read before it is overwritten.
    let before = (mode == Mode::Write).then(|| xtask::impact::previous_generated_state(root));
    let result = xtask::generate::run(root, mode);
    let impact = match (&result, before) {
        (Ok(_), Some(before)) => Some(impact_since(root, before)),
        _ => None,
    };
    match result {
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
            if let Some(impact) = impact {
                println!("\n{}", impact.trim_end());
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}

/// The change report that ends `cargo xtask gen`; remembers the new state
/// for the next one.
fn impact_since(root: &std::path::Path, before: Result<xtask::impact::Baseline, String>) -> String {
    let now = xtask::impact::working_spec(root);
    let report = before.and_then(|before| {
        let report = xtask::impact::since(&before, now.as_ref()?)?;
        Ok(xtask::impact::render(root, &report, &before.label, false))
    });
    if let Err(why) = now.and_then(|now| xtask::impact::remember(root, &now)) {
        eprintln!("could not remember this state for the next change report: {why}");
    }
    report.unwrap_or_else(|why| format!("no change report: {why}"))
}

fn diff(root: &std::path::Path, args: &[&str]) -> ExitCode {
    let args = match xtask::impact::parse_diff_args(args) {
        Ok(args) => args,
        Err(problem) => return usage(&problem),
    };
    match xtask::impact::diff(root, &args.base) {
        Ok(report) => {
            print!(
                "{}",
                xtask::impact::render(root, &report, &args.base, args.markdown)
            );
            if args.deny_breaking && report.is_breaking() {
                eprintln!("breaking changes against {} (--deny-breaking)", args.base);
                return ExitCode::FAILURE;
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
    let status = std::process::Command::new(xtask::cargo())
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
        Err(problem) => return command_usage(&problem, xtask::import::USAGE),
    };
    match xtask::import::run(&args, root) {
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

fn import_products(root: &std::path::Path, args: &[&str]) -> ExitCode {
    let args = match xtask::products::parse_args(args) {
        Ok(args) => args,
        Err(problem) => return command_usage(&problem, xtask::products::USAGE),
    };
    match xtask::products::run(root, &args) {
        Ok(reports) => {
            for (product, report) in reports {
                println!("{product}: {}", xtask::import::summary(&report));
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}

fn import_go_errors(root: &std::path::Path, args: &[&str]) -> ExitCode {
    let args = match xtask::go_errors::parse_args(args) {
        Ok(args) => args,
        Err(problem) => return command_usage(&problem, xtask::go_errors::USAGE),
    };
    match xtask::go_errors::run(&root.join(xtask::SPEC_LABEL), &args) {
        Ok(outcome) => {
            println!(
                "tencent/{}: {} action overlays list {} codes; {} codes described from errors.go",
                args.product, outcome.actions, outcome.codes, outcome.described
            );
            if !outcome.not_in_spec.is_empty() {
                println!(
                    "  in the Go SDK, not in spec/: {}",
                    outcome.not_in_spec.join(", ")
                );
            }
            if !outcome.without_codes.is_empty() {
                println!(
                    "  in spec/, no codes in the Go SDK: {}",
                    outcome.without_codes.join(", ")
                );
            }
            println!("next: cargo xtask gen");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}
