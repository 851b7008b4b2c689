//! JSON decoding of the messages and records the contracts read, through one shared object reader.
//!
//! serde's derived `Deserialize` expands a state machine per struct, which serde_json instantiates for
//! both the object and the array form: 1.5 to 7 KB of wasm per type, 120 KB of the vault's 600 KB.
//! Here an object is read once into its fields, each kept as its raw JSON text, and each field is then
//! parsed by its type's own impl, shared by every record that holds that type. The JSON accepted is the
//! derive's: unknown, repeated and missing fields are refused by name, `Option` fields may be absent,
//! fields marked `= default` take their default when absent, and a type marked `..` (a reply from
//! another protocol) skips the fields it does not read, whatever they hold. Only the object form of a
//! struct is read (the derive also took an array). The fields borrow their text from the input, so these
//! types are read from JSON text (`from_slice`, `from_str`, as cosmwasm-std does), not from a
//! `serde_json::Value`. Serialisation and schemas stay derived.
//!
//! ```ignore
//! json_struct!(Estimator { lambda, vol_step, min_observations });
//! json_enum!(Venue { "ballast" => Ballast unit, "levana" => Levana(_) });
//! ```

use std::fmt;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor,
};
pub use serde_json::Error;
use serde_json::value::RawValue;

/// The shape of a struct: its name for errors, its fields, and whether other fields are skipped.
#[derive(Clone, Copy)]
pub struct Shape {
    /// `struct` or `Enum::Variant`.
    pub what: &'static str,
    /// Every field it reads.
    pub fields: &'static [&'static str],
    /// Other fields are skipped rather than refused.
    pub lenient: bool,
}

/// A JSON object's fields, each as its raw text in the input, taken one by one by name.
pub struct Fields<'de> {
    entries: Vec<(&'static str, &'de RawValue)>,
}

impl<'de> Fields<'de> {
    /// Reads an object of `shape`: a field it does not have is refused there (or skipped when
    /// lenient), a repeated one too (two readers could take different values).
    pub fn read<D: Deserializer<'de>>(d: D, shape: Shape) -> Result<Self, D::Error> {
        d.deserialize_map(ObjectVisitor { shape })
            .map(|entries| Fields { entries })
    }

    /// The field `name`; an absent field is JSON `null`, which only an `Option` accepts.
    pub fn take<T: DeserializeOwned>(&mut self, name: &'static str) -> Result<T, Error> {
        match self.remove(name) {
            Some(raw) => decode(Some(raw)).map_err(|e| in_field(name, e)),
            None => decode(None).map_err(|_| de::Error::missing_field(name)),
        }
    }

    /// The field `name`, or its type's default when absent.
    pub fn take_or_default<T: DeserializeOwned + Default>(
        &mut self,
        name: &'static str,
    ) -> Result<T, Error> {
        match self.remove(name) {
            Some(raw) => decode(Some(raw)).map_err(|e| in_field(name, e)),
            None => Ok(T::default()),
        }
    }

    fn remove(&mut self, name: &str) -> Option<&'de RawValue> {
        let at = self.entries.iter().position(|(key, _)| *key == name)?;
        Some(self.entries.swap_remove(at).1)
    }
}

/// A value parsed from its raw text (none: JSON `null`), by the same parser as the message.
pub fn decode<T: DeserializeOwned>(raw: Option<&RawValue>) -> Result<T, Error> {
    serde_json::from_slice(raw.map_or("null", RawValue::get).as_bytes())
}

/// The error of the field or variant `name`, which says where it came from.
pub fn in_field(name: &str, e: Error) -> Error {
    de::Error::custom(format_args!("{name}: {e}"))
}

/// A struct of `shape` built by `build` (one non-generic function per type, so the code is not
/// repeated for each deserializer).
pub fn read_struct<'de, D: Deserializer<'de>, T>(
    d: D,
    shape: Shape,
    build: fn(&mut Fields<'de>) -> Result<T, Error>,
) -> Result<T, D::Error> {
    let mut fields = Fields::read(d, shape)?;
    build(&mut fields).map_err(de::Error::custom)
}

/// A struct variant's payload (none: the variant was written as a bare name), built as
/// [`read_struct`] does.
pub fn payload_struct<'de, T>(
    payload: Option<&'de RawValue>,
    shape: Shape,
    build: fn(&mut Fields<'de>) -> Result<T, Error>,
) -> Result<T, Error> {
    let text = payload.map_or("null", RawValue::get);
    let mut d = serde_json::Deserializer::from_slice(text.as_bytes());
    let mut fields = Fields::read(&mut d, shape)?;
    d.end()?;
    build(&mut fields)
}

/// An externally tagged enum read as its variant name and payload, built by `build`.
pub fn read_enum<'de, D: Deserializer<'de>, T>(
    d: D,
    what: &'static str,
    variants: &'static [&'static str],
    build: fn(&str, Option<&'de RawValue>) -> Result<T, Error>,
) -> Result<T, D::Error> {
    let (tag, payload) = d.deserialize_any(VariantVisitor { what, variants })?;
    build(&tag, payload).map_err(|e| de::Error::custom(in_field(&tag, e)))
}

/// A unit variant's payload, which is absent or `null`.
pub fn unit(payload: Option<&RawValue>) -> Result<(), Error> {
    match payload.map(RawValue::get) {
        None | Some("null") => Ok(()),
        Some(_) => Err(de::Error::custom("a unit variant takes no value")),
    }
}

/// The error of a variant name the enum does not have.
pub fn unknown_variant(tag: &str) -> Error {
    de::Error::unknown_variant(tag, &[])
}

struct ObjectVisitor {
    shape: Shape,
}

impl<'de> Visitor<'de> for ObjectVisitor {
    type Value = Vec<(&'static str, &'de RawValue)>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "struct {}", self.shape.what)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let Shape {
            fields, lenient, ..
        } = self.shape;
        let mut entries: Vec<(&'static str, &'de RawValue)> = Vec::new();
        while let Some(key) = map.next_key_seed(Key { fields })? {
            let name = match key {
                Ok(name) => name,
                Err(_) if lenient => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
                Err(unknown) => return Err(de::Error::unknown_field(&unknown, fields)),
            };
            if entries.iter().any(|(seen, _)| *seen == name) {
                return Err(de::Error::custom(format_args!("duplicate field `{name}`")));
            }
            entries.push((name, map.next_value()?));
        }
        Ok(entries)
    }
}

/// A key matched against a struct's field names without copying it; an unknown one is kept for its
/// error.
struct Key {
    fields: &'static [&'static str],
}

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Result<&'static str, String>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = Result<&'static str, String>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        let known = self.fields.iter().copied().find(|name| *name == key);
        Ok(known.ok_or_else(|| key.to_string()))
    }
}

struct VariantVisitor {
    what: &'static str,
    variants: &'static [&'static str],
}

impl VariantVisitor {
    fn known<E: de::Error>(&self, tag: &str) -> Result<(), E> {
        if self.variants.contains(&tag) {
            Ok(())
        } else {
            Err(E::unknown_variant(tag, self.variants))
        }
    }
}

impl<'de> Visitor<'de> for VariantVisitor {
    type Value = (String, Option<&'de RawValue>);

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "enum {}", self.what)
    }

    fn visit_str<E: de::Error>(self, tag: &str) -> Result<Self::Value, E> {
        self.known(tag)?;
        Ok((tag.to_string(), None))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let only = |what| de::Error::custom(format_args!("enum {what} takes exactly one variant"));
        let tag = map.next_key::<String>()?.ok_or_else(|| only(self.what))?;
        self.known(&tag)?;
        let payload = map.next_value()?;
        if map.next_key::<IgnoredAny>()?.is_some() {
            return Err(only(self.what));
        }
        Ok((tag, Some(payload)))
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
        $crate::json_struct!(@impl $ty true, $($field $(= $default)?),*);
    };
    ($ty:ident { $($field:ident $(= $default:ident)?),* $(,)? }) => {
        $crate::json_struct!(@impl $ty false, $($field $(= $default)?),*);
    };
    (@impl $ty:ident $lenient:expr, $($field:ident $(= $default:ident)?),*) => {
        impl<'de> $crate::json::DeserializeTrait<'de> for $ty {
            fn deserialize<D: $crate::json::DeserializerTrait<'de>>(d: D) -> Result<Self, D::Error> {
                let shape = $crate::json::Shape {
                    what: stringify!($ty),
                    fields: &[$(stringify!($field)),*],
                    lenient: $lenient,
                };
                $crate::json::read_struct(d, shape, |fields| {
                    Ok($ty { $($field: $crate::json_struct!(@take fields $field $($default)?)),* })
                })
            }
        }
    };
    (@take $fields:ident $field:ident) => { $fields.take(stringify!($field))? };
    (@take $fields:ident $field:ident default) => { $fields.take_or_default(stringify!($field))? };
}

/// `Serialize` for a fieldless enum by its `name()`: one string per variant instead of serde's derive,
/// which the contracts would carry twice (once per serializer they use). The JSON is the same.
#[macro_export]
macro_rules! serialize_by_name {
    ($ty:ident) => {
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.name())
            }
        }
    };
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
        $crate::json_enum!(@struct $ty $variant true, $payload, $($field $(= $default)?),*)
    };
    (@payload $ty:ident $variant:ident { $($field:ident $(= $default:ident)?),* } $payload:ident) => {
        $crate::json_enum!(@struct $ty $variant false, $payload, $($field $(= $default)?),*)
    };
    (@struct $ty:ident $variant:ident $lenient:expr, $payload:ident, $($field:ident $(= $default:ident)?),*) => {
        $crate::json::payload_struct(
            $payload,
            $crate::json::Shape {
                what: concat!(stringify!($ty), "::", stringify!($variant)),
                fields: &[$(stringify!($field)),*],
                lenient: $lenient,
            },
            #[allow(unused_variables)] // a variant without fields
            |fields| Ok($ty::$variant { $($field: $crate::json_struct!(@take fields $field $($default)?)),* }),
        )
    };
}

#[cfg(test)]
#[path = "json_tests.rs"]
mod tests;
