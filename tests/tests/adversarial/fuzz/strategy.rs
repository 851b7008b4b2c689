//! What the fuzzer sends: random bytes, random JSON built from the messages' own field names, and
//! valid messages mutated (a leaf replaced by an edge value, an unknown field, a field removed, the
//! variant renamed, the bytes cut or spliced).

use proptest::prelude::*;
use serde_json::{Map, Value, json};

/// One input of the fuzzer.
#[derive(Debug, Clone)]
pub enum Input {
    /// Any bytes.
    Bytes(Vec<u8>),
    /// Any JSON value.
    Json(Value),
    /// Seed number `seed` (of the executes or queries, modulo their count) with `ops` applied.
    Mutated { seed: usize, ops: Vec<(usize, Op)> },
}

/// One mutation of a seed; the `usize` beside it picks the node (modulo their count).
#[derive(Debug, Clone)]
pub enum Op {
    /// The node becomes this value.
    Replace(Value),
    /// An object node gets this field.
    AddField(String, Value),
    /// The node is removed from its parent.
    Remove,
    /// The variant's name changes case or gains a character.
    RenameVariant(u8),
    /// The message is wrapped in an array.
    WrapArray,
    /// The serialised bytes are cut at this position.
    Truncate(usize),
    /// This byte is inserted into the serialised bytes at this position.
    Splice(usize, u8),
}

/// Who sends and what is attached, picked per input.
#[derive(Debug, Clone)]
pub struct Envelope {
    /// Index into the senders.
    pub sender: usize,
    /// Base denom attached, if any.
    pub funds: Option<u128>,
}

/// Values at the edges of what our messages parse: numbers as strings past `Uint128` and `Int64`,
/// decimals past `Decimal`, empty and odd strings, and every JSON type.
pub fn edge_value_strategy() -> impl Strategy<Value = Value> {
    let strings = [
        "0",
        "1",
        "-1",
        "-0",
        "",
        " ",
        "\u{0}",
        "340282366920938463463374607431768211455",
        "340282366920938463463374607431768211456",
        "9223372036854775807",
        "-9223372036854775808",
        "18446744073709551616",
        "340282366920938463463.374607431768211455",
        "340282366920938463463.374607431768211456",
        "0.000000000000000001",
        "0.0000000000000000001",
        "1e40",
        "NaN",
        "-inf",
        "1.",
        ".5",
        "BTC-PERP",
        "b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7",
        "B7B7B7B7B7B7B7B7B7B7B7B7B7B7B7B7B7B7B7B7B7B7B7B7B7B7B7B7B7B7B7B7",
        "long",
        "short",
        "cosmwasm1qg5ega6dykkxc307y25pecuufrjkxkaggkkxh7nad0vhyhtuhw3sgetes3",
    ];
    prop_oneof![
        4 => prop::sample::select(strings.to_vec()).prop_map(|s| json!(s)),
        1 => "[ -~]{0,40}".prop_map(|s| json!(s)),
        1 => prop::sample::select(vec![
            json!(0),
            json!(-1),
            json!(i64::MIN),
            json!(i64::MAX),
            json!(u64::MAX),
            json!(i32::MIN),
            json!(i32::MAX),
            json!(0.5),
            json!(1e300),
            json!(null),
            json!(true),
            json!({}),
            json!([]),
        ]),
        1 => any::<i64>().prop_map(|n| json!(n)),
        1 => any::<u128>().prop_map(|n| json!(n.to_string())),
    ]
}

/// Random JSON whose keys come mostly from `vocabulary` (the messages' own names).
pub fn json_strategy(vocabulary: Vec<String>) -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        4 => prop::sample::select(vocabulary),
        1 => "[a-z_]{1,12}",
    ];
    edge_value_strategy().prop_recursive(4, 32, 4, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((key.clone(), inner), 0..4)
                .prop_map(|fields| Value::Object(fields.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

fn op_strategy(vocabulary: Vec<String>) -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => edge_value_strategy().prop_map(Op::Replace),
        2 => (prop::sample::select(vocabulary), edge_value_strategy())
            .prop_map(|(k, v)| Op::AddField(k, v)),
        2 => Just(Op::Remove),
        1 => any::<u8>().prop_map(Op::RenameVariant),
        1 => Just(Op::WrapArray),
        1 => any::<usize>().prop_map(Op::Truncate),
        1 => (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Op::Splice(at, b)),
    ]
}

/// The fuzzer's inputs: a fifth random bytes, a fifth random JSON, the rest mutated seeds.
pub fn input_strategy(vocabulary: Vec<String>) -> impl Strategy<Value = Input> {
    prop_oneof![
        1 => prop::collection::vec(any::<u8>(), 0..96).prop_map(Input::Bytes),
        1 => json_strategy(vocabulary.clone()).prop_map(Input::Json),
        3 => (
            any::<usize>(),
            prop::collection::vec((any::<usize>(), op_strategy(vocabulary)), 1..4)
        )
            .prop_map(|(seed, ops)| Input::Mutated { seed, ops }),
    ]
}

/// Sender and funds: mostly no funds, sometimes base denom from a funded sender.
pub fn envelope_strategy(senders: usize) -> impl Strategy<Value = Envelope> {
    (
        0..senders,
        prop::option::weighted(
            0.2,
            prop_oneof![
                Just(1u128),
                Just(1_000_000u128),
                Just(1_000_000_000_000u128)
            ],
        ),
    )
        .prop_map(|(sender, funds)| Envelope { sender, funds })
}

/// The serialised bytes of a mutated seed.
pub fn mutate(seed: &Value, ops: &[(usize, Op)]) -> Vec<u8> {
    let mut value = seed.clone();
    let mut cut: Vec<(usize, Option<u8>)> = Vec::new();
    for (pick, op) in ops {
        match op {
            Op::Truncate(at) => cut.push((*at, None)),
            Op::Splice(at, byte) => cut.push((*at, Some(*byte))),
            Op::WrapArray => value = json!([value]),
            Op::RenameVariant(how) => rename_variant(&mut value, *how),
            _ => {
                let mut nodes = Vec::new();
                collect_paths(&value, &mut vec![], &mut nodes);
                let path = nodes[pick % nodes.len()].clone();
                apply(&mut value, &path, op);
            }
        }
    }
    let mut bytes = serde_json::to_vec(&value).expect("serialisable");
    for (at, byte) in cut {
        let at = at % (bytes.len() + 1);
        match byte {
            None => bytes.truncate(at),
            Some(b) => bytes.insert(at, b),
        }
    }
    bytes
}

fn rename_variant(value: &mut Value, how: u8) {
    let Value::Object(map) = value else {
        return;
    };
    let Some(name) = map.keys().next().cloned() else {
        return;
    };
    let inner = map.remove(&name).unwrap_or(Value::Null);
    let renamed = match how % 3 {
        0 => name.to_uppercase(),
        1 => format!("{name}_"),
        _ => name.replace('_', ""),
    };
    map.insert(renamed, inner);
}

/// Paths (as keys or indices) of every node under `value`, the root included.
fn collect_paths(value: &Value, path: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(path.clone());
    let children: Vec<(String, &Value)> = match value {
        Value::Object(map) => map.iter().map(|(k, v)| (k.clone(), v)).collect(),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (i.to_string(), v))
            .collect(),
        _ => vec![],
    };
    for (key, child) in children {
        path.push(key);
        collect_paths(child, path, out);
        path.pop();
    }
}

fn apply(value: &mut Value, path: &[String], op: &Op) {
    let Some((last, parent_path)) = path.split_last() else {
        match (value, op) {
            (value, Op::Replace(v)) => *value = v.clone(),
            (Value::Object(map), Op::AddField(k, v)) => {
                map.insert(k.clone(), v.clone());
            }
            _ => {}
        }
        return;
    };
    let parent = parent_path.iter().fold(value, |v, k| match v {
        Value::Array(items) => &mut items[k.parse::<usize>().unwrap_or(0)],
        other => &mut other[k.as_str()],
    });
    match (parent, op) {
        (Value::Object(map), Op::Remove) => {
            map.remove(last);
        }
        (Value::Array(items), Op::Remove) => {
            items.remove(last.parse::<usize>().unwrap_or(0));
        }
        (parent, Op::Replace(v)) => *node(parent, last) = v.clone(),
        (parent, Op::AddField(k, v)) => {
            if let Value::Object(map) = node(parent, last) {
                map.insert(k.clone(), v.clone());
            }
        }
        _ => {}
    }
}

fn node<'a>(parent: &'a mut Value, key: &str) -> &'a mut Value {
    match parent {
        Value::Array(items) => &mut items[key.parse::<usize>().unwrap_or(0)],
        other => &mut other[key],
    }
}
