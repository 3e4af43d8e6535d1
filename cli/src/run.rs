//! Sending: one call, a dry run, every page, or a wait, through the
//! runtime's common client for the product's protocol, so that a command
//! goes through what a generated client's call does (credentials and their
//! chain, endpoint choice, signing, pacing, retries by idempotency, the
//! clock-skew fix, tracing, typed errors).

use cloudapi::runtime::common::{CommonClient, CommonCode};
use cloudapi::runtime::protocol::{Acs3Roa, Acs3Rpc, Protocol, Tc3Json};
use cloudapi::runtime::service;
use cloudapi::{Config, alibaba, tencent};
use codegen::model::{Paging, Waiter};
use serde_json::{Map, Value};

use crate::failure::Failure;
use crate::output::{self, Output};
use crate::send::Sender;

/// What to do with the request.
pub enum Mode<'a> {
    Call,
    /// Sign and print (the secret members already hidden).
    DryRun,
    AllPages(&'a Paging),
    Wait {
        waiter: &'a Waiter,
        name: String,
        timeout: Option<u64>,
    },
}

/// One command's request, ready to send.
pub struct Job<'a> {
    pub service: &'static service::Service,
    pub action: &'static service::Action,
    pub members: Map<String, Value>,
    /// The idempotency token member to fill with a fresh value at each call.
    pub token: Option<String>,
    pub output: &'a Output,
    pub mode: Mode<'a>,
}

/// Runs `job` in protocol `protocol` with `config`, on a runtime of this thread.
pub fn execute(
    protocol: codegen::model::Protocol,
    config: Config,
    job: Job,
) -> Result<(), Failure> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::Internal(format!("starting the async runtime: {e}")))?;
    use codegen::model::Protocol as Wire;
    runtime.block_on(async move {
        match protocol {
            Wire::Tc3HmacSha256 => {
                run(client::<Tc3Json, tencent::CommonErrorCode>(config)?, job).await
            }
            Wire::Acs3HmacSha256Rpc => {
                run(client::<Acs3Rpc, alibaba::CommonErrorCode>(config)?, job).await
            }
            Wire::Acs3HmacSha256Roa => {
                run(client::<Acs3Roa, alibaba::CommonErrorCode>(config)?, job).await
            }
        }
    })
}

fn client<P: Protocol, C: CommonCode>(config: Config) -> Result<CommonClient<P, C>, Failure> {
    CommonClient::new(config).map_err(|e| Failure::Usage(e.to_string()))
}

async fn run<P: Protocol, C: CommonCode>(
    client: CommonClient<P, C>,
    job: Job<'_>,
) -> Result<(), Failure> {
    let product = client
        .described(job.service)
        .map_err(|e| Failure::Usage(e.to_string()))?;
    let Job {
        action,
        members,
        token,
        output,
        mode,
        ..
    } = job;
    let sender = Sender {
        action,
        token: token.as_deref(),
    };
    match mode {
        Mode::Call => {
            let answer = sender.send(&product, &members).await?;
            output.print(answer)
        }
        Mode::DryRun => {
            let members = sender.members(&members);
            let signed = product.call_described(action, &members).dry_run().await?;
            output::write_out(&signed.to_string())
        }
        Mode::AllPages(paging) => {
            crate::listing::all(&product, sender, paging, members, output).await
        }
        Mode::Wait {
            waiter,
            name,
            timeout,
        } => crate::wait::until(&product, sender, waiter, &name, timeout, members, output).await,
    }
}
