//! Two checkouts, one `xtask` binary: checkouts that share a target directory
//! (git worktrees with one target, a CI cache) share the binary, so it must
//! work on the checkout it is run in, never on the one it was built in.
//!
//! The binary under test is this checkout's build; the two checkouts are
//! small copies of the workspace's layout in the temporary directory. Each
//! run imports a different set of actions, so the files each checkout ends
//! up with say which run wrote into it.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A checkout's layout, as small as `cargo xtask import` allows: the
/// workspace manifest beside `xtask/`, and the parts of `spec/` an import
/// validates against.
struct Checkout(PathBuf);

impl Checkout {
    fn new(label: &str) -> Checkout {
        let real = xtask::workspace_root();
        let root =
            std::env::temp_dir().join(format!("xtask-checkouts-{}-{label}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        fs::create_dir_all(root.join("xtask/src")).unwrap();
        fs::write(
            root.join("Cargo.toml"),
            "[workspace]\nmembers = [\"xtask\"]\n",
        )
        .unwrap();
        fs::write(
            root.join("xtask/Cargo.toml"),
            "[package]\nname = \"xtask\"\nversion = \"0.1.0\"\n",
        )
        .unwrap();
        for dir in ["spec/schema", "spec/tencent"] {
            fs::create_dir_all(root.join(dir)).unwrap();
        }
        for entry in fs::read_dir(real.join("spec/schema")).unwrap() {
            let path = entry.unwrap().path();
            fs::copy(
                &path,
                root.join("spec/schema").join(path.file_name().unwrap()),
            )
            .unwrap();
        }
        fs::copy(
            real.join("spec/tencent/vendor.json"),
            root.join("spec/tencent/vendor.json"),
        )
        .unwrap();
        Checkout(root)
    }

    /// The actions imported into this checkout, by their spec files' names.
    fn widget_actions(&self) -> Vec<String> {
        let dir = self.0.join("spec/tencent/widgets/actions");
        let Ok(entries) = fs::read_dir(&dir) else {
            return Vec::new();
        };
        let mut names: Vec<String> = entries
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

impl Drop for Checkout {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn fixture() -> PathBuf {
    xtask::workspace_root().join("import/tests/fixtures/tencent/widgets.json")
}

/// The binary, run in `dir` with `CARGO_MANIFEST_DIR` as given: `Some` as
/// `cargo run` sets it, `None` as when the binary is run by hand. (This
/// test's own `CARGO_MANIFEST_DIR`, which `cargo test` sets, never leaks in.)
fn xtask(dir: &Path, manifest_dir: Option<&Path>, args: &[&str]) -> (Output, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_xtask"));
    command.current_dir(dir).args(args);
    match manifest_dir {
        Some(manifest_dir) => command.env("CARGO_MANIFEST_DIR", manifest_dir),
        None => command.env_remove("CARGO_MANIFEST_DIR"),
    };
    let output = command.output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output, text)
}

/// The checkout this binary was built from must never receive the imports;
/// were it to, the test says so and takes them out again.
fn assert_builder_untouched() {
    let leaked = xtask::workspace_root().join("spec/tencent/widgets");
    if leaked.exists() {
        let _ = fs::remove_dir_all(&leaked);
        panic!(
            "an import wrote into the checkout the binary was built in ({})",
            leaked.display()
        );
    }
}

#[test]
fn each_run_writes_into_the_checkout_it_runs_in() {
    let a = Checkout::new("a");
    let b = Checkout::new("b");
    let fixture = fixture();
    let fixture = fixture.to_str().unwrap();

    // Run by hand from a folder inside checkout a: the current directory decides.
    let (out, text) = xtask(
        &a.0.join("spec/tencent"),
        None,
        &["import", "tencent", fixture, "--actions", "CreateWidget"],
    );
    assert!(out.status.success(), "import in a:\n{text}");
    assert_builder_untouched();
    assert_eq!(a.widget_actions(), ["CreateWidget.json"]);
    assert_eq!(
        b.widget_actions(),
        Vec::<String>::new(),
        "a's run wrote into b"
    );

    // As `cargo run` in checkout b runs it: CARGO_MANIFEST_DIR names b's
    // xtask/, and it decides even when the current directory is in a.
    let (out, text) = xtask(
        &a.0,
        Some(&b.0.join("xtask")),
        &[
            "import",
            "tencent",
            fixture,
            "--actions",
            "DescribeWidgets,ModifyWidgetTree",
        ],
    );
    assert!(out.status.success(), "import in b:\n{text}");
    assert_builder_untouched();
    assert_eq!(
        b.widget_actions(),
        ["DescribeWidgets.json", "ModifyWidgetTree.json"]
    );
    assert_eq!(
        a.widget_actions(),
        ["CreateWidget.json"],
        "b's run wrote into a"
    );
}

/// Outside any checkout, with no `--root`, the command fails and says how
/// to name one; it does not fall back to the checkout it was built in.
#[test]
fn outside_a_checkout_it_stops_and_asks_for_the_root() {
    let outside = std::env::temp_dir().join(format!("xtask-outside-{}", std::process::id()));
    fs::create_dir_all(&outside).unwrap();
    let fixture = fixture();
    let (out, text) = xtask(
        &outside,
        None,
        &["import", "tencent", fixture.to_str().unwrap()],
    );
    assert_builder_untouched();
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("give --root DIR"), "{text}");
    assert!(text.contains(&outside.display().to_string()), "{text}");
    assert_eq!(fs::read_dir(&outside).unwrap().count(), 0, "it wrote files");
    fs::remove_dir_all(&outside).unwrap();
}
