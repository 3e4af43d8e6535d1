//! The standalone binary: serves a spec folder and prints each refused request.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use cloudapi::tencent::ssl::{CertificateOrderSubmitRequest, Client, VerifyType};
use cloudapi::{Config, Credentials, Endpoint};

/// Stops the binary when the test ends, passed or not.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn prints_its_url_then_each_refusal_with_the_reason() {
    let spec = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec");
    let mut child = Running(
        Command::new(env!("CARGO_BIN_EXE_testkit"))
            .args(["--spec", spec, "--port", "0"])
            .stdout(Stdio::piped())
            .spawn()
            .expect("the binary starts"),
    );
    let mut lines = BufReader::new(child.0.stdout.take().expect("stdout"))
        .lines()
        .map_while(Result::ok);
    let banner = lines.next().expect("a banner");
    let url = banner
        .split_once(" at ")
        .map(|(_, url)| url.to_owned())
        .unwrap_or_else(|| panic!("no URL in {banner:?}"));
    // Every action file of the spec folder.
    let actions: usize = std::fs::read_dir(spec)
        .unwrap()
        .flatten()
        .flat_map(|vendor| {
            std::fs::read_dir(vendor.path())
                .into_iter()
                .flatten()
                .flatten()
        })
        .filter_map(|product| std::fs::read_dir(product.path().join("actions")).ok())
        .map(|files| files.count())
        .sum();
    assert!(
        banner.starts_with(&format!(
            "testkit: serving {actions} actions at http://127.0.0.1:"
        )),
        "{banner}"
    );
    let key_id = lines.next().expect("key id line");
    let key_secret = lines.next().expect("secret line");
    let value = |line: &str| line.rsplit(' ').next().unwrap_or_default().to_owned();
    let config = Config::new()
        .credentials(Credentials::new(value(&key_id), value(&key_secret)))
        .endpoint(Endpoint::Url(url));
    let client = Client::new(config).unwrap();
    client
        .certificate_order_submit(CertificateOrderSubmitRequest::new("Dsqef134"))
        .await
        .expect("a valid request is answered");
    let odd = CertificateOrderSubmitRequest::new("Dsqef134").verify_type(VerifyType::from("dns"));
    assert!(client.certificate_order_submit(odd).await.is_err());
    let refused = lines
        .find(|line| line.starts_with("refused "))
        .expect("a refusal line");
    assert_eq!(
        refused,
        "refused  CertificateOrderSubmit: 200 InvalidParameterValue: The value of parameter `VerifyType` is not one of the documented values (DNS, FILE, DNS_AUTO, DNS_PROXY, FILE_PROXY, EMAIL)."
    );
}
