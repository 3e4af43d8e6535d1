//! The command tree, built from the spec for the command being run.
//!
//! Every vendor and product is a subcommand, and every action of the
//! product named on the command line; only the action named gets its
//! members as options. So `--help` and parsing cost one product's model,
//! not every product's, however many the spec holds. Completions, which
//! need the whole tree, build it whole ([`full`]).

use clap::{Arg, ArgAction, Command};

use crate::catalog::{Catalog, Loaded};
use crate::describe::{self, Scope};
use crate::names;
use codegen::model::{Action, Field, Ty};

/// Options every command takes, anywhere on the line. A member whose
/// kebab-case name is one of these is reached by its wire name only.
pub const GLOBAL_OPTIONS: &[&str] = &[
    "region",
    "profile",
    "endpoint",
    "local",
    "language",
    "output",
    "query",
    "debug",
    "dry-run",
    "cli-input-json",
    "generate-cli-skeleton",
    "all-pages",
    "timeout",
    "help",
    "version",
];

/// What the command line names, read before parsing so that only it is built.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Selection {
    pub vendor: Option<String>,
    pub product: Option<String>,
    /// After the product: an action's name, or `wait`.
    pub action: Option<String>,
    /// After `wait`: a waiter's name.
    pub waiter: Option<String>,
}

/// Options that take a value, so that their values are not taken for names.
const VALUED: &[&str] = &[
    "--region",
    "--profile",
    "--endpoint",
    "--language",
    "--output",
    "-o",
    "--query",
    "--cli-input-json",
    "--timeout",
];

impl Selection {
    /// The first words of the line that are not options: vendor, product,
    /// action (or `wait` and a waiter).
    pub fn read(args: &[String]) -> Selection {
        let mut words = Vec::new();
        let mut skip = false;
        for arg in args.iter().skip(1) {
            if skip {
                skip = false;
                continue;
            }
            if arg == "--" {
                break;
            }
            if arg.starts_with('-') {
                skip = VALUED.contains(&arg.as_str());
                continue;
            }
            words.push(arg.clone());
            if words.len() == 4 {
                break;
            }
        }
        let mut words = words.into_iter();
        let vendor = words.next();
        let product = words.next();
        let action = words.next();
        let waiter = if action.as_deref() == Some("wait") {
            words.next()
        } else {
            None
        };
        Selection {
            vendor,
            product,
            action,
            waiter,
        }
    }
}

/// The root command, with global options; vendors and products listed.
pub fn root(catalog: &Catalog) -> Result<Command, String> {
    let mut root = Command::new("cloudapi")
        .about(
            "Every Tencent Cloud and Alibaba Cloud action in the spec, checked before it is sent.",
        )
        .version(env!("CARGO_PKG_VERSION"))
        .subcommand_required(true)
        .arg_required_else_help(true)
        .max_term_width(100)
        // `help ACTION` would name no action the pre-scan can see; `--help` does.
        .disable_help_subcommand(true)
        .args(global_options());
    for vendor in catalog.vendors() {
        let mut command = Command::new(vendor)
            .about(catalog.vendor(vendor)?.title)
            .disable_help_subcommand(true)
            .subcommand_required(true)
            .arg_required_else_help(true);
        for product in catalog.products(vendor)? {
            command = command.subcommand(
                Command::new(product.name)
                    .about(format!("{} (API {})", product.title, product.version))
                    .disable_help_subcommand(true)
                    .subcommand_required(true)
                    .arg_required_else_help(true),
            );
        }
        root = root.subcommand(command);
    }
    Ok(root
        .subcommand(
            Command::new("explain")
                .about("What a vendor error code means, and which actions return it")
                .arg(Arg::new("code").required(true).value_name("ERROR_CODE")),
        )
        .subcommand(
            Command::new("completions")
                .about("Prints the shell completion script (bash, zsh or fish)")
                .arg(
                    Arg::new("shell")
                        .required(true)
                        .value_parser(["bash", "zsh", "fish"]),
                ),
        ))
}

/// `root`, with the product's actions under it, and the members of `selected`.
pub fn with_product(
    root: Command,
    vendor: &str,
    loaded: &Loaded,
    selection: &Selection,
) -> Command {
    let product = product_command(loaded, selection);
    root.mut_subcommand(vendor, |v| v.mut_subcommand(&loaded.folder, |_| product))
}

/// Every vendor, product, action and member: for completion scripts.
pub fn full(catalog: &Catalog) -> Result<Command, String> {
    let mut root = root(catalog)?;
    for vendor in catalog.vendors() {
        for entry in catalog.products(vendor)? {
            let loaded = catalog.load(vendor, &entry.name)?;
            let all = Selection {
                action: Some(String::new()),
                ..Selection::default()
            };
            let product = product_command(&loaded, &all);
            root = root.mut_subcommand(vendor, |v| v.mut_subcommand(&entry.name, |_| product));
        }
    }
    Ok(root)
}

/// A product's actions; an empty selected action name means all of them get members.
fn product_command(loaded: &Loaded, selection: &Selection) -> Command {
    let product = &loaded.product;
    let chosen = selection.action.as_deref();
    let every = chosen == Some("");
    let mut command = Command::new(loaded.folder.clone())
        .about(format!("{} (API {})", product.title, product.version))
        .disable_help_subcommand(true)
        .subcommand_required(true)
        .arg_required_else_help(true);
    for action in &product.actions {
        let full = every || chosen.is_some_and(|c| names::is_action(action, c));
        command = command.subcommand(action_command(loaded, action, full));
    }
    // Left out of the model for this command: named, so that parsing knows them.
    for name in &loaded.others {
        let kebab = names::kebab(name);
        let mut other = Command::new(name.clone());
        if kebab != *name {
            other = other.alias(kebab);
        }
        command = command.subcommand(other);
    }
    let waiters: Vec<&Action> = product
        .actions
        .iter()
        .filter(|a| a.waiter.is_some())
        .collect();
    if !waiters.is_empty() {
        let mut wait = Command::new("wait")
            .about("Calls an action until its answer reaches a state, or the deadline passes")
            .disable_help_subcommand(true)
            .subcommand_required(true)
            .arg_required_else_help(true);
        for action in waiters {
            let Some(waiter) = &action.waiter else {
                continue;
            };
            let (name, alias) = names::waiter(waiter);
            let full = every
                || (chosen == Some("wait")
                    && selection
                        .waiter
                        .as_deref()
                        .is_some_and(|w| w == name || w == alias));
            let mut sub = Command::new(name)
                .alias(alias)
                .about(format!(
                    "Calls {} until {}",
                    action.name,
                    waiter.description.trim_end_matches('.')
                ))
                .arg(
                    Arg::new("timeout")
                        .long("timeout")
                        .value_name("SECONDS")
                        .value_parser(clap::value_parser!(u64))
                        .help(format!(
                            "Gives up after this many seconds [default: {}]",
                            waiter.timeout_secs
                        )),
                );
            if full {
                sub = sub.args(member_args(loaded, action));
            }
            wait = wait.subcommand(sub);
        }
        command = command.subcommand(wait);
    }
    command
}

fn action_command(loaded: &Loaded, action: &Action, full: bool) -> Command {
    let kebab = names::kebab(&action.name);
    let mut command = Command::new(action.name.clone()).about(action.summary.clone());
    if kebab != action.name {
        command = command.alias(kebab);
    }
    if !full {
        return command;
    }
    let mut long = action.summary.clone();
    if let Some(description) = action.description.as_deref().filter(|d| !d.is_empty()) {
        long = format!("{long}\n\n{description}");
    }
    let mut facts = vec![if action.idempotent {
        "Safe to retry: sent again after a timeout or a server error.".to_owned()
    } else {
        "Not retried once it may have reached the server.".to_owned()
    }];
    if action.deprecated {
        facts.push("Deprecated by the vendor.".to_owned());
    }
    if !action.errors.is_empty() {
        let codes: Vec<&str> = action.errors.iter().map(|e| e.code.as_str()).collect();
        facts.push(format!(
            "Error codes: {} (`cloudapi explain CODE`).",
            codes.join(", ")
        ));
    }
    command = command
        .long_about(format!("{long}\n\n{}", facts.join("\n")))
        .after_help(
            "Members are also taken in kebab-case (--CertificateId as --certificate-id); \
             lists and structures as JSON; a value file://PATH is read from the file \
             (keeps a private key out of the command line); all members with --cli-input-json.",
        )
        .args(member_args(loaded, action));
    if action.paging.is_some() {
        command = command.arg(
            Arg::new("all-pages")
                .long("all-pages")
                .action(ArgAction::SetTrue)
                .help("Reads every page and prints all the items"),
        );
    }
    command
}

/// One option per input member: `--Wire VALUE`, also `--kebab-case`.
fn member_args(loaded: &Loaded, action: &Action) -> Vec<Arg> {
    let scope = Scope {
        product: &loaded.product,
        action,
    };
    action
        .input
        .iter()
        .map(|field| member_arg(scope, field))
        .collect()
}

/// The id of a member's option: its wire name, so input reads it back by name.
pub fn member_id(field: &Field) -> String {
    format!("member:{}", field.wire_name)
}

/// The option of a member: its wire name, unless that is a global
/// option's (a lower-case `region` or `timeout` of a REST action).
pub fn option_name(field: &Field) -> String {
    if GLOBAL_OPTIONS.contains(&field.wire_name.as_str()) {
        format!("member-{}", names::kebab(&field.wire_name))
    } else {
        field.wire_name.clone()
    }
}

fn member_arg(scope: Scope, field: &Field) -> Arg {
    let kebab = names::kebab(&field.wire_name);
    let long = option_name(field);
    let mut arg = Arg::new(member_id(field))
        .long(long.clone())
        // PEM text starts with `-----`, a number may be negative.
        .allow_hyphen_values(true)
        .value_name(describe::value_name(&field.ty))
        .help(describe::member_help(scope, field))
        .long_help(describe::member_long_help(scope, field))
        .hide(field.hidden);
    if kebab != long && !GLOBAL_OPTIONS.contains(&kebab.as_str()) {
        arg = arg.alias(kebab);
    }
    // A list of plain values may be given one value per option.
    arg.action(match &field.ty {
        Ty::Array(inner) if matches!(**inner, Ty::Scalar(_) | Ty::Enum { .. }) => ArgAction::Append,
        _ => ArgAction::Set,
    })
}

fn global_options() -> Vec<Arg> {
    let valued = |name: &'static str, value: &'static str, help: &'static str| {
        Arg::new(name)
            .long(name)
            .value_name(value)
            .global(true)
            .help(help)
            .help_heading("Global options")
    };
    let flag = |name: &'static str, help: &'static str| {
        Arg::new(name)
            .long(name)
            .action(ArgAction::SetTrue)
            .global(true)
            .help(help)
            .help_heading("Global options")
    };
    vec![
        valued(
            "region",
            "REGION",
            "The region to call, e.g. ap-guangzhou or cn-hangzhou (default: the environment's)",
        ),
        valued(
            "profile",
            "NAME",
            "The Alibaba Cloud profile to read credentials from (ALIBABA_CLOUD_PROFILE)",
        ),
        valued(
            "endpoint",
            "URL",
            "Sends to this URL instead of the product's host",
        ),
        flag(
            "local",
            "Sends to the local test endpoint (the testkit; CLOUDAPI_TESTKIT_URL, default http://127.0.0.1:8080) with its test key",
        ),
        valued(
            "language",
            "LANGUAGE",
            "The language of the server's messages: zh-CN or en-US",
        )
        .value_parser(["zh-CN", "en-US"]),
        valued(
            "output",
            "FORMAT",
            "json (default), json-lines, table or text",
        )
        .short('o')
        .value_parser(["json", "json-lines", "table", "text"]),
        valued(
            "query",
            "JMESPATH",
            "Prints only what this JMESPath expression selects from the answer",
        ),
        flag(
            "debug",
            "Logs the calls (tracing spans) to standard error; credentials never appear",
        ),
        flag(
            "dry-run",
            "Prints the signed request (signature and secrets redacted) and sends nothing",
        ),
        valued(
            "cli-input-json",
            "FILE",
            "Reads the members from this JSON file (- for standard input); options override it",
        ),
        flag(
            "generate-cli-skeleton",
            "Prints a JSON input with every member of the action and its type, and sends nothing",
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &str) -> Vec<String> {
        line.split(' ').map(str::to_owned).collect()
    }

    #[test]
    fn the_selection_skips_options_and_their_values() {
        let s = Selection::read(&args(
            "cloudapi --region ap-guangzhou tencent -o table ssl describe-certificates --Limit 10",
        ));
        assert_eq!(s.vendor.as_deref(), Some("tencent"));
        assert_eq!(s.product.as_deref(), Some("ssl"));
        assert_eq!(s.action.as_deref(), Some("describe-certificates"));
        assert_eq!(s.waiter, None);
        let s = Selection::read(&args(
            "cloudapi tencent ssl wait certificate-issued --CertificateId x",
        ));
        assert_eq!(s.waiter.as_deref(), Some("certificate-issued"));
    }

    #[test]
    fn every_command_is_well_formed() {
        // clap checks a command's consistency (duplicate names, aliases) in debug builds.
        full(&Catalog::builtin().unwrap()).unwrap().debug_assert();
    }
}
