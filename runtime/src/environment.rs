//! Where configuration is read from: the process environment, or a stand-in
//! that tests give instead, so that they never change the process's own.

use std::path::PathBuf;

use crate::vendor::Vendor;

/// Where the chain looks: injectable so tests never mutate the process
/// environment.
pub trait Environment: Send + Sync {
    /// The value of an environment variable, or `None` if it is unset (or
    /// not valid Unicode).
    fn var(&self, name: &str) -> Option<String>;

    /// The user's home directory, under which the default profile files
    /// live; `None` if unknown.
    fn home_dir(&self) -> Option<PathBuf>;

    /// The system-wide configuration directory (`/etc` on Unix), where
    /// `/etc/tencentcloud/credentials` is looked for; `None` if there is none.
    fn system_config_dir(&self) -> Option<PathBuf> {
        cfg!(unix).then(|| PathBuf::from("/etc"))
    }
}

/// The real process environment: [`std::env::var`], and the home directory
/// from `HOME` (on Windows, `USERPROFILE`, falling back to `HOME`).
#[derive(Debug, Clone, Copy, Default)]
pub struct ProcessEnvironment;

impl Environment for ProcessEnvironment {
    fn var(&self, name: &str) -> Option<String> {
        std::env::var(name).ok()
    }

    fn home_dir(&self) -> Option<PathBuf> {
        let names: &[&str] = if cfg!(windows) {
            &["USERPROFILE", "HOME"]
        } else {
            &["HOME"]
        };
        names
            .iter()
            .filter_map(std::env::var_os)
            .find(|value| !value.is_empty())
            .map(PathBuf::from)
    }
}

/// The region named by the environment (`TENCENTCLOUD_REGION`;
/// `ALIBABA_CLOUD_REGION_ID`), trimmed; `None` if unset or blank.
pub fn env_region(vendor: Vendor, env: &dyn Environment) -> Option<String> {
    let name = match vendor {
        Vendor::Tencent => "TENCENTCLOUD_REGION",
        Vendor::Alibaba => "ALIBABA_CLOUD_REGION_ID",
    };
    let value = env.var(name)?;
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn process_environment_reads_real_variables() {
        // Read-only: PATH is set in any sane test environment.
        let env = ProcessEnvironment;
        assert_eq!(env.var("PATH"), std::env::var("PATH").ok());
        assert_eq!(env.var("CLOUDAPI_SURELY_UNSET_VARIABLE_4d1c9e2f"), None);
    }
}
