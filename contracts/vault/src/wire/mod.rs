//! The order path's JSON, written and read by hand: its queries (oracle, perp market, bank) and the
//! re-mark message it sends itself.
//!
//! `QuerierWrapper::query_wasm_smart` serialises the query through serde_json, wraps it base64-encoded
//! in a `QueryRequest` through serde_json again, and parses the host's `{"ok":{"ok":"<base64>"}}`
//! back the same way: in cosmwasm-vm that envelope cost 21M gas of the oracle read's 37M, more than
//! the vault's risk math (cosmwasm-vm charges 115 gas per wasm operation and 14 times that per branch,
//! call and block end). Here the request is written directly and, on wasm, the host's answer is read
//! with the same calling convention as cosmwasm-std's `ExternalQuerier` (the `query_chain` import
//! and its memory `Region`), its envelope stripped and its base64 decoded by a plain loop. Any other
//! envelope (an error, or text the loop refuses) goes through cosmwasm-std's parser, so errors read
//! exactly as `query_wasm_smart`'s. The answers are read in one pass by `answers` (on `reader`).
//! Every writer here is tested against the serde serialisation of the message it stands for.

use cosmwasm_std::{
    ContractResult, QuerierResult, QuerierWrapper, StdError, StdResult, SystemResult,
};

pub mod answers;
mod reader;

/// Runs the smart query `msg` on `contract`: the answer's JSON text.
pub fn smart_query(querier: &QuerierWrapper, contract: &str, msg: &[u8]) -> StdResult<Vec<u8>> {
    raw_query(querier, &smart_request(contract, msg))
}

/// Runs `request`, the JSON of a `QueryRequest`: the answer's JSON text.
pub fn raw_query(querier: &QuerierWrapper, request: &[u8]) -> StdResult<Vec<u8>> {
    #[cfg(target_arch = "wasm32")]
    {
        let _ = querier;
        let answer = host::send(request)?;
        if let Some(value) = ok_answer(&answer) {
            return Ok(value);
        }
        let parsed = cosmwasm_std::from_json(&answer).unwrap_or_else(|e| {
            SystemResult::Err(cosmwasm_std::SystemError::InvalidResponse {
                error: e.to_string(),
                response: answer.into(),
            })
        });
        envelope(parsed)
    }
    #[cfg(not(target_arch = "wasm32"))]
    envelope(querier.raw_query(request))
}

/// The host's answer as `QuerierWrapper::query` reads it.
fn envelope(result: QuerierResult) -> StdResult<Vec<u8>> {
    match result {
        SystemResult::Err(e) => Err(StdError::msg(format_args!("Querier system error: {e}"))),
        SystemResult::Ok(ContractResult::Err(e)) => {
            Err(StdError::msg(format_args!("Querier contract error: {e}")))
        }
        SystemResult::Ok(ContractResult::Ok(value)) => Ok(value.into()),
    }
}

/// `{"wasm":{"smart":{"contract_addr":..,"msg":<base64>}}}`, the JSON of `QueryRequest::Wasm`.
pub fn smart_request(contract: &str, msg: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 + contract.len() + msg.len() * 4 / 3);
    out.extend_from_slice(br#"{"wasm":{"smart":{"contract_addr":"#);
    push_json_str(&mut out, contract);
    out.extend_from_slice(br#","msg":""#);
    base64_encode(msg, &mut out);
    out.extend_from_slice(br#""}}}"#);
    out
}

/// The value of a successful answer, `{"ok":{"ok":"<base64>"}}`; None for any other text.
pub fn ok_answer(answer: &[u8]) -> Option<Vec<u8>> {
    let encoded = answer
        .strip_prefix(br#"{"ok":{"ok":""#)?
        .strip_suffix(br#""}}"#)?;
    base64_decode(encoded)
}

/// Appends `s` as a JSON string: quoted, with `"`, `\` and control characters escaped.
pub fn push_json_str(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    let mut rest = s.as_bytes();
    while let Some(at) = rest
        .iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
    {
        out.extend_from_slice(&rest[..at]);
        match rest[at] {
            b @ (b'"' | b'\\') => out.extend_from_slice(&[b'\\', b]),
            b => out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(b >> 4)],
                HEX[usize::from(b & 15)],
            ]),
        }
        rest = &rest[at + 1..];
    }
    out.extend_from_slice(rest);
    out.push(b'"');
}

/// `{"remark_after_trade":{"market":..,"price":..}}`, the JSON of `ExecuteMsg::RemarkAfterTrade`
/// written directly: serde's would link the serialisation of every execute message.
pub fn remark_after_trade(market: &str, price: &ballast_types::pyth::PythPrice) -> Vec<u8> {
    let mut msg = br#"{"remark_after_trade":{"market":"#.to_vec();
    push_json_str(&mut msg, market);
    msg.extend_from_slice(br#","price":"#);
    push_pyth_price(&mut msg, price);
    msg.extend_from_slice(b"}}");
    msg
}

/// Appends a price as Pyth's JSON writes it: `{"price":"..","conf":"..","expo":..,"publish_time":..}`.
pub fn push_pyth_price(out: &mut Vec<u8>, price: &ballast_types::pyth::PythPrice) {
    out.extend_from_slice(br#"{"price":""#);
    push_i64(out, price.price.i64());
    out.extend_from_slice(br#"","conf":""#);
    push_u64(out, price.conf.u64());
    out.extend_from_slice(br#"","expo":"#);
    push_i64(out, price.expo.into());
    out.extend_from_slice(br#","publish_time":"#);
    push_i64(out, price.publish_time);
    out.push(b'}');
}

/// Appends an integer in decimal (without `core::fmt`, which costs several times as much gas).
pub fn push_i64(out: &mut Vec<u8>, n: i64) {
    if n < 0 {
        out.push(b'-');
    }
    push_u64(out, n.unsigned_abs());
}

/// Appends an unsigned integer in decimal; 64-bit division, which wasm does natively (128-bit
/// division is a library call).
pub fn push_u64(out: &mut Vec<u8>, n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

const HEX: &[u8; 16] = b"0123456789abcdef";
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const INVALID: u8 = 0xff;
/// Each byte's 6-bit value in the standard alphabet, `INVALID` for any other byte.
// A static, not a const: a const array indexed at run time is copied onto the stack at each use.
static VALUES: [u8; 256] = {
    let mut values = [INVALID; 256];
    let mut i = 0;
    while i < 64 {
        values[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    values
};

/// Appends standard base64 with padding, as cosmwasm-std's `Binary` writes it.
pub fn base64_encode(input: &[u8], out: &mut Vec<u8>) {
    // Indexed loops over whole groups: cosmwasm-vm charges 14 operations for every branch, call and
    // block end, and iterator adaptors stay calls at the contracts' opt-level.
    let (mut i, mut o) = (0, out.len());
    out.resize(o + input.len().div_ceil(3) * 4, b'=');
    while i + 3 <= input.len() {
        let c = &input[i..i + 3];
        let n = u32::from(c[0]) << 16 | u32::from(c[1]) << 8 | u32::from(c[2]);
        let group = &mut out[o..o + 4];
        group[0] = symbol(n >> 18);
        group[1] = symbol(n >> 12);
        group[2] = symbol(n >> 6);
        group[3] = symbol(n);
        (i, o) = (i + 3, o + 4);
    }
    let rest = &input[i..];
    if !rest.is_empty() {
        let second = rest.get(1).map_or(0, |&b| u32::from(b));
        let n = u32::from(rest[0]) << 16 | second << 8;
        out[o] = symbol(n >> 18);
        out[o + 1] = symbol(n >> 12);
        if rest.len() == 2 {
            out[o + 2] = symbol(n >> 6);
        }
    }
}

/// The symbol of the low six bits of `n`.
#[inline(always)]
fn symbol(n: u32) -> u8 {
    ALPHABET[(n & 63) as usize]
}

/// Standard base64, padded, short-padded or not; None for any other character, a length no encoding
/// has, or non-zero bits after the last byte (which cosmwasm-std's decoder also refuses).
pub fn base64_decode(input: &[u8]) -> Option<Vec<u8>> {
    let original_len = input.len();
    let input = input
        .strip_suffix(b"==")
        .or_else(|| input.strip_suffix(b"="))
        .unwrap_or(input);
    let tail = input.len() % 4;
    // Padding may be left out or written short (cosmwasm-std's decoder takes both), not where the
    // last group is whole, nor longer than it lacks.
    let padding = original_len - input.len();
    if tail == 1 || (tail == 0 && padding > 0) || (tail == 3 && padding > 1) {
        return None;
    }
    let mut out = vec![0u8; input.len() / 4 * 3 + tail * 3 / 4];
    // An invalid symbol sets bit 7 here: checked once at the end, not per symbol.
    let mut invalid = 0u8;
    let (mut i, mut o) = (0, 0);
    while i + 4 <= input.len() {
        let c = &input[i..i + 4];
        let (a, b, d, e) = (value(c[0]), value(c[1]), value(c[2]), value(c[3]));
        invalid |= a | b | d | e;
        let n = u32::from(a) << 18 | u32::from(b) << 12 | u32::from(d) << 6 | u32::from(e);
        let group = &mut out[o..o + 3];
        group[0] = (n >> 16) as u8;
        group[1] = (n >> 8) as u8;
        group[2] = n as u8;
        (i, o) = (i + 4, o + 3);
    }
    if tail > 0 {
        let third = if tail == 3 { value(input[i + 2]) } else { 0 };
        let (a, b) = (value(input[i]), value(input[i + 1]));
        invalid |= a | b | third;
        let n = u32::from(a) << 18 | u32::from(b) << 12 | u32::from(third) << 6;
        out[o] = (n >> 16) as u8;
        // the bits after the last byte must be zero
        let spare = if tail == 3 {
            out[o + 1] = (n >> 8) as u8;
            n & 0xff
        } else {
            n & 0xffff
        };
        if spare != 0 {
            return None;
        }
    }
    (invalid & 0x80 == 0).then_some(out)
}

/// A symbol's six bits, `INVALID` (bit 7 set) for a byte outside the alphabet.
#[inline(always)]
fn value(symbol: u8) -> u8 {
    VALUES[usize::from(symbol)]
}

#[cfg(target_arch = "wasm32")]
mod host {
    /// cosmwasm-std's `Region`: where a byte buffer sits in the contract's memory.
    #[repr(C)]
    struct Region {
        offset: u32,
        capacity: u32,
        length: u32,
    }

    unsafe extern "C" {
        /// The import behind cosmwasm-std's `QuerierWrapper::raw_query`.
        fn query_chain(request: u32) -> u32;
    }

    /// Sends `request` to the host; its answer's bytes, which the host wrote into a buffer it
    /// allocated through cosmwasm-std's `allocate` export, as `ExternalQuerier::raw_query` reads it.
    pub fn send(request: &[u8]) -> cosmwasm_std::StdResult<Vec<u8>> {
        let region = Region {
            offset: request.as_ptr() as u32,
            capacity: request.len() as u32,
            length: request.len() as u32,
        };
        let answer = unsafe { query_chain(&region as *const Region as u32) };
        if answer == 0 {
            return Err(cosmwasm_std::StdError::msg(
                "query_chain returned no region",
            ));
        }
        // SAFETY: the host hands over a boxed Region it allocated with `allocate`, as cosmwasm-std's
        // `Region::from_heap_ptr(..).into_vec()` takes it; the layout is the same 12 bytes.
        Ok(unsafe {
            let region = Box::from_raw(answer as *mut Region);
            Vec::from_raw_parts(
                region.offset as *mut u8,
                region.length as usize,
                region.capacity as usize,
            )
        })
    }
}

#[cfg(test)]
mod tests;
