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
    /// REST protocols: the method, path and member places; `None` for the
    /// protocols that send every action alike.
    pub http: Option<&'static HttpBinding>,
}

/// How an action of a REST protocol travels over HTTP.
#[derive(Debug, PartialEq, Eq)]
pub struct HttpBinding {
    /// `GET`, `POST`, `PUT`, `PATCH`, `DELETE` or `HEAD`.
    pub method: &'static str,
    /// The path template: each `{wireName}` is an input of [`Location::Path`].
    pub path: &'static str,
    /// Inputs that are not members of the JSON body, by wire name.
    pub input: &'static [(&'static str, Location)],
    /// Outputs that are not members of the JSON body, by wire name.
    pub output: &'static [(&'static str, Location)],
}

impl HttpBinding {
    /// Where the member `name` of the request travels.
    pub fn input_location(&self, name: &str) -> Location {
        place(self.input, name)
    }
}

/// Where a member not listed travels: the JSON body, the usual place.
fn place(list: &[(&'static str, Location)], name: &str) -> Location {
    list.iter()
        .find(|(member, _)| *member == name)
        .map_or(Location::Body, |(_, location)| *location)
}

/// Where a member of a REST action travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// A `{name}` segment of the path, percent-encoded.
    Path,
    /// A query parameter.
    Query,
    /// An HTTP header named like the member.
    Header,
    /// A member of the JSON object that is the body.
    Body,
    /// The whole body, as text.
    Payload,
}
