//! JSON decoding of the messages and records the contracts read, through one shared object reader.
//!
//! serde's derived `Deserialize` expands a state machine per struct, which serde_json instantiates for
//! both the object and the array form: 1.5 to 7 KB of wasm per type, 120 KB of the vault's 600 KB.
//! Here an object is read once into its fields (one instance per deserializer) and each field is decoded
//! by its type's own impl, shared by every record that holds that type. The JSON accepted is the
//! derive's: unknown, duplicate and missing fields are refused by name, `Option` fields may be absent,
//! fields marked `= default` take their default when absent. Serialisation and schemas stay derived.
//!
//! ```ignore
//! json_struct!(Estimator { lambda, vol_step, min_observations });
//! json_enum!(Venue { "ballast" => Ballast unit, "levana" => Levana(_) });
//! ```

use std::fmt;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor,
};
pub use serde_json::{Error, Value};

/// A JSON object's fields, taken one by one by name; what is left at the end is an unknown field.
pub struct Fields {
    entries: Vec<(String, Value)>,
}

impl Fields {
    /// Reads an object; `what` names the expected type in the error for anything else.
    pub fn read<'de, D: Deserializer<'de>>(d: D, what: &'static str) -> Result<Self, D::Error> {
        d.deserialize_map(ObjectVisitor { what })
            .map(|entries| Fields { entries })
    }

    /// The field `name`; an absent field is JSON `null`, which only an `Option` accepts.
    pub fn take<T: DeserializeOwned>(&mut self, name: &'static str) -> Result<T, Error> {
        match self.remove(name) {
            Some(value) => decode(value).map_err(|e| in_field(name, e)),
            None => decode(Value::Null).map_err(|_| de::Error::missing_field(name)),
        }
    }

    /// The field `name`, or its type's default when absent.
    pub fn take_or_default<T: DeserializeOwned + Default>(
        &mut self,
        name: &'static str,
    ) -> Result<T, Error> {
        match self.remove(name) {
            Some(value) => decode(value).map_err(|e| in_field(name, e)),
            None => Ok(T::default()),
        }
    }

    /// Refuses a field the type does not have (`expected` none: a reply from another protocol, whose
    /// other fields are not read).
    pub fn finish(self, expected: Option<&'static [&'static str]>) -> Result<(), Error> {
        match (self.entries.first(), expected) {
            (Some((name, _)), Some(expected)) => Err(de::Error::unknown_field(name, expected)),
            _ => Ok(()),
        }
    }

    fn remove(&mut self, name: &str) -> Option<Value> {
        let at = self.entries.iter().position(|(key, _)| key == name)?;
        Some(self.entries.swap_remove(at).1)
    }
}

/// A value decoded from its JSON tree.
pub fn decode<T: DeserializeOwned>(value: Value) -> Result<T, Error> {
    T::deserialize(value)
}

/// The error of the field or variant `name`, which says where it came from.
pub fn in_field(name: &str, e: Error) -> Error {
    de::Error::custom(format_args!("{name}: {e}"))
}

/// A struct read as [`Fields`], built by `build` (one non-generic function per type, so the code is
/// not repeated for each deserializer), refusing fields not in `expected`.
pub fn read_struct<'de, D: Deserializer<'de>, T>(
    d: D,
    what: &'static str,
    expected: Option<&'static [&'static str]>,
    build: fn(&mut Fields) -> Result<T, Error>,
) -> Result<T, D::Error> {
    let mut fields = Fields::read(d, what)?;
    build_struct(&mut fields, expected, build).map_err(de::Error::custom)
}

/// `build`, then the check that nothing is left.
pub fn build_struct<T>(
    fields: &mut Fields,
    expected: Option<&'static [&'static str]>,
    build: fn(&mut Fields) -> Result<T, Error>,
) -> Result<T, Error> {
    let value = build(fields)?;
    std::mem::replace(
        fields,
        Fields {
            entries: Vec::new(),
        },
    )
    .finish(expected)?;
    Ok(value)
}

/// A struct variant's payload, built as [`read_struct`] does.
pub fn payload_struct<T>(
    payload: Value,
    what: &'static str,
    expected: Option<&'static [&'static str]>,
    build: fn(&mut Fields) -> Result<T, Error>,
) -> Result<T, Error> {
    let mut fields = Fields::read(payload, what)?;
    build_struct(&mut fields, expected, build)
}

/// An externally tagged enum read as its variant name and payload, built by `build`.
pub fn read_enum<'de, D: Deserializer<'de>, T>(
    d: D,
    what: &'static str,
    expected: &'static [&'static str],
    build: fn(&str, Value) -> Result<T, Error>,
) -> Result<T, D::Error> {
    let (tag, payload) = d.deserialize_any(VariantVisitor { what })?;
    if !expected.contains(&tag.as_str()) {
        return Err(de::Error::unknown_variant(&tag, expected));
    }
    build(&tag, payload).map_err(|e| de::Error::custom(in_field(&tag, e)))
}

/// A unit variant's payload, which is absent.
pub fn unit(payload: Value) -> Result<(), Error> {
    match payload {
        Value::Null => Ok(()),
        _ => Err(de::Error::custom("a unit variant takes no value")),
    }
}

/// The error of a variant name the enum does not have.
pub fn unknown_variant(tag: &str) -> Error {
    de::Error::unknown_variant(tag, &[])
}

struct ObjectVisitor {
    what: &'static str,
}

impl<'de> Visitor<'de> for ObjectVisitor {
    type Value = Vec<(String, Value)>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "struct {}", self.what)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        entries(map)
    }
}

struct VariantVisitor {
    what: &'static str,
}

impl<'de> Visitor<'de> for VariantVisitor {
    type Value = (String, Value);

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "enum {}", self.what)
    }

    fn visit_str<E: de::Error>(self, tag: &str) -> Result<Self::Value, E> {
        Ok((tag.to_string(), Value::Null))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let mut entries = entries(map)?;
        match (entries.pop(), entries.is_empty()) {
            (Some(only), true) => Ok(only),
            _ => Err(de::Error::custom(format_args!(
                "enum {} takes exactly one variant",
                self.what
            ))),
        }
    }
}

/// The entries of an object, refusing a repeated key at any depth (two readers could take different
/// values: serde_json's own `Value` keeps the last one silently).
fn entries<'de, A: MapAccess<'de>>(mut map: A) -> Result<Vec<(String, Value)>, A::Error> {
    let mut entries: Vec<(String, Value)> = Vec::new();
    while let Some(key) = map.next_key::<String>()? {
        if entries.iter().any(|(seen, _)| *seen == key) {
            return Err(de::Error::custom(format_args!("duplicate field `{key}`")));
        }
        let value = map.next_value_seed(Strict)?;
        entries.push((key, value));
    }
    Ok(entries)
}

/// A JSON value read with [`entries`] for its objects. Numbers with a fraction or beyond 64 bits are
/// refused: the contracts' amounts and prices are strings.
struct Strict;

impl<'de> DeserializeSeed<'de> for Strict {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(Strict)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Value, A::Error> {
        Ok(Value::Object(entries(map)?.into_iter().collect()))
    }
}

/// Re-exported for the macros.
#[doc(hidden)]
pub use serde::{Deserialize as DeserializeTrait, Deserializer as DeserializerTrait};

/// `Deserialize` for a struct through [`Fields`]: list every field (the struct literal makes a
/// forgotten one a compile error); `field = default` takes `Default::default()` when absent. A list
/// that ends in `..` ignores other fields (another protocol's replies); otherwise they are refused.
#[macro_export]
macro_rules! json_struct {
    ($ty:ident { $($field:ident $(= $default:ident)?,)* .. }) => {
        $crate::json_struct!(@impl $ty None, $($field $(= $default)?),*);
    };
    ($ty:ident { $($field:ident $(= $default:ident)?),* $(,)? }) => {
        $crate::json_struct!(@impl $ty Some(&[$(stringify!($field)),*]), $($field $(= $default)?),*);
    };
    (@impl $ty:ident $expected:expr, $($field:ident $(= $default:ident)?),*) => {
        impl<'de> $crate::json::DeserializeTrait<'de> for $ty {
            fn deserialize<D: $crate::json::DeserializerTrait<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::json::read_struct(d, stringify!($ty), $expected, |fields| {
                    Ok($ty { $($field: $crate::json_struct!(@take fields $field $($default)?)),* })
                })
            }
        }
    };
    (@take $fields:ident $field:ident) => { $fields.take(stringify!($field))? };
    (@take $fields:ident $field:ident default) => { $fields.take_or_default(stringify!($field))? };
}

/// `Deserialize` for an externally tagged enum (serde's default, as `cw_serde` writes it). Each
/// variant is `"json_name" => Variant` then `unit`, `(_)` (one value) or `{ fields }` as in
/// [`json_struct!`] (`..` included).
#[macro_export]
macro_rules! json_enum {
    ($ty:ident { $($tag:literal => $variant:ident $payload:tt),* $(,)? }) => {
        impl<'de> $crate::json::DeserializeTrait<'de> for $ty {
            fn deserialize<D: $crate::json::DeserializerTrait<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::json::read_enum(d, stringify!($ty), &[$($tag),*], |tag, payload| match tag {
                    $($tag => $crate::json_enum!(@payload $ty $variant $payload payload),)*
                    // read_enum refused any other name
                    _ => Err($crate::json::unknown_variant(tag)),
                })
            }
        }
    };
    (@payload $ty:ident $variant:ident unit $payload:ident) => {
        $crate::json::unit($payload).map(|()| $ty::$variant)
    };
    (@payload $ty:ident $variant:ident (_) $payload:ident) => {
        $crate::json::decode($payload).map($ty::$variant)
    };
    (@payload $ty:ident $variant:ident { $($field:ident $(= $default:ident)?,)* .. } $payload:ident) => {
        $crate::json_enum!(@struct $ty $variant None, $payload, $($field $(= $default)?),*)
    };
    (@payload $ty:ident $variant:ident { $($field:ident $(= $default:ident)?),* } $payload:ident) => {
        $crate::json_enum!(@struct $ty $variant Some(&[$(stringify!($field)),*]), $payload, $($field $(= $default)?),*)
    };
    (@struct $ty:ident $variant:ident $expected:expr, $payload:ident, $($field:ident $(= $default:ident)?),*) => {
        $crate::json::payload_struct(
            $payload,
            concat!(stringify!($ty), "::", stringify!($variant)),
            $expected,
            #[allow(unused_variables)] // a variant without fields
            |fields| Ok($ty::$variant { $($field: $crate::json_struct!(@take fields $field $($default)?)),* }),
        )
    };
}

#[cfg(test)]
#[path = "json_tests.rs"]
mod tests;
