//! Tencent Cloud STS: `AssumeRole` and `AssumeRoleWithWebIdentity` (TKE OIDC).

use std::fmt;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::{
    ASSUME_ROLE, Assume, AssumeRoleInput, from_call, from_failure, raw, read_token, session_name,
    unix_seconds,
};
use super::{
    TENCENT_DURATION, TENCENT_STS, TENCENT_STS_HOST, TENCENT_STS_REGION, TENCENT_STS_VERSION,
};
use crate::clock::Clock;
use crate::credentials::error::{Problem, Source};
use crate::credentials::fetch::{self, REMOTE_TIMEOUT};
use crate::credentials::{
    Credentials, CredentialsError, CredentialsFuture, ProvideCredentials, SharedProvider,
};
use crate::protocol::{Protocol, Tc3Json};
use crate::sensitive::Sensitive;
use crate::vendor::Vendor;

/// Tencent Cloud: a role assumed with STS `AssumeRole`
/// (`sts.tencentcloudapi.com`, version `2018-08-13`), signed with the key
/// `source` provides.
#[derive(Debug)]
pub struct TencentAssumeRoleProvider(Assume<Tc3Json>);

role_setters!(TencentAssumeRoleProvider);

impl TencentAssumeRoleProvider {
    /// Assumes `role_arn` (`qcs::cam::uin/…:roleName/…`) with the key of `source`.
    pub fn new(source: impl ProvideCredentials, role_arn: impl Into<String>) -> Self {
        TencentAssumeRoleProvider(Assume::new(
            SharedProvider::new(source),
            role_arn.into(),
            TENCENT_DURATION,
        ))
    }

    async fn fetch(&self) -> Result<Credentials, CredentialsError> {
        let a = &self.0;
        let source = Source::Sts {
            action: "AssumeRole",
            endpoint: a.shown_endpoint(TENCENT_STS_HOST),
        };
        let transport = a
            .transport(&TENCENT_STS, Some(TENCENT_STS_REGION))
            .map_err(|p| CredentialsError::single(Vendor::Tencent, source.clone(), p))?;
        let name = a
            .session_name
            .clone()
            .unwrap_or_else(|| session_name(&a.clock));
        let input = AssumeRoleInput {
            role_arn: &a.role_arn,
            role_session_name: &name,
            duration_seconds: a.duration,
            policy: a.policy.as_deref(),
            external_id: None,
        };
        let answer: TencentAssumed = transport
            .call(&ASSUME_ROLE, input)
            .await
            .map_err(|e| from_call(Vendor::Tencent, source.clone(), e))?;
        answer
            .credentials()
            .map_err(|p| CredentialsError::single(Vendor::Tencent, source, p))
    }
}

impl ProvideCredentials for TencentAssumeRoleProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(self.fetch())
    }
}

/// Tencent's STS answer (inside `Response`).
#[derive(Deserialize)]
struct TencentAssumed {
    #[serde(rename = "Credentials")]
    credentials: TencentTemporary,
    #[serde(rename = "ExpiredTime")]
    expired_time: i64,
}

#[derive(Deserialize)]
struct TencentTemporary {
    #[serde(rename = "TmpSecretId")]
    id: String,
    #[serde(rename = "TmpSecretKey")]
    secret: Sensitive<String>,
    #[serde(rename = "Token")]
    token: Sensitive<String>,
}

impl TencentAssumed {
    fn credentials(self) -> Result<Credentials, Problem> {
        let expiry = fetch::unix_time(self.expired_time)?;
        let c = self.credentials;
        Ok(Credentials::new(c.id, c.secret.expose().as_str())
            .with_token(c.token.expose().as_str())
            .with_expiry(expiry))
    }
}

/// Tencent Cloud: a role assumed with an OIDC token, STS
/// `AssumeRoleWithWebIdentity` (anonymous, `Authorization: SKIP`), as TKE
/// pods do with `TKE_REGION`, `TKE_PROVIDER_ID`,
/// `TKE_WEB_IDENTITY_TOKEN_FILE` and `TKE_ROLE_ARN`. The token file is read
/// again for every refresh (the cluster rotates it).
pub struct TencentWebIdentityProvider {
    region: String,
    provider_id: String,
    token_file: PathBuf,
    role_arn: String,
    session_name: Option<String>,
    duration: u32,
    endpoint: Option<String>,
    clock: Clock,
    http: OnceLock<reqwest::Client>,
}

impl TencentWebIdentityProvider {
    /// The role `role_arn`, for tokens of OIDC provider `provider_id`, read
    /// from `token_file`, in `region`.
    pub fn new(
        region: impl Into<String>,
        provider_id: impl Into<String>,
        token_file: impl Into<PathBuf>,
        role_arn: impl Into<String>,
    ) -> Self {
        TencentWebIdentityProvider {
            region: region.into(),
            provider_id: provider_id.into(),
            token_file: token_file.into(),
            role_arn: role_arn.into(),
            session_name: None,
            duration: TENCENT_DURATION,
            endpoint: None,
            clock: Clock::system(),
            http: OnceLock::new(),
        }
    }

    /// Names the session (default `cloudapi-rust-<microseconds>`).
    pub fn session_name(mut self, name: impl Into<String>) -> Self {
        self.session_name = Some(name.into());
        self
    }

    /// Sends to this URL instead of `https://sts.tencentcloudapi.com`.
    pub fn endpoint(mut self, url: impl Into<String>) -> Self {
        self.endpoint = Some(url.into());
        self
    }

    /// Reads the time from this clock.
    pub fn clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    /// Sends with this client.
    pub fn http_client(self, client: reqwest::Client) -> Self {
        let _ = self.http.set(client);
        self
    }

    fn url(&self) -> String {
        self.endpoint
            .clone()
            .unwrap_or_else(|| format!("https://{TENCENT_STS_HOST}/"))
    }

    async fn fetch(&self) -> Result<Credentials, Problem> {
        let token = read_token(&self.token_file)?;
        let name = self
            .session_name
            .clone()
            .unwrap_or_else(|| session_name(&self.clock));
        #[derive(Serialize)]
        struct Input<'a> {
            #[serde(rename = "ProviderId")]
            provider_id: &'a str,
            #[serde(rename = "WebIdentityToken")]
            token: &'a str,
            #[serde(rename = "RoleArn")]
            role_arn: &'a str,
            #[serde(rename = "RoleSessionName")]
            session_name: &'a str,
            #[serde(rename = "DurationSeconds")]
            duration: u32,
        }
        let body = Zeroizing::new(
            serde_json::to_vec(&Input {
                provider_id: &self.provider_id,
                token: &token,
                role_arn: &self.role_arn,
                session_name: &name,
                duration: self.duration,
            })
            .map_err(|e| Problem::Refused(e.to_string()))?,
        );
        let timestamp = unix_seconds(self.clock.now()).to_string();
        let http = self.http.get_or_init(|| fetch::default_client(false));
        let answer = fetch::send(
            http,
            reqwest::Method::POST,
            &self.url(),
            &[
                ("x-tc-action", "AssumeRoleWithWebIdentity"),
                ("x-tc-version", TENCENT_STS_VERSION),
                ("x-tc-timestamp", &timestamp),
                ("x-tc-region", &self.region),
                ("authorization", "SKIP"),
            ],
            Some(("application/json", body.to_vec())),
            REMOTE_TIMEOUT,
        )
        .await
        .map_err(|failed| failed.problem(false))?;
        let success = Tc3Json::decode(raw(answer)).map_err(from_failure)?;
        let assumed: TencentAssumed = fetch::json(
            success.payload.get().as_bytes(),
            "Credentials with TmpSecretId, TmpSecretKey and Token, and ExpiredTime",
        )?;
        assumed.credentials()
    }
}

impl fmt::Debug for TencentWebIdentityProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TencentWebIdentityProvider")
            .field("region", &self.region)
            .field("provider_id", &self.provider_id)
            .field("token_file", &self.token_file)
            .field("role_arn", &self.role_arn)
            .field("endpoint", &fetch::shown_url(&self.url()))
            .finish_non_exhaustive()
    }
}

impl ProvideCredentials for TencentWebIdentityProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(async move {
            self.fetch().await.map_err(|problem| {
                CredentialsError::single(
                    Vendor::Tencent,
                    Source::Sts {
                        action: "AssumeRoleWithWebIdentity",
                        endpoint: fetch::shown_url(&self.url()),
                    },
                    problem,
                )
            })
        })
    }
}
