//! The Levana wire: what the vault sends parses as Levana's own `ExecuteMsg` and `QueryMsg`, and
//! what Levana answers (built with Levana's own response types, copied in
//! tests/fixtures/venues/levana/) parses as the vault's subset, with the same numbers.

use cosmwasm_std::{
    Addr, Binary, Decimal, Decimal256, Int128, SignedDecimal, Timestamp, Uint64, Uint128,
};
use cosmwasm_std::{WasmMsg, from_json, to_json_binary};
use serde_json::to_value as to_json_value;

use ballast_tests::levana::StubPosition;
use ballast_tests::levana_fixture::{
    Collateral, DirectionToBase, ExecuteMsg as LevanaMsg, NonZero, PositionId, Usd,
};
use ballast_tests::levana_query_fixture::{
    DeferredExecCompleteTarget, DeferredExecId, DeferredExecItem, DeferredExecStatus,
    DeferredExecWithStatus, ListDeferredExecsResp, PositionsQueryFeeApproach, PositionsResp,
    QueryMsg as LevanaQuery,
};
use ballast_tests::suite::{DENOM, levana_venue};
use ballast_types::Side;
use ballast_types::venue::levana_query::{
    LevanaDeferredExecs, LevanaDeferredItem, LevanaPositions, LevanaQueryMsg,
};
use ballast_types::venue::{Venue, VenueMsg, levana_increase, levana_reduce};

fn venue() -> ballast_types::venue::LevanaVenue {
    let Venue::Levana(v) = levana_venue(&Addr::unchecked("cosmwasm1levana")) else {
        unreachable!()
    };
    v
}

fn dec(s: &str) -> Decimal {
    s.parse().expect("decimal")
}

fn d256(s: &str) -> Decimal256 {
    s.parse().expect("decimal")
}

/// The contract call's message and funds.
fn wasm(msg: VenueMsg) -> (Binary, Vec<cosmwasm_std::Coin>) {
    match msg {
        VenueMsg::Wasm(WasmMsg::Execute { msg, funds, .. }) => (msg, funds),
        other => panic!("expected a contract call, got {other:?}"),
    }
}

/// Parses `json` as `T` and checks that it serialises back to the same JSON.
fn parses_as<T: serde::de::DeserializeOwned + serde::Serialize>(json: &Binary) -> T {
    let parsed: T = from_json(json).expect("Levana parses the vault's message");
    let emitted: serde_json::Value = from_json(json).expect("json");
    assert_eq!(to_json_value(&parsed).unwrap(), emitted, "fields survive");
    parsed
}

#[test]
fn increase_parses_as_levanas_add_collateral_impact_size() {
    let (msg, funds) =
        wasm(levana_increase(&venue(), 7, Uint128::new(5), DENOM, dec("60000")).unwrap());
    assert_eq!(funds, cosmwasm_std::coins(5, DENOM));
    let LevanaMsg::UpdatePositionAddCollateralImpactSize {
        id,
        slippage_assert,
    } = parses_as::<LevanaMsg>(&msg)
    else {
        panic!("wrong variant");
    };
    assert_eq!(id, PositionId::new(7));
    assert!(slippage_assert.is_some());
}

#[test]
fn reduce_parses_as_levanas_remove_collateral_impact_size() {
    let (msg, funds) = wasm(levana_reduce(&venue(), 7, dec("12.5"), dec("60000")).unwrap());
    assert!(funds.is_empty());
    let LevanaMsg::UpdatePositionRemoveCollateralImpactSize { id, amount, .. } =
        parses_as::<LevanaMsg>(&msg)
    else {
        panic!("wrong variant");
    };
    assert_eq!(id, PositionId::new(7));
    assert_eq!(amount.raw(), d256("12.5"));
}

#[test]
fn the_vaults_queries_parse_as_levanas_query_msg() {
    let positions = LevanaQueryMsg::Positions {
        position_ids: vec![Uint64::new(3)],
        skip_calc_pending_fees: None,
        fees: Some(ballast_types::venue::levana_query::PositionsQueryFeeApproach::AllFees),
        price: None,
    };
    let LevanaQuery::Positions {
        position_ids, fees, ..
    } = parses_as::<LevanaQuery>(&to_json_binary(&positions).unwrap())
    else {
        panic!("wrong variant");
    };
    assert_eq!(position_ids, vec![PositionId::new(3)]);
    assert_eq!(fees, Some(PositionsQueryFeeApproach::AllFees));

    let execs = LevanaQueryMsg::ListDeferredExecs {
        addr: "cosmwasm1vault".to_string(),
        start_after: None,
        limit: Some(1),
    };
    let LevanaQuery::ListDeferredExecs { limit, .. } =
        parses_as::<LevanaQuery>(&to_json_binary(&execs).unwrap())
    else {
        panic!("wrong variant");
    };
    assert_eq!(limit, Some(1));
}

/// A short of 1.5 BTC taken at 60,000 with 9,000 USDC, now at 61,000: 1,500 USDC lost.
fn short_position() -> StubPosition {
    StubPosition {
        owner: Addr::unchecked("cosmwasm1vault"),
        direction: DirectionToBase::Short,
        collateral: d256("9000"),
        quantity: d256("1.5"),
        entry: d256("60000"),
        deposited: d256("9000"),
        withdrawn: Decimal256::zero(),
        created_at: Timestamp::from_seconds(1),
        take_profit: None,
    }
}

#[test]
fn levanas_positions_response_parses_as_the_vaults_subset() {
    let response = short_position().response(4, d256("61000"), Timestamp::from_seconds(2));
    let json = to_json_binary(&PositionsResp {
        positions: vec![response],
        pending_close: vec![],
        closed: vec![],
    })
    .unwrap();
    let read: LevanaPositions = from_json(&json).unwrap();
    let p = &read.positions[0];
    assert_eq!(p.id, Uint64::new(4));
    assert_eq!(
        p.direction_to_base,
        ballast_types::venue::levana::DirectionToBase::Short
    );
    assert_eq!(p.active_collateral, dec("7500"));
    assert_eq!(p.pnl_collateral, "-1500".parse::<SignedDecimal>().unwrap());
    assert_eq!(
        p.notional_size_in_collateral,
        "-91500".parse::<SignedDecimal>().unwrap()
    );
    // As the vault marks it, in 6-decimal base units.
    let summary = p.summary(6).unwrap();
    assert_eq!(summary.side, Some(Side::Short));
    assert_eq!(summary.notional, Uint128::new(91_500_000_000));
    assert_eq!(summary.margin, Uint128::new(9_000_000_000));
    assert_eq!(summary.unrealized_pnl, Int128::new(-1_500_000_000));
}

#[test]
fn a_position_in_profit_after_withdrawals_keeps_equity_at_its_active_collateral() {
    // 9,000 in, 10,000 taken out: Levana's deposit is -1,000; the vault floors margin at 0.
    let mut p = short_position();
    p.withdrawn = d256("10000");
    p.collateral = d256("2000.0000017");
    let response = p.response(4, d256("60000"), Timestamp::from_seconds(2));
    let json = to_json_binary(&PositionsResp {
        positions: vec![response],
        pending_close: vec![],
        closed: vec![],
    })
    .unwrap();
    let read: LevanaPositions = from_json(&json).unwrap();
    assert_eq!(
        read.positions[0].deposit_collateral,
        "-1000".parse::<SignedDecimal>().unwrap()
    );
    let summary = read.positions[0].summary(6).unwrap();
    assert!(summary.margin.is_zero());
    // 2000.0000017 rounds down to 2000.000001.
    assert_eq!(summary.unrealized_pnl, Int128::new(2_000_000_001));
}

fn exec(id: u64, status: DeferredExecStatus, item: DeferredExecItem) -> DeferredExecWithStatus {
    DeferredExecWithStatus {
        id: DeferredExecId::from_u64(id),
        created: Timestamp::from_seconds(1),
        status,
        owner: Addr::unchecked("cosmwasm1vault"),
        item,
    }
}

fn amount(s: &str) -> NonZero<Collateral> {
    NonZero::<Collateral>::new(d256(s)).unwrap()
}

#[test]
fn levanas_deferred_execs_parse_as_the_vaults_subset() {
    #[allow(deprecated)]
    let open = DeferredExecItem::OpenPosition {
        slippage_assert: None,
        leverage: ballast_tests::levana_fixture::LeverageToBase::new(d256("10")),
        direction: DirectionToBase::Long,
        max_gains: None,
        stop_loss_override: None,
        take_profit: None,
        amount: amount("25000"),
        crank_fee: Collateral::default(),
        crank_fee_usd: Usd::default(),
    };
    let id = PositionId::new(3);
    let items = vec![
        (open, "25000"),
        (
            DeferredExecItem::UpdatePositionAddCollateralImpactLeverage {
                id,
                amount: amount("7"),
            },
            "7",
        ),
        (
            DeferredExecItem::UpdatePositionAddCollateralImpactSize {
                id,
                slippage_assert: None,
                amount: amount("8"),
            },
            "8",
        ),
        // Collateral going out: nothing of the vault's is held in the queue.
        (
            DeferredExecItem::UpdatePositionRemoveCollateralImpactSize {
                id,
                amount: amount("9"),
                slippage_assert: None,
            },
            "0",
        ),
        (
            DeferredExecItem::ClosePosition {
                id,
                slippage_assert: None,
            },
            "0",
        ),
    ];
    for (item, held) in items {
        let json = to_json_binary(&ListDeferredExecsResp {
            items: vec![exec(5, DeferredExecStatus::Pending, item.clone())],
            next_start_after: Some(DeferredExecId::from_u64(5)),
        })
        .unwrap();
        let read: LevanaDeferredExecs = from_json(&json).unwrap();
        assert!(read.items[0].is_pending());
        assert_eq!(read.items[0].id, Uint64::new(5));
        assert_eq!(read.items[0].queued_collateral(), dec(held), "{item:?}");
    }
}

#[test]
fn a_finished_deferred_exec_holds_nothing() {
    let item = DeferredExecItem::UpdatePositionAddCollateralImpactSize {
        id: PositionId::new(3),
        slippage_assert: None,
        amount: amount("8"),
    };
    let statuses = [
        DeferredExecStatus::Success {
            target: DeferredExecCompleteTarget::Position(PositionId::new(3)),
            executed: Timestamp::from_seconds(2),
        },
        DeferredExecStatus::Failure {
            reason: "slippage".to_string(),
            executed: Timestamp::from_seconds(2),
            crank_price: None,
        },
    ];
    for status in statuses {
        let json = to_json_binary(&ListDeferredExecsResp {
            items: vec![exec(5, status, item.clone())],
            next_start_after: None,
        })
        .unwrap();
        let read: LevanaDeferredExecs = from_json(&json).unwrap();
        assert!(!read.items[0].is_pending());
        assert!(read.items[0].queued_collateral().is_zero());
    }
}

#[test]
fn a_deferred_exec_of_another_kind_holds_no_collateral() {
    // Levana's `UpdatePositionLeverage`, which the vault never sends.
    let json = br#"{"items":[{"id":"2","created":"1","status":"pending","owner":"a",
        "item":{"update_position_leverage":{"id":"3","leverage":"5","slippage_assert":null}}}],
        "next_start_after":null}"#;
    let read: LevanaDeferredExecs = from_json(json).unwrap();
    assert_eq!(read.items[0].item, LevanaDeferredItem::default());
    assert!(read.items[0].queued_collateral().is_zero());
}

#[test]
fn a_deferred_exec_names_the_position_it_opened_or_changes() {
    #[allow(deprecated)]
    let open = DeferredExecItem::OpenPosition {
        slippage_assert: None,
        leverage: ballast_tests::levana_fixture::LeverageToBase::new(d256("10")),
        direction: DirectionToBase::Long,
        max_gains: None,
        stop_loss_override: None,
        take_profit: None,
        amount: amount("25000"),
        crank_fee: Collateral::default(),
        crank_fee_usd: Usd::default(),
    };
    let id = PositionId::new(12);
    let done = |target| DeferredExecStatus::Success {
        target: DeferredExecCompleteTarget::Position(target),
        executed: Timestamp::from_seconds(2),
    };
    let failed = DeferredExecStatus::Failure {
        reason: "slippage".to_string(),
        executed: Timestamp::from_seconds(2),
        crank_price: None,
    };
    let update = DeferredExecItem::UpdatePositionRemoveCollateralImpactSize {
        id,
        amount: amount("9"),
        slippage_assert: None,
    };
    let close = DeferredExecItem::ClosePosition {
        id,
        slippage_assert: None,
    };
    let add = DeferredExecItem::UpdatePositionAddCollateralImpactLeverage {
        id,
        amount: amount("7"),
    };
    let cases = [
        // An open names its position once applied, none while queued or after failing.
        (open.clone(), done(id), Some(12)),
        (open.clone(), DeferredExecStatus::Pending, None),
        (open, failed.clone(), None),
        // A change names its position whatever its status.
        (update.clone(), DeferredExecStatus::Pending, Some(12)),
        (update, failed.clone(), Some(12)),
        (close.clone(), DeferredExecStatus::Pending, Some(12)),
        (close, done(id), Some(12)),
        (add, failed, Some(12)),
    ];
    for (item, status, named) in cases {
        let json = to_json_binary(&ListDeferredExecsResp {
            items: vec![exec(5, status.clone(), item.clone())],
            next_start_after: None,
        })
        .unwrap();
        let read: LevanaDeferredExecs = from_json(&json).unwrap();
        assert_eq!(
            read.items[0].position_id(),
            named.map(Uint64::new),
            "{item:?} {status:?}"
        );
    }
}

#[test]
fn a_deferred_exec_that_completed_an_order_names_no_position() {
    let json = br#"{"items":[{"id":"2","created":"1","owner":"a",
        "status":{"success":{"target":{"order":"3"},"executed":"2"}},
        "item":{"cancel_limit_order":{"order_id":"3"}}}],"next_start_after":null}"#;
    let read: LevanaDeferredExecs = from_json(json).unwrap();
    assert!(!read.items[0].is_pending());
    assert_eq!(read.items[0].position_id(), None);
}
