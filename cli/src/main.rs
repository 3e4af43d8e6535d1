//! `cloudapi`: every action of every product in `spec/`, for both clouds,
//! from one binary.
//!
//! ```text
//! cloudapi tencent ssl describe-certificates --limit 10
//! cloudapi alibaba cas ListUserCertificateOrder --OrderType CERT --output table
//! cloudapi tencent ssl wait certificate-issued --CertificateId abc
//! ```
//!
//! # Where it knows the actions from
//!
//! From the documented spec of the `cloudapi` crate (its `spec-docs.json`,
//! which the crate's `spec-docs` feature embeds as text), packed into the
//! binary by `build.rs` and read at start-up by the generator's own loader
//! and model (`codegen` without its code printers), for the one product a
//! command names (see [`catalog`]). Calls go through the runtime's common
//! client, which takes the product and action described at run time. The alternative, a dispatch table of the typed clients
//! generated into `generated/`, was weighed on the three figures the tool
//! is judged by:
//!
//! - **Start-up:** only the named product's files are unpacked and split
//!   into files by lines, without reading their JSON, and only the action a
//!   command names is modelled, with the types it reaches (a product's whole
//!   model when its list of actions is shown): an action's `--help` takes under 10 ms in all, a call to a
//!   local endpoint about as long, so typed dispatch could save only a few
//!   milliseconds (BENCHMARKS.md has the figures against `tccli`).
//! - **Binary size:** the spec of every product (7.6 MB of JSON text at
//!   1,501 actions) is packed to 1.1 MB, each product's actions and types
//!   deflated as one block; the typed code of every product would be
//!   several times the text in machine code (each action's request, answer,
//!   serde and validation), and grows with every product a spec adds.
//! - **Build time:** this crate builds the runtime and the generator's
//!   loader; typed dispatch would build every product of the generated crate
//!   (the cost the product features exist to avoid), for every build of the tool.
//!
//! What typed code would add (checks before sending) is done from the same
//! spec by [`check`]: required members, types, value sets and limits.
//!
//! # Exit codes
//!
//! See [`failure`]: 0 success, 2 usage or a refused request, 3 a service
//! error (its code, message and request ID on standard error as JSON), 4
//! credentials, 5 transport, 6 a waiter that gave up, 1 anything else.

mod catalog;
mod check;
mod command;
mod describe;
mod described;
mod explain;
mod failure;
mod input;
mod listing;
mod names;
mod output;
mod redact;
mod run;
mod send;
mod settings;
mod wait;

use std::process::ExitCode;

use clap::ArgMatches;

use catalog::{Catalog, Loaded};
use command::Selection;
use describe::Scope;
use failure::Failure;
use output::Output;
use run::{Job, Mode};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    match cli(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            failure.report();
            ExitCode::from(failure.exit_code())
        }
    }
}

fn cli(args: &[String]) -> Result<(), Failure> {
    let catalog = Catalog::builtin().map_err(Failure::Internal)?;
    let selection = Selection::read(args);
    let mut root = command::root(&catalog).map_err(Failure::Internal)?;
    let mut loaded = None;
    if let (Some(vendor), Some(product)) = (&selection.vendor, &selection.product)
        && catalog.has_product(vendor, product)
    {
        // A call or an action's help needs that action only; a product's
        // list of actions, its waiters or a misspelt action need them all.
        let one = match selection.action.as_deref() {
            Some(action) if action != "wait" => catalog.load_action(vendor, product, action),
            _ => None,
        };
        let product = match one {
            Some(one) => one,
            None => catalog.load(vendor, product),
        }
        .map_err(Failure::Internal)?;
        root = command::with_product(root, vendor, &product, &selection);
        loaded = Some(product);
    }
    let matches = match root.try_get_matches_from(args) {
        Ok(matches) => matches,
        // Help and version go to standard output with exit 0; usage errors
        // to standard error with exit 2, as clap prints them.
        Err(e) => e.exit(),
    };
    if matches.get_flag("debug") {
        tracing_subscriber::fmt()
            .with_writer(std::io::stderr)
            .with_max_level(tracing::Level::DEBUG)
            .with_ansi(false)
            .init();
    }
    match matches.subcommand() {
        Some(("explain", m)) => {
            let code = m
                .get_one::<String>("code")
                .map(String::as_str)
                .unwrap_or_default();
            output::write_out(&explain::explain(&catalog, code)?)
        }
        Some(("completions", m)) => completions(&catalog, m),
        Some((vendor, m)) => {
            let loaded = loaded.ok_or_else(|| Failure::Internal("no product loaded".into()))?;
            action(vendor, &loaded, m)
        }
        None => Err(Failure::Usage("name a vendor: tencent or alibaba".into())),
    }
}

fn completions(catalog: &Catalog, matches: &ArgMatches) -> Result<(), Failure> {
    let shell = match matches.get_one::<String>("shell").map(String::as_str) {
        Some("zsh") => clap_complete::Shell::Zsh,
        Some("fish") => clap_complete::Shell::Fish,
        _ => clap_complete::Shell::Bash,
    };
    let mut command = command::full(catalog).map_err(Failure::Internal)?;
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "cloudapi", &mut script);
    output::write_out(&String::from_utf8_lossy(&script))
}

/// `<vendor> <product> <action> …` or `<vendor> <product> wait <waiter> …`.
fn action(vendor: &str, loaded: &Loaded, matches: &ArgMatches) -> Result<(), Failure> {
    let no_action = || Failure::Usage("name an action".into());
    let (_, product_matches) = matches.subcommand().ok_or_else(no_action)?;
    let (name, action_matches) = product_matches.subcommand().ok_or_else(no_action)?;
    let (action, matches, waiter) = if name == "wait" {
        let (waiter_name, m) = action_matches.subcommand().ok_or_else(no_action)?;
        let action = loaded
            .product
            .actions
            .iter()
            .find(|a| {
                a.waiter
                    .as_ref()
                    .is_some_and(|w| names::waiter(w).0 == waiter_name)
            })
            .ok_or_else(no_action)?;
        (action, m, Some(waiter_name.to_owned()))
    } else {
        let action = loaded
            .product
            .actions
            .iter()
            .find(|a| a.name == name)
            .ok_or_else(no_action)?;
        (action, action_matches, None)
    };
    let scope = Scope {
        product: &loaded.product,
        action,
    };
    if matches.get_flag("generate-cli-skeleton") {
        let skeleton = input::skeleton(scope, action);
        let text = serde_json::to_string_pretty(&skeleton).unwrap_or_default();
        return output::write_out(&format!("{text}\n"));
    }
    let output = Output::from_matches(matches)?;
    let mut members = input::members(matches, scope)?;
    check::json_text_read(&action.input, &mut members);
    let problems = check::problems(scope, &members);
    if !problems.is_empty() {
        return Err(Failure::refused(&action.name, &problems));
    }
    // An explicit null (from --cli-input-json) is a member left out.
    members.retain(|_, value| !value.is_null());
    let dry_run = matches.get_flag("dry-run");
    if dry_run {
        // Hidden before encoding, so that no wire form (a query, a path, a
        // header, JSON text) shows them; the signature is hidden anyway.
        let secrets = described::secret_names(scope, &action.input);
        redact::members(&mut members, &secrets);
    }
    // A request carrying an idempotency token is deduplicated by the server,
    // so it may be sent again: each call gets a fresh one unless the caller
    // gave one, as the generated clients do.
    let token = action
        .input
        .iter()
        .find(|f| f.idempotency_token)
        .map(|field| field.wire_name.clone());
    let token = token.filter(|name| {
        members
            .get(name)
            .and_then(|v| v.as_str())
            .is_none_or(str::is_empty)
    });
    let token_filled = action.input.iter().any(|f| f.idempotency_token);
    check::wire_form(scope, &action.input, &mut members);
    let described_action = described::action(scope, token_filled);
    let mode = if dry_run {
        Mode::DryRun
    } else if let Some(name) = waiter {
        Mode::Wait {
            waiter: action.waiter.as_ref().ok_or_else(no_action)?,
            name,
            timeout: matches.get_one::<u64>("timeout").copied(),
        }
    } else if action.paging.is_some()
        && matches.try_get_one::<bool>("all-pages").ok().flatten() == Some(&true)
    {
        Mode::AllPages(action.paging.as_ref().ok_or_else(no_action)?)
    } else {
        Mode::Call
    };
    let job = Job {
        service: described::service(loaded, described_action),
        action: described_action,
        members,
        token,
        output: &output,
        mode,
    };
    let config = settings::config(matches, vendor)?;
    run::execute(loaded.product.protocol, config, job)
}
