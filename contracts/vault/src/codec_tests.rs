use cosmwasm_std::testing::MockStorage;
use cw_storage_plus::Map;

use super::*;

#[derive(Debug, PartialEq)]
struct Sample {
    flag: bool,
    small: u32,
    time: u64,
    signed: i32,
    amount: Uint128,
    pnl: Int128,
    ratio: Decimal,
    name: String,
    owner: Addr,
    maybe: Option<Decimal>,
    absent: Option<u64>,
}
compact!(Sample {
    flag,
    small,
    time,
    signed,
    amount,
    pnl,
    ratio,
    name,
    owner,
    maybe,
    absent
});

fn sample() -> Sample {
    Sample {
        flag: true,
        small: u32::MAX,
        time: 1_700_000_000,
        signed: -8,
        amount: Uint128::MAX,
        pnl: Int128::MIN,
        ratio: Decimal::percent(37),
        name: "BTC-PERP".into(),
        owner: Addr::unchecked("cosmwasm1owner"),
        maybe: Some(Decimal::MAX),
        absent: None,
    }
}

#[test]
fn a_record_round_trips_at_the_extremes() {
    let bytes = sample().to_bytes();
    assert_eq!(Sample::from_bytes(&bytes, "sample").unwrap(), sample());
}

#[test]
fn a_short_or_long_record_is_refused_by_name() {
    let bytes = sample().to_bytes();
    let short = Sample::from_bytes(&bytes[..bytes.len() - 1], "sample").unwrap_err();
    assert!(
        short
            .to_string()
            .contains("stored sample is malformed: too short")
    );
    let mut long = bytes.clone();
    long.push(0);
    let long = Sample::from_bytes(&long, "sample").unwrap_err();
    assert!(long.to_string().contains("trailing bytes"));
}

#[test]
fn bad_tags_are_refused() {
    assert!(bool::from_bytes(&[2], "flag").is_err());
    assert!(Option::<u8>::from_bytes(&[7, 0], "maybe").is_err());
    assert!(String::from_bytes(&[2, 0, 0, 0, 0xff, 0xfe], "name").is_err());
}

#[test]
fn json_fields_round_trip() {
    let mut out = vec![];
    write_json(&vec!["a".to_string()], &mut out);
    let mut reader = Reader {
        bytes: &out,
        what: "json",
    };
    assert_eq!(read_json::<Vec<String>>(&mut reader).unwrap(), vec!["a"]);
    assert!(reader.bytes.is_empty());
}

#[test]
fn map_keys_are_cw_storage_plus_keys() {
    const OURS: CompactMap<u64> = CompactMap::new("k");
    const THEIRS: Map<&str, u64> = Map::new("k");
    assert_eq!(OURS.key("BTC-PERP"), THEIRS.key("BTC-PERP").to_vec());
}

#[test]
fn items_and_maps_store_load_and_remove() {
    const ITEM: CompactItem<u64> = CompactItem::new("i");
    const MAP: CompactMap<u64> = CompactMap::new("m");
    let mut storage = MockStorage::new();
    assert!(
        ITEM.load(&storage)
            .unwrap_err()
            .to_string()
            .contains("\"i\" not found")
    );
    ITEM.save(&mut storage, &5).unwrap();
    assert_eq!(ITEM.load(&storage).unwrap(), 5);
    MAP.save(&mut storage, "a", &6).unwrap();
    assert!(MAP.has(&storage, "a") && !MAP.has(&storage, "b"));
    assert_eq!(MAP.may_load(&storage, "b").unwrap(), None);
    assert!(
        MAP.load(&storage, "b")
            .unwrap_err()
            .to_string()
            .contains("of b not found")
    );
    MAP.remove(&mut storage, "a");
    ITEM.remove(&mut storage);
    assert_eq!(MAP.may_load(&storage, "a").unwrap(), None);
    assert_eq!(ITEM.may_load(&storage).unwrap(), None);
}

/// The stored layout of the hottest records, field by field: reordering a `compact!` list (two
/// same-width fields would still decode) fails here instead of misreading a deployed vault's state.
#[test]
fn record_layouts_are_pinned() {
    use crate::state::{Mark, Peak, StoredVol, Totals};
    use ballast_types::Side;

    let mark = Mark {
        side: Some(Side::Short),
        notional: Uint128::new(7),
        margin: Uint128::new(8),
        unrealized_pnl: Int128::new(-9),
        time: 10,
        paid_out: Uint128::new(12),
    };
    let mut want = vec![1u8, 1];
    want.extend_from_slice(&7u128.to_le_bytes());
    want.extend_from_slice(&8u128.to_le_bytes());
    want.extend_from_slice(&(-9i128).to_le_bytes());
    want.extend_from_slice(&10u64.to_le_bytes());
    // 0.3.x stored a mark up to here: `migrations::v0_4` appends `paid_out`.
    want.extend_from_slice(&12u128.to_le_bytes());
    assert_eq!(mark.to_bytes(), want);

    let totals = Totals {
        gross_notional: Uint128::new(3),
        marked_equity: Int128::new(-4),
        idle: Uint128::new(13),
    };
    let mut want = 3u128.to_le_bytes().to_vec();
    want.extend_from_slice(&(-4i128).to_le_bytes());
    // 0.3.x stored the totals up to here: `migrations::v0_4` appends `idle`.
    want.extend_from_slice(&13u128.to_le_bytes());
    assert_eq!(totals.to_bytes(), want);

    let vol = StoredVol {
        last_time: 1,
        last_mantissa: Uint128::new(2),
        last_expo: -8,
        variance_bits: Some(Int128::new(5)),
        returns: 6,
    };
    let mut want = 1u64.to_le_bytes().to_vec();
    want.extend_from_slice(&2u128.to_le_bytes());
    want.extend_from_slice(&(-8i32).to_le_bytes());
    want.push(1);
    want.extend_from_slice(&5i128.to_le_bytes());
    want.extend_from_slice(&6u64.to_le_bytes());
    assert_eq!(vol.to_bytes(), want);

    let peak = Peak {
        per_unit: Decimal::percent(150),
        time: 11,
    };
    let mut want = 1_500_000_000_000_000_000u128.to_le_bytes().to_vec();
    want.extend_from_slice(&11u64.to_le_bytes());
    assert_eq!(peak.to_bytes(), want);
}
