//! Alibaba Cloud SSL Certificates Service with the generated client.
//!
//! `cargo run --example alibaba_cas -- --local` starts the local test
//! endpoint (the testkit crate) in this process and applies for a DV certificate against it, so
//! the signed RPC request and the typed response can be seen without an account.
//!
//! Against the real endpoint the action consumes certificate quota, so the
//! example only does it when asked explicitly:
//! `cargo run --example alibaba_cas -- --csr request.csr --email you@example.com --name "Your Name" --phone 1390000xxxx --apply`
//! with ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET set.

use std::error::Error as StdError;

use cloudapi::Config;
use cloudapi::alibaba::cas::*;

type Result<T> = std::result::Result<T, Box<dyn StdError>>;

#[tokio::main]
async fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--local") {
        return local().await;
    }
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    match (
        flag("--csr"),
        flag("--email"),
        flag("--name"),
        flag("--phone"),
        args.iter().any(|a| a == "--apply"),
    ) {
        (Some(csr), Some(email), Some(name), Some(phone), true) => {
            println!(
                "Applying for a DV certificate at cas.aliyuncs.com; this consumes one certificate of your quota."
            );
            let csr = std::fs::read_to_string(csr)?;
            let client = Client::new(Config::new())?;
            let request = CreateCertificateWithCsrRequestInput::new(
                csr,
                name,
                phone,
                email,
                ValidateType::Dns,
            );
            match client.create_certificate_with_csr_request(request).await {
                Ok(response) => println!(
                    "order {} (request id {})",
                    response.order_id, response.request_id
                ),
                Err(e) => println!("failed: {e}"),
            }
            Ok(())
        }
        _ => {
            eprintln!(
                "CreateCertificateWithCsrRequest consumes certificate quota, so this example does not call it by default."
            );
            eprintln!(
                "Run with --local to see it against the loopback endpoint, or pass --csr FILE --email E --name N --phone P --apply."
            );
            std::process::exit(2);
        }
    }
}

async fn local() -> Result<()> {
    let server = testkit::Server::start().await?;
    println!("local Alibaba endpoint (testkit) at {}\n", server.url());
    // The server's URL and its test key.
    let client = Client::new(server.config())?;
    let request = CreateCertificateWithCsrRequestInput::new(
        "-----BEGIN CERTIFICATE REQUEST-----\nMIIC…\n-----END CERTIFICATE REQUEST-----",
        "Tom",
        "1390000****",
        "username@example.com",
        ValidateType::Dns,
    )
    .product_code(ProductCode::SymantecFree1Free)
    .tags([Tag::new().key("team").value("web")]);
    let response = client
        .create_certificate_with_csr_request(request.clone())
        .await?;
    let received = server
        .requests()
        .pop()
        .expect("the server logged the request");
    println!("== CreateCertificateWithCsrRequest");
    println!("request:  {request:?}");
    println!("on the wire: POST /?{}", received.query);
    for (name, value) in received
        .headers
        .iter()
        .filter(|(n, _)| n.starts_with("x-acs-") || n == "authorization")
    {
        println!("  {name}: {value}");
    }
    println!(
        "signature verified by the server: {}",
        received.signature_valid
    );
    println!("response: {response:#?}");
    println!(
        "(OrderId is above 2^53 and arrives exactly: {})",
        response.order_id
    );
    Ok(())
}
