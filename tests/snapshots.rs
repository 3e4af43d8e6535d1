//! One insta snapshot per generated action module, so every spec edit shows
//! up in review as a diff of the code it changes.
//!
//! After an intended change: `cargo insta review` (or `cargo insta accept`).

#[test]
fn generated_code_of_every_action_matches_its_snapshot() {
    let root = xtask::workspace_root();
    let mut count = 0;
    for target in xtask::generate::targets(&root) {
        let generated = codegen::generate(&target.spec_dir, &target.options)
            .unwrap_or_else(|e| panic!("{}: {e}", target.name));
        for (action, code) in generated.action_sources() {
            let name = format!(
                "{}__{}",
                target.name.replace('/', "_"),
                action.replace('/', "__")
            );
            insta::with_settings!({ snapshot_path => "snapshots", prepend_module_to_snapshot => false, omit_expression => true }, {
                insta::assert_snapshot!(name, code);
            });
            count += 1;
        }
    }
    assert!(
        count >= 5,
        "expected at least the five seed actions, found {count}"
    );
}
