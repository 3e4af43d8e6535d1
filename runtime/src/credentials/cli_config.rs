//! Alibaba Cloud CLI's configuration, `~/.aliyun/config.json`: named
//! profiles, each with a `mode`.

use std::io;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use zeroize::Zeroizing;

use super::env::var;
use crate::credential_types::error::{Attempt, Problem, Source};
use crate::credential_types::key::Credentials;
use crate::environment::Environment;
use crate::sensitive::Sensitive;

/// The modes this crate can use.
const MODES: &[&str] = &[
    "AK",
    "StsToken",
    "RamRoleArn",
    "EcsRamRole",
    "ChainableRamRoleArn",
    "OIDC",
];

/// How deep `source_profile` chains may go.
const MAX_CHAIN: usize = 8;

/// What a CLI profile says to do.
#[derive(Debug)]
pub(super) enum CliProfile {
    /// Sign with this key.
    Key(Credentials),
    /// Assume a role with the key `source` yields.
    AssumeRole {
        source: Box<CliProfile>,
        role_arn: String,
        session_name: Option<String>,
        duration: Option<u32>,
        policy: Option<String>,
        external_id: Option<String>,
        sts_region: Option<String>,
        vpc: bool,
    },
    /// The ECS instance's RAM role.
    EcsRole { role_name: Option<String> },
    /// A role assumed with an OIDC token.
    Oidc {
        role_arn: String,
        provider_arn: String,
        token_file: String,
        session_name: Option<String>,
        sts_region: Option<String>,
        vpc: bool,
    },
}

#[derive(Deserialize)]
struct File {
    #[serde(default)]
    current: String,
    #[serde(default)]
    profiles: Vec<Profile>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Profile {
    name: String,
    mode: String,
    access_key_id: String,
    access_key_secret: Sensitive<String>,
    sts_token: Sensitive<String>,
    ram_role_arn: String,
    ram_session_name: String,
    expired_seconds: u32,
    sts_region: String,
    enable_vpc: bool,
    source_profile: String,
    ram_role_name: String,
    oidc_token_file: String,
    oidc_provider_arn: String,
    policy: String,
    external_id: String,
}

/// The profile named by `ALIBABA_CLOUD_PROFILE` (else the file's `current`)
/// of the file named by `ALIBABA_CLOUD_CONFIG_FILE` (else `~/.aliyun/config.json`).
pub(super) fn load(env: &dyn Environment) -> Result<(CliProfile, Source), Attempt> {
    let (path, named) = match var(env, "ALIBABA_CLOUD_CONFIG_FILE") {
        Some(path) => (PathBuf::from(path), true),
        None => match env.home_dir() {
            Some(home) => (home.join(".aliyun").join("config.json"), false),
            None => {
                return Err(Attempt {
                    source: Source::ConfigFile {
                        path: PathBuf::from("~/.aliyun/config.json"),
                        profile: None,
                    },
                    problem: Problem::NoHomeDir,
                });
            }
        },
    };
    let wanted = var(env, "ALIBABA_CLOUD_PROFILE");
    let fail = |problem, profile: Option<String>| Attempt {
        source: Source::ConfigFile {
            path: path.clone(),
            profile,
        },
        problem,
    };
    let file = match read(&path) {
        Ok(file) => file,
        Err(problem @ Problem::FileNotFound) if !named => return Err(fail(problem, wanted)),
        Err(problem) => return Err(fail(problem, wanted)),
    };
    let name = wanted.clone().unwrap_or_else(|| file.current.clone());
    if name.is_empty() {
        return Err(fail(
            Problem::Refused("no profile is named and `current` is empty".into()),
            None,
        ));
    }
    match resolve(&file, &name, 0) {
        Ok(profile) => Ok((
            profile,
            Source::ConfigFile {
                path,
                profile: Some(name),
            },
        )),
        Err(problem) => Err(fail(problem, Some(name))),
    }
}

fn read(path: &Path) -> Result<File, Problem> {
    let text = match std::fs::read(path) {
        Ok(text) => Zeroizing::new(text),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(Problem::FileNotFound),
        Err(e) => return Err(Problem::Unreadable(e)),
    };
    super::fetch::json(&text, "the CLI's JSON configuration with `profiles`")
}

fn resolve(file: &File, name: &str, depth: usize) -> Result<CliProfile, Problem> {
    let profile = file
        .profiles
        .iter()
        .find(|p| p.name == name)
        .ok_or_else(|| Problem::Refused(format!("no profile named {name}")))?;
    let text = |value: &str| (!value.trim().is_empty()).then(|| value.trim().to_owned());
    let need = |value: &str, key: &'static str| {
        text(value).ok_or_else(|| Problem::MissingKey {
            section: name.to_owned(),
            key,
        })
    };
    let key = || -> Result<Credentials, Problem> {
        Ok(Credentials::new(
            need(&profile.access_key_id, "access_key_id")?,
            need(profile.access_key_secret.expose(), "access_key_secret")?,
        ))
    };
    let role = |source: CliProfile| -> Result<CliProfile, Problem> {
        Ok(CliProfile::AssumeRole {
            source: Box::new(source),
            role_arn: need(&profile.ram_role_arn, "ram_role_arn")?,
            session_name: text(&profile.ram_session_name),
            duration: (profile.expired_seconds > 0).then_some(profile.expired_seconds),
            policy: text(&profile.policy),
            external_id: text(&profile.external_id),
            sts_region: text(&profile.sts_region),
            vpc: profile.enable_vpc,
        })
    };
    match profile.mode.as_str() {
        "AK" | "" => Ok(CliProfile::Key(key()?)),
        "StsToken" => Ok(CliProfile::Key(
            key()?.with_token(need(profile.sts_token.expose(), "sts_token")?),
        )),
        "RamRoleArn" => role(CliProfile::Key(key()?)),
        "EcsRamRole" => Ok(CliProfile::EcsRole {
            role_name: text(&profile.ram_role_name),
        }),
        "ChainableRamRoleArn" => {
            let source = need(&profile.source_profile, "source_profile")?;
            if depth >= MAX_CHAIN || source == name {
                return Err(Problem::Refused(format!(
                    "source_profile chain from {name} does not end"
                )));
            }
            role(resolve(file, &source, depth + 1)?)
        }
        "OIDC" => Ok(CliProfile::Oidc {
            role_arn: need(&profile.ram_role_arn, "ram_role_arn")?,
            provider_arn: need(&profile.oidc_provider_arn, "oidc_provider_arn")?,
            token_file: need(&profile.oidc_token_file, "oidc_token_file")?,
            session_name: text(&profile.ram_session_name),
            sts_region: text(&profile.sts_region),
            vpc: profile.enable_vpc,
        }),
        other => Err(Problem::UnsupportedType {
            kind: (other.len() <= 32 && other.bytes().all(|b| b.is_ascii_alphanumeric()))
                .then(|| other.to_owned()),
            supported: MODES,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::testing::{FakeEnv, assert_hidden};

    const SECRET: &str = "cli-secret-6f1e";

    fn config(env: &FakeEnv, body: &str) {
        env.write(".aliyun/config.json", body);
    }

    #[test]
    fn current_profile_and_modes() {
        let env = FakeEnv::new().with_home();
        config(
            &env,
            &format!(
                r#"{{"current": "main", "profiles": [
            {{"name": "main", "mode": "AK", "access_key_id": "LTAImain", "access_key_secret": "{SECRET}"}},
            {{"name": "sts", "mode": "StsToken", "access_key_id": "STS.x", "access_key_secret": "s", "sts_token": "t"}},
            {{"name": "role", "mode": "RamRoleArn", "access_key_id": "LTAIr", "access_key_secret": "s", "ram_role_arn": "acs:ram::1:role/r", "expired_seconds": 900}},
            {{"name": "chain", "mode": "ChainableRamRoleArn", "source_profile": "role", "ram_role_arn": "acs:ram::1:role/second"}},
            {{"name": "ecs", "mode": "EcsRamRole", "ram_role_name": "worker"}},
            {{"name": "loop", "mode": "ChainableRamRoleArn", "source_profile": "loop", "ram_role_arn": "a"}},
            {{"name": "sso", "mode": "CloudSSO"}}
        ]}}"#
            ),
        );
        let (profile, source) = load(&env).unwrap();
        assert!(matches!(profile, CliProfile::Key(ref k) if k.id() == "LTAImain"));
        assert!(
            source.to_string().ends_with("config.json profile main"),
            "{source}"
        );

        let env = env.with("ALIBABA_CLOUD_PROFILE", "sts");
        assert!(matches!(load(&env).unwrap().0, CliProfile::Key(ref k) if k.token() == Some("t")));
        let env = env.with("ALIBABA_CLOUD_PROFILE", "chain");
        match load(&env).unwrap().0 {
            CliProfile::AssumeRole {
                source, role_arn, ..
            } => {
                assert_eq!(role_arn, "acs:ram::1:role/second");
                assert!(matches!(
                    *source,
                    CliProfile::AssumeRole {
                        duration: Some(900),
                        ..
                    }
                ));
            }
            other => panic!("{other:?}"),
        }
        let env = env.with("ALIBABA_CLOUD_PROFILE", "ecs");
        assert!(
            matches!(load(&env).unwrap().0, CliProfile::EcsRole { role_name: Some(ref r) } if r == "worker")
        );
        let env = env.with("ALIBABA_CLOUD_PROFILE", "loop");
        assert!(load(&env).unwrap_err().to_string().contains("does not end"));
        let env = env.with("ALIBABA_CLOUD_PROFILE", "sso");
        let error = load(&env).unwrap_err().to_string();
        assert!(error.contains("CloudSSO is not supported"), "{error}");
        let env = env.with("ALIBABA_CLOUD_PROFILE", "nope");
        assert!(
            load(&env)
                .unwrap_err()
                .to_string()
                .contains("no profile named nope")
        );
    }

    #[test]
    fn missing_file_is_not_found_and_broken_json_quotes_nothing() {
        let env = FakeEnv::new().with_home();
        assert!(load(&env).unwrap_err().problem.is_not_found());
        config(
            &env,
            &format!(
                r#"{{"current": "x", "profiles": [{{"name": "x", "access_key_secret": {SECRET}}}]}}"#
            ),
        );
        let attempt = load(&env).unwrap_err();
        assert!(!attempt.problem.is_not_found());
        assert_hidden(&attempt.to_string(), &[SECRET]);
        assert_hidden(&format!("{attempt:?}"), &[SECRET]);
    }
}
