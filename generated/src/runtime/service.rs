//! Static descriptions of products and actions, written by the generator
//! and read by the transport.

/// A cloud vendor; decides credentials sources and wire protocol details.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Vendor {
    /// Tencent Cloud.
    Tencent,
    /// Alibaba Cloud.
    Alibaba,
}

impl Vendor {
    /// Human-readable name.
    pub fn title(self) -> &'static str {
        match self {
            Vendor::Tencent => "Tencent Cloud",
            Vendor::Alibaba => "Alibaba Cloud",
        }
    }
}

/// Wire protocol and signature of a product.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// Tencent Cloud API 3.0: JSON over POST, `TC3-HMAC-SHA256`.
    Tc3,
    /// Alibaba Cloud RPC: parameters in the query string, `ACS3-HMAC-SHA256`.
    Acs3Rpc,
}

impl Protocol {
    /// The vendor that speaks this protocol.
    pub fn vendor(self) -> Vendor {
        match self {
            Protocol::Tc3 => Vendor::Tencent,
            Protocol::Acs3Rpc => Vendor::Alibaba,
        }
    }
}

/// Role of an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndpointKind {
    /// Used unless the configuration says otherwise.
    Default,
    /// The international site.
    International,
    /// Serves one region.
    Regional,
}

/// One host serving a product.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EndpointSpec {
    /// Host name.
    pub host: &'static str,
    /// Role.
    pub kind: EndpointKind,
    /// Region served.
    pub region: Option<&'static str>,
}

/// One product at one API version.
#[derive(Debug)]
pub struct Service {
    /// Product name, e.g. `ssl`; also the service in Tencent credential scopes.
    pub product: &'static str,
    /// API version, e.g. `2019-12-05`.
    pub version: &'static str,
    /// Wire protocol.
    pub protocol: Protocol,
    /// Hosts, default first.
    pub endpoints: &'static [EndpointSpec],
    /// Every action of the product.
    pub actions: &'static [&'static Action],
}

/// One action, as the transport needs to know it.
#[derive(Debug, PartialEq, Eq)]
pub struct Action {
    /// Wire name, e.g. `CreateCertificate`.
    pub name: &'static str,
    /// Safe to send twice; decides which failures are retried.
    pub idempotent: bool,
    /// Documented limit; the client paces itself to it.
    pub rate_limit_per_second: Option<u32>,
}
