//! The profile-file source: `~/.tencentcloud/credentials` (or
//! `/etc/tencentcloud/credentials`), `~/.alibabacloud/credentials`, or the
//! file an environment variable names.

use std::borrow::Cow;
use std::io;
use std::path::{Path, PathBuf};

use ini::{Ini, ParseOption, Properties};
use zeroize::{Zeroize, Zeroizing};

use super::env::{names, var};
use crate::credential_types::error::{Attempt, Problem, Source};
use crate::credential_types::key::Credentials;
use crate::environment::Environment;
use crate::vendor::Vendor;

/// The section read unless `ALIBABA_CLOUD_PROFILE` names another (Alibaba).
const DEFAULT_SECTION: &str = "default";

/// Alibaba credential types this crate can use.
const ALIBABA_TYPES: &[&str] = &["access_key", "sts", "ram_role_arn", "ecs_ram_role"];

/// What a profile holds.
#[derive(Debug)]
pub(super) enum Found {
    /// A key to sign with.
    Key(Credentials),
    /// A key that assumes a role through STS.
    AssumeRole {
        key: Credentials,
        role_arn: String,
        session_name: Option<String>,
        policy: Option<String>,
    },
    /// The instance's RAM role (Alibaba `ecs_ram_role`).
    EcsRole { role_name: Option<String> },
}

/// The directory under the home directory holding the default file.
fn default_dir(vendor: Vendor) -> &'static str {
    match vendor {
        Vendor::Tencent => ".tencentcloud",
        Vendor::Alibaba => ".alibabacloud",
    }
}

/// Where the profile file is, and the variable that named it: the override
/// variable if set (a leading `~/` is expanded), else the default under the
/// home directory, else (Tencent) the system-wide file if it exists.
fn locate(
    vendor: Vendor,
    env: &dyn Environment,
) -> Result<(PathBuf, Option<&'static str>), Attempt> {
    let override_var = names(vendor).profile_file;
    if let Some(named) = var(env, override_var) {
        let home_relative = named
            .strip_prefix("~/")
            .or_else(|| named.strip_prefix("~\\"));
        let path = match (home_relative, env.home_dir()) {
            (Some(rest), Some(home)) => home.join(rest),
            _ => PathBuf::from(&named),
        };
        return Ok((path, Some(override_var)));
    }
    let dir = default_dir(vendor);
    let system = match vendor {
        Vendor::Tencent => env
            .system_config_dir()
            .map(|etc| etc.join("tencentcloud/credentials")),
        Vendor::Alibaba => None,
    };
    match env.home_dir() {
        Some(home) => {
            let path = home.join(dir).join("credentials");
            match system {
                Some(system) if !path.exists() && system.exists() => Ok((system, None)),
                _ => Ok((path, None)),
            }
        }
        None => match system {
            Some(system) if system.exists() => Ok((system, None)),
            _ => Err(Attempt {
                source: Source::ProfileFile {
                    path: PathBuf::from(format!("~/{dir}/credentials")),
                    named_by: None,
                },
                problem: Problem::NoHomeDir,
            }),
        },
    }
}

/// What the vendor's profile file holds, and the file it came from. A
/// missing file is [`Problem::FileNotFound`]; anything else wrong with it
/// is a problem that stops the chain.
pub(super) fn load(vendor: Vendor, env: &dyn Environment) -> Result<(Found, Source), Attempt> {
    let (path, named_by) = locate(vendor, env)?;
    let section = match vendor {
        Vendor::Tencent => DEFAULT_SECTION.to_owned(),
        Vendor::Alibaba => {
            var(env, "ALIBABA_CLOUD_PROFILE").unwrap_or_else(|| DEFAULT_SECTION.to_owned())
        }
    };
    let result = read(vendor, &path, &section);
    let source = Source::ProfileFile { path, named_by };
    match result {
        Ok(found) => Ok((found, source)),
        Err(problem) => Err(Attempt { source, problem }),
    }
}

/// Reads and parses one file. File contents and parsed values are zeroed
/// before returning.
fn read(vendor: Vendor, path: &Path, section: &str) -> Result<Found, Problem> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => Zeroizing::new(text),
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            return Err(Problem::FileNotFound);
        }
        Err(error) => return Err(Problem::Unreadable(error)),
    };
    parse(vendor, &text, section)
}

/// Parses the contents of a profile file.
fn parse(vendor: Vendor, text: &str, section_name: &str) -> Result<Found, Problem> {
    // Files saved by Windows Notepad may start with a byte-order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let options = ParseOption {
        // Quotes around a value are stripped; backslashes are kept as
        // written (they are not escapes in these files).
        enabled_quote: true,
        enabled_escape: false,
        ..ParseOption::default()
    };
    let mut ini = Ini::load_from_str_opt(text, options).map_err(|error| Problem::Malformed {
        line: error.line,
        column: error.col,
        // Owned messages are built from the file's contents.
        detail: match error.msg {
            Cow::Borrowed(detail) => Some(detail),
            Cow::Owned(_) => None,
        },
    })?;
    let result = match ini.section(Some(section_name)) {
        Some(properties) => match vendor {
            Vendor::Tencent => tencent(properties, section_name),
            Vendor::Alibaba => alibaba(properties, section_name),
        },
        None => Err(Problem::MissingSection {
            section: section_name.to_owned(),
        }),
    };
    scrub(&mut ini);
    result
}

/// `secret_id`, `secret_key`, optional `token`; optional `role_arn` (and
/// `role_session_name`) to assume a role with that key.
fn tencent(section: &Properties, name: &str) -> Result<Found, Problem> {
    let id = required(section, name, "secret_id")?;
    let secret = required(section, name, "secret_key")?;
    let credentials = Credentials::new(id, secret);
    let key = match optional(section, "token") {
        Some(token) => credentials.with_token(token),
        None => credentials,
    };
    Ok(match optional(section, "role_arn") {
        Some(role_arn) => Found::AssumeRole {
            key,
            role_arn: role_arn.to_owned(),
            session_name: optional(section, "role_session_name").map(str::to_owned),
            policy: None,
        },
        None => Found::Key(key),
    })
}

/// `type` (default `access_key`): `access_key_id` and `access_key_secret`;
/// for `sts`, `security_token`; for `ram_role_arn`, `role_arn`,
/// `role_session_name`, optional `policy`; for `ecs_ram_role`, optional `role_name`.
fn alibaba(section: &Properties, name: &str) -> Result<Found, Problem> {
    let kind = optional(section, "type").unwrap_or("access_key");
    let kind = ALIBABA_TYPES
        .iter()
        .find(|known| known.eq_ignore_ascii_case(kind))
        .ok_or_else(|| Problem::UnsupportedType {
            kind: shown_type(kind),
            supported: ALIBABA_TYPES,
        })?;
    if *kind == "ecs_ram_role" {
        return Ok(Found::EcsRole {
            role_name: optional(section, "role_name").map(str::to_owned),
        });
    }
    let id = required(section, name, "access_key_id")?;
    let secret = required(section, name, "access_key_secret")?;
    let credentials = Credentials::new(id, secret);
    match *kind {
        "sts" => {
            let token = required(section, name, "security_token")?;
            Ok(Found::Key(credentials.with_token(token)))
        }
        "ram_role_arn" => Ok(Found::AssumeRole {
            key: credentials,
            role_arn: required(section, name, "role_arn")?.to_owned(),
            session_name: optional(section, "role_session_name").map(str::to_owned),
            policy: optional(section, "policy").map(str::to_owned),
        }),
        _ => Ok(Found::Key(credentials)),
    }
}

/// The type as written, if it looks like a type name (`ecs_ram_role`,
/// `ram_role_arn`, `rsa_key_pair`, …); otherwise `None`, since a value put
/// on the wrong line could be a secret.
fn shown_type(kind: &str) -> Option<String> {
    let looks_like_a_type = kind.len() <= 32
        && kind
            .bytes()
            .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'_');
    looks_like_a_type.then(|| kind.to_owned())
}

/// A value, trimmed; `None` if absent or blank.
fn optional<'a>(section: &'a Properties, key: &str) -> Option<&'a str> {
    section
        .get(key)
        .map(str::trim)
        .filter(|value| !value.is_empty())
}

fn required<'a>(
    section: &'a Properties,
    name: &str,
    key: &'static str,
) -> Result<&'a str, Problem> {
    optional(section, key).ok_or_else(|| Problem::MissingKey {
        section: name.to_owned(),
        key,
    })
}

/// Zeroes every parsed value.
fn scrub(ini: &mut Ini) {
    for (_, section) in ini.iter_mut() {
        for (_, value) in section.iter_mut() {
            value.zeroize();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::testing::{FakeEnv, assert_hidden};

    const SECRET: &str = "profile-test-secret-5e1d";
    const TOKEN: &str = "profile-test-token-0a4f";

    fn key(vendor: Vendor, env: &FakeEnv) -> Credentials {
        match load(vendor, env).unwrap().0 {
            Found::Key(key) => key,
            other => panic!("expected a key, got {other:?}"),
        }
    }

    fn fail(vendor: Vendor, env: &FakeEnv) -> Attempt {
        match load(vendor, env) {
            Ok((credentials, _)) => panic!("expected an error, got {credentials:?}"),
            Err(attempt) => {
                assert_hidden(&attempt.to_string(), &[SECRET, TOKEN]);
                assert_hidden(&format!("{attempt:?}"), &[SECRET, TOKEN]);
                attempt
            }
        }
    }

    #[test]
    fn tencent_default_location() {
        let env = FakeEnv::new().with_home();
        env.write(
            ".tencentcloud/credentials",
            &format!("[default]\nsecret_id = AKIDfile\nsecret_key = {SECRET}\n"),
        );
        let credentials = key(Vendor::Tencent, &env);
        assert_eq!(credentials.id(), "AKIDfile");
        assert_eq!(credentials.secret(), SECRET);
        assert_eq!(credentials.token(), None);
    }

    #[test]
    fn tencent_token_and_other_sections() {
        let env = FakeEnv::new().with_home();
        env.write(
            ".tencentcloud/credentials",
            &format!(
                "# comment\n[other]\nsecret_id = AKIDother\nsecret_key = other\n\n\
                 [default]\nsecret_id=AKIDfile\nsecret_key=\"{SECRET}\"\ntoken={TOKEN}\n"
            ),
        );
        let credentials = key(Vendor::Tencent, &env);
        assert_eq!(credentials.id(), "AKIDfile");
        assert_eq!(credentials.secret(), SECRET);
        assert_eq!(credentials.token(), Some(TOKEN));
    }

    #[test]
    fn crlf_and_bom() {
        let env = FakeEnv::new().with_home();
        env.write(
            ".tencentcloud/credentials",
            &format!(
                "\u{feff}[default]\r\nsecret_id = AKIDwin\r\nsecret_key = {SECRET}\r\ntoken = {TOKEN}\r\n"
            ),
        );
        let credentials = key(Vendor::Tencent, &env);
        assert_eq!(credentials.id(), "AKIDwin");
        assert_eq!(credentials.secret(), SECRET);
        assert_eq!(credentials.token(), Some(TOKEN));

        let env = FakeEnv::new().with_home();
        env.write(
            ".alibabacloud/credentials",
            &format!(
                "[default]\r\ntype = sts\r\naccess_key_id = STS.win\r\n\
                 access_key_secret = {SECRET}\r\nsecurity_token = {TOKEN}"
            ),
        );
        let credentials = key(Vendor::Alibaba, &env);
        assert_eq!(credentials.id(), "STS.win");
        assert_eq!(credentials.secret(), SECRET);
        assert_eq!(credentials.token(), Some(TOKEN));
    }

    #[test]
    fn backslashes_are_kept() {
        let env = FakeEnv::new().with_home();
        env.write(
            ".tencentcloud/credentials",
            "[default]\nsecret_id = AKID\\x\nsecret_key = a\\nb\\tc\n",
        );
        let credentials = key(Vendor::Tencent, &env);
        assert_eq!(credentials.id(), "AKID\\x");
        assert_eq!(credentials.secret(), "a\\nb\\tc");
    }

    #[test]
    fn override_path_variable() {
        let env = FakeEnv::new().with_home();
        env.write(
            ".tencentcloud/credentials",
            "[default]\nsecret_id = AKIDdefault\nsecret_key = default\n",
        );
        let path = env.write(
            "elsewhere/tc.ini",
            &format!("[default]\nsecret_id = AKIDoverride\nsecret_key = {SECRET}\n"),
        );
        let env = env.with("TENCENTCLOUD_CREDENTIALS_FILE", &path.display().to_string());
        let credentials = key(Vendor::Tencent, &env);
        assert_eq!(credentials.id(), "AKIDoverride");

        // A leading `~/` is the home directory.
        let env = env.with("TENCENTCLOUD_CREDENTIALS_FILE", "~/elsewhere/tc.ini");
        assert_eq!(key(Vendor::Tencent, &env).id(), "AKIDoverride");
    }

    #[test]
    fn override_path_missing_is_not_found_and_named() {
        let env = FakeEnv::new().with_home().with(
            "ALIBABA_CLOUD_CREDENTIALS_FILE",
            "/nonexistent/cloudapi/creds",
        );
        let attempt = fail(Vendor::Alibaba, &env);
        assert!(matches!(attempt.problem, Problem::FileNotFound));
        assert_eq!(
            attempt.to_string(),
            "profile file /nonexistent/cloudapi/creds named by \
             ALIBABA_CLOUD_CREDENTIALS_FILE (not found)"
        );
    }

    #[test]
    fn no_home_dir() {
        let env = FakeEnv::new();
        let attempt = fail(Vendor::Alibaba, &env);
        assert!(matches!(attempt.problem, Problem::NoHomeDir));
        assert_eq!(
            attempt.to_string(),
            "profile file ~/.alibabacloud/credentials (home directory unknown)"
        );
    }

    #[test]
    fn alibaba_access_key_explicit_and_implicit() {
        for header in ["type = access_key\n", "type = ACCESS_KEY\n", ""] {
            let env = FakeEnv::new().with_home();
            env.write(
                ".alibabacloud/credentials",
                &format!(
                    "[default]\n{header}access_key_id = LTAIfile\naccess_key_secret = {SECRET}\n\
                     security_token = ignored\n"
                ),
            );
            let credentials = key(Vendor::Alibaba, &env);
            assert_eq!(credentials.id(), "LTAIfile");
            assert_eq!(credentials.secret(), SECRET);
            assert_eq!(credentials.token(), None, "{header}");
        }
    }

    #[test]
    fn alibaba_sts_type() {
        let env = FakeEnv::new().with_home();
        env.write(
            ".alibabacloud/credentials",
            &format!(
                "[default]\ntype = sts\naccess_key_id = STS.file\naccess_key_secret = {SECRET}\n\
                 security_token = {TOKEN}\n"
            ),
        );
        let credentials = key(Vendor::Alibaba, &env);
        assert_eq!(credentials.id(), "STS.file");
        assert_eq!(credentials.secret(), SECRET);
        assert_eq!(credentials.token(), Some(TOKEN));
    }

    #[test]
    fn alibaba_sts_without_token() {
        let env = FakeEnv::new().with_home();
        let path = env.write(
            ".alibabacloud/credentials",
            &format!(
                "[default]\ntype = sts\naccess_key_id = STS.file\naccess_key_secret = {SECRET}\n"
            ),
        );
        let attempt = fail(Vendor::Alibaba, &env);
        assert_eq!(
            attempt.to_string(),
            format!(
                "profile file {} (key security_token in section [default] is missing or empty)",
                path.display()
            )
        );
    }

    #[test]
    fn alibaba_unsupported_types() {
        for kind in ["rsa_key_pair", "oidc_role_arn", "bearer"] {
            let env = FakeEnv::new().with_home();
            env.write(
                ".alibabacloud/credentials",
                &format!(
                    "[default]\ntype = {kind}\naccess_key_id = LTAI\naccess_key_secret = {SECRET}\n"
                ),
            );
            let attempt = fail(Vendor::Alibaba, &env);
            let text = attempt.to_string();
            assert!(
                text.contains(&format!(
                    "(credential type {kind} is not supported; supported types: access_key, sts, ram_role_arn, ecs_ram_role)"
                )),
                "{text}"
            );
        }
    }

    #[test]
    fn unsupported_type_that_looks_like_a_secret_is_not_shown() {
        let env = FakeEnv::new().with_home();
        env.write(
            ".alibabacloud/credentials",
            &format!("[default]\ntype = {SECRET}X\naccess_key_id = LTAI\n"),
        );
        let attempt = fail(Vendor::Alibaba, &env);
        assert!(matches!(
            attempt.problem,
            Problem::UnsupportedType { kind: None, .. }
        ));
        assert!(attempt.to_string().contains("(value not shown)"));
    }

    #[test]
    fn malformed_ini() {
        let env = FakeEnv::new().with_home();
        let path = env.write(
            ".tencentcloud/credentials",
            &format!("[default]\nsecret_id = AKID\n= {SECRET}\n"),
        );
        let attempt = fail(Vendor::Tencent, &env);
        assert!(matches!(
            attempt.problem,
            Problem::Malformed { line: 3, .. }
        ));
        let text = attempt.to_string();
        assert!(text.contains(&path.display().to_string()), "{text}");
        assert!(text.contains("not valid INI at line 3"), "{text}");

        // The parser's own message would quote the file here; it is dropped.
        env.write(
            ".tencentcloud/credentials",
            &format!("[default\nsecret_id = AKID\nsecret_key = {SECRET}\n"),
        );
        let attempt = fail(Vendor::Tencent, &env);
        assert!(matches!(
            attempt.problem,
            Problem::Malformed { detail: None, .. }
        ));
    }

    #[test]
    fn missing_section() {
        let env = FakeEnv::new().with_home();
        let path = env.write(
            ".tencentcloud/credentials",
            &format!("secret_id = AKID\nsecret_key = {SECRET}\n[prod]\nsecret_id = x\n"),
        );
        let attempt = fail(Vendor::Tencent, &env);
        assert_eq!(
            attempt.to_string(),
            format!("profile file {} (no [default] section)", path.display())
        );
    }

    #[test]
    fn missing_keys() {
        let cases = [
            (
                Vendor::Tencent,
                ".tencentcloud/credentials",
                format!("[default]\nsecret_key = {SECRET}\n"),
                "secret_id",
            ),
            (
                Vendor::Tencent,
                ".tencentcloud/credentials",
                "[default]\nsecret_id = AKID\nsecret_key =   \n".to_owned(),
                "secret_key",
            ),
            (
                Vendor::Alibaba,
                ".alibabacloud/credentials",
                format!("[default]\ntype = access_key\naccess_key_secret = {SECRET}\n"),
                "access_key_id",
            ),
            (
                Vendor::Alibaba,
                ".alibabacloud/credentials",
                format!("[default]\naccess_key_id = LTAI\nsecret = {SECRET}\n"),
                "access_key_secret",
            ),
        ];
        for (vendor, file, contents, key) in cases {
            let env = FakeEnv::new().with_home();
            let path = env.write(file, &contents);
            let attempt = fail(vendor, &env);
            assert_eq!(
                attempt.to_string(),
                format!(
                    "profile file {} (key {key} in section [default] is missing or empty)",
                    path.display()
                )
            );
        }
    }

    #[test]
    fn unreadable_file() {
        // A directory where the file should be cannot be read.
        let env = FakeEnv::new().with_home();
        env.write(".tencentcloud/credentials/inside", "x");
        let attempt = fail(Vendor::Tencent, &env);
        assert!(matches!(attempt.problem, Problem::Unreadable(_)));
        assert!(attempt.to_string().contains("could not be read: "));

        // So is a file that is not UTF-8.
        let env = FakeEnv::new().with_home();
        let path = env.write(".tencentcloud/credentials", "");
        std::fs::write(&path, b"[default]\nsecret_key = \xff\xfe\n").unwrap();
        let attempt = fail(Vendor::Tencent, &env);
        assert!(matches!(attempt.problem, Problem::Unreadable(_)));
    }
}

#[cfg(test)]
mod roles {
    use super::*;
    use crate::credentials::testing::FakeEnv;

    #[test]
    fn tencent_role_and_system_file() {
        let env = FakeEnv::new().with_home();
        env.write(
            ".tencentcloud/credentials",
            "[default]\nsecret_id = AKID\nsecret_key = s\nrole_arn = qcs::cam::uin/1:roleName/r\nrole_session_name = ci\n",
        );
        match load(Vendor::Tencent, &env).unwrap().0 {
            Found::AssumeRole {
                key,
                role_arn,
                session_name,
                ..
            } => {
                assert_eq!(key.id(), "AKID");
                assert_eq!(role_arn, "qcs::cam::uin/1:roleName/r");
                assert_eq!(session_name.as_deref(), Some("ci"));
            }
            other => panic!("{other:?}"),
        }
        // Without a home file, the system-wide one is read.
        let env = FakeEnv::new().with_home().with_system_dir();
        let path = env.write(
            "etc/tencentcloud/credentials",
            "[default]\nsecret_id = AKIDetc\nsecret_key = s\n",
        );
        let (found, source) = load(Vendor::Tencent, &env).unwrap();
        assert!(matches!(found, Found::Key(k) if k.id() == "AKIDetc"));
        assert_eq!(
            source.to_string(),
            format!("profile file {}", path.display())
        );
    }

    #[test]
    fn alibaba_profile_name_and_role_types() {
        let env = FakeEnv::new()
            .with_home()
            .with("ALIBABA_CLOUD_PROFILE", "prod");
        env.write(
            ".alibabacloud/credentials",
            "[default]\naccess_key_id = a\naccess_key_secret = b\n[prod]\ntype = ram_role_arn\naccess_key_id = LTAIprod\naccess_key_secret = s\nrole_arn = acs:ram::1:role/r\nrole_session_name = s1\npolicy = {}\n",
        );
        match load(Vendor::Alibaba, &env).unwrap().0 {
            Found::AssumeRole {
                key,
                role_arn,
                policy,
                ..
            } => {
                assert_eq!(key.id(), "LTAIprod");
                assert_eq!(role_arn, "acs:ram::1:role/r");
                assert_eq!(policy.as_deref(), Some("{}"));
            }
            other => panic!("{other:?}"),
        }
        let env = env.with("ALIBABA_CLOUD_PROFILE", "ecs");
        env.write(
            ".alibabacloud/credentials",
            "[ecs]\ntype = ecs_ram_role\nrole_name = worker\n",
        );
        assert!(matches!(
            load(Vendor::Alibaba, &env).unwrap().0,
            Found::EcsRole { role_name: Some(r) } if r == "worker"
        ));
        let env = env.with("ALIBABA_CLOUD_PROFILE", "missing");
        let attempt = load(Vendor::Alibaba, &env).unwrap_err();
        assert!(
            attempt.to_string().ends_with("(no [missing] section)"),
            "{attempt}"
        );
    }
}
