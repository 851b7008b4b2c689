//! The stand-in market's positions: a collateral-is-quote market without fees, where a position is
//! collateral and a quantity of the base asset taken at an entry price. Each update first settles
//! the price move into the collateral (Levana's liquifunding) at the current price.

use cosmwasm_std::{Addr, Decimal256, Timestamp, Uint128, Uint256};
use serde::{Deserialize, Serialize};

use crate::levana_fixture::{
    Base, Collateral, DirectionToBase, LeverageToBase, NonZero, Notional, PositionId,
    PriceBaseInQuote, Signed, TakeProfitTrader, Usd,
};
use crate::levana_query_fixture::{
    ClosedPosition, LiquidationMargin, PositionCloseReason, PositionQueryResponse,
};

/// A position as the stand-in stores it.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct StubPosition {
    /// Holder of the position token.
    pub owner: Addr,
    /// Long or short.
    pub direction: DirectionToBase,
    /// Collateral as of the last settlement, decimal tokens.
    pub collateral: Decimal256,
    /// Base asset held, decimal units.
    pub quantity: Decimal256,
    /// Price of the last settlement.
    pub entry: Decimal256,
    /// Deposits in, decimal tokens.
    pub deposited: Decimal256,
    /// Collateral taken out, decimal tokens.
    pub withdrawn: Decimal256,
    /// Opened at.
    pub created_at: Timestamp,
    /// The take profit price given at open.
    pub take_profit: Option<TakeProfitTrader>,
}

impl StubPosition {
    /// Collateral at `price`: collateral plus the move since the entry in the position's favour.
    pub fn active(&self, price: Decimal256) -> Decimal256 {
        let (gain, loss) = self.move_since_entry(price);
        (self.collateral + gain).saturating_sub(loss)
    }

    fn move_since_entry(&self, price: Decimal256) -> (Decimal256, Decimal256) {
        let up = self.quantity * price.saturating_sub(self.entry);
        let down = self.quantity * self.entry.saturating_sub(price);
        match self.direction {
            DirectionToBase::Long => (up, down),
            DirectionToBase::Short => (down, up),
        }
    }

    /// Settles the price move into the collateral (liquifunding).
    pub fn settle(&mut self, price: Decimal256) {
        self.collateral = self.active(price);
        self.entry = price;
    }

    /// Notional at `price`, in collateral.
    pub fn notional(&self, price: Decimal256) -> Decimal256 {
        self.quantity * price
    }

    /// `amount` more collateral at the position's leverage: the quantity grows in proportion.
    pub fn add_impact_size(&mut self, price: Decimal256, amount: Decimal256) {
        self.settle(price);
        self.quantity = scale(self.quantity, self.collateral + amount, self.collateral);
        self.collateral += amount;
        self.deposited += amount;
    }

    /// `amount` more collateral, the same quantity.
    pub fn add_impact_leverage(&mut self, price: Decimal256, amount: Decimal256) {
        self.settle(price);
        self.collateral += amount;
        self.deposited += amount;
    }

    /// `amount` collateral out at the position's leverage; fails when it is all of it.
    pub fn remove_impact_size(
        &mut self,
        price: Decimal256,
        amount: Decimal256,
    ) -> Result<(), String> {
        self.settle(price);
        if amount >= self.collateral {
            return Err(format!("cannot remove {amount} of {}", self.collateral));
        }
        let left = self.collateral - amount;
        self.quantity = scale(self.quantity, left, self.collateral);
        self.collateral = left;
        self.withdrawn += amount;
        Ok(())
    }

    /// Levana's query answer at `price` (no fees in the stand-in).
    pub fn response(&self, id: u64, price: Decimal256, now: Timestamp) -> PositionQueryResponse {
        let active = self.active(price);
        let notional = self.notional(price);
        let short = self.direction == DirectionToBase::Short;
        let deposit = signed(self.deposited, self.withdrawn);
        let pnl = signed(active + self.withdrawn, self.deposited);
        let zero_c = Collateral::default();
        let zero_u = Usd::default();
        #[allow(deprecated)]
        PositionQueryResponse {
            owner: self.owner.clone(),
            id: PositionId::new(id),
            direction_to_base: self.direction,
            leverage: LeverageToBase::new(notional / active),
            counter_leverage: LeverageToBase::new(Decimal256::one()),
            created_at: self.created_at,
            price_point_created_at: Some(self.created_at),
            liquifunded_at: now,
            trading_fee_collateral: zero_c,
            trading_fee_usd: zero_u,
            funding_fee_collateral: Signed::<Collateral>::new(Decimal256::zero(), false),
            funding_fee_usd: Signed::<Usd>::new(Decimal256::zero(), false),
            borrow_fee_collateral: zero_c,
            borrow_fee_usd: zero_u,
            crank_fee_collateral: zero_c,
            crank_fee_usd: zero_u,
            delta_neutrality_fee_collateral: Signed::<Collateral>::new(Decimal256::zero(), false),
            delta_neutrality_fee_usd: Signed::<Usd>::new(Decimal256::zero(), false),
            deposit_collateral: Signed::<Collateral>::new(deposit.0, deposit.1),
            deposit_collateral_usd: Signed::<Usd>::new(deposit.0, deposit.1),
            active_collateral: NonZero::<Collateral>::new(active).expect("position not liquidated"),
            active_collateral_usd: NonZero::<Usd>::new(active).expect("position not liquidated"),
            counter_collateral: NonZero::<Collateral>::new(notional).expect("counter collateral"),
            pnl_collateral: Signed::<Collateral>::new(pnl.0, pnl.1),
            pnl_usd: Signed::<Usd>::new(pnl.0, pnl.1),
            dnf_on_close_collateral: Signed::<Collateral>::new(Decimal256::zero(), false),
            notional_size: Signed::<Notional>::new(self.quantity, short),
            notional_size_in_collateral: Signed::<Collateral>::new(notional, short),
            position_size_base: Signed::<Base>::new(self.quantity, short),
            position_size_usd: Signed::<Usd>::new(notional, short),
            liquidation_price_base: None,
            liquidation_margin: LiquidationMargin::default(),
            max_gains_in_quote: None,
            entry_price_base: PriceBaseInQuote::new(self.entry).expect("entry price"),
            next_liquifunding: now.plus_seconds(86_400),
            stop_loss_override: None,
            take_profit_trader: self.take_profit,
            take_profit_total_base: None,
        }
    }
}

impl StubPosition {
    /// Levana's record of the position closed by its holder at `price` (no fees in the stand-in).
    pub fn closed(&self, id: u64, price: Decimal256, now: Timestamp) -> ClosedPosition {
        let active = self.active(price);
        let short = self.direction == DirectionToBase::Short;
        let deposit = signed(self.deposited, self.withdrawn);
        let pnl = signed(active + self.withdrawn, self.deposited);
        ClosedPosition {
            owner: self.owner.clone(),
            id: PositionId::new(id),
            direction_to_base: self.direction,
            created_at: self.created_at,
            price_point_created_at: Some(self.created_at),
            liquifunded_at: now,
            trading_fee_collateral: Collateral::default(),
            trading_fee_usd: Usd::default(),
            funding_fee_collateral: Signed::<Collateral>::new(Decimal256::zero(), false),
            funding_fee_usd: Signed::<Usd>::new(Decimal256::zero(), false),
            borrow_fee_collateral: Collateral::default(),
            borrow_fee_usd: Usd::default(),
            crank_fee_collateral: Collateral::default(),
            crank_fee_usd: Usd::default(),
            delta_neutrality_fee_collateral: Signed::<Collateral>::new(Decimal256::zero(), false),
            delta_neutrality_fee_usd: Signed::<Usd>::new(Decimal256::zero(), false),
            deposit_collateral: Signed::<Collateral>::new(deposit.0, deposit.1),
            deposit_collateral_usd: Signed::<Usd>::new(deposit.0, deposit.1),
            active_collateral: Collateral(active),
            pnl_collateral: Signed::<Collateral>::new(pnl.0, pnl.1),
            pnl_usd: Signed::<Usd>::new(pnl.0, pnl.1),
            notional_size: Signed::<Notional>::new(self.quantity, short),
            entry_price_base: PriceBaseInQuote::new(self.entry).expect("entry price"),
            close_time: now,
            settlement_time: now,
            reason: PositionCloseReason::Direct,
            liquidation_margin: None,
        }
    }
}

/// x * num / den, rounded down.
fn scale(x: Decimal256, num: Decimal256, den: Decimal256) -> Decimal256 {
    Decimal256::new(x.atomics().multiply_ratio(num.atomics(), den.atomics()))
}

/// a - b as (magnitude, negative).
fn signed(a: Decimal256, b: Decimal256) -> (Decimal256, bool) {
    if a >= b {
        (a - b, false)
    } else {
        (b - a, true)
    }
}

/// Decimal tokens as base units, rounded down.
pub fn to_units(x: Decimal256, decimals: u32) -> Uint128 {
    let scale = Uint256::from(10u32).pow(18 - decimals);
    Uint128::try_from(x.atomics() / scale).expect("fits")
}

/// Base units as decimal tokens.
pub fn from_units(amount: Uint128, decimals: u32) -> Decimal256 {
    Decimal256::from_atomics(amount, decimals).expect("decimal")
}
