//! The parts of the project's spec the server needs, read with `serde_json::Value` (not with
//! the project's generator, so that a generator bug cannot hide here too).

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::Path;

use serde_json::Value;

/// One input parameter of an action.
#[derive(Clone, Debug)]
pub(crate) struct Input {
    pub(crate) name: String,
    pub(crate) required: bool,
}

/// One action: its inputs, whether repeating it is harmless, and the canned success answer.
#[derive(Clone, Debug)]
pub(crate) struct Action {
    pub(crate) idempotent: bool,
    pub(crate) inputs: Vec<Input>,
    pub(crate) example_response: Value,
}

/// One product (service) of a vendor at one API version.
#[derive(Clone, Debug)]
pub(crate) struct Product {
    pub(crate) product: String,
    pub(crate) version: String,
    pub(crate) actions: BTreeMap<String, Action>,
}

/// The products of both vendors, told apart by their signing protocol.
#[derive(Clone, Debug, Default)]
pub(crate) struct Spec {
    pub(crate) tencent: Vec<Product>,
    pub(crate) alibaba: Vec<Product>,
}

impl Spec {
    /// The Tencent product whose name is `service` (the TC3 scope service).
    pub(crate) fn tencent_product(&self, service: &str) -> Option<&Product> {
        self.tencent.iter().find(|p| p.product == service)
    }

    /// Any Tencent action named `action`, preferring the product `service`; used to classify
    /// requests (idempotency) even when authentication fails.
    pub(crate) fn tencent_action(&self, service: Option<&str>, action: &str) -> Option<&Action> {
        service
            .and_then(|s| self.tencent_product(s))
            .and_then(|p| p.actions.get(action))
            .or_else(|| self.tencent.iter().find_map(|p| p.actions.get(action)))
    }

    /// The Alibaba product that has `action` at `version`, else any that has `action`, else
    /// any at `version`; used for error `Recommend` links and classification.
    pub(crate) fn alibaba_guess(&self, version: &str, action: &str) -> Option<&Product> {
        let has = |p: &&Product| p.actions.contains_key(action);
        self.alibaba
            .iter()
            .find(|p| p.version == version && has(p))
            .or_else(|| self.alibaba.iter().find(has))
            .or_else(|| self.alibaba.iter().find(|p| p.version == version))
    }
}

fn invalid(path: &Path, what: impl std::fmt::Display) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("{}: {what}", path.display()),
    )
}

fn read_json(path: &Path) -> io::Result<Value> {
    let text = fs::read(path)?;
    serde_json::from_slice(&text).map_err(|e| invalid(path, e))
}

fn str_field<'a>(v: &'a Value, field: &str, path: &Path) -> io::Result<&'a str> {
    v.get(field)
        .and_then(Value::as_str)
        .ok_or_else(|| invalid(path, format!("missing string field `{field}`")))
}

/// Subdirectories of `dir`, sorted so that loading order (and so lookups) is deterministic.
fn sorted_dirs(dir: &Path) -> io::Result<Vec<std::path::PathBuf>> {
    let mut dirs = Vec::new();
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            dirs.push(path);
        }
    }
    dirs.sort();
    Ok(dirs)
}

fn load_action(path: &Path) -> io::Result<(String, Action)> {
    let v = read_json(path)?;
    let name = str_field(&v, "name", path)?.to_owned();
    let inputs = match v.get("input") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| {
                Ok(Input {
                    name: str_field(item, "name", path)?.to_owned(),
                    required: item.get("required").and_then(Value::as_bool) == Some(true),
                })
            })
            .collect::<io::Result<_>>()?,
        Some(_) => return Err(invalid(path, "`input` is not an array")),
    };
    let example_response = v
        .get("example")
        .and_then(|e| e.get("response"))
        .cloned()
        .ok_or_else(|| invalid(path, "missing `example.response`"))?;
    let action = Action {
        // Unknown idempotency is treated as "not idempotent": the safe assumption for retries.
        idempotent: v.get("idempotent").and_then(Value::as_bool) == Some(true),
        inputs,
        example_response,
    };
    Ok((name, action))
}

fn load_product(dir: &Path) -> io::Result<Option<(String, Product)>> {
    let service_path = dir.join("service.json");
    if !service_path.is_file() {
        return Ok(None);
    }
    let service = read_json(&service_path)?;
    let protocol = str_field(&service, "protocol", &service_path)?.to_owned();
    let mut actions = BTreeMap::new();
    let actions_dir = dir.join("actions");
    if actions_dir.is_dir() {
        let mut files: Vec<_> = fs::read_dir(&actions_dir)?
            .map(|e| e.map(|e| e.path()))
            .collect::<io::Result<_>>()?;
        files.sort();
        for file in files
            .iter()
            .filter(|f| f.extension() == Some("json".as_ref()))
        {
            let (name, action) = load_action(file)?;
            actions.insert(name, action);
        }
    }
    let product = Product {
        product: str_field(&service, "product", &service_path)?.to_owned(),
        version: str_field(&service, "version", &service_path)?.to_owned(),
        actions,
    };
    Ok(Some((protocol, product)))
}

/// Loads every `<vendor>/<product>/service.json` (with its `actions/*.json`) under `dir`.
pub(crate) fn load(dir: &Path) -> io::Result<Spec> {
    let mut spec = Spec::default();
    for vendor_dir in sorted_dirs(dir)? {
        for product_dir in sorted_dirs(&vendor_dir)? {
            match load_product(&product_dir)? {
                Some((protocol, product)) if protocol == "tc3-hmac-sha256" => {
                    spec.tencent.push(product);
                }
                Some((protocol, product)) if protocol == "acs3-hmac-sha256-rpc" => {
                    spec.alibaba.push(product);
                }
                Some((protocol, product)) => {
                    // A protocol this server does not imitate (e.g. a future ROA product)
                    // must not stop the others from being served.
                    tracing::warn!(%protocol, product = %product.product, "skipping product");
                }
                None => {}
            }
        }
    }
    Ok(spec)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_the_project_spec() {
        let spec = load(&crate::spec_dir()).expect("spec loads");
        let ssl = spec.tencent_product("ssl").expect("tencent ssl");
        assert_eq!(ssl.version, "2019-12-05");
        let create = &ssl.actions["CreateCertificate"];
        assert!(!create.idempotent);
        assert!(
            create
                .inputs
                .iter()
                .any(|i| i.name == "ProductId" && i.required)
        );
        let cas = spec
            .alibaba_guess("2020-04-07", "CreateCertificateWithCsrRequest")
            .expect("alibaba cas");
        assert_eq!(cas.product, "cas");
        let response = &cas.actions["CreateCertificateWithCsrRequest"].example_response;
        assert_eq!(response["OrderId"].as_u64(), Some(98987582437920968));
    }

    #[test]
    fn missing_dir_is_an_error() {
        assert!(load(Path::new("/nonexistent/spec")).is_err());
    }
}
