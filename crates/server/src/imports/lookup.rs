//! The customers rows of a file would update (issue 28): the browser sends the unique
//! values of its rows (never a whole row) and gets, for each, the customer its key
//! names as it is now with its version, or that it names none, or two. Only in a
//! project the caller may import into (the route sits behind the project's access
//! layer), and at most [`MAX_LOOKUP_KEYS`] keys a request, so a file of 100,000 rows
//! asks in 20 requests and never reads the project whole.

use customer_import_domain::{
    update::{Found, identify},
    validate::Customer,
    wire::{CustomerLookup, CustomerLookupResult, KeyMatch, MAX_LOOKUP_KEYS},
};

use crate::{db::Db, error::AppError, imports::stored};

pub async fn lookup(
    db: &Db,
    project: i64,
    request: &CustomerLookup,
) -> Result<CustomerLookupResult, AppError> {
    if request.keys.is_empty() {
        return Err(AppError::BadRequest("lookup.no_keys"));
    }
    if request.keys.len() > MAX_LOOKUP_KEYS {
        return Err(AppError::TooLarge("lookup.too_many_keys"));
    }
    let rows: Vec<Customer> = request
        .keys
        .iter()
        .map(|k| Customer {
            email: k.email.clone(),
            external_id: k.external_id.clone(),
            ..Customer::default()
        })
        .collect();
    let key = request.match_key;
    let other = key.other();
    let values = |k: customer_import_domain::update::MatchKey| -> Vec<String> {
        rows.iter().filter_map(|r| k.of(r)).collect()
    };
    let (keys, others) = (values(key), values(other));
    let mut conn = db.pool.acquire().await?;
    let by_key = stored::by_key(
        &mut conn,
        project,
        key,
        &keys.iter().map(String::as_str).collect::<Vec<_>>(),
    )
    .await?;
    let by_other = stored::by_key(
        &mut conn,
        project,
        other,
        &others.iter().map(String::as_str).collect::<Vec<_>>(),
    )
    .await?;
    let matches = rows
        .iter()
        .map(|row| {
            let found = identify(key, row, |k, value| {
                let map = if k == key { &by_key } else { &by_other };
                map.get(value).map(|r| r.id)
            });
            match found {
                Found::New => KeyMatch::New,
                Found::Two(first, second) => KeyMatch::Two {
                    customer_ids: [first, second],
                },
                Found::Existing(_) => key.of(row).and_then(|value| by_key.get(&value)).map_or(
                    KeyMatch::New,
                    |stored| KeyMatch::Existing {
                        customer: stored.current(),
                    },
                ),
            }
        })
        .collect();
    Ok(CustomerLookupResult { matches })
}
