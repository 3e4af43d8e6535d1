//! DNS records kept like the DNS services keep them, so that a test can add a record, find
//! it and delete it without stubbing answers (an ACME DNS-01 challenge, for one).
//!
//! Each service ([`DnsService`]) has its own records; `dnspod.rs` and `alidns.rs` say which
//! of its actions create, list, describe, change and delete them, and how its answers name
//! them. Answers start from the action's example answer, so that every documented member is
//! there, with the kept records written over it; members the testkit does not keep (update
//! times, weights, groups, monitoring, the IDs of lines other than the default one) keep the
//! example's values. An action a test answers itself (`respond`, `fail`, `script`, a fault)
//! leaves the records as they are.
//!
//! A service's records start as those of its spec's examples (so that requests copied from
//! the documentation find what they name) and are read from the spec on first use, so that
//! servers that never touch DNS do not parse its products.

mod alidns;
mod dnspod;
mod store;

use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::catalog::{Product, Spec};
use crate::log::Protocol;
use crate::server::Server;
pub(crate) use store::Store;

/// A DNS service whose records the testkit keeps; each keeps its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DnsService {
    /// Tencent Cloud DNSPod (`cloudapi::tencent::dnspod`): numeric `RecordId`s.
    Dnspod,
    /// Alibaba Cloud DNS (`cloudapi::alibaba::alidns`): `RecordId`s are decimal text.
    Alidns,
}

/// A DNS record as the testkit keeps it: the fields both services share.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct DnsRecord {
    /// The record's ID (Alibaba sends it as text); 0 asks [`Server::add_dns_record`] for a
    /// fresh one.
    pub id: u64,
    /// The domain (zone) it belongs to, e.g. `example.com`.
    pub domain: String,
    /// The host within the domain (DNSPod `SubDomain`, Alibaba `RR`): `@` for the domain
    /// itself, `_acme-challenge`, `www`.
    pub name: String,
    /// `A`, `TXT`, `CNAME`, …
    pub record_type: String,
    /// The record's value.
    pub value: String,
    /// The resolution line; empty asks [`Server::add_dns_record`] for the service's default
    /// (DNSPod `默认`, Alibaba `default`).
    pub line: String,
    /// Time to live, in seconds.
    pub ttl: u64,
    /// The MX priority (DNSPod `MX`, Alibaba `Priority`); 0 when not set.
    pub priority: u64,
    /// Whether the record resolves (DNSPod `ENABLE`/`DISABLE`, Alibaba `Enable`/`Disable`).
    pub enabled: bool,
    /// The record's remark.
    pub remark: String,
}

impl DnsRecord {
    /// A record of `domain` with host `name`, enabled, on the default line, with a TTL of
    /// 600 seconds (both services' default).
    pub fn new(
        domain: impl Into<String>,
        name: impl Into<String>,
        record_type: impl Into<String>,
        value: impl Into<String>,
    ) -> Self {
        DnsRecord {
            id: 0,
            domain: domain.into(),
            name: name.into(),
            record_type: record_type.into(),
            value: value.into(),
            line: String::new(),
            ttl: DEFAULT_TTL,
            priority: 0,
            enabled: true,
            remark: String::new(),
        }
    }

    /// Sets the time to live.
    pub fn ttl(mut self, seconds: u64) -> Self {
        self.ttl = seconds;
        self
    }

    /// Sets the resolution line.
    pub fn line(mut self, line: impl Into<String>) -> Self {
        self.line = line.into();
        self
    }
}

/// Both services' TTL when a request gives none.
const DEFAULT_TTL: u64 = 600;

/// Why a records action fails: the vendor's code and what the testkit knows about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Failure {
    pub(crate) code: &'static str,
    pub(crate) detail: String,
}

/// An accepted request of a records action: its name, checked parameters and example answer.
pub(crate) struct Call<'a> {
    pub(crate) action: &'a str,
    pub(crate) params: &'a Map<String, Value>,
    pub(crate) example: &'a Value,
}

/// How one service's actions touch its records.
pub(crate) struct Service {
    which: DnsService,
    protocol: Protocol,
    product: &'static str,
    default_line: &'static str,
    /// Adds the records of the product's examples to a new store.
    seed: fn(&Product, &mut Store),
    /// The answer of a call, or `None` for an action that does not touch records.
    answer: fn(&mut Store, &Call<'_>) -> Option<Result<Value, Failure>>,
}

const SERVICES: &[Service] = &[dnspod::SERVICE, alidns::SERVICE];

/// Every service's records, seeded on first use.
#[derive(Debug)]
pub(crate) struct Records {
    enabled: bool,
    stores: HashMap<DnsService, Store>,
}

impl Records {
    /// No records yet; when not `enabled`, no answer comes from them.
    pub(crate) fn new(enabled: bool) -> Self {
        Records {
            enabled,
            stores: HashMap::new(),
        }
    }

    /// The answer of a records action of `product`, or `None` when the action is not one
    /// (or records are not tracked).
    pub(crate) fn answer(
        &mut self,
        protocol: Protocol,
        product: &Product,
        call: &Call<'_>,
    ) -> Option<Result<Value, Failure>> {
        if !self.enabled {
            return None;
        }
        let service = SERVICES
            .iter()
            .find(|s| s.protocol == protocol && s.product == product.name)?;
        let store = self.store(service, Some(product));
        (service.answer)(store, call)
    }

    /// The store of `service`, seeded from `product`'s examples when first used.
    fn store(&mut self, service: &Service, product: Option<&Product>) -> &mut Store {
        self.stores.entry(service.which).or_insert_with(|| {
            let mut store = Store::default();
            if let Some(product) = product {
                (service.seed)(product, &mut store);
            }
            store
        })
    }

    /// The store of `which`, seeded from `spec`'s product when first used.
    fn store_in(&mut self, spec: &Spec, which: DnsService) -> (&mut Store, &'static Service) {
        let service = service(which);
        let product = spec
            .products
            .iter()
            .find(|p| p.protocol == service.protocol && p.name == service.product);
        (self.store(service, product), service)
    }
}

fn service(which: DnsService) -> &'static Service {
    match which {
        DnsService::Dnspod => &dnspod::SERVICE,
        DnsService::Alidns => &alidns::SERVICE,
    }
}

impl Server {
    /// Adds `record` to the records `service` keeps, as if created through its API, and
    /// returns its ID: a fresh one when `record.id` is 0, else that ID (replacing a record
    /// that has it). An empty `line` becomes the service's default line. Tracking is on
    /// unless [`ServerConfig::track_resources`](crate::ServerConfig::track_resources) turned
    /// it off; off, the record is kept but no answer shows it.
    ///
    /// ```
    /// use testkit::{DnsRecord, DnsService};
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// let server = testkit::Server::start().await?;
    /// let record = DnsRecord::new("example.com", "_acme-challenge", "TXT", "token").ttl(60);
    /// let id = server.add_dns_record(DnsService::Alidns, record);
    /// assert!(server.dns_records(DnsService::Alidns).iter().any(|r| r.id == id));
    /// # Ok(())
    /// # }
    /// ```
    pub fn add_dns_record(&self, service: DnsService, mut record: DnsRecord) -> u64 {
        let mut state = self.shared.lock();
        let (store, service) = state.records.store_in(&self.shared.spec, service);
        if record.line.is_empty() {
            service.default_line.clone_into(&mut record.line);
        }
        store.insert(record)
    }

    /// The records `service` keeps, by ID: those of the spec's examples that are left, those
    /// created through its API and those added with [`Server::add_dns_record`].
    pub fn dns_records(&self, service: DnsService) -> Vec<DnsRecord> {
        let mut state = self.shared.lock();
        state.records.store_in(&self.shared.spec, service).0.all()
    }
}

/// Reading checked parameters and writing answers, for both services.
mod wire {
    use serde_json::{Map, Value};

    /// The text parameter `name`.
    pub(super) fn text<'a>(params: &'a Map<String, Value>, name: &str) -> Option<&'a str> {
        params.get(name)?.as_str()
    }

    /// The non-negative number parameter `name` (Alibaba sends record IDs as text).
    pub(super) fn number(params: &Map<String, Value>, name: &str) -> Option<u64> {
        match params.get(name)? {
            Value::Number(n) => n.as_u64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    /// The texts of the list parameter `name` (empty when absent).
    pub(super) fn texts<'a>(params: &'a Map<String, Value>, name: &str) -> Vec<&'a str> {
        params
            .get(name)
            .and_then(Value::as_array)
            .map(|items| items.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default()
    }

    /// Whether `value` contains `part`, ignoring ASCII case (the services' fuzzy match).
    pub(super) fn contains(value: &str, part: &str) -> bool {
        value
            .to_ascii_lowercase()
            .contains(&part.to_ascii_lowercase())
    }

    /// The `take` items after the first `skip`.
    pub(super) fn window<T>(items: &[T], skip: u64, take: u64) -> &[T] {
        let start = usize::try_from(skip).unwrap_or(usize::MAX).min(items.len());
        let take = usize::try_from(take).unwrap_or(usize::MAX);
        &items[start..start.saturating_add(take).min(items.len())]
    }

    /// The first item of the list at `path` of `example`: what each listed record starts from.
    pub(super) fn first_item(example: &Value, path: &[&str]) -> Map<String, Value> {
        let list = path.iter().try_fold(example, |v, key| v.get(key));
        list.and_then(|l| l.get(0))
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default()
    }

    /// Sets the member at `path` of `answer`, making the objects on the way.
    pub(super) fn put(answer: &mut Value, path: &[&str], value: Value) {
        let Some((last, parents)) = path.split_last() else {
            return;
        };
        let mut at = answer;
        for key in parents {
            if !at.get(key).is_some_and(Value::is_object) {
                at[key] = Value::Object(Map::new());
            }
            at = &mut at[key];
        }
        if at.is_object() {
            at[last] = value;
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::wire::*;

    #[test]
    fn parameters_windows_and_templates() {
        let params = json!({"Id": "42", "N": 7, "L": ["A", 1, "TXT"]});
        let params = params.as_object().cloned().unwrap_or_default();
        assert_eq!(
            (number(&params, "Id"), number(&params, "N")),
            (Some(42), Some(7))
        );
        assert_eq!(texts(&params, "L"), ["A", "TXT"]);
        assert!(contains("_ACME-challenge", "acme") && !contains("www", "acme"));
        assert_eq!(window(&[1, 2, 3, 4], 1, 2), [2, 3]);
        assert_eq!(window(&[1, 2], 5, 2), [] as [i32; 0]);
        assert_eq!(window(&[1, 2], 1, u64::MAX), [2]);
        let example = json!({"A": {"List": [{"X": 1}, {"X": 2}]}});
        assert_eq!(first_item(&example, &["A", "List"])["X"], 1);
        assert!(first_item(&example, &["B"]).is_empty());
        let mut answer = json!({"A": 1});
        put(&mut answer, &["B", "C"], json!([]));
        put(&mut answer, &["A"], json!(2));
        assert_eq!(answer, json!({"A": 2, "B": {"C": []}}));
    }
}
