use ballast_oracle::error::ContractError;
use ballast_tests::assertions::assert_err;
use ballast_tests::oracle::{feed_id, price_update};
use ballast_types::oracle::MAX_FUTURE_SKEW;
use ballast_types::pyth::PriceIdentifier;

use crate::world;

#[test]
fn publisher_price_is_answered_in_pyth_shape() {
    let mut w = world();
    let id = feed_id(0xb7);
    w.oracle
        .update(
            &mut w.app,
            &w.publisher,
            vec![price_update(
                &id,
                6_500_000_000_000,
                2_000_000,
                -8,
                1_500_000_000,
            )],
        )
        .unwrap();
    let feed = w.oracle.query_price_feed(&w.app, &id).unwrap().price_feed;
    assert_eq!(feed.id, id);
    assert_eq!(feed.price.price.i64(), 6_500_000_000_000);
    assert_eq!(feed.price.conf.u64(), 2_000_000);
    assert_eq!(feed.price.expo, -8);
    assert_eq!(feed.price.publish_time, 1_500_000_000);
    assert_eq!(feed.ema_price, feed.price);
}

#[test]
fn uppercase_id_reads_the_same_feed() {
    let mut w = world();
    let lower = feed_id(0xab);
    let upper = PriceIdentifier(lower.0.to_ascii_uppercase());
    w.oracle
        .update(
            &mut w.app,
            &w.publisher,
            vec![price_update(&upper, 5, 0, 0, 10)],
        )
        .unwrap();
    assert_eq!(
        w.oracle
            .query_price_feed(&w.app, &lower)
            .unwrap()
            .price_feed
            .price
            .price
            .i64(),
        5
    );
}

#[test]
fn stranger_cannot_publish() {
    let mut w = world();
    let res = w.oracle.update(
        &mut w.app,
        &w.stranger,
        vec![price_update(&feed_id(1), 5, 0, 0, 10)],
    );
    assert_err(res, ContractError::Unauthorized { role: "publisher" });
}

#[test]
fn non_positive_price_is_refused() {
    let mut w = world();
    for price in [0, -1] {
        let res = w.oracle.update(
            &mut w.app,
            &w.publisher,
            vec![price_update(&feed_id(1), price, 0, 0, 10)],
        );
        assert_err(
            res,
            ContractError::NonPositivePrice {
                id: feed_id(1).0,
                price,
            },
        );
    }
}

#[test]
fn older_publish_time_is_refused() {
    let mut w = world();
    let id = feed_id(2);
    w.oracle
        .update(
            &mut w.app,
            &w.publisher,
            vec![price_update(&id, 5, 0, 0, 100)],
        )
        .unwrap();
    let res = w.oracle.update(
        &mut w.app,
        &w.publisher,
        vec![price_update(&id, 6, 0, 0, 99)],
    );
    assert_err(
        res,
        ContractError::OlderPrice {
            id: id.0.clone(),
            stored: 100,
            received: 99,
        },
    );
    assert_eq!(
        w.oracle
            .query_price_feed(&w.app, &id)
            .unwrap()
            .price_feed
            .price
            .price
            .i64(),
        5
    );
}

#[test]
fn a_bad_feed_leaves_the_whole_update_unapplied() {
    let mut w = world();
    let (good, bad) = (feed_id(3), feed_id(4));
    let res = w.oracle.update(
        &mut w.app,
        &w.publisher,
        vec![
            price_update(&good, 5, 0, 0, 100),
            price_update(&bad, -5, 0, 0, 100),
        ],
    );
    assert_err(
        res,
        ContractError::NonPositivePrice {
            id: bad.0.clone(),
            price: -5,
        },
    );
    let err = w.oracle.query_price_feed(&w.app, &good).unwrap_err();
    let expected = ContractError::FeedNotFound { id: good.0.clone() };
    assert!(err.to_string().contains(&expected.to_string()), "{err}");
}

#[test]
fn malformed_feed_id_is_refused() {
    let mut w = world();
    let id = PriceIdentifier("0xabc".to_string());
    let res = w.oracle.update(
        &mut w.app,
        &w.publisher,
        vec![price_update(&id, 5, 0, 0, 10)],
    );
    assert_err(
        res,
        ContractError::InvalidFeedId {
            id: "0xabc".to_string(),
        },
    );
}

#[test]
fn the_same_feed_twice_in_one_update_is_refused() {
    let mut w = world();
    let id = feed_id(5);
    let res = w.oracle.update(
        &mut w.app,
        &w.publisher,
        vec![
            price_update(&id, 5, 0, 0, 10),
            price_update(&id, 6, 0, 0, 11),
        ],
    );
    assert_err(res, ContractError::DuplicateFeed { id: id.0.clone() });
}

#[test]
fn a_publish_time_beyond_the_skew_is_refused() {
    // Stored, it would make every correct price after it "older" and freeze the feed until then; the
    // perp market reads a price up to the same skew ahead as fresh.
    let mut w = world();
    let id = feed_id(3);
    let now = i64::try_from(w.app.block_info().time.seconds()).unwrap();
    let skew = i64::try_from(MAX_FUTURE_SKEW).unwrap();
    assert_eq!(skew, 5);
    for ahead in [3_600, skew + 1] {
        let beyond = price_update(&id, 5, 0, 0, now + ahead);
        let res = w.oracle.update(&mut w.app, &w.publisher, vec![beyond]);
        assert_err(
            res,
            ContractError::FuturePublishTime {
                id: id.0.clone(),
                publish_time: now + ahead,
                now,
                max_skew: skew,
            },
        );
    }
    let within = price_update(&id, 5, 0, 0, now + skew);
    w.oracle
        .update(&mut w.app, &w.publisher, vec![within])
        .unwrap();
    assert_eq!(
        w.oracle
            .query_price_feed(&w.app, &id)
            .unwrap()
            .price_feed
            .price
            .publish_time,
        now + skew
    );
}
