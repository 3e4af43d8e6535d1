//! The visitor of a field that asked for one kind of value: it accepts
//! the drifts the [module documentation](super) lists, and logs each.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::{Ctx, Drift, Fields, Items, Want};

/// A visitor for a field that asked for one kind of value, accepting the
/// drifts listed in the module documentation.
pub(super) struct Coerce<'c, 'de, V> {
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
