//! Deploying a certificate where traffic is served, on both clouds, with the
//! generated clients:
//!
//! - Tencent Cloud: upload the certificate to SSL Certificates, turn on HTTPS
//!   with it for a CDN domain, and put it on a CLB HTTPS listener, waiting
//!   for the load balancer's asynchronous task to finish;
//! - Alibaba Cloud: upload it to Certificate Management Service, set it on a
//!   CDN domain, and put it on an SLB HTTPS listener (SLB takes the CAS
//!   certificate as a server certificate of its own first).
//!
//! `cargo run --example deploy_certificate -- --local` runs it against the
//! local test endpoint (the testkit, started in this process): nothing leaves
//! the machine and no account is needed.
//!
//! Against the services, with credentials from the environment or the
//! profile files, every target is named:
//!
//! ```text
//! cargo run --example deploy_certificate -- --cert cert.pem --key key.pem \
//!     --tencent-cdn www.example.com --clb lb-xxxxxxxx:lbl-xxxxxxxx --clb-region ap-guangzhou \
//!     --alibaba-cdn static.example.com --slb lb-xxxxxxxxxxxxxxxxxxxxx:443 --slb-region cn-hangzhou
//! ```
//!
//! A target left out is skipped. The private key is read from its file and
//! sent; it is never printed, and the request types hide it from `Debug`.

use std::error::Error as StdError;
use std::fs;
use std::path::PathBuf;

use clap::Parser;
use cloudapi::{Config, WaitOptions};

type Result<T> = std::result::Result<T, Box<dyn StdError>>;

/// Deploy a certificate to CDN domains and load balancer listeners on Tencent Cloud and Alibaba Cloud.
#[derive(Parser)]
struct Args {
    /// Run against the local test endpoint (the testkit, in this process) with sample targets.
    #[arg(long, conflicts_with_all = ["cert", "key"])]
    local: bool,
    /// The certificate chain, PEM.
    #[arg(long, required_unless_present = "local")]
    cert: Option<PathBuf>,
    /// Its private key, PEM.
    #[arg(long, required_unless_present = "local")]
    key: Option<PathBuf>,
    /// A Tencent Cloud CDN domain to serve the certificate.
    #[arg(long)]
    tencent_cdn: Option<String>,
    /// A Tencent Cloud CLB HTTPS listener, as `LOAD_BALANCER_ID:LISTENER_ID`.
    #[arg(long)]
    clb: Option<String>,
    /// The CLB listener's region.
    #[arg(long, default_value = "ap-guangzhou")]
    clb_region: String,
    /// An Alibaba Cloud CDN domain to serve the certificate.
    #[arg(long)]
    alibaba_cdn: Option<String>,
    /// An Alibaba Cloud SLB HTTPS listener, as `LOAD_BALANCER_ID:PORT`.
    #[arg(long)]
    slb: Option<String>,
    /// The SLB listener's region.
    #[arg(long, default_value = "cn-hangzhou")]
    slb_region: String,
}

/// What to deploy, and where.
struct Plan {
    name: String,
    cert: String,
    key: String,
    tencent_cdn: Option<String>,
    clb: Option<(String, String)>,
    alibaba_cdn: Option<String>,
    slb: Option<(String, i64)>,
}

#[tokio::main]
async fn main() -> Result<()> {
    let args = Args::parse();
    let server = match args.local {
        true => Some(testkit::Server::start().await?),
        false => None,
    };
    let (config, plan) = match &server {
        Some(server) => {
            println!(
                "local Tencent Cloud and Alibaba Cloud (testkit) at {}\n",
                server.url()
            );
            (server.config(), sample())
        }
        None => (Config::new(), planned(&args)?),
    };
    if plan.tencent_cdn.is_some() || plan.clb.is_some() {
        on_tencent(&config, &plan, &args.clb_region).await?;
    }
    if plan.alibaba_cdn.is_some() || plan.slb.is_some() {
        on_alibaba(&config, &plan, &args.slb_region).await?;
    }
    Ok(())
}

/// Sample targets for the local endpoint, which answers with the vendors'
/// documented example answers.
fn sample() -> Plan {
    Plan {
        name: "example-com-2026".to_owned(),
        cert: "-----BEGIN CERTIFICATE-----\n(sample)\n-----END CERTIFICATE-----".to_owned(),
        key: "-----BEGIN PRIVATE KEY-----\n(sample)\n-----END PRIVATE KEY-----".to_owned(),
        tencent_cdn: Some("www.example.com".to_owned()),
        clb: Some(("lb-cuxw2r00".to_owned(), "lbl-4fgbvz2o".to_owned())),
        alibaba_cdn: Some("static.example.com".to_owned()),
        slb: Some(("lb-bp1o94dp5i6ea****".to_owned(), 443)),
    }
}

fn planned(args: &Args) -> Result<Plan> {
    let (Some(cert), Some(key)) = (&args.cert, &args.key) else {
        return Err("--cert and --key are needed without --local".into());
    };
    let name = cert
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "certificate".to_owned());
    let pair = |text: &Option<String>, what: &str| -> Result<Option<(String, String)>> {
        match text {
            None => Ok(None),
            Some(text) => match text.split_once(':') {
                Some((a, b)) => Ok(Some((a.to_owned(), b.to_owned()))),
                None => Err(format!("{what}: expected two parts separated by `:`").into()),
            },
        }
    };
    let slb = match pair(&args.slb, "--slb")? {
        Some((id, port)) => Some((
            id,
            port.parse()
                .map_err(|_| "--slb: the port is not a number")?,
        )),
        None => None,
    };
    Ok(Plan {
        name,
        cert: fs::read_to_string(cert)?,
        key: fs::read_to_string(key)?,
        tencent_cdn: args.tencent_cdn.clone(),
        clb: pair(&args.clb, "--clb")?,
        alibaba_cdn: args.alibaba_cdn.clone(),
        slb,
    })
}

async fn on_tencent(config: &Config, plan: &Plan, region: &str) -> Result<()> {
    use cloudapi::tencent::{cdn, clb, ssl};

    println!("# Tencent Cloud");
    let certificates = ssl::Client::new(config.clone())?;
    let upload = ssl::UploadCertificateRequest::new(plan.cert.as_str())
        .certificate_private_key(plan.key.as_str())
        .alias(plan.name.as_str());
    let id = certificates
        .upload_certificate(upload)
        .await?
        .certificate_id;
    println!("uploaded to SSL Certificates: {id}");

    if let Some(domain) = &plan.tencent_cdn {
        let https = cdn::Https::new()
            .switch(cdn::Switch::On)
            .cert_info(cdn::ServerCert::new().cert_id(id.as_str()));
        let change = cdn::UpdateDomainConfigRequest::new(domain.as_str()).https(https);
        cdn::Client::new(config.clone())?
            .update_domain_config(change)
            .await?;
        println!("CDN domain {domain}: HTTPS on, with {id}");
    }

    if let Some((load_balancer, listener)) = &plan.clb {
        // One client per product; `in_region` gives a handle in the listener's region.
        let balancers = clb::Client::new(config.clone())?.in_region(region)?;
        let certificate = clb::CertificateInput::new()
            .ssl_mode(clb::SslMode::Unidirectional)
            .cert_id(id.as_str());
        let change = clb::ModifyListenerRequest::new(load_balancer.as_str(), listener.as_str())
            .certificate(certificate);
        let changed = balancers.modify_listener(change).await?;
        // CLB changes the listener asynchronously: wait for its task.
        balancers
            .modify_listener_until_done(&changed, WaitOptions::default())
            .await?;
        println!("CLB listener {load_balancer}/{listener} in {region}: serving {id}");
    }
    Ok(())
}

async fn on_alibaba(config: &Config, plan: &Plan, region: &str) -> Result<()> {
    use cloudapi::alibaba::{cas, cdn, slb};

    println!("# Alibaba Cloud");
    let certificates = cas::Client::new(config.clone())?;
    let upload = cas::UploadUserCertificateRequest::new(plan.name.as_str())
        .cert(plan.cert.as_str())
        .key(plan.key.as_str());
    let id = certificates
        .upload_user_certificate(upload)
        .await?
        .cert_id
        .ok_or("the upload answered no certificate ID")?;
    println!("uploaded to Certificate Management Service: {id}");

    if let Some(domain) = &plan.alibaba_cdn {
        let change = cdn::SetCdnDomainSslCertificateRequest::new(domain.as_str(), "on")
            .cert_type(cdn::CertType::Cas)
            .cert_id(id);
        cdn::Client::new(config.clone())?
            .set_cdn_domain_ssl_certificate(change)
            .await?;
        println!("CDN domain {domain}: HTTPS on, with {id}");
    }

    if let Some((load_balancer, port)) = &plan.slb {
        let balancers = slb::Client::new(config.clone())?.in_region(region)?;
        // SLB serves server certificates of its own: one made from the CAS certificate.
        let import = slb::UploadServerCertificateRequest::new(region)
            .ali_cloud_certificate_id(id.to_string())
            .ali_cloud_certificate_name(plan.name.as_str())
            .ali_cloud_certificate_region_id("cn-hangzhou");
        let server_certificate = balancers
            .upload_server_certificate(import)
            .await?
            .server_certificate_id
            .ok_or("SLB answered no server certificate ID")?;
        let change =
            slb::SetLoadBalancerHttpsListenerAttributeRequest::new(load_balancer.as_str(), *port)
                .region_id(region)
                .server_certificate_id(server_certificate.as_str());
        balancers
            .set_load_balancer_https_listener_attribute(change)
            .await?;
        println!(
            "SLB listener {load_balancer}:{port} in {region}: serving {server_certificate} (CAS {id})"
        );
    }
    Ok(())
}
