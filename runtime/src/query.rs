//! Request structs → flattened query pairs, as Alibaba Cloud RPC APIs expect.
//!
//! Field names are the serde names; nesting is spelled with dots and lists
//! are numbered from 1: `Tags.1.Key=a&Tags.1.Value=b&Domains.1=x&Domains.2=y`.
//! `None` and unit produce no parameter at all, which is how RPC APIs tell
//! "not set" apart from an empty string.
//!
//! This is a real [`serde::Serializer`]: values go straight to strings, with
//! one path buffer shared by the whole walk, instead of through an
//! intermediate `serde_json::Value`.

use std::fmt::{Display, Write as _};

use serde::Serialize;
use serde::ser::{self, Impossible};

/// Flattens a request struct into (name, value) pairs as Alibaba RPC expects.
///
/// Pairs come out in field order; `sign::acs3::canonical_query`
/// sorts and encodes them.
pub fn to_pairs<T: Serialize + ?Sized>(value: &T) -> Result<Vec<(String, String)>, QueryError> {
    let mut flattener = Flattener::default();
    value.serialize(TopLevel(&mut flattener))?;
    Ok(flattener.pairs)
}

/// Why a value cannot be flattened into a query. Messages name the field
/// path (`Tags.2.Key`), never the value, which may be a secret.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum QueryError {
    /// The value passed to [`to_pairs`] is not a struct or a map.
    #[error("a query must be built from a struct or a map, not {found}")]
    NotAStruct {
        /// What kind of value it was.
        found: &'static str,
    },
    /// A field holds a kind of value that a query parameter cannot carry.
    #[error("query field `{path}`: {kind} cannot be a query parameter")]
    Unsupported {
        /// The parameter name the field would have had.
        path: String,
        /// What kind of value it was.
        kind: &'static str,
    },
    /// A map field has keys that are not strings.
    #[error("query field `{path}`: map keys must be strings, not {found}")]
    MapKey {
        /// The parameter name of the map.
        path: String,
        /// What kind of key it was.
        found: &'static str,
    },
    /// A type's own `Serialize` implementation failed.
    #[error("query field `{path}`: {message}")]
    Custom {
        /// The parameter name of the field that failed.
        path: String,
        /// The implementation's message.
        message: String,
    },
}

impl QueryError {
    fn unsupported(kind: &'static str) -> Self {
        QueryError::Unsupported {
            path: String::new(),
            kind,
        }
    }

    /// Records where the error happened, unless a deeper level already did.
    fn at(mut self, here: &str) -> Self {
        match &mut self {
            QueryError::Unsupported { path, .. }
            | QueryError::MapKey { path, .. }
            | QueryError::Custom { path, .. }
                if path.is_empty() =>
            {
                here.clone_into(path);
            }
            _ => {}
        }
        self
    }
}

impl ser::Error for QueryError {
    fn custom<T: Display>(message: T) -> Self {
        QueryError::Custom {
            path: String::new(),
            message: message.to_string(),
        }
    }
}

/// The output and the name of the value being serialized (`Tags.2.Key`).
#[derive(Default)]
struct Flattener {
    pairs: Vec<(String, String)>,
    path: String,
}

impl Flattener {
    fn emit(&mut self, value: String) -> Result<(), QueryError> {
        self.pairs.push((self.path.clone(), value));
        Ok(())
    }

    /// Opens a child segment; returns the length to truncate back to.
    fn enter(&mut self) -> usize {
        let len = self.path.len();
        if len > 0 {
            self.path.push('.');
        }
        len
    }

    /// Serializes `value` at the current path, then leaves the segment.
    fn serialize_at<T: Serialize + ?Sized>(
        &mut self,
        len: usize,
        value: &T,
    ) -> Result<(), QueryError> {
        let result = value
            .serialize(&mut *self)
            .map_err(|error| error.at(&self.path));
        self.path.truncate(len);
        result
    }

    fn field<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> Result<(), QueryError> {
        let len = self.enter();
        self.path.push_str(name);
        self.serialize_at(len, value)
    }

    fn element<T: Serialize + ?Sized>(
        &mut self,
        index: usize,
        value: &T,
    ) -> Result<(), QueryError> {
        let len = self.enter();
        // Writing to a String cannot fail.
        let _ = write!(self.path, "{index}");
        self.serialize_at(len, value)
    }
}

/// Serializer methods that take plain arguments and always fail with `$error(kind)`;
/// those that would start a compound value name its type after `->`.
macro_rules! reject {
    (@ok) => { () };
    (@ok $ret:ty) => { $ret };
    ($error:expr; $($method:ident($($arg:ty),*) $(-> $ret:ty)? => $kind:literal;)*) => {
        $(fn $method(self, $(_: $arg),*) -> Result<reject!(@ok $($ret)?), QueryError> {
            Err($error($kind))
        })*
    };
}

/// Serializer methods that emit their argument's `Display` form as the value.
macro_rules! emit_display {
    ($($method:ident($ty:ty);)*) => {
        $(fn $method(self, v: $ty) -> Result<(), QueryError> {
            self.emit(v.to_string())
        })*
    };
}

/// Accepts only what a query can be built from: a struct or a map.
struct TopLevel<'a>(&'a mut Flattener);

fn not_a_struct(found: &'static str) -> QueryError {
    QueryError::NotAStruct { found }
}

impl<'a> ser::Serializer for TopLevel<'a> {
    type Ok = ();
    type Error = QueryError;
    type SerializeSeq = Impossible<(), QueryError>;
    type SerializeTuple = Impossible<(), QueryError>;
    type SerializeTupleStruct = Impossible<(), QueryError>;
    type SerializeTupleVariant = Impossible<(), QueryError>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Impossible<(), QueryError>;

    reject! { not_a_struct;
        serialize_bool(bool) => "a boolean";
        serialize_i8(i8) => "an integer";
        serialize_i16(i16) => "an integer";
        serialize_i32(i32) => "an integer";
        serialize_i64(i64) => "an integer";
        serialize_i128(i128) => "an integer";
        serialize_u8(u8) => "an integer";
        serialize_u16(u16) => "an integer";
        serialize_u32(u32) => "an integer";
        serialize_u64(u64) => "an integer";
        serialize_u128(u128) => "an integer";
        serialize_f32(f32) => "a float";
        serialize_f64(f64) => "a float";
        serialize_char(char) => "a character";
        serialize_str(&str) => "a string";
        serialize_bytes(&[u8]) => "bytes";
        serialize_none() => "None";
        serialize_unit() => "unit";
        serialize_unit_struct(&'static str) => "a unit struct";
        serialize_unit_variant(&'static str, u32, &'static str) => "an enum";
        serialize_seq(Option<usize>) -> Self::SerializeSeq => "a sequence";
        serialize_tuple(usize) -> Self::SerializeTuple => "a tuple";
        serialize_tuple_struct(&'static str, usize)
            -> Self::SerializeTupleStruct => "a tuple struct";
        serialize_tuple_variant(&'static str, u32, &'static str, usize)
            -> Self::SerializeTupleVariant => "an enum";
        serialize_struct_variant(&'static str, u32, &'static str, usize)
            -> Self::SerializeStructVariant => "an enum";
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), QueryError> {
        value.serialize(self)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), QueryError> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), QueryError> {
        Err(not_a_struct("an enum"))
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a>, QueryError> {
        Ok(Compound::new(self.0))
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, QueryError> {
        Ok(Compound::new(self.0))
    }
}

impl<'a> ser::Serializer for &'a mut Flattener {
    type Ok = ();
    type Error = QueryError;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Impossible<(), QueryError>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Impossible<(), QueryError>;

    fn serialize_bool(self, v: bool) -> Result<(), QueryError> {
        self.emit(if v { "true" } else { "false" }.to_owned())
    }

    // Decimal, exact for every width (no detour through f64 as in JSON tools).
    emit_display! {
        serialize_i8(i8);
        serialize_i16(i16);
        serialize_i32(i32);
        serialize_i64(i64);
        serialize_i128(i128);
        serialize_u8(u8);
        serialize_u16(u16);
        serialize_u32(u32);
        serialize_u64(u64);
        serialize_u128(u128);
        serialize_char(char);
    }

    // Display of Rust floats is the shortest string that round-trips.
    fn serialize_f32(self, v: f32) -> Result<(), QueryError> {
        if !v.is_finite() {
            return Err(QueryError::unsupported("a non-finite float"));
        }
        self.emit(v.to_string())
    }

    fn serialize_f64(self, v: f64) -> Result<(), QueryError> {
        if !v.is_finite() {
            return Err(QueryError::unsupported("a non-finite float"));
        }
        self.emit(v.to_string())
    }

    fn serialize_str(self, v: &str) -> Result<(), QueryError> {
        self.emit(v.to_owned())
    }

    fn serialize_bytes(self, _: &[u8]) -> Result<(), QueryError> {
        Err(QueryError::unsupported("a byte string"))
    }

    fn serialize_none(self) -> Result<(), QueryError> {
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), QueryError> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), QueryError> {
        Ok(())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), QueryError> {
        Ok(())
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), QueryError> {
        self.emit(variant.to_owned())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), QueryError> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        value: &T,
    ) -> Result<(), QueryError> {
        value.serialize(self)
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, QueryError> {
        Ok(Compound::new(self))
    }

    fn serialize_tuple(self, _: usize) -> Result<Compound<'a>, QueryError> {
        Ok(Compound::new(self))
    }

    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, QueryError> {
        Ok(Compound::new(self))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, QueryError> {
        Err(QueryError::unsupported("an enum variant with fields"))
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a>, QueryError> {
        Ok(Compound::new(self))
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, QueryError> {
        Ok(Compound::new(self))
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, QueryError> {
        Err(QueryError::unsupported("an enum variant with fields"))
    }
}

/// A struct, map or sequence being flattened.
struct Compound<'a> {
    flattener: &'a mut Flattener,
    /// Elements written so far; the next one is numbered `index + 1`.
    index: usize,
    /// Set between `serialize_key` and `serialize_value`: the path length to go back to.
    open_key: Option<usize>,
}

impl<'a> Compound<'a> {
    fn new(flattener: &'a mut Flattener) -> Self {
        Compound {
            flattener,
            index: 0,
            open_key: None,
        }
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), QueryError> {
        self.index += 1;
        self.flattener.element(self.index, value)
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = QueryError;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), QueryError> {
        self.element(value)
    }

    fn end(self) -> Result<(), QueryError> {
        Ok(())
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = QueryError;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), QueryError> {
        self.element(value)
    }

    fn end(self) -> Result<(), QueryError> {
        Ok(())
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = QueryError;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), QueryError> {
        self.element(value)
    }

    fn end(self) -> Result<(), QueryError> {
        Ok(())
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = QueryError;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), QueryError> {
        self.flattener.field(name, value)
    }

    fn end(self) -> Result<(), QueryError> {
        Ok(())
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = QueryError;

    // The key is written straight into the path, so no key string is allocated.
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), QueryError> {
        let path = &mut self.flattener.path;
        let len = path.len();
        if len > 0 {
            path.push('.');
        }
        if let Err(error) = key.serialize(KeySerializer(path)) {
            path.truncate(len);
            return Err(error.at(path));
        }
        self.open_key = Some(len);
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), QueryError> {
        match self.open_key.take() {
            Some(len) => self.flattener.serialize_at(len, value),
            None => Err(ser::Error::custom("map value without a key")),
        }
    }

    fn end(self) -> Result<(), QueryError> {
        Ok(())
    }
}

/// Appends a map key to the path; only string-like keys make parameter names.
struct KeySerializer<'a>(&'a mut String);

fn bad_key(found: &'static str) -> QueryError {
    QueryError::MapKey {
        path: String::new(),
        found,
    }
}

impl ser::Serializer for KeySerializer<'_> {
    type Ok = ();
    type Error = QueryError;
    type SerializeSeq = Impossible<(), QueryError>;
    type SerializeTuple = Impossible<(), QueryError>;
    type SerializeTupleStruct = Impossible<(), QueryError>;
    type SerializeTupleVariant = Impossible<(), QueryError>;
    type SerializeMap = Impossible<(), QueryError>;
    type SerializeStruct = Impossible<(), QueryError>;
    type SerializeStructVariant = Impossible<(), QueryError>;

    reject! { bad_key;
        serialize_bool(bool) => "a boolean";
        serialize_i8(i8) => "an integer";
        serialize_i16(i16) => "an integer";
        serialize_i32(i32) => "an integer";
        serialize_i64(i64) => "an integer";
        serialize_i128(i128) => "an integer";
        serialize_u8(u8) => "an integer";
        serialize_u16(u16) => "an integer";
        serialize_u32(u32) => "an integer";
        serialize_u64(u64) => "an integer";
        serialize_u128(u128) => "an integer";
        serialize_f32(f32) => "a float";
        serialize_f64(f64) => "a float";
        serialize_bytes(&[u8]) => "bytes";
        serialize_none() => "None";
        serialize_unit() => "unit";
        serialize_unit_struct(&'static str) => "a unit struct";
        serialize_seq(Option<usize>) -> Self::SerializeSeq => "a sequence";
        serialize_tuple(usize) -> Self::SerializeTuple => "a tuple";
        serialize_tuple_struct(&'static str, usize)
            -> Self::SerializeTupleStruct => "a tuple struct";
        serialize_tuple_variant(&'static str, u32, &'static str, usize)
            -> Self::SerializeTupleVariant => "an enum variant with fields";
        serialize_map(Option<usize>) -> Self::SerializeMap => "a map";
        serialize_struct(&'static str, usize) -> Self::SerializeStruct => "a struct";
        serialize_struct_variant(&'static str, u32, &'static str, usize)
            -> Self::SerializeStructVariant => "an enum variant with fields";
    }

    fn serialize_char(self, v: char) -> Result<(), QueryError> {
        self.0.push(v);
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result<(), QueryError> {
        self.0.push_str(v);
        Ok(())
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), QueryError> {
        self.0.push_str(variant);
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), QueryError> {
        Err(bad_key("an Option"))
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), QueryError> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), QueryError> {
        Err(bad_key("an enum variant with fields"))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::{Serialize, Serializer};

    use super::*;

    /// Stands in for the crate's `Sensitive<String>`: redacted in Debug, transparent in serde.
    struct Redacted(String);

    impl Serialize for Redacted {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            self.0.serialize(serializer)
        }
    }

    #[derive(Serialize)]
    struct CertificateId(u64);

    #[derive(Serialize)]
    struct Tag {
        #[serde(rename = "Key")]
        key: String,
        #[serde(rename = "Value")]
        value: Option<String>,
    }

    #[derive(Serialize)]
    enum Status {
        Issued,
        #[serde(rename = "REVOKED")]
        Revoked,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct UploadRequest {
        name: String,
        #[serde(rename = "CertId")]
        cert_id: CertificateId,
        region_id: Option<String>,
        resource_group_id: Option<String>,
        domains: Vec<String>,
        tags: Vec<Tag>,
        enabled: bool,
        big: i64,
        huge: i128,
        max: u64,
        ratio: f64,
        letter: char,
        key: Redacted,
        status: Status,
        states: Vec<Status>,
        matrix: Vec<Vec<u32>>,
        labels: BTreeMap<String, String>,
        nothing: (),
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect()
    }

    #[test]
    fn flattens_a_request_struct() {
        let request = UploadRequest {
            name: "my cert".into(),
            cert_id: CertificateId(42),
            region_id: Some("cn-hangzhou".into()),
            resource_group_id: None,
            domains: vec!["a.example".into(), "b.example".into()],
            tags: vec![
                Tag {
                    key: "env".into(),
                    value: Some("prod".into()),
                },
                Tag {
                    key: "team".into(),
                    value: None,
                },
            ],
            enabled: true,
            big: (1 << 53) + 1,
            huge: -(1 << 100),
            max: u64::MAX,
            ratio: 1.5,
            letter: 'x',
            key: Redacted("-----BEGIN PRIVATE KEY-----".into()),
            status: Status::Issued,
            states: vec![Status::Revoked],
            matrix: vec![vec![1, 2], vec![3]],
            labels: BTreeMap::from([("a".into(), "1".into()), ("b".into(), "2".into())]),
            nothing: (),
        };
        assert_eq!(
            to_pairs(&request).unwrap(),
            pairs(&[
                ("Name", "my cert"),
                ("CertId", "42"),
                ("RegionId", "cn-hangzhou"),
                ("Domains.1", "a.example"),
                ("Domains.2", "b.example"),
                ("Tags.1.Key", "env"),
                ("Tags.1.Value", "prod"),
                ("Tags.2.Key", "team"),
                ("Enabled", "true"),
                ("Big", "9007199254740993"),
                ("Huge", "-1267650600228229401496703205376"),
                ("Max", "18446744073709551615"),
                ("Ratio", "1.5"),
                ("Letter", "x"),
                ("Key", "-----BEGIN PRIVATE KEY-----"),
                ("Status", "Issued"),
                ("States.1", "REVOKED"),
                ("Matrix.1.1", "1"),
                ("Matrix.1.2", "2"),
                ("Matrix.2.1", "3"),
                ("Labels.a", "1"),
                ("Labels.b", "2"),
            ])
        );
    }

    #[test]
    fn top_level_may_be_a_map_or_a_wrapped_struct() {
        let map = BTreeMap::from([("Ids", vec![1, 2])]);
        assert_eq!(
            to_pairs(&map).unwrap(),
            pairs(&[("Ids.1", "1"), ("Ids.2", "2")])
        );

        #[derive(Serialize)]
        struct Wrapper(Tag);
        let wrapped = Some(Wrapper(Tag {
            key: "k".into(),
            value: None,
        }));
        assert_eq!(to_pairs(&wrapped).unwrap(), pairs(&[("Key", "k")]));
    }

    #[test]
    fn floats_use_shortest_round_trip_form() {
        let values = BTreeMap::from([("A", 0.1f64), ("B", 1e21), ("C", -2.0)]);
        assert_eq!(
            to_pairs(&values).unwrap(),
            pairs(&[("A", "0.1"), ("B", "1000000000000000000000"), ("C", "-2")])
        );
        let single = BTreeMap::from([("F", 0.1f32)]);
        assert_eq!(to_pairs(&single).unwrap(), pairs(&[("F", "0.1")]));
    }

    #[test]
    fn rejects_a_top_level_that_is_not_a_struct() {
        for (error, found) in [
            (to_pairs("secret").unwrap_err(), "a string"),
            (to_pairs(&vec![1]).unwrap_err(), "a sequence"),
            (to_pairs(&None::<Tag>).unwrap_err(), "None"),
        ] {
            assert!(
                matches!(error, QueryError::NotAStruct { found: f } if f == found),
                "{error}"
            );
            assert!(!error.to_string().contains("secret"));
        }
    }

    #[test]
    fn errors_name_the_path_not_the_value() {
        struct Bytes;
        impl Serialize for Bytes {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_bytes(b"secret")
            }
        }
        let error = to_pairs(&BTreeMap::from([("Blobs", vec![Bytes, Bytes])])).unwrap_err();
        assert_eq!(
            error.to_string(),
            "query field `Blobs.1`: a byte string cannot be a query parameter"
        );

        #[derive(Serialize)]
        enum Shape {
            Circle { radius: u32 },
        }
        let error =
            to_pairs(&BTreeMap::from([("Shape", Shape::Circle { radius: 7 })])).unwrap_err();
        assert_eq!(
            error.to_string(),
            "query field `Shape`: an enum variant with fields cannot be a query parameter"
        );

        let error = to_pairs(&BTreeMap::from([("Ratio", f64::NAN)])).unwrap_err();
        assert!(matches!(error, QueryError::Unsupported { ref path, .. } if path == "Ratio"));
    }

    #[test]
    fn map_keys_must_be_strings() {
        let nested = BTreeMap::from([("Counts", BTreeMap::from([(7u32, "secret")]))]);
        let error = to_pairs(&nested).unwrap_err();
        assert_eq!(
            error.to_string(),
            "query field `Counts`: map keys must be strings, not an integer"
        );
    }

    #[test]
    fn custom_errors_carry_the_innermost_path() {
        struct Failing;
        impl Serialize for Failing {
            fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
                Err(ser::Error::custom("cannot serialize"))
            }
        }
        let error = to_pairs(&BTreeMap::from([(
            "Outer",
            vec![BTreeMap::from([("Inner", Failing)])],
        )]))
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "query field `Outer.1.Inner`: cannot serialize"
        );
    }
}
