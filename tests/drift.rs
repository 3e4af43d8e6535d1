//! `cargo test` fails when `generated/` (or a fixture) no longer matches
//! `spec/`: the same check as `cargo xtask gen --check`.

use codegen::write::Mode;

#[test]
fn generated_code_is_up_to_date_with_spec() {
    let summary =
        xtask::generate::run(&xtask::workspace_root(), Mode::Check).expect("the spec generates");
    assert!(
        !summary.is_stale(),
        "generated code is out of date; run `cargo xtask gen` and commit:\n{}",
        summary.changed_files().join("\n")
    );
}
