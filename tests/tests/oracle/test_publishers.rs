use ballast_oracle::error::ContractError;
use ballast_tests::assertions::assert_err;
use ballast_tests::oracle::{feed_id, price_update};

use crate::world;

#[test]
fn owner_adds_a_publisher_who_can_then_publish() {
    let mut w = world();
    let (owner, newcomer) = (w.owner.clone(), w.stranger.clone());
    w.oracle
        .add_publisher(&mut w.app, &owner, &newcomer)
        .unwrap();
    assert!(
        w.oracle
            .query_config(&w.app)
            .unwrap()
            .publishers
            .contains(&newcomer)
    );
    w.oracle
        .update(
            &mut w.app,
            &newcomer,
            vec![price_update(&feed_id(1), 5, 0, 0, 1)],
        )
        .unwrap();
}

#[test]
fn removed_publisher_cannot_publish() {
    let mut w = world();
    let (owner, publisher) = (w.owner.clone(), w.publisher.clone());
    let res = w
        .oracle
        .remove_publisher(&mut w.app, &owner, &publisher)
        .unwrap();
    assert!(res.events.iter().any(|e| {
        e.attributes
            .iter()
            .any(|a| a.key == "action" && a.value == "remove_publisher")
    }));
    let res = w.oracle.update(
        &mut w.app,
        &publisher,
        vec![price_update(&feed_id(1), 5, 0, 0, 1)],
    );
    assert_err(res, ContractError::Unauthorized { role: "publisher" });
}

#[test]
fn only_the_owner_manages_publishers() {
    let mut w = world();
    let (publisher, stranger) = (w.publisher.clone(), w.stranger.clone());
    let res = w.oracle.add_publisher(&mut w.app, &publisher, &stranger);
    assert_err(res, ContractError::Unauthorized { role: "owner" });
    let res = w.oracle.remove_publisher(&mut w.app, &stranger, &publisher);
    assert_err(res, ContractError::Unauthorized { role: "owner" });
}
