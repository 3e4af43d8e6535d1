//! Tencent Cloud DNSPod's record actions. A domain is named by `Domain`, or by `DomainId`
//! when the server knows that ID (it gives one to each domain it keeps records of, and
//! takes those of the examples); an unknown `DomainId` falls back to `Domain`, because the
//! testkit cannot know the IDs the real service gave.
//!
//! `DescribeRecordList` filters by `SubDomain`, `RecordType`, `RecordLine` and `Keyword`
//! (host or value); `DescribeRecordFilterList` by `SubDomain` (partly, or exactly with
//! `IsExactSubDomain`), `RecordType`, `RecordValue`, `RecordStatus` and `Keyword`. Other
//! filters (groups, line IDs, ranges) and sorting are not applied: records are listed
//! oldest first.

use serde_json::{Value, json};

use super::record::{DEFAULT_TTL, DnsRecord, DnsService};
use super::service::{Call, Failure, Service};
use super::store::Store;
use super::wire::{contains, first_item, number, put, text, texts, window};
use crate::catalog::Product;
use crate::protocol::Protocol;

pub(super) const SERVICE: Service = Service {
    which: DnsService::Dnspod,
    protocol: Protocol::Tc3Json,
    product: "dnspod",
    default_line: "默认",
    seed,
    answer,
};

/// For a record ID the domain does not have: DescribeRecord, ModifyRecord, ModifyTXTRecord
/// and DeleteRecord all document it ("The record number is incorrect."), and none of them
/// documents a `ResourceNotFound` code for one record.
const NO_SUCH_RECORD: &str = "InvalidParameter.RecordIdInvalid";
/// For a listing that matches nothing: both listings document it ("Empty record list."),
/// and `DescribeRecordList`'s `ErrorOnEmpty` (default `yes`) says it is answered.
const NO_DATA: &str = "ResourceNotFound.NoDataOfRecord";
/// Both listings' page size when `Limit` is not given.
const DEFAULT_LIMIT: u64 = 100;

fn answer(store: &mut Store, call: &Call<'_>) -> Option<Result<Value, Failure>> {
    Some(match call.action {
        "CreateRecord" => Ok(create(store, call, None)),
        "CreateTXTRecord" => Ok(create(store, call, Some("TXT"))),
        "DescribeRecordList" => {
            let error_on_empty = text(call.params, "ErrorOnEmpty") != Some("no");
            list(store, call, error_on_empty, list_filter)
        }
        "DescribeRecordFilterList" => list(store, call, true, filter_list_filter),
        "DescribeRecord" => describe(store, call),
        "ModifyRecord" => modify(store, call, None),
        "ModifyTXTRecord" => modify(store, call, Some("TXT")),
        "DeleteRecord" => delete(store, call),
        _ => return None,
    })
}

/// The domain a request names.
fn domain(store: &Store, call: &Call<'_>) -> String {
    number(call.params, "DomainId")
        .and_then(|id| store.domain_named(id))
        .or_else(|| text(call.params, "Domain"))
        .unwrap_or_default()
        .to_owned()
}

/// The record a create request describes; `fixed_type` for the actions of one type.
fn record_of(call: &Call<'_>, domain: String, fixed_type: Option<&str>) -> DnsRecord {
    let p = call.params;
    let record_type = fixed_type.or(text(p, "RecordType")).unwrap_or_default();
    let mut record = DnsRecord::new(
        domain,
        text(p, "SubDomain").unwrap_or("@"),
        record_type,
        text(p, "Value").unwrap_or_default(),
    )
    .line(text(p, "RecordLine").unwrap_or_default())
    .ttl(number(p, "TTL").unwrap_or(DEFAULT_TTL));
    record.priority = number(p, "MX").unwrap_or(0);
    record.enabled = text(p, "Status") != Some("DISABLE");
    text(p, "Remark")
        .unwrap_or_default()
        .clone_into(&mut record.remark);
    record
}

fn create(store: &mut Store, call: &Call<'_>, fixed_type: Option<&str>) -> Value {
    let domain = domain(store, call);
    let id = store.insert(record_of(call, domain, fixed_type));
    let mut answer = call.example.clone();
    put(&mut answer, &["RecordId"], json!(id));
    answer
}

/// The `RecordId` of a request and the failure to answer when the domain has no such record.
fn named(store: &Store, call: &Call<'_>) -> (u64, String, Failure) {
    let id = number(call.params, "RecordId").unwrap_or(0);
    let domain = domain(store, call);
    let failure = Failure {
        code: NO_SUCH_RECORD,
        detail: format!(
            "no record {id} in domain `{domain}` was created on this server or added with Server::add_dns_record"
        ),
    };
    (id, domain, failure)
}

fn describe(store: &mut Store, call: &Call<'_>) -> Result<Value, Failure> {
    let (id, domain, failure) = named(store, call);
    let record = store.get(id, Some(&domain)).cloned().ok_or(failure)?;
    let mut answer = call.example.clone();
    let info = [
        ("Id", json!(record.id)),
        ("SubDomain", json!(record.name)),
        ("RecordType", json!(record.record_type)),
        ("RecordLine", json!(record.line)),
        ("Value", json!(record.value)),
        ("MX", json!(record.priority)),
        ("TTL", json!(record.ttl)),
        ("Enabled", json!(u8::from(record.enabled))),
        ("Remark", json!(record.remark)),
        ("DomainId", json!(store.domain_id(&domain))),
    ];
    for (member, value) in info {
        put(&mut answer, &["RecordInfo", member], value);
    }
    if is_default_line(&record.line) {
        put(&mut answer, &["RecordInfo", "RecordLineId"], json!("0"));
    }
    Ok(answer)
}

fn modify(store: &mut Store, call: &Call<'_>, fixed_type: Option<&str>) -> Result<Value, Failure> {
    let (id, domain, failure) = named(store, call);
    let new = record_of(call, domain.clone(), fixed_type);
    let p = call.params;
    let record = store.get_mut(id, Some(&domain)).ok_or(failure)?;
    // Host, type, line and value are required (or default to `@`); the rest changes if given.
    record.name = new.name;
    record.record_type = new.record_type;
    record.line = new.line;
    record.value = new.value;
    if p.contains_key("TTL") {
        record.ttl = new.ttl;
    }
    if p.contains_key("MX") {
        record.priority = new.priority;
    }
    if p.contains_key("Status") {
        record.enabled = new.enabled;
    }
    if p.contains_key("Remark") {
        record.remark = new.remark;
    }
    let mut answer = call.example.clone();
    put(&mut answer, &["RecordId"], json!(id));
    Ok(answer)
}

fn delete(store: &mut Store, call: &Call<'_>) -> Result<Value, Failure> {
    let (id, domain, failure) = named(store, call);
    if store.remove(id, Some(&domain)) {
        Ok(call.example.clone())
    } else {
        Err(failure)
    }
}

fn list_filter(call: &Call<'_>, r: &DnsRecord) -> bool {
    let p = call.params;
    text(p, "SubDomain").is_none_or(|s| s.eq_ignore_ascii_case(&r.name))
        && text(p, "RecordType").is_none_or(|t| t.eq_ignore_ascii_case(&r.record_type))
        && text(p, "RecordLine").is_none_or(|l| l == r.line)
        && text(p, "Keyword").is_none_or(|k| contains(&r.name, k) || contains(&r.value, k))
}

fn filter_list_filter(call: &Call<'_>, r: &DnsRecord) -> bool {
    let p = call.params;
    let exact = p.get("IsExactSubDomain").and_then(Value::as_bool) == Some(true);
    let any = |name: &str, wanted: &str| {
        let list = texts(p, name);
        list.is_empty() || list.iter().any(|t| t.eq_ignore_ascii_case(wanted))
    };
    let status = if r.enabled { "ENABLE" } else { "DISABLE" };
    text(p, "SubDomain")
        .is_none_or(|s| s.eq_ignore_ascii_case(&r.name) || (!exact && contains(&r.name, s)))
        && any("RecordType", &r.record_type)
        && any("RecordStatus", status)
        && text(p, "RecordValue").is_none_or(|v| contains(&r.value, v))
        && text(p, "Keyword").is_none_or(|k| contains(&r.name, k) || contains(&r.value, k))
}

fn list(
    store: &mut Store,
    call: &Call<'_>,
    error_on_empty: bool,
    keep: fn(&Call<'_>, &DnsRecord) -> bool,
) -> Result<Value, Failure> {
    let domain = domain(store, call);
    let matched: Vec<&DnsRecord> = store
        .of_domain(&domain)
        .into_iter()
        .filter(|r| keep(call, r))
        .collect();
    let offset = number(call.params, "Offset").unwrap_or(0);
    let limit = number(call.params, "Limit").unwrap_or(DEFAULT_LIMIT);
    let page = window(&matched, offset, limit);
    if page.is_empty() && error_on_empty {
        return Err(Failure {
            code: NO_DATA,
            detail: format!(
                "no record of domain `{domain}` matches at offset {offset} ({} match in all)",
                matched.len()
            ),
        });
    }
    let mut hosts: Vec<String> = matched
        .iter()
        .map(|r| r.name.to_ascii_lowercase())
        .collect();
    hosts.sort();
    hosts.dedup();
    let template = first_item(call.example, &["RecordList"]);
    let items: Vec<Value> = page.iter().map(|r| item(&template, r)).collect();
    let mut answer = call.example.clone();
    put(
        &mut answer,
        &["RecordCountInfo", "SubdomainCount"],
        json!(hosts.len()),
    );
    put(
        &mut answer,
        &["RecordCountInfo", "ListCount"],
        json!(items.len()),
    );
    put(
        &mut answer,
        &["RecordCountInfo", "TotalCount"],
        json!(matched.len()),
    );
    put(&mut answer, &["RecordList"], Value::Array(items));
    Ok(answer)
}

/// One `RecordListItem`.
fn item(template: &serde_json::Map<String, Value>, r: &DnsRecord) -> Value {
    let mut item = Value::Object(template.clone());
    let members = [
        ("RecordId", json!(r.id)),
        ("Value", json!(r.value)),
        (
            "Status",
            json!(if r.enabled { "ENABLE" } else { "DISABLE" }),
        ),
        ("Name", json!(r.name)),
        ("Line", json!(r.line)),
        ("Type", json!(r.record_type)),
        ("TTL", json!(r.ttl)),
        ("MX", json!(r.priority)),
        ("Remark", json!(r.remark)),
        // Only the NS records the service makes for a new domain are; it makes none here.
        ("DefaultNS", json!(false)),
    ];
    for (member, value) in members {
        put(&mut item, &[member], value);
    }
    if is_default_line(&r.line) {
        put(&mut item, &["LineId"], json!("0"));
    }
    item
}

/// The default line, by its Chinese or English name; its ID is `0`.
fn is_default_line(line: &str) -> bool {
    line == "默认" || line.eq_ignore_ascii_case("default")
}

/// The records the examples name: those the create and modify examples send (with the ID
/// answered or named) and those the listing examples answer, in the domain they ask for.
fn seed(product: &Product, store: &mut Store) {
    let actions = product.actions();
    let sent = [
        ("CreateRecord", None),
        ("CreateTXTRecord", Some("TXT")),
        ("ModifyRecord", None),
        ("ModifyTXTRecord", Some("TXT")),
    ];
    for (action, fixed_type) in sent {
        let Some(example) = actions.get(action) else {
            continue;
        };
        let Some(params) = example.example_request.as_object() else {
            continue;
        };
        name_domain(store, params);
        let call = Call {
            action,
            params,
            example: &example.example_response,
        };
        let mut record = record_of(&call, domain(store, &call), fixed_type);
        // A modify example names its record; a create example's answer does.
        let answered = example
            .example_response
            .get("RecordId")
            .and_then(Value::as_u64);
        record.id = number(params, "RecordId").or(answered).unwrap_or(0);
        store.seed(record);
    }
    for action in ["DescribeRecordList", "DescribeRecordFilterList"] {
        let Some(example) = actions.get(action) else {
            continue;
        };
        let Some(params) = example.example_request.as_object() else {
            continue;
        };
        name_domain(store, params);
        let items = example
            .example_response
            .get("RecordList")
            .and_then(Value::as_array);
        for listed in items.into_iter().flatten().filter_map(Value::as_object) {
            let call = Call {
                action,
                params,
                example: &example.example_response,
            };
            let mut record = DnsRecord::new(
                domain(store, &call),
                text(listed, "Name").unwrap_or("@"),
                text(listed, "Type").unwrap_or_default(),
                text(listed, "Value").unwrap_or_default(),
            )
            .line(text(listed, "Line").unwrap_or_default())
            .ttl(number(listed, "TTL").unwrap_or(DEFAULT_TTL));
            record.id = number(listed, "RecordId").unwrap_or(0);
            record.priority = number(listed, "MX").unwrap_or(0);
            record.enabled = text(listed, "Status") != Some("DISABLE");
            text(listed, "Remark")
                .unwrap_or_default()
                .clone_into(&mut record.remark);
            store.seed(record);
        }
    }
}

/// Takes the `DomainId` an example gives its `Domain`.
fn name_domain(store: &mut Store, params: &serde_json::Map<String, Value>) {
    if let (Some(domain), Some(id)) = (text(params, "Domain"), number(params, "DomainId")) {
        store.name_domain(domain, id);
    }
}
