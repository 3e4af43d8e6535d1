//! Alibaba Cloud DNS's record actions. Record IDs are decimal text; a record is named by its
//! ID alone, whatever its domain.
//!
//! `DescribeDomainRecords` searches as documented: with `KeyWord` (`SearchMode` `LIKE`, the
//! default then, or `EXACT`) in hosts and values; otherwise by `RRKeyWord` and
//! `ValueKeyWord` (partly), `TypeKeyWord`, `Type`, `Line` and `Status` (exactly), ignoring
//! ASCII case; newest first unless `Direction` is `ASC`. `DescribeSubDomainRecords` takes a
//! full name (`_acme-challenge.example.com`): without `DomainName`, its domain is the
//! longest one the server keeps records of that ends the name, else its last two labels.
//! Groups and `OrderBy` are not applied.

use serde_json::{Map, Value, json};

use super::record::{DEFAULT_TTL, DnsRecord, DnsService};
use super::service::{Call, Failure, Service};
use super::store::Store;
use super::wire::{contains, first_item, number, put, text, window};
use crate::catalog::Product;
use crate::protocol::Protocol;

pub(super) const SERVICE: Service = Service {
    which: DnsService::Alidns,
    protocol: Protocol::Acs3Rpc,
    product: "alidns",
    default_line: "default",
    seed,
    answer,
};

/// For a record ID the account does not have: the code the three actions naming one
/// record document (DescribeDomainRecordInfo, UpdateDomainRecord, DeleteDomainRecord;
/// HTTP 400), which the service answers for an ID it does not know in the account.
const NO_SUCH_RECORD: &str = "DomainRecordNotBelongToUser";
/// The listings' page size when `PageSize` is not given.
const DEFAULT_PAGE_SIZE: u64 = 20;

fn answer(store: &mut Store, call: &Call<'_>) -> Option<Result<Value, Failure>> {
    Some(match call.action {
        "AddDomainRecord" => Ok(add(store, call)),
        "DescribeDomainRecords" => Ok(domain_records(store, call)),
        "DescribeSubDomainRecords" => Ok(sub_domain_records(store, call)),
        "DescribeDomainRecordInfo" => info(store, call),
        "UpdateDomainRecord" => update(store, call),
        "DeleteDomainRecord" => delete(store, call),
        "DeleteSubDomainRecords" => Ok(delete_host(store, call)),
        _ => return None,
    })
}

/// The record an `AddDomainRecord` request (or an example's listed record) describes.
fn record_of(p: &Map<String, Value>, domain: &str) -> DnsRecord {
    let mut record = DnsRecord::new(
        domain,
        text(p, "RR").unwrap_or("@"),
        text(p, "Type").unwrap_or_default(),
        text(p, "Value").unwrap_or_default(),
    )
    .line(text(p, "Line").unwrap_or(SERVICE.default_line))
    .ttl(number(p, "TTL").unwrap_or(DEFAULT_TTL));
    record.priority = number(p, "Priority").unwrap_or(0);
    record.enabled = text(p, "Status").is_none_or(|s| !s.eq_ignore_ascii_case("disable"));
    text(p, "Remark")
        .unwrap_or_default()
        .clone_into(&mut record.remark);
    record
}

fn add(store: &mut Store, call: &Call<'_>) -> Value {
    let domain = text(call.params, "DomainName").unwrap_or_default();
    let id = store.insert(record_of(call.params, domain));
    let mut answer = call.example.clone();
    put(&mut answer, &["RecordId"], json!(id.to_string()));
    answer
}

/// The `RecordId` of a request (0 when it is not a number: no record has it) and the
/// failure to answer when the account has no such record.
fn named(call: &Call<'_>) -> (u64, Failure) {
    let sent = text(call.params, "RecordId").unwrap_or_default();
    let failure = Failure {
        code: NO_SUCH_RECORD,
        detail: format!(
            "no record `{sent}` was created on this server or added with Server::add_dns_record"
        ),
    };
    (number(call.params, "RecordId").unwrap_or(0), failure)
}

/// The members of a record both the listed items and `DescribeDomainRecordInfo` have.
fn members(r: &DnsRecord) -> [(&'static str, Value); 11] {
    [
        ("RecordId", json!(r.id.to_string())),
        ("DomainName", json!(r.domain)),
        ("RR", json!(r.name)),
        ("Type", json!(r.record_type)),
        ("Value", json!(r.value)),
        ("TTL", json!(r.ttl)),
        ("Priority", json!(r.priority)),
        ("Line", json!(r.line)),
        (
            "Status",
            json!(if r.enabled { "Enable" } else { "Disable" }),
        ),
        ("Locked", json!(false)),
        ("Remark", json!(r.remark)),
    ]
}

fn info(store: &mut Store, call: &Call<'_>) -> Result<Value, Failure> {
    let (id, failure) = named(call);
    let record = store.get(id, None).ok_or(failure)?;
    let mut answer = call.example.clone();
    for (member, value) in members(record) {
        put(&mut answer, &[member], value);
    }
    // ASCII names are their own punycode; others keep the example's.
    if record.domain.is_ascii() {
        put(&mut answer, &["PunyCode"], json!(record.domain));
    }
    Ok(answer)
}

fn update(store: &mut Store, call: &Call<'_>) -> Result<Value, Failure> {
    let (id, failure) = named(call);
    let p = call.params;
    let record = store.get_mut(id, None).ok_or(failure)?;
    let new = record_of(p, &record.domain);
    // Host, type and value are required; the rest changes if given.
    record.name = new.name;
    record.record_type = new.record_type;
    record.value = new.value;
    if p.contains_key("TTL") {
        record.ttl = new.ttl;
    }
    if p.contains_key("Priority") {
        record.priority = new.priority;
    }
    if p.contains_key("Line") {
        record.line = new.line;
    }
    let mut answer = call.example.clone();
    put(&mut answer, &["RecordId"], json!(id.to_string()));
    Ok(answer)
}

fn delete(store: &mut Store, call: &Call<'_>) -> Result<Value, Failure> {
    let (id, failure) = named(call);
    if !store.remove(id, None) {
        return Err(failure);
    }
    let mut answer = call.example.clone();
    put(&mut answer, &["RecordId"], json!(id.to_string()));
    Ok(answer)
}

/// `DeleteSubDomainRecords`: every record of the host (of the type, if given); a host
/// without records deletes nothing and answers a count of 0.
fn delete_host(store: &mut Store, call: &Call<'_>) -> Value {
    let p = call.params;
    let domain = text(p, "DomainName").unwrap_or_default();
    let host = text(p, "RR").unwrap_or_default();
    let kind = text(p, "Type");
    let deleted = store.remove_where(|r| {
        r.domain.eq_ignore_ascii_case(domain)
            && r.name.eq_ignore_ascii_case(host)
            && kind.is_none_or(|t| t.eq_ignore_ascii_case(&r.record_type))
    });
    let mut answer = call.example.clone();
    put(&mut answer, &["RR"], json!(host));
    put(&mut answer, &["TotalCount"], json!(deleted.to_string()));
    answer
}

fn domain_records(store: &mut Store, call: &Call<'_>) -> Value {
    let p = call.params;
    let domain = text(p, "DomainName").unwrap_or_default();
    let keyword = text(p, "KeyWord");
    let mode = text(p, "SearchMode").unwrap_or(if keyword.is_some() { "LIKE" } else { "" });
    let exact =
        |name: &str, value: &str| text(p, name).is_none_or(|t| t.eq_ignore_ascii_case(value));
    let partly = |name: &str, value: &str| text(p, name).is_none_or(|t| contains(value, t));
    let keep = |r: &DnsRecord| match (mode.to_ascii_uppercase().as_str(), keyword) {
        ("LIKE", Some(k)) => contains(&r.name, k) || contains(&r.value, k),
        ("EXACT", Some(k)) => k.eq_ignore_ascii_case(&r.name) || k.eq_ignore_ascii_case(&r.value),
        _ => {
            let status = if r.enabled { "Enable" } else { "Disable" };
            partly("RRKeyWord", &r.name)
                && partly("ValueKeyWord", &r.value)
                && exact("TypeKeyWord", &r.record_type)
                && exact("Type", &r.record_type)
                && exact("Line", &r.line)
                && exact("Status", status)
        }
    };
    let matched: Vec<&DnsRecord> = store
        .of_domain(domain)
        .into_iter()
        .filter(|r| keep(r))
        .collect();
    page(call, matched)
}

fn sub_domain_records(store: &mut Store, call: &Call<'_>) -> Value {
    let p = call.params;
    let full = text(p, "SubDomain")
        .unwrap_or_default()
        .to_ascii_lowercase();
    let domain = match text(p, "DomainName") {
        Some(d) => d.to_ascii_lowercase(),
        None => store
            .zone_of(&full)
            .map_or_else(|| last_two_labels(&full), str::to_owned),
    };
    let host = if full == domain {
        Some("@")
    } else {
        full.strip_suffix(&domain).and_then(|h| h.strip_suffix('.'))
    };
    let matched: Vec<&DnsRecord> = match host {
        Some(host) => store
            .of_domain(&domain)
            .into_iter()
            .filter(|r| r.name.eq_ignore_ascii_case(host))
            .filter(|r| text(p, "Type").is_none_or(|t| t.eq_ignore_ascii_case(&r.record_type)))
            .filter(|r| text(p, "Line").is_none_or(|l| l == r.line))
            .collect(),
        // A name outside the domain has no records in it.
        None => Vec::new(),
    };
    page(call, matched)
}

fn last_two_labels(name: &str) -> String {
    let labels: Vec<&str> = name.rsplitn(3, '.').collect();
    match labels.as_slice() {
        [last, second, ..] => format!("{second}.{last}"),
        _ => name.to_owned(),
    }
}

/// The page a listing asks for, newest first unless `Direction` is `ASC`.
fn page(call: &Call<'_>, mut matched: Vec<&DnsRecord>) -> Value {
    let p = call.params;
    if !text(p, "Direction").is_some_and(|d| d.eq_ignore_ascii_case("ASC")) {
        matched.reverse();
    }
    let number_of_page = number(p, "PageNumber").unwrap_or(1).max(1);
    let size = number(p, "PageSize").unwrap_or(DEFAULT_PAGE_SIZE).max(1);
    let skip = (number_of_page - 1).saturating_mul(size);
    let template = first_item(call.example, &["DomainRecords", "Record"]);
    let items: Vec<Value> = window(&matched, skip, size)
        .iter()
        .map(|r| {
            let mut item = Value::Object(template.clone());
            for (member, value) in members(r) {
                put(&mut item, &[member], value);
            }
            item
        })
        .collect();
    let mut answer = call.example.clone();
    put(
        &mut answer,
        &["DomainRecords", "Record"],
        Value::Array(items),
    );
    put(&mut answer, &["PageNumber"], json!(number_of_page));
    put(&mut answer, &["PageSize"], json!(size));
    put(&mut answer, &["TotalCount"], json!(matched.len()));
    answer
}

/// The records the listing examples answer (Alibaba documents no requests).
fn seed(product: &Product, store: &mut Store) {
    for action in ["DescribeDomainRecords", "DescribeSubDomainRecords"] {
        let Some(example) = product.actions().get(action) else {
            continue;
        };
        let listed = example
            .example_response
            .pointer("/DomainRecords/Record")
            .and_then(Value::as_array);
        for item in listed.into_iter().flatten().filter_map(Value::as_object) {
            let mut record = record_of(item, text(item, "DomainName").unwrap_or_default());
            record.id = number(item, "RecordId").unwrap_or(0);
            store.seed(record);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::last_two_labels;

    #[test]
    fn a_name_without_domain_is_read_in_its_last_two_labels() {
        assert_eq!(
            last_two_labels("_acme-challenge.a.example.com"),
            "example.com"
        );
        assert_eq!(last_two_labels("example.com"), "example.com");
        assert_eq!(last_two_labels("localhost"), "localhost");
    }
}
