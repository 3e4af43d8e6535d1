//! What a kept DNS record is, for both services.

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
    /// The record's ID (Alibaba sends it as text); 0 asks [`Server::add_dns_record`](crate::Server::add_dns_record) for a
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
    /// The resolution line; empty asks [`Server::add_dns_record`](crate::Server::add_dns_record) for the service's default
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
pub(super) const DEFAULT_TTL: u64 = 600;
