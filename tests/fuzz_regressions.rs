//! Replays every fuzz seed and every input that ever crashed a fuzz target
//! (fuzz/seeds/<target>/, fuzz/regressions/<target>/) through the same checks
//! the fuzz targets run, so a fixed crash stays fixed without a fuzzer.

mod fuzz_checks;

use std::fs;
use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) -> usize {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let mut count = 0;
    for folder in ["seeds", "regressions"] {
        let Ok(entries) = fs::read_dir(fuzz.join(folder).join(target)) else {
            continue;
        };
        let mut files: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        files.sort();
        for file in files {
            check(&fs::read(&file).unwrap());
            count += 1;
        }
    }
    count
}

#[test]
fn spec_loader_inputs() {
    assert!(replay("spec_loader", fuzz_checks::spec_loader) > 0);
}

#[test]
fn tencent_response_inputs() {
    assert!(replay("tencent_response", fuzz_checks::tencent_response) > 0);
}

#[test]
fn alibaba_response_inputs() {
    assert!(replay("alibaba_response", fuzz_checks::alibaba_response) > 0);
}

#[test]
fn testkit_request_inputs() {
    assert!(replay("testkit_request", fuzz_checks::testkit_request) > 0);
}
