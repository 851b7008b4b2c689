//! Binary storage of the records every order reads and writes (issue #7).
//!
//! In the VM a JSON record is costly: each character written costs about 17k gas and each Uint128 or
//! Decimal is printed and parsed digit by digit (a Uint128 field costs about 0.8M gas to write). The
//! records an order touches (config, params, its market, volatility, mark, totals) are therefore stored
//! as their fields in declaration order, little-endian and fixed-width: a Decimal is its 16-byte atomics.
//! A record's field list is checked by the compiler (`compact!` builds the struct literal), so a new
//! field cannot be forgotten. Cold and variable-shape values (a venue's terms) stay JSON inside.

use std::marker::PhantomData;

use cosmwasm_std::{Addr, Decimal, Int128, StdError, StdResult, Storage, Uint128};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// A value with a binary storage form.
pub trait Compact: Sized {
    /// Appends the value's bytes.
    fn write(&self, out: &mut Vec<u8>);
    /// Reads the value back from the front of `input`.
    fn read(input: &mut Reader) -> StdResult<Self>;

    /// The value's bytes.
    fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(64);
        self.write(&mut out);
        out
    }

    /// The value from exactly `bytes`; `what` names the record in errors.
    fn from_bytes(bytes: &[u8], what: &'static str) -> StdResult<Self> {
        let mut reader = Reader { bytes, what };
        let value = Self::read(&mut reader)?;
        if !reader.bytes.is_empty() {
            return Err(reader.malformed("trailing bytes"));
        }
        Ok(value)
    }
}

/// The unread rest of a stored record.
pub struct Reader<'a> {
    bytes: &'a [u8],
    what: &'static str,
}

impl<'a> Reader<'a> {
    fn take<const N: usize>(&mut self) -> StdResult<[u8; N]> {
        let (head, rest) = self
            .bytes
            .split_first_chunk::<N>()
            .ok_or_else(|| self.malformed("too short"))?;
        self.bytes = rest;
        Ok(*head)
    }

    /// Bytes written by `write_prefixed`.
    fn take_prefixed(&mut self) -> StdResult<&'a [u8]> {
        let len = usize::try_from(u32::read(self)?).map_err(|_| self.malformed("length"))?;
        if self.bytes.len() < len {
            return Err(self.malformed("too short"));
        }
        let (head, rest) = self.bytes.split_at(len);
        self.bytes = rest;
        Ok(head)
    }

    /// The error of a record that cannot be read back.
    pub fn malformed(&self, why: &str) -> StdError {
        StdError::msg(format!("stored {} is malformed: {why}", self.what))
    }
}

macro_rules! compact_int {
    ($($t:ty),*) => {$(
        impl Compact for $t {
            fn write(&self, out: &mut Vec<u8>) {
                out.extend_from_slice(&self.to_le_bytes());
            }
            fn read(input: &mut Reader) -> StdResult<Self> {
                Ok(<$t>::from_le_bytes(input.take()?))
            }
        }
    )*};
}
compact_int!(u8, u32, i32, u64, u128, i128);

impl Compact for ballast_types::vault::TokenFactory {
    fn write(&self, out: &mut Vec<u8>) {
        out.push(match self {
            Self::Osmosis => 0,
            Self::Injective => 1,
        });
    }
    fn read(input: &mut Reader) -> StdResult<Self> {
        match u8::read(input)? {
            0 => Ok(Self::Osmosis),
            1 => Ok(Self::Injective),
            _ => Err(input.malformed("token factory is not 0 or 1")),
        }
    }
}

impl Compact for bool {
    fn write(&self, out: &mut Vec<u8>) {
        out.push(u8::from(*self));
    }
    fn read(input: &mut Reader) -> StdResult<Self> {
        match u8::read(input)? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(input.malformed("bool is not 0 or 1")),
        }
    }
}

impl Compact for Uint128 {
    fn write(&self, out: &mut Vec<u8>) {
        self.u128().write(out);
    }
    fn read(input: &mut Reader) -> StdResult<Self> {
        Ok(Uint128::new(u128::read(input)?))
    }
}

impl Compact for Int128 {
    fn write(&self, out: &mut Vec<u8>) {
        self.i128().write(out);
    }
    fn read(input: &mut Reader) -> StdResult<Self> {
        Ok(Int128::new(i128::read(input)?))
    }
}

impl Compact for Decimal {
    fn write(&self, out: &mut Vec<u8>) {
        self.atomics().write(out);
    }
    fn read(input: &mut Reader) -> StdResult<Self> {
        Ok(Decimal::new(Uint128::read(input)?))
    }
}

/// Appends `bytes` after their length (u32): strings and JSON fields.
fn write_prefixed(bytes: &[u8], out: &mut Vec<u8>) {
    // Market ids, denoms, addresses and venue terms: far below 4 GiB.
    u32::try_from(bytes.len()).unwrap_or(u32::MAX).write(out);
    out.extend_from_slice(bytes);
}

impl Compact for String {
    fn write(&self, out: &mut Vec<u8>) {
        write_prefixed(self.as_bytes(), out);
    }
    fn read(input: &mut Reader) -> StdResult<Self> {
        let bytes = input.take_prefixed()?;
        String::from_utf8(bytes.to_vec()).map_err(|_| input.malformed("string is not UTF-8"))
    }
}

impl Compact for Addr {
    fn write(&self, out: &mut Vec<u8>) {
        write_prefixed(self.as_bytes(), out);
    }
    fn read(input: &mut Reader) -> StdResult<Self> {
        // Only addresses validated before they were stored are ever written.
        Ok(Addr::unchecked(String::read(input)?))
    }
}

impl<T: Compact> Compact for Option<T> {
    fn write(&self, out: &mut Vec<u8>) {
        match self {
            None => out.push(0),
            Some(value) => {
                out.push(1);
                value.write(out);
            }
        }
    }
    fn read(input: &mut Reader) -> StdResult<Self> {
        match u8::read(input)? {
            0 => Ok(None),
            1 => Ok(Some(T::read(input)?)),
            _ => Err(input.malformed("option tag is not 0 or 1")),
        }
    }
}

/// A value stored as length-prefixed JSON inside a binary record: for cold, variable-shape fields.
pub fn write_json<T: Serialize>(value: &T, out: &mut Vec<u8>) {
    // Serializing the contract's own types to a Vec cannot fail (no maps with non-string keys).
    let json = cosmwasm_std::to_json_vec(value).unwrap_or_default();
    write_prefixed(&json, out);
}

/// Reads a value written by `write_json`.
pub fn read_json<T: DeserializeOwned>(input: &mut Reader) -> StdResult<T> {
    cosmwasm_std::from_json(input.take_prefixed()?)
}

/// Implements `Compact` for a struct by its fields, written in the order listed. The struct literal in
/// `read` makes the compiler refuse a list that misses a field.
macro_rules! compact {
    ($ty:ty { $($field:ident),* $(,)? }) => {
        impl $crate::codec::Compact for $ty {
            fn write(&self, out: &mut Vec<u8>) {
                $( $crate::codec::Compact::write(&self.$field, out); )*
            }
            fn read(input: &mut $crate::codec::Reader) -> cosmwasm_std::StdResult<Self> {
                Ok(Self { $( $field: $crate::codec::Compact::read(input)?, )* })
            }
        }
    };
}
pub(crate) use compact;

/// A single binary record under a storage key (the `Item` of `Compact` values).
pub struct CompactItem<T> {
    key: &'static str,
    value: PhantomData<T>,
}

impl<T: Compact> CompactItem<T> {
    /// The record at `key`.
    pub const fn new(key: &'static str) -> Self {
        Self {
            key,
            value: PhantomData,
        }
    }

    /// The storage key.
    pub fn key(&self) -> &'static [u8] {
        self.key.as_bytes()
    }

    /// The record; an error naming its key when absent.
    pub fn load(&self, storage: &dyn Storage) -> StdResult<T> {
        self.may_load(storage)?
            .ok_or_else(|| StdError::msg(format!("record {:?} not found", self.key)))
    }

    /// The record, if stored.
    pub fn may_load(&self, storage: &dyn Storage) -> StdResult<Option<T>> {
        storage
            .get(self.key.as_bytes())
            .map(|bytes| T::from_bytes(&bytes, self.key))
            .transpose()
    }

    /// Stores the record.
    pub fn save(&self, storage: &mut dyn Storage, value: &T) -> StdResult<()> {
        storage.set(self.key.as_bytes(), &value.to_bytes());
        Ok(())
    }

    /// Removes the record.
    pub fn remove(&self, storage: &mut dyn Storage) {
        storage.remove(self.key.as_bytes());
    }
}

/// Binary records by market id (the `Map<&str, _>` of `Compact` values, with the same key layout).
pub struct CompactMap<T> {
    namespace: &'static str,
    value: PhantomData<T>,
}

impl<T: Compact> CompactMap<T> {
    /// Records under `namespace`.
    pub const fn new(namespace: &'static str) -> Self {
        Self {
            namespace,
            value: PhantomData,
        }
    }

    /// cw-storage-plus's key of a `Map<&str, _>` entry: the namespace's length (u16, big-endian), the
    /// namespace, the market id (with `""`, the prefix of every entry's key).
    pub fn key(&self, market: &str) -> Vec<u8> {
        let namespace = self.namespace.as_bytes();
        let mut key = Vec::with_capacity(2 + namespace.len() + market.len());
        // Namespaces are the short literals of `state.rs`.
        key.extend_from_slice(
            &u16::try_from(namespace.len())
                .unwrap_or(u16::MAX)
                .to_be_bytes(),
        );
        key.extend_from_slice(namespace);
        key.extend_from_slice(market.as_bytes());
        key
    }

    /// The record of `market`; an error naming the map and market when absent.
    pub fn load(&self, storage: &dyn Storage, market: &str) -> StdResult<T> {
        self.may_load(storage, market)?.ok_or_else(|| {
            StdError::msg(format!("record {:?} of {market} not found", self.namespace))
        })
    }

    /// The record of `market`, if stored.
    pub fn may_load(&self, storage: &dyn Storage, market: &str) -> StdResult<Option<T>> {
        storage
            .get(&self.key(market))
            .map(|bytes| T::from_bytes(&bytes, self.namespace))
            .transpose()
    }

    /// Whether `market` has a record.
    pub fn has(&self, storage: &dyn Storage, market: &str) -> bool {
        storage.get(&self.key(market)).is_some()
    }

    /// Stores the record of `market`.
    pub fn save(&self, storage: &mut dyn Storage, market: &str, value: &T) -> StdResult<()> {
        storage.set(&self.key(market), &value.to_bytes());
        Ok(())
    }

    /// Removes the record of `market`.
    pub fn remove(&self, storage: &mut dyn Storage, market: &str) {
        storage.remove(&self.key(market));
    }
}

#[cfg(test)]
#[path = "codec_tests.rs"]
mod tests;
