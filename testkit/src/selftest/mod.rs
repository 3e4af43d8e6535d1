//! The server tested over real sockets with a hand-written HTTP/1.1 client and signers.

mod alibaba_flow;
mod body_limit;
mod client;
mod fault_flow;
mod refusals;
mod roa_call;
mod roa_flow;
mod tencent_flow;

use std::path::PathBuf;

use crate::{Server, ServerConfig};

/// A server with the test keys and reproducible request ids.
async fn start() -> Server {
    start_with(ServerConfig::new()).await
}

async fn start_with(config: ServerConfig) -> Server {
    Server::start_with(config.request_id_seed(1))
        .await
        .expect("server starts")
}

/// The project's `spec/` folder, which the built-in spec is generated from.
pub(crate) fn project_spec() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec"))
}
