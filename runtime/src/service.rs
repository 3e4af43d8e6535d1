//! Static descriptions of products and actions, written by the generator
//! and read by the transport. How a product's requests travel (encoding,
//! signature, answers) is not here: it is the client's wire protocol, a type
//! implementing [`Protocol`](crate::protocol::Protocol).

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

/// How a vendor names its hosts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EndpointRule {
    /// The domain every host ends with, e.g. `tencentcloudapi.com`; a
    /// configured domain suffix replaces it.
    pub domain: &'static str,
    /// The host of a product in a region: `{product}`, `{region}` and
    /// `{domain}` are replaced. `None`: regional hosts are only the listed ones.
    pub regional: Option<&'static str>,
}

/// One product at one API version.
#[derive(Debug)]
pub struct Service {
    /// Product name, e.g. `ssl`; also the service in Tencent credential scopes.
    pub product: &'static str,
    /// API version, e.g. `2019-12-05`.
    pub version: &'static str,
    /// Hosts, default first.
    pub endpoints: &'static [EndpointSpec],
    /// Whether requests carry the region and a region picks the host.
    pub regional: bool,
    /// The vendor's rule for host names, if it has one.
    pub endpoint_rule: Option<&'static EndpointRule>,
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
    /// Wire names of the response fields, at any depth, that the spec marks
    /// secret: an error quoting an answer that could not be decoded redacts
    /// their values, besides those of fields every answer redacts.
    pub secret_outputs: &'static [&'static str],
}
