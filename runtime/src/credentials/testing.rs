//! Test support: a fake [`Environment`] with its own home directory.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::environment::Environment;

/// Variables from a map; a home directory under the system temp dir,
/// unique to the test and removed when the last clone is dropped.
#[derive(Clone)]
pub(crate) struct FakeEnv {
    vars: HashMap<String, String>,
    home: Option<std::sync::Arc<TempHome>>,
    /// Whether `<home>/etc` stands for `/etc`.
    system_dir: bool,
}

struct TempHome(PathBuf);

impl Drop for TempHome {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl FakeEnv {
    /// No variables, no home directory.
    pub(crate) fn new() -> Self {
        FakeEnv {
            vars: HashMap::new(),
            home: None,
            system_dir: false,
        }
    }

    /// Adds a fresh, empty home directory.
    pub(crate) fn with_home(mut self) -> Self {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|elapsed| elapsed.as_nanos())
            .unwrap_or_default();
        let dir = std::env::temp_dir().join(format!(
            "cloudapi-credentials-test-{}-{}-{nanos}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed),
        ));
        std::fs::create_dir_all(&dir).unwrap();
        self.home = Some(std::sync::Arc::new(TempHome(dir)));
        self
    }

    /// Makes `<home>/etc` the system configuration directory.
    pub(crate) fn with_system_dir(mut self) -> Self {
        self.system_dir = true;
        self
    }

    /// Sets a variable.
    pub(crate) fn with(mut self, name: &str, value: &str) -> Self {
        self.vars.insert(name.to_owned(), value.to_owned());
        self
    }

    /// The home directory; panics if there is none.
    pub(crate) fn home(&self) -> &Path {
        &self.home.as_ref().unwrap().0
    }

    /// Writes a file under the home directory, creating parents; returns
    /// its path.
    pub(crate) fn write(&self, relative: &str, contents: &str) -> PathBuf {
        let path = self.home().join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, contents).unwrap();
        path
    }
}

impl Environment for FakeEnv {
    fn var(&self, name: &str) -> Option<String> {
        self.vars.get(name).cloned()
    }

    fn home_dir(&self) -> Option<PathBuf> {
        self.home.as_ref().map(|home| home.0.clone())
    }

    fn system_config_dir(&self) -> Option<PathBuf> {
        self.system_dir.then(|| self.home().join("etc"))
    }
}

/// Asserts that `text` contains none of `secrets`.
#[track_caller]
pub(crate) fn assert_hidden(text: &str, secrets: &[&str]) {
    for secret in secrets {
        assert!(!text.contains(secret), "{secret:?} leaked into {text:?}");
    }
}
