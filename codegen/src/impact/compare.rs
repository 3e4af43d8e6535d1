//! The walk over two models: products, actions and types are matched by
//! the names users see, then every difference gets exactly one rule.

use std::collections::BTreeMap;

use super::report::{Change, Item, Report};
use super::rule::Rule;
use crate::model::{
    Action, Condition, Constraints, EnumDef, ErrorCode, Field, Model, PageCursor, Paging, Product,
    Protocol, Shape, ShapeDef, TaskCarrier, TaskWaiter, Ty, Waiter,
};

/// Every change from `old` to `new`, classified.
pub fn compare(old: &Model, new: &Model) -> Report {
    let mut out = Collector::default();
    let pairs = pair(&old.vendors, &new.vendors, |v| v.module.clone());
    for (old_vendor, new_vendor) in pairs {
        let scope = new_vendor
            .or(old_vendor)
            .map_or(String::new(), |v| v.module.clone());
        common_client(
            &mut out.at(&scope, Item::Whole),
            old_vendor.and_then(|v| v.common_protocol),
            new_vendor.and_then(|v| v.common_protocol),
        );
        match (old_vendor, new_vendor) {
            (Some(old), Some(new)) => {
                let mut at = out.at(&old.module, Item::Whole);
                at.errors("common code", &old.common_errors, &new.common_errors);
                if old.endpoint_rule != new.endpoint_rule {
                    at.push(Rule::BehaviourChanged, "host naming rule changed".into());
                }
                let products = pair(&old.products, &new.products, |p| p.module.clone());
                for (old_product, new_product) in products {
                    product(&mut out, &old.module, old_product, new_product);
                }
            }
            (old, new) => {
                // A whole vendor comes or goes: one change per product.
                for (vendor, rule) in [(old, Rule::ProductRemoved), (new, Rule::ProductAdded)] {
                    for p in vendor.iter().flat_map(|v| &v.products) {
                        let scope = format!("{}/{}", p.vendor, p.module);
                        out.at(&scope, Item::Whole).push(rule, "product".into());
                    }
                }
            }
        }
    }
    out.finish()
}

/// A vendor's `CommonClient`, which comes and goes with its `common_protocol`.
fn common_client(at: &mut At<'_>, old: Option<Protocol>, new: Option<Protocol>) {
    match (old, new) {
        (None, Some(_)) => at.push(Rule::CommonClientAdded, "CommonClient".into()),
        (Some(_), None) => at.push(Rule::CommonClientChanged, "CommonClient removed".into()),
        (Some(old), Some(new)) if old != new => at.push(
            Rule::CommonClientChanged,
            "CommonClient speaks another protocol".into(),
        ),
        _ => {}
    }
}

fn product(out: &mut Collector, vendor: &str, old: Option<&Product>, new: Option<&Product>) {
    let (old, new) = match (old, new) {
        (Some(old), Some(new)) => (old, new),
        (old, new) => {
            let (p, rule) = match (old, new) {
                (Some(p), _) => (p, Rule::ProductRemoved),
                (_, Some(p)) => (p, Rule::ProductAdded),
                _ => return,
            };
            let scope = format!("{vendor}/{}", p.module);
            let detail = format!("{} ({} actions)", p.title, p.actions.len());
            out.at(&scope, Item::Whole).push(rule, detail);
            return;
        }
    };
    let scope = format!("{vendor}/{}", new.module);
    let mut at = out.at(&scope, Item::Whole);
    at.renamed(
        Rule::ProductWireChanged,
        "API version",
        &old.version,
        &new.version,
    );
    at.renamed(
        Rule::ProductWireChanged,
        "name on the wire",
        &old.name,
        &new.name,
    );
    if old.protocol != new.protocol {
        at.push(
            Rule::ProductWireChanged,
            format!("protocol {:?} → {:?}", old.protocol, new.protocol),
        );
    }
    if old.endpoints != new.endpoints {
        at.push(Rule::BehaviourChanged, "hosts changed".into());
    }
    if old.regional != new.regional {
        let now = if new.regional {
            "now regional: requests carry the region"
        } else {
            "now global: requests carry no region"
        };
        at.push(Rule::BehaviourChanged, now.into());
    }
    at.doc("title", &old.title, &new.title);
    at.doc("description", &old.description, &new.description);
    at.errors("product code", &old.errors, &new.errors);

    for (old_action, new_action) in pair(&old.actions, &new.actions, |a| a.name.clone()) {
        match (old_action, new_action) {
            (Some(o), Some(n)) => action(&mut out.at(&scope, Item::Action(n.name.clone())), o, n),
            (Some(o), None) => out
                .at(&scope, Item::Action(o.name.clone()))
                .push(Rule::ActionRemoved, format!("`{}` removed", o.method)),
            (None, Some(n)) => out
                .at(&scope, Item::Action(n.name.clone()))
                .push(Rule::ActionAdded, format!("new method `{}`", n.method)),
            (None, None) => {}
        }
    }
    // A shape keeps its file when an overlay renames it, so files pair them.
    let shapes = pair(&old.shapes, &new.shapes, |s| s.spec_file.clone());
    for (old_shape, new_shape) in shapes {
        match (old_shape, new_shape) {
            (Some(o), Some(n)) => shape(out, &scope, o, n),
            (Some(o), None) => out
                .at(&scope, Item::Type(o.ident().to_string()))
                .push(Rule::TypeRemoved, "removed".into()),
            (None, Some(n)) => out
                .at(&scope, Item::Type(n.ident().to_string()))
                .push(Rule::TypeAdded, "new".into()),
            (None, None) => {}
        }
    }
}

fn action(at: &mut At, old: &Action, new: &Action) {
    // Method and type names derive from the wire name, so an action that
    // keeps its name keeps them.
    at.doc("summary", &old.summary, &new.summary);
    at.doc("description", &old.description, &new.description);
    at.doc(
        "retry-safety note",
        &old.idempotency_note,
        &new.idempotency_note,
    );
    if old.idempotent != new.idempotent {
        let now = if new.idempotent {
            "now idempotent: retried after any transient failure"
        } else {
            "no longer idempotent: never sent twice once it may have reached the server"
        };
        at.push(Rule::BehaviourChanged, now.into());
    }
    if old.rate_limit_per_second != new.rate_limit_per_second {
        let limit = |l: Option<u32>| l.map_or("none".to_string(), |l| format!("{l}/s"));
        at.push(
            Rule::BehaviourChanged,
            format!(
                "rate limit {} → {}",
                limit(old.rate_limit_per_second),
                limit(new.rate_limit_per_second)
            ),
        );
    }
    at.deprecation("action", old.deprecated, new.deprecated);
    if old.http != new.http {
        let show = |h: &Option<crate::model::HttpSpec>| {
            h.as_ref().map_or("none".to_string(), |h| {
                format!("{} {}", h.method.as_str(), h.path)
            })
        };
        at.push(
            Rule::HttpBindingChanged,
            format!("sent as `{}` → `{}`", show(&old.http), show(&new.http)),
        );
    }
    let input = Role {
        list: "input",
        in_request: true,
    };
    let output = Role {
        list: "output",
        in_request: false,
    };
    at.fields(input, &old.input, &new.input);
    at.fields(output, &old.output, &new.output);
    at.errors("error code", &old.errors, &new.errors);
    for (o, n) in pair(&old.enums, &new.enums, |e| e.ident.clone()) {
        match (o, n) {
            (Some(o), Some(n)) => at.enum_values(o, n),
            (Some(o), None) => at.push(Rule::TypeRemoved, format!("enum `{}` removed", o.ident)),
            (None, Some(n)) => at.push(Rule::TypeAdded, format!("new enum `{}`", n.ident)),
            (None, None) => {}
        }
    }
    waiter(at, old.waiter.as_ref(), new.waiter.as_ref());
    task(at, old.task.as_ref(), new.task.as_ref());
    paging(at, old.paging.as_ref(), new.paging.as_ref());
}

/// A task waiter's method comes or goes; a change of the request it makes
/// (another reporting action, other inputs) changes what it waits for.
fn task(at: &mut At, old: Option<&TaskWaiter>, new: Option<&TaskWaiter>) {
    let inputs = |t: &TaskWaiter| -> Vec<(String, String)> {
        t.inputs
            .iter()
            .map(|i| {
                let name = match &i.carrier {
                    TaskCarrier::Filter { name, .. } => format!("{}[{name}]", i.wire_name),
                    _ => i.wire_name.clone(),
                };
                (name, i.from_wire_name.clone())
            })
            .collect()
    };
    match (old, new) {
        (Some(o), Some(n)) if o.method == n.method => {
            if o.reported_by != n.reported_by || inputs(o) != inputs(n) {
                at.push(
                    Rule::WaiterChanged,
                    format!(
                        "`{}` waits with `{}` on {:?} (was `{}` on {:?})",
                        n.method,
                        n.reported_by,
                        inputs(n),
                        o.reported_by,
                        inputs(o)
                    ),
                );
            }
        }
        (o, n) => {
            if let Some(o) = o {
                at.push(Rule::WaiterRemoved, format!("`{}` removed", o.method));
            }
            if let Some(n) = n {
                at.push(Rule::WaiterAdded, format!("new `{}`", n.method));
            }
        }
    }
}

fn paging(at: &mut At, old: Option<&Paging>, new: Option<&Paging>) {
    match (old, new) {
        (Some(o), Some(n)) => {
            let (o, n) = (paging_fields(o), paging_fields(n));
            if o != n {
                at.push(
                    Rule::PagingChanged,
                    format!("pages by {} (was {})", n.join(", "), o.join(", ")),
                );
            }
        }
        (Some(o), None) => at.push(
            Rule::PagingRemoved,
            format!("`{}` and `{}` removed", o.pages_method, o.items_method),
        ),
        (None, Some(n)) => at.push(
            Rule::PagingAdded,
            format!("new `{}` and `{}`", n.pages_method, n.items_method),
        ),
        (None, None) => {}
    }
}

/// The fields a listing pages by, as `role Field`.
fn paging_fields(paging: &Paging) -> Vec<String> {
    let mut fields = match &paging.cursor {
        PageCursor::Offset(f) => vec![format!("offset {}", f.wire_name)],
        PageCursor::Page(f) => vec![format!("page {}", f.wire_name)],
        PageCursor::Token { token, next } => vec![
            format!("token {}", token.wire_name),
            format!("next token {}", next.wire_name),
        ],
    };
    if let Some(size) = &paging.page_size {
        fields.push(format!("page size {}", size.wire_name));
    }
    let reached = [
        ("items", Some(&paging.items)),
        ("total", paging.total.as_ref()),
    ];
    for (role, reached) in reached {
        if let Some(reached) = reached {
            fields.push(format!("{role} {}", reached.path()));
        }
    }
    fields
}

/// A waiter's condition as the change report writes it: `== 2`, `> 0`.
fn condition(condition: &Condition) -> String {
    match condition {
        Condition::GreaterThan(n) => format!("> {n}"),
        Condition::Equals(value) => format!("== {value}"),
    }
}

fn waiter(at: &mut At, old: Option<&Waiter>, new: Option<&Waiter>) {
    match (old, new) {
        (Some(o), Some(n)) if o.method == n.method => {
            if o.field_wire_name != n.field_wire_name
                || o.condition != n.condition
                || o.fail_on != n.fail_on
            {
                let states = |w: &Waiter| {
                    let values: Vec<String> = w.fail_on.iter().map(ToString::to_string).collect();
                    format!("[{}]", values.join(", "))
                };
                at.push(
                    Rule::WaiterChanged,
                    format!(
                        "`{}` waits until {} {} (was {} {}), fails on {} (was {})",
                        n.method,
                        n.field_wire_name,
                        condition(&n.condition),
                        o.field_wire_name,
                        condition(&o.condition),
                        states(n),
                        states(o)
                    ),
                );
            }
            let timing = |w: &Waiter| (w.initial_delay_ms, w.max_delay_ms, w.timeout_secs);
            if timing(o) != timing(n) {
                at.push(
                    Rule::BehaviourChanged,
                    format!("`{}` polls with other delays or deadline", n.method),
                );
            }
            at.doc("waiter description", &o.description, &n.description);
        }
        (o, n) => {
            if let Some(o) = o {
                at.push(Rule::WaiterRemoved, format!("`{}` removed", o.method));
            }
            if let Some(n) = n {
                at.push(Rule::WaiterAdded, format!("new `{}`", n.method));
            }
        }
    }
}

fn shape(out: &mut Collector, scope: &str, old: &Shape, new: &Shape) {
    let mut at = out.at(scope, Item::Type(new.ident().to_string()));
    let kind = |s: &Shape| match s.def {
        ShapeDef::Object(_) => "a struct",
        ShapeDef::Enum(_) => "an enum",
    };
    if kind(old) != kind(new) {
        at.push(
            Rule::TypeChanged,
            format!("was {}, now {}", kind(old), kind(new)),
        );
        return;
    }
    match (&old.def, &new.def) {
        (ShapeDef::Object(o), ShapeDef::Object(n)) => {
            at.doc("description", &o.description, &n.description);
            // Members are requests' fields where the type is in a request.
            let role = Role {
                list: "member",
                in_request: new.in_input,
            };
            at.fields(role, &o.fields, &n.fields);
        }
        (ShapeDef::Enum(o), ShapeDef::Enum(n)) => at.enum_values(o, n),
        _ => {}
    }
}

/// Which list a field is in, and so which rules apply to it.
#[derive(Clone, Copy)]
struct Role {
    list: &'static str,
    in_request: bool,
}

/// Collects changes; documentation changes of one item are merged into one.
#[derive(Default)]
struct Collector {
    changes: Vec<Change>,
    docs: BTreeMap<(String, Item), Vec<String>>,
}

impl Collector {
    fn at(&mut self, scope: &str, item: Item) -> At<'_> {
        At {
            out: self,
            scope: scope.to_string(),
            item,
        }
    }

    fn finish(mut self) -> Report {
        for ((scope, item), what) in self.docs {
            self.changes.push(Change {
                scope,
                item,
                rule: Rule::Documentation,
                detail: what.join("; "),
            });
        }
        self.changes.sort();
        self.changes.dedup();
        Report {
            changes: self.changes,
        }
    }
}

/// The collector, positioned at one item.
struct At<'a> {
    out: &'a mut Collector,
    scope: String,
    item: Item,
}

impl At<'_> {
    fn push(&mut self, rule: Rule, detail: String) {
        self.out.changes.push(Change {
            scope: self.scope.clone(),
            item: self.item.clone(),
            rule,
            detail,
        });
    }

    fn doc<T: PartialEq>(&mut self, what: &str, old: &T, new: &T) {
        if old != new {
            self.out
                .docs
                .entry((self.scope.clone(), self.item.clone()))
                .or_default()
                .push(what.to_string());
        }
    }

    fn renamed(&mut self, rule: Rule, what: &str, old: &str, new: &str) {
        if old != new {
            self.push(rule, format!("{what} `{old}` → `{new}`"));
        }
    }

    fn deprecation(&mut self, what: &str, old: bool, new: bool) {
        if old != new {
            let now = if new {
                "deprecated"
            } else {
                "no longer deprecated"
            };
            self.push(Rule::BehaviourChanged, format!("{what} {now}"));
        }
    }

    fn fields(&mut self, role: Role, old: &[Field], new: &[Field]) {
        let list = role.list;
        let mut removed = Vec::new();
        let mut added = Vec::new();
        for (o, n) in pair(old, new, |f| f.wire_name.clone()) {
            match (o, n) {
                (Some(o), Some(n)) => self.field(role, o, n),
                (Some(o), None) => removed.push(o),
                (None, Some(n)) => added.push(n),
                (None, None) => {}
            }
        }
        // A field removed and another of the same type added at the same
        // place is a rename on the wire.
        let position =
            |fields: &[Field], f: &Field| fields.iter().position(|x| x.wire_name == f.wire_name);
        added.retain(|n| {
            let renamed_from = removed
                .iter()
                .position(|o| position(old, o) == position(new, n) && same_type(&o.ty, &n.ty));
            match renamed_from {
                Some(i) => {
                    let o = removed.remove(i);
                    self.push(
                        Rule::FieldRenamed,
                        format!("{list} `{}` → `{}`", o.wire_name, n.wire_name),
                    );
                    false
                }
                None => true,
            }
        });
        for o in removed {
            self.push(
                Rule::FieldRemoved,
                format!("{list} `{}` removed", o.wire_name),
            );
        }
        for n in added {
            let rule = match (role.in_request, n.is_optional()) {
                (true, false) => Rule::RequiredInputAdded,
                (true, true) => Rule::OptionalInputAdded,
                (false, _) => Rule::OutputAdded,
            };
            let required = if n.is_optional() {
                "optional"
            } else {
                "required"
            };
            self.push(rule, format!("{list} `{}` added ({required})", n.wire_name));
        }
    }

    fn field(&mut self, role: Role, old: &Field, new: &Field) {
        let list = role.list;
        let name = &new.wire_name;
        // The Rust name derives from the wire name, so it is the same too.
        if !same_type(&old.ty, &new.ty) {
            self.push(
                Rule::FieldRetyped,
                format!(
                    "{list} `{name}`: type {} → {}",
                    type_text(&old.ty),
                    type_text(&new.ty)
                ),
            );
        }
        if old.is_optional() != new.is_optional() {
            let rule = match (role.in_request, new.is_optional()) {
                (true, true) => Rule::InputMadeOptional,
                (true, false) => Rule::InputMadeRequired,
                (false, true) => Rule::OutputMadeNullable,
                (false, false) => Rule::OutputMadeRequired,
            };
            let now = if new.is_optional() {
                "now optional"
            } else {
                "now required"
            };
            self.push(rule, format!("{list} `{name}`: {now}"));
        }
        if old.idempotency_token != new.idempotency_token {
            let now = if new.idempotency_token {
                "now filled with a fresh token when left unset"
            } else {
                "no longer filled with a token when left unset"
            };
            self.push(Rule::BehaviourChanged, format!("{list} `{name}`: {now}"));
        }
        if old.location != new.location {
            let place = |l: Option<crate::model::Location>| match l {
                None => "body".to_string(),
                Some(l) => format!("{l:?}").to_lowercase(),
            };
            self.push(
                Rule::HttpBindingChanged,
                format!(
                    "{list} `{name}`: travels in the {} → the {}",
                    place(old.location),
                    place(new.location)
                ),
            );
        }
        if old.json_text != new.json_text {
            let now = if new.json_text {
                "now sent as one parameter holding its JSON text"
            } else {
                "now sent in the protocol's nested form"
            };
            self.push(Rule::BehaviourChanged, format!("{list} `{name}`: {now}"));
        }
        if old.sensitive != new.sensitive {
            let now = if new.sensitive {
                "now secret: a `Sensitive` value, redacted in Debug"
            } else {
                "no longer secret: a plain value, shown in Debug"
            };
            self.push(Rule::SecrecyChanged, format!("{list} `{name}`: {now}"));
        }
        self.deprecation(&format!("{list} `{name}`"), old.deprecated, new.deprecated);
        if old.hidden != new.hidden {
            // `#[doc(hidden)]` changes what the index shows, not what compiles.
            let now = if new.hidden { "left out of" } else { "back in" };
            let what = format!("{list} `{name}` {now} the documentation index");
            self.doc(&what, &old.hidden, &new.hidden);
        }
        if role.in_request {
            self.limits(
                &format!("{list} `{name}`"),
                &old.constraints,
                &new.constraints,
            );
        } else {
            self.doc(
                &format!("{list} `{name}` limits"),
                &old.constraints,
                &new.constraints,
            );
        }
        self.doc(
            &format!("{list} `{name}` description"),
            &old.description,
            &new.description,
        );
        self.doc(
            &format!("{list} `{name}` example"),
            &old.example,
            &new.example,
        );
        self.doc(
            &format!("{list} `{name}` default"),
            &old.default,
            &new.default,
        );
    }

    fn limits(&mut self, what: &str, old: &Constraints, new: &Constraints) {
        // (name, old, new, whether a larger value is tighter)
        let bounds = [
            (
                "minimum length",
                old.min_length.map(i128::from),
                new.min_length.map(i128::from),
                true,
            ),
            (
                "maximum length",
                old.max_length.map(i128::from),
                new.max_length.map(i128::from),
                false,
            ),
            (
                "minimum items",
                old.min_items.map(i128::from),
                new.min_items.map(i128::from),
                true,
            ),
            (
                "maximum items",
                old.max_items.map(i128::from),
                new.max_items.map(i128::from),
                false,
            ),
            (
                "minimum",
                old.minimum.map(i128::from),
                new.minimum.map(i128::from),
                true,
            ),
            (
                "maximum",
                old.maximum.map(i128::from),
                new.maximum.map(i128::from),
                false,
            ),
        ];
        for (name, o, n, larger_is_tighter) in bounds {
            let tighter = match (o, n) {
                (None, Some(_)) => true,
                (Some(_), None) => false,
                (Some(o), Some(n)) if o != n => (n > o) == larger_is_tighter,
                _ => continue,
            };
            let show = |v: Option<i128>| v.map_or("none".to_string(), |v| v.to_string());
            let rule = if tighter {
                Rule::LimitTightened
            } else {
                Rule::LimitLoosened
            };
            self.push(rule, format!("{what}: {name} {} → {}", show(o), show(n)));
        }
        for (name, o, n) in [
            (
                "forbidden prefix",
                &old.forbidden_prefixes,
                &new.forbidden_prefixes,
            ),
            (
                "forbidden text",
                &old.forbidden_substrings,
                &new.forbidden_substrings,
            ),
        ] {
            for added in n.iter().filter(|v| !o.contains(v)) {
                self.push(
                    Rule::LimitTightened,
                    format!("{what}: new {name} `{added}`"),
                );
            }
            for gone in o.iter().filter(|v| !n.contains(v)) {
                self.push(
                    Rule::LimitLoosened,
                    format!("{what}: {name} `{gone}` allowed"),
                );
            }
        }
    }

    fn errors(&mut self, what: &str, old: &[ErrorCode], new: &[ErrorCode]) {
        for (o, n) in pair(old, new, |e| e.code.clone()) {
            match (o, n) {
                // The variant derives from the code, so it is the same too.
                (Some(o), Some(n)) => {
                    self.doc(
                        &format!("{what} `{}` description", n.code),
                        &o.description,
                        &n.description,
                    );
                    self.doc(
                        &format!("{what} `{}` HTTP status", n.code),
                        &o.http_status,
                        &n.http_status,
                    );
                }
                (Some(o), None) => self.push(
                    Rule::ErrorCodeRemoved,
                    format!("{what} `{}` removed", o.code),
                ),
                (None, Some(n)) => {
                    self.push(Rule::ErrorCodeAdded, format!("{what} `{}` added", n.code))
                }
                (None, None) => {}
            }
        }
    }

    fn enum_values(&mut self, old: &EnumDef, new: &EnumDef) {
        let name = &new.ident;
        if old.repr != new.repr {
            self.push(
                Rule::FieldRetyped,
                format!("enum `{name}`: wire form {:?} → {:?}", old.repr, new.repr),
            );
            return;
        }
        self.doc(
            &format!("enum `{name}` description"),
            &old.description,
            &new.description,
        );
        let mut removed = Vec::new();
        let mut added = Vec::new();
        for (o, n) in pair(&old.variants, &new.variants, |v| format!("{:?}", v.value)) {
            match (o, n) {
                (Some(o), Some(n)) => {
                    if o.ident != n.ident {
                        self.push(
                            Rule::EnumValueChanged,
                            format!(
                                "enum `{name}`: value {} variant `{}` → `{}`",
                                value_text(&n.value),
                                o.ident,
                                n.ident
                            ),
                        );
                    }
                    self.doc(
                        &format!("enum `{name}` value {} description", value_text(&n.value)),
                        &o.description,
                        &n.description,
                    );
                }
                (Some(o), None) => removed.push(o),
                (None, Some(n)) => added.push(n),
                (None, None) => {}
            }
        }
        // A variant that keeps its name but sends another value.
        added.retain(|n| match removed.iter().position(|o| o.ident == n.ident) {
            Some(i) => {
                let o = removed.remove(i);
                self.push(
                    Rule::EnumValueChanged,
                    format!(
                        "enum `{name}`: variant `{}` value {} → {}",
                        n.ident,
                        value_text(&o.value),
                        value_text(&n.value)
                    ),
                );
                false
            }
            None => true,
        });
        for o in removed {
            self.push(
                Rule::EnumValueRemoved,
                format!(
                    "enum `{name}`: value {} (`{}`) removed",
                    value_text(&o.value),
                    o.ident
                ),
            );
        }
        for n in added {
            self.push(
                Rule::EnumValueAdded,
                format!(
                    "enum `{name}`: value {} (`{}`) added",
                    value_text(&n.value),
                    n.ident
                ),
            );
        }
    }
}

/// Pairs the items of two lists by `key`, in the order of the keys.
fn pair<'a, T, K: Ord>(
    old: &'a [T],
    new: &'a [T],
    key: impl Fn(&T) -> K,
) -> Vec<(Option<&'a T>, Option<&'a T>)> {
    let mut pairs: BTreeMap<K, (Option<&T>, Option<&T>)> = BTreeMap::new();
    for item in old {
        pairs.entry(key(item)).or_default().0 = Some(item);
    }
    for item in new {
        pairs.entry(key(item)).or_default().1 = Some(item);
    }
    pairs.into_values().collect()
}

/// Type equality as users see it; an enum's wire form is reported on the
/// enum itself, not on every field that uses it.
fn same_type(old: &Ty, new: &Ty) -> bool {
    match (old, new) {
        (Ty::Array(o), Ty::Array(n)) => same_type(o, n),
        (
            Ty::Enum {
                ident: o,
                shared: os,
                ..
            },
            Ty::Enum {
                ident: n,
                shared: ns,
                ..
            },
        ) => o == n && os == ns,
        // The same shared type, turned from a struct into an enum or back:
        // reported once, on the type.
        (
            Ty::Object(o),
            Ty::Enum {
                ident: n,
                shared: true,
                ..
            },
        )
        | (
            Ty::Enum {
                ident: o,
                shared: true,
                ..
            },
            Ty::Object(n),
        ) => o == n,
        (o, n) => o == n,
    }
}

fn type_text(ty: &Ty) -> String {
    match ty {
        Ty::Scalar(scalar) => scalar.name().to_string(),
        Ty::Json => "json (any JSON value)".to_string(),
        Ty::Array(inner) => format!("array of {}", type_text(inner)),
        Ty::Object(name) => format!("`types::{name}`"),
        Ty::Enum {
            ident,
            shared: true,
            ..
        } => format!("`types::{ident}`"),
        Ty::Enum { ident, .. } => format!("`{ident}`"),
    }
}

fn value_text(value: &crate::model::EnumValue) -> String {
    match value {
        crate::model::EnumValue::String(s) => format!("\"{s}\""),
        crate::model::EnumValue::Integer(i) => i.to_string(),
    }
}
