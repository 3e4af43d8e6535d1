//! The server tested over real sockets with a hand-written HTTP/1.1 client and signers.

mod alibaba_flow;
mod client;
mod fault_flow;
mod tencent_flow;

use crate::{Server, ServerConfig, spec_dir};

/// A server with the test keys and reproducible request ids.
async fn start() -> Server {
    start_with(ServerConfig::new(spec_dir()).with_test_keys()).await
}

async fn start_with(config: ServerConfig) -> Server {
    Server::start(config.request_id_seed(1))
        .await
        .expect("server starts")
}
