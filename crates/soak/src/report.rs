//! The run's report, in Markdown: the seed to replay it, the faults by kind, what was
//! imported, each invariant's verdict and the recovery times.

use std::{collections::BTreeMap, fmt::Write, time::Duration};

use crate::{
    check::Verdict,
    history::{Inner, Shown},
};

pub struct Run<'a> {
    pub seed: u64,
    /// How the soak was started (its arguments), to replay it.
    pub command: &'a str,
    pub length: Duration,
    pub clients: usize,
    pub history: &'a Inner,
    pub verdicts: &'a [Verdict],
    /// How long the drain took: every client done and the portal caught up.
    pub drained_in: Duration,
}

fn seconds(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

pub fn report(run: &Run) -> String {
    let h = run.history;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Soak report\n\nSeed **{}**; started as `{}`: the same with `--seed {}` replays the plan of faults (the load's timing is not seeded); {} of storm, {} importing clients and one undoing; drained in {}.\n",
        run.seed,
        run.command,
        run.seed,
        seconds(run.length),
        run.clients,
        seconds(run.drained_in),
    );
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &h.faults {
        *kinds.entry(f.kind).or_default() += 1;
    }
    let _ = writeln!(
        out,
        "## Faults injected: {}\n\n| kind | count |\n|---|---|",
        h.faults.len()
    );
    for (kind, n) in &kinds {
        let _ = writeln!(out, "| {kind} | {n} |");
    }
    let created = h
        .rows
        .iter()
        .filter(|r| matches!(r.shown, Shown::Created { .. }))
        .count();
    let _ = writeln!(
        out,
        "\n## Load\n\n{} rows shown: {created} created, {} refused or held back (each seventh row on purpose), in {} imports; {} undone ({} of them while their chunks were still arriving, {} from the app's history in the browser); {} answers from the load balancer while no instance could take them and {} answers 503 from an instance whose database was unreachable (all retried).\n",
        h.rows.len(),
        h.rows.len() - created,
        h.rows
            .iter()
            .map(|r| r.batch)
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        h.undone.len(),
        h.undone_arriving.len(),
        h.undone_by_browser.len(),
        h.unavailable,
        h.server_unavailable,
    );
    let _ = writeln!(out, "## Invariants\n\n| invariant | verdict |\n|---|---|");
    for v in run.verdicts {
        let verdict = if v.holds() {
            "holds".to_owned()
        } else {
            format!("**broken**: {}", v.broken.join("; ").replace('|', "\\|"))
        };
        let _ = writeln!(out, "| {} | {verdict} |", v.invariant);
    }
    let mut recovery: BTreeMap<&str, Vec<Duration>> = BTreeMap::new();
    let mut never = 0;
    for (kind, after) in h.recovery_times() {
        match after {
            Some(d) => recovery.entry(kind).or_default().push(d),
            None => never += 1,
        }
    }
    let _ = writeln!(
        out,
        "\n## Recovery: from a fault's end to the answer of the first request sent after it\n\n| kind | median | max |\n|---|---|---|"
    );
    let mut all: Vec<Duration> = Vec::new();
    for (kind, mut times) in recovery {
        times.sort();
        all.extend(&times);
        let _ = writeln!(
            out,
            "| {kind} | {} | {} |",
            seconds(times[times.len() / 2]),
            seconds(times[times.len() - 1])
        );
    }
    all.sort();
    if let (Some(median), Some(max)) = (all.get(all.len() / 2), all.last()) {
        let _ = writeln!(out, "| all | {} | {} |", seconds(*median), seconds(*max));
    }
    if never > 0 {
        let _ = writeln!(
            out,
            "\n{never} fault(s) were followed by no answered request before the run ended."
        );
    }
    out
}
