//! The DNS part of an ACME DNS-01 challenge, on Tencent Cloud DNSPod and Alibaba Cloud DNS
//! with the generated clients: add the `_acme-challenge` TXT record, find it by listing,
//! delete it once the certificate authority has checked it.
//!
//! `cargo run --example acme_dns01 -- --local` runs it against the local test endpoint
//! (the testkit crate, started in this process), which keeps DNS records like the
//! services do: nothing leaves the machine and no account is needed.
//!
//! `cargo run --example acme_dns01 -- --domain example.com --value TOKEN [--cloud tencent|alibaba|both]`
//! runs it against the real services, for a domain hosted there, with credentials from the
//! environment or the profile files (TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY;
//! ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET). It adds a TXT record
//! and deletes it again. Neither keys nor the record's value are printed.

use std::error::Error as StdError;
use std::fmt::Debug;
use std::time::Duration;

use clap::{Parser, ValueEnum};
use cloudapi::alibaba::alidns::{
    self, AddDomainRecordRequest, DeleteDomainRecordRequest, DescribeSubDomainRecordsRequest,
};
use cloudapi::tencent::dnspod::{
    self, CreateTxtRecordRequest, DeleteRecordRequest, DescribeRecordListError,
    DescribeRecordListRequest,
};
use cloudapi::{Config, Error};

type Result<T> = std::result::Result<T, Box<dyn StdError>>;

/// The host ACME asks for, under the domain being validated.
const HOST: &str = "_acme-challenge";
/// How many times to look for a new record, `pause` apart (30 s against the services).
const LOOKS: u32 = 6;

/// The DNS part of an ACME DNS-01 challenge on Tencent Cloud DNSPod and Alibaba Cloud DNS.
#[derive(Parser)]
struct Args {
    /// Run against the local test endpoint (the testkit, in this process) instead of the services.
    #[arg(long, conflicts_with_all = ["domain", "value"])]
    local: bool,
    /// The domain being validated, hosted on the chosen cloud.
    #[arg(long, required_unless_present = "local")]
    domain: Option<String>,
    /// The TXT value the certificate authority asked for.
    #[arg(long, required_unless_present = "local")]
    value: Option<String>,
    /// Which cloud's DNS to use.
    #[arg(long, value_enum, default_value_t = Cloud::Both)]
    cloud: Cloud,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Cloud {
    Tencent,
    Alibaba,
    Both,
}

#[tokio::main]
async fn main() -> Result<()> {
    let args = Args::parse();
    let local = match args.local {
        true => Some(testkit::Server::start().await?),
        false => None,
    };
    let (config, domain, value, pause) = match (&local, args.domain, args.value) {
        (Some(server), _, _) => {
            println!(
                "local DNSPod and Alibaba Cloud DNS (testkit) at {}\n",
                server.url()
            );
            let (domain, value) = ("example.com".to_owned(), "local-token".to_owned());
            (server.config(), domain, value, Duration::ZERO)
        }
        // clap makes both present without --local.
        (None, Some(domain), Some(value)) => (Config::new(), domain, value, Duration::from_secs(5)),
        (None, _, _) => return Err("--domain and --value are needed without --local".into()),
    };
    if args.cloud != Cloud::Alibaba {
        let client = dnspod::Client::new(config.clone())?;
        on_dnspod(&client, &domain, &value, pause).await?;
    }
    if args.cloud != Cloud::Tencent {
        let client = alidns::Client::new(config)?;
        on_alidns(&client, &domain, &value, pause).await?;
    }
    Ok(())
}

/// DNS-01 on Tencent Cloud DNSPod.
async fn on_dnspod(
    client: &dnspod::Client,
    domain: &str,
    value: &str,
    pause: Duration,
) -> Result<()> {
    println!("# Tencent Cloud DNSPod: TXT {HOST}.{domain}");
    // `默认` is the default line (`Default` on the international site).
    let request = CreateTxtRecordRequest::new(domain, "默认", value)
        .sub_domain(HOST)
        .ttl(600);
    let id = client
        .create_txt_record(request)
        .await
        .map_err(explain)?
        .record_id;
    println!("added record {id}");

    let listing = DescribeRecordListRequest::new(domain)
        .sub_domain(HOST)
        .record_type("TXT");
    // A listing with nothing in it is an error unless `ErrorOnEmpty` is `no`.
    let ids = until_listed(&id, pause, async || {
        let answer = client
            .describe_record_list(listing.clone().error_on_empty("no"))
            .await?;
        Ok(answer.record_list.iter().map(|r| r.record_id).collect())
    })
    .await?;
    println!("found it listing TXT records of {HOST}: {ids:?}");

    client
        .delete_record(DeleteRecordRequest::new(domain, id))
        .await?;
    println!("deleted record {id}");
    match client.describe_record_list(listing).await {
        Err(e) if e.code() == Some(&DescribeRecordListError::ResourceNotFoundNoDataOfRecord) => {
            println!(
                "listing again: no TXT record of {HOST} left (ResourceNotFound.NoDataOfRecord)\n"
            );
        }
        Ok(answer) => {
            let left: Vec<u64> = answer.record_list.iter().map(|r| r.record_id).collect();
            println!("listing again: other TXT records of {HOST}: {left:?}\n");
        }
        Err(e) => return Err(e.into()),
    }
    Ok(())
}

/// DNS-01 on Alibaba Cloud DNS.
async fn on_alidns(
    client: &alidns::Client,
    domain: &str,
    value: &str,
    pause: Duration,
) -> Result<()> {
    println!("# Alibaba Cloud DNS: TXT {HOST}.{domain}");
    let request = AddDomainRecordRequest::new(domain, HOST, "TXT", value);
    let added = client.add_domain_record(request).await.map_err(explain)?;
    let id = added.record_id.ok_or("no RecordId in the answer")?;
    println!("added record {id}");

    let listing = DescribeSubDomainRecordsRequest::new(format!("{HOST}.{domain}"))
        .domain_name(domain)
        .type_("TXT");
    let listed = |answer: alidns::DescribeSubDomainRecordsResponse| -> Vec<String> {
        let records = answer
            .domain_records
            .and_then(|d| d.record)
            .unwrap_or_default();
        records.into_iter().filter_map(|r| r.record_id).collect()
    };
    let ids = until_listed(&id, pause, async || {
        Ok(listed(
            client.describe_sub_domain_records(listing.clone()).await?,
        ))
    })
    .await?;
    println!("found it listing TXT records of {HOST}.{domain}: {ids:?}");

    client
        .delete_domain_record(DeleteDomainRecordRequest::new(&id))
        .await?;
    println!("deleted record {id}");
    let left = listed(client.describe_sub_domain_records(listing).await?);
    if left.is_empty() {
        println!("listing again: no TXT record of {HOST}.{domain} left\n");
    } else {
        println!("listing again: other TXT records of {HOST}.{domain}: {left:?}\n");
    }
    Ok(())
}

/// Lists the record IDs until `id` is among them: the services index a new record with a
/// short delay, so it may take a few looks.
async fn until_listed<T: PartialEq + Debug>(
    id: &T,
    pause: Duration,
    mut list: impl AsyncFnMut() -> Result<Vec<T>>,
) -> Result<Vec<T>> {
    for look in 1..=LOOKS {
        let ids = list().await?;
        if ids.contains(id) {
            return Ok(ids);
        }
        if look < LOOKS {
            tokio::time::sleep(pause).await;
        }
    }
    Err(format!("record {id:?} is not listed yet; it is left in place").into())
}

/// A first call's error; without credentials, what to do instead.
fn explain<E: cloudapi::ErrorCode + 'static>(error: Error<E>) -> Box<dyn StdError> {
    if let Error::Credentials(e) = &error {
        eprintln!(
            "{e}\nSet the cloud's credentials (environment or profile file), or run with --local."
        );
        std::process::exit(2);
    }
    error.into()
}
