//! The save loop driven as the component drives it, with the worker's and the
//! server's answers made up: the bodies written as the worker writes them, the
//! answers' texts as the server writes them.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use std::collections::BTreeMap;

use customer_import_domain::wire::{ImportChunk, ImportResult, ImportRow, Verdict};
use customer_import_worker::sending::chunk_body;

use super::*;

const A: Target = Target {
    project: 1,
    review: 1,
};

fn rows(numbers: &[u64]) -> Vec<ImportRow> {
    numbers
        .iter()
        .map(|&row| ImportRow {
            row,
            values: BTreeMap::from([("name".to_owned(), format!("Kunde {row}"))]),
            version: None,
        })
        .collect()
}

fn created(batch_id: i64, numbers: &[u64]) -> ImportResult {
    ImportResult {
        batch_id,
        verdicts: numbers
            .iter()
            .map(|&row| Verdict::Created {
                row,
                customer_id: row as i64,
            })
            .collect(),
    }
}

/// The server's answer creating `numbers` in `batch_id`, as the page reads it.
fn imported(batch_id: i64, numbers: &[u64]) -> Imported {
    Imported::read(serde_json::to_string(&created(batch_id, numbers)).unwrap()).unwrap()
}

fn take() -> Action {
    Action::TakeChunk { max: CHUNK_ROWS }
}

/// The one action started, or a failed test.
fn only(actions: Vec<Action>) -> Action {
    assert_eq!(actions.len(), 1, "{actions:?}");
    actions.into_iter().next().unwrap()
}

/// The chunk, project, key and body of a [`Action::Send`], read back.
fn sent(action: &Action) -> (ChunkId, i64, String, ImportChunk) {
    match action {
        Action::Send {
            chunk,
            project,
            key,
            body,
        } => (
            *chunk,
            *project,
            key.clone(),
            serde_json::from_str(body).unwrap(),
        ),
        other => panic!("expected a send, got {other:?}"),
    }
}

fn id(action: &Action) -> ChunkId {
    sent(action).0
}

/// The worker hands over the rows at `indices`, numbered `numbers`, nothing left,
/// with the body it writes for them and what the loop says goes with them.
fn took(saver: &mut SaveLoop, indices: &[usize], numbers: &[u64], key: &str) -> Vec<Action> {
    let body = if numbers.is_empty() {
        String::new()
    } else {
        chunk_body(saver.chunk_head(), None, 0, rows(numbers)).unwrap()
    };
    saver.took(indices.to_vec(), body, key.to_owned(), 0)
}

/// Starts a run into `target` and has the worker hand over `numbers` as the first
/// chunk: its send, alone, since no batch is known yet.
fn send_first(saver: &mut SaveLoop, target: Target, numbers: &[u64], key: &str) -> Action {
    let first = saver
        .start(target, numbers.len(), false, Some("kunder.csv"))
        .unwrap();
    assert_eq!(first, [take()]);
    let indices: Vec<usize> = (0..numbers.len()).collect();
    only(took(saver, &indices, numbers, key))
}

/// Answers chunk `chunk` as `numbers` created in `batch` and has the review record
/// them; what the loop starts then.
fn answer(saver: &mut SaveLoop, chunk: ChunkId, batch: i64, numbers: &[u64]) -> Vec<Action> {
    let apply = only(saver.answered(chunk, Ok(imported(batch, numbers))));
    assert!(
        matches!(apply, Action::Apply { chunk: c, .. } if c == chunk),
        "{apply:?}"
    );
    saver.applied(chunk, true)
}

/// Answers the only chunk in flight and runs to the end of the review.
fn answer_and_finish(saver: &mut SaveLoop, chunk: ChunkId, batch: i64, numbers: &[u64]) {
    assert_eq!(answer(saver, chunk, batch, numbers), [take()]);
    assert_eq!(took(saver, &[], &[], "unused"), []);
    assert_eq!(saver.progress().phase, Phase::Finished);
}

/// Starts a run into `A` that knows batch 7 (a first chunk of row 2 answered), with
/// three chunks of the review in flight: rows 3–4, 5–6 and 7–8 (review rows 1–6).
fn three_in_flight(saver: &mut SaveLoop) -> [Action; 3] {
    let first = send_first(saver, A, &[2], "k1");
    assert_eq!(answer(saver, id(&first), 7, &[2]), [take()]);
    let [c1, t] = took(saver, &[1, 2], &[3, 4], "k2").try_into().unwrap();
    assert_eq!(t, take());
    let [c2, t] = took(saver, &[3, 4], &[5, 6], "k3").try_into().unwrap();
    assert_eq!(t, take());
    let c3 = only(took(saver, &[5, 6], &[7, 8], "k4"));
    for chunk in [&c1, &c2, &c3] {
        assert_eq!(
            sent(chunk).3.batch_id,
            Some(7),
            "later chunks join the batch"
        );
    }
    [c1, c2, c3]
}

fn unanswered_rows(saver: &SaveLoop) -> Vec<Vec<usize>> {
    saver.unanswered().map(|c| c.rows.clone()).collect()
}

#[test]
fn choosing_another_project_starts_a_new_batch() {
    let mut saver = SaveLoop::default();
    let first = send_first(&mut saver, A, &[2, 3], "k1");
    assert_eq!(sent(&first).3.batch_id, None);
    assert_eq!(sent(&first).3.file_name.as_deref(), Some("kunder.csv"));
    answer_and_finish(&mut saver, id(&first), 7, &[2, 3]);
    assert_eq!(saver.batch_id(), Some(7));

    // Rows corrected in the same review join the same batch; with the batch known,
    // the next chunk is taken beside it.
    assert_eq!(saver.start(A, 1, false, None), Some(vec![take()]));
    let [again, t] = took(&mut saver, &[0], &[4], "k2").try_into().unwrap();
    assert_eq!((sent(&again).3.batch_id, t), (Some(7), take()));
    assert_eq!(took(&mut saver, &[], &[], "unused"), []);
    assert_eq!(answer(&mut saver, id(&again), 7, &[4]), []);
    assert_eq!(saver.progress().phase, Phase::Finished);

    // Another project: its own batch, sent to it, never the first project's.
    let b = Target {
        project: 2,
        review: 2,
    };
    let other = send_first(&mut saver, b, &[2, 3], "k3");
    let (_, project, _, body) = sent(&other);
    assert_eq!((project, body.batch_id), (2, None));
    assert_eq!(saver.batch_id(), None);
    answer_and_finish(&mut saver, id(&other), 9, &[2, 3]);
    assert_eq!(saver.batch_id(), Some(9));
}

#[test]
fn the_first_chunk_goes_alone_then_several_are_in_flight_answered_in_any_order() {
    let mut saver = SaveLoop::default();
    let [c1, c2, c3] = three_in_flight(&mut saver);
    assert_eq!(saver.unanswered().count(), 3);
    let keys: Vec<String> = [&c1, &c2, &c3].iter().map(|c| sent(c).2).collect();
    assert_eq!(keys, ["k2", "k3", "k4"], "each chunk its own key");

    // The last sent is answered first: recorded at once, and its place is taken.
    assert_eq!(answer(&mut saver, id(&c3), 7, &[7, 8]), [take()]);
    assert_eq!(saver.progress().done, 3);
    assert_eq!(saver.progress().phase, Phase::Sending);
    // The worker has no rows left, but two chunks are still in flight: not finished.
    assert_eq!(took(&mut saver, &[], &[], "unused"), []);
    assert_eq!(saver.progress().phase, Phase::Sending);
    assert_eq!(answer(&mut saver, id(&c1), 7, &[3, 4]), []);
    assert!(saver.progress().is_running());
    assert_eq!(answer(&mut saver, id(&c2), 7, &[5, 6]), []);
    assert_eq!(saver.progress().phase, Phase::Finished);
    assert_eq!(saver.progress().done, 7);
    assert_eq!(saver.unanswered().count(), 0);
}

#[test]
fn a_run_finishes_only_when_the_worker_has_no_ready_rows_left() {
    let mut saver = SaveLoop::default();
    assert_eq!(saver.start(A, 4, false, None), Some(vec![take()]));
    // The worker handed over nothing although it counts ready rows.
    assert_eq!(saver.took(Vec::new(), String::new(), "k1".into(), 4), []);
    assert_eq!(
        saver.progress().phase,
        Phase::Failed(ROWS_NOT_TAKEN.to_owned())
    );
}

#[test]
fn one_lost_answer_is_retried_with_its_key_while_the_others_complete() {
    let mut saver = SaveLoop::default();
    let [c1, c2, c3] = three_in_flight(&mut saver);
    let wait = only(saver.answered(id(&c2), Err(ApiFailure::Network)));
    assert!(
        matches!(wait, Action::Wait { chunk, .. } if chunk == id(&c2)),
        "{wait:?}"
    );
    assert_eq!(saver.progress().phase, Phase::Retrying);
    // The others are recorded; no new rows are taken while c2's fate is unknown.
    assert_eq!(answer(&mut saver, id(&c1), 7, &[3, 4]), []);
    assert_eq!(answer(&mut saver, id(&c3), 7, &[7, 8]), []);
    assert_eq!(saver.progress().phase, Phase::Retrying);
    assert_eq!(unanswered_rows(&saver), [vec![3, 4]]);
    // Sent again byte for byte, with its key.
    assert_eq!(saver.waited(id(&c2)), std::slice::from_ref(&c2));
    assert_eq!(saver.progress().phase, Phase::Sending);
    assert_eq!(answer(&mut saver, id(&c2), 7, &[5, 6]), [take()]);
    assert_eq!(took(&mut saver, &[], &[], "unused"), []);
    assert_eq!(saver.progress().phase, Phase::Finished);
    assert_eq!(saver.progress().done, 7);
}

#[test]
fn stopping_with_several_in_flight_lets_them_settle_and_keeps_the_unanswered() {
    let mut saver = SaveLoop::default();
    let [c1, c2, c3] = three_in_flight(&mut saver);
    let wait = only(saver.answered(id(&c1), Err(ApiFailure::Unavailable(None))));
    assert!(matches!(wait, Action::Wait { .. }));
    saver.stop();
    assert!(saver.stop_requested());
    // An answer that comes is still recorded; a lost one is not sent again now.
    assert_eq!(answer(&mut saver, id(&c2), 7, &[5, 6]), []);
    assert_eq!(saver.answered(id(&c3), Err(ApiFailure::Network)), []);
    assert!(
        saver.progress().is_running(),
        "c1's pause is still outstanding"
    );
    assert_eq!(saver.waited(id(&c1)), []);
    assert_eq!(saver.progress().phase, Phase::Cancelled);
    assert!(!saver.stop_requested());
    assert_eq!(saver.progress().done, 3);
    assert_eq!(unanswered_rows(&saver), [vec![1, 2], vec![5, 6]]);

    // The next run sends both first, as they were sent, and takes new rows only
    // once their fate is known.
    assert_eq!(
        saver.start(A, 2, false, None),
        Some(vec![c1.clone(), c3.clone()])
    );
    assert_eq!(saver.progress().total, 6);
    assert_eq!(answer(&mut saver, id(&c3), 7, &[7, 8]), []);
    assert_eq!(answer(&mut saver, id(&c1), 7, &[3, 4]), [take()]);
    let [c4, t] = took(&mut saver, &[7, 8], &[9, 10], "k5")
        .try_into()
        .unwrap();
    assert_eq!((sent(&c4).3.batch_id, t), (Some(7), take()));
    assert_eq!(took(&mut saver, &[], &[], "unused"), []);
    assert_eq!(answer(&mut saver, id(&c4), 7, &[9, 10]), []);
    assert_eq!(saver.progress().phase, Phase::Finished);
    assert_eq!(saver.progress().done, 6);
}

#[test]
fn a_refusal_of_one_chunk_unlocks_only_its_rows_and_ends_the_run_once_all_settle() {
    let mut saver = SaveLoop::default();
    let [c1, c2, c3] = three_in_flight(&mut saver);
    let refused = ApiFailure::Refused("auth.unauthenticated".into());
    assert_eq!(
        saver.answered(id(&c2), Err(refused)),
        [Action::Release {
            chunk: id(&c2),
            rows: vec![3, 4]
        }]
    );
    // The others settle: one answered and recorded, one lost and kept.
    assert_eq!(answer(&mut saver, id(&c1), 7, &[3, 4]), []);
    assert_eq!(saver.answered(id(&c3), Err(ApiFailure::Network)), []);
    assert!(
        saver.progress().is_running(),
        "c2's rows are being unlocked"
    );
    assert_eq!(saver.released(id(&c2)), []);
    assert_eq!(
        saver.progress().phase,
        Phase::Failed("auth.unauthenticated".into())
    );
    assert_eq!(unanswered_rows(&saver), [vec![5, 6]]);
}

#[test]
fn a_pause_before_a_retry_ends_when_another_chunk_fails_the_run() {
    let mut saver = SaveLoop::default();
    let [c1, c2, _] = three_in_flight(&mut saver);
    assert!(matches!(
        only(saver.answered(id(&c1), Err(ApiFailure::Unavailable(None)))),
        Action::Wait { .. }
    ));
    assert!(!saver.ending());
    let refused = ApiFailure::Refused("auth.forbidden".into());
    saver.answered(id(&c2), Err(refused));
    // c1 will not be sent again in this run: its pause need not be waited out.
    assert!(saver.ending());
    assert!(!saver.stop_requested());
    assert_eq!(saver.waited(id(&c1)), []);
}

#[test]
fn a_new_review_or_project_forgets_a_chunk_of_rows_it_does_not_have() {
    let mut saver = SaveLoop::default();
    let first = send_first(&mut saver, A, &[2], "k1");
    saver.stop();
    assert_eq!(saver.answered(id(&first), Err(ApiFailure::Network)), []);
    assert_eq!(saver.unanswered().count(), 1);
    let rebuilt = Target {
        project: 1,
        review: 2,
    };
    assert_eq!(saver.start(rebuilt, 1, false, None), Some(vec![take()]));
    assert_eq!(saver.unanswered().count(), 0);
}

#[test]
fn a_lost_answer_keeps_the_chunk_and_it_goes_again_byte_for_byte_with_its_key() {
    let mut saver = SaveLoop::default();
    let first = send_first(&mut saver, A, &[2, 3], "k1");
    let chunk = id(&first);
    assert!(matches!(
        only(saver.answered(chunk, Err(ApiFailure::Unavailable(None)))),
        Action::Wait { .. }
    ));
    assert_eq!(saver.progress().phase, Phase::Retrying);
    assert_eq!(
        saver.waited(chunk),
        std::slice::from_ref(&first),
        "same project, key and bytes"
    );

    // The user stops while it is retried: the run ends, the chunk stays awaited
    // (its rows locked in the review) and nothing new is taken.
    assert!(matches!(
        only(saver.answered(chunk, Err(ApiFailure::Network))),
        Action::Wait { .. }
    ));
    saver.stop();
    assert_eq!(saver.waited(chunk), []);
    assert_eq!(saver.progress().phase, Phase::Cancelled);
    assert_eq!(unanswered_rows(&saver), [vec![0, 1]]);

    // The next run asks about it first, as it was sent, before taking any more rows.
    assert_eq!(saver.start(A, 5, false, None), Some(vec![first]));
    assert_eq!(saver.progress().total, 7);
    assert_eq!(
        saver.answered(chunk, Ok(imported(7, &[2, 3]))),
        [Action::Apply {
            chunk,
            rows: vec![0, 1],
            // Handed to the worker as it came.
            response_text: serde_json::to_string(&created(7, &[2, 3])).unwrap()
        }]
    );
    // Recorded: the rows are unlocked and the chunk is done with.
    assert_eq!(saver.applied(chunk, true), [take()]);
    assert_eq!(saver.unanswered().count(), 0);
    assert_eq!(saver.progress().done, 2);
}

#[test]
fn an_answer_the_review_cannot_record_keeps_the_rows_locked() {
    let mut saver = SaveLoop::default();
    let first = send_first(&mut saver, A, &[2], "k1");
    saver.answered(id(&first), Ok(imported(7, &[99])));
    assert_eq!(saver.applied(id(&first), false), []);
    assert_eq!(
        saver.progress().phase,
        Phase::Failed("net.bad_answer".into())
    );
    assert_eq!(saver.start(A, 0, false, None), Some(vec![first]));
}

#[test]
fn unavailable_gateways_networks_and_a_busy_first_attempt_are_retried_with_backoff() {
    let mut saver = SaveLoop::default();
    let first = send_first(&mut saver, A, &[2], "k1");
    let failures = [
        ApiFailure::Unavailable(None), // 502, 504, 503 without Retry-After
        ApiFailure::Network,
        ApiFailure::Refused("import.in_progress".into()),
        ApiFailure::Unavailable(Some(Duration::from_secs(30))), // 503 Retry-After: 30
        ApiFailure::Unavailable(None),
        ApiFailure::Unavailable(None),
        ApiFailure::Unavailable(None),
    ];
    let mut delays = Vec::new();
    for failure in failures {
        let Action::Wait { delay, .. } = only(saver.answered(id(&first), Err(failure))) else {
            panic!("not retried")
        };
        delays.push(delay.as_millis());
        assert_eq!(saver.waited(id(&first)), std::slice::from_ref(&first));
    }
    assert_eq!(delays, [500, 1_000, 2_000, 30_000, 8_000, 15_000, 15_000]);
}

#[test]
fn retrying_goes_on_for_half_an_hour_then_leaves_the_chunk_to_the_user() {
    let mut saver = SaveLoop::default();
    let first = send_first(&mut saver, A, &[2], "k1");
    let mut waited = Duration::ZERO;
    let phase = loop {
        match saver
            .answered(id(&first), Err(ApiFailure::Unavailable(None)))
            .as_slice()
        {
            [Action::Wait { delay, .. }] => {
                waited += *delay;
                assert_eq!(saver.waited(id(&first)), std::slice::from_ref(&first));
            }
            [] => break saver.progress().phase.clone(),
            other => panic!("{other:?}"),
        }
    };
    assert!(
        waited > RETRY_FOR - RETRY_CAP && waited <= RETRY_FOR,
        "{waited:?}"
    );
    assert_eq!(phase, Phase::Failed("net.unavailable".into()));
    // Still awaited: sending again later asks about the same chunk.
    assert_eq!(saver.start(A, 0, false, None), Some(vec![first]));
}

#[test]
fn retry_delays_double_up_to_a_cap_and_honour_retry_after() {
    let ms = |attempt, after: Option<u64>| {
        retry_delay(attempt, after.map(Duration::from_secs)).as_millis()
    };
    assert_eq!(
        (1..=7).map(|a| ms(a, None)).collect::<Vec<_>>(),
        [500, 1_000, 2_000, 4_000, 8_000, 15_000, 15_000]
    );
    assert_eq!(ms(1_000, None), 15_000);
    assert_eq!(ms(1, Some(2)), 2_000);
    assert_eq!(ms(6, Some(2)), 15_000, "never sooner than the backoff");
    assert_eq!(ms(1, Some(86_400)), 120_000, "a day is too long to wait");
}

#[test]
fn a_refusal_before_anything_was_done_unlocks_the_rows() {
    let mut saver = SaveLoop::default();
    let first = send_first(&mut saver, A, &[2, 3], "k1");
    let refused = ApiFailure::Refused("auth.unauthenticated".into());
    assert_eq!(
        saver.answered(id(&first), Err(refused)),
        [Action::Release {
            chunk: id(&first),
            rows: vec![0, 1]
        }]
    );
    assert_eq!(saver.released(id(&first)), []);
    assert_eq!(
        saver.progress().phase,
        Phase::Failed("auth.unauthenticated".into())
    );
    assert_eq!(saver.unanswered().count(), 0);
    // The next run takes them afresh, with a new key.
    assert_eq!(saver.start(A, 2, false, None), Some(vec![take()]));
}

#[test]
fn a_refusal_after_a_lost_answer_keeps_the_rows_locked() {
    let mut saver = SaveLoop::default();
    let first = send_first(&mut saver, A, &[2, 3], "k1");
    // The first attempt may have been carried out: its answer never came.
    assert!(matches!(
        only(saver.answered(id(&first), Err(ApiFailure::Network))),
        Action::Wait { .. }
    ));
    assert!(matches!(
        only(saver.waited(id(&first))),
        Action::Send { .. }
    ));
    // Meanwhile the portal's token expired: this refusal says nothing of the first.
    let refused = ApiFailure::Refused("auth.unauthenticated".into());
    assert_eq!(saver.answered(id(&first), Err(refused)), []);
    assert_eq!(unanswered_rows(&saver), [vec![0, 1]]);
    // The next run sends the very same chunk again, with its key.
    assert!(matches!(
        saver.start(A, 0, false, None).as_deref(),
        Some([Action::Send { key, .. }]) if key == "k1"
    ));
}

#[test]
fn a_server_fault_keeps_the_rows_locked_for_the_user_to_send_again() {
    for failure in [
        ApiFailure::Refused("server.internal".into()),
        ApiFailure::BadAnswer,
    ] {
        let mut saver = SaveLoop::default();
        let first = send_first(&mut saver, A, &[2], "k1");
        assert_eq!(saver.answered(id(&first), Err(failure.clone())), []);
        assert_eq!(
            saver.progress().phase,
            Phase::Failed(failure.key().to_owned())
        );
        assert_eq!(saver.start(A, 0, false, None), Some(vec![first.clone()]));
        // The server may have created them then: a later refusal that says nothing
        // was done speaks only for itself, and the rows stay locked.
        let refused = ApiFailure::Refused("auth.unauthenticated".into());
        assert_eq!(saver.answered(id(&first), Err(refused)), []);
        assert_eq!(unanswered_rows(&saver), [vec![0]]);
    }
}

#[test]
fn a_worker_lost_before_the_verdicts_were_recorded_says_so_and_keeps_the_rows() {
    let mut saver = SaveLoop::default();
    let first = send_first(&mut saver, A, &[2], "k1");
    saver.answered(id(&first), Ok(imported(7, &[2])));
    assert_eq!(saver.apply_lost(id(&first)), []);
    assert_eq!(saver.progress().phase, Phase::Failed(WORKER_LOST.into()));
    assert_eq!(unanswered_rows(&saver), [vec![0]]);
}

#[test]
fn after_its_batch_was_undone_the_next_run_starts_a_new_one() {
    let mut saver = SaveLoop::default();
    let first = send_first(&mut saver, A, &[2], "k1");
    answer_and_finish(&mut saver, id(&first), 7, &[2]);
    assert_eq!(saver.batch_id(), Some(7));
    // The next run's chunk goes into batch 7, which was undone meanwhile.
    assert_eq!(saver.start(A, 1, false, None), Some(vec![take()]));
    let second = took(&mut saver, &[1], &[3], "k2").remove(0);
    assert_eq!(sent(&second).3.batch_id, Some(7));
    let undone = ApiFailure::Refused("import.batch_undone".into());
    assert!(
        saver
            .answered(id(&second), Err(undone))
            .iter()
            .any(|a| matches!(a, Action::Release { .. }))
    );
    assert_eq!(saver.batch_id(), None);
}

#[test]
fn a_refusal_after_an_answer_not_recorded_keeps_the_rows_locked() {
    let mut saver = SaveLoop::default();
    let first = send_first(&mut saver, A, &[2], "k1");
    saver.answered(id(&first), Ok(imported(7, &[2])));
    assert_eq!(saver.applied(id(&first), false), []);
    assert_eq!(saver.start(A, 0, false, None), Some(vec![first.clone()]));
    let refused = ApiFailure::Refused("auth.forbidden".into());
    assert_eq!(saver.answered(id(&first), Err(refused)), []);
    assert_eq!(unanswered_rows(&saver), [vec![0]]);
}

#[test]
fn stopping_takes_effect_between_chunks() {
    let mut saver = SaveLoop::default();
    let first = send_first(&mut saver, A, &[2], "k1");
    // Stopped while the chunk is in flight: its answer is still recorded.
    saver.stop();
    assert_eq!(answer(&mut saver, id(&first), 7, &[2]), []);
    assert_eq!(saver.progress().phase, Phase::Cancelled);
    assert_eq!(saver.progress().done, 1);

    // Stopped while the worker hands over rows: they were never sent, so they are
    // unlocked at once.
    assert_eq!(saver.start(A, 1, false, None), Some(vec![take()]));
    saver.stop();
    let release = only(took(&mut saver, &[1], &[3], "k2"));
    let Action::Release { chunk, rows } = release else {
        panic!("{release:?}")
    };
    assert_eq!(rows, [1]);
    assert_eq!(saver.released(chunk), []);
    assert_eq!(saver.progress().phase, Phase::Cancelled);
    assert_eq!(saver.unanswered().count(), 0);
}

#[test]
fn a_run_is_not_started_twice_and_stopping_an_ended_run_does_nothing() {
    let mut saver = SaveLoop::default();
    saver.stop();
    assert!(!saver.stop_requested());
    send_first(&mut saver, A, &[2], "k1");
    assert_eq!(saver.start(A, 1, false, None), None);
    assert!(saver.progress().is_running());
}

#[test]
fn failures_say_what_became_of_the_rows() {
    let wait = Some(Duration::from_secs(2));
    assert_eq!(Fate::of(&ApiFailure::Network), Fate::Retry(None));
    assert_eq!(Fate::of(&ApiFailure::Unavailable(wait)), Fate::Retry(wait));
    let refused = |code: &str| Fate::of(&ApiFailure::Refused(code.into()));
    assert_eq!(refused("import.in_progress"), Fate::Retry(None));
    assert_eq!(refused("auth.forbidden"), Fate::NotCreated);
    assert_eq!(refused("not_found"), Fate::NotCreated);
    assert_eq!(refused("server.internal"), Fate::Unknown);
    assert_eq!(refused("import.idempotency_key_reused"), Fate::Unknown);
    assert_eq!(Fate::of(&ApiFailure::BadAnswer), Fate::Unknown);
}

#[test]
fn every_chunk_names_the_file_without_any_folder() {
    let mut saver = SaveLoop::default();
    saver.start(A, 1, false, Some(r"C:\fakepath\kunder.csv"));
    let first = only(took(&mut saver, &[0], &[2], "k1"));
    assert_eq!(sent(&first).3.file_name.as_deref(), Some("kunder.csv"));
    let mut unnamed = SaveLoop::default();
    unnamed.start(A, 1, false, Some("  "));
    let first = only(took(&mut unnamed, &[0], &[2], "k1"));
    assert_eq!(sent(&first).3.file_name, None);
}

#[test]
fn every_chunk_tells_the_file_s_counts_and_a_full_batch_makes_way_for_a_new_one() {
    let mut saver = SaveLoop::default();
    assert_eq!(saver.start(A, 1, false, None), Some(vec![take()]));
    let told = Told {
        file_rows: 10,
        held_back: 2,
        left_out: 1,
    };
    saver.tell(told);
    let first = only(took(&mut saver, &[0], &[2], "k1"));
    let body = sent(&first).3;
    assert_eq!(
        (body.file_rows, body.held_back, body.left_out),
        (Some(10), Some(2), Some(1))
    );
    answer_and_finish(&mut saver, id(&first), 7, &[2]);
    // Rows the server refused, fixed and sent again once the batch holds the file's
    // rows: refused, and the next run starts a new batch.
    assert_eq!(saver.start(A, 1, false, None), Some(vec![take()]));
    let second = took(&mut saver, &[1], &[3], "k2").remove(0);
    assert_eq!(sent(&second).3.batch_id, Some(7));
    let full = ApiFailure::Refused("import.batch_full".into());
    saver.answered(id(&second), Err(full));
    assert_eq!(saver.batch_id(), None);
}
