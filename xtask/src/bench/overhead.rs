//! Per-call overhead of the generated client against a floor: raw reqwest
//! re-sending one request signed in advance, to the same loopback server.
//!
//! The VM's cross-CPU wake-ups add 30–200 µs of noise to a loopback round
//! trip, so the server and the (sequential) client are pinned to one CPU
//! with `taskset -c 0`; runs are interleaved (floor, client, client, floor,
//! …) and the figure is the median over rounds of each run's median.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use super::{median, release_binary, run_command};

const ROUNDS: usize = 5;
const CALLS: &str = "6000";
const WARMUP: &str = "1000";

pub(super) fn run(root: &Path) -> Result<(), String> {
    let bench = release_binary(
        root,
        &["-p", "cloudapi-tests", "--example", "callbench"],
        "examples/callbench",
    )?;
    let mut server = Command::new("taskset")
        .args(["-c", "0"])
        .arg(&bench)
        .arg("serve")
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("taskset: {e}"))?;
    let port = server
        .stdout
        .take()
        .and_then(|out| BufReader::new(out).lines().next())
        .and_then(Result::ok)
        .ok_or("the bench server printed no port")?;
    let measure = |mode: &str| -> Result<f64, String> {
        let out = run_command(
            Command::new("taskset")
                .args(["-c", "0"])
                .arg(&bench)
                .args(["client", &port, mode, CALLS, WARMUP]),
        )?;
        out.split_whitespace()
            .find_map(|kv| kv.strip_prefix("median_us="))
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| format!("unexpected output: {out}"))
    };
    let (mut floor, mut client, mut refreshing) = (Vec::new(), Vec::new(), Vec::new());
    let result = (|| {
        for round in 0..ROUNDS {
            // Alternate the order, so drift over time affects all alike.
            if round % 2 == 0 {
                floor.push(measure("floor")?);
                client.push(measure("generated")?);
                refreshing.push(measure("refreshing")?);
            } else {
                refreshing.push(measure("refreshing")?);
                client.push(measure("generated")?);
                floor.push(measure("floor")?);
            }
        }
        Ok::<(), String>(())
    })();
    let _ = server.kill();
    let _ = server.wait();
    result?;
    let (floor_median, client_median) = (median(floor.clone()), median(client.clone()));
    let refreshing_median = median(refreshing.clone());
    println!(
        "\nper-call overhead (loopback, server and client pinned to CPU 0, {CALLS} calls per run after {WARMUP} warm-up, {ROUNDS} interleaved rounds)"
    );
    println!(
        "  floor (raw reqwest, request signed in advance): median {floor_median:.2} µs  (rounds: {})",
        join(&floor)
    );
    println!(
        "  generated client (validate, encode, sign, send, decode): median {client_median:.2} µs  (rounds: {})",
        join(&client)
    );
    println!(
        "  ratio: {:.3}× the floor; overhead {:.2} µs per call",
        client_median / floor_median,
        client_median - floor_median
    );
    println!(
        "  generated client, temporary credentials refreshed every 50 ms: median {refreshing_median:.2} µs  (rounds: {})",
        join(&refreshing)
    );
    println!(
        "  ratio: {:.3}× the floor; overhead {:.2} µs per call",
        refreshing_median / floor_median,
        refreshing_median - floor_median
    );
    Ok(())
}

fn join(values: &[f64]) -> String {
    values
        .iter()
        .map(|v| format!("{v:.2}"))
        .collect::<Vec<_>>()
        .join(", ")
}
