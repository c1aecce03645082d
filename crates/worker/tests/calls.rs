//! A call the worker cannot read is answered, not dropped: the page's caller is told
//! "refused" for its own call instead of waiting for an answer that never comes.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use customer_import_worker::protocol::{Call, MemoryUsed, Refusal, Request};

#[test]
fn a_known_call_is_read_whole() {
    let json = serde_json::to_string(&Call {
        id: 7,
        request: Request::MemoryUsed(MemoryUsed {}),
    })
    .unwrap();
    assert_eq!(Call::read(&json).unwrap().id, 7);
}

#[test]
fn a_call_of_another_build_is_refused_by_its_own_id() {
    let json = r#"{"id":42,"request":{"AskedOfANewerWorker":{"x":1}}}"#;
    assert_eq!(Call::read(json), Err((42, Refusal::BadRequest)));
}

#[test]
fn a_message_without_a_readable_id_is_refused_as_call_0() {
    for json in [
        "",
        "not json",
        r#"{"request":"MemoryUsed"}"#,
        r#"{"id":-1}"#,
    ] {
        assert_eq!(Call::read(json), Err((0, Refusal::BadRequest)), "{json:?}");
    }
}
