//! The save loop driven as the component drives it, with the worker's and the
//! server's answers made up.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use std::collections::BTreeMap;

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

/// The body of a [`Action::Send`], read back.
fn sent(action: &Action) -> (i64, String, ImportChunk) {
    match action {
        Action::Send { project, key, body } => {
            (*project, key.clone(), serde_json::from_str(body).unwrap())
        }
        other => panic!("expected a send, got {other:?}"),
    }
}

/// Starts a run into `target` and has the worker hand over `numbers` as one chunk.
fn send_chunk(saver: &mut SaveLoop, target: Target, numbers: &[u64], key: &str) -> Action {
    let first = saver
        .start(target, numbers.len(), false, Some("kunder.csv"))
        .unwrap();
    assert_eq!(first, Action::TakeChunk { max: CHUNK_ROWS });
    let indices = (0..numbers.len()).collect();
    saver.took(indices, rows(numbers), key.to_owned())
}

/// Answers `numbers` as created in `batch` and runs to the end of the review.
fn answer_and_finish(saver: &mut SaveLoop, batch: i64, numbers: &[u64]) {
    let apply = saver.answered(Ok(created(batch, numbers)));
    assert!(matches!(apply, Action::Apply { .. }), "{apply:?}");
    assert_eq!(saver.applied(true), Action::TakeChunk { max: CHUNK_ROWS });
    assert_eq!(
        saver.took(Vec::new(), Vec::new(), "unused".into()),
        Action::Stop
    );
    assert_eq!(saver.progress().phase, Phase::Finished);
}

#[test]
fn choosing_another_project_starts_a_new_batch() {
    let mut saver = SaveLoop::default();
    let first = send_chunk(&mut saver, A, &[2, 3], "k1");
    assert_eq!(sent(&first).2.batch_id, None);
    assert_eq!(sent(&first).2.file_name.as_deref(), Some("kunder.csv"));
    answer_and_finish(&mut saver, 7, &[2, 3]);
    assert_eq!(saver.batch_id(), Some(7));

    // Rows corrected in the same review join the same batch.
    let again = send_chunk(&mut saver, A, &[4], "k2");
    assert_eq!(sent(&again).2.batch_id, Some(7));
    answer_and_finish(&mut saver, 7, &[4]);

    // Another project: its own batch, sent to it, never the first project's.
    let b = Target {
        project: 2,
        review: 2,
    };
    let other = send_chunk(&mut saver, b, &[2, 3], "k3");
    let (project, _, body) = sent(&other);
    assert_eq!((project, body.batch_id), (2, None));
    assert_eq!(saver.batch_id(), None);
    answer_and_finish(&mut saver, 9, &[2, 3]);
    assert_eq!(saver.batch_id(), Some(9));
}

#[test]
fn a_new_review_or_project_forgets_a_chunk_of_rows_it_does_not_have() {
    let mut saver = SaveLoop::default();
    send_chunk(&mut saver, A, &[2], "k1");
    saver.stop();
    assert_eq!(saver.answered(Err(ApiFailure::Network)), Action::Stop);
    assert!(saver.unanswered().is_some());
    let rebuilt = Target {
        project: 1,
        review: 2,
    };
    assert_eq!(
        saver.start(rebuilt, 1, false, None),
        Some(Action::TakeChunk { max: CHUNK_ROWS })
    );
    assert!(saver.unanswered().is_none());
}

#[test]
fn a_lost_answer_keeps_the_chunk_and_it_goes_again_byte_for_byte_with_its_key() {
    let mut saver = SaveLoop::default();
    let first = send_chunk(&mut saver, A, &[2, 3], "k1");
    assert!(matches!(
        saver.answered(Err(ApiFailure::Unavailable(None))),
        Action::Wait(_)
    ));
    assert_eq!(saver.progress().phase, Phase::Retrying);
    assert_eq!(saver.waited(), first, "same project, key and bytes");

    // The user stops while it is retried: the run ends, the chunk stays awaited
    // (its rows locked in the review) and nothing new is taken.
    assert!(matches!(
        saver.answered(Err(ApiFailure::Network)),
        Action::Wait(_)
    ));
    saver.stop();
    assert_eq!(saver.waited(), Action::Stop);
    assert_eq!(saver.progress().phase, Phase::Cancelled);
    assert_eq!(saver.unanswered().map(|c| c.rows.clone()), Some(vec![0, 1]));

    // The next run asks about it first, as it was sent, before taking any more rows.
    let resumed = saver.start(A, 5, false, None).unwrap();
    assert_eq!(resumed, first);
    assert_eq!(saver.progress().total, 7);
    assert_eq!(
        saver.answered(Ok(created(7, &[2, 3]))),
        Action::Apply {
            rows: vec![0, 1],
            verdicts: created(7, &[2, 3]).verdicts
        }
    );
    // Recorded: the rows are unlocked and the chunk is done with.
    assert_eq!(saver.applied(true), Action::TakeChunk { max: CHUNK_ROWS });
    assert!(saver.unanswered().is_none());
    assert_eq!(saver.progress().done, 2);
}

#[test]
fn an_answer_the_review_cannot_record_keeps_the_rows_locked() {
    let mut saver = SaveLoop::default();
    let first = send_chunk(&mut saver, A, &[2], "k1");
    saver.answered(Ok(created(7, &[99])));
    assert_eq!(saver.applied(false), Action::Stop);
    assert_eq!(
        saver.progress().phase,
        Phase::Failed("net.bad_answer".into())
    );
    assert_eq!(saver.start(A, 0, false, None), Some(first));
}

#[test]
fn unavailable_gateways_networks_and_a_busy_first_attempt_are_retried_with_backoff() {
    let mut saver = SaveLoop::default();
    let first = send_chunk(&mut saver, A, &[2], "k1");
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
        let Action::Wait(delay) = saver.answered(Err(failure)) else {
            panic!("not retried")
        };
        delays.push(delay.as_millis());
        assert_eq!(saver.waited(), first);
    }
    assert_eq!(delays, [500, 1_000, 2_000, 30_000, 8_000, 15_000, 15_000]);
}

#[test]
fn retrying_goes_on_for_half_an_hour_then_leaves_the_chunk_to_the_user() {
    let mut saver = SaveLoop::default();
    let first = send_chunk(&mut saver, A, &[2], "k1");
    let mut waited = Duration::ZERO;
    let phase = loop {
        match saver.answered(Err(ApiFailure::Unavailable(None))) {
            Action::Wait(delay) => {
                waited += delay;
                assert_eq!(saver.waited(), first);
            }
            Action::Stop => break saver.progress().phase.clone(),
            other => panic!("{other:?}"),
        }
    };
    assert!(
        waited > RETRY_FOR - RETRY_CAP && waited <= RETRY_FOR,
        "{waited:?}"
    );
    assert_eq!(phase, Phase::Failed("net.unavailable".into()));
    // Still awaited: sending again later asks about the same chunk.
    assert_eq!(saver.start(A, 0, false, None), Some(first));
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
    send_chunk(&mut saver, A, &[2, 3], "k1");
    let refused = ApiFailure::Refused("auth.unauthenticated".into());
    assert_eq!(
        saver.answered(Err(refused)),
        Action::Release { rows: vec![0, 1] }
    );
    assert_eq!(saver.released(), Action::Stop);
    assert_eq!(
        saver.progress().phase,
        Phase::Failed("auth.unauthenticated".into())
    );
    assert!(saver.unanswered().is_none());
    // The next run takes them afresh, with a new key.
    assert_eq!(
        saver.start(A, 2, false, None),
        Some(Action::TakeChunk { max: CHUNK_ROWS })
    );
}

#[test]
fn a_refusal_after_a_lost_answer_keeps_the_rows_locked() {
    let mut saver = SaveLoop::default();
    send_chunk(&mut saver, A, &[2, 3], "k1");
    // The first attempt may have been carried out: its answer never came.
    assert!(matches!(
        saver.answered(Err(ApiFailure::Network)),
        Action::Wait(_)
    ));
    assert!(matches!(saver.waited(), Action::Send { .. }));
    // Meanwhile the portal's token expired: this refusal says nothing of the first.
    let refused = ApiFailure::Refused("auth.unauthenticated".into());
    assert_eq!(saver.answered(Err(refused)), Action::Stop);
    assert_eq!(saver.unanswered().map(|c| c.rows.clone()), Some(vec![0, 1]));
    // The next run sends the very same chunk again, with its key.
    assert!(matches!(
        saver.start(A, 0, false, None),
        Some(Action::Send { key, .. }) if key == "k1"
    ));
}

#[test]
fn a_server_fault_keeps_the_rows_locked_for_the_user_to_send_again() {
    for failure in [
        ApiFailure::Refused("server.internal".into()),
        ApiFailure::BadAnswer,
    ] {
        let mut saver = SaveLoop::default();
        let first = send_chunk(&mut saver, A, &[2], "k1");
        assert_eq!(saver.answered(Err(failure.clone())), Action::Stop);
        assert_eq!(
            saver.progress().phase,
            Phase::Failed(failure.key().to_owned())
        );
        assert_eq!(saver.start(A, 0, false, None), Some(first));
    }
}

#[test]
fn stopping_takes_effect_between_chunks() {
    let mut saver = SaveLoop::default();
    send_chunk(&mut saver, A, &[2], "k1");
    // Stopped while the chunk is in flight: its answer is still recorded.
    saver.stop();
    assert!(matches!(
        saver.answered(Ok(created(7, &[2]))),
        Action::Apply { .. }
    ));
    assert_eq!(saver.applied(true), Action::Stop);
    assert_eq!(saver.progress().phase, Phase::Cancelled);
    assert_eq!(saver.progress().done, 1);

    // Stopped while the worker hands over rows: they were never sent, so they are
    // unlocked at once.
    assert_eq!(
        saver.start(A, 1, false, None),
        Some(Action::TakeChunk { max: CHUNK_ROWS })
    );
    saver.stop();
    assert_eq!(
        saver.took(vec![1], rows(&[3]), "k2".into()),
        Action::Release { rows: vec![1] }
    );
    assert_eq!(saver.released(), Action::Stop);
    assert_eq!(saver.progress().phase, Phase::Cancelled);
    assert!(saver.unanswered().is_none());
}

#[test]
fn a_run_is_not_started_twice_and_stopping_an_ended_run_does_nothing() {
    let mut saver = SaveLoop::default();
    saver.stop();
    assert!(!saver.stop_requested());
    send_chunk(&mut saver, A, &[2], "k1");
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
    let first = saver.took(vec![0], rows(&[2]), "k1".into());
    assert_eq!(sent(&first).2.file_name.as_deref(), Some("kunder.csv"));
    let mut unnamed = SaveLoop::default();
    unnamed.start(A, 1, false, Some("  "));
    let first = unnamed.took(vec![0], rows(&[2]), "k1".into());
    assert_eq!(sent(&first).2.file_name, None);
}
