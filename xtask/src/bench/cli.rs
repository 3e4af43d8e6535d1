//! The command-line tool (`cloudapi`, package `cloudapi-cli`) against
//! Tencent Cloud's own, `tccli`, in one run:
//!
//! - a clean release build of `cloudapi-cli` (a target directory of its own
//!   under `target/bench`, emptied first) and the size of its binary,
//!   stripped and as built;
//! - `tccli` at the version the Tencent products are imported from, with
//!   its SDK pinned, in a virtual environment under `target/bench`;
//! - start to exit of the help of one action, and of one call to the
//!   testkit (release build, on a free port of 127.0.0.1), each tool run as
//!   a fresh process; the runs are interleaved (cloudapi, tccli, then tccli,
//!   cloudapi, …) so that a change in machine load hits both alike, and each
//!   figure is a median.
//!
//! Needs PyPI (the first time) and the `cli/` crate in the checkout.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::JoinHandle;
use std::time::Instant;

use super::{median, release_binary, run_command, secs};
use crate::products::{TCCLI, pypi};

/// tccli 3.1.189.1 requires `tencentcloud-sdk-python>=3.1.189`; pinned at
/// that floor, so that every run installs the same SDK.
const TCCLI_SDK: pypi::Package = pypi::Package {
    name: "tencentcloud-sdk-python",
    version: "3.1.189",
};
/// Timed runs of each command, after the warm-ups.
const RUNS: usize = 21;
/// Untimed runs of each command first (tccli writes its configuration on
/// its first run, Python compiles what it lacks byte code for).
const WARMUPS: usize = 2;
/// The region both tools name in a call.
const REGION: &str = "ap-guangzhou";
/// Variables that would send a call elsewhere or change whose credentials
/// sign it; removed from both tools' environment.
const CLEARED: &[&str] = &[
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "http_proxy",
    "https_proxy",
    "all_proxy",
    "TENCENTCLOUD_TOKEN",
    "TENCENTCLOUD_REGION",
    "TENCENTCLOUD_ROLE_ARN",
    "TENCENTCLOUD_ROLE_SESSION_NAME",
    "TCCLI_PROFILE",
];

pub(super) fn run(root: &Path, scratch: &Path) -> Result<(), String> {
    if !root.join("cli/Cargo.toml").is_file() {
        return Err(format!(
            "bench --only cli: no cli/ crate (cloudapi-cli) in {}",
            root.display()
        ));
    }
    let (build_seconds, cloudapi, size) = build_cli(root, scratch)?;
    let tccli = install_tccli(scratch)?;
    let python = run_command(Command::new(tccli.with_file_name("python")).arg("--version"))?;
    let testkit = Testkit::start(&release_binary(root, &["-p", "testkit"], "testkit")?)?;
    let home = scratch.join("cli-home");
    fs::create_dir_all(&home).map_err(|e| format!("{}: {e}", home.display()))?;
    let url = testkit.url.clone();
    let measures = [
        Measure {
            label: "help of one action",
            cloudapi: vec!["tencent", "ssl", "DescribeCertificates", "--help"],
            // tccli's `--help` after an action prints only the usage of its
            // first argument parser; `help` is the help of the action.
            tccli: vec!["ssl", "DescribeCertificates", "help"],
            check: is_help,
        },
        Measure {
            label: "one call to the local testkit",
            cloudapi: vec![
                "--endpoint",
                &url,
                "--region",
                REGION,
                "tencent",
                "ssl",
                "DescribeCertificates",
                "--Limit",
                "10",
            ],
            // tccli has no option for the scheme, but the SDK sends to an
            // endpoint that has one as it is (`ApiRequest._handle_host`), so
            // `--endpoint http://127.0.0.1:PORT` is a plain-HTTP call. The
            // SDK also sends and signs that string as the `Host` header;
            // the testkit checks the signature over the headers it received,
            // so it accepts the call. tccli signs with TC3-HMAC-SHA256.
            tccli: vec![
                "ssl",
                "DescribeCertificates",
                "--Limit",
                "10",
                "--region",
                REGION,
                "--endpoint",
                &url,
            ],
            check: is_answer,
        },
    ];
    let env = Env {
        home,
        key: testkit.key.clone(),
    };
    let result = measure(&measures, &cloudapi, &tccli, &env);
    let refusals = testkit.stop();
    let times = result?;
    if !refusals.is_empty() {
        return Err(format!(
            "the testkit refused calls:\n{}",
            refusals.join("\n")
        ));
    }
    println!(
        "\ncommand-line tool: cloudapi against tccli {} ({}, {}); start to exit of a fresh process, median of {RUNS} runs each after {WARMUPS} warm-ups, interleaved",
        TCCLI.version,
        TCCLI_SDK.requirement(),
        python.trim()
    );
    println!(
        "  {:<32} {:>12} {:>12} {:>15}",
        "measure", "cloudapi", "tccli", "tccli/cloudapi"
    );
    for (measure, times) in measures.iter().zip(times) {
        let (ours, theirs) = (median(times.cloudapi), median(times.tccli));
        println!(
            "  {:<32} {:>9.1} ms {:>9.1} ms {:>14.1}×",
            measure.label,
            ours,
            theirs,
            theirs / ours
        );
    }
    println!(
        "  cloudapi binary: {:.1} MB stripped ({:.1} MB as built)",
        size.stripped as f64 / 1e6,
        size.built as f64 / 1e6
    );
    println!(
        "  clean release build of cloudapi-cli (empty target directory, {}): {build_seconds:.1} s",
        jobs()
    );
    Ok(())
}

/// One thing measured: the arguments of each tool, and what a run must print.
struct Measure<'a> {
    label: &'static str,
    cloudapi: Vec<&'a str>,
    tccli: Vec<&'a str>,
    check: fn(&str) -> bool,
}

/// What both tools run with: a home folder of their own, and the key.
struct Env {
    home: PathBuf,
    key: (String, String),
}

/// The milliseconds of each tool's timed runs of one measure.
#[derive(Default)]
struct Times {
    cloudapi: Vec<f64>,
    tccli: Vec<f64>,
}

/// Sizes of the binary, in bytes.
struct Size {
    built: u64,
    stripped: u64,
}

/// Builds `cloudapi-cli` in release from an empty target directory; returns
/// the seconds it took, the stripped binary (copied out of that directory,
/// which is then removed) and its sizes.
fn build_cli(root: &Path, scratch: &Path) -> Result<(f64, PathBuf, Size), String> {
    let target = scratch.join("cli-target");
    let _ = fs::remove_dir_all(&target);
    let started = Instant::now();
    run_command(
        Command::new(crate::cargo())
            .current_dir(root)
            .env("CARGO_TARGET_DIR", &target)
            .args(["build", "--release", "--quiet", "-p", "cloudapi-cli"]),
    )?;
    let seconds = secs(started.elapsed());
    let bin = scratch.join("cli-bin");
    fs::create_dir_all(&bin).map_err(|e| format!("{}: {e}", bin.display()))?;
    let built = target.join("release/cloudapi");
    let stripped = bin.join("cloudapi");
    fs::copy(&built, &stripped).map_err(|e| format!("{}: {e}", built.display()))?;
    let built_size = file_size(&stripped)?;
    run_command(Command::new("strip").arg(&stripped))?;
    let size = Size {
        built: built_size,
        stripped: file_size(&stripped)?,
    };
    // A release target directory is large; only the binary is needed.
    let _ = fs::remove_dir_all(&target);
    Ok((seconds, stripped, size))
}

fn file_size(path: &Path) -> Result<u64, String> {
    fs::metadata(path)
        .map(|m| m.len())
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// `tccli` and its SDK at the pinned versions; returns the `tccli` program.
fn install_tccli(scratch: &Path) -> Result<PathBuf, String> {
    let bin = pypi::venv(
        &scratch.join("tccli-venv"),
        &[TCCLI.requirement(), TCCLI_SDK.requirement()],
    )?;
    Ok(bin.join("tccli"))
}

/// The build jobs cargo was given, which a build time depends on.
fn jobs() -> String {
    match std::env::var("CARGO_BUILD_JOBS") {
        Ok(jobs) => format!("CARGO_BUILD_JOBS={jobs}"),
        Err(_) => format!("{} jobs", super::cores()),
    }
}

/// Runs every measure's two commands `WARMUPS + RUNS` times, interleaved;
/// returns the timed runs of each measure.
fn measure(
    measures: &[Measure],
    cloudapi: &Path,
    tccli: &Path,
    env: &Env,
) -> Result<Vec<Times>, String> {
    let mut times: Vec<Times> = measures.iter().map(|_| Times::default()).collect();
    for round in 0..WARMUPS + RUNS {
        for (measure, times) in measures.iter().zip(&mut times) {
            let run_ours = || timed(cloudapi, &measure.cloudapi, env, measure.check);
            let run_theirs = || timed(tccli, &measure.tccli, env, measure.check);
            let (a, b) = if round % 2 == 0 {
                let a = run_ours()?;
                (a, run_theirs()?)
            } else {
                let b = run_theirs()?;
                (run_ours()?, b)
            };
            if round >= WARMUPS {
                times.cloudapi.push(a);
                times.tccli.push(b);
            }
        }
    }
    Ok(times)
}

/// Milliseconds from starting `program` to its exit; fails unless it exits
/// with 0 and its standard output passes `check`.
fn timed(program: &Path, args: &[&str], env: &Env, check: fn(&str) -> bool) -> Result<f64, String> {
    let mut command = Command::new(program);
    command
        .args(args)
        .current_dir(&env.home)
        // Neither tool reads or writes the user's configuration (tccli
        // writes ~/.tccli on its first run); both read the testkit's key
        // from the environment.
        .env("HOME", &env.home)
        .env("TENCENTCLOUD_SECRET_ID", &env.key.0)
        .env("TENCENTCLOUD_SECRET_KEY", &env.key.1);
    for name in CLEARED {
        command.env_remove(name);
    }
    let started = Instant::now();
    let output = command
        .output()
        .map_err(|e| format!("{}: {e}", program.display()))?;
    let millis = secs(started.elapsed()) * 1000.0;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() || !check(&stdout) {
        return Err(format!(
            "{} {} ({}) printed:\n{}\n{}",
            program.display(),
            args.join(" "),
            output.status,
            stdout.chars().take(2000).collect::<String>(),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(millis)
}

/// The help of `DescribeCertificates`: it names the action's parameter `Limit`.
fn is_help(stdout: &str) -> bool {
    stdout.contains("DescribeCertificates") && stdout.contains("Limit")
}

/// A JSON answer with a request ID, at the top or under `Response`, in any
/// case (`RequestId`, `request_id`), and no `Error` beside it.
fn is_answer(stdout: &str) -> bool {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(stdout) else {
        return false;
    };
    let has_id = |value: &serde_json::Value| {
        value.as_object().is_some_and(|object| {
            !object.keys().any(|key| key.eq_ignore_ascii_case("error"))
                && object.iter().any(|(key, id)| {
                    key.replace('_', "").eq_ignore_ascii_case("requestid")
                        && id.as_str().is_some_and(|id| !id.is_empty())
                })
        })
    };
    has_id(&value) || has_id(&value["Response"])
}

/// The testkit program, serving on a free port of 127.0.0.1.
struct Testkit {
    child: Child,
    url: String,
    /// The key it accepts: id and secret.
    key: (String, String),
    /// Reads what it prints after its first line (a line per refused request).
    rest: JoinHandle<Vec<String>>,
}

impl Testkit {
    fn start(program: &Path) -> Result<Testkit, String> {
        let mut child = Command::new(program)
            .args(["--port", "0"])
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("{}: {e}", program.display()))?;
        let mut lines = child
            .stdout
            .take()
            .map(|out| BufReader::new(out).lines())
            .ok_or("the testkit's output is not piped")?;
        let head: Vec<String> = lines.by_ref().take(3).map_while(Result::ok).collect();
        let Some((url, key)) = testkit_head(&head) else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!(
                "the testkit printed no URL and key:\n{}",
                head.join("\n")
            ));
        };
        // Read on, so that the testkit never blocks on a full pipe.
        let rest = std::thread::spawn(move || {
            lines
                .map_while(Result::ok)
                .filter(|line| line.starts_with("refused"))
                .collect()
        });
        Ok(Testkit {
            child,
            url,
            key,
            rest,
        })
    }

    /// Stops the testkit; returns the requests it refused.
    fn stop(mut self) -> Vec<String> {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.rest.join().unwrap_or_default()
    }
}

/// The URL and the key (id, secret) in the testkit's first three lines:
/// `testkit: serving N actions at http://127.0.0.1:PORT`, `  key id:     …`,
/// `  key secret: …`.
fn testkit_head(head: &[String]) -> Option<(String, (String, String))> {
    let [first, id, secret] = head else {
        return None;
    };
    let value = |line: &str, label: &str| {
        let value = line.trim().strip_prefix(label)?.trim();
        (!value.is_empty()).then(|| value.to_string())
    };
    Some((
        testkit_url(first)?.to_string(),
        (value(id, "key id:")?, value(secret, "key secret:")?),
    ))
}

/// The URL in the testkit's first line.
fn testkit_url(line: &str) -> Option<&str> {
    let start = line.find("http://")?;
    let url = line[start..].split_whitespace().next()?;
    let port = url.strip_prefix("http://")?.rsplit_once(':')?.1;
    (!port.is_empty() && port.bytes().all(|b| b.is_ascii_digit())).then_some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_url_is_read_from_the_testkits_first_line() {
        assert_eq!(
            testkit_url("testkit: serving 480 actions at http://127.0.0.1:41827"),
            Some("http://127.0.0.1:41827")
        );
        assert_eq!(
            testkit_url("at http://127.0.0.1:8080 \r"),
            Some("http://127.0.0.1:8080")
        );
        for line in [
            "",
            "testkit: cannot start: address in use",
            "at http://127.0.0.1",
            "at http://127.0.0.1:",
            "at http://127.0.0.1:80a",
        ] {
            assert_eq!(testkit_url(line), None, "{line}");
        }
    }

    #[test]
    fn the_url_and_key_are_read_from_the_testkits_first_lines() {
        let head =
            |lines: &[&str]| -> Vec<String> { lines.iter().map(|l| l.to_string()).collect() };
        let printed = head(&[
            "testkit: serving 480 actions at http://127.0.0.1:41827",
            "  key id:     AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
            "  key secret: Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
        ]);
        assert_eq!(
            testkit_head(&printed),
            Some((
                "http://127.0.0.1:41827".to_string(),
                (
                    "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE".to_string(),
                    "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE".to_string()
                )
            ))
        );
        assert_eq!(testkit_head(&printed[..2]), None);
        let mut blank = printed.clone();
        blank[2] = "  key secret: ".into();
        assert_eq!(testkit_head(&blank), None);
        let mut swapped = printed.clone();
        swapped.swap(1, 2);
        assert_eq!(testkit_head(&swapped), None);
    }

    #[test]
    fn an_answer_is_json_with_a_request_id() {
        assert!(is_answer(r#"{"TotalCount": 1, "RequestId": "b61d"}"#));
        assert!(is_answer(r#"{"Response": {"RequestId": "b61d"}}"#));
        assert!(is_answer("{\"request_id\": \"b61d\"}\n"));
        for stdout in [
            "",
            "RequestId",
            r#"{"RequestId": ""}"#,
            r#"{"TotalCount": 1}"#,
            r#"{"Error": {"RequestId": "b61d"}}"#,
            r#"{"Response": {"Error": {"Code": "AuthFailure"}, "RequestId": "b61d"}}"#,
            r#"["RequestId"]"#,
        ] {
            assert!(!is_answer(stdout), "{stdout}");
        }
    }

    #[test]
    fn a_help_names_the_action_and_its_parameter() {
        assert!(is_help(
            "USAGE\n    tccli ssl DescribeCertificates [--param...]\n--Limit (Integer | Optional)\n"
        ));
        assert!(!is_help("usage: tccli [-h] [--profile PROFILE]\n"));
    }
}
