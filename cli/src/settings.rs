//! The client configuration from the global options, over the library's
//! defaults: the vendor's credential chain (environment, profile files,
//! roles, OIDC, instance metadata), the region from the environment,
//! proxies from `HTTPS_PROXY` and `NO_PROXY`.

use std::path::PathBuf;

use clap::ArgMatches;
use cloudapi::runtime::credentials::{Environment, ProcessEnvironment};
use cloudapi::{Config, Credentials, Endpoint, Language};

use crate::failure::Failure;

/// Where `--local` sends, unless `CLOUDAPI_TESTKIT_URL` says otherwise:
/// `cargo run -p testkit` listens there by default.
pub const TESTKIT_URL: &str = "http://127.0.0.1:8080";

/// The key the testkit accepts by default (its `TEST_KEY_ID` and
/// `TEST_KEY_SECRET`, published as test values; a test checks they agree).
pub const TESTKIT_KEY: (&str, &str) = (
    "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
    "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
);

/// The configuration for a call to `vendor` (its folder name).
pub fn config(matches: &ArgMatches, vendor: &str) -> Result<Config, Failure> {
    let mut config = Config::new();
    if let Some(profile) = matches.get_one::<String>("profile") {
        if vendor != "alibaba" {
            return Err(Failure::Usage(
                "--profile: Tencent Cloud's credentials file has one key, [default]; \
                 name another file with TENCENTCLOUD_CREDENTIALS_FILE"
                    .into(),
            ));
        }
        config = config.environment(WithProfile(profile.clone()));
    }
    if let Some(region) = matches.get_one::<String>("region") {
        config = config.region(region.clone());
    }
    if let Some(language) = matches.get_one::<String>("language") {
        config = config.language(match language.as_str() {
            "en-US" => Language::EnUs,
            _ => Language::ZhCn,
        });
    }
    if matches.get_flag("local") {
        let url = std::env::var("CLOUDAPI_TESTKIT_URL").unwrap_or_else(|_| TESTKIT_URL.into());
        config = config
            .endpoint(Endpoint::Url(url))
            .credentials(Credentials::new(TESTKIT_KEY.0, TESTKIT_KEY.1));
    }
    if let Some(url) = matches.get_one::<String>("endpoint") {
        config = config.endpoint(Endpoint::Url(url.clone()));
    }
    Ok(config)
}

/// The process environment, with `ALIBABA_CLOUD_PROFILE` set to `--profile`'s value.
struct WithProfile(String);

impl Environment for WithProfile {
    fn var(&self, name: &str) -> Option<String> {
        if name == "ALIBABA_CLOUD_PROFILE" {
            Some(self.0.clone())
        } else {
            ProcessEnvironment.var(name)
        }
    }

    fn home_dir(&self) -> Option<PathBuf> {
        ProcessEnvironment.home_dir()
    }

    fn system_config_dir(&self) -> Option<PathBuf> {
        ProcessEnvironment.system_config_dir()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_local_key_is_the_testkits() {
        assert_eq!(
            super::TESTKIT_KEY,
            (testkit::TEST_KEY_ID, testkit::TEST_KEY_SECRET)
        );
    }
}
