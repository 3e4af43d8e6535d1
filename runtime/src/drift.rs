//! Drift-tolerant decoding of answers: services do not always send the
//! JSON type their documentation promises (`"TotalCount": "3"`), and one
//! such field must not fail a whole call.
//!
//! Every answer is read through [`Drift`], a wrapper around serde_json's
//! deserializer. What is tolerated is decided by the type of each field,
//! through the method its `Deserialize` calls:
//!
//! | the field is | also accepted |
//! |---|---|
//! | an integer (`i64`, `u64`, an integer enum, …) | a string holding one (`"3"`), a float with no fraction (`3.0`) |
//! | a float | a string holding one (`"2.5"`) |
//! | a boolean | `0`/`1`, `"true"`/`"false"` (any case), `"0"`/`"1"` |
//! | a string (or a string enum) | a number or a boolean, as its JSON text |
//! | a list | `null`, as an empty list |
//!
//! Anything else, and any value that cannot be read even so (`"three"` for
//! an integer), is an error as before: the call fails with a typed
//! `MalformedResponse`. Each tolerated drift is logged once per action and
//! field, at debug level, with the field's path and never its value.
//!
//! The wrapper is generic only over serde's visitors, so the generated code
//! gains no line and each helper here is compiled once per visitor, not per field.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;
use std::sync::{Mutex, OnceLock};

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor,
};

/// Reads `T` from `json` with drift tolerance; `action` names drifts in logs.
pub(crate) fn from_str<T: DeserializeOwned>(action: &str, json: &str) -> serde_json::Result<T> {
    let ctx = Ctx {
        action,
        path: RefCell::new(Vec::new()),
    };
    let mut inner = serde_json::Deserializer::from_str(json);
    let value = T::deserialize(Drift {
        inner: &mut inner,
        ctx: &ctx,
    })?;
    inner.end()?;
    Ok(value)
}

/// Where the reader is: the action, and the keys (or `[]` for list items) down to the current value.
/// The action's name and the input both outlive the read, so one lifetime serves both.
struct Ctx<'de> {
    action: &'de str,
    path: RefCell<Vec<Cow<'de, str>>>,
}

impl Ctx<'_> {
    /// Logs a tolerated drift, once per action and field.
    fn drift(&self, kind: &'static str) {
        static SEEN: OnceLock<Mutex<HashSet<Logged>>> = OnceLock::new();
        let path = self
            .path
            .borrow()
            .iter()
            .fold(String::new(), |mut out, part| {
                if part != "[]" && !out.is_empty() {
                    out.push('.');
                }
                out.push_str(part);
                out
            });
        let seen = SEEN.get_or_init(Default::default);
        let logged = (self.action.to_owned(), path.clone(), kind);
        let first = seen
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(logged);
        if first {
            tracing::debug!(
                action = self.action,
                field = %path,
                drift = kind,
                "tolerated a response field of another type than documented"
            );
        }
    }
}

/// A drift already logged: action, field path, kind. The action is owned:
/// actions named at run time have no static name.
type Logged = (String, String, &'static str);

/// The kind of value a field asked for.
#[derive(Clone, Copy)]
enum Want {
    Int,
    Float,
    Bool,
    Str,
    Seq,
}

/// serde_json's deserializer, with drift tolerance; see the module documentation.
struct Drift<'c, 'de, D> {
    inner: D,
    ctx: &'c Ctx<'de>,
}

macro_rules! coerce {
    ($($method:ident => $want:ident),* $(,)?) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
            self.inner.deserialize_any(Coerce { want: Want::$want, visitor, ctx: self.ctx })
        })*
    };
}

macro_rules! wrap {
    ($($method:ident),* $(,)?) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
            self.inner.$method(Wrap { visitor, ctx: self.ctx })
        })*
    };
}

impl<'c, 'de, D: Deserializer<'de>> Deserializer<'de> for Drift<'c, 'de, D> {
    type Error = D::Error;

    coerce! {
        deserialize_bool => Bool,
        deserialize_i8 => Int, deserialize_i16 => Int, deserialize_i32 => Int, deserialize_i64 => Int,
        deserialize_i128 => Int, deserialize_u8 => Int, deserialize_u16 => Int, deserialize_u32 => Int,
        deserialize_u64 => Int, deserialize_u128 => Int,
        deserialize_f32 => Float, deserialize_f64 => Float,
        deserialize_str => Str, deserialize_string => Str,
        deserialize_seq => Seq,
    }

    wrap! {
        deserialize_any, deserialize_char, deserialize_bytes, deserialize_byte_buf, deserialize_option,
        deserialize_unit, deserialize_map, deserialize_identifier, deserialize_ignored_any,
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_unit_struct(
            name,
            Wrap {
                visitor,
                ctx: self.ctx,
            },
        )
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_newtype_struct(
            name,
            Wrap {
                visitor,
                ctx: self.ctx,
            },
        )
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_tuple(
            len,
            Wrap {
                visitor,
                ctx: self.ctx,
            },
        )
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_tuple_struct(
            name,
            len,
            Wrap {
                visitor,
                ctx: self.ctx,
            },
        )
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_struct(
            name,
            fields,
            Wrap {
                visitor,
                ctx: self.ctx,
            },
        )
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        // Enums with data never come from these services: read as is.
        self.inner.deserialize_enum(name, variants, visitor)
    }
}

/// A visitor whose nested values are read through [`Drift`] too.
struct Wrap<'c, 'de, V> {
    visitor: V,
    ctx: &'c Ctx<'de>,
}

/// Forwards the plain `visit_*` methods to `self.visitor`.
macro_rules! forward_plain {
    ($field:ident) => {
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            self.$field.expecting(f)
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
            self.$field.visit_bool(v)
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            self.$field.visit_i64(v)
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            self.$field.visit_u64(v)
        }
        fn visit_i128<E: de::Error>(self, v: i128) -> Result<Self::Value, E> {
            self.$field.visit_i128(v)
        }
        fn visit_u128<E: de::Error>(self, v: u128) -> Result<Self::Value, E> {
            self.$field.visit_u128(v)
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            self.$field.visit_f64(v)
        }
        fn visit_char<E: de::Error>(self, v: char) -> Result<Self::Value, E> {
            self.$field.visit_char(v)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            self.$field.visit_str(v)
        }
        fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
            self.$field.visit_borrowed_str(v)
        }
        fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
            self.$field.visit_string(v)
        }
        fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Self::Value, E> {
            self.$field.visit_bytes(v)
        }
        fn visit_borrowed_bytes<E: de::Error>(self, v: &'de [u8]) -> Result<Self::Value, E> {
            self.$field.visit_borrowed_bytes(v)
        }
        fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<Self::Value, E> {
            self.$field.visit_byte_buf(v)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            self.$field.visit_none()
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            self.$field.visit_unit()
        }
        fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
            self.$field.visit_enum(data)
        }
    };
}

/// Forwards the nesting `visit_*` methods, wrapping what they read.
macro_rules! forward_nested {
    () => {
        fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
            self.visitor.visit_some(Drift {
                inner: d,
                ctx: self.ctx,
            })
        }
        fn visit_newtype_struct<D2: Deserializer<'de>>(
            self,
            d: D2,
        ) -> Result<Self::Value, D2::Error> {
            self.visitor.visit_newtype_struct(Drift {
                inner: d,
                ctx: self.ctx,
            })
        }
        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            self.visitor.visit_seq(Items {
                inner: seq,
                ctx: self.ctx,
            })
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            self.visitor.visit_map(Fields {
                inner: map,
                ctx: self.ctx,
                key: None,
            })
        }
    };
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Wrap<'_, 'de, V> {
    type Value = V::Value;
    forward_plain!(visitor);
    forward_nested!();
}

/// List items, each read through [`Drift`] under the path segment `[]`.
struct Items<'c, 'de, A> {
    inner: A,
    ctx: &'c Ctx<'de>,
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Items<'_, 'de, A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        self.ctx.path.borrow_mut().push(Cow::Borrowed("[]"));
        let item = self.inner.next_element_seed(Seed {
            seed,
            ctx: self.ctx,
        });
        self.ctx.path.borrow_mut().pop();
        item
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

/// Object members: keys are remembered, values read through [`Drift`] under them.
struct Fields<'c, 'de, A> {
    inner: A,
    ctx: &'c Ctx<'de>,
    key: Option<Cow<'de, str>>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Fields<'_, 'de, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.inner.next_key_seed(KeySeed {
            seed,
            key: &mut self.key,
        })
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        let key = self.key.take().unwrap_or(Cow::Borrowed("?"));
        self.ctx.path.borrow_mut().push(key);
        let value = self.inner.next_value_seed(Seed {
            seed,
            ctx: self.ctx,
        });
        self.ctx.path.borrow_mut().pop();
        value
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

/// A seed whose value is read through [`Drift`].
struct Seed<'c, 'de, S> {
    seed: S,
    ctx: &'c Ctx<'de>,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Seed<'_, 'de, S> {
    type Value = S::Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(Drift {
            inner: d,
            ctx: self.ctx,
        })
    }
}

/// A key's seed that remembers the key's text.
struct KeySeed<'k, 'de, S> {
    seed: S,
    key: &'k mut Option<Cow<'de, str>>,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for KeySeed<'_, 'de, S> {
    type Value = S::Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(KeyReader {
            inner: d,
            key: self.key,
        })
    }
}

/// A key's deserializer: passes the key on, noting its text.
struct KeyReader<'k, 'de, D> {
    inner: D,
    key: &'k mut Option<Cow<'de, str>>,
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for KeyReader<'_, 'de, D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_any(KeyVisitor {
            visitor,
            key: self.key,
        })
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_identifier(KeyVisitor {
            visitor,
            key: self.key,
        })
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_str(KeyVisitor {
            visitor,
            key: self.key,
        })
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_string(KeyVisitor {
            visitor,
            key: self.key,
        })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map struct enum ignored_any
    }
}

struct KeyVisitor<'k, 'de, V> {
    visitor: V,
    key: &'k mut Option<Cow<'de, str>>,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for KeyVisitor<'_, 'de, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.visitor.expecting(f)
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<V::Value, E> {
        *self.key = Some(Cow::Borrowed(v));
        self.visitor.visit_borrowed_str(v)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<V::Value, E> {
        *self.key = Some(Cow::Owned(v.to_owned()));
        self.visitor.visit_str(v)
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<V::Value, E> {
        *self.key = Some(Cow::Owned(v.clone()));
        self.visitor.visit_string(v)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<V::Value, E> {
        self.visitor.visit_u64(v)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<V::Value, E> {
        self.visitor.visit_i64(v)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<V::Value, E> {
        self.visitor.visit_bool(v)
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<V::Value, E> {
        self.visitor.visit_bytes(v)
    }
    fn visit_borrowed_bytes<E: de::Error>(self, v: &'de [u8]) -> Result<V::Value, E> {
        self.visitor.visit_borrowed_bytes(v)
    }
}

// The visitor of a field that asked for one kind of value: it accepts the
// drifts the module documentation lists, and logs each. It and `Drift` wrap
// each other (a field's nested values drift too), so they share this file.

/// A visitor for a field that asked for one kind of value, accepting the
/// drifts listed in the module documentation.
struct Coerce<'c, 'de, V> {
    pub(super) want: Want,
    pub(super) visitor: V,
    pub(super) ctx: &'c Ctx<'de>,
}

impl<'de, V: Visitor<'de>> Coerce<'_, 'de, V> {
    fn text<E: de::Error>(self, v: &str, kind: &'static str) -> Result<V::Value, E> {
        self.ctx.drift(kind);
        self.visitor.visit_string(v.to_owned())
    }
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Coerce<'_, 'de, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.visitor.expecting(f)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<V::Value, E> {
        match self.want {
            Want::Str => self.text(if v { "true" } else { "false" }, "boolean for a string"),
            _ => self.visitor.visit_bool(v),
        }
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<V::Value, E> {
        match self.want {
            Want::Bool if v == 0 || v == 1 => {
                self.ctx.drift("number for a boolean");
                self.visitor.visit_bool(v == 1)
            }
            Want::Str => self.text(&v.to_string(), "number for a string"),
            _ => self.visitor.visit_i64(v),
        }
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<V::Value, E> {
        match self.want {
            Want::Bool if v <= 1 => {
                self.ctx.drift("number for a boolean");
                self.visitor.visit_bool(v == 1)
            }
            Want::Str => self.text(&v.to_string(), "number for a string"),
            _ => self.visitor.visit_u64(v),
        }
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<V::Value, E> {
        match self.want {
            Want::Int if v.fract() == 0.0 && v.abs() < 9.0e15 => {
                self.ctx.drift("float for an integer");
                if v < 0.0 {
                    self.visitor.visit_i64(v as i64)
                } else {
                    self.visitor.visit_u64(v as u64)
                }
            }
            Want::Str => self.text(&v.to_string(), "number for a string"),
            _ => self.visitor.visit_f64(v),
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<V::Value, E> {
        let t = v.trim();
        match self.want {
            Want::Int => {
                if let Ok(n) = t.parse::<u64>() {
                    self.ctx.drift("string for a number");
                    self.visitor.visit_u64(n)
                } else if let Ok(n) = t.parse::<i64>() {
                    self.ctx.drift("string for a number");
                    self.visitor.visit_i64(n)
                } else {
                    self.visitor.visit_str(v)
                }
            }
            Want::Float => match t.parse::<f64>() {
                Ok(n) if n.is_finite() => {
                    self.ctx.drift("string for a number");
                    self.visitor.visit_f64(n)
                }
                _ => self.visitor.visit_str(v),
            },
            Want::Bool => {
                let truth = if t.eq_ignore_ascii_case("true") || t == "1" {
                    Some(true)
                } else if t.eq_ignore_ascii_case("false") || t == "0" {
                    Some(false)
                } else {
                    None
                };
                match truth {
                    Some(b) => {
                        self.ctx.drift("string for a boolean");
                        self.visitor.visit_bool(b)
                    }
                    None => self.visitor.visit_str(v),
                }
            }
            _ => self.visitor.visit_str(v),
        }
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<V::Value, E> {
        match self.want {
            Want::Str | Want::Seq => self.visitor.visit_borrowed_str(v),
            _ => self.visit_str(v),
        }
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<V::Value, E> {
        match self.want {
            Want::Str | Want::Seq => self.visitor.visit_string(v),
            _ => self.visit_str(&v),
        }
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        match self.want {
            Want::Seq => {
                self.ctx.drift("null for a list");
                self.visitor.visit_seq(Empty(std::marker::PhantomData))
            }
            _ => self.visitor.visit_unit(),
        }
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        match self.want {
            Want::Seq => self.visit_unit(),
            _ => self.visitor.visit_none(),
        }
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<V::Value, E> {
        self.visitor.visit_i128(v)
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<V::Value, E> {
        self.visitor.visit_u128(v)
    }
    fn visit_char<E: de::Error>(self, v: char) -> Result<V::Value, E> {
        self.visitor.visit_char(v)
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<V::Value, E> {
        self.visitor.visit_bytes(v)
    }
    fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<V::Value, E> {
        self.visitor.visit_byte_buf(v)
    }
    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_enum(data)
    }

    forward_nested!();
}

/// No items: a list sent as `null`.
struct Empty<E>(std::marker::PhantomData<E>);

impl<'de, E: de::Error> SeqAccess<'de> for Empty<E> {
    type Error = E;
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, _: T) -> Result<Option<T::Value>, E> {
        Ok(None)
    }
    fn size_hint(&self) -> Option<usize> {
        Some(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Answer {
        #[serde(rename = "Count")]
        count: i64,
        #[serde(rename = "Ratio")]
        ratio: f64,
        #[serde(rename = "On")]
        on: bool,
        #[serde(rename = "Name")]
        name: String,
        #[serde(rename = "Tags")]
        tags: Vec<String>,
        #[serde(rename = "Maybe", default)]
        maybe: Option<u64>,
        #[serde(rename = "Items", default)]
        items: Vec<Item>,
    }

    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Item {
        #[serde(rename = "Id")]
        id: u64,
    }

    #[test]
    fn drifted_answers_read_as_documented() {
        let strict: Answer = from_str("A", r#"{"Count": 3, "Ratio": 0.5, "On": true, "Name": "n", "Tags": ["a"], "Maybe": 7, "Items": [{"Id": 1}]}"#).unwrap();
        let drifted: Answer = from_str(
            "A",
            r#"{"Count": "3", "Ratio": "0.5", "On": "TRUE", "Name": "n", "Tags": ["a"], "Maybe": "7", "Items": [{"Id": 1.0}], "Extra": {"x": [1]}}"#,
        )
        .unwrap();
        assert_eq!(strict, drifted);
        let drifted: Answer = from_str(
            "A",
            r#"{"Count": 3.0, "Ratio": 1, "On": 1, "Name": 12, "Tags": null, "Maybe": null}"#,
        )
        .unwrap();
        assert_eq!(
            (
                drifted.count,
                drifted.on,
                drifted.name.as_str(),
                drifted.tags.len(),
                drifted.maybe
            ),
            (3, true, "12", 0, None)
        );
    }

    #[test]
    fn unreadable_values_still_fail() {
        for bad in [
            r#"{"Count": "three", "Ratio": 1, "On": true, "Name": "n", "Tags": []}"#,
            r#"{"Count": 1, "Ratio": 1, "On": "yes", "Name": "n", "Tags": []}"#,
            r#"{"Count": 1, "Ratio": 1, "On": 2, "Name": "n", "Tags": []}"#,
            r#"{"Count": 1.5, "Ratio": 1, "On": true, "Name": "n", "Tags": []}"#,
            r#"{"Count": 1, "Ratio": 1, "On": true, "Name": null, "Tags": []}"#,
            r#"{"Count": 1, "Ratio": 1, "On": true, "Name": "n", "Tags": "a"}"#,
            r#"{"Count": 1, "Ratio": 1, "On": true, "Name": "n", "Tags": []} trailing"#,
        ] {
            assert!(from_str::<Answer>("A", bad).is_err(), "{bad}");
        }
    }
}
