//! Tencent Cloud SSL Certificates with the generated client.
//!
//! `cargo run --example tencent_ssl -- --local` starts the local test
//! endpoint (the testkit crate) in this process and runs two workflows
//! against it: a free DV certificate (apply, wait until it is issued,
//! download it), and a paid one (buy, submit information, submit the order,
//! update the deployed certificate). Nothing leaves the machine and no
//! account is needed.
//!
//! `cargo run --example tencent_ssl` (with TENCENTCLOUD_SECRET_ID and
//! TENCENTCLOUD_SECRET_KEY set, or ~/.tencentcloud/credentials) calls the real
//! endpoint with one harmless request: it submits the order of a certificate
//! ID that does not exist, which costs nothing and changes nothing, and shows
//! the typed `FailedOperation.CertificateNotFound` (or an authentication
//! error if the credentials are wrong).

use std::error::Error as StdError;

use std::time::Duration;

use cloudapi::tencent::ssl::*;
use cloudapi::{Config, Error, WaitOptions};

type Result<T> = std::result::Result<T, Box<dyn StdError>>;

#[tokio::main]
async fn main() -> Result<()> {
    if std::env::args().any(|a| a == "--local") {
        local().await
    } else {
        real().await
    }
}

async fn local() -> Result<()> {
    let server = testkit::Server::start().await?;
    println!("local Tencent endpoint (testkit) at {}\n", server.url());
    // The server's URL and its test key.
    let client = Client::new(server.config())?;

    println!("# A free DV certificate: apply, wait until it is issued, download it\n");
    let request = ApplyCertificateRequest::new(VerifyType::DnsAuto, "www.example.com");
    let applied = client.apply_certificate(request.clone()).await?;
    show("ApplyCertificate", &request, &applied, &server);
    // The local endpoint answers with the documented example (an issued
    // certificate); script two answers "under review" first, as the real
    // service gives while the authority validates the domain.
    let mut reviewing = server.example(Client::describe_certificate);
    reviewing.status = Some(CertificateStatus::UnderReview);
    reviewing.status_name = Some("Under review".into());
    server.script(
        Client::describe_certificate,
        [Ok(reviewing.clone()), Ok(reviewing)],
    );
    let request = DescribeCertificateRequest::new(applied.certificate_id.clone());
    let waiting =
        WaitOptions::default().delays(Duration::from_millis(20), Duration::from_millis(100));
    let issued = client
        .describe_certificate_until_issued(request, waiting)
        .await?;
    let polls = server.received(Client::describe_certificate).len();
    println!(
        "== DescribeCertificate, polled {polls} times until issued: status {:?}, valid {:?} to {:?}\n",
        issued.status, issued.cert_begin_time, issued.cert_end_time
    );
    let request = DownloadCertificateRequest::new(applied.certificate_id.clone());
    let download = client.download_certificate(request.clone()).await?;
    println!(
        "== DownloadCertificate\nrequest:  {request:?}\nresponse: {} of base64 content ({} characters)\n",
        download.content_type,
        download.content.expose().len()
    );

    println!(
        "# A paid certificate: buy, submit information, submit the order, update deployments\n"
    );
    let request =
        CreateCertificateRequest::new(ProductId::WotrusDv, 1, 1).tags([Tags::new("team", "web")]);
    show(
        "CreateCertificate",
        &request,
        &client.create_certificate(request.clone()).await?,
        &server,
    );

    let request = SubmitCertificateInformationRequest::new("abcb1234")
        .csr_type(CsrType::Online)
        .certificate_domain("*.example.com")
        .key_password("a private key password");
    show(
        "SubmitCertificateInformation",
        &request,
        &client
            .submit_certificate_information(request.clone())
            .await?,
        &server,
    );

    let request = CertificateOrderSubmitRequest::new("Dsqef134").verify_type(VerifyType::Dns);
    show(
        "CertificateOrderSubmit",
        &request,
        &client.certificate_order_submit(request.clone()).await?,
        &server,
    );

    let request = UploadUpdateCertificateInstanceRequest::new(
        "JADeKqED",
        [ResourceType::Clb],
        "-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----",
        "-----BEGIN PRIVATE KEY-----\n(never printed)\n-----END PRIVATE KEY-----",
    );
    show(
        "UploadUpdateCertificateInstance",
        &request,
        &client
            .upload_update_certificate_instance(request.clone())
            .await?,
        &server,
    );
    println!(
        "(DeployRecordId 0 means the update task is still being created; `upload_update_certificate_instance_until_task_created` polls until it is > 0.)"
    );
    Ok(())
}

/// Prints the typed request, what the server received, and the typed response.
fn show(
    action: &str,
    request: &impl std::fmt::Debug,
    response: &impl std::fmt::Debug,
    server: &testkit::Server,
) {
    let received = server
        .requests()
        .pop()
        .expect("the server logged the request");
    let signed = received
        .headers
        .iter()
        .find(|(n, _)| n == "authorization")
        .map_or("", |(_, v)| v.as_str());
    println!("== {action}");
    println!("request:  {request:?}");
    println!(
        "on the wire: POST / with {} body bytes; signature verified by the server: {}",
        received.body.len(),
        received.signature_valid
    );
    println!("  Authorization: {signed}");
    println!("response: {response:#?}\n");
}

async fn real() -> Result<()> {
    println!(
        "Calling ssl.tencentcloudapi.com: CertificateOrderSubmit for a certificate ID that does not exist."
    );
    println!(
        "This costs nothing and changes nothing; expect FailedOperation.CertificateNotFound.\n"
    );
    let client = Client::new(Config::new())?;
    match client
        .certificate_order_submit(CertificateOrderSubmitRequest::new(
            "cloudapi-example-does-not-exist",
        ))
        .await
    {
        Ok(response) => println!("unexpected success: {response:#?}"),
        Err(Error::Service(e)) => {
            println!("typed service error: {:?}", e.code());
            println!("message: {}\nrequest id: {:?}", e.message(), e.request_id());
        }
        Err(Error::Credentials(e)) => {
            println!(
                "{e}\nSet TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY, or run with --local."
            );
            std::process::exit(2);
        }
        Err(e) => return Err(e.into()),
    }
    Ok(())
}
