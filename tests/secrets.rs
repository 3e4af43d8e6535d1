//! Secret hygiene: a full workflow with tracing at TRACE, errors, retries and
//! Debug output of everything; no secret key, token, private key or key
//! password may appear in anything printed.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use cloudapi::WaitOptions;
use cloudapi::alibaba::cas::{self, CreateCertificateWithCsrRequestInput, ValidateType};
use cloudapi::tencent::ssl::*;
use cloudapi::{Credentials, Endpoint, Error};
use testkit::{Fault, Server, ServerConfig};

const TENCENT_SECRET: &str = "tencent-secret-key-Zq9";
const TENCENT_TOKEN: &str = "tencent-session-token-Vb7";
const ALIBABA_SECRET: &str = "alibaba-access-key-secret-Kx2";
const ALIBABA_TOKEN: &str = "alibaba-security-token-Pw5";
const PRIVATE_KEY: &str =
    "-----BEGIN PRIVATE KEY-----MIIEvQIBADANBgkqhkiG9w0BAQEFAASC-----END PRIVATE KEY-----";
const KEY_PASSWORD: &str = "key-password-Jh3";
/// A downloaded certificate package (its ZIP holds the private key).
const PACKAGE: &str = "certificate-package-Ld4";
/// A request parameter that must not be echoed by transport errors.
const PARAMETER_MARKER: &str = "csr-parameter-Qm8";

/// Everything the tracing subscriber writes.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn no_secret_appears_in_logs_debug_output_or_errors() {
    // The server runs on its own runtime, so the subscriber below (set for
    // this thread only) records the client alone.
    let server_runtime = tokio::runtime::Runtime::new().unwrap();
    let server = server_runtime
        .block_on(Server::start_with(
            ServerConfig::new()
                .tencent_key("AKIDsecretstest", TENCENT_SECRET, Some(TENCENT_TOKEN))
                .alibaba_key("LTAIsecretstest", ALIBABA_SECRET, Some(ALIBABA_TOKEN)),
        ))
        .unwrap();
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let printed = tracing::subscriber::with_default(subscriber, || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(workflow(&server))
    });
    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(
        logs.contains("TRACE")
            && logs.contains("retrying")
            && logs.contains("UploadUpdateCertificateInstance"),
        "tracing was active:\n{logs}"
    );
    let everything = format!("{logs}\n{printed}");
    for secret in [
        TENCENT_SECRET,
        TENCENT_TOKEN,
        ALIBABA_SECRET,
        ALIBABA_TOKEN,
        PRIVATE_KEY,
        KEY_PASSWORD,
        PACKAGE,
    ] {
        assert!(
            !everything.contains(secret),
            "`{secret}` was printed:\n{everything}"
        );
    }
    println!(
        "checked {} bytes of logs and {} bytes of Debug/Display output",
        logs.len(),
        printed.len()
    );
}

/// The seed workflow with faults, retries, a waiter timeout and errors; returns everything it printed.
async fn workflow(server: &Server) -> String {
    let tencent = Client::new(harness::config(
        server,
        Credentials::new("AKIDsecretstest", TENCENT_SECRET).with_token(TENCENT_TOKEN),
    ))
    .unwrap();
    let alibaba = cas::Client::new(harness::config(
        server,
        Credentials::new("LTAIsecretstest", ALIBABA_SECRET).with_token(ALIBABA_TOKEN),
    ))
    .unwrap();
    let mut printed = vec![
        format!("{tencent:?}"),
        format!("{alibaba:?}"),
        format!("{:?}", tencent.config()),
    ];

    let info = SubmitCertificateInformationRequest::new("abcb1234")
        .key_password(KEY_PASSWORD)
        .csr_type(CsrType::Parse);
    server.push_fault("SubmitCertificateInformation", Fault::BadGatewayHtml);
    printed.push(format!(
        "{info:?} -> {:?}",
        tencent.submit_certificate_information(info.clone()).await
    ));

    let update = UploadUpdateCertificateInstanceRequest::new(
        "JADeKqED",
        [ResourceType::Clb],
        "cert",
        PRIVATE_KEY,
    );
    server.push_fault("UploadUpdateCertificateInstance", Fault::ResetAfterRead);
    printed.push(format!(
        "{update:?} -> {:?}",
        tencent
            .upload_update_certificate_instance(update.clone())
            .await
    ));
    let waited = tencent
        .upload_update_certificate_instance_until_task_created(
            update.clone(),
            WaitOptions::default()
                .delays(Duration::from_millis(5), Duration::from_millis(10))
                .timeout(Duration::from_millis(60)),
        )
        .await;
    printed.push(format!("{waited:?}"));
    if let Err(e) = &waited {
        printed.push(e.to_string());
    }

    // A package in an answer that cannot be decoded, then in one cut off in
    // the middle of the package: the errors quote neither.
    let package = PACKAGE.repeat(12);
    let broken = serde_json::json!({"Content": package, "ContentType": {"unexpected": 1}});
    let mut answer = server.example(Client::download_certificate);
    answer.content = package.clone().into();
    server.respond(Client::download_certificate, answer);
    // Each of the five attempts of a call fails the same way (the action is retried).
    for fault in [Fault::Respond(broken), Fault::TruncatedJson] {
        for _ in 0..5 {
            server.push_fault("DownloadCertificate", fault.clone());
        }
        let downloaded = tencent
            .download_certificate(DownloadCertificateRequest::new("a9TsmZkL"))
            .await;
        assert!(
            matches!(downloaded, Err(Error::MalformedResponse(_))),
            "{downloaded:?}"
        );
        printed.push(format!("{downloaded:?}"));
        if let Err(e) = &downloaded {
            printed.push(e.to_string());
        }
    }

    server.push_fault("CreateCertificate", Fault::TruncatedJson);
    let bought = tencent
        .create_certificate(CreateCertificateRequest::new(ProductId::WotrusDv, 1, 1))
        .await;
    printed.push(format!("{bought:?}"));
    if let Err(e) = &bought {
        printed.push(e.to_string());
    }

    let invalid = tencent
        .upload_update_certificate_instance(UploadUpdateCertificateInstanceRequest::new(
            "",
            [ResourceType::Clb],
            "",
            PRIVATE_KEY,
        ))
        .await;
    printed.push(format!("{invalid:?}"));

    let forged = Client::new(harness::config(
        server,
        Credentials::new("AKIDsecretstest", "wrong-secret").with_token(TENCENT_TOKEN),
    ))
    .unwrap();
    let rejected = forged
        .certificate_order_submit(CertificateOrderSubmitRequest::new("Dsqef134"))
        .await;
    if let Err(Error::Service(e)) = &rejected {
        printed.push(e.to_string());
    }
    printed.push(format!("{rejected:?}"));

    let csr = CreateCertificateWithCsrRequestInput::new(
        "-----BEGIN CERTIFICATE REQUEST-----x",
        "Tom",
        "139",
        "a@b.c",
        ValidateType::File,
    );
    server.push_fault("CreateCertificateWithCsrRequest", Fault::Throttled);
    printed.push(format!(
        "{csr:?} -> {:?}",
        alibaba
            .create_certificate_with_csr_request(csr.clone())
            .await
    ));

    // An RPC request carries its parameters in the URL, which HTTP client
    // errors like to print: a failed exchange must not repeat them.
    let marked = CreateCertificateWithCsrRequestInput::new(
        PARAMETER_MARKER,
        "Tom",
        "139",
        "a@b.c",
        ValidateType::File,
    );
    server.push_fault("CreateCertificateWithCsrRequest", Fault::ResetAfterRead);
    let reset = alibaba
        .create_certificate_with_csr_request(marked.clone())
        .await;
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let unreachable = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let refused = cas::Client::new(
        harness::config(
            server,
            Credentials::new("LTAIsecretstest", ALIBABA_SECRET).with_token(ALIBABA_TOKEN),
        )
        .endpoint(Endpoint::Url(unreachable)),
    )
    .unwrap()
    .with_retry(harness::once())
    .create_certificate_with_csr_request(marked)
    .await;
    for failed in [reset, refused] {
        let error = failed.expect_err("the exchange fails");
        assert!(
            matches!(error, Error::Transport(_)),
            "a transport failure: {error:?}"
        );
        let shown = format!("{error}\n{error:?}");
        assert!(
            !shown.contains(PARAMETER_MARKER),
            "request parameters were printed: {shown}"
        );
        printed.push(shown);
    }
    printed.join("\n")
}
