//! Every documented example of the Alibaba Cloud products, through their generated
//! types and the loopback server (what is checked: `shared.rs`).

mod shared;

use shared::{Call, Operation, roundtrip};

include!(concat!(env!("OUT_DIR"), "/operations_alibaba.rs"));

#[test]
fn every_documented_example_round_trips_through_its_types() {
    shared::every_documented_example_round_trips_through_its_types("alibaba", OPERATIONS);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_action_answers_its_example_through_the_loopback_server() {
    shared::every_action_answers_its_example_through_the_loopback_server("alibaba", OPERATIONS)
        .await;
}
