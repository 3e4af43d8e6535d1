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
mod record;
mod service;
mod store;
mod wire;

use std::collections::HashMap;

use serde_json::Value;

use crate::catalog::{Product, Spec};
use crate::protocol::Protocol;
pub use record::{DnsRecord, DnsService};
pub(crate) use service::Call;
use service::{Failure, Service};
use store::Store;

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

    /// Adds `record` to the records of `which` (on the service's default line when it names
    /// none) and returns its ID: see [`Server::add_dns_record`](crate::Server::add_dns_record).
    pub(crate) fn add(&mut self, spec: &Spec, which: DnsService, mut record: DnsRecord) -> u64 {
        let (store, service) = self.store_in(spec, which);
        if record.line.is_empty() {
            service.default_line.clone_into(&mut record.line);
        }
        store.insert(record)
    }

    /// The records of `which`, by ID.
    pub(crate) fn all(&mut self, spec: &Spec, which: DnsService) -> Vec<DnsRecord> {
        self.store_in(spec, which).0.all()
    }
}

fn service(which: DnsService) -> &'static Service {
    match which {
        DnsService::Dnspod => &dnspod::SERVICE,
        DnsService::Alidns => &alidns::SERVICE,
    }
}
