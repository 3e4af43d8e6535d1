//! Both READMEs show the application example that tests/consumer.rs builds and runs,
//! and README.md the common client's example that tests/common_client.rs runs,
//! verbatim: the documentation cannot drift from code that is tested.

use std::fs;
use std::path::Path;

#[test]
fn the_readmes_show_the_tested_application_example_verbatim() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let read = |path: &str| fs::read_to_string(root.join(path)).expect("readable");
    for readme in ["README.md", "generated/README.md"] {
        let text = read(readme);
        for source in ["tests/consumer/src/lib.rs", "tests/consumer/tests/renew.rs"] {
            assert!(
                text.contains(&read(source)),
                "{readme} does not show {source} as it is; copy it again"
            );
        }
        // The first five minutes: git or path, the tokio runtime, the minimum Rust version.
        for fact in ["git = ", "path = ", "tokio", "Rust 1.88"] {
            assert!(text.contains(fact), "{readme} does not say `{fact}`");
        }
    }
    assert!(
        read("README.md").contains(&read("tests/common_client/regions.rs")),
        "README.md does not show tests/common_client/regions.rs as it is; copy it again"
    );
    let manifest = read("Cargo.toml");
    assert!(
        manifest.contains("rust-version = \"1.88\""),
        "the READMEs name the minimum Rust version: update them with the workspace's"
    );
}
