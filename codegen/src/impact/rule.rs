//! The rules that classify a change, and what each verdict asks of the version.

use std::fmt;

/// How much a change matters to users of the crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    /// Only text changed.
    Documentation,
    /// New API or behaviour; existing code keeps compiling.
    Additive,
    /// Existing code may stop compiling or behave differently.
    Breaking,
}

impl Verdict {
    /// `breaking`, `additive` or `documentation`.
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Breaking => "breaking",
            Verdict::Additive => "additive",
            Verdict::Documentation => "documentation",
        }
    }

    /// The version bump a release with changes of this verdict needs.
    pub fn bump(self) -> Bump {
        match self {
            Verdict::Breaking => Bump::Major,
            Verdict::Additive => Bump::Minor,
            Verdict::Documentation => Bump::Patch,
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A semantic-versioning bump. While the major version is 0, Cargo treats
/// the minor version as the major one, so every bump moves one place right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Bump {
    /// `x.y.Z`.
    Patch,
    /// `x.Y.0`.
    Minor,
    /// `X.0.0`.
    Major,
}

impl Bump {
    /// The next version after `major.minor.patch` for this bump, following
    /// Cargo's rule for 0.x versions.
    pub fn next(self, (major, minor, patch): (u64, u64, u64)) -> (u64, u64, u64) {
        match (self, major) {
            (Bump::Major, 0) => (0, minor + 1, 0),
            (Bump::Major, _) => (major + 1, 0, 0),
            (Bump::Minor, 0) | (Bump::Patch, _) => (major, minor, patch + 1),
            (Bump::Minor, _) => (major, minor + 1, 0),
        }
    }
}

/// Every kind of change the comparison recognises, and its verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// A product (and its client) removed.
    ProductRemoved,
    /// A product's API version, protocol or name on the wire changed.
    ProductWireChanged,
    /// A REST action's HTTP method or path, or where a member travels, changed.
    HttpBindingChanged,
    /// An action (and its method) removed.
    ActionRemoved,
    /// A shared type, or an enum of an action, removed.
    TypeRemoved,
    /// A shared type turned from a struct into an enum or back.
    TypeChanged,
    /// An input, output or member removed.
    FieldRemoved,
    /// An input, output or member renamed.
    FieldRenamed,
    /// A field's type changed.
    FieldRetyped,
    /// A field made secret or no longer secret: its Rust type turns into
    /// `Sensitive<T>` or back, so code that reads or builds it must change.
    SecrecyChanged,
    /// A new required input, or a required member of a type used in requests.
    RequiredInputAdded,
    /// An optional input made required.
    InputMadeRequired,
    /// A required input made optional: `new` loses an argument and the field becomes an `Option`.
    InputMadeOptional,
    /// An output that was always sent may now be missing or null.
    OutputMadeNullable,
    /// An output that could be missing or null is now always sent: the field is no longer an `Option`.
    OutputMadeRequired,
    /// A documented enum value removed.
    EnumValueRemoved,
    /// An enum value's variant renamed, or its wire value changed.
    EnumValueChanged,
    /// A documented error code removed.
    ErrorCodeRemoved,
    /// An input's limit added or tightened: the client refuses values it used to send.
    LimitTightened,
    /// A waiter (an `…_until_…` method) removed.
    WaiterRemoved,
    /// A waiter now waits for something else, or fails on other values.
    WaiterChanged,
    /// An action's page and item streams removed.
    PagingRemoved,
    /// An action's streams page by other fields.
    PagingChanged,
    /// A vendor's `CommonClient` removed, or its protocol changed.
    CommonClientChanged,
    /// A new product.
    ProductAdded,
    /// A new action.
    ActionAdded,
    /// A new shared type or enum.
    TypeAdded,
    /// A new optional input, or optional member of a type used in requests.
    OptionalInputAdded,
    /// A new output field, or member of a type only in responses.
    OutputAdded,
    /// A new value of an enum (enums keep their fallback variant).
    EnumValueAdded,
    /// A new documented error code.
    ErrorCodeAdded,
    /// An input's limit loosened or removed.
    LimitLoosened,
    /// A new waiter.
    WaiterAdded,
    /// New page and item streams for a listing action.
    PagingAdded,
    /// A new `CommonClient` for a vendor.
    CommonClientAdded,
    /// Retry safety, rate limit, deprecation, hosts or waiter timing changed.
    BehaviourChanged,
    /// Summaries, descriptions, examples or defaults changed, or a field
    /// hidden from the documentation index or shown in it.
    Documentation,
}

impl Rule {
    /// Every rule, breaking ones first.
    pub const ALL: &'static [Rule] = &[
        Rule::ProductRemoved,
        Rule::ProductWireChanged,
        Rule::HttpBindingChanged,
        Rule::ActionRemoved,
        Rule::TypeRemoved,
        Rule::TypeChanged,
        Rule::FieldRemoved,
        Rule::FieldRenamed,
        Rule::FieldRetyped,
        Rule::SecrecyChanged,
        Rule::RequiredInputAdded,
        Rule::InputMadeRequired,
        Rule::InputMadeOptional,
        Rule::OutputMadeNullable,
        Rule::OutputMadeRequired,
        Rule::EnumValueRemoved,
        Rule::EnumValueChanged,
        Rule::ErrorCodeRemoved,
        Rule::LimitTightened,
        Rule::WaiterRemoved,
        Rule::WaiterChanged,
        Rule::PagingRemoved,
        Rule::PagingChanged,
        Rule::CommonClientChanged,
        Rule::ProductAdded,
        Rule::ActionAdded,
        Rule::TypeAdded,
        Rule::OptionalInputAdded,
        Rule::OutputAdded,
        Rule::EnumValueAdded,
        Rule::ErrorCodeAdded,
        Rule::LimitLoosened,
        Rule::WaiterAdded,
        Rule::PagingAdded,
        Rule::CommonClientAdded,
        Rule::BehaviourChanged,
        Rule::Documentation,
    ];

    /// The verdict of every change of this kind.
    pub fn verdict(self) -> Verdict {
        use Rule::*;
        match self {
            ProductRemoved | ProductWireChanged | HttpBindingChanged | ActionRemoved
            | TypeRemoved | TypeChanged | FieldRemoved | FieldRenamed | FieldRetyped
            | SecrecyChanged | RequiredInputAdded | InputMadeRequired | InputMadeOptional
            | OutputMadeNullable | OutputMadeRequired | EnumValueRemoved | EnumValueChanged
            | ErrorCodeRemoved | LimitTightened | WaiterRemoved | WaiterChanged | PagingRemoved
            | PagingChanged | CommonClientChanged => Verdict::Breaking,
            ProductAdded | ActionAdded | TypeAdded | OptionalInputAdded | OutputAdded
            | EnumValueAdded | ErrorCodeAdded | LimitLoosened | WaiterAdded | PagingAdded
            | CommonClientAdded | BehaviourChanged => Verdict::Additive,
            Documentation => Verdict::Documentation,
        }
    }

    /// What the rule covers, in one line.
    pub fn summary(self) -> &'static str {
        use Rule::*;
        match self {
            ProductRemoved => "a product (and its client) removed",
            ProductWireChanged => "a product's API version, protocol or wire name changed",
            HttpBindingChanged => {
                "a REST action's HTTP method or path, or where one of its members travels, changed"
            }
            ActionRemoved => "an action (and its method) removed",
            TypeRemoved => "a shared type, or an enum of an action, removed",
            TypeChanged => "a shared type turned from a struct into an enum or back",
            FieldRemoved => "an input, output or member removed",
            FieldRenamed => "an input, output or member renamed",
            FieldRetyped => "a field's type changed",
            SecrecyChanged => {
                "a field made secret or no longer secret (its type becomes `Sensitive<T>` or back)"
            }
            RequiredInputAdded => "a new required input, or a required member of a request type",
            InputMadeRequired => "an optional input made required",
            InputMadeOptional => {
                "a required input made optional (`new` loses an argument, the field becomes an `Option`)"
            }
            OutputMadeNullable => "an output that was always sent made optional or nullable",
            OutputMadeRequired => {
                "an optional or nullable output made always present (no longer an `Option`)"
            }
            EnumValueRemoved => "an enum value removed",
            EnumValueChanged => "an enum value's variant renamed or its wire value changed",
            ErrorCodeRemoved => "an error code removed",
            LimitTightened => {
                "an input's limit added or tightened (the client refuses values it sent before)"
            }
            WaiterRemoved => "a waiter removed",
            WaiterChanged => "a waiter's condition, polled field or failure values changed",
            PagingRemoved => "a listing action's page and item streams removed",
            PagingChanged => "a listing's streams page by other fields, or end on another total",
            CommonClientChanged => {
                "a vendor's `CommonClient` removed, or the protocol it speaks changed"
            }
            ProductAdded => "a new product",
            ActionAdded => "a new action",
            TypeAdded => "a new shared type or enum",
            OptionalInputAdded => "a new optional input, or an optional member of a request type",
            OutputAdded => "a new output, or a member of a type only in responses",
            EnumValueAdded => "a new value in an enum (every enum keeps its fallback variant)",
            ErrorCodeAdded => "a new error code",
            LimitLoosened => "an input's limit loosened or removed",
            WaiterAdded => "a new waiter",
            PagingAdded => "new page and item streams for a listing action",
            CommonClientAdded => "a new `CommonClient` for a vendor",
            BehaviourChanged => {
                "retry safety, rate limit, deprecation, hosts or waiter timing changed"
            }
            Documentation => {
                "summaries, descriptions, examples or defaults changed, or a field hidden from the documentation index or shown in it"
            }
        }
    }
}
