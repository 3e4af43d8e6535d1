//! The records of one DNS service, by ID, and the numbers it gives: record IDs that are
//! never given twice (a deleted record's ID stays unknown), and one ID per domain (DNSPod
//! names domains by `DomainId` too).

use std::collections::BTreeMap;

use super::record::DnsRecord;

/// One service's records and domains.
#[derive(Debug, Default)]
pub(crate) struct Store {
    records: BTreeMap<u64, DnsRecord>,
    /// The next record ID to give; above every ID the store has held.
    next_record: u64,
    domain_ids: BTreeMap<String, u64>,
    next_domain: u64,
}

impl Store {
    /// Keeps `record`, under its own ID or, when that is 0, a fresh one; returns the ID.
    /// A record with the same ID is replaced.
    pub(crate) fn insert(&mut self, mut record: DnsRecord) -> u64 {
        if record.id == 0 {
            record.id = self.next_record.max(1);
        }
        let id = record.id;
        self.next_record = self.next_record.max(id.saturating_add(1));
        self.domain_id(&record.domain);
        self.records.insert(id, record);
        id
    }

    /// Keeps `record` unless its ID is known already: the spec's examples reuse IDs, and
    /// the first example naming one decides what it is.
    pub(crate) fn seed(&mut self, record: DnsRecord) {
        if record.id != 0 && !self.records.contains_key(&record.id) {
            self.insert(record);
        }
    }

    /// The record `id`, if it is in `domain` (when given).
    pub(crate) fn get(&self, id: u64, domain: Option<&str>) -> Option<&DnsRecord> {
        self.records
            .get(&id)
            .filter(|r| domain.is_none_or(|d| r.domain.eq_ignore_ascii_case(d)))
    }

    /// The record `id`, to change, if it is in `domain` (when given).
    pub(crate) fn get_mut(&mut self, id: u64, domain: Option<&str>) -> Option<&mut DnsRecord> {
        self.records
            .get_mut(&id)
            .filter(|r| domain.is_none_or(|d| r.domain.eq_ignore_ascii_case(d)))
    }

    /// Removes the record `id` of `domain` (when given); whether there was one.
    pub(crate) fn remove(&mut self, id: u64, domain: Option<&str>) -> bool {
        let found = self.get(id, domain).is_some();
        if found {
            self.records.remove(&id);
        }
        found
    }

    /// Removes the records `matches` accepts; how many there were.
    pub(crate) fn remove_where(&mut self, matches: impl Fn(&DnsRecord) -> bool) -> usize {
        let before = self.records.len();
        self.records.retain(|_, r| !matches(r));
        before - self.records.len()
    }

    /// The records of `domain`, oldest first (IDs grow with creation).
    pub(crate) fn of_domain(&self, domain: &str) -> Vec<&DnsRecord> {
        self.records
            .values()
            .filter(|r| r.domain.eq_ignore_ascii_case(domain))
            .collect()
    }

    /// Every record, by ID.
    pub(crate) fn all(&self) -> Vec<DnsRecord> {
        self.records.values().cloned().collect()
    }

    /// The domain's ID, given now if it has none.
    pub(crate) fn domain_id(&mut self, domain: &str) -> u64 {
        let key = domain.to_ascii_lowercase();
        if let Some(id) = self.domain_ids.get(&key) {
            return *id;
        }
        let id = self.next_domain.max(1);
        self.name_domain(domain, id);
        id
    }

    /// Gives `domain` the ID `id`, unless either is taken already (examples disagree).
    pub(crate) fn name_domain(&mut self, domain: &str, id: u64) {
        let key = domain.to_ascii_lowercase();
        if id == 0
            || self.domain_ids.contains_key(&key)
            || self.domain_ids.values().any(|v| *v == id)
        {
            return;
        }
        self.next_domain = self.next_domain.max(id.saturating_add(1));
        self.domain_ids.insert(key, id);
    }

    /// The domain whose ID is `id`.
    pub(crate) fn domain_named(&self, id: u64) -> Option<&str> {
        self.domain_ids
            .iter()
            .find(|(_, v)| **v == id)
            .map(|(name, _)| name.as_str())
    }

    /// The known domain that `name` is in (the longest one it ends with), if any.
    pub(crate) fn zone_of(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.domain_ids
            .keys()
            .filter(|d| name == **d || name.ends_with(&format!(".{d}")))
            .max_by_key(|d| d.len())
            .map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_never_given_twice_and_domains_keep_theirs() {
        let mut store = Store::default();
        let mut seeded = DnsRecord::new("example.com", "www", "A", "192.0.2.1");
        seeded.id = 41;
        store.seed(seeded.clone());
        let fresh = store.insert(DnsRecord::new("example.com", "@", "TXT", "v"));
        assert_eq!(fresh, 42, "above the seeded ID");
        assert!(store.remove(fresh, Some("EXAMPLE.com")));
        assert!(!store.remove(fresh, None), "gone");
        let next = store.insert(DnsRecord::new("example.com", "@", "TXT", "v"));
        assert_eq!(next, 43, "a deleted record's ID is not given again");
        assert!(
            store.get(41, Some("example.net")).is_none(),
            "another domain"
        );
        seeded.value = "192.0.2.2".into();
        store.seed(seeded);
        assert_eq!(
            store.get(41, None).map(|r| r.value.as_str()),
            Some("192.0.2.1")
        );

        store.name_domain("example.org", 62);
        store.name_domain("example.org", 63);
        store.name_domain("other.org", 62);
        assert_eq!(store.domain_id("example.org"), 62, "the first ID stays");
        assert_eq!(store.domain_named(62), Some("example.org"));
        assert_eq!(store.domain_id("new.org"), 63);
        assert_eq!(
            store.zone_of("_acme-challenge.a.example.org"),
            Some("example.org")
        );
        assert_eq!(store.zone_of("example.orgx"), None);
    }
}
