//! Raw spec tree (already validated) → model.
//!
//! Naming can still fail in theory; such a failure becomes a diagnostic
//! rather than a panic, so a validator gap shows up as a clear message.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;

use super::defs::*;
use super::naming::{
    self, FALLBACK_VARIANTS, RESERVED_CLIENT_METHODS, RESERVED_METHODS, RESERVED_MODULES,
    RESERVED_TYPES,
};
use crate::error::{Diagnostics, SpecError};
use crate::load::raw::{
    ActionFile, EndpointKind, EnumValueSpec, FieldSpec, PagingSpec, ShapeFile, ShapeKind,
    ValueSetSpec, WaitValue,
};
use crate::load::type_expr::{Scalar, TypeExpr};
use crate::load::{Loaded, ProductSpec, SpecTree, VendorSpec};

/// Builds the model of a validated tree.
pub fn build(tree: &SpecTree) -> Result<Model, Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let mut vendors: Vec<VendorDef> = tree
        .vendors
        .iter()
        .map(|v| build_vendor(v, &mut diagnostics))
        .collect();
    vendors.sort_by(|a, b| a.module.cmp(&b.module));
    diagnostics.into_result(Model { vendors })
}

/// Turns a naming failure into a diagnostic and carries on with a placeholder
/// name; the diagnostic guarantees nothing is written.
struct Namer<'a> {
    file: &'a Path,
    diagnostics: &'a mut Diagnostics,
}

impl Namer<'_> {
    fn take(&mut self, path: &str, result: Result<String, String>) -> String {
        result.unwrap_or_else(|e| {
            self.diagnostics.push(SpecError::new(self.file, path, e));
            "invalid_name".to_string()
        })
    }
}

fn build_vendor(spec: &VendorSpec, diagnostics: &mut Diagnostics) -> VendorDef {
    let file = &spec.vendor;
    let common_errors = error_codes(
        &file.value.common_errors,
        &mut Namer {
            file: &file.file,
            diagnostics,
        },
    );
    // Products are built independently, so in parallel.
    let common: Vec<&str> = file
        .value
        .common_errors
        .iter()
        .map(|e| e.code.as_str())
        .collect();
    let built = crate::parallel::map(&spec.products, |p| {
        let mut local = Diagnostics::default();
        (build_product(&spec.dir_name, p, &common, &mut local), local)
    });
    let mut products = Vec::with_capacity(built.len());
    for (product, local) in built {
        diagnostics.errors.extend(local.errors);
        products.push(product);
    }
    products.sort_by(|a, b| a.module.cmp(&b.module));
    VendorDef {
        module: naming::snake(&spec.dir_name).unwrap_or_else(|_| spec.dir_name.clone()),
        title: file.value.title.clone(),
        description: file.value.description.clone(),
        spec_file: file.file.clone(),
        common_errors,
        endpoint_rule: file.value.endpoint_rule.as_ref().map(|rule| EndpointRule {
            domain: rule.domain.clone(),
            regional: rule.regional.clone(),
        }),
        common_protocol: file.value.common_protocol,
        products,
    }
}

/// A product; of its published error codes, those the vendor lists as
/// common to every product stay in the vendor's `CommonErrorCode`, so that a
/// code always parses into one variant.
fn build_product(
    vendor: &str,
    spec: &ProductSpec,
    common: &[&str],
    diagnostics: &mut Diagnostics,
) -> Product {
    let service = &spec.service.value;
    let shape_kinds: BTreeMap<&str, (ShapeKind, Option<Scalar>)> = spec
        .shapes
        .iter()
        .map(|s| {
            let scalar = match &s.value.enum_type {
                Some(TypeExpr::Scalar(scalar)) => Some(*scalar),
                _ => None,
            };
            (s.value.name.as_str(), (s.value.kind, scalar))
        })
        .collect();
    let resolver = Resolver {
        shapes: &shape_kinds,
    };
    let mut shapes: Vec<Shape> = spec
        .shapes
        .iter()
        .map(|s| build_shape(s, &resolver, diagnostics))
        .collect();
    let members: BTreeMap<&str, &[Field]> = shapes
        .iter()
        .filter_map(|s| match &s.def {
            ShapeDef::Object(object) => Some((object.name.as_str(), object.fields.as_slice())),
            ShapeDef::Enum(_) => None,
        })
        .collect();
    let mut actions: Vec<Action> = spec
        .actions
        .iter()
        .map(|a| build_action(a, &resolver, &members, diagnostics))
        .collect();
    link_tasks(&mut actions, spec);
    mark_usage(&mut shapes, &actions);
    shapes.sort_by(|a, b| a.ident().cmp(b.ident()));
    let mut endpoints: Vec<Endpoint> = service
        .endpoints
        .iter()
        .map(|e| Endpoint {
            host: e.host.clone(),
            kind: e.kind,
            region: e.region.clone(),
        })
        .collect();
    endpoints.sort_by_key(|e| e.kind != EndpointKind::Default);
    let own: Vec<_> = service
        .errors
        .iter()
        .filter(|e| !common.contains(&e.code.as_str()))
        .cloned()
        .collect();
    let errors = error_codes(
        &own,
        &mut Namer {
            file: &spec.service.file,
            diagnostics,
        },
    );
    Product {
        vendor: vendor.to_string(),
        name: service.product.clone(),
        module: naming::snake(&spec.dir_name).unwrap_or_else(|_| spec.dir_name.clone()),
        title: service.title.clone(),
        description: service.description.clone(),
        version: service.version.clone(),
        protocol: service.protocol,
        endpoints,
        errors,
        regional: service.regional,
        spec_file: spec.service.file.clone(),
        spec_dir: spec.dir.clone(),
        actions,
        shapes,
    }
}

/// Resolves `ref`s against the product's shapes.
struct Resolver<'a> {
    shapes: &'a BTreeMap<&'a str, (ShapeKind, Option<Scalar>)>,
}

impl Resolver<'_> {
    fn ty(&self, expr: &TypeExpr, value_set: Option<&str>) -> Ty {
        match expr {
            TypeExpr::Array(inner) => Ty::Array(Box::new(self.ty(inner, value_set))),
            // The validate stage allows no value set here.
            TypeExpr::Json => Ty::Json,
            TypeExpr::Scalar(scalar) => match value_set {
                Some(ident) => Ty::Enum {
                    ident: ident.to_string(),
                    repr: repr(*scalar),
                    shared: false,
                },
                None => Ty::Scalar(*scalar),
            },
            TypeExpr::Ref(name) => {
                let ident =
                    naming::pascal_avoiding(name, RESERVED_TYPES, "Shape").unwrap_or_default();
                match self.shapes.get(name.as_str()) {
                    Some((ShapeKind::Enum, scalar)) => Ty::Enum {
                        ident,
                        repr: repr(scalar.unwrap_or(Scalar::String)),
                        shared: true,
                    },
                    _ => Ty::Object(ident),
                }
            }
        }
    }
}

fn repr(scalar: Scalar) -> EnumRepr {
    if scalar.is_integer() {
        EnumRepr::Integer
    } else {
        EnumRepr::String
    }
}

fn build_shape(
    spec: &Loaded<ShapeFile>,
    resolver: &Resolver,
    diagnostics: &mut Diagnostics,
) -> Shape {
    let value = &spec.value;
    let mut namer = Namer {
        file: &spec.file,
        diagnostics,
    };
    let ident = namer.take(
        "$.name",
        naming::pascal_avoiding(&value.name, RESERVED_TYPES, "Shape"),
    );
    let def = match value.kind {
        ShapeKind::Object => {
            let raw_fields = value.fields.as_deref().unwrap_or_default();
            ShapeDef::Object(ObjectShape {
                ident,
                name: value.name.clone(),
                description: value.description.clone(),
                fields: fields(raw_fields, resolver, &mut namer, "$.fields"),
            })
        }
        ShapeKind::Enum => {
            let scalar = match &value.enum_type {
                Some(TypeExpr::Scalar(s)) => *s,
                _ => Scalar::String,
            };
            let values = value.values.as_deref().unwrap_or_default();
            ShapeDef::Enum(EnumDef {
                ident,
                description: value.description.clone(),
                repr: repr(scalar),
                variants: variants(values, &mut namer, "$.values"),
            })
        }
    };
    Shape {
        spec_file: spec.file.clone(),
        def,
        in_input: false,
        in_output: false,
    }
}

fn build_action(
    spec: &Loaded<ActionFile>,
    resolver: &Resolver,
    members: &BTreeMap<&str, &[Field]>,
    diagnostics: &mut Diagnostics,
) -> Action {
    let value = &spec.value;
    let mut namer = Namer {
        file: &spec.file,
        diagnostics,
    };
    let pascal = namer.take("$.name", naming::pascal(&value.name));
    let types = naming::action_types(&pascal);
    let method = namer.take(
        "$.name",
        naming::snake_avoiding(&value.name, RESERVED_CLIENT_METHODS),
    );
    let input = fields(&value.input, resolver, &mut namer, "$.input");
    let output = fields(&value.output, resolver, &mut namer, "$.output");
    let mut enums = Vec::new();
    for (side, list) in [("$.input", &value.input), ("$.output", &value.output)] {
        for (i, field) in list.iter().enumerate() {
            if let Some(set) = &field.value_set {
                enums.push(inline_enum(
                    field,
                    set,
                    &mut namer,
                    &format!("{side}[{i}].enum"),
                ));
            }
        }
    }
    let waiter = value.waiter.as_ref().map(|w| {
        // `Status`, or `List.Member`: the validate stage checked that it exists.
        let (list, polled) = match w.until.field.split_once('.') {
            None => (None, output.iter().find(|f| f.wire_name == w.until.field)),
            Some((list, member)) => {
                // The items' shape, by its spec name, as `members` holds them.
                let shape =
                    value
                        .output
                        .iter()
                        .find(|f| f.name == list)
                        .and_then(|f| match &f.ty {
                            TypeExpr::Array(item) => match item.as_ref() {
                                TypeExpr::Ref(shape) => Some(shape.as_str()),
                                _ => None,
                            },
                            _ => None,
                        });
                let field = shape
                    .and_then(|shape| members.get(shape))
                    .and_then(|fields| fields.iter().find(|f| f.wire_name == member));
                (output.iter().find(|f| f.wire_name == list), field)
            }
        };
        let until = namer.take("$.waiter.name", naming::snake(&w.name));
        Waiter {
            method: naming::derived_method(&method, &format!("until_{until}")),
            state: until,
            description: w.description.clone(),
            field_wire_name: w.until.field.clone(),
            list: list.map(|f| WaitList {
                wire_name: f.wire_name.clone(),
                ident: f.ident.clone(),
                optional: f.is_optional(),
            }),
            field: polled.map(|f| f.ident.clone()).unwrap_or_default(),
            field_optional: polled.is_some_and(Field::is_optional),
            field_enum: polled.is_some_and(|f| matches!(f.ty, Ty::Enum { .. })),
            field_text: polled.is_some_and(|f| match &f.ty {
                Ty::Scalar(s) => s.is_text(),
                Ty::Enum { repr, .. } => *repr == EnumRepr::String,
                _ => false,
            }),
            fail_on: w.fail_on.clone(),
            condition: match (w.until.greater_than, &w.until.equals) {
                (Some(n), _) => Condition::GreaterThan(n),
                (None, value) => Condition::Equals(value.clone().unwrap_or(WaitValue::Integer(0))),
            },
            initial_delay_ms: w.initial_delay_ms,
            max_delay_ms: w.max_delay_ms,
            timeout_secs: w.timeout_secs,
        }
    });
    let paging = value
        .paging
        .as_ref()
        .and_then(|p| build_paging(p, &method, &input, &output, members, &value.output));
    Action {
        name: value.name.clone(),
        spec_file: spec.file.clone(),
        module: namer.take(
            "$.name",
            naming::snake_avoiding(&value.name, RESERVED_MODULES),
        ),
        method,
        request: types.request,
        response: types.response,
        error: types.error,
        summary: value.summary.clone(),
        description: value.description.clone(),
        rate_limit_per_second: value.rate_limit_per_second,
        idempotent: value.idempotent,
        idempotency_note: value.idempotency_note.clone(),
        input,
        output,
        errors: error_codes(&value.errors, &mut namer),
        enums,
        waiter,
        task: None,
        paging,
        deprecated: value.deprecated,
        http: value.http.clone(),
    }
}

/// Gives each action whose spec declares a `task` the waiter of the action
/// that reports it. An action left out of `actions` (the command-line tool
/// models one action at a time) leaves the task unlinked.
fn link_tasks(actions: &mut [Action], spec: &ProductSpec) {
    let mut links = Vec::new();
    for (i, file) in spec.actions.iter().enumerate() {
        let Some(task) = &file.value.task else {
            continue;
        };
        let Some(starter) = actions.iter().find(|a| a.name == file.value.name) else {
            continue;
        };
        let Some(reporter) = actions.iter().find(|a| a.name == task.reported_by) else {
            continue;
        };
        let Some(waiter) = &reporter.waiter else {
            continue;
        };
        // `RequestId`, which every answer has, is no documented output.
        let from = |wire: &str| match starter.output.iter().find(|f| f.wire_name == wire) {
            Some(field) => (field.ident.clone(), field.is_optional()),
            None => ("request_id".to_string(), false),
        };
        let mut inputs: Vec<TaskInput> = task
            .input
            .iter()
            .filter_map(|input| {
                let field = reporter.input.iter().find(|f| f.wire_name == input.name)?;
                let carrier = match (&input.filter, &field.ty) {
                    (Some(name), Ty::Array(item)) => match &**item {
                        Ty::Object(shape) => TaskCarrier::Filter {
                            shape: shape.clone(),
                            name: name.clone(),
                        },
                        _ => return None,
                    },
                    (None, Ty::Array(_)) => TaskCarrier::List,
                    _ => TaskCarrier::Text,
                };
                let (from, from_optional) = from(&input.from);
                Some(TaskInput {
                    wire_name: field.wire_name.clone(),
                    ident: field.ident.clone(),
                    required: !field.is_optional(),
                    from_wire_name: input.from.clone(),
                    from,
                    from_optional,
                    carrier,
                })
            })
            .collect();
        // `new` takes the required inputs in the order the request declares them.
        let order = |wire: &str| reporter.input.iter().position(|f| f.wire_name == wire);
        inputs.sort_by_key(|input| (!input.required, order(&input.wire_name)));
        links.push((
            i,
            TaskWaiter {
                method: naming::derived_method(&starter.method, &format!("until_{}", waiter.state)),
                reported_by: reporter.name.clone(),
                reporter_module: reporter.module.clone(),
                reporter_method: reporter.method.clone(),
                reporter_waiter: waiter.clone(),
                request: reporter.request.clone(),
                response: reporter.response.clone(),
                error: reporter.error.clone(),
                inputs,
            },
        ));
    }
    for (i, task) in links {
        if let Some(action) = actions
            .iter_mut()
            .find(|a| a.name == spec.actions[i].value.name)
        {
            action.task = Some(task);
        }
    }
}

/// The validate stage checked that every named field exists with a fitting
/// type, so a missing one only happens on a tree that failed validation.
fn build_paging(
    spec: &PagingSpec,
    method: &str,
    input: &[Field],
    output: &[Field],
    members: &BTreeMap<&str, &[Field]>,
    output_specs: &[FieldSpec],
) -> Option<Paging> {
    let find = |fields: &[Field], name: Option<&String>| {
        fields.iter().find(|f| Some(&f.wire_name) == name).cloned()
    };
    // `A.B`: member `B` of the structure `A` of the answer.
    let reach = |path: &str| -> Option<Reached> {
        match path.split_once('.') {
            None => Some(Reached {
                within: None,
                field: output.iter().find(|f| f.wire_name == path)?.clone(),
            }),
            Some((outer, member)) => {
                let within = output.iter().find(|f| f.wire_name == outer)?;
                let shape = match &output_specs.iter().find(|f| f.name == outer)?.ty {
                    TypeExpr::Ref(shape) => shape.as_str(),
                    _ => return None,
                };
                let field = members.get(shape)?.iter().find(|f| f.wire_name == member)?;
                Some(Reached {
                    within: Some(within.clone()),
                    field: field.clone(),
                })
            }
        }
    };
    let items = reach(&spec.items)?;
    let cursor = match (&spec.offset, &spec.page) {
        (Some(_), _) => PageCursor::Offset(find(input, spec.offset.as_ref())?),
        (None, Some(_)) => PageCursor::Page(find(input, spec.page.as_ref())?),
        (None, None) => PageCursor::Token {
            token: Box::new(find(input, spec.token.as_ref())?),
            next: Box::new(find(output, spec.next_token.as_ref())?),
        },
    };
    let [pages_method, items_method] =
        naming::PAGING_SUFFIXES.map(|s| naming::derived_method(method, s));
    Some(Paging {
        pages_method,
        items_method,
        cursor,
        page_size: find(input, spec.page_size.as_ref()),
        items,
        total: match &spec.total {
            Some(path) => Some(reach(path)?),
            None => None,
        },
    })
}

fn inline_enum(field: &FieldSpec, set: &ValueSetSpec, namer: &mut Namer, path: &str) -> EnumDef {
    let scalar = match field.ty.element() {
        TypeExpr::Scalar(s) => *s,
        _ => Scalar::String,
    };
    EnumDef {
        ident: namer.take(
            &format!("{path}.name"),
            naming::pascal_avoiding(&set.name, RESERVED_TYPES, "Shape"),
        ),
        description: set
            .description
            .clone()
            .unwrap_or_else(|| field.description.clone()),
        repr: repr(scalar),
        variants: variants(&set.values, namer, &format!("{path}.values")),
    }
}

fn variants(values: &[EnumValueSpec], namer: &mut Namer, path: &str) -> Vec<Variant> {
    values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let value = match &v.value {
                Value::Number(n) => EnumValue::Integer(n.as_i64().unwrap_or_default()),
                Value::String(s) => EnumValue::String(s.clone()),
                other => EnumValue::String(other.to_string()),
            };
            let source = match (&v.name, &value) {
                (Some(name), _) => name.clone(),
                (None, EnumValue::String(s)) => s.clone(),
                (None, EnumValue::Integer(n)) => n.to_string(),
            };
            Variant {
                ident: namer.take(
                    &format!("{path}[{i}]"),
                    naming::pascal_avoiding(&source, FALLBACK_VARIANTS, "Value"),
                ),
                value,
                description: v.description.clone(),
            }
        })
        .collect()
}

fn fields(specs: &[FieldSpec], resolver: &Resolver, namer: &mut Namer, path: &str) -> Vec<Field> {
    specs
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let enum_ident = f
                .value_set
                .as_ref()
                .and_then(|set| naming::pascal_avoiding(&set.name, RESERVED_TYPES, "Shape").ok());
            Field {
                wire_name: f.name.clone(),
                ident: namer.take(
                    &format!("{path}[{i}].name"),
                    naming::snake_avoiding(&f.name, RESERVED_METHODS),
                ),
                ty: resolver.ty(&f.ty, enum_ident.as_deref()),
                required: f.required,
                nullable: f.nullable,
                sensitive: f.sensitive,
                idempotency_token: f.idempotency_token,
                description: f.description.clone(),
                example: f.example.as_ref().map(Value::to_string),
                default: f.default.as_ref().map(Value::to_string),
                constraints: f.constraints.clone(),
                deprecated: f.deprecated,
                hidden: f.hidden,
                json_text: f.encoding == Some(crate::load::raw::Encoding::Json),
                location: f.location,
            }
        })
        .collect()
}

fn error_codes(specs: &[crate::load::raw::ErrorCodeSpec], namer: &mut Namer) -> Vec<ErrorCode> {
    specs
        .iter()
        .enumerate()
        .map(|(i, e)| ErrorCode {
            code: e.code.clone(),
            variant: namer.take(
                &format!("$.errors[{i}].code"),
                naming::error_variant(&e.code),
            ),
            template: naming::is_code_template(&e.code),
            description: e.description.clone(),
            http_status: e.http_status,
        })
        .collect()
}

/// Marks which shapes are reachable from inputs and outputs, so each gets
/// only the serde impls it needs (compile time grows with every derive). A
/// shape no action reaches is still emitted, as a response type would be, so
/// what it holds must decode too.
fn mark_usage(shapes: &mut [Shape], actions: &[Action]) {
    for output in [false, true] {
        let roots = actions
            .iter()
            .flat_map(|a| if output { &a.output } else { &a.input })
            .filter_map(|f| object_ident(&f.ty))
            .collect();
        propagate(shapes, roots, output);
    }
    let unreached = shapes
        .iter()
        .filter(|s| !s.in_input && !s.in_output)
        .map(|s| s.ident().to_string())
        .collect();
    propagate(shapes, unreached, true);
}

/// Marks `roots` and every shape they hold as used in inputs or outputs.
fn propagate(shapes: &mut [Shape], roots: Vec<String>, output: bool) {
    let index: BTreeMap<String, usize> = shapes
        .iter()
        .enumerate()
        .map(|(i, s)| (s.ident().to_string(), i))
        .collect();
    let mut pending = roots;
    let mut seen = BTreeSet::new();
    while let Some(ident) = pending.pop() {
        let Some(&i) = index.get(&ident) else {
            continue;
        };
        if !seen.insert(ident) {
            continue;
        }
        let shape = &mut shapes[i];
        if output {
            shape.in_output = true
        } else {
            shape.in_input = true
        }
        if let ShapeDef::Object(object) = &shape.def {
            pending.extend(object.fields.iter().filter_map(|f| object_ident(&f.ty)));
        }
    }
}

fn object_ident(ty: &Ty) -> Option<String> {
    match ty.element() {
        Ty::Object(ident)
        | Ty::Enum {
            ident,
            shared: true,
            ..
        } => Some(ident.clone()),
        _ => None,
    }
}
