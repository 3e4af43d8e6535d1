//! What a test adds to the DNS records a [`Server`] keeps, and reads back: beside the
//! handle, since the records are part of the state the server holds.

use crate::records::{DnsRecord, DnsService};
use crate::server::Server;

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
    pub fn add_dns_record(&self, service: DnsService, record: DnsRecord) -> u64 {
        let mut state = self.shared.lock();
        state.records.add(&self.shared.spec, service, record)
    }

    /// The records `service` keeps, by ID: those of the spec's examples that are left, those
    /// created through its API and those added with [`Server::add_dns_record`].
    pub fn dns_records(&self, service: DnsService) -> Vec<DnsRecord> {
        let mut state = self.shared.lock();
        state.records.all(&self.shared.spec, service)
    }
}
