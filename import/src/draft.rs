//! Drafts: fields and actions as an importer builds them, before the names
//! of the shapes they refer to are final, and before it is known where a
//! shared shape is used (which decides whether its members are required).
//! [`FieldDraft::in_action`] and [`FieldDraft::in_shape`] are the one way a
//! draft becomes a spec field.

use std::collections::BTreeSet;

use serde_json::Value;

use codegen::load::raw::{
    ActionFile, Constraints, EnumValueSpec, ErrorCodeSpec, FieldSpec, HttpSpec, ShapeFile,
    ShapeKind,
};
use codegen::load::type_expr::{Scalar, TypeExpr};

/// `$schema` of the files in `actions/` and `types/`.
const ACTION_SCHEMA: &str = "../../../schema/action.schema.json";
const SHAPE_SCHEMA: &str = "../../../schema/shape.schema.json";

/// Which list a field belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    /// Request parameters.
    Input,
    /// Response fields (`RequestId` is implied).
    Output,
    /// Members of a shared shape.
    Member,
}

/// Where a shared shape is used.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Usage {
    /// Some request contains it.
    pub in_requests: bool,
    /// Some response contains it.
    pub in_responses: bool,
}

/// The final name of a shape or value set a draft refers to; `None` keeps the name.
pub(crate) type Rename<'a> = &'a dyn Fn(&str) -> Option<String>;

/// A field as the vendor documents it.
#[derive(Debug, Clone)]
pub(crate) struct FieldDraft {
    /// The field as written, except for `required` and `nullable` (set where
    /// it is written) and for the names in `type` and `enum` (see [`Rename`]).
    pub spec: FieldSpec,
    /// Requests must contain it.
    pub required_in_requests: bool,
    /// Responses always contain it.
    pub required_in_responses: bool,
    /// Responses may send `null` for it.
    pub nullable_in_responses: bool,
    /// The description in the vendor's other language, when its metadata
    /// has one (it may list values the first leaves out).
    pub other_description: Option<String>,
}

impl FieldDraft {
    /// A draft of the field `name` of type `ty`, with nothing else known yet.
    pub(crate) fn new(name: &str, ty: TypeExpr) -> Self {
        FieldDraft {
            spec: FieldSpec {
                name: name.to_string(),
                ty,
                required: false,
                description: String::new(),
                nullable: false,
                sensitive: false,
                idempotency_token: false,
                deprecated: false,
                hidden: false,
                encoding: None,
                location: None,
                example: None,
                default: None,
                value_set: None,
                constraints: Constraints::default(),
            },
            required_in_requests: false,
            required_in_responses: false,
            nullable_in_responses: false,
            other_description: None,
        }
    }

    /// Whether the field, in a request, is the token the server deduplicates
    /// on: the vendors' name for it (`ClientToken`), optional, plain text.
    pub(crate) fn is_idempotency_token(&self) -> bool {
        self.spec.name == "ClientToken"
            && !self.required_in_requests
            && !self.spec.sensitive
            && self.spec.ty == TypeExpr::Scalar(Scalar::String)
    }

    /// The field as written in an action's `input` or `output` list.
    pub(crate) fn in_action(&self, side: Side, rename: Rename) -> FieldSpec {
        match side {
            Side::Output => self.written(
                self.required_in_responses,
                self.nullable_in_responses,
                rename,
            ),
            _ => {
                let mut spec = self.written(self.required_in_requests, false, rename);
                spec.idempotency_token = self.is_idempotency_token();
                spec
            }
        }
    }

    /// The field as written in a shape used as `usage` says.
    ///
    /// On both sides a field is required only if requests must send it *and*
    /// responses always contain it: a missing "required" field would make a
    /// whole response fail to parse, while an optional input the server needs
    /// only earns a server error the caller can read.
    pub(crate) fn in_shape(&self, usage: Usage, rename: Rename) -> FieldSpec {
        let required = match (usage.in_requests, usage.in_responses) {
            (true, true) => self.required_in_requests && self.required_in_responses,
            (true, false) => self.required_in_requests,
            _ => self.required_in_responses,
        };
        let nullable = usage.in_responses && self.nullable_in_responses;
        self.written(required, nullable, rename)
    }

    fn written(&self, required: bool, nullable: bool, rename: Rename) -> FieldSpec {
        let mut spec = self.spec.clone();
        spec.required = required;
        spec.nullable = nullable;
        rename_ref(&mut spec.ty, rename);
        if let Some(set) = &mut spec.value_set
            && let Some(name) = rename(&set.name)
        {
            set.name = name;
        }
        spec
    }

    /// The shapes and value sets this field refers to.
    pub(crate) fn references(&self) -> impl Iterator<Item = &str> {
        let shape = match self.spec.ty.element() {
            TypeExpr::Ref(name) => Some(name.as_str()),
            _ => None,
        };
        let value_set = self.spec.value_set.as_ref().map(|set| set.name.as_str());
        shape.into_iter().chain(value_set)
    }

    /// Marks a text field whose name, description or example says it holds
    /// a secret (see [`is_secret`]).
    pub(crate) fn mark_if_secret(&mut self) {
        let text = *self.spec.ty.element() == TypeExpr::Scalar(Scalar::String);
        let example = self.spec.example.as_ref().and_then(Value::as_str);
        self.spec.sensitive = text
            && self.spec.value_set.is_none()
            && is_secret(&self.spec.name, &self.spec.description, example);
    }
}

fn rename_ref(ty: &mut TypeExpr, rename: Rename) {
    match ty {
        TypeExpr::Array(inner) => rename_ref(inner, rename),
        TypeExpr::Ref(name) => {
            if let Some(to) = rename(name) {
                *name = to;
            }
        }
        TypeExpr::Scalar(_) | TypeExpr::Json => {}
    }
}

/// Whether a text field holds a secret, by its name, description or
/// example: its value is then redacted in `Debug` output, errors and logs.
/// Neither vendor's format says so, so the rule is:
///
/// - the name contains `PrivateKey`, `Password`, `Passwd`, `Passphrase`,
///   `SecretKey`, `SessionToken` or `SecurityToken`, or ends in `KeyPass`,
///   `Secret` or `SSLPri` (any case): private keys, key passwords (`KeyPass`,
///   `RenewKeyPass`, `KeyPassword`), secret keys and temporary tokens, and the
///   private key of Alibaba's CDN and DCDN certificate settings;
/// - or the description starts with "the private key" (or the Chinese for
///   it, 私钥, as Alibaba's CDN writes);
/// - or the example is a PEM private key (`-----BEGIN RSA PRIVATE KEY-----`):
///   CLB's `CertKey` says only "key of the uploaded server certificate".
///
/// Names that only mention keys (`TagKey`, `DvAuthKey`, `SecretId`,
/// `NextToken`) are not secrets; a false positive only hides a value.
pub(crate) fn is_secret(name: &str, description: &str, example: Option<&str>) -> bool {
    let name = name.to_ascii_lowercase();
    [
        "privatekey",
        "password",
        "passwd",
        "passphrase",
        "secretkey",
        "sessiontoken",
        "securitytoken",
    ]
    .iter()
    .any(|word| name.contains(word))
        || name.ends_with("keypass")
        || name.ends_with("secret")
        || name.ends_with("sslpri")
        || description
            .to_ascii_lowercase()
            .starts_with("the private key")
        || description.starts_with("私钥")
        || example.is_some_and(|text| text.contains("PRIVATE KEY"))
}

/// The shapes and value sets reachable from `roots`, through the fields of
/// the shapes `fields_of` knows.
pub(crate) fn reachable<'a>(
    roots: impl IntoIterator<Item = &'a FieldDraft>,
    fields_of: impl Fn(&str) -> Option<&'a [FieldDraft]>,
) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut pending: Vec<&str> = roots.into_iter().flat_map(FieldDraft::references).collect();
    while let Some(name) = pending.pop() {
        if seen.insert(name.to_string())
            && let Some(fields) = fields_of(name)
        {
            pending.extend(fields.iter().flat_map(FieldDraft::references));
        }
    }
    seen
}

/// An action as the vendor documents it.
#[derive(Debug, Clone)]
pub(crate) struct ActionDraft {
    /// Wire name.
    pub name: String,
    /// One sentence.
    pub summary: String,
    /// The rest of the vendor's text, if any.
    pub description: Option<String>,
    /// Deprecated by the vendor.
    pub deprecated: bool,
    /// Whether retrying is safe, as the importer judges it.
    pub idempotent: bool,
    /// How the importer judged it.
    pub idempotency_note: String,
    /// Request parameters.
    pub input: Vec<FieldDraft>,
    /// Response fields.
    pub output: Vec<FieldDraft>,
    /// Documented error codes.
    pub errors: Vec<ErrorCodeSpec>,
    /// REST protocols: the method and path.
    pub http: Option<HttpSpec>,
}

impl ActionDraft {
    /// The action file (vendor metadata has no waiters, examples or rate limits).
    pub(crate) fn written(&self, rename: Rename) -> ActionFile {
        let fields =
            |list: &[FieldDraft], side| list.iter().map(|f| f.in_action(side, rename)).collect();
        ActionFile {
            schema: ACTION_SCHEMA.into(),
            name: self.name.clone(),
            summary: self.summary.clone(),
            description: self.description.clone(),
            deprecated: self.deprecated,
            rate_limit_per_second: None,
            idempotent: self.idempotent,
            idempotency_note: Some(self.idempotency_note.clone()),
            input: fields(&self.input, Side::Input),
            output: fields(&self.output, Side::Output),
            errors: self.errors.clone(),
            http: self.http.clone(),
            waiter: None,
            task: None,
            paging: None,
            examples: Vec::new(),
        }
    }
}

/// `types/<name>.json` of a structure.
pub(crate) fn object_shape(name: String, description: String, fields: Vec<FieldSpec>) -> ShapeFile {
    ShapeFile {
        fields: Some(fields),
        ..shape(name, ShapeKind::Object, description)
    }
}

/// `types/<name>.json` of a value set.
pub(crate) fn enum_shape(
    name: String,
    description: String,
    scalar: Scalar,
    values: Vec<EnumValueSpec>,
) -> ShapeFile {
    ShapeFile {
        enum_type: Some(TypeExpr::Scalar(scalar)),
        values: Some(values),
        ..shape(name, ShapeKind::Enum, description)
    }
}

fn shape(name: String, kind: ShapeKind, description: String) -> ShapeFile {
    ShapeFile {
        schema: SHAPE_SCHEMA.into(),
        name,
        kind,
        description,
        fields: None,
        enum_type: None,
        values: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keep(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn spots_secrets() {
        assert!(is_secret("SignPrivateKey", "", None));
        assert!(is_secret(
            "Key",
            "The private key of the certificate.",
            None
        ));
        assert!(is_secret("AdminPassword", "", None));
        assert!(is_secret("ClientSecret", "", None));
        assert!(is_secret("SSLPri", "", None));
        assert!(is_secret("Pri", "私钥内容，不启用证书则无需输入。", None));
        let pem = "-----BEGIN RSA PRIVATE KEY----- certkey -----END RSA PRIVATE KEY-----";
        assert!(is_secret(
            "CertKey",
            "Key of the uploaded server certificate.",
            Some(pem)
        ));
        assert!(!is_secret(
            "CertContent",
            "Content of the uploaded server certificate.",
            Some("-----BEGIN CERTIFICATE----- certcontent -----END CERTIFICATE-----")
        ));
        for name in [
            "KeyPass",
            "RenewKeyPass",
            "CertificatePrivateKey",
            "KeyPassword",
            "CsrkeyPassword",
            "EncryptPrivateKey",
        ] {
            assert!(is_secret(name, "", None), "{name}");
        }
        for name in [
            "SecretId",
            "TagKey",
            "DvAuthKey",
            "NextToken",
            "SecretName",
            "PriceKey",
        ] {
            assert!(!is_secret(name, "The thing.", None), "{name}");
        }
    }

    #[test]
    fn a_shape_member_is_required_only_where_every_side_agrees() {
        let mut draft = FieldDraft::new("Size", TypeExpr::Ref("Spec".into()));
        draft.required_in_requests = true;
        draft.nullable_in_responses = true;
        let both = Usage {
            in_requests: true,
            in_responses: true,
        };
        let field = draft.in_shape(both, &keep);
        assert_eq!((field.required, field.nullable), (false, true));
        let requests = Usage {
            in_requests: true,
            in_responses: false,
        };
        let field = draft.in_shape(requests, &|name| Some(format!("{name}2")));
        assert_eq!((field.required, field.nullable), (true, false));
        assert_eq!(field.ty, TypeExpr::Ref("Spec2".into()));
    }
}
