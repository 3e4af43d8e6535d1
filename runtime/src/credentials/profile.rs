//! The profile-file source: `~/.tencentcloud/credentials`,
//! `~/.alibabacloud/credentials`, or the file an environment variable names.

use std::borrow::Cow;
use std::io;
use std::path::{Path, PathBuf};

use ini::{Ini, ParseOption, Properties};
use zeroize::{Zeroize, Zeroizing};

use super::env::{names, var};
use super::error::{Attempt, Problem, Source};
use super::{Credentials, Environment};
use crate::vendor::Vendor;

/// The only section read.
const SECTION: &str = "default";

/// Alibaba credential types this crate can use.
const ALIBABA_TYPES: &[&str] = &["access_key", "sts"];

/// The directory under the home directory holding the default file.
fn default_dir(vendor: Vendor) -> &'static str {
    match vendor {
        Vendor::Tencent => ".tencentcloud",
        Vendor::Alibaba => ".alibabacloud",
    }
}

/// Where the profile file is, and the variable that named it: the override
/// variable if set (a leading `~/` is expanded), else the default under the
/// home directory.
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
    match env.home_dir() {
        Some(home) => Ok((home.join(dir).join("credentials"), None)),
        None => Err(Attempt {
            source: Source::ProfileFile {
                path: PathBuf::from(format!("~/{dir}/credentials")),
                named_by: None,
            },
            problem: Problem::NoHomeDir,
        }),
    }
}

/// Credentials from the vendor's profile file, and the file they came
/// from. A missing file is [`Problem::FileNotFound`]; anything else wrong
/// with it is a problem that stops the chain.
pub(super) fn load(
    vendor: Vendor,
    env: &dyn Environment,
) -> Result<(Credentials, Source), Attempt> {
    let (path, named_by) = locate(vendor, env)?;
    let result = read(vendor, &path);
    let source = Source::ProfileFile { path, named_by };
    match result {
        Ok(credentials) => Ok((credentials, source)),
        Err(problem) => Err(Attempt { source, problem }),
    }
}

/// Reads and parses one file. File contents and parsed values are zeroed
/// before returning.
fn read(vendor: Vendor, path: &Path) -> Result<Credentials, Problem> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => Zeroizing::new(text),
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            return Err(Problem::FileNotFound);
        }
        Err(error) => return Err(Problem::Unreadable(error)),
    };
    parse(vendor, &text)
}

/// Parses the contents of a profile file.
fn parse(vendor: Vendor, text: &str) -> Result<Credentials, Problem> {
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
    let result = match ini.section(Some(SECTION)) {
        Some(section) => match vendor {
            Vendor::Tencent => tencent(section),
            Vendor::Alibaba => alibaba(section),
        },
        None => Err(Problem::MissingSection { section: SECTION }),
    };
    scrub(&mut ini);
    result
}

/// `secret_id`, `secret_key`, optional `token`.
fn tencent(section: &Properties) -> Result<Credentials, Problem> {
    let id = required(section, "secret_id")?;
    let secret = required(section, "secret_key")?;
    let credentials = Credentials::new(id, secret);
    Ok(match optional(section, "token") {
        Some(token) => credentials.with_token(token),
        None => credentials,
    })
}

/// `type` (default `access_key`), `access_key_id`, `access_key_secret`,
/// and for `sts`, `security_token`.
fn alibaba(section: &Properties) -> Result<Credentials, Problem> {
    let sts = match optional(section, "type") {
        None => false,
        Some(kind) if kind.eq_ignore_ascii_case("access_key") => false,
        Some(kind) if kind.eq_ignore_ascii_case("sts") => true,
        Some(kind) => {
            return Err(Problem::UnsupportedType {
                kind: shown_type(kind),
                supported: ALIBABA_TYPES,
            });
        }
    };
    let id = required(section, "access_key_id")?;
    let secret = required(section, "access_key_secret")?;
    let credentials = Credentials::new(id, secret);
    if sts {
        let token = required(section, "security_token")?;
        Ok(credentials.with_token(token))
    } else {
        Ok(credentials)
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

fn required<'a>(section: &'a Properties, key: &'static str) -> Result<&'a str, Problem> {
    optional(section, key).ok_or(Problem::MissingKey {
        section: SECTION,
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
        let credentials = load(Vendor::Tencent, &env).unwrap().0;
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
        let credentials = load(Vendor::Tencent, &env).unwrap().0;
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
        let credentials = load(Vendor::Tencent, &env).unwrap().0;
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
        let credentials = load(Vendor::Alibaba, &env).unwrap().0;
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
        let credentials = load(Vendor::Tencent, &env).unwrap().0;
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
        let credentials = load(Vendor::Tencent, &env).unwrap().0;
        assert_eq!(credentials.id(), "AKIDoverride");

        // A leading `~/` is the home directory.
        let env = env.with("TENCENTCLOUD_CREDENTIALS_FILE", "~/elsewhere/tc.ini");
        assert_eq!(load(Vendor::Tencent, &env).unwrap().0.id(), "AKIDoverride");
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
            let credentials = load(Vendor::Alibaba, &env).unwrap().0;
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
        let credentials = load(Vendor::Alibaba, &env).unwrap().0;
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
        for kind in [
            "ecs_ram_role",
            "ram_role_arn",
            "rsa_key_pair",
            "oidc_role_arn",
        ] {
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
                    "(credential type {kind} is not supported; supported types: access_key, sts)"
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
