//! What a test process pays for the testkit, measured from inside one
//! process (`cargo xtask bench --only growth` runs it, in a debug build, as
//! tests build it): the first `Server::start()` (which reads the built-in
//! spec of every product), a later start, and the first call of the largest
//! product, EdgeOne (`teo`, 238 actions), which parses that product's part
//! of the spec. Prints one line of JSON with the three durations in
//! microseconds.

use std::time::Instant;

use cloudapi::tencent::teo::{Client, DescribeZonesRequest};
use testkit::Server;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let started = Instant::now();
    let server = Server::start().await.expect("the first server starts");
    let first_start = started.elapsed();

    let started = Instant::now();
    let later = Server::start().await.expect("a later server starts");
    let later_start = started.elapsed();
    later.shutdown().await;

    let client = Client::new(server.config()).expect("a client for the server");
    let started = Instant::now();
    client
        .describe_zones(DescribeZonesRequest::new())
        .await
        .expect("the example answer");
    let first_call = started.elapsed();
    server.shutdown().await;

    println!(
        "{{\"first_start_us\": {}, \"later_start_us\": {}, \"first_call_us\": {}}}",
        first_start.as_micros(),
        later_start.as_micros(),
        first_call.as_micros()
    );
}
