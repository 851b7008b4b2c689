//! A stand-in for a Levana perps market (collateral-is-quote, no fees), speaking only Levana's own
//! `ExecuteMsg` and `QueryMsg` (the fixtures copied from Levana): position changes are queued as
//! deferred executions and applied by `Crank` at the price set with `SetManualPrice`; the vault reads
//! back through `NftProxy { Tokens }`, `Positions` and `ListDeferredExecs`, newest first as Levana.
//!
//! As Levana's position token (a cw721 keyed by the id as a string), `Tokens` lists a holder's ids
//! in text order ("10" before "9") and `start_after` compares as text. As Levana, `Positions`
//! answers a closed position's id in `closed` and fails on an id that never existed.

mod crank;
mod model;

use cosmwasm_std::{
    Addr, Binary, Decimal256, Deps, DepsMut, Env, MessageInfo, Order, Response, StdError,
    StdResult, to_json_binary,
};
use cw_multi_test::{Contract, ContractWrapper};
use cw_storage_plus::{Bound, Item, Map};
use serde::{Deserialize, Serialize};

use crate::levana_fixture::{Collateral, ExecuteMsg, NftExecuteMsg, NonZero, PositionId, Usd};
use crate::levana_query_fixture::{
    ClosedPosition, DeferredExecId, DeferredExecItem, DeferredExecStatus, DeferredExecWithStatus,
    ListDeferredExecsResp, NftQueryMsg, PositionsResp, QueryMsg, TokensResponse,
};
pub use model::StubPosition;
use model::from_units;

/// How the stand-in is set up (Levana's markets come from its factory; this is the stand-in's own).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct StubInstantiate {
    /// Collateral denom.
    pub denom: String,
    /// Its decimals.
    pub decimals: u32,
    /// First price, quote per base.
    pub price: Decimal256,
}

pub(super) const CONFIG: Item<StubInstantiate> = Item::new("config");
pub(super) const PRICE: Item<Decimal256> = Item::new("price");
pub(super) const POSITIONS: Map<u64, StubPosition> = Map::new("positions");
/// Token ids by holder, keyed by the id as text: Levana's `OWNER_TO_TOKEN_IDS`.
pub(super) const TOKENS: Map<(&Addr, String), ()> = Map::new("tokens");
/// Closed positions, as Levana keeps them for `Positions`.
pub(super) const CLOSED: Map<u64, ClosedPosition> = Map::new("closed");
pub(super) const NEXT_POSITION: Item<u64> = Item::new("next_position");
pub(super) const EXECS: Map<u64, DeferredExecWithStatus> = Map::new("execs");
const EXECS_BY_WALLET: Map<(&Addr, u64), ()> = Map::new("execs_by_wallet");
pub(super) const NEXT_EXEC: Item<u64> = Item::new("next_exec");
pub(super) const PROCESSED: Item<u64> = Item::new("processed");

/// The stand-in's code for multi-test.
pub fn levana_market_code() -> Box<dyn Contract<cosmwasm_std::Empty>> {
    Box::new(ContractWrapper::new(execute, instantiate, query))
}

fn instantiate(
    deps: DepsMut,
    _env: Env,
    _info: MessageInfo,
    msg: StubInstantiate,
) -> StdResult<Response> {
    PRICE.save(deps.storage, &msg.price)?;
    CONFIG.save(deps.storage, &msg)?;
    NEXT_POSITION.save(deps.storage, &1)?;
    NEXT_EXEC.save(deps.storage, &1)?;
    PROCESSED.save(deps.storage, &0)?;
    Ok(Response::new())
}

/// The collateral attached, as Levana's non-zero decimal tokens.
fn attached(deps: &DepsMut, info: &MessageInfo) -> StdResult<NonZero<Collateral>> {
    let config = CONFIG.load(deps.storage)?;
    let amount = cw_utils_amount(info, &config.denom);
    NonZero::<Collateral>::new(from_units(amount, config.decimals))
        .ok_or_else(|| StdError::msg("collateral required"))
}

fn cw_utils_amount(info: &MessageInfo, denom: &str) -> cosmwasm_std::Uint128 {
    info.funds
        .iter()
        .filter(|c| c.denom == denom)
        .map(|c| cosmwasm_std::Uint128::try_from(c.amount).expect("fits"))
        .sum()
}

fn owned(deps: &DepsMut, sender: &Addr, id: PositionId) -> StdResult<()> {
    let position = POSITIONS.load(deps.storage, id.u64())?;
    if position.owner != *sender {
        return Err(StdError::msg("not the owner of the position"));
    }
    Ok(())
}

fn queue(deps: DepsMut, env: &Env, owner: &Addr, item: DeferredExecItem) -> StdResult<Response> {
    let id = NEXT_EXEC.load(deps.storage)?;
    NEXT_EXEC.save(deps.storage, &(id + 1))?;
    let exec = DeferredExecWithStatus {
        id: DeferredExecId::from_u64(id),
        created: env.block.time,
        status: DeferredExecStatus::Pending,
        owner: owner.clone(),
        item,
    };
    EXECS.save(deps.storage, id, &exec)?;
    EXECS_BY_WALLET.save(deps.storage, (owner, id), &())?;
    Ok(Response::new().add_attribute("deferred_exec_id", id.to_string()))
}

fn execute(deps: DepsMut, env: Env, info: MessageInfo, msg: ExecuteMsg) -> StdResult<Response> {
    let sender = info.sender.clone();
    let item = match msg {
        ExecuteMsg::OpenPosition {
            slippage_assert,
            leverage,
            direction,
            stop_loss_override,
            take_profit,
        } =>
        {
            #[allow(deprecated)]
            DeferredExecItem::OpenPosition {
                slippage_assert,
                leverage,
                direction,
                max_gains: None,
                stop_loss_override,
                take_profit: Some(take_profit),
                amount: attached(&deps, &info)?,
                crank_fee: Collateral::default(),
                crank_fee_usd: Usd::default(),
            }
        }
        ExecuteMsg::UpdatePositionAddCollateralImpactLeverage { id } => {
            owned(&deps, &sender, id)?;
            DeferredExecItem::UpdatePositionAddCollateralImpactLeverage {
                id,
                amount: attached(&deps, &info)?,
            }
        }
        ExecuteMsg::UpdatePositionAddCollateralImpactSize {
            id,
            slippage_assert,
        } => {
            owned(&deps, &sender, id)?;
            DeferredExecItem::UpdatePositionAddCollateralImpactSize {
                id,
                slippage_assert,
                amount: attached(&deps, &info)?,
            }
        }
        ExecuteMsg::UpdatePositionRemoveCollateralImpactSize {
            id,
            amount,
            slippage_assert,
        } => {
            owned(&deps, &sender, id)?;
            DeferredExecItem::UpdatePositionRemoveCollateralImpactSize {
                id,
                amount,
                slippage_assert,
            }
        }
        ExecuteMsg::ClosePosition {
            id,
            slippage_assert,
        } => {
            owned(&deps, &sender, id)?;
            DeferredExecItem::ClosePosition {
                id,
                slippage_assert,
            }
        }
        ExecuteMsg::Crank { execs, .. } => return crank::crank(deps, env, execs),
        ExecuteMsg::NftProxy {
            sender: holder,
            msg:
                NftExecuteMsg::TransferNft {
                    recipient,
                    token_id,
                },
        } => return transfer(deps, &sender, &holder, &recipient, &token_id),
        ExecuteMsg::SetManualPrice { price, .. } => {
            PRICE.save(deps.storage, &price.raw())?;
            return Ok(Response::new());
        }
    };
    queue(deps, &env, &sender, item)
}

/// Moves a position token. Levana accepts `NftProxy` only from its position token contract, with
/// the original caller as `sender`; the stand-in has no token contract and takes it from the holder.
fn transfer(
    deps: DepsMut,
    caller: &Addr,
    holder: &str,
    recipient: &str,
    token_id: &str,
) -> StdResult<Response> {
    if caller.as_str() != holder {
        return Err(StdError::msg(
            "only the holder may transfer in the stand-in",
        ));
    }
    let id: u64 = token_id.parse().map_err(|_| StdError::msg("token id"))?;
    let recipient = deps.api.addr_validate(recipient)?;
    let mut position = POSITIONS.load(deps.storage, id)?;
    if position.owner != *caller {
        return Err(StdError::msg("not the owner of the position"));
    }
    TOKENS.remove(deps.storage, (caller, id.to_string()));
    TOKENS.save(deps.storage, (&recipient, id.to_string()), &())?;
    position.owner = recipient;
    POSITIONS.save(deps.storage, id, &position)?;
    Ok(Response::new())
}

fn query(deps: Deps, env: Env, msg: QueryMsg) -> StdResult<Binary> {
    match msg {
        QueryMsg::Positions { position_ids, .. } => {
            let price = PRICE.load(deps.storage)?;
            let (mut positions, mut closed) = (vec![], vec![]);
            for id in position_ids {
                if let Some(c) = CLOSED.may_load(deps.storage, id.u64())? {
                    closed.push(c);
                    continue;
                }
                let p = POSITIONS.load(deps.storage, id.u64())?;
                positions.push(p.response(id.u64(), price, env.block.time));
            }
            to_json_binary(&PositionsResp {
                positions,
                pending_close: vec![],
                closed,
            })
        }
        QueryMsg::NftProxy {
            nft_msg:
                NftQueryMsg::Tokens {
                    owner,
                    start_after,
                    limit,
                },
        } => {
            let owner = deps.api.addr_validate(&owner)?;
            let tokens = TOKENS
                .prefix(&owner)
                .keys(
                    deps.storage,
                    start_after.map(Bound::exclusive),
                    None,
                    Order::Ascending,
                )
                .take(usize::try_from(limit.unwrap_or(10)).expect("limit"))
                .collect::<StdResult<_>>()?;
            to_json_binary(&TokensResponse { tokens })
        }
        QueryMsg::ListDeferredExecs {
            addr,
            start_after,
            limit,
        } => {
            let addr = deps.api.addr_validate(&addr)?;
            let limit = usize::try_from(limit.unwrap_or(10)).expect("limit");
            let mut ids = EXECS_BY_WALLET.prefix(&addr).keys(
                deps.storage,
                None,
                start_after.map(|id| Bound::exclusive(id.u64())),
                Order::Descending,
            );
            let mut items = vec![];
            let mut last = None;
            for id in ids.by_ref().take(limit) {
                let id = id?;
                last = Some(id);
                items.push(EXECS.load(deps.storage, id)?);
            }
            let next_start_after = last
                .filter(|_| ids.next().is_some())
                .map(DeferredExecId::from_u64);
            to_json_binary(&ListDeferredExecsResp {
                items,
                next_start_after,
            })
        }
    }
}

/// The token ids `owner` holds on the stand-in, all pages of `Tokens`, in Levana's (text) order.
pub fn tokens_of(
    app: &crate::suite::SuiteApp,
    market: &Addr,
    owner: &Addr,
) -> StdResult<Vec<String>> {
    let mut all: Vec<String> = vec![];
    loop {
        let page: TokensResponse = app.wrap().query_wasm_smart(
            market,
            &QueryMsg::NftProxy {
                nft_msg: NftQueryMsg::Tokens {
                    owner: owner.to_string(),
                    start_after: all.last().cloned(),
                    limit: None,
                },
            },
        )?;
        if page.tokens.is_empty() {
            return Ok(all);
        }
        all.extend(page.tokens);
    }
}

/// The stand-in's positions of `owner` (every token it holds), as Levana answers `Positions` for
/// them.
pub fn positions_of(
    app: &crate::suite::SuiteApp,
    market: &Addr,
    owner: &Addr,
) -> StdResult<PositionsResp> {
    let position_ids = tokens_of(app, market, owner)?
        .iter()
        .map(|t| PositionId::new(t.parse().expect("id")))
        .collect();
    app.wrap().query_wasm_smart(
        market,
        &QueryMsg::Positions {
            position_ids,
            skip_calc_pending_fees: None,
            fees: None,
            price: None,
        },
    )
}
