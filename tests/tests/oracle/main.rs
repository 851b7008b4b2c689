//! The oracle through its entry points.

mod test_migration;
mod test_publishers;
mod test_update;

use ballast_tests::oracle::Oracle;
use cosmwasm_std::Addr;
use cw_multi_test::App;

/// An app with an oracle owned by `owner` and one publisher.
pub struct World {
    pub app: App,
    pub oracle: Oracle,
    pub owner: Addr,
    pub publisher: Addr,
    pub stranger: Addr,
}

pub fn world() -> World {
    let mut app = App::default();
    let owner = app.api().addr_make("owner");
    let publisher = app.api().addr_make("publisher");
    let stranger = app.api().addr_make("stranger");
    let oracle = Oracle::instantiate(&mut app, &owner, &[&publisher]).expect("instantiate oracle");
    World {
        app,
        oracle,
        owner,
        publisher,
        stranger,
    }
}
